"""The offline explorer (`mzgraph export --format site`) opened from file:// in Chromium, every other request blocked."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from mzgraph.export import export


@pytest.fixture(scope="module")
def site_dir(seed_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    export(seed_dir, "site", out)
    return out


def ready(op, path: Path, fragment: str = "") -> None:
    op.page.goto(path.resolve().as_uri() + fragment)
    op.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=30_000)


def clean(op) -> None:
    assert op.errors == []
    assert op.blocked == []


def test_search_then_entity_page(offline_page, site_dir):
    ready(offline_page, site_dir / "index.html")
    page = offline_page.page
    page.fill("form.big-search input[name=q]", "晓军")
    page.click("form.big-search button")
    hits = page.locator("li.hit a")
    page.wait_for_selector("li.hit a")
    assert hits.all_text_contents() == ["谢晓军"]
    assert "1 found" in page.locator("#mz-found").text_content()
    page.click("li.hit a:text-is('谢晓军')")
    page.wait_for_url(re.compile(r"/entities/person/[^/]+\.html$"))
    page.wait_for_selector("body[data-ready='1']", state="attached")
    assert page.locator("header.entity-head h1").text_content().startswith("谢晓军")
    assert page.locator("#Post li.fact").count() >= 1
    assert "谢晓军" in " ".join(page.locator("blockquote.sentence mark").all_text_contents())
    # the organisation of the post opens its own page, which links back
    page.click("#Post .fact-head a")
    page.wait_for_url(re.compile(r"/entities/organization/[^/]+\.html$"))
    assert page.locator("header.entity-head h1").text_content().startswith("江苏省民政厅")
    clean(offline_page)


def test_search_box_of_another_page_goes_home(offline_page, site_dir):
    ready(offline_page, site_dir / "meetings.html")
    page = offline_page.page
    page.fill("nav.top input[name=q]", "社会救助")
    page.press("nav.top input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/index\.html#q="))
    page.wait_for_selector("li.hit a")
    assert page.locator("li.hit a").first.text_content() == "社会救助"
    clean(offline_page)


def test_evidence_link_opens_the_article_with_marks(offline_page, site_dir):
    ready(offline_page, site_dir / "index.html", "#q=谢晓军")
    page = offline_page.page
    page.click("li.hit a:text-is('谢晓军')")
    page.wait_for_url(re.compile(r"\.html$"))
    page.locator("#Post a.src").first.click()
    page.wait_for_url(re.compile(r"/articles/[^/]+\.html#hl=\d+-\d+$"))
    page.wait_for_selector("body[data-ready='1']", state="attached")
    assert page.locator("div.text mark.ent").count() > 20
    assert page.locator("div.text mark.ent a").count() > 20
    # the span of the evidence outlined, the page scrolled to its first piece
    assert page.locator("#hl").count() == 1
    assert "谢晓军" in "".join(page.locator("div.text .hl").all_text_contents())
    assert page.evaluate("document.getElementById('hl').getBoundingClientRect().top") < 800
    clean(offline_page)


def test_timeline_filters_by_province(offline_page, site_dir):
    ready(offline_page, site_dir / "meetings.html")
    page = offline_page.page
    visible = page.locator("li.meeting:not([hidden])")
    assert visible.count() == 2
    page.select_option("select[name=province]", "广西壮族自治区")
    assert visible.count() == 1
    assert "全区民政宣传工作会议" in visible.first.text_content()
    assert page.locator("#meeting-count").text_content() == "1"
    page.select_option("select[name=province]", "")
    page.select_option("select[name=theme]", "社会救助")
    page.click("form.filters button")
    assert visible.count() == 1 and "2023年江苏省民政工作会议" in visible.first.text_content()
    clean(offline_page)


def test_article_list_links_to_the_article(offline_page, site_dir):
    ready(offline_page, site_dir / "articles.html")
    page = offline_page.page
    rows = page.locator("tr.article-row")
    assert rows.count() == 1 and "已抽取" in rows.first.text_content()
    rows.first.locator("a").click()
    page.wait_for_selector("body[data-ready='1']", state="attached")
    assert page.locator("div.text mark.ent").count() > 20
    clean(offline_page)
