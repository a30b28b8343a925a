"""Sorted N-Triples lines → deterministic Turtle, streamed: the layout of every graph.ttl.

The writer groups the lines by subject (``a`` first, then predicates in order), so the bytes of
the output depend only on the set of triples, never on file or worker order.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from typing import IO

from rdflib import RDF, Graph
from rdflib.namespace import DCTERMS, OWL, RDFS, SKOS, XSD

from .namespace import PREFIXES
from .ntriples import triples_nt

__all__ = ["TURTLE_PREFIXES", "TurtleNames", "turtle_header", "write_turtle", "write_blocks", "graph_turtle"]

TURTLE_PREFIXES: dict[str, str] = dict(sorted(
    {**{k: str(v) for k, v in PREFIXES.items()}, "dcterms": str(DCTERMS), "skos": str(SKOS), "rdf": str(RDF),
     "rdfs": str(RDFS), "xsd": str(XSD), "owl": str(OWL)}.items()))
_RDF_TYPE = f"<{RDF.type}>"
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


def _split(line: str) -> tuple[str, str, str]:
    s_end = line.index("> ") + 1
    p_end = line.index("> ", s_end + 1) + 1
    return line[:s_end], line[s_end + 1:p_end], line[p_end + 1:-3]


class TurtleNames:
    """IRIs → prefixed names where the local part is a plain Turtle name, else ``<iri>``."""

    def __init__(self, prefixes: dict[str, str]):
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.memo: dict[str, str] = {}

    def iri(self, nt: str) -> str:
        out = self.memo.get(nt)
        if out is None:
            out = nt
            iri = nt[1:-1]
            for prefix, ns in self.prefixes:
                if iri.startswith(ns) and _LOCAL.match(iri, len(ns)):
                    out = f"{prefix}:{iri[len(ns):]}"
                    break
            if len(self.memo) > 100_000:
                self.memo.clear()
            self.memo[nt] = out
        return out

    def obj(self, nt: str) -> str:
        if nt.startswith("<"):
            return self.iri(nt)
        if nt.endswith(">"):  # typed literal: shorten the datatype
            cut = nt.rindex("^^<")
            return nt[:cut + 2] + self.iri(nt[cut + 2:])
        return nt


def turtle_header(prefixes: dict[str, str] = TURTLE_PREFIXES) -> str:
    """The ``PREFIX`` lines that open every graph.ttl."""
    return "".join(f"PREFIX {prefix}: <{ns}>\n" for prefix, ns in prefixes.items())


def write_turtle(lines: Iterable[str], fh: IO[str], prefixes: dict[str, str] = TURTLE_PREFIXES,
                 starts: Sequence[str] = ()) -> list[int]:
    """Sorted N-Triples lines → Turtle: one block per subject, ``a`` first, then predicates in order.

    ``starts``: sorted subjects (``<iri>``); returned is, for each, the offset (``fh.tell()``) of the
    first block whose subject is not before it, so a part of the file can be re-written alone
    (``pipeline/incremental.py``).
    """
    fh.write(turtle_header(prefixes))
    return write_blocks(lines, fh, TurtleNames(prefixes), starts)


def write_blocks(lines: Iterable[str], fh: IO[str], names: TurtleNames | None = None,
                 starts: Sequence[str] = ()) -> list[int]:
    """The subject blocks of :func:`write_turtle`, without the prefix lines."""
    names = names or TurtleNames(TURTLE_PREFIXES)
    marks: list[int] = []
    nxt = starts[0] if starts else None
    subject = None
    group: list[tuple[str, str]] = []
    for line in lines:
        s, p, o = _split(line)
        if s != subject:
            if group:
                _write_block(fh, names, subject, group)
            subject, group = s, []
            while nxt is not None and s >= nxt:
                marks.append(fh.tell())
                nxt = starts[len(marks)] if len(marks) < len(starts) else None
        group.append((p, o))
    if group:
        _write_block(fh, names, subject, group)
    while len(marks) < len(starts):
        marks.append(fh.tell())
    return marks


def _write_block(fh: IO[str], names: TurtleNames, subject: str, group: list[tuple[str, str]]) -> None:
    types = [o for p, o in group if p == _RDF_TYPE]
    parts = []
    if types:
        parts.append("    a " + " ,\n        ".join(names.obj(o) for o in types))
    pred = None
    objs: list[str] = []
    for p, o in group:
        if p == _RDF_TYPE:
            continue
        if p != pred:
            if objs:
                parts.append(f"    {names.iri(pred)} " + " ,\n        ".join(objs))
            pred, objs = p, []
        objs.append(names.obj(o))
    if objs:
        parts.append(f"    {names.iri(pred)} " + " ,\n        ".join(objs))
    fh.write(f"\n{names.iri(subject)}\n" + " ;\n".join(parts) + " .\n")


def graph_turtle(g: Graph) -> bytes:
    """An in-memory graph in the same Turtle layout as a sharded build (small graphs only)."""
    buf = io.StringIO(newline="\n")
    write_turtle(triples_nt(g), buf)
    return buf.getvalue().encode("utf-8")
