"""``mzgraph view GRAPH -o FILE.html``: an interactive, offline page of the graph (or of one entity's neighbourhood)."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..views import DEFAULT_MAX_NODES, TYPES, write_view

__all__ = ["configure", "run"]


def run(args: argparse.Namespace) -> int:
    out = args.output
    if out is None:
        src = Path(args.graph)
        out = src / "view.html" if src.is_dir() else src.with_suffix(".html")
    title = f"mzgraph · {args.focus}" if args.focus else "mzgraph"
    sel = write_view(args.graph, out, focus=args.focus, depth=args.depth, types=args.type,
                     max_nodes=args.max_nodes or DEFAULT_MAX_NODES, title=title)
    print(f"wrote {out}: {sel.graph.number_of_nodes()} of {sel.total_nodes} nodes, "
          f"{sel.graph.number_of_edges()} edges")
    if sel.notice:
        print(sel.notice)
    return 0


def _type_name(value: str) -> str:
    """An entity type in any case (person, PERSON, Person)."""
    found = next((t for t in TYPES if t.lower() == value.lower()), None)
    if found is None:
        raise argparse.ArgumentTypeError(f"unknown type {value!r}: expected one of {', '.join(TYPES)}")
    return found


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("graph", help="output folder (its graph.ttl) or a .ttl file")
    p.add_argument("-o", "--output", type=Path,
                   help="HTML file to write (default: GRAPH/view.html, or the .ttl name with .html)")
    p.add_argument("--focus", metavar="LABEL", help="show only the neighbourhood of this person, bureau, meeting or theme")
    p.add_argument("--depth", type=int, default=1, help="hops around --focus (default: 1)")
    p.add_argument("--type", action="append", type=_type_name, metavar="TYPE",
                   help=f"keep only this entity type (repeatable): {', '.join(TYPES)}")
    p.add_argument("--max-nodes", type=int, default=DEFAULT_MAX_NODES,
                   help=f"keep the N most connected nodes (default: {DEFAULT_MAX_NODES})")
    p.set_defaults(func=run)
