"""Export formats by name: one table that both the CLI and :func:`mzgraph.export.export` read.

As rdflib's ``plugin.register(name, kind, module, class)``: a format names the module and
function that write it, imported only when the format is used, so listing the formats (the
CLI's ``--format`` choices) loads neither pyoxigraph nor networkx.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from ..errors import MzgraphError

__all__ = ["ExportFormat", "Writer", "register", "get", "names", "formats"]

Writer = Callable[..., None]  # (build folder or RDF file, target file or stream, **options)


@dataclass(frozen=True)
class ExportFormat:
    name: str
    module: str  # dotted module of the writer
    function: str  # writer: (build, sink) -> None
    default_name: str  # written next to the graph without -o: export.ttl, export-csv …
    description: str
    no_stdout: str = ""  # why the format cannot go to stdout ("" when it can)
    options: tuple[str, ...] = ()  # keyword options the writer takes (csv: excel)

    @property
    def folder(self) -> bool:
        """Whether the writer makes its own target (a folder or an archive) rather than one file."""
        return bool(self.no_stdout)

    def writer(self) -> Writer:
        return getattr(import_module(self.module), self.function)


_FORMATS: dict[str, ExportFormat] = {}


def register(fmt: ExportFormat) -> None:
    """Add (or replace) a format under its name."""
    _FORMATS[fmt.name] = fmt


def get(name: str) -> ExportFormat:
    try:
        return _FORMATS[name]
    except KeyError:
        raise MzgraphError(f"unknown export format {name!r}; known: {', '.join(_FORMATS)}") from None


def names() -> tuple[str, ...]:
    return tuple(_FORMATS)


def formats() -> tuple[ExportFormat, ...]:
    return tuple(_FORMATS.values())


_RDF, _PG, _TABLES = "mzgraph.export.rdf", "mzgraph.export.property_graph", "mzgraph.export.tables"
for _fmt in (
    ExportFormat("ttl", _RDF, "write_ttl", "export.ttl", "Turtle with readable prefixes (person:, mention:, …)"),
    ExportFormat("nt", _RDF, "write_nt", "export.nt", "N-Triples, for bulk loaders"),
    ExportFormat("nq", _RDF, "write_nq", "export.nq", "N-Quads in one named graph"),
    ExportFormat("jsonld", _RDF, "write_jsonld", "export.jsonld", "JSON-LD with a context of short keys"),
    ExportFormat("graphml", _PG, "write_graphml", "export.graphml", "GraphML: entities as nodes, relations as edges"),
    ExportFormat("gexf", _PG, "write_gexf", "export.gexf", "GEXF for Gephi, with node colours"),
    ExportFormat("csv", _PG, "write_csv", "export-csv",
                 "entities.csv, relations.csv (with sentence and offsets) and evidence.csv in a folder, or a .zip",
                 no_stdout="csv export writes three files: give -o FOLDER or -o FILE.zip", options=("excel",)),
    ExportFormat("parquet", _TABLES, "write_parquet", "export-parquet",
                 "GraphRAG's tables: documents, text_units, entities, relationships (.parquet, needs pyarrow)",
                 no_stdout="parquet export writes four files: give -o FOLDER"),
    ExportFormat("site", "mzgraph.explorer.site", "write_site", "export-site",
                 "the explorer's pages as static files that open from disk (index.html), no server needed",
                 no_stdout="site export writes a folder of pages: give -o FOLDER"),
):
    register(_fmt)
