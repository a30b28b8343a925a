"""Seconds of each build stage on one corpus, in this process: extraction, shard merge, graph.ttl,
store load, named-query answers; and ``jieba.cut`` over the same text (×J).

    .venv/bin/python benchmarks/bench_stages.py CORPUS [--jobs 1] [--work /tmp/mzstages]

Each stage is the library function the build calls, run on its own, so the stages can be compared
one by one between two versions of the code (the build overlaps some of them).
"""
from __future__ import annotations

import argparse
import resource
import shutil
import sys
import time
from pathlib import Path


def cpu() -> float:
    """User + system seconds of this process and of its finished children."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


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
    stages: list[tuple[str, float, float]] = []
    marks = [time.perf_counter(), cpu()]

    def stage(name: str) -> None:  # wall and CPU seconds (this process and its children) since the last mark
        now = [time.perf_counter(), cpu()]
        stages.append((name, now[0] - marks[0], now[1] - marks[1]))
        marks[:] = now

    _, shards = extract_shards([args.corpus], args.work, jobs=args.jobs, use_cache=False)
    stage("extraction")
    triples = merge_graph(shards)
    stage("shard merge")
    gen = new_generation(args.work)
    marks[:] = [time.perf_counter(), cpu()]
    write_graph_turtle(shards, gen / "graph.ttl")
    stage("graph.ttl")
    write_store(gen, shards.merged)
    stage("store load")
    if hasattr(shards.cache, "rows"):  # rows kept per file: the answers are merged from them
        write_answers(gen, rows=[shards.cache.rows(k) for k in sorted(set(shards.keys))])
    else:
        write_answers(gen)
    stage("answers")
    total = sum(s for _, s, _ in stages)
    total_cpu = sum(c for _, _, c in stages)
    print(f"corpus {len(files)} files, {triples} triples, jobs {args.jobs}, jieba.cut {tj:.2f} s")
    print(f"  {'stage':<12} {'wall s':>7} {'share':>6} {'CPU s':>7} {'share':>6}" + ("   xJ (wall)" if tj else ""))
    for name, s, c in stages:
        xj = f"   {s / tj:5.2f}" if tj else ""
        print(f"  {name:<12} {s:7.2f} {100 * s / total:5.1f}% {c:7.2f} {100 * c / total_cpu:5.1f}%{xj}")
    print(f"  {'sum':<12} {total:7.2f}        {total_cpu:7.2f}" + (f"          {total / tj:5.2f}" if tj else ""))


if __name__ == "__main__":
    main()
