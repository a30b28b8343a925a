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
from .answers import answer_query
from .oxigraph import open_store
from .queries import named_query
from .result import Result
from .sparql import run_sparql

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

__all__ = ["GraphHandle", "open_graph", "run_query"]


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
        """Columns and rows of a SELECT or ASK query; a named query's answer kept by the build
        (answers.py) unless ``live``."""
        return answer_query(self.source, sparql, live=live, store=self.store)

    def query(self, sparql: str, *, live: bool = False) -> list[dict[str, str]]:
        """Rows of a SELECT query, each a dict of Python values: ints, dates, strings ("" where unbound)."""
        return self.result(sparql, live=live).rows

    def named(self, name: str, *, live: bool = False) -> list[dict[str, str]]:
        """Rows of a packaged named query (``mzgraph query --list``)."""
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

        g = Graph(store=OxigraphStore(store=self.store), identifier=DATASET_DEFAULT_GRAPH_ID)
        for prefix, ns in PREFIX_IRIS.items():
            g.bind(prefix, ns)
        return g


def open_graph(path: Path | str) -> GraphHandle:
    """Open a build folder (its store, else graph.ttl) or an RDF file for querying."""
    return GraphHandle(open_store(Path(path)), Path(path))


def run_query(graph: Path | str | GraphHandle | pyoxigraph.Store, sparql: str) -> Result:
    """Run a SELECT (or ASK) query on a build folder, RDF file, handle or store, always on the store."""
    if isinstance(graph, GraphHandle):
        return run_sparql(graph.store, sparql)
    if isinstance(graph, (str, Path)):
        return run_sparql(open_store(Path(graph)), sparql)
    return run_sparql(graph, sparql)
