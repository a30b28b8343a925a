"""``mzgraph push DIR --endpoint URL``: upload the graph to Fuseki, GraphDB, Oxigraph … (Graph Store Protocol)."""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..export import graph_store_url, push

__all__ = ["configure", "run"]


def run(args: argparse.Namespace) -> int:
    user = args.user or os.environ.get("MZGRAPH_PUSH_USER")
    status, triples = push(args.dir, args.endpoint, args.graph, append=args.append, user=user)
    verb = "appended to" if args.append else "replaced"
    print(f"{verb} {graph_store_url(args.endpoint, args.graph)}: {triples} triples (HTTP {status})")
    return 0


def configure(p: argparse.ArgumentParser) -> None:
    p.description = ("PUT (or POST with --append) the graph as N-Triples to ENDPOINT?graph=IRI or ENDPOINT?default. "
                     "ENDPOINT is the store's graph-store URL, e.g. Oxigraph http://HOST:7878/store, "
                     "Fuseki http://HOST:3030/DATASET/data, "
                     "GraphDB http://HOST:7200/repositories/REPO/rdf-graphs/service.")
    p.add_argument("dir", type=Path, help="a build output folder (or an RDF file)")
    p.add_argument("--endpoint", required=True, help="Graph Store Protocol URL of the target store")
    p.add_argument("--graph", help="named graph IRI to write (default: the default graph)")
    p.add_argument("--append", action="store_true", help="add to the graph (POST) instead of replacing it (PUT)")
    p.add_argument("--user", help="USER:PASSWORD for HTTP basic auth (or set MZGRAPH_PUSH_USER)")
    p.set_defaults(func=run)
