"""The persistent Oxigraph store of a build, and the one way to open a graph for reading.

``open_graph(path)`` takes a build folder (its ``store/``, else its ``graph.ttl``) or an
RDF file and gives a :class:`GraphHandle`. Importing this module stays cheap: no jieba, no
lexicons, and pyoxigraph only when a graph is opened.
"""
from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import MzgraphError

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

    from .query import Result

STORE_DIR = "store"
GRAPH_FILE = "graph.ttl"
SUFFIX_FORMATS = {".nt": "N_TRIPLES", ".nq": "N_QUADS", ".ttl": "TURTLE", ".trig": "TRIG",
                   ".rdf": "RDF_XML", ".xml": "RDF_XML", ".jsonld": "JSON_LD"}


def _format(path: Path):
    import pyoxigraph as ox

    return getattr(ox.RdfFormat, SUFFIX_FORMATS.get(Path(path).suffix.lower(), "TURTLE"))


def write_store(out: Path, source: Path) -> Path:
    """Bulk-load ``source`` (graph.ttl, or the build's merged N-Triples) into a fresh Oxigraph store
    at ``out/store``, swapped in by rename so a reader never sees a half-loaded store."""
    import pyoxigraph as ox

    final = out / STORE_DIR
    tmp = Path(tempfile.mkdtemp(prefix=".store.", dir=out))
    try:
        store = ox.Store(str(tmp))
        fmt = _format(source)
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
        old = None
        if final.exists():
            old = out / f".store.old.{os.getpid()}"
            os.replace(final, old)
        os.replace(tmp, final)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final


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
        store.bulk_load(path=str(graph), format=_format(graph))
    except (SyntaxError, ValueError, OSError) as exc:
        raise MzgraphError(f"{graph}: cannot load graph: {str(exc).splitlines()[0]}") from None
    return store


class GraphHandle:
    """A built graph opened for reading: SPARQL rows as plain dicts, named queries, rdflib access."""

    def __init__(self, store: pyoxigraph.Store, source: Path):
        self.store = store
        self.source = source

    def __repr__(self) -> str:
        return f"GraphHandle({str(self.source)!r})"

    def __len__(self) -> int:
        return len(self.store)

    def result(self, sparql: str, *, live: bool = False) -> Result:
        """Columns and rows of a SELECT or ASK query (see :func:`mzgraph.query.run_query`); a named
        query's answer kept by the build (answers.py) unless ``live``."""
        from .answers import find_answer
        from .query import run_query

        found = None if live else find_answer(self.source, sparql)
        return found if found is not None else run_query(self.store, sparql)

    def query(self, sparql: str, *, live: bool = False) -> list[dict[str, str]]:
        """Rows of a SELECT query, each a dict of plain strings ("" where unbound)."""
        return self.result(sparql, live=live).rows

    def named(self, name: str, *, live: bool = False) -> list[dict[str, str]]:
        """Rows of a packaged named query (``mzgraph query --list``)."""
        from .query import named_query

        return self.query(named_query(name), live=live)

    def rdflib(self) -> rdflib.Graph:
        """An rdflib Graph over the same store (oxrdflib), read-only when opened from a build folder.

        Oxigraph normalises literals as it stores them ("7"^^xsd:nonNegativeInteger reads back as
        xsd:integer, plain strings as xsd:string); exports read graph.ttl to keep them as written.
        """
        try:
            from oxrdflib import OxigraphStore
        except ImportError:
            raise MzgraphError("rdflib access needs oxrdflib: pip install oxrdflib") from None
        from rdflib import Graph
        from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

        from .rdf.namespace import PREFIXES

        g = Graph(store=OxigraphStore(store=self.store), identifier=DATASET_DEFAULT_GRAPH_ID)
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        return g


def open_graph(path: Path | str) -> GraphHandle:
    """Open a build folder (its store, else graph.ttl) or an RDF file for querying."""
    return GraphHandle(open_store(Path(path)), Path(path))
