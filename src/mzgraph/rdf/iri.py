"""The one place IRIs are minted: deterministic, readable where a public code exists."""
from __future__ import annotations

import hashlib

from rdflib import URIRef

from ..entity_types import ENTITY_TYPES, NOT_MINTED
from .namespace import ID

__all__ = ["mint_str", "mint", "place_iri", "entity_iri"]


_BASE = str(ID)
_KINDS = {t.id: t.iri_kind for t in ENTITY_TYPES}  # entity key prefix → IRI kind


def mint_str(kind: str, *parts: object) -> str:
    """``id:{kind}/{digest}`` as a plain string: the same parts always give the same IRI."""
    key = "\x1f".join(str(p) for p in parts)
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    return f"{_BASE}{kind}/{digest}"


def mint(kind: str, *parts: object) -> URIRef:
    """``id:{kind}/{digest}``: the same parts always give the same IRI, whatever the label holds."""
    return URIRef(mint_str(kind, *parts))


def place_iri(code: str) -> URIRef:
    """Divisions by their GB/T 2260 code; streets by their district and a digest of the name."""
    if code.startswith("street:"):
        _, county, name = code.split(":", 2)
        return mint(f"place/{county or 'x'}", name)
    return ID[f"place/{code}"]


def entity_iri(key: str) -> URIRef:
    """The IRI of an entity key (``person:王强``, ``org:…``, ``place:320000``, ``street:…``)."""
    kind, _, rest = key.partition(":")
    if kind == "place":
        return place_iri(rest)
    if kind == "street":
        return place_iri(key)
    iri_kind = _KINDS[kind]
    if iri_kind == NOT_MINTED:
        raise ValueError(f"{kind} entities use the IRIs of their scheme")
    return mint(iri_kind, rest)
