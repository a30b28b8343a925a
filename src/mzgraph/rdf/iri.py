"""The one place IRIs are minted: deterministic, readable where a public code exists."""
from __future__ import annotations

import hashlib

from rdflib import URIRef

from .namespace import ID


_BASE = str(ID)


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
    kind, _, rest = key.partition(":")
    if kind == "place":
        return place_iri(rest)
    if kind == "street":
        return place_iri(key)
    if kind == "theme":
        raise ValueError("themes use the scheme's IRIs")
    return mint({"org": "org", "person": "person", "meeting": "meeting", "doc": "document"}[kind], rest)
