"""``mzgraph stats GRAPH``: counts by type, most central entities and themes by province."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import MzgraphError, shown_path
from ..views import load_graph, to_networkx
from ..views.html import write_html
from ..views.report import render_stats_html
from ..views.stats import format_stats, graph_stats

__all__ = ["configure", "run"]


def _graph_path(given: str) -> Path:
    """The Turtle file of a build folder, or a .ttl (.nt) file; anything else is a one-line error, never parsed."""
    path = Path(given)
    if path.is_dir():
        if not (path / "graph.ttl").is_file():
            raise MzgraphError(f"{shown_path(path)}: not a build output folder: no graph.ttl (run `mzgraph build`)")
        return path / "graph.ttl"
    if not path.exists():
        raise MzgraphError(f"{shown_path(path)}: no such build folder or Turtle file")
    if path.suffix.lower() not in (".ttl", ".nt"):
        raise MzgraphError(f"{shown_path(path)}: not a build output folder or a Turtle (.ttl, .nt) file")
    return path


def run(args: argparse.Namespace) -> int:
    stats = graph_stats(to_networkx(load_graph(_graph_path(args.graph))), top=args.top)
    sys.stdout.write(format_stats(stats))
    if args.html:
        write_html(args.html, render_stats_html(stats))
        print(f"wrote {args.html}")
    return 0


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("graph", help="output folder (its graph.ttl) or a .ttl file")
    p.add_argument("--top", type=int, default=10, help="how many central entities per type (default: 10)")
    p.add_argument("--html", type=Path, metavar="FILE", help="also write the report as a small HTML page")
    p.set_defaults(func=run)
