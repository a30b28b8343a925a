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
from .cache import ShardCache, pipeline_version

__all__ = ["MERGE_FANIN", "merge_shards", "Shards"]

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


class Shards:
    """The shards of one build: assembles graph.ttl and the merged N-Triples the store loads."""

    def __init__(self, cache: ShardCache, keys: list[str]):
        self.cache, self.keys = cache, keys
        self.digest = cache.manifest_digest(keys)
        self.merged = cache.root / "graph.nt"
        self.onto = cache.root / f"ontology-{pipeline_version()}.nt"

    def unchanged(self, outputs: list[Path]) -> int | None:
        """Triple count of the last build when it had the same shards and its outputs exist, else None."""
        old = self.cache.read_manifest()
        if old.get("digest") == self.digest and self.merged.exists() and all(p.exists() for p in outputs):
            return int(old["triples"])
        return None

    def merge(self) -> int:
        """Merge the shards (and the ontology) into graph.nt, sorted and duplicate-free; return its triples."""
        if not self.onto.exists():
            write_lines(self.onto, ontology_lines())
        shards = [self.onto] + [self.cache.nt(k) for k in sorted(set(self.keys)) if self.cache.nt(k).exists()]
        return merge_shards(shards, self.merged)

    def write_turtle(self, turtle: Path) -> None:
        """graph.nt (see :meth:`merge`) as Turtle, renamed into place when complete."""
        with atomic_open(turtle) as fh, self.merged.open(encoding="utf-8", newline="\n") as lines:
            write_turtle(lines, fh)

    def commit(self, triples: int) -> None:
        """Record this build and drop the shards of files that changed or left the corpus."""
        self.cache.prune(set(self.keys) | {self.onto.stem, self.merged.stem})
        self.cache.write_manifest({"digest": self.digest, "triples": triples, "files": len(self.keys)})
