"""``mzgraph query GRAPH``: a named or ad-hoc SPARQL query, as a table, CSV or JSON."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import MzgraphError
from ..store import RESULT_FORMATS, answer_query, describe_queries, named_query

__all__ = ["configure", "run"]


def run(args: argparse.Namespace) -> int:
    if args.list:
        for name, doc in describe_queries():
            print(f"{name:<20} {doc}")
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
    result = answer_query(Path(args.graph), sparql, live=args.live)
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
    q.set_defaults(func=run)
