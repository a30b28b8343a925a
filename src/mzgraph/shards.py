"""Extractions → sorted N-Triples shards → one merged graph → deterministic Turtle, in bounded memory.

A shard is the sorted, duplicate-free N-Triples of one input file. Shards are
merged with a streaming k-way merge, so the whole graph never sits in memory,
and the Turtle writer groups the merged lines by subject. The bytes of the
output depend only on the set of triples, never on file or worker order.
"""
from __future__ import annotations

import heapq
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDFS, SKOS, XSD

from .model import Extraction
from .rdf.namespace import PREFIXES

MERGE_FANIN = 256  # open shards per merge pass; well below usual fd limits
TURTLE_PREFIXES: dict[str, str] = dict(sorted(
    {**{k: str(v) for k, v in PREFIXES.items()}, "dcterms": str(DCTERMS), "skos": str(SKOS), "rdf": str(RDF),
     "rdfs": str(RDFS), "xsd": str(XSD), "owl": str(OWL)}.items()))
_RDF_TYPE = f"<{RDF.type}>"
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def literal_nt(lit: Literal) -> str:
    text = f'"{str(lit).translate(_ESCAPES)}"'
    if lit.language:
        return f"{text}@{lit.language}"
    if lit.datatype is not None and lit.datatype != XSD.string:
        return f"{text}^^<{lit.datatype}>"
    return text


def term_nt(term, _iris: dict[str, str] = {}) -> str:  # noqa: B006 - a deliberate process-wide memo
    if isinstance(term, Literal):
        return literal_nt(term)
    if isinstance(term, URIRef):
        s = _iris.get(term)
        if s is None:
            s = _iris[term] = f"<{term}>"
            if len(_iris) > 200_000:
                _iris.clear()
        return s
    raise ValueError(f"N-Triples shards hold IRIs and literals only, found {term!r}")


def triples_nt(triples: Iterable[tuple]) -> list[str]:
    """Sorted, duplicate-free N-Triples lines (each ending in a newline)."""
    return sorted({f"{term_nt(s)} {term_nt(p)} {term_nt(o)} .\n" for s, p, o in triples})


def extraction_lines(x: Extraction, themes: dict[str, URIRef]) -> set[str]:
    """The N-Triples lines rdf/graph.py builds for one article."""
    from .rdf.graph import extraction_lines as lines

    return lines(x, themes)


def ontology_triples() -> list[str]:
    """The ontology and theme scheme, as N-Triples lines."""
    from .rdf.graph import new_graph

    return triples_nt(new_graph(with_ontology=True))


def write_lines(path: Path, lines: Iterable[str]) -> None:
    """Write lines to ``path`` via a temporary file and rename (shards are shared by concurrent workers)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.writelines(lines)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; workers may run as other users on a shared disk
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _unique(lines: Iterator[str]) -> Iterator[str]:
    last = None
    for line in lines:
        if line != last:
            yield line
            last = line


def merge_shards(shards: list[Path], out: Path, fanin: int = MERGE_FANIN) -> int:
    """Merge sorted shards into one sorted duplicate-free N-Triples file; return its line count."""
    work = Path(tempfile.mkdtemp(prefix=".merge.", dir=out.parent))
    try:
        level = list(shards)
        runs = 0
        while len(level) > fanin:
            nxt = []
            for i in range(0, len(level), fanin):
                run = work / f"run{runs}.nt"
                runs += 1
                _merge_into(level[i:i + fanin], run)
                nxt.append(run)
            level = nxt
        return _merge_into(level, out)
    finally:
        for p in work.iterdir():
            p.unlink()
        work.rmdir()


def _merge_into(paths: list[Path], out: Path) -> int:
    n = 0
    with ExitStack() as stack:
        files = [stack.enter_context(p.open(encoding="utf-8", newline="\n")) for p in paths]
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            buf = []
            for line in _unique(heapq.merge(*files)):
                buf.append(line)
                n += 1
                if len(buf) >= 8192:
                    fh.writelines(buf)
                    buf.clear()
            fh.writelines(buf)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    return n


def _split(line: str) -> tuple[str, str, str]:
    s_end = line.index("> ") + 1
    p_end = line.index("> ", s_end + 1) + 1
    return line[:s_end], line[s_end + 1:p_end], line[p_end + 1:-3]


class _Names:
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


def write_turtle(lines: Iterable[str], fh: IO[str], prefixes: dict[str, str] = TURTLE_PREFIXES) -> None:
    """Sorted N-Triples lines → Turtle: one block per subject, ``a`` first, then predicates in order."""
    names = _Names(prefixes)
    for prefix, ns in prefixes.items():
        fh.write(f"PREFIX {prefix}: <{ns}>\n")
    subject = None
    group: list[tuple[str, str]] = []
    for line in lines:
        s, p, o = _split(line)
        if s != subject:
            if group:
                _write_block(fh, names, subject, group)
            subject, group = s, []
        group.append((p, o))
    if group:
        _write_block(fh, names, subject, group)


def _write_block(fh: IO[str], names: _Names, subject: str, group: list[tuple[str, str]]) -> None:
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
    import io

    buf = io.StringIO(newline="\n")
    write_turtle(triples_nt(g), buf)
    return buf.getvalue().encode("utf-8")
