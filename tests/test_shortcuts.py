"""Shortcut triples and plain names: the README's five everyday queries, run as written, give the
answers the long way through the fact nodes gives; every shortcut comes with its article's facts."""
from __future__ import annotations

import re
import shutil
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from mzgraph.pipeline import build, extract_article
from mzgraph.rdf.graph import extraction_lines, theme_iris
from mzgraph.reader import read_path
from mzgraph.store import open_graph, run_query

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
MAX_LINES = 8

# Two invented articles naming one official in two posts two years apart, so "posts over
# time" and "more than one meeting" have an answer across articles.
LATER = {
    "later1.txt": "安徽省民政厅召开2022年全省养老服务工作推进会\n发布日期：2022-06-10 09:00　来源：安徽省民政厅\n\n"
                  "6月9日，安徽省民政厅召开2022年全省养老服务工作推进会。省民政厅党组成员、副厅长周启明出席会议并讲话。\n",
    "later2.txt": "安徽省民政厅召开2024年全省社会救助工作会议\n发布日期：2024-03-15 10:00　来源：安徽省民政厅\n\n"
                  "3月14日，安徽省民政厅召开2024年全省社会救助工作会议。省民政厅党组书记、厅长周启明出席会议并讲话。\n",
}
LONG_PREFIXES = """PREFIX mz: <https://w3id.org/mzgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
"""


def readme_queries() -> tuple[str, list[str]]:
    """(prefix block, the five questions) of the README's "Everyday SPARQL" section."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Everyday SPARQL\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sparql\n(.*?)```", section, flags=re.S)
    return blocks[0], blocks[1:]


PREFIXES, QUERIES = readme_queries()
OFFICIALS, THEMES, SENTENCE, POSTS, SPOKE = QUERIES if len(QUERIES) == 5 else [""] * 5


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """seeds/, tests/data/dev and the two invented articles, built with a store."""
    src = tmp_path_factory.mktemp("everyday-src")
    for folder in (ROOT / "seeds", ROOT / "tests" / "data" / "dev"):
        for f in sorted(folder.glob("*.txt")):
            shutil.copy(f, src / f.name)
    for name, text in LATER.items():
        (src / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("everyday-out")
    build([src], out)
    return out


def run(corpus: Path, query: str) -> list[dict]:
    return open_graph(corpus).query(PREFIXES + query, live=True)


def long_way(corpus: Path, query: str) -> list[dict]:
    return run_query(corpus, LONG_PREFIXES + query).rows


def test_readme_has_five_short_queries():
    assert len(QUERIES) == 5
    for q in QUERIES:
        body = [line for line in q.splitlines() if line.strip() and not line.lstrip().upper().startswith("PREFIX")]
        assert 0 < len(body) <= MAX_LINES, q


def test_officials_at_more_than_one_meeting(corpus):
    rows = run(corpus, OFFICIALS)
    meetings = defaultdict(set)
    for r in long_way(corpus, """SELECT ?person ?m WHERE {
            ?x a mz:Participation ; mz:participant ?p ; mz:meeting ?m . ?p a mz:Person ; rdfs:label ?l .
            BIND(STR(?l) AS ?person) }"""):
        meetings[r["person"]].add(r["m"])
    expected = {p: len(ms) for p, ms in meetings.items() if len(ms) > 1}
    assert {r["person"]: r["meetings"] for r in rows} == expected
    assert "周启明" in expected and len(expected) >= 2  # across articles and within one
    assert rows == sorted(rows, key=lambda r: (-r["meetings"], r["person"]))


def test_themes_by_province_and_year(corpus):
    rows = run(corpus, THEMES)
    # the long way: the province above the meeting's venue, else above its organiser's place
    long_rows = long_way(corpus, """SELECT DISTINCT ?m ?province ?year ?theme WHERE {
            ?link a mz:ThemeLink ; mz:meeting ?m ; mz:theme/skos:prefLabel ?t . FILTER(lang(?t) = "zh")
            ?m mz:date ?d . BIND(YEAR(?d) AS ?year) BIND(STR(?t) AS ?theme)
            { ?m mz:heldIn/mz:partOf* ?p } UNION { FILTER NOT EXISTS { ?m mz:heldIn ?h }
              ?m mz:organizer/mz:locatedIn/mz:partOf* ?p }
            ?p mz:adminLevel "province" ; rdfs:label ?pl . BIND(STR(?pl) AS ?province) }""")
    expected = Counter((r["province"], r["year"], r["theme"]) for r in long_rows)
    assert {(r["province"], r["year"], r["theme"]): r["meetings"] for r in rows} == dict(expected)
    assert {("安徽省", 2022, "养老服务"), ("安徽省", 2024, "社会救助"), ("江苏省", 2023, "社会救助")} <= set(expected)
    assert all(isinstance(r["year"], int) for r in rows)


def test_the_sentence_behind_a_fact(corpus):
    rows = run(corpus, SENTENCE)
    assert {r["kind"] for r in rows} == {"attended", "spoke"}
    for r in rows:
        assert "谢晓军" in r["sentence"] and r["sentence"] == r["sentence"].strip()
        assert r["sentence"].endswith("。")


def test_one_persons_posts_over_time(corpus):
    posts = {(r["role"], r["organization"]) for r in open_graph(corpus).named("posts") if r["person"] == "王琛"}
    rows = run(corpus, POSTS)
    assert {(r["role"], r["organization"]) for r in rows} == posts and len(posts) == 2
    # the same query for the official named in two dated articles: ordered by date
    rows = run(corpus, POSTS.replace('"王琛"', '"周启明"'))
    assert [(str(r["date"]), r["role"]) for r in rows] == [
        ("2022-06-10", "党组成员"), ("2022-06-10", "副厅长"), ("2024-03-15", "党组书记"), ("2024-03-15", "厅长")]


def test_organisations_that_spoke_most(corpus):
    rows = run(corpus, SPOKE)
    spoke = defaultdict(set)
    for r in open_graph(corpus).named("participation"):
        if r["participant_type"] == "Organization" and r["kind"] == "spoke":
            spoke[r["participant"]].add(r["meeting"])
    ranked = sorted(((o, len(ms)) for o, ms in spoke.items()), key=lambda om: (-om[1], om[0]))[:10]
    assert [(r["organization"], r["meetings"]) for r in rows] == ranked and len(ranked) == 10


def test_plain_names_match_and_themes_come_once(corpus):
    rows = run(corpus, 'SELECT ?p WHERE { ?p a mz:Person ; schema:name "谢晓军" }')
    assert len(rows) == 1
    themes = run(corpus, "SELECT ?m ?name WHERE { ?m dcterms:subject/schema:name ?name }")
    assert themes and len(themes) == len({(r["m"], r["name"]) for r in themes})


# Each shortcut of an article's triples, and the fact triples it abbreviates (in the same lines).
SHORTCUT_FACTS = {
    "http://www.w3.org/ns/org#memberOf": ("http://www.w3.org/ns/org#member", "http://www.w3.org/ns/org#organization"),
    "https://w3id.org/mzgraph/ontology#participatedIn": ("https://w3id.org/mzgraph/ontology#participant",
                                                        "https://w3id.org/mzgraph/ontology#meeting"),
    "https://w3id.org/mzgraph/ontology#spokeAt": ("https://w3id.org/mzgraph/ontology#participant",
                                                 "https://w3id.org/mzgraph/ontology#meeting"),
    "http://purl.org/dc/terms/subject": ("https://w3id.org/mzgraph/ontology#meeting",
                                         "https://w3id.org/mzgraph/ontology#theme"),
}


def test_each_articles_shortcuts_come_with_its_own_facts(lexicon):
    """A shard is one file's triples: every shortcut in it must be backed by a fact in it."""
    themes = theme_iris(lexicon.themes)
    seen = Counter()
    for article in read_path(ROOT / "seeds" / "000_993108acd88fb33a.txt"):
        lines = extraction_lines(extract_article(article, lexicon), themes)
        triples = [tuple(line[:-3].split(" ", 2)) for line in lines]
        by_node = defaultdict(dict)
        for s, p, o in triples:
            by_node[s][p[1:-1]] = o
        for s, p, o in triples:
            if p[1:-1] in SHORTCUT_FACTS:
                a, b = SHORTCUT_FACTS[p[1:-1]]
                assert any(props.get(a) == s and props.get(b) == o for props in by_node.values()), (s, p, o)
                seen[p[1:-1]] += 1
    assert set(seen) == set(SHORTCUT_FACTS)
