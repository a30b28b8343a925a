"""mzgraph: Chinese civil-affairs news → a provenance-tracked RDF knowledge graph."""
from __future__ import annotations

from .errors import InputError, LexiconError, MzgraphError, QueryError

__version__ = "0.1.0"
__all__ = ["MzgraphError", "InputError", "LexiconError", "QueryError", "build", "run_query", "__version__"]


def build(inputs, out, **kw):
    """Build a graph; see :func:`mzgraph.pipeline.build`."""
    from .pipeline import build as _build

    return _build([__import__("pathlib").Path(i) for i in inputs], __import__("pathlib").Path(out), **kw)


def run_query(graph, sparql):
    """Run SPARQL over a built graph; see :func:`mzgraph.query.run_query`."""
    from .query import run_query as _run

    return _run(graph, sparql)
