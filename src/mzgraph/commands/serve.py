"""``mzgraph serve DIR``: a read-only SPARQL endpoint and the HTML views of a build."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..server import DEFAULT_IDLE_TIMEOUT, Served, serve
from ..store.sparql import DEFAULT_TIMEOUT

__all__ = ["configure", "run"]


def run(args: argparse.Namespace) -> int:
    def ready(s: Served) -> None:
        if not s.loopback:
            print(f"mzgraph: warning: listening on {s.host}, not loopback: anyone who can reach this machine "
                  "can query the graph", file=sys.stderr, flush=True)
        print(f"serving {args.dir} (read-only)")
        print(f"  explorer: {s.url.rstrip('/')}/  (search, entity and article pages, /meetings timeline)")
        for view in s.views:
            print(f"  view:     {view}")
        print(f"  SPARQL:   {s.endpoint}")
        print(f"  query UI: {s.ui}")
        print(f"  backend:  oxigraph pid {s.backend.pid} at {s.backend.url}")
        print("Ctrl-C to stop.", flush=True)

    code = serve(args.dir, args.host, args.port, quiet=args.quiet, on_ready=ready,
                 timeout=args.timeout if args.timeout > 0 else None, allow_service=args.allow_service,
                 allow_hosts=args.allow_host, idle_timeout=args.idle_timeout)
    print("stopped.", flush=True)
    return code


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", type=Path, help="a build output folder (with store/)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, loopback only)")
    p.add_argument("--port", type=int, default=7878, help="port to listen on, 0-65535 (default: 7878)")
    p.add_argument("--quiet", action="store_true", help="do not log each request")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                   help=f"stop a query after S seconds, answering 503 (default: {DEFAULT_TIMEOUT:g}; 0: no limit)")
    p.add_argument("--allow-service", action="store_true",
                   help="let SERVICE clauses make this server call other SPARQL endpoints (refused by default)")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="also answer requests whose Host is NAME (repeatable; '*': any). By default only "
                        "this machine's addresses and localhost, which stops DNS rebinding")
    p.add_argument("--idle-timeout", type=float, default=DEFAULT_IDLE_TIMEOUT, metavar="S",
                   help=f"close a connection silent for S seconds (default: {DEFAULT_IDLE_TIMEOUT:g})")
    p.set_defaults(func=run)
