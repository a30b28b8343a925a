"""Shards → one graph: a streaming k-way merge into sorted N-Triples, then Turtle, in bounded memory.

A shard is the sorted, duplicate-free N-Triples of one input file. Shards are merged with a
streaming k-way merge, so the whole graph never sits in memory; the merged file feeds both
graph.ttl and the store.
"""
from __future__ import annotations

import heapq
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

from ..atomic import atomic_open, write_lines
from ..rdf.graph import ontology_lines
from ..rdf.turtle import write_turtle
from .cache import Shards

__all__ = ["MERGE_FANIN", "merge_shards", "merge_graph", "write_graph_turtle"]

MERGE_FANIN = 256  # open shards per merge pass; well below usual fd limits


def _unique(lines: Iterator[str]) -> Iterator[str]:
    last = None
    for line in lines:
        if line != last:
            yield line
            last = line


def merge_shards(shards: list[Path], out: Path, fanin: int = MERGE_FANIN) -> int:
    """Merge sorted shards into one sorted duplicate-free N-Triples file; return its line count."""
    work = Path(tempfile.mkdtemp(prefix=".merge.", dir=out.parent))
    try:
        level = list(shards)
        runs = 0
        while len(level) > fanin:
            nxt = []
            for i in range(0, len(level), fanin):
                run = work / f"run{runs}.nt"
                runs += 1
                _merge_into(level[i:i + fanin], run)
                nxt.append(run)
            level = nxt
        return _merge_into(level, out)
    finally:
        for p in work.iterdir():
            p.unlink()
        work.rmdir()


def _merge_into(paths: list[Path], out: Path) -> int:
    n = 0
    with ExitStack() as stack:
        files = [stack.enter_context(p.open(encoding="utf-8", newline="\n")) for p in paths]
        with atomic_open(out) as fh:
            buf = []
            for line in _unique(heapq.merge(*files)):
                buf.append(line)
                n += 1
                if len(buf) >= 8192:
                    fh.writelines(buf)
                    buf.clear()
            fh.writelines(buf)
    return n


def merge_graph(shards: Shards) -> int:
    """Merge the shards (and the ontology) into ``shards.merged``, sorted and duplicate-free; return its triples."""
    if not shards.onto.exists():
        write_lines(shards.onto, ontology_lines())
    parts = [shards.onto] + [shards.cache.nt(k) for k in sorted(set(shards.keys)) if shards.cache.nt(k).exists()]
    return merge_shards(parts, shards.merged)


def write_graph_turtle(shards: Shards, turtle: Path) -> None:
    """The merged N-Triples (see :func:`merge_graph`) as Turtle, renamed into place when complete."""
    with atomic_open(turtle) as fh, shards.merged.open(encoding="utf-8", newline="\n") as lines:
        write_turtle(lines, fh)
