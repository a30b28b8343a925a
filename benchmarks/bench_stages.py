"""Seconds of each build stage on one corpus, in this process: extraction, shard merge, graph.ttl,
store load, named-query answers; and ``jieba.cut`` over the same text (×J).

    .venv/bin/python benchmarks/bench_stages.py CORPUS [--jobs 1] [--work /tmp/mzstages]

Each stage is the library function the build calls, run on its own, so the stages can be compared
one by one between two versions of the code (the build overlaps some of them).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("corpus", type=Path)
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--work", type=Path, default=Path("/tmp/mzstages"))
    p.add_argument("--no-jieba", action="store_true", help="skip timing jieba.cut")
    args = p.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from run import jieba_seconds

    from mzgraph.pipeline import extract_shards
    from mzgraph.pipeline.merge import merge_graph, write_graph_turtle
    from mzgraph.pipeline.publish import new_generation
    from mzgraph.store.answers import write_answers
    from mzgraph.store.oxigraph import write_store

    shutil.rmtree(args.work, ignore_errors=True)
    files = sorted(args.corpus.glob("*.txt"))
    tj = 0.0 if args.no_jieba else jieba_seconds([f.read_text(encoding="utf-8") for f in files])
    stages: list[tuple[str, float]] = []
    t = time.perf_counter()
    _, shards = extract_shards([args.corpus], args.work, jobs=args.jobs, use_cache=False)
    stages.append(("extraction", time.perf_counter() - t))
    t = time.perf_counter()
    triples = merge_graph(shards)
    stages.append(("shard merge", time.perf_counter() - t))
    gen = new_generation(args.work)
    t = time.perf_counter()
    write_graph_turtle(shards, gen / "graph.ttl")
    stages.append(("graph.ttl", time.perf_counter() - t))
    t = time.perf_counter()
    write_store(gen, shards.merged)
    stages.append(("store load", time.perf_counter() - t))
    t = time.perf_counter()
    write_answers(gen)
    stages.append(("answers", time.perf_counter() - t))
    total = sum(s for _, s in stages)
    print(f"corpus {len(files)} files, {triples} triples, jobs {args.jobs}, jieba.cut {tj:.2f} s")
    for name, s in stages:
        xj = f"{s / tj:5.2f} xJ" if tj else ""
        print(f"  {name:<12} {s:7.2f} s {100 * s / total:5.1f} % {xj}")
    print(f"  {'sum':<12} {total:7.2f} s" + (f"        {total / tj:5.2f} xJ" if tj else ""))


if __name__ == "__main__":
    main()
