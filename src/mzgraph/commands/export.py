"""``mzgraph export DIR --format F``: the graph in a format other systems read."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..export import FORMATS, export

__all__ = ["configure", "run"]


def run(args: argparse.Namespace) -> int:
    target = export(args.dir, args.format, args.output)
    if target is not None:
        print(f"wrote {target}", file=sys.stderr)
    return 0


def configure(p: argparse.ArgumentParser) -> None:
    p.description = ("ttl/nt/nq/jsonld: RDF; graphml/gexf: entities as nodes and relations as edges (Gephi); "
                     "csv: entities.csv + relations.csv in a folder, or a .zip")
    p.add_argument("dir", type=Path, help="a build output folder (or an RDF file)")
    p.add_argument("--format", "-f", choices=FORMATS, required=True)
    p.add_argument("-o", "--output", help="output file (csv: folder or .zip; '-' for stdout); "
                                          "default DIR/export.EXT or DIR/export-csv/")
    p.set_defaults(func=run)
