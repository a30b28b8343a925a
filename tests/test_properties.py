"""Invariants under hostile input (hypothesis): reading and extraction never crash, normalisation is
idempotent and length-preserving, any label mints a valid IRI and round-trips through Turtle."""
from __future__ import annotations

import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.compare import isomorphic

from mzgraph.errors import InputError
from mzgraph.normalize import normalize, to_simplified
from mzgraph.reader import InputWarning, decode, split_articles

SEED_CHARS = "民政厅廳部局会議议召开開出席讲話话书記记党组长王琛谢晓军广西壮族自治区江苏省南京市养老服务"
# Text that looks like news: Chinese, markup, meta lines, digits, and the characters that break things.
_TOKENS = (list(SEED_CHARS) + list("#\n\r\t （）()《》“”:：,，。、 0123456789年月日")
           + ["\x00", "\u200b", "\ufeff", "\u3000", "\U0001F600", "\ufffd", "\u202e",
              "来源：", "发布日期：", "(据", "## ", "\n# "])
news_text = st.lists(st.sampled_from(_TOKENS), max_size=300).map("".join)
any_text = st.text(max_size=300)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(st.one_of(news_text, any_text))
def test_reading_and_extraction_never_crash(lexicon, text):
    from mzgraph.pipeline import extract_article

    for article in split_articles(text, "h.txt"):
        assert article.text.startswith(article.title)
        x = extract_article(article, lexicon)
        for m in x.mentions:
            assert 0 <= m.start <= m.end <= len(article.text)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_decode_never_crashes_on_bytes(data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        try:
            text, encoding = decode(data, "b.bin")
        except InputError as exc:
            assert exc.path == "b.bin" and "\n" not in str(exc)
            return
    assert isinstance(text, str) and encoding
    split_articles(text, "b.bin", encoding)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-8-sig"]), news_text)
def test_decode_of_encoded_news_gives_the_text_back_or_a_clear_error(codec, text):
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        try:
            got, _ = decode(data, "e.txt")
        except InputError as exc:
            assert "e.txt: " in str(exc)
            return
    if codec.startswith("utf"):  # lossless and unambiguous: must come back exactly
        assert got == text.removeprefix("\ufeff") or got == text


@settings(max_examples=200, deadline=None)
@given(st.one_of(news_text, any_text))
def test_normalize_is_idempotent_and_length_preserving(text):
    once = normalize(text)
    assert len(once) == len(text)
    assert len(to_simplified(text)) == len(text)
    assert normalize(once) == once


LABEL = st.one_of(st.text(max_size=40), st.text(alphabet=st.sampled_from(list('<>"{}|^`\\\'\n\r\t #@:;,.%民政')),
                                                max_size=30))


@settings(max_examples=100, deadline=None)
@given(st.lists(LABEL, min_size=1, max_size=5))
def test_any_label_mints_an_iri_and_round_trips_through_turtle(labels):
    from mzgraph.rdf.graph import new_graph, serialize_turtle
    from mzgraph.rdf.iri import entity_iri, mint
    from mzgraph.rdf.namespace import MZ

    g = new_graph(with_ontology=False)
    for label in labels:
        for node in (entity_iri(f"person:{label}"), entity_iri(f"org:{label}"), mint("role", label)):
            assert not any(c in str(node) for c in '<>"{}|^`\\ \n')
            g.add((node, RDF.type, MZ.Person))
            g.add((node, RDFS.label, Literal(label, lang="zh")))
            g.add((node, MZ.text, Literal(label)))
    again = Graph().parse(data=serialize_turtle(g), format="turtle")
    assert isomorphic(g, again)


@pytest.mark.parametrize("label", ['<script>"x"</script>', "a\nb\r\n", "{}|^`\\", '"""', "'''", "\\u0041"])
def test_hostile_labels_round_trip(label):
    test_any_label_mints_an_iri_and_round_trips_through_turtle.hypothesis.inner_test([label])
