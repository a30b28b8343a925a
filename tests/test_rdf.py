"""IRIs are deterministic; the built graph round-trips through Turtle and N-Triples; spans match the text."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.compare import isomorphic, to_isomorphic

from mzgraph.pipeline import extract_article
from mzgraph.rdf.graph import serialize_turtle, theme_iris, to_graph, trim_span
from mzgraph.rdf.iri import entity_iri, mint, place_iri
from mzgraph.rdf.namespace import ID, MZ, NIF, SCHEMA
from mzgraph.reader import read_path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

MINT_CASES = [
    ("person", ("谢晓军",)),
    ("person", ("王琛",)),
    ("org", ("江苏省民政厅",)),
    ("org", ("谢晓军",)),  # same label, other kind
    ("mention", ("article-1", 3, 6)),
    ("mention", ("article-1", 36, "")),  # parts are joined with a separator, not concatenated
    ("mention", ("article-1", 3, 6, "")),
    ("post", ("person:谢晓军", "党组书记", "org:江苏省民政厅")),
    ("post", ("person:谢晓军", "厅长", "org:江苏省民政厅")),
]


@pytest.mark.parametrize("kind, parts", MINT_CASES)
def test_mint_is_deterministic(kind, parts):
    iri = mint(kind, *parts)
    assert iri == mint(kind, *parts)
    assert iri.startswith(str(ID[f"{kind}/"]))


def test_mint_gives_distinct_iris():
    iris = [mint(kind, *parts) for kind, parts in MINT_CASES]
    assert len(set(iris)) == len(iris)


@pytest.mark.parametrize("code, expected", [
    ("320000", ID["place/320000"]),
    ("320100", ID["place/320100"]),
    ("320305", ID["place/320305"]),
])
def test_place_iri_uses_the_code(code, expected):
    assert place_iri(code) == expected
    assert entity_iri(f"place:{code}") == expected


def test_street_iri_sits_under_its_county():
    iri = place_iri("street:320305:老矿街道")
    assert iri.startswith(str(ID["place/320305/"]))
    assert iri == place_iri("street:320305:老矿街道") != place_iri("street:320305:大吴街道")


@pytest.fixture(scope="module")
def memory_graph(lexicon) -> Graph:
    """The seed extracted and built in memory through rdf.graph, without the pipeline's writer."""
    extractions = [extract_article(a, lexicon) for f in sorted(SEEDS.iterdir()) for a in read_path(f)]
    return to_graph(extractions, theme_iris(lexicon.themes))


def test_turtle_round_trip(memory_graph):
    back = Graph().parse(data=serialize_turtle(memory_graph), format="turtle")
    assert len(back) == len(memory_graph)
    assert isomorphic(back, memory_graph)


def test_ntriples_round_trip(memory_graph):
    back = Graph().parse(data=memory_graph.serialize(format="nt", encoding="utf-8"), format="nt")
    assert isomorphic(back, memory_graph)


def test_serialize_turtle_is_byte_stable(memory_graph, lexicon):
    again = to_graph([extract_article(a, lexicon) for f in sorted(SEEDS.iterdir()) for a in read_path(f)],
                     theme_iris(lexicon.themes))
    assert serialize_turtle(memory_graph) == serialize_turtle(memory_graph) == serialize_turtle(again)


def test_build_writes_the_same_graph(memory_graph, seed_graph):
    """graph.ttl as the pipeline writes it holds exactly the triples rdf.graph builds."""
    assert to_isomorphic(seed_graph) == to_isomorphic(memory_graph)


SPANS = """
PREFIX mz: <https://w3id.org/mzgraph/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?span ?class ?b ?e ?anchor ?text WHERE {
  VALUES ?class { mz:Mention mz:Sentence }
  ?span a ?class ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?anchor ;
        nif:referenceContext/mz:text ?text .
}"""


def test_every_span_anchor_is_its_text_slice(seed_graph):
    rows = list(seed_graph.query(SPANS))
    assert sum(1 for r in rows if r["class"] == MZ.Mention) > 50
    bad = [(r["span"], str(r["anchor"]), str(r["text"])[int(r["b"]):int(r["e"])]) for r in rows
           if str(r["text"])[int(r["b"]):int(r["e"])] != str(r["anchor"])]
    assert bad == []


def test_every_mention_lies_in_its_sentence(seed_graph):
    for m in seed_graph.subjects(NIF.anchorOf, None):
        s = seed_graph.value(m, MZ.sentence)
        if s is None:
            continue
        assert seed_graph.value(m, NIF.referenceContext) == seed_graph.value(s, NIF.referenceContext)
        assert int(seed_graph.value(s, NIF.beginIndex)) <= int(seed_graph.value(m, NIF.beginIndex))
        assert int(seed_graph.value(m, NIF.endIndex)) <= int(seed_graph.value(s, NIF.endIndex))


def test_sentences_are_stored_without_surrounding_white_space(seed_graph):
    anchors = [str(seed_graph.value(s, NIF.anchorOf)) for s in seed_graph.subjects(RDF.type, MZ.Sentence)]
    assert len(anchors) > 10 and all(a == a.strip() and a for a in anchors)


@pytest.mark.parametrize("text, start, end, expected", [
    ("一句话。\n二", 0, 5, (0, 4)),
    ("\n  一句话。\r\n", 0, 9, (3, 7)),
    ("一句话。", 0, 4, (0, 4)),
    ("\n\n", 0, 2, (0, 0)),  # nothing but white space: an empty span at its start
])
def test_trim_span_moves_sentence_bounds_past_white_space(text, start, end, expected):
    assert trim_span(text, start, end) == expected
    b, e = trim_span(text, start, end)
    assert text[b:e] == text[start:end].strip()


@pytest.mark.parametrize("label", ["谢晓军", "江苏省民政厅", "2023年江苏省民政工作会议", "南京市"])
def test_labels_are_chinese_literals(seed_graph, label):
    assert (None, RDFS.label, Literal(label, lang="zh")) in seed_graph
    assert (None, RDFS.label, Literal(label)) not in seed_graph
    # the same name untagged, on the same node: the plain match everyday queries use
    assert set(seed_graph.subjects(SCHEMA.name, Literal(label))) == set(
        seed_graph.subjects(RDFS.label, Literal(label, lang="zh")))


@pytest.mark.parametrize("text, expected", [
    ("民政厅", '"民政厅"'),
    ('说"好"', '"说\\"好\\""'),
    ("a\\nb", '"a\\\\nb"'),  # a backslash written in the text, then n: escaped once, not read as a line break
    ("一\n二\r三", '"一\\n二\\r三"'),
    ('\\"', '"\\\\\\""'),
])
def test_literal_escapes(text, expected):
    from mzgraph.rdf.ntriples import literal

    assert literal(text) == expected


def test_literal_escapes_like_rdflib_on_random_text():
    """Every escape the shards write reads back as the text it was made from."""
    import random

    from rdflib.plugins.parsers.ntriples import unquote

    from mzgraph.rdf.ntriples import literal

    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice(["\\", '"', "\n", "\r", "n", "民", "a", "\\n", "\t"]) for _ in range(rng.randint(0, 9)))
        assert unquote(literal(text)[1:-1]) == text, repr(text)


def test_turtle_names_by_namespace_look_up_are_those_of_the_prefix_tests():
    """TurtleNames finds an IRI's namespace by one look-up at its last "/" or "#": the same names as
    testing every prefix in turn (the way taken when a namespace ends otherwise)."""
    import re

    from mzgraph.rdf.turtle import TURTLE_PREFIXES, TurtleNames

    local = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")

    def by_tests(nt: str) -> str:
        for prefix, ns in sorted(TURTLE_PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if nt[1:-1].startswith(ns) and local.match(nt[1:-1], len(ns)):
                return f"{prefix}:{nt[1 + len(ns):-1]}"
        return nt

    iris = [f"<{ns}{tail}>" for ns in TURTLE_PREFIXES.values()
            for tail in ("Person", "_x-1", "1abc", "a/b", "a#b", "", "名字", "a.b", "sub/Thing")]
    iris += ["<https://w3id.org/mzgraph/id/person/0a1b>", "<urn:x>", "<http://example.org/>", "<https://schema.org>"]
    names = TurtleNames(TURTLE_PREFIXES)
    assert names.by_ns is not None
    assert [names.iri(i) for i in iris] == [by_tests(i) for i in iris]
    assert names.iri("<http://www.w3.org/2000/01/rdf-schema#label>") == "rdfs:label"
    odd = TurtleNames({"ex": "http://example.org/thing-", **TURTLE_PREFIXES})  # a namespace ending in "-"
    assert odd.by_ns is None and odd.iri("<http://example.org/thing-one>") == "ex:one"
