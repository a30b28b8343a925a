"""``mzgraph export DIR --format F``: the graph in a format other systems read."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..export import FORMATS, export

__all__ = ["configure", "run"]


def run(args: argparse.Namespace) -> int:
    target = export(args.dir, args.format, args.output, excel=args.excel)
    if target is not None:
        print(f"wrote {target}", file=sys.stderr)
    return 0


def configure(p: argparse.ArgumentParser) -> None:
    p.description = ("ttl/nt/nq/jsonld: RDF; graphml/gexf: entities as nodes and relations as edges (Gephi); "
                     "csv: entities.csv, relations.csv and evidence.csv in a folder, or a .zip; "
                     "parquet: GraphRAG's documents, text_units, entities and relationships tables")
    p.add_argument("dir", type=Path, help="a build output folder (or an RDF file)")
    p.add_argument("--format", "-f", choices=FORMATS, required=True)
    p.add_argument("-o", "--output", help="output file (csv: folder or .zip; parquet: folder; '-' for stdout); "
                                          "default DIR/export.EXT, DIR/export-csv/ or DIR/export-parquet/")
    p.add_argument("--excel", action="store_true",
                   help="csv: start each file with a UTF-8 byte-order mark, so Excel reads the Chinese")
    p.set_defaults(func=run)
