"""The graph a command is pointed at: a build output folder (its graph.ttl) or a Turtle file."""
from __future__ import annotations

from pathlib import Path

from .errors import MzgraphError, shown_path

__all__ = ["graph_file"]


def graph_file(given: str | Path) -> Path:
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
