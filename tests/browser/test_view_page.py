"""The graph page in a real browser: loads offline, holds the seed entities, searches, filters, escapes."""
from __future__ import annotations

import networkx as nx
import pytest

from mzgraph.views import write_view

SEED_LABELS = ["2023年江苏省民政工作会议", "全区民政宣传工作会议", "谢晓军", "王琛", "江苏省民政厅",
               "广西壮族自治区民政厅", "社会救助", "民政宣传"]
XSS = '<img src=x onerror="window.__xss=1">'
XSS_LINK = '<a href="javascript:window.__xss=2">点我</a>'


def labels_in_dataset(page) -> list[str]:
    return page.evaluate("window.mzgraph.nodes.get().map(n => n.label)")


def test_seed_page_offline_without_errors(offline_page, seed_dir):
    offline_page.open(seed_dir / "graph.html")
    page = offline_page.page
    assert offline_page.errors == []
    assert [u for u in offline_page.blocked if u.startswith(("http:", "https:"))] == []
    assert offline_page.blocked == []
    assert page.evaluate("window.mzgraph.network.physics.physicsEnabled") is False  # frozen after stabilising
    assert set(SEED_LABELS) <= set(labels_in_dataset(page))
    assert page.locator("#mz-legend input[type=checkbox]").count() == 6
    assert page.evaluate("document.fonts.check('14px \"Noto Sans CJK SC\"', '民政')")


@pytest.mark.parametrize("query, expected", [("王琛", "王琛"), ("宣传工作会议", "全区民政宣传工作会议"), ("谢晓军", "谢晓军")])
def test_search_selects_node(offline_page, seed_dir, query, expected):
    offline_page.open(seed_dir / "graph.html")
    page = offline_page.page
    page.fill("#mz-search-input", query)
    page.click("#mz-search button")
    selected = page.evaluate("window.mzgraph.nodes.get(window.mzgraph.network.getSelectedNodes()).map(n => n.label)")
    assert selected == [expected]
    assert "1" in page.text_content("#mz-search-status")


@pytest.mark.parametrize("etype", ["Person", "PolicyTheme"])
def test_type_checkbox_hides_nodes(offline_page, seed_dir, etype):
    offline_page.open(seed_dir / "graph.html")
    page = offline_page.page
    count = page.evaluate(f"window.mzgraph.nodes.get().filter(n => n.group === '{etype}').length")
    before = page.evaluate("window.mzgraph.nodesView.length")
    page.uncheck(f"#mz-legend input[value={etype}]")
    assert count > 0
    assert page.evaluate("window.mzgraph.nodesView.length") == before - count


def probe(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("p", type="Person", label=XSS, iri="p", posts=[f"{XSS_LINK} 厅长"], sentence=f"{XSS}说{XSS_LINK}", source=XSS)
    g.add_node("m", type="Meeting", label=XSS_LINK, iri="m", posts=[], sentence="", source="")
    g.add_edge("p", "m", key="participation:x", relation="participation", label="出席", sentence=XSS, source=XSS_LINK)
    out = tmp_path / "probe.html"
    write_view(g, out, title=XSS)
    return out


def test_xss_probe_shows_as_text(offline_page, tmp_path):
    offline_page.open(probe(tmp_path))
    page = offline_page.page
    assert set(labels_in_dataset(page)) == {XSS, XSS_LINK}
    # hover the node so vis-network attaches its tooltip to the document
    pos = page.evaluate("""() => { const n = window.mzgraph.nodes.get().find(n => n.group === 'Person');
        const p = window.mzgraph.network.getPositions([n.id])[n.id];
        return window.mzgraph.network.canvasToDOM(p); }""")
    box = page.locator("#mz-network").bounding_box()
    page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    assert XSS in tip.text_content() and XSS_LINK in tip.text_content()
    assert tip.locator("img, a").count() == 0
    page.fill("#mz-search-input", XSS)
    page.click("#mz-search button")
    assert page.title() == XSS
    assert page.locator("img, a").count() == 0
    assert page.evaluate("window.__xss") is None
    assert offline_page.errors == []
