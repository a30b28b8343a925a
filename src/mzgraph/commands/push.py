"""``mzgraph push DIR --endpoint URL``: upload the graph to Fuseki, GraphDB, Oxigraph … (Graph Store Protocol)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..export import graph_store_url, push
from ..export.push import DEFAULT_PUSH_TIMEOUT, push_credentials

__all__ = ["configure", "run"]


def run(args: argparse.Namespace) -> int:
    if args.user and ":" in args.user:
        print("mzgraph: warning: a password given with --user is visible to other users (ps); "
              "set MZGRAPH_PUSH_PASSWORD or use ~/.netrc instead", file=sys.stderr)
    credentials = push_credentials(args.endpoint, args.user)
    user, password = credentials if credentials else (None, None)
    status, triples = push(args.dir, args.endpoint, args.graph, append=args.append, user=user, password=password,
                           timeout=args.timeout)
    verb = "appended to" if args.append else "replaced"
    print(f"{verb} {graph_store_url(args.endpoint, args.graph)}: {triples} triples (HTTP {status})")
    return 0


def configure(p: argparse.ArgumentParser) -> None:
    p.description = ("PUT (or POST with --append) the graph as N-Triples to ENDPOINT?graph=IRI or ENDPOINT?default. "
                     "ENDPOINT is the store's graph-store URL, e.g. Oxigraph http://HOST:7878/store, "
                     "Fuseki http://HOST:3030/DATASET/data, "
                     "GraphDB http://HOST:7200/repositories/REPO/rdf-graphs/service. "
                     "HTTP basic auth: the user from --user or MZGRAPH_PUSH_USER, the password from "
                     "MZGRAPH_PUSH_PASSWORD or the endpoint host's entry in ~/.netrc.")
    p.add_argument("dir", type=Path, help="a build output folder (or an RDF file)")
    p.add_argument("--endpoint", required=True, help="Graph Store Protocol URL of the target store")
    p.add_argument("--graph", help="named graph IRI to write (default: the default graph)")
    p.add_argument("--append", action="store_true", help="add to the graph (POST) instead of replacing it (PUT)")
    p.add_argument("--user", help="USER for HTTP basic auth (USER:PASSWORD works but shows the password in ps)")
    p.add_argument("--timeout", type=float, default=DEFAULT_PUSH_TIMEOUT, metavar="S",
                   help=f"give up when the endpoint is silent for S seconds (default: {DEFAULT_PUSH_TIMEOUT:g})")
    p.set_defaults(func=run)
