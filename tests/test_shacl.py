"""ontology/shapes.ttl: the seed build conforms, and each kind of broken graph is caught."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyshacl
import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SH

from mzgraph.rdf.namespace import MZ, NIF, ORG, SCHEMA

# rdflib's XSD namespace warns when pytest probes module attributes; name the datatypes directly.
XSD_INTEGER, XSD_NNI, XSD_GYEARMONTH = (URIRef("http://www.w3.org/2001/XMLSchema#" + t)
                                        for t in ("integer", "nonNegativeInteger", "gYearMonth"))
SHAPES = Path(__file__).resolve().parents[1] / "ontology" / "shapes.ttl"
DEV = Path(__file__).resolve().parent / "data" / "dev"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def validate(data: Graph, shapes: Graph) -> tuple[bool, Graph, str]:
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return conforms, results, text


def violations(results: Graph) -> set[tuple[URIRef, URIRef | None]]:
    """(focus node, result path) of every violation."""
    return {(results.value(r, SH.focusNode), results.value(r, SH.resultPath))
            for r in results.subjects(RDF.type, SH.ValidationResult)}


def copy(g: Graph) -> Graph:
    out = Graph()
    for t in g:
        out.add(t)
    return out


def test_seed_build_conforms(seed_graph, shapes):
    conforms, _, text = validate(seed_graph, shapes)
    assert conforms, text


def test_dev_set_build_conforms(tmp_path_factory, shapes):
    """The six dev articles (tests/data/dev) exercise more of the builder than the seed."""
    from mzgraph.pipeline import build

    out = tmp_path_factory.mktemp("dev-build")
    build([DEV], out, store=False)
    conforms, _, text = validate(Graph().parse(out / "graph.ttl", format="turtle"), shapes)
    assert conforms, text


def test_shapes_target_every_class_the_builder_emits(seed_graph, shapes):
    emitted = {o for s, o in seed_graph.subject_objects(RDF.type) if str(o).startswith(str(MZ._NS))
               and not str(s).startswith(str(MZ._NS))}
    targeted = set(shapes.objects(None, SH.targetClass))
    assert emitted - targeted == set()


def first(g: Graph, cls: URIRef, where: Callable[[URIRef], bool] = lambda n: True) -> URIRef:
    return next(n for n in sorted(g.subjects(RDF.type, cls)) if where(n))


# Each break returns the (focus node, path) the validator must report; None when the
# broken graph must still conform.
def drop_post_member(g):
    post = first(g, MZ.Post)
    g.remove((post, ORG.member, None))
    return post, ORG.member


def post_member_is_org(g):
    post = first(g, MZ.Post)
    g.set((post, ORG.member, g.value(post, ORG.organization)))
    return post, ORG.member


def post_extra_property(g):
    post = first(g, MZ.Post)
    g.add((post, RDFS.comment, Literal("not in the shape")))
    return post, RDFS.comment


def post_without_evidence(g):
    post = first(g, MZ.Post)
    g.remove((post, MZ.evidence, None))
    return post, MZ.evidence


def participation_kind_is_action(g):
    p = first(g, MZ.Participation)
    g.set((p, MZ.kind, MZ.read))
    return p, MZ.kind


def participant_is_place(g):
    p = first(g, MZ.Participation)
    g.set((p, MZ.participant, first(g, MZ.Place)))
    return p, MZ.participant


def meeting_two_dates(g):
    m = first(g, MZ.Meeting, lambda n: g.value(n, MZ.date) is not None)
    g.add((m, MZ.date, Literal("2023-04", datatype=XSD_GYEARMONTH)))
    return m, MZ.date


def meeting_date_plain_string(g):
    m = first(g, MZ.Meeting, lambda n: g.value(n, MZ.date) is not None)
    g.set((m, MZ.date, Literal("2023-03-17")))
    return m, MZ.date


def meeting_held_in_org(g):
    m = first(g, MZ.Meeting)
    g.set((m, MZ.heldIn, first(g, MZ.Organization)))
    return m, MZ.heldIn


def place_bad_code(g):
    p = first(g, MZ.Place, lambda n: g.value(n, MZ.gbCode) is not None)
    g.set((p, MZ.gbCode, Literal("3201")))
    return p, MZ.gbCode


def place_bad_level(g):
    p = first(g, MZ.Place)
    g.set((p, MZ.adminLevel, Literal("city")))
    return p, MZ.adminLevel


def leaf_place_unmentioned(g):
    p = first(g, MZ.Place, lambda n: (None, MZ.partOf, n) not in g)
    g.remove((p, MZ.mention, None))
    return p, None


def ancestor_place_unmentioned(g):
    p = first(g, MZ.Place, lambda n: (None, MZ.partOf, n) in g)
    g.remove((p, MZ.mention, None))
    return None


def person_without_mention(g):
    p = first(g, MZ.Person)
    g.remove((p, MZ.mention, None))
    return p, MZ.mention


def person_english_label(g):
    p = first(g, MZ.Person)
    g.set((p, RDFS.label, Literal("Xie Xiaojun", lang="en")))
    return p, RDFS.label


def org_two_zh_labels(g):
    o = first(g, MZ.Organization)
    g.add((o, RDFS.label, Literal("另一个名字", lang="zh")))
    return o, RDFS.label


def theme_link_to_meeting(g):
    t = first(g, MZ.ThemeLink)
    g.set((t, MZ.theme, g.value(t, MZ.meeting)))
    return t, MZ.theme


def document_link_bad_action(g):
    d = first(g, MZ.DocumentLink)
    g.set((d, MZ.action, MZ.spoke))
    return d, MZ.action


def article_two_texts(g):
    a = first(g, MZ.Article)
    g.add((a, MZ.text, Literal("另一段正文")))
    return a, MZ.text


def mention_begin_after_end(g):
    m = first(g, MZ.Mention)
    end = int(g.value(m, NIF.endIndex))
    g.set((m, NIF.beginIndex, Literal(end + 1, datatype=XSD_NNI)))
    return m, NIF.beginIndex


def mention_negative_offset(g):
    m = first(g, MZ.Mention)
    g.set((m, NIF.beginIndex, Literal(-1, datatype=XSD_INTEGER)))
    return m, NIF.beginIndex


def mention_anchor_off_by_one(g):
    m = first(g, MZ.Mention)
    anchor = str(g.value(m, NIF.anchorOf))
    g.set((m, NIF.anchorOf, Literal(anchor[1:] + "。")))
    return g.value(m, NIF.referenceContext), None  # reported on the article, value = the span


def mention_without_context(g):
    m = first(g, MZ.Mention)
    g.remove((m, NIF.referenceContext, None))
    return m, NIF.referenceContext


def member_of_dropped(g):
    person, org = sorted(g.subject_objects(ORG.memberOf))[0]
    g.remove((person, ORG.memberOf, org))
    return ORG.memberOf, None  # reported on the shortcut property, value = the person


def participated_in_dropped(g):
    who, meeting = sorted(g.subject_objects(MZ.participatedIn))[0]
    g.remove((who, MZ.participatedIn, meeting))
    return MZ.participatedIn, None


def spoke_at_without_participation(g):
    person = first(g, MZ.Person)
    meeting = first(g, MZ.Meeting, lambda m: (person, MZ.participatedIn, m) not in g)
    g.add((person, MZ.spokeAt, meeting))
    return MZ.spokeAt, None


def subject_without_theme_link(g):
    meeting = first(g, MZ.Meeting)
    theme = first(g, MZ.PolicyTheme, lambda t: (meeting, DCTERMS.subject, t) not in g)
    g.add((meeting, DCTERMS.subject, theme))
    return DCTERMS.subject, None


def province_is_a_county(g):
    meeting = first(g, MZ.Meeting, lambda m: g.value(m, MZ.province) is not None)
    g.set((meeting, MZ.province, first(g, MZ.Place, lambda p: str(g.value(p, MZ.adminLevel)) == "county")))
    return meeting, MZ.province


def name_is_not_the_label(g):
    person = first(g, MZ.Person)
    g.set((person, SCHEMA.name, Literal("另一个名字")))
    return SCHEMA.name, None  # reported on the property, value = the person


def name_is_tagged(g):
    person = first(g, MZ.Person)
    g.set((person, SCHEMA.name, Literal(str(g.value(person, SCHEMA.name)), lang="zh")))
    return person, SCHEMA.name


def theme_without_name(g):
    theme = first(g, MZ.PolicyTheme)
    g.remove((theme, SCHEMA.name, None))
    return theme, SCHEMA.name


def sentence_ends_in_line_break(g):
    s = first(g, MZ.Sentence)
    g.set((s, NIF.anchorOf, Literal(str(g.value(s, NIF.anchorOf)) + "\n")))
    return s, NIF.anchorOf


@pytest.mark.parametrize("brk", [
    member_of_dropped, participated_in_dropped, spoke_at_without_participation, subject_without_theme_link,
    province_is_a_county, name_is_not_the_label, name_is_tagged, theme_without_name, sentence_ends_in_line_break,
    drop_post_member, post_member_is_org, post_extra_property, post_without_evidence,
    participation_kind_is_action, participant_is_place, meeting_two_dates, meeting_date_plain_string,
    meeting_held_in_org, place_bad_code, place_bad_level, leaf_place_unmentioned, ancestor_place_unmentioned,
    person_without_mention, person_english_label, org_two_zh_labels, theme_link_to_meeting,
    document_link_bad_action, article_two_texts, mention_begin_after_end, mention_negative_offset,
    mention_anchor_off_by_one, mention_without_context,
], ids=lambda f: f.__name__)
def test_broken_graph(seed_graph, shapes, brk):
    g = copy(seed_graph)
    expected = brk(g)
    conforms, results, text = validate(g, shapes)
    if expected is None:
        assert conforms, text
        return
    assert not conforms
    assert expected in violations(results), text
