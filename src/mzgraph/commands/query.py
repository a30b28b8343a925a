"""``mzgraph query GRAPH``: a named or ad-hoc SPARQL query, as a table, CSV or JSON."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import MzgraphError
from ..store import RESULT_FORMATS, describe_queries, named_query
from ..store.queries import named_queries, query_columns
from ..store.handle import query_graph
from ..store.sparql import DEFAULT_TIMEOUT

__all__ = ["configure", "run"]


def run(args: argparse.Namespace) -> int:
    if args.list:
        queries = named_queries()
        for name, doc in describe_queries():
            print(f"{name:<20} {doc}")
            print(f"{'':<20} columns: {', '.join(query_columns(queries[name]))}")
        return 0
    if args.graph is None:
        raise MzgraphError("query: give a graph (output folder or .ttl file)")
    if args.name:
        sparql = named_query(args.name)
    elif args.file:
        try:
            sparql = Path(args.file).read_text(encoding="utf-8")
        except OSError as exc:
            raise MzgraphError(f"{args.file}: cannot read query: {exc.strerror}") from None
    elif args.sparql:
        sparql = args.sparql
    else:
        raise MzgraphError("query: give --name NAME, --file Q.rq or a SPARQL string")
    timeout = args.timeout if args.timeout > 0 else None
    result = query_graph(Path(args.graph), sparql, live=args.live, timeout=timeout, allow_service=args.allow_service)
    sys.stdout.write(result.format(args.format))
    return 0


def configure(q: argparse.ArgumentParser) -> None:
    q.add_argument("graph", nargs="?", help="output folder (uses its store) or a .ttl file")
    q.add_argument("sparql", nargs="?", help="a SPARQL query string")
    q.add_argument("--name", help="a named query (see --list)")
    q.add_argument("--file", help="read the query from a .rq file")
    q.add_argument("--format", choices=RESULT_FORMATS, default="table")
    q.add_argument("--list", action="store_true", help="list the named queries")
    q.add_argument("--live", action="store_true",
                   help="run on the store even when the build kept this query's answer")
    q.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                   help=f"stop a query that runs longer than S seconds (default: {DEFAULT_TIMEOUT:g}; 0: no limit)")
    q.add_argument("--allow-service", action="store_true",
                   help="let SERVICE clauses call other SPARQL endpoints (off: this machine fetches no URL)")
    q.set_defaults(func=run)
