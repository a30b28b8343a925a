"""One benchmark run over one generated corpus: build speed vs jieba, 2-process speed-up, peak RSS,
incremental re-builds, named-query latency (store vs rdflib in memory) and view generation.

    .venv/bin/python benchmarks/run.py [--articles 10000] [--work /tmp/mzbench]

Builds run as `mzgraph build` child processes so peak RSS is theirs (resource.getrusage children).
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MZGRAPH = [sys.executable, "-m", "mzgraph.cli", "build"]


def machine() -> str:
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), platform.processor())
    mem = next((int(l.split()[1]) // 1024 for l in Path("/proc/meminfo").read_text().splitlines()
                if l.startswith("MemTotal")), 0)
    return f"nproc {os.cpu_count()}, {cpu}, {mem} MB RAM, Python {platform.python_version()}"


def timed_build(corpus: Path, out: Path, *extra: str) -> tuple[float, int]:
    """Wall time of one build child process and its peak RSS in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(MZGRAPH + [str(corpus), "--out", str(out), *extra], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(before, after) // 1024  # ru_maxrss of children is a running maximum


def jieba_seconds(texts: list[str]) -> float:
    from mzgraph.lexicon import load_lexicon
    from mzgraph.segment import tokenizer_for

    tok = tokenizer_for(load_lexicon())
    list(tok.cut("预热", HMM=True))
    t = time.perf_counter()
    for s in texts:
        for _ in tok.cut(s, HMM=True):
            pass
    return time.perf_counter() - t


def query_latency(out: Path, sample: Path, repeat: int = 3) -> list[tuple[str, float, float, float, float, float]]:
    """Median ms of each named query: the build's kept answer as CSV (what ``mzgraph query OUT --name
    NAME --format csv`` prints) and as rows (dicts, the Python API), live on the store of ``out``,
    live on the store of ``sample``, rdflib loaded from ``sample``."""
    from rdflib import Graph

    from mzgraph.store.answers import answer_query
    from mzgraph.query import describe_queries, named_query, run_query

    g = Graph()
    g.parse(sample / "graph.ttl", format="turtle")
    rows = []
    for name, _ in describe_queries():
        q = named_query(name)
        csv_t, kept_t, store_t, small_t, mem_t = [], [], [], [], []
        for _ in range(repeat):
            t = time.perf_counter()
            answer_query(out, q).to_csv()
            csv_t.append(time.perf_counter() - t)
            t = time.perf_counter()
            answer_query(out, q).rows  # parsed into dicts, as the Python API reads them
            kept_t.append(time.perf_counter() - t)
            t = time.perf_counter()
            run_query(out, q)
            store_t.append(time.perf_counter() - t)
            t = time.perf_counter()
            run_query(sample, q)
            small_t.append(time.perf_counter() - t)
            t = time.perf_counter()
            list(g.query(q))
            mem_t.append(time.perf_counter() - t)
        rows.append((name, *(sorted(ts)[repeat // 2] * 1000 for ts in (csv_t, kept_t, store_t, small_t, mem_t))))
    return rows


def report_queries(one: Path, sample: Path, n_sample: int) -> None:
    print(f"named queries, median ms: full graph kept answer as CSV | as rows | full store live | "
          f"store and rdflib in memory, {n_sample}-file graph")
    for name, kc, ka, st, sm, mt in query_latency(one, sample):
        print(f"  {name:<20} kept csv {kc:6.1f} | rows {ka:6.1f} | full store {st:8.1f} | sample store {sm:7.1f} "
              f"| sample rdflib {mt:8.1f}")
    for name in ("entities", "participation"):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mzgraph.cli", "query", str(one), "--name", name, "--format", "csv"],
                       check=True, stdout=subprocess.DEVNULL)
        print(f"  `mzgraph query OUT --name {name} --format csv` process, start to exit: "
              f"{time.perf_counter() - t:.2f} s")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=10000)
    p.add_argument("--work", type=Path, default=Path("/tmp/mzbench"))
    p.add_argument("--sample", type=int, default=50, help="articles in the rdflib / view comparison graph")
    p.add_argument("--queries-only", action="store_true", help="only the named-query figures, on the builds there")
    args = p.parse_args()
    if args.queries_only:
        report_queries(args.work / "out-1", args.work / "sample-out", args.sample)
        return
    sys.path.insert(0, str(HERE))
    from generate_corpus import generate

    corpus = args.work / f"corpus-{args.articles}"
    if not corpus.exists():
        generate(args.articles, corpus, seed=1)
    files = sorted(corpus.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    kb = sum(f.stat().st_size for f in files) / 1024
    print(f"machine: {machine()}")
    print(f"corpus: {len(files)} files, {kb:.0f} KB")

    tj = jieba_seconds(texts)
    print(f"jieba.cut alone: {tj:.1f} s, {kb / tj:.0f} KB/s")
    one, two = args.work / "out-1", args.work / "out-2"
    for d in (one, two):
        shutil.rmtree(d, ignore_errors=True)
    t1, rss1 = timed_build(corpus, one, "--no-cache")
    triples = int((one / ".shards" / "manifest.json").read_text().split('"triples": ')[1].split(",")[0].strip("} "))
    print(f"build, 1 process: {t1:.1f} s, {kb / t1:.0f} KB/s, {t1 / tj:.2f}x jieba.cut, "
          f"{triples} triples, {triples / t1:.0f} triples/s, peak RSS {rss1} MB")
    t2, rss2 = timed_build(corpus, two, "--no-cache", "--jobs", "2")
    same = (one / "graph.ttl").read_bytes() == (two / "graph.ttl").read_bytes()
    print(f"build, --jobs 2: {t2:.1f} s, speed-up {t1 / t2:.2f}x, same graph.ttl bytes: {same}, "
          f"peak RSS (max of all builds so far) {rss2} MB")
    tu, _ = timed_build(corpus, one)
    print(f"re-build, unchanged corpus: {tu:.2f} s ({100 * tu / t1:.1f} % of a full build)")
    victim = files[len(files) // 2]
    original = victim.read_bytes()
    try:
        victim.write_bytes(original.replace("民政".encode(), "民生".encode(), 1))
        tc, _ = timed_build(corpus, one)
    finally:
        victim.write_bytes(original)
    print(f"re-build, one file changed: {tc:.1f} s ({100 * tc / t1:.1f} % of a full build)")

    sample = args.work / "sample-out"
    shutil.rmtree(sample, ignore_errors=True)
    sample_in = args.work / "sample-in"
    shutil.rmtree(sample_in, ignore_errors=True)
    sample_in.mkdir(parents=True)
    for f in files[: args.sample]:
        shutil.copyfile(f, sample_in / f.name)
    timed_build(sample_in, sample)
    report_queries(one, sample, args.sample)
    try:
        from mzgraph.views import write_view
    except ImportError:
        print("view generation: n/a (mzgraph.views missing)")
    else:
        t = time.perf_counter()
        write_view(sample / "graph.ttl", args.work / "view.html")
        print(f"view generation ({args.sample}-file graph): {time.perf_counter() - t:.1f} s")
    print(f"load average at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
