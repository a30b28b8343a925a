"""The work a build starts on each shard as soon as it is written, beside the extraction.

Loading a fresh store and sorting the shards for the merge are the longest stages after the
extraction, and neither needs Python: Oxigraph loads without the GIL, and GNU sort is a process of
its own. So when a build will merge every shard (there is no last build to patch, or too many files
changed), the feed starts both as soon as the files to extract are known, on the ontology and the
cached shards first, then on each new shard as it is written:

- the store (:class:`~mzgraph.store.oxigraph.StoreLoader`, when the build keeps one) holds the union
  of the shards, which is the merged graph: the triples ``write_store`` would load from the merge;
- the sorted runs (:class:`~mzgraph.pipeline.merge.SortedRuns`) make the merge one ``sort -m``.

The feed owns the build's generation folder from then on (the store and the runs are written in it).
"""
from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from .cache import Shards
from .incremental import MAX_CHANGED_FLOOR, MAX_CHANGED_FRACTION
from .publish import CURRENT, GRAPH_FILE, STORE_DIR, new_generation

__all__ = ["ShardFeed", "full_merge_expected"]


def _many(todo: int, total: int) -> bool:
    return todo > max(MAX_CHANGED_FLOOR, total // MAX_CHANGED_FRACTION)


def full_merge_expected(out: Path, todo: int, total: int, store: bool) -> tuple[bool, bool]:
    """(merge every shard, load a fresh store) for a build of ``total`` files, ``todo`` of them to extract:
    there is no published graph (or store), or more files changed than a re-build patches (incremental.py)."""
    if todo == 0:
        return False, False
    current = Path(out) / CURRENT
    merge = not (current / GRAPH_FILE).exists() or _many(todo, total)
    return merge, store and (merge or not (current / STORE_DIR).is_dir())


class ShardFeed:
    """The store loading and the shards sorting beside the extraction, once :meth:`start` finds them needed."""

    def __init__(self, out: Path, store: bool):
        self.out, self.store = Path(out), store
        self.generation: Path | None = None
        self.loader = None  # a StoreLoader while the store loads
        self.runs = None  # SortedRuns while the shards are sorted
        self._fed: set[str] = set()

    def start(self, shards: Shards, todo: int, total: int, cached: Iterable[str]) -> None:
        """Start when the build will merge every shard: the ontology and the ``cached`` shards (keys) first;
        the shards extracted next follow by :meth:`add`."""
        merge, load = full_merge_expected(self.out, todo, total, self.store)
        from .merge import SortedRuns, ontology_part, sort_command

        merge = merge and sort_command() is not None
        if not (merge or load):
            return
        self.generation = new_generation(self.out)
        if load:
            from ..store.oxigraph import StoreLoader

            self.loader = StoreLoader(self.generation)
        if merge:
            self.runs = SortedRuns(self.generation / ".runs")
        self._add(ontology_part(shards))
        for key in cached:
            self.add(shards, key)

    def add(self, shards: Shards, key: str) -> None:
        """Load and sort the shard of ``key`` (once, however many files share it)."""
        if self.generation is not None and key not in self._fed:
            self._fed.add(key)
            self._add(shards.cache.nt(key))

    def _add(self, path: Path) -> None:
        if self.loader is not None:
            self.loader.add(path)
        if self.runs is not None:
            self.runs.add(path)

    def cancel(self) -> None:
        """Stop loading and sorting, and drop what was made with the generation."""
        if self.loader is not None:
            self.loader.cancel()
            self.loader = None
        if self.runs is not None:
            self.runs.cancel()
            self.runs = None
        if self.generation is not None:
            shutil.rmtree(self.generation, ignore_errors=True)
            self.generation = None
