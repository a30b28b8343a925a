"""``mzgraph validate GRAPH``: the SHACL report of a build (or a Turtle file) against the project's shapes."""
from __future__ import annotations

import argparse

from ..validate import validate_graph

__all__ = ["configure", "run"]


def run(args: argparse.Namespace) -> int:
    report = validate_graph(args.graph)
    for v in report.violations[:args.limit or None]:
        print(f"{v.severity}\t{v.focus}\t{v.path}\t{v.message}")
    more = len(report.violations) - args.limit if args.limit else 0
    if more > 0:
        print(f"… and {more} more (--limit 0 prints all)")
    verdict = "conforms" if report.conforms else f"does not conform: {len(report.violations)} result(s)"
    print(f"{report.graph}: {verdict} to the mzgraph shapes")
    return 0 if report.conforms else 1


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("graph", help="output folder (its graph.ttl) or a .ttl file")
    p.add_argument("--limit", type=int, default=50, help="print at most N results (default: 50; 0 for all)")
    p.set_defaults(func=run)
