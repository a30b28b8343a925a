"""The read side of a build: its Oxigraph store, SPARQL on it, the named queries and their kept answers.

Layers, each importing only those before it: ``result`` (rows) → ``sparql`` (run a query on an
open store; opens nothing) → ``queries`` (packaged .rq) → ``oxigraph`` (write and open stores)
→ ``answers`` (named-query answers kept by the build) → ``handle`` (``open_graph``). Importing
the package loads neither pyoxigraph nor rdflib; they come when a store is opened.
"""
from __future__ import annotations

from .answers import ANSWERS_DIR, answer_query, find_answer, query_key, write_answers
from .handle import GraphHandle, open_graph, run_query
from .oxigraph import GRAPH_FILE, STORE_DIR, SUFFIX_FORMATS, open_store, rdf_format, store_dir, write_store
from .queries import QUERIES, describe_queries, named_queries, named_query
from .result import RESULT_FORMATS, Result
from .sparql import run_sparql

__all__ = ["ANSWERS_DIR", "GRAPH_FILE", "QUERIES", "RESULT_FORMATS", "STORE_DIR", "SUFFIX_FORMATS", "GraphHandle",
           "Result", "answer_query", "describe_queries", "find_answer", "named_queries", "named_query",
           "open_graph", "open_store", "query_key", "rdf_format", "run_query", "run_sparql", "store_dir",
           "write_answers", "write_store"]
