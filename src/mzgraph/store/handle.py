"""The one way to open a built graph for reading: a :class:`GraphHandle` over its Oxigraph store.

``open_graph(path)`` takes a build folder (its ``store/``, else its ``graph.ttl``) or an RDF
file. The handle answers through :mod:`.answers`: a named query's kept answer when the build
made one, else the store.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import MzgraphError
from ..rdf.prefixes import PREFIX_IRIS
from .answers import find_answer
from .guard import check_query
from .oxigraph import open_store
from .queries import named_query
from .result import Result
from .sparql import run_sparql_limited

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

__all__ = ["GraphHandle", "open_graph", "query_graph", "run_query"]


class GraphHandle:
    """A built graph opened for reading: SPARQL rows as plain dicts, named queries, rdflib access."""

    def __init__(self, store: pyoxigraph.Store, source: Path):
        self.store = store
        self.source = source

    def __repr__(self) -> str:
        return f"GraphHandle({str(self.source)!r})"

    def __len__(self) -> int:
        return len(self.store)

    def result(self, sparql: str, *, live: bool = False, timeout: float | None = None,
               allow_service: bool = False) -> Result:
        """Columns and rows of a SELECT or ASK query; a named query's answer kept by the build
        (answers.py) unless ``live``. Updates are refused, and SERVICE unless ``allow_service``;
        ``timeout`` (seconds) stops a query that runs longer."""
        if not live and (found := find_answer(self.source, sparql)) is not None:
            return found
        source = Path(self.source)
        reopen = source.is_dir() and timeout is not None  # a forked child opens the store afresh
        return run_sparql_limited((lambda: open_store(source)) if reopen else (lambda: self.store), sparql,
                                  timeout=timeout, allow_service=allow_service)

    def query(self, sparql: str, *, live: bool = False, timeout: float | None = None,
              allow_service: bool = False) -> list[dict[str, object]]:
        """Rows of a SELECT query, each a dict of Python values: ints, dates, strings ("" where unbound)."""
        return self.result(sparql, live=live, timeout=timeout, allow_service=allow_service).rows

    def named(self, name: str, *, live: bool = False, timeout: float | None = None) -> list[dict[str, str]]:
        """Rows of a packaged named query (``mzgraph query --list``)."""
        return self.query(named_query(name), live=live, timeout=timeout)

    def rdflib(self, *, allow_service: bool = False) -> rdflib.Graph:
        """An rdflib Graph over the same store (oxrdflib), read-only when opened from a build folder;
        its SPARQL refuses SERVICE as :meth:`query` does unless ``allow_service``.

        Oxigraph normalises literals as it stores them ("7"^^xsd:nonNegativeInteger reads back as
        xsd:integer, plain strings as xsd:string); exports read graph.ttl to keep them as written.
        """
        try:
            from oxrdflib import OxigraphStore
        except ImportError:
            raise MzgraphError("rdflib access needs oxrdflib: pip install oxrdflib") from None
        from rdflib import Graph
        from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

        class GuardedStore(OxigraphStore):
            def query(self, query, *args, **kwargs):
                if isinstance(query, str):
                    check_query(query, allow_service=allow_service)
                return super().query(query, *args, **kwargs)

        g = Graph(store=GuardedStore(store=self.store), identifier=DATASET_DEFAULT_GRAPH_ID)
        for prefix, ns in PREFIX_IRIS.items():
            g.bind(prefix, ns)
        return g


def open_graph(path: Path | str) -> GraphHandle:
    """Open a build folder (its store, else graph.ttl) or an RDF file for querying."""
    return GraphHandle(open_store(Path(path)), Path(path))


def query_graph(graph: Path | str, sparql: str, *, live: bool = False, timeout: float | None = None,
                allow_service: bool = False) -> Result:
    """``mzgraph query``: the build's kept answer of ``sparql`` unless ``live``, else the store's,
    within ``timeout`` seconds (the store is opened by the process that runs the query)."""
    if not live and (found := find_answer(Path(graph), sparql)) is not None:
        return found
    return run_sparql_limited(lambda: open_store(Path(graph)), sparql, timeout=timeout, allow_service=allow_service)


def run_query(graph: Path | str | GraphHandle | pyoxigraph.Store, sparql: str, *, timeout: float | None = None,
              allow_service: bool = False) -> Result:
    """Run a SELECT (or ASK) query on a build folder, RDF file, handle or store, always on the store.
    Updates are refused, and SERVICE unless ``allow_service``; ``timeout`` is in seconds."""
    if isinstance(graph, GraphHandle):
        return graph.result(sparql, live=True, timeout=timeout, allow_service=allow_service)
    if isinstance(graph, (str, Path)):
        return query_graph(graph, sparql, live=True, timeout=timeout, allow_service=allow_service)
    return run_sparql_limited(lambda: graph, sparql, timeout=timeout, allow_service=allow_service)
