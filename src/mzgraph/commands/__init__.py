"""The sub-commands of ``mzgraph``, one module each, looked up by name.

Each module defines ``configure(parser)``, which adds its options and sets ``func`` to a
function taking the parsed args and returning an exit code; that function parses nothing
itself and calls one library function. The CLI imports only the module of the command being
run (as rdflib's plugins are loaded on ``plugin.get``), so ``mzgraph query`` never loads the
extraction code that ``mzgraph build`` needs. Add a command with one row below.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from types import ModuleType

__all__ = ["Command", "COMMANDS", "command"]


@dataclass(frozen=True)
class Command:
    name: str
    help: str

    def module(self) -> ModuleType:
        return import_module(f"{__name__}.{self.name}")


COMMANDS: tuple[Command, ...] = (
    Command("build", "extract a knowledge graph from article files or folders"),
    Command("query", "run a named or ad-hoc SPARQL query"),
    Command("view", "write an interactive HTML view of a graph (works offline)"),
    Command("stats", "graph statistics: counts, central entities, themes by province"),
    Command("serve", "serve a build's SPARQL endpoint (read-only) and HTML views"),
    Command("export", "write the graph as Turtle, N-Triples, N-Quads, JSON-LD, GraphML, GEXF, CSV, Parquet or an offline site"),
    Command("push", "upload the graph to a SPARQL store (Graph Store HTTP Protocol)"),
    Command("validate", "check a graph against the project's SHACL shapes"),
)


def command(name: str) -> Command | None:
    return next((c for c in COMMANDS if c.name == name), None)
