"""Named queries on the Oxigraph store of a 10,000-article graph, side by side with rdflib in memory.

    .venv/bin/python benchmarks/bench_query.py [--articles 10000] [--slice 1000] [--repeat 3] [--work DIR]

Builds (once, cached in ``--work``) a synthetic graph with benchmarks/corpus_for_query.py and its
store, then prints one table: each named query's median time (over --repeat runs, the first one cold) on the full store, on a store of the
``--slice``-article slice, and in rdflib's in-memory graph of that slice (rdflib is too slow to load
and query the full graph in a benchmark run), plus ``mzgraph query`` process start-up.
Targets: every named query ≤ 200 ms on the full store; start-up ≤ 0.5 s.
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

from mzgraph.query import named_queries, run_query  # noqa: E402
from mzgraph.store import open_store, write_store  # noqa: E402

MZGRAPH = Path(sys.executable).parent / "mzgraph"
QUERY_TARGET_MS = 200
STARTUP_TARGET_S = 0.5


def prepare(work: Path, articles: int, seed: int) -> tuple[Path, int, float, float]:
    """(build folder with a store, triples, corpus seconds, load seconds); reused when already there."""
    folder = work / f"a{articles}-s{seed}"
    nt = folder / "graph.nt"
    gen = load = 0.0
    if not (folder / "store").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        write_corpus(nt, articles, seed=seed)
        gen = time.perf_counter() - t
        t = time.perf_counter()
        write_store(folder, nt)
        load = time.perf_counter() - t
    return folder, len(open_store(folder)), gen, load


def timed(fn, repeat: int) -> tuple[float, object]:
    """Median wall time (ms) of ``repeat`` calls (the first one warms the caches), and the last result."""
    result = None
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), result


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

    full, n_full, gen, load = prepare(args.work, args.articles, args.seed)
    part, n_part, _, _ = prepare(args.work, args.slice, args.seed)
    print(f"full graph: {args.articles} articles, {n_full:,} triples in {full}/store"
          + (f" (generated in {gen:.0f} s, bulk-loaded in {load:.0f} s)" if gen else " (cached)"))
    print(f"slice:      {args.slice} articles, {n_part:,} triples")

    from rdflib import Graph

    t = time.perf_counter()
    rdf = Graph().parse(part / "graph.nt", format="nt")
    rdflib_load = time.perf_counter() - t

    store_full, store_part = open_store(full), open_store(part)
    print()
    print(f"| query | rows (full) | Oxigraph store, full (ms) | Oxigraph store, slice (ms) | rdflib memory, slice (ms) "
          f"| rows (slice) |")
    print("|---|---:|---:|---:|---:|---:|")
    worst = 0.0
    for name, sparql in named_queries().items():
        ms_full, res = timed(lambda: run_query(store_full, sparql), args.repeat)
        ms_part, res_part = timed(lambda: run_query(store_part, sparql), args.repeat)
        ms_rdf, rows_rdf = timed(lambda: list(rdf.query(sparql)), 1)
        if len(rows_rdf) != len(res_part.rows):
            print(f"  ! {name}: rdflib {len(rows_rdf)} rows, Oxigraph {len(res_part.rows)} rows on the slice")
        worst = max(worst, ms_full)
        print(f"| {name} | {len(res.rows):,} | {ms_full:.1f} | {ms_part:.1f} | {ms_rdf:.1f} | {len(res_part.rows):,} |")

    ask = startup(["query", str(full), "ASK { ?s ?p ?o }"], args.repeat)
    named = startup(["query", str(full), "--name", "posts", "--format", "csv"], args.repeat)
    print()
    print("| start-up | median |")
    print("|---|---:|")
    print(f"| `mzgraph query FULL 'ASK {{…}}'` (process, open store, query) | {ask:.2f} s |")
    print(f"| `mzgraph query FULL --name posts --format csv` | {named:.2f} s |")
    print(f"| rdflib: parse the {args.slice}-article slice ({n_part:,} triples) before any query | {rdflib_load:.1f} s |")
    print()
    ok = worst <= QUERY_TARGET_MS and ask <= STARTUP_TARGET_S
    print(f"slowest named query {worst:.0f} ms (target ≤ {QUERY_TARGET_MS} ms); start-up {ask:.2f} s "
          f"(target ≤ {STARTUP_TARGET_S} s): {'OK' if ok else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
