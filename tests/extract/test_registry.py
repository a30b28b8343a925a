"""The component registry, the pipeline over it, and the rule data (words.tsv, patterns.tsv) the components read."""
from __future__ import annotations


import pytest

from mzgraph.errors import LexiconError, MzgraphError
from mzgraph.extract import PIPELINE, component, component_names, extract, get_component, registry
from mzgraph.reader import split_articles
from mzgraph.segment import segment

TEXT = "会议召开\n5月8日，浙江省民政厅召开全省民政工作会议。省民政厅厅长张三出席会议。"


@pytest.fixture
def scratch_registry(monkeypatch):
    """A copy of the registry that tests may add to; the real one is restored afterwards."""
    monkeypatch.setattr(registry, "_COMPONENTS", dict(registry._COMPONENTS))


@pytest.fixture(scope="module")
def doc(lex):
    (article,) = split_articles(TEXT, "t.txt")
    return segment(article, lex)


def test_unknown_component_names_it(scratch_registry):
    with pytest.raises(MzgraphError, match=r"no extraction component 'placez' \(known: .*places"):
        get_component("placez")


def test_registering_a_name_twice_fails(scratch_registry):
    def other(state):
        pass

    with pytest.raises(MzgraphError, match="'places' is registered twice"):
        component("places")(other)
    assert get_component("places") is not other


def test_registering_the_same_function_again_is_harmless(scratch_registry):
    places = get_component("places")
    assert component("places")(places) is places


def test_pipeline_names_every_registered_component_once():
    assert len(set(PIPELINE)) == len(PIPELINE)
    assert sorted(PIPELINE) == list(component_names())


@pytest.mark.parametrize("pipeline, expected", [
    # places alone: the context is read but no mention is recorded (identity records them)
    (("places",), (set(), 0, 0)),
    # up to identity: people and organisations, but no meeting and no participation
    (PIPELINE[:PIPELINE.index("identity") + 1], ({"Person", "Organization", "Place"}, 0, 0)),
    (PIPELINE[:PIPELINE.index("meetings") + 1], ({"Person", "Organization", "Place", "Meeting"}, 1, 0)),
    (PIPELINE, ({"Person", "Organization", "Place", "Meeting"}, 1, 1)),
])
def test_extract_runs_only_the_listed_components(lex, doc, pipeline, expected):
    x = extract(doc, lex, pipeline=pipeline)
    assert ({etype for etype, _ in x.entities.values()}, len(x.meetings), len(x.participations)) == expected


def test_extract_runs_a_custom_list_in_order(lex, doc, scratch_registry):
    ran = []

    @component("probe_first")
    def first(state):
        ran.append(("first", len(state.place_hits)))

    @component("probe_second")
    def second(state):
        ran.append(("second", len(state.place_hits)))

    x = extract(doc, lex, pipeline=["probe_second", "places", "probe_first"])
    assert ran == [("second", 0), ("first", 1)]  # places (浙江省) ran between them
    assert x.entities == {} and x.meetings == ()


def test_a_pipeline_with_an_unknown_name_fails(lex, doc):
    with pytest.raises(MzgraphError, match="'themez'"):
        extract(doc, lex, pipeline=("places", "themez"))


def test_a_word_list_the_code_asks_for_must_exist(lex):
    with pytest.raises(LexiconError, match=r"^words\.tsv: no word list 'no_such_list'"):
        lex.words["no_such_list"]


def test_a_pattern_the_code_asks_for_must_exist(lex):
    with pytest.raises(LexiconError, match="'no_such_pattern'"):
        lex.patterns["no_such_pattern"]
