"""`mzgraph export --format site`: the explorer's pages as files that link to each other offline."""
from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from rdflib import RDF, Namespace

from mzgraph.cli import main
from mzgraph.entity_types import ENTITY_TYPES
from mzgraph.errors import MzgraphError
from mzgraph.explorer.site import safe_name
from mzgraph.export import export
from mzgraph.pipeline import build

MZ = Namespace("https://w3id.org/mzgraph/ontology#")
LINK = re.compile(r'\b(?:href|src|action)="([^"]*)"')
HOSTILE = '<script>alert("mz")</script>'


@pytest.fixture(scope="module")
def site(seed_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    export(seed_dir, "site", out)
    return out


def pages_of(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def test_every_entity_of_the_graph_has_a_page(site, seed_graph):
    expected = {str(s) for t in ENTITY_TYPES for s in seed_graph.subjects(RDF.type, MZ[t.cls])}
    assert len(expected) > 30
    written = {}
    for name, html in pages_of(site).items():
        if name.startswith("entities/"):
            iri = unescape(re.search(r'<header class="entity-head" data-iri="([^"]*)"', html).group(1))
            written[iri] = name
    assert set(written) == expected
    # one folder per type, one file per entity
    assert {n.split("/")[1] for n in written.values()} == {t.cls.lower() for t in ENTITY_TYPES}
    assert len(set(written.values())) == len(written)


def test_the_fixed_pages_and_assets_are_written(site):
    for name in ("index.html", "meetings.html", "articles.html", "search-index.js", "static/explorer.css",
                 "static/site.js"):
        assert (site / name).is_file(), name
    assert [p.name for p in (site / "articles").iterdir()] == ["000_993108acd88fb33a.txt.html"]
    assert "谢晓军" in (site / "search-index.js").read_text(encoding="utf-8")


def test_every_link_resolves_to_a_written_file(site):
    checked = 0
    for name, html in pages_of(site).items():
        here = (site / name).parent
        for url in LINK.findall(html):
            url = unescape(url)
            parts = urlsplit(url)
            assert not parts.scheme and not parts.netloc and not url.startswith("/"), (name, url)
            assert not parts.query, (name, url)  # no server parameters (?format=, ?iri=, ?hl=)
            target = (here / unquote(parts.path)).resolve()
            assert target.is_file() and site.resolve() in target.parents, (name, url)
            checked += 1
    assert checked > 500


def test_server_only_parts_are_left_out(site):
    for name, html in pages_of(site).items():
        for needle in ("/graph", "format=ttl", "/ui/", "邻域图", "SPARQL 查询 query page"):
            assert needle not in html, (name, needle)
    entity = next(html for name, html in pages_of(site).items() if name.startswith("entities/person/"))
    assert '<p class="actions' not in entity and "<a " in entity


def test_article_page_marks_every_span(site):
    html = (site / "articles/000_993108acd88fb33a.txt.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<mark class="ent t-Person"', html)) >= 3
    assert len(re.findall(r'<mark class="ent t-\w+"[^>]*><a href="\.\./entities/', html)) > 20


def test_two_exports_are_the_same_bytes(seed_dir, site, tmp_path):
    again = tmp_path / "again"
    export(seed_dir, "site", again)
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again).as_posix() for p in again.rglob("*") if p.is_file())
    for f in files:
        assert (site / f).read_bytes() == (again / f).read_bytes(), f


def test_export_replaces_the_folder(seed_dir, tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "stale.html").write_text("old", encoding="utf-8")
    export(seed_dir, "site", out)
    assert not (out / "stale.html").exists() and (out / "index.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no temporary folder left


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """A build of one article whose title, text and file name hold HTML."""
    src = tmp_path_factory.mktemp("hostile-src")
    name = '民政 <i>"新闻" A.txt'
    (src / name).write_text(f"# 全区民政工作会议{HOSTILE}召开\n\n3月1日，全区民政工作会议在南宁召开。"
                            f"广西壮族自治区民政厅党组书记张某某出席会议并讲话{HOSTILE}。\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-build")
    build([src], out)
    site = out / "site"
    export(out, "site", site)
    return site


def test_text_with_html_is_escaped(hostile_site):
    pages = pages_of(hostile_site)
    [article] = [n for n in pages if n.startswith("articles/")]
    assert "&lt;script&gt;" in pages[article] and "&lt;i&gt;" in pages[article]
    for name, html in pages.items():
        assert "alert(" not in html or "&lt;script&gt;alert(" in html, name
        # the only script elements are the site's own, loaded from files
        assert len(re.findall(r"<script\b", html)) == len(re.findall(r'<script src="[^"]*"( data-root="[^"]*")?></script>',
                                                                     html)), name
        assert "<i>" not in html, name
    index = (hostile_site / "search-index.js").read_text(encoding="utf-8")
    assert "</script" not in index and "<" not in index


def test_odd_source_name_gets_a_safe_file(hostile_site):
    [page] = (hostile_site / "articles").iterdir()
    assert re.fullmatch(r"[a-z0-9_.~-]+\.html", page.name) and "~" in page.name
    assert 'href="articles/' + page.name + '"' in (hostile_site / "articles.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name, same", [
    ("000_993108acd88fb33a.txt", True), ("320000", True), ("social-assistance", True),
    ("../../etc/passwd", False), ("..", False), (".hidden", False), ("a/b", False), ("a\\b", False),
    ("News.TXT", False), ("民政新闻.txt", False), ("", False), ("x" * 200, False), ("a..b", False),
])
def test_safe_name(name, same):
    out = safe_name(name)
    assert (out == name) is same
    assert re.fullmatch(r"[a-z0-9_.~-]{1,100}", out) and not out.startswith(".") and ".." not in out
    assert out == safe_name(name)


@pytest.mark.parametrize("a, b", [("News.txt", "news.txt"), ("民政.txt", "民.txt"), ("a b", "a-b"), ("a~b", "a-b")])
def test_safe_names_differ(a, b):
    assert safe_name(a) != safe_name(b)
    assert safe_name(a).lower() != safe_name(b).lower()


def test_cli_writes_the_site_and_refuses_stdout(seed_dir, tmp_path, capsys):
    assert main(["export", str(seed_dir), "--format", "site", "-o", str(tmp_path / "s")]) == 0
    assert (tmp_path / "s" / "index.html").is_file()
    with pytest.raises(MzgraphError, match="folder"):
        export(seed_dir, "site", "-")
