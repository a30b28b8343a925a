"""The Oxigraph store of a build: written once by the build, opened read-only by everything else.

pyoxigraph is imported when a store is written or opened, so that importing the store layer
stays cheap (a kept answer is printed without it).
"""
from __future__ import annotations

import itertools
import queue
import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import replace_dir
from ..errors import MzgraphError

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["STORE_DIR", "GRAPH_FILE", "SUFFIX_FORMATS", "rdf_format", "write_store", "update_store", "StoreLoader",
           "store_dir", "open_store"]

STORE_DIR = "store"
GRAPH_FILE = "graph.ttl"
SUFFIX_FORMATS = {".nt": "N_TRIPLES", ".nq": "N_QUADS", ".ttl": "TURTLE", ".trig": "TRIG",
                  ".rdf": "RDF_XML", ".xml": "RDF_XML", ".jsonld": "JSON_LD"}


def rdf_format(path: Path) -> pyoxigraph.RdfFormat:
    """The pyoxigraph format of an RDF file, by its suffix (Turtle when unknown)."""
    import pyoxigraph as ox

    return getattr(ox.RdfFormat, SUFFIX_FORMATS.get(Path(path).suffix.lower(), "TURTLE"))


def write_store(out: Path, source: Path) -> Path:
    """Bulk-load ``source`` (graph.ttl, or the build's merged N-Triples) into a fresh Oxigraph store
    at ``out/store``, swapped in by rename so a reader never sees a half-loaded store."""
    import pyoxigraph as ox

    tmp = Path(tempfile.mkdtemp(prefix=".store.", dir=out))
    try:
        store = ox.Store(str(tmp))
        fmt = rdf_format(source)
        if fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):  # line-based: load in slices, RAM stays flat
            with open(source, "rb") as fh:
                while chunk := b"".join(itertools.islice(fh, 200_000)):
                    store.bulk_load(chunk, format=fmt)
        else:
            store.bulk_load(path=str(source), format=fmt)
        # Each bulk_load ingests its own sorted files; compacting them lets a lookup probe one
        # sorted run instead of all of them (named queries 2-6x faster at 2M triples).
        store.optimize()
        store.flush()
        del store
        return replace_dir(tmp, out / STORE_DIR)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


class StoreLoader:
    """A fresh store at ``out/store``, bulk-loaded in a background thread from N-Triples files handed to it
    one by one (:meth:`add`) while the caller goes on, e.g. while the build extracts the next files.

    The store is a set of triples, so the order the files come in and a line found in several of them
    change nothing: it holds the union of the files, as :func:`write_store` of their merge would.
    Oxigraph loads without the GIL, so the loading runs beside Python work on another core. Files
    are loaded in batches of about ``batch_bytes``, which bounds the memory; :meth:`finish` loads the
    rest and compacts, :meth:`result` waits and swaps the store in; :meth:`cancel` drops it.
    """

    BATCH_BYTES = 32 << 20

    def __init__(self, out: Path, files: Iterable[Path] = (), batch_bytes: int = BATCH_BYTES):
        self.out = Path(out)
        self.batch_bytes = batch_bytes
        self._tmp = Path(tempfile.mkdtemp(prefix=".store.", dir=self.out))
        self._queue: queue.SimpleQueue[Path | None] = queue.SimpleQueue()
        self._cancelled = False
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="mzgraph-store-loader", daemon=True)
        self._thread.start()
        for f in files:
            self.add(f)

    def add(self, path: Path) -> None:
        """Load the N-Triples file ``path`` (a missing one adds nothing)."""
        self._queue.put(Path(path))

    def finish(self) -> None:
        """No more files: load what is queued, then compact the store (still in the background)."""
        self._queue.put(None)

    def result(self) -> Path:
        """Wait for the store to be loaded and compacted, and swap it in at ``out/store``."""
        self.finish()
        self._thread.join()
        if self._error is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            raise self._error
        return replace_dir(self._tmp, self.out / STORE_DIR)

    def cancel(self) -> None:
        """Stop after the batch being loaded and remove the half-loaded store."""
        self._cancelled = True
        self._queue.put(None)
        self._thread.join()
        shutil.rmtree(self._tmp, ignore_errors=True)

    def _run(self) -> None:
        import pyoxigraph as ox

        try:
            store = ox.Store(str(self._tmp))
            batch: list[bytes] = []
            size = 0
            while (path := self._queue.get()) is not None and not self._cancelled:
                try:
                    data = path.read_bytes()
                except FileNotFoundError:
                    continue
                batch.append(data)
                size += len(data)
                if size >= self.batch_bytes:
                    store.bulk_load(b"".join(batch), format=ox.RdfFormat.N_TRIPLES)
                    batch, size = [], 0
            if not self._cancelled:
                if batch:
                    store.bulk_load(b"".join(batch), format=ox.RdfFormat.N_TRIPLES)
                store.optimize()  # (see write_store)
                store.flush()
            del store
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread by result()
            self._error = exc


def update_store(out: Path, previous: Path, removed: bytes, added: bytes) -> Path:
    """A store at ``out/store`` that is the store at ``previous`` without the N-Triples lines ``removed``
    and with ``added``: a checkpoint of ``previous`` (hard links to its immutable files, so ``previous``
    stays as it was) changed in place, swapped in by rename like :func:`write_store`."""
    import pyoxigraph as ox

    tmp = Path(tempfile.mkdtemp(prefix=".store.", dir=out))
    tmp.rmdir()  # the checkpoint makes its own folder
    try:
        ox.Store.read_only(str(previous)).backup(str(tmp))
        store = ox.Store(str(tmp))
        for t in ox.parse(removed, format=ox.RdfFormat.N_TRIPLES):
            store.remove(ox.Quad(t.subject, t.predicate, t.object))
        if added:
            store.load(added, format=ox.RdfFormat.N_TRIPLES)
        store.flush()
        del store
        return replace_dir(tmp, out / STORE_DIR)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def store_dir(build: Path) -> Path:
    """``build/store`` if it is there; an error naming the folder otherwise."""
    path = Path(build) / STORE_DIR
    if not path.is_dir():
        raise MzgraphError(f"{build}: no Oxigraph store in it (run `mzgraph build` without --no-store)")
    return path


def open_store(graph: Path) -> pyoxigraph.Store:
    """A read-only pyoxigraph Store over a build folder's store, or an RDF file loaded in memory."""
    import pyoxigraph as ox

    graph = Path(graph)
    if graph.is_dir():
        if (graph / STORE_DIR).is_dir():
            try:
                return ox.Store.read_only(str(graph / STORE_DIR))
            except (OSError, ValueError) as exc:
                raise MzgraphError(f"{graph / STORE_DIR}: cannot open store: {exc}") from None
        graph = graph / GRAPH_FILE
    if not graph.is_file():
        raise MzgraphError(f"{graph}: no such graph file (run `mzgraph build` first)")
    store = ox.Store()
    try:
        store.bulk_load(path=str(graph), format=rdf_format(graph))
    except (SyntaxError, ValueError, OSError) as exc:
        raise MzgraphError(f"{graph}: cannot load graph: {str(exc).splitlines()[0]}") from None
    return store
