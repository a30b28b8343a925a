"""Exports of a built graph for other systems: RDF for triple stores, GraphML/GEXF for Gephi, CSV,
and GraphRAG's Parquet tables.

Formats are looked up by name in :mod:`.registry` (the CLI's ``--format`` choices come from the
same table); each names its writer in :mod:`.rdf`, :mod:`.property_graph` or :mod:`.tables`. :mod:`.push`
uploads the graph to a remote store.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..errors import MzgraphError
from .property_graph import csv_tables, to_networkx
from .push import graph_store_url, push
from .rdf import DEFAULT_GRAPH_IRI, graph_file, jsonld_context, turtle_prefixes
from .registry import ExportFormat, get, names, register

__all__ = ["FORMATS", "DEFAULT_GRAPH_IRI", "ExportFormat", "register", "export", "default_output", "graph_file",
           "to_networkx", "csv_tables", "turtle_prefixes", "jsonld_context", "push", "graph_store_url"]

FORMATS = names()


def default_output(build: Path, fmt: str) -> Path:
    """Where ``export`` writes without ``-o``: ``DIR/export-csv/`` or ``DIR/export.<ext>``."""
    build = Path(build)
    base = build if build.is_dir() else build.parent
    return base / get(fmt).default_name


def export(build: Path, fmt: str, out: Path | str | None = None, **options) -> Path | None:
    """Write the graph of ``build`` (a build folder or RDF file) as ``fmt``; ``out="-"`` is stdout.
    ``options`` go to the writer (csv: ``excel=True``); a format that does not take one refuses it."""
    spec = get(fmt)
    unknown = sorted(k for k, v in options.items() if v and k not in spec.options)
    if unknown:
        raise MzgraphError(f"{fmt} export takes no {', '.join(unknown)} option")
    options = {k: v for k, v in options.items() if k in spec.options}
    to_stdout = out is not None and str(out) == "-"
    if to_stdout and spec.no_stdout:
        raise MzgraphError(spec.no_stdout)
    target = None if to_stdout else Path(out) if out is not None else default_output(Path(build), fmt)
    if target is not None and not spec.folder:
        target.parent.mkdir(parents=True, exist_ok=True)
    try:
        spec.writer()(Path(build), sys.stdout.buffer if to_stdout else target, **options)
    except BrokenPipeError:  # the reader of stdout went away (| head): the CLI ends quietly
        raise
    except OSError as exc:
        raise MzgraphError(f"{target or 'stdout'}: cannot write: {exc.strerror or exc}") from None
    if to_stdout:
        sys.stdout.buffer.flush()
    return target
