"""The explorer of `mzgraph serve` in a real browser, every request to another host blocked.

Screenshots of the entity page and the timeline go to $MZGRAPH_SCREENSHOTS (docs/screenshots/ when
regenerating the README's pictures), else to the test's temporary folder.
"""
from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from serving import serve_process



@contextlib.contextmanager
def serving(build: Path):
    with serve_process(build) as (_, port, _banner):
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def server(seed_dir):
    with serving(seed_dir) as url:
        yield url


def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("MZGRAPH_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass
class Site:
    page: object
    origin: str
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        self.page.goto(self.origin + path)

    def clean(self) -> None:
        assert self.errors == []
        assert self.blocked == []


@pytest.fixture
def site(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 860}, service_workers="block")
    page = context.new_page()
    s = Site(page, server)

    def route(r):
        if r.request.url.startswith(server + "/"):
            r.continue_()
        else:
            s.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda m: s.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: s.errors.append(str(e)))
    yield s
    context.close()


def test_search_then_entity_page(site, tmp_path):
    site.open("/")
    site.page.fill("form.big-search input[name=q]", "王琛")
    site.page.click("form.big-search button")
    site.page.wait_for_url(re.compile(r"/search\?q="))
    hits = site.page.locator("li.hit a")
    assert "王琛" in hits.all_text_contents()
    site.page.click("li.hit a:text-is('王琛')")
    site.page.wait_for_url(re.compile(r"/id/person/"))
    page = site.page
    assert page.locator("header.entity-head h1").text_content().startswith("王琛")
    assert page.locator("#Post li.fact").count() >= 2
    assert page.locator("#Participation li.fact").count() >= 1
    marks = page.locator("blockquote.sentence mark")
    assert marks.count() >= 3 and "王琛" in " ".join(marks.all_text_contents())
    page.screenshot(path=str(shots(tmp_path) / "entity-page.png"), full_page=False)
    site.clean()


def test_evidence_link_opens_the_article_at_the_span(site):
    site.open("/search?q=谢晓军")
    site.page.click("li.hit a:text-is('谢晓军')")
    site.page.locator("#Post a.src").first.click()
    site.page.wait_for_url(re.compile(r"/articles/.*hl="))
    page = site.page
    assert page.locator("#hl").count() == 1 and "谢晓军" in page.locator("span.hl").first.evaluate(
        "e => e.parentElement.textContent")
    assert page.locator("div.text mark.ent").count() > 20
    assert page.locator("div.text mark.ent a").count() > 20
    site.clean()


def test_timeline_lists_and_filters_meetings(site, tmp_path):
    site.open("/meetings")
    page = site.page
    items = page.locator("li.meeting")
    assert items.count() == 2
    assert "2023年江苏省民政工作会议" in items.first.text_content()
    page.screenshot(path=str(shots(tmp_path) / "timeline.png"), full_page=False)
    page.select_option("select[name=province]", "广西壮族自治区")
    page.click("form.filters button")
    page.wait_for_url(re.compile(r"province="))
    assert page.locator("li.meeting").count() == 1
    assert "全区民政宣传工作会议" in page.locator("li.meeting").first.text_content()
    site.clean()


def test_articles_list(site):
    site.open("/articles")
    rows = site.page.locator("tr.article-row")
    assert rows.count() == 1 and "已抽取" in rows.first.text_content()
    site.clean()


def test_neighbourhood_graph_offline(site, tmp_path):
    site.open("/search?q=谢晓军")
    site.page.click("li.hit a:text-is('谢晓军')")
    site.page.click("text=邻域图 neighbourhood graph")
    page = site.page
    page.wait_for_selector("body[data-stabilized='1']", state="attached", timeout=60_000)
    focus = page.evaluate("window.mzgraph.nodes.get(window.mzgraph.focus)")
    assert focus["label"] == "谢晓军" and focus["borderWidth"] == 5
    assert page.evaluate("window.mzgraph.network.getSelectedNodes()") == [focus["id"]]
    assert page.evaluate("window.mzgraph.nodes.length") >= 3
    site.clean()


def test_query_page_runs_a_named_query(site):
    site.open("/ui/")
    page = site.page
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=30_000)
    names = page.evaluate("window.mzquery.examples.map(e => e.name)")
    assert "posts" in names and "participation" in names
    if page.evaluate("!!window.mzyasgui"):
        assert page.locator(".tabsList .tab").count() >= len(names)
        assert "PREFIX mz:" in page.evaluate("window.mzyasgui.getTab().getQuery()")
    page.evaluate("window.mzquery.run(window.mzquery.examples.find(e => e.name === 'posts').query)")
    page.wait_for_function("document.querySelectorAll('#mz-results tr').length > 1", timeout=30_000)
    assert "谢晓军" in page.locator("#mz-results").text_content()
    site.clean()


def test_linked_data_page_for_browsers(site):
    site.open("/search?q=江苏省民政厅")
    site.page.click("li.hit a:text-is('江苏省民政厅')")
    page = site.page
    assert page.locator("header.entity-head").get_attribute("data-type") == "Organization"
    with page.expect_response(re.compile(r"format=ttl")) as resp:
        page.click("text=Turtle")
    assert resp.value.headers["content-type"].startswith("text/turtle")
    site.clean()
