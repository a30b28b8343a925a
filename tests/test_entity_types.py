"""The entity-type table: valid, equal to the ontology's classes and labels, read by every consumer."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal

from mzgraph.entity_types import ENTITY_TYPES, parse_entity_types
from mzgraph.errors import LexiconError
from mzgraph.export.property_graph import COLOURS
from mzgraph.model import ENTITY_TYPES as MODEL_TYPES
from mzgraph.rdf.iri import entity_iri
from mzgraph.rdf.namespace import ID, MZ
from mzgraph.views.html import STYLE
from mzgraph.views.model import TYPE_ZH, TYPES

ROOT = Path(__file__).resolve().parents[1]
HEADER = "id\tclass\tiri_kind\tzh\ten\tcolour\tshape\n"
GOOD = "award\tAward\taward\t奖项\tAward\t#76b7b2\tellipse"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "mzgraph.ttl", format="turtle")


@pytest.mark.parametrize("etype", ENTITY_TYPES, ids=lambda t: t.cls)
def test_class_is_in_the_ontology_with_the_same_labels(etype, ontology):
    cls = getattr(MZ, etype.cls)
    labels = set(ontology.objects(cls, RDFS.label))
    assert Literal(etype.zh, lang="zh") in labels and Literal(etype.en, lang="en") in labels


@pytest.mark.parametrize("etype", [t for t in ENTITY_TYPES if t.minted], ids=lambda t: t.cls)
def test_minted_types_get_iris_of_their_kind(etype):
    key = f"{etype.id}:320000" if etype.id == "place" else f"{etype.id}:某某"
    assert str(entity_iri(key)).startswith(f"{ID}{etype.iri_kind}/")


def test_consumers_read_the_table():
    classes = tuple(t.cls for t in ENTITY_TYPES)
    assert MODEL_TYPES == TYPES == classes
    assert TYPE_ZH == {t.cls: t.zh for t in ENTITY_TYPES}
    assert STYLE == {t.cls: (t.shape, t.colour) for t in ENTITY_TYPES}
    assert COLOURS == {t.cls: t.colour for t in ENTITY_TYPES}


def test_entities_query_lists_every_type():
    text = (ROOT / "src" / "mzgraph" / "queries" / "entities.rq").read_text(encoding="utf-8")
    assert all(f'"{t.cls}"' in text for t in ENTITY_TYPES)


def test_a_good_row_parses():
    (award,) = parse_entity_types(HEADER + GOOD + "\n")
    assert (award.id, award.cls, award.iri_kind, award.colour, award.shape) == ("award", "Award", "award",
                                                                                "#76b7b2", "ellipse")


@pytest.mark.parametrize("line, error", [
    ("award\tAward\taward\t奖项\tAward\t#76b7b2", "expected 7 tab-separated cells"),
    ("Award\tAward\taward\t奖项\tAward\t#76b7b2\tellipse", "bad id"),
    ("award\taward\taward\t奖项\tAward\t#76b7b2\tellipse", "bad class"),
    ("award\tAward\tAward\t奖项\tAward\t#76b7b2\tellipse", "bad iri_kind"),
    ("award\tAward\taward\t奖项\tAward\tteal\tellipse", "bad colour"),
    ("award\tAward\taward\t奖项\tAward\t#76b7b2\tcloud", "unknown shape"),
    ("award\tAward\taward\t\tAward\t#76b7b2\tellipse", "empty zh label"),
    (GOOD.replace("award\tAward", "award\tPrize", 1), "duplicate id"),
    (GOOD.replace("award\tAward\taward", "prize\tAward\tprize", 1), "duplicate class"),
])
def test_a_bad_row_names_file_and_line(line, error):
    with pytest.raises(LexiconError, match=rf"^entity_types.tsv:3: {error}"):
        parse_entity_types(HEADER + GOOD + "\n" + line + "\n")


def test_a_wrong_header_is_named():
    with pytest.raises(LexiconError, match=r"^entity_types.tsv:1: expected columns"):
        parse_entity_types("id\tclass\n")
