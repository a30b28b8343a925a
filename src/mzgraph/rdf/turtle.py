"""Sorted N-Triples lines → deterministic Turtle, streamed: the layout of every graph.ttl.

The writer groups the lines by subject (``a`` first, then predicates in order), so the bytes of
the output depend only on the set of triples, never on file or worker order.
"""
from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
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


class TurtleNames:
    """IRIs → prefixed names where the local part is a plain Turtle name, else ``<iri>``."""

    def __init__(self, prefixes: dict[str, str]):
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        # A local name holds no "/" or "#": where every namespace ends with one, an IRI's namespace can
        # only be the part up to its last one, found with one look-up instead of a test per prefix.
        self.by_ns = {ns: prefix for prefix, ns in prefixes.items()} if all(
            ns.endswith(("/", "#")) for ns in prefixes.values()) else None
        self.memo: dict[str, str] = {}

    def iri(self, nt: str) -> str:
        out = self.memo.get(nt)
        if out is None:
            out = nt
            iri = nt[1:-1]
            if self.by_ns is not None:
                cut = max(iri.rfind("/"), iri.rfind("#")) + 1
                prefix = self.by_ns.get(iri[:cut])
                if prefix is not None and _LOCAL.match(iri, cut):
                    out = f"{prefix}:{iri[cut:]}"
            else:
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
    memo, iri, obj = names.memo, names.iri, names.obj
    marks: list[int] = []
    nxt = starts[0] if starts else None
    out: list[str] = []  # blocks not written yet (written in batches; before each mark, to tell its offset)
    subject: str | None = None
    types: list[str] = []
    group: list[tuple[str, str]] = []
    for line in lines:
        s, p, o = line.split(" ", 2)  # (an IRI holds no space; the object keeps its " .\n")
        o = o[:-3]
        if s != subject:
            if subject is not None:
                out.append(_block(memo.get(subject) or iri(subject), types, group, memo, iri))
                if len(out) >= 512:
                    fh.write("".join(out))
                    out.clear()
            subject, types, group = s, [], []
            if nxt is not None and s >= nxt:
                fh.write("".join(out))
                out.clear()
                while nxt is not None and s >= nxt:
                    marks.append(fh.tell())
                    nxt = starts[len(marks)] if len(marks) < len(starts) else None
        if o[0] != '"' or o[-1] == ">":  # an IRI or a typed literal: shorten the IRI
            o = obj(o)
        if p == _RDF_TYPE:
            types.append(o)
        else:
            group.append((p, o))
    if subject is not None:
        out.append(_block(memo.get(subject) or iri(subject), types, group, memo, iri))
    fh.write("".join(out))
    while len(marks) < len(starts):
        marks.append(fh.tell())
    return marks


def _block(subject: str, types: list[str], group: list[tuple[str, str]], memo: dict[str, str],
           iri: Callable[[str], str]) -> str:
    """One subject's Turtle: ``a`` and its classes first, then each predicate (in order) with its objects."""
    parts = ["    a " + " ,\n        ".join(types)] if types else []
    pred = head = None
    objs: list[str] = []
    for p, o in group:
        if p != pred:
            if objs:
                parts.append(head + " ,\n        ".join(objs))
            pred, head, objs = p, f"    {memo.get(p) or iri(p)} ", []
        objs.append(o)
    if objs:
        parts.append(head + " ,\n        ".join(objs))
    return f"\n{subject}\n" + " ;\n".join(parts) + " .\n"


def graph_turtle(g: Graph) -> bytes:
    """An in-memory graph in the same Turtle layout as a sharded build (small graphs only)."""
    buf = io.StringIO(newline="\n")
    write_turtle(triples_nt(g), buf)
    return buf.getvalue().encode("utf-8")
