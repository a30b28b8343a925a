"""``mzgraph serve DIR``: a read-only SPARQL endpoint and the HTML views of a build."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..server import Served, serve

__all__ = ["configure", "run"]


def run(args: argparse.Namespace) -> int:
    def ready(s: Served) -> None:
        print(f"serving {args.dir} (read-only)")
        for view in s.views:
            print(f"  view:     {view}")
        print(f"  SPARQL:   {s.endpoint}")
        print(f"  query UI: {s.ui}")
        print(f"  backend:  oxigraph pid {s.backend.pid} at {s.backend.url}")
        print("Ctrl-C to stop.", flush=True)

    code = serve(args.dir, args.host, args.port, quiet=args.quiet, on_ready=ready)
    print("stopped.", flush=True)
    return code


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", type=Path, help="a build output folder (with store/)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, loopback only)")
    p.add_argument("--port", type=int, default=7878, help="port to listen on (default: 7878)")
    p.add_argument("--quiet", action="store_true", help="do not log each request")
    p.set_defaults(func=run)
