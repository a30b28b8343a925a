"""The one table of entity types (data/entity_types.tsv), loaded once and validated with ``file:line``.

An entity type ties together what the rest of mzgraph would otherwise repeat: the key prefix
extraction emits, the ontology class, the kind of IRI minted for it, its Chinese and English
labels, and the colour and shape the views and exports draw it with.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from .errors import LexiconError
from .tsv import table_rows

__all__ = ["EntityType", "NOT_MINTED", "ENTITY_TYPES", "BY_CLASS", "BY_ID", "CLASSES", "load_entity_types", "parse_entity_types"]

FILE = "entity_types.tsv"
COLUMNS = ("id", "class", "iri_kind", "zh", "en", "colour", "shape")
NOT_MINTED = "-"  # iri_kind of a type whose IRIs come from a scheme (themes.ttl), not from rdf/iri.py
# vis-network shapes that draw a label beside the node, as the views need
SHAPES = frozenset({"dot", "diamond", "triangle", "triangleDown", "star", "square", "hexagon", "ellipse"})
_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
_CLASS = re.compile(r"[A-Z][A-Za-z0-9]*\Z")
_COLOUR = re.compile(r"#[0-9a-f]{6}\Z")


@dataclass(frozen=True)
class EntityType:
    id: str  # key prefix of extraction's entity keys
    cls: str  # ontology class local name: mz:<cls>
    iri_kind: str  # id:<iri_kind>/… for minted IRIs, NOT_MINTED for scheme IRIs
    zh: str
    en: str
    colour: str  # "#rrggbb"
    shape: str  # vis-network shape

    @property
    def minted(self) -> bool:
        return self.iri_kind != NOT_MINTED


def _check(row: dict[str, str], where: str, seen: dict[str, set[str]]) -> EntityType:
    checks = (("id", _NAME), ("class", _CLASS), ("colour", _COLOUR))
    for col, pattern in checks:
        if not pattern.match(row[col]):
            raise LexiconError(f"{where}: bad {col} {row[col]!r} (expected {pattern.pattern[:-2]})")
    if row["iri_kind"] != NOT_MINTED and not _NAME.match(row["iri_kind"]):
        raise LexiconError(f"{where}: bad iri_kind {row['iri_kind']!r} (a lower-case name, or {NOT_MINTED})")
    if row["shape"] not in SHAPES:
        raise LexiconError(f"{where}: unknown shape {row['shape']!r}; expected one of {', '.join(sorted(SHAPES))}")
    for col in ("zh", "en"):
        if not row[col].strip():
            raise LexiconError(f"{where}: empty {col} label")
    for col in ("id", "class"):
        if row[col] in seen[col]:
            raise LexiconError(f"{where}: duplicate {col} {row[col]!r}")
        seen[col].add(row[col])
    return EntityType(row["id"], row["class"], row["iri_kind"], row["zh"], row["en"], row["colour"], row["shape"])


def parse_entity_types(text: str, name: str = FILE) -> tuple[EntityType, ...]:
    """The rows of an entity-type table; a malformed line raises :class:`LexiconError` naming ``name:line``."""
    seen: dict[str, set[str]] = {"id": set(), "class": set()}
    out = [_check(row, f"{name}:{lineno}", seen) for lineno, row in table_rows(text, name, COLUMNS, exact=True)]
    if not out:
        raise LexiconError(f"{name}: no entity types")
    return tuple(out)


def load_entity_types() -> tuple[EntityType, ...]:
    """The packaged table."""
    return parse_entity_types((resources.files("mzgraph") / "data" / FILE).read_text(encoding="utf-8"))


ENTITY_TYPES: tuple[EntityType, ...] = load_entity_types()
BY_CLASS: dict[str, EntityType] = {t.cls: t for t in ENTITY_TYPES}
BY_ID: dict[str, EntityType] = {t.id: t for t in ENTITY_TYPES}
CLASSES: tuple[str, ...] = tuple(t.cls for t in ENTITY_TYPES)
