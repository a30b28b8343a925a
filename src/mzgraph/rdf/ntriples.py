"""N-Triples terms as plain strings: the one place literals are escaped (as rdflib and Oxigraph write them)."""
from __future__ import annotations

from collections.abc import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

__all__ = ["iri", "literal", "integer", "literal_nt", "term_nt", "triples_nt"]

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_NON_NEGATIVE = f"<{XSD.nonNegativeInteger}>"
_STRING = str(XSD.string)


def iri(value: str) -> str:
    return f"<{value}>"


def literal(text: str, lang: str = "", datatype: str = "") -> str:
    """An N-Triples literal; a plain string when neither ``lang`` nor ``datatype`` is given."""
    if "\\" in text or '"' in text or "\n" in text or "\r" in text:
        # one pass each, the backslash first (so no escape is escaped again): str.translate with a
        # table walks a non-ASCII text character by character, several times slower
        text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    body = f'"{text}"'
    if lang:
        return f"{body}@{lang}"
    return f"{body}^^<{datatype}>" if datatype else body


def integer(n: int) -> str:
    """An ``xsd:nonNegativeInteger`` literal (offsets)."""
    return f'"{n}"^^{_NON_NEGATIVE}'


def literal_nt(lit: Literal) -> str:
    datatype = lit.datatype if lit.datatype is not None and str(lit.datatype) != _STRING else ""
    return literal(str(lit), lit.language or "", datatype)


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
