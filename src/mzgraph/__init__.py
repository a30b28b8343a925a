"""mzgraph: Chinese civil-affairs news → a provenance-tracked RDF knowledge graph.

``build`` and ``run_query`` are loaded on first use (PEP 562), so that ``import mzgraph`` (and the
CLI's query path) does not load the extraction code and its lexicons.
"""
from __future__ import annotations

from importlib import import_module

from .errors import InputError, LexiconError, MzgraphError, QueryError

__version__ = "0.1.0"
__all__ = ["MzgraphError", "InputError", "LexiconError", "QueryError", "build", "run_query", "__version__"]

# public name → the module that defines it
_LAZY = {"build": "mzgraph.pipeline", "run_query": "mzgraph.store.handle"}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'mzgraph' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value
