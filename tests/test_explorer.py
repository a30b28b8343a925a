"""The explorer's pages and linked data on the seed build, answered in process (no server, no browser)."""
from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from mzgraph import explorer
from mzgraph.explorer import linked, pages
from mzgraph.explorer.data import Span
from mzgraph.explorer.marks import mark_sentence, mark_spans
from mzgraph.pipeline import build

MZ = Namespace("https://w3id.org/mzgraph/ontology#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SOURCE = "000_993108acd88fb33a.txt"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
XSS = '<img src=x onerror="alert(1)">'


def get(site: Path, target: str, accept: str = "") -> tuple[int, str, str]:
    path, _, query = target.partition("?")
    status, ctype, body = explorer.respond(site, path, query, accept)
    return status, ctype, body.decode("utf-8")


def iri_of(site: Path, label: str, cls: str) -> str:
    hits, _ = explorer.corpus_for(site).search(label)
    found = [iri for lab, iri, c in hits if lab == label and c == cls]
    assert len(found) == 1, (label, hits)
    return found[0]


@pytest.mark.parametrize("q, label, cls", [("谢晓军", "谢晓军", "Person"), ("晓军", "谢晓军", "Person"),
                                           ("民政宣传工作", "全区民政宣传工作会议", "Meeting"),
                                           ("社会救助", "社会救助", "PolicyTheme")])
def test_search_finds_entities_by_substring(seed_dir, q, label, cls):
    status, _, body = get(seed_dir, "/search?q=" + q)
    assert status == 200
    link = pages.href(iri_of(seed_dir, label, cls))
    assert f'href="{link}"' in body and f">{label}</a>" in body


def test_search_themes_listed_once(seed_dir):
    hits, total = explorer.corpus_for(seed_dir).search("社会救助")
    assert [lab for lab, _, _ in hits].count("社会救助") == 1


def test_search_echo_is_escaped(seed_dir):
    _, _, body = get(seed_dir, "/search?q=" + XSS)
    assert XSS not in body and escape(XSS, quote=True) in body


def test_person_page_lists_facts_with_marked_sentences(seed_dir):
    person = iri_of(seed_dir, "谢晓军", "Person")
    status, ctype, body = get(seed_dir, pages.href(person), BROWSER)
    assert status == 200 and ctype.startswith("text/html")
    # the post and both participations, each with its sentence and the evidence span marked
    assert 'id="Post"' in body and 'id="Participation"' in body
    assert "江苏省民政厅</a>" in body and "党组书记" in body and "2023年江苏省民政工作会议</a>" in body
    marks = re.findall(r'<mark class="ent t-(\w+)"[^>]*>([^<]*)</mark>', body)
    assert ("Post", "江苏省民政厅党组书记谢晓军") in marks
    assert ("Participation", "江苏省民政厅党组书记谢晓军出席") in marks
    assert ("Participation", "江苏省民政厅党组书记谢晓军出席会议并讲话") in marks
    assert ("Person", "谢晓军") in marks  # its mention
    assert f'href="/articles/{SOURCE}?hl=' in body


@pytest.mark.parametrize("label, cls, needle", [
    ("江苏省民政厅", "Organization", "谢晓军</a>"),
    ("江苏省", "Place", "江苏省民政厅</a>"),
    ("2023年江苏省民政工作会议", "Meeting", "社会救助</a>"),
    ("社会救助", "PolicyTheme", "2023年江苏省民政工作会议</a>"),
])
def test_every_entity_type_has_a_page_with_its_facts(seed_dir, label, cls, needle):
    status, _, body = get(seed_dir, pages.href(iri_of(seed_dir, label, cls)), BROWSER)
    assert status == 200
    assert f'data-type="{cls}"' in body and needle in body and "<mark" in body


def test_document_page(seed_dir):
    docs = [iri for _, iri, c in explorer.corpus_for(seed_dir).labels() if c == "Document"]
    assert docs
    status, _, body = get(seed_dir, pages.href(docs[0]), BROWSER)
    assert status == 200 and 'id="DocumentLink"' in body and "<mark" in body


def test_article_page_marks_every_span(seed_dir):
    corpus = explorer.corpus_for(seed_dir)
    texts = corpus.article_texts(SOURCE)
    status, _, body = get(seed_dir, f"/articles/{SOURCE}")
    assert status == 200
    spans = {(s.begin, s.end) for a in texts for s in a.spans}
    marked = {tuple(map(int, m.split("-"))) for m in re.findall(r'data-span="(\d+-\d+)"', body)}
    assert spans and spans == marked
    person = pages.href(iri_of(seed_dir, "谢晓军", "Person"))
    assert re.search(rf'<a href="{person}">谢晓军</a>', body)
    # the text reads the same with the markup taken away
    text = re.sub(r"<[^>]+>", "", "".join(re.findall(r'<div class="text">(.*?)</div>', body, re.S)))
    assert text == "".join(escape(a.text) for a in texts)


def test_article_highlight_anchor(seed_dir):
    corpus = explorer.corpus_for(seed_dir)
    span = corpus.article_texts(SOURCE)[0].spans[3]
    _, _, body = get(seed_dir, f"/articles/{SOURCE}?hl={span.begin}-{span.end}")
    assert body.count('id="hl"') == 1


def test_unknown_pages_are_404(seed_dir):
    for target in ("/articles/nope.txt", "/id/person/0000000000000000", "/graph?iri=https://example.org/x",
                   "/resource?iri=javascript:alert(1)"):
        assert get(seed_dir, target)[0] == 404, target


def test_meetings_timeline_filters(seed_dir):
    _, _, body = get(seed_dir, "/meetings")
    assert body.count('<li class="meeting"') == 2
    assert body.index("2023-03-17") < body.index("全区民政宣传工作会议")  # dated first, undated last
    _, _, js = get(seed_dir, "/meetings?province=江苏省")
    assert js.count('<li class="meeting"') == 1 and "2023年江苏省民政工作会议" in js
    _, _, gx = get(seed_dir, "/meetings?theme=民政宣传")
    assert gx.count('<li class="meeting"') == 1 and "全区民政宣传工作会议" in gx
    _, _, none = get(seed_dir, "/meetings?province=江苏省&theme=民政宣传")
    assert '<li class="meeting"' not in none


def test_articles_list_counts_and_errors(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "seed.txt").write_bytes(next((Path(__file__).parents[1] / "seeds").glob("*.txt")).read_bytes())
    (corpus / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    build([corpus], out)
    _, _, body = get(out, "/articles")
    rows = re.findall(r'<tr class="article-row">(.*?)</tr>', body)
    assert len(rows) == 2
    assert "empty.txt" in rows[0] and "错误 error" in rows[0] and "empty file" in rows[0]
    assert 'href="/articles/seed.txt"' in rows[1] and "已抽取 extracted" in rows[1]
    cells = re.findall(r'<td class="n">(\d+)</td>', rows[1])
    assert cells[0] == "2" and all(int(c) > 0 for c in cells)


def test_neighbourhood_graph_highlights_the_entity(seed_dir):
    person = iri_of(seed_dir, "谢晓军", "Person")
    status, _, body = get(seed_dir, "/graph?iri=" + person)
    assert status == 200
    data = json.loads(re.search(r'<script id="mz-data" type="application/json">(.*?)</script>', body, re.S).group(1))
    focus = data["nodes"][data["focus"]]
    assert focus["label"] == "谢晓军" and focus["group"] == "Person"
    assert {"江苏省民政厅", "2023年江苏省民政工作会议"} <= {n["label"] for n in data["nodes"]}
    assert '<script src="/explorer/static/vis-network.min.js">' in body
    assert get(seed_dir, "/explorer/static/vis-network.min.js")[0] == 200


@pytest.mark.parametrize("accept, fmt, parse", [("text/turtle", "", "turtle"), ("application/ld+json", "", "json-ld"),
                                                ("", "ttl", "turtle"), ("", "jsonld", "json-ld"),
                                                ("application/n-triples", "", "nt")])
def test_linked_data_describes_the_person(seed_dir, accept, fmt, parse):
    person = iri_of(seed_dir, "谢晓军", "Person")
    status, ctype, body = get(seed_dir, pages.href(person) + (f"?format={fmt}" if fmt else ""), accept)
    assert status == 200 and not ctype.startswith("text/html")
    g = Graph().parse(data=body, format=parse)
    p = URIRef(person)
    assert (p, RDF.type, MZ.Person) in g and (p, RDFS.label, Literal("谢晓军", lang="zh")) in g
    posts = list(g.subjects(URIRef("http://www.w3.org/ns/org#member"), p))
    assert posts and (posts[0], RDF.type, MZ.Post) in g
    assert any(isinstance(o, Literal) and str(o) == "人物" for o in g.objects(MZ.Person, RDFS.label))  # a neighbour's label


def test_browsers_get_the_page(seed_dir):
    person = iri_of(seed_dir, "谢晓军", "Person")
    assert get(seed_dir, pages.href(person), BROWSER)[1].startswith("text/html")
    assert get(seed_dir, pages.href(person), "*/*")[1].startswith("text/html")
    assert get(seed_dir, pages.href(person) + "?format=pdf")[0] == 406


@pytest.mark.parametrize("accept, expected", [
    ("text/turtle", "text/turtle"), ("application/ld+json", "application/ld+json"), ("application/json", "application/ld+json"),
    (BROWSER, "text/html"), ("", "text/html"), ("text/html;q=0.5, text/turtle", "text/turtle"),
    ("application/ld+json;q=0.4, text/html;q=0.9", "text/html"),
])
def test_negotiation(accept, expected):
    assert linked.negotiate(accept) == expected


def test_service_description_names_the_public_endpoint():
    status, ctype, body = explorer.service_description("example.org:8080", "text/turtle")
    g = Graph().parse(data=body.decode(), format="turtle")
    assert list(g.objects(None, SD.endpoint)) == [URIRef("http://example.org:8080/query")]


def test_query_page_has_prefixes_and_named_queries(seed_dir):
    from mzgraph.store.queries import named_queries

    status, _, body = get(seed_dir, "/ui/")
    data = json.loads(re.search(r'<script id="mz-data" type="application/json">(.*?)</script>', body, re.S).group(1))
    assert "PREFIX mz: <https://w3id.org/mzgraph/ontology#>" in data["prefixes"]
    assert "PREFIX skos:" in data["prefixes"] and "PREFIX org:" in data["prefixes"]
    assert {e["name"] for e in data["examples"]} >= set(named_queries())
    assert not re.search(r'(src|href)="(https?:)?//', body)  # nothing from another host


def test_marks_escape_text_and_nest():
    text = f"{XSS}王琛出席会议"
    n = len(XSS)
    html = mark_spans(text, [Span(n, n + 2, "Person", "https://w3id.org/mzgraph/id/person/x", XSS),
                             Span(n, n + 4, "Participation", "", "")], lambda iri: "/p?" + iri)
    assert XSS not in html and escape(XSS) in html
    assert re.sub(r"<[^>]+>", "", html) == escape(text)
    assert '<span class="ev ev-Participation" data-span' in html and 'title="&lt;img' in html
    assert mark_sentence("谢晓军出席会议。", 100, 100, 103) == \
        '<mark class="ent t-Mention" data-span="0-3" title="Mention">谢晓军</mark>出席会议。'
    assert mark_sentence("句子", 100, 50, 60) == "句子"  # a span outside its sentence marks nothing


def test_stats_page_links_open_entity_pages(seed_dir, seed_graph):
    from mzgraph.views import to_networkx
    from mzgraph.views.report import render_stats_html
    from mzgraph.views.stats import graph_stats

    page = render_stats_html(graph_stats(to_networkx(seed_graph)))
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', page)
    assert len(links) >= 10
    for target, label in links:
        status, _, body = get(seed_dir, target, BROWSER)
        assert status == 200 and f"<h1>{label} " in body, target
