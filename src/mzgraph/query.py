"""Run SPARQL over a built graph: the query names of the public API, kept here for their old home.

The code lives in :mod:`mzgraph.store`; importing this module stays cheap (no jieba, no lexicons).
"""
from __future__ import annotations

from .store.handle import run_query
from .store.queries import QUERIES, describe_queries, named_queries, named_query
from .store.result import Result
from .store.sparql import run_sparql

__all__ = ["QUERIES", "Result", "describe_queries", "named_queries", "named_query", "run_query", "run_sparql"]
