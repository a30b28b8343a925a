"""The closed MZ namespace equals the ontology's terms; the theme scheme covers the contract's themes."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from mzgraph.rdf.namespace import MZ

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"
MZ_NS = str(MZ._NS)

# The policy-theme scheme of the evaluation contract (shared/eval/README.md), copied
# here because CI has no ../shared folder.
CONTRACT_THEMES = [
    "社会救助", "养老服务", "儿童福利", "未成年人保护", "基层治理", "社会组织", "慈善事业",
    "社会工作", "志愿服务", "福利彩票", "流浪乞讨救助", "殡葬管理", "婚姻登记", "残疾人福利",
    "区划地名", "安全生产", "疫情防控", "党的建设", "民政宣传", "救灾减灾", "优抚安置", "脱贫攻坚",
]


def mz_terms(g: Graph, subjects_only: bool = False) -> set[str]:
    nodes = set(g.subjects()) if subjects_only else {n for t in g for n in t}
    return {str(n)[len(MZ_NS):] for n in nodes if isinstance(n, URIRef) and str(n).startswith(MZ_NS)}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY / "mzgraph.ttl", format="turtle")


def namespace_terms() -> set[str]:
    return {name for name in MZ.__annotations__ if not name.startswith("_")}


def test_every_namespace_term_is_defined_in_the_ontology(ontology):
    assert namespace_terms() - mz_terms(ontology, subjects_only=True) == set()


def test_every_ontology_term_is_in_the_namespace(ontology):
    assert mz_terms(ontology) - namespace_terms() == set()


@pytest.mark.parametrize("name", ["themes.ttl", "shapes.ttl"])
def test_other_ontology_files_use_only_defined_terms(name):
    g = Graph().parse(ONTOLOGY / name, format="turtle")
    assert mz_terms(g) - namespace_terms() == set()


def test_namespace_is_closed():
    with pytest.raises(AttributeError):
        MZ.Persn  # noqa: B018 - a typo must fail, not mint a new term


@pytest.fixture(scope="module")
def theme_labels() -> set[str]:
    g = Graph().parse(ONTOLOGY / "themes.ttl", format="turtle")
    return {str(o) for o in g.objects(None, SKOS.prefLabel) if isinstance(o, Literal) and o.language == "zh"}


def test_contract_lists_22_distinct_themes():
    assert len(set(CONTRACT_THEMES)) == 22


@pytest.mark.parametrize("label", CONTRACT_THEMES)
def test_theme_scheme_has_contract_theme(theme_labels, label):
    assert label in theme_labels
