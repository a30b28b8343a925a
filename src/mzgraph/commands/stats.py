"""``mzgraph stats GRAPH``: counts by type, most central entities and themes by province."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..paths import graph_file
from ..views import load_graph, to_networkx
from ..views.html import write_html
from ..views.report import render_stats_html
from ..views.stats import format_stats, graph_stats

__all__ = ["configure", "run"]


def run(args: argparse.Namespace) -> int:
    stats = graph_stats(to_networkx(load_graph(graph_file(args.graph))), top=args.top)
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
