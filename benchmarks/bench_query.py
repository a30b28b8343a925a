"""Named queries on a 10,000-article graph: kept answers, the Oxigraph store, rdflib in memory.

    .venv/bin/python benchmarks/bench_query.py [--articles 10000] [--slice 1000] [--repeat 3] [--work DIR]

Builds (once, cached in ``--work``) a synthetic graph with benchmarks/corpus_for_query.py, its
graph.ttl, its store and the answers a build keeps (store/answers.py), then prints one table: each named
query's median time (over --repeat runs, the first one cold) as ``mzgraph query OUT --name`` answers
it (the kept answer, rows parsed into dicts), run live on the full store, live on a store of the ``--slice``-article slice,
and in rdflib's in-memory graph of that slice (rdflib is too slow to load and query the full graph
in a benchmark run); then ``mzgraph query`` processes end to end.
Targets: every named query ≤ 200 ms on the full graph; start-up ≤ 0.5 s.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_for_query import write_corpus  # noqa: E402

from mzgraph.store.answers import answer_query, write_answers  # noqa: E402
from mzgraph.query import named_queries, run_query  # noqa: E402
from mzgraph.rdf.turtle import write_turtle  # noqa: E402
from mzgraph.store import open_store, write_store  # noqa: E402

MZGRAPH = Path(sys.executable).parent / "mzgraph"
QUERY_TARGET_MS = 200
STARTUP_TARGET_S = 0.5


def prepare(work: Path, articles: int, seed: int) -> tuple[Path, int, dict[str, float]]:
    """(build-like folder: graph.ttl, store/, answers/; triples; seconds per step when made now)."""
    folder = work / f"a{articles}-s{seed}"
    nt = folder / "graph.nt"
    steps: dict[str, float] = {}
    if not (folder / "store").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        write_corpus(nt, articles, seed=seed)
        steps["corpus"] = time.perf_counter() - t
        t = time.perf_counter()
        write_store(folder, nt)
        steps["store"] = time.perf_counter() - t
    if not (folder / "graph.ttl").is_file():
        with nt.open(encoding="utf-8") as lines, (folder / "graph.ttl").open("w", encoding="utf-8") as fh:
            write_turtle(sorted(lines), fh)
    if not (folder / "answers" / "index.json").is_file():
        t = time.perf_counter()
        write_answers(folder)
        steps["answers"] = time.perf_counter() - t
    return folder, len(open_store(folder)), steps


def timed(fn, repeat: int) -> tuple[float, object]:
    """Median wall time (ms) of ``repeat`` calls (the first one warms the caches), and the last result."""
    result = None
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), result


def _with_rows(result):
    """The rows of a kept answer are parsed when first read: time that too (the Python API's cost)."""
    result.rows
    return result


def startup(args: list[str], repeat: int) -> float:
    """Median wall time (s) of a fresh ``mzgraph`` process."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run([str(MZGRAPH), *args], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--slice", type=int, default=1_000, help="articles in the slice rdflib is compared on")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--work", type=Path, default=Path("/tmp/mzgraph-bench-query"))
    args = ap.parse_args(argv)

    full, n_full, steps = prepare(args.work, args.articles, args.seed)
    part, n_part, _ = prepare(args.work, args.slice, args.seed)
    made = ", ".join(f"{k} {v:.1f} s" for k, v in steps.items())
    print(f"full graph: {args.articles} articles, {n_full:,} triples in {full}" + (f" (made now: {made})" if made else " (cached)"))
    print(f"slice:      {args.slice} articles, {n_part:,} triples")

    from rdflib import Graph

    t = time.perf_counter()
    rdf = Graph().parse(part / "graph.nt", format="nt")
    rdflib_load = time.perf_counter() - t

    store_full, store_part = open_store(full), open_store(part)
    print()
    print("| query | rows (full) | kept answer, full (ms) | Oxigraph store live, full (ms) "
          "| Oxigraph store live, slice (ms) | rdflib memory, slice (ms) | rows (slice) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    worst = 0.0
    for name, sparql in named_queries().items():
        ms_kept, kept = timed(lambda: _with_rows(answer_query(full, sparql)), args.repeat)
        ms_full, res = timed(lambda: run_query(store_full, sparql), args.repeat)
        ms_part, res_part = timed(lambda: run_query(store_part, sparql), args.repeat)
        ms_rdf, rows_rdf = timed(lambda: list(rdf.query(sparql)), 1)
        if kept.csv_text is None or kept.rows != res.rows:
            print(f"  ! {name}: the kept answer is missing or differs from the store's")
        if len(rows_rdf) != len(res_part.rows):
            print(f"  ! {name}: rdflib {len(rows_rdf)} rows, Oxigraph {len(res_part.rows)} rows on the slice")
        worst = max(worst, ms_kept)
        print(f"| {name} | {len(res.rows):,} | {ms_kept:.1f} | {ms_full:.1f} | {ms_part:.1f} | {ms_rdf:.1f} "
              f"| {len(res_part.rows):,} |")

    ask = startup(["query", str(full), "ASK { ?s ?p ?o }"], args.repeat)
    print()
    print("| `mzgraph query` process, full graph | median |")
    print("|---|---:|")
    print(f"| `'ASK {{ ?s ?p ?o }}'` (start, open store, query) | {ask:.2f} s |")
    for name in named_queries():
        secs = startup(["query", str(full), "--name", name, "--format", "csv"], args.repeat)
        print(f"| `--name {name} --format csv` | {secs:.2f} s |")
    print(f"| rdflib: parse the {args.slice}-article slice ({n_part:,} triples) before any query | {rdflib_load:.1f} s |")
    print()
    ok = worst <= QUERY_TARGET_MS and ask <= STARTUP_TARGET_S
    print(f"slowest named query {worst:.0f} ms (target ≤ {QUERY_TARGET_MS} ms); start-up {ask:.2f} s "
          f"(target ≤ {STARTUP_TARGET_S} s): {'OK' if ok else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
