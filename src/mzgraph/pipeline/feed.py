"""The store of a build, loaded while its files are extracted.

Loading a fresh store is the longest stage after extraction, and Oxigraph loads without the GIL:
so when a build will need a fresh store (there is none yet, or too many files changed for the
last one to be patched), the store starts loading in a background thread as soon as the files
to extract are known. The cached shards and the ontology go first, then each new shard as it is
written (:class:`~mzgraph.store.oxigraph.StoreLoader`). The store holds the union of the shards,
which is the merged graph: the same triples :func:`~mzgraph.store.oxigraph.write_store` would load
from the merged file after the merge.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from .cache import Shards
from .incremental import MAX_CHANGED_FLOOR, MAX_CHANGED_FRACTION
from .publish import CURRENT, STORE_DIR, new_generation

__all__ = ["StoreFeed", "fresh_store_expected"]


def fresh_store_expected(out: Path, todo: int, total: int) -> bool:
    """Whether a build of ``total`` files, ``todo`` of them to extract, will load its store afresh: there is
    no published store, or more files changed than a re-build patches (incremental.py)."""
    if todo == 0:
        return False
    return not (Path(out) / CURRENT / STORE_DIR).is_dir() or todo > max(MAX_CHANGED_FLOOR, total // MAX_CHANGED_FRACTION)


class StoreFeed:
    """The build's store loading beside its extraction, once :meth:`start` finds it will be needed; it then
    owns the build's generation folder (the store is loaded into it)."""

    def __init__(self, out: Path):
        self.out = Path(out)
        self.generation: Path | None = None
        self.loader = None  # a StoreLoader while the store loads
        self._fed: set[str] = set()

    def start(self, shards: Shards, todo: int, total: int, cached: Iterable[str]) -> None:
        """Start loading when the build will need a fresh store: the ontology and the ``cached`` shards (keys)
        first; the shards extracted next follow by :meth:`add`."""
        if not fresh_store_expected(self.out, todo, total):
            return
        from ..store.oxigraph import StoreLoader
        from .merge import ontology_part

        self.generation = new_generation(self.out)
        self.loader = StoreLoader(self.generation, [ontology_part(shards)])
        for key in cached:
            self.add(shards, key)

    def add(self, shards: Shards, key: str) -> None:
        """Load the shard of ``key`` (once, however many files share it)."""
        if self.loader is not None and key not in self._fed:
            self._fed.add(key)
            self.loader.add(shards.cache.nt(key))

    def cancel(self) -> None:
        """Stop loading and drop the half-loaded store with its generation."""
        if self.loader is not None:
            self.loader.cancel()
            self.loader = None
        if self.generation is not None:
            shutil.rmtree(self.generation, ignore_errors=True)
            self.generation = None
