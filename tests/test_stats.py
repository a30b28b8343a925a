"""Analytics on the view model: counts, centrality, themes by province; the HTML report."""
from __future__ import annotations

import re

import networkx as nx
import pytest

from mzgraph.cli import main
from mzgraph.views import to_networkx
from mzgraph.views import stats as stats_mod
from mzgraph.views.report import bar_chart, render_stats_html
from mzgraph.views.stats import UNLOCATED, format_stats, graph_stats, meeting_province, themes_by_province


@pytest.fixture(scope="module")
def seed_stats(seed_graph):
    return graph_stats(to_networkx(seed_graph), top=100)


def test_seed_counts(seed_stats):
    assert seed_stats.counts["Meeting"] == 2
    assert seed_stats.counts["Person"] >= 2
    assert sum(seed_stats.counts.values()) == seed_stats.nodes


@pytest.mark.parametrize("etype, label", [
    ("Person", "谢晓军"), ("Person", "王琛"), ("Organization", "广西壮族自治区民政厅"), ("PolicyTheme", "社会救助"),
])
def test_seed_central(seed_stats, etype, label):
    ranked = seed_stats.central[etype]
    assert label in [r.label for r in ranked]
    assert [r.degree for r in ranked] == sorted((r.degree for r in ranked), reverse=True)


@pytest.mark.parametrize("province, theme", [("江苏省", "社会救助"), ("江苏省", "养老服务"), ("广西壮族自治区", "民政宣传")])
def test_seed_themes_by_province(seed_stats, province, theme):
    assert (theme, 1) in seed_stats.themes_by_province[province]


def place(g, key, level, parent=None):
    g.add_node(key, type="Place", label=key, level=level)
    if parent:
        g.add_edge(key, parent, relation="partOf")


def toy() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    place(g, "江苏省", "province")
    place(g, "南京市", "prefecture", "江苏省")
    place(g, "玄武区", "county", "南京市")
    place(g, "广西壮族自治区", "province")
    place(g, "某街道", "township")  # no parent: not enough to find a province
    g.add_node("厅", type="Organization", label="厅")
    g.add_edge("厅", "广西壮族自治区", relation="locatedIn")
    g.add_node("处", type="Organization", label="处")
    g.add_edge("处", "厅", relation="subOrganizationOf")
    g.add_node("无址", type="Organization", label="无址")
    for t in ("养老服务", "社会救助"):
        g.add_node(t, type="PolicyTheme", label=t)
    return g


@pytest.mark.parametrize("links, expected", [
    ([("heldIn", "玄武区")], "江苏省"),
    ([("heldIn", "江苏省")], "江苏省"),
    ([("organizer", "厅")], "广西壮族自治区"),
    ([("organizer", "处")], "广西壮族自治区"),
    ([("heldIn", "某街道"), ("organizer", "厅")], "广西壮族自治区"),
    ([("heldIn", "南京市"), ("organizer", "厅")], "江苏省"),
    ([("organizer", "无址")], None),
    ([], None),
])
def test_meeting_province(links, expected):
    g = toy()
    g.add_node("m", type="Meeting", label="m")
    for relation, target in links:
        g.add_edge("m", target, relation=relation)
    assert meeting_province(g, "m") == expected


def test_themes_by_province_counts_meetings():
    g = toy()
    for m, where, themes in [("m1", "玄武区", ["养老服务", "社会救助"]), ("m2", "南京市", ["养老服务"]), ("m3", None, ["社会救助"])]:
        g.add_node(m, type="Meeting", label=m)
        if where:
            g.add_edge(m, where, relation="heldIn")
        for t in themes:
            g.add_edge(m, t, relation="theme")
    by_province, unlocated = themes_by_province(g)
    assert by_province == {"江苏省": [("养老服务", 2), ("社会救助", 1)], UNLOCATED: [("社会救助", 1)]}
    assert unlocated == ["m3"]


def test_betweenness_is_sampled_past_the_limit(seed_graph, monkeypatch):
    monkeypatch.setattr(stats_mod, "EXACT_BETWEENNESS_MAX", 5)
    monkeypatch.setattr(stats_mod, "BETWEENNESS_SAMPLE", 10)
    st = graph_stats(to_networkx(seed_graph))
    assert st.betweenness_sample == 10
    assert "sampled sources" in format_stats(st)


@pytest.mark.parametrize("label", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'])
def test_report_escapes_labels(label):
    svg = bar_chart([(label, 3)])
    assert "<script>" not in svg and "<img" not in svg and "&lt;" in svg


def test_report_html(seed_stats):
    page = render_stats_html(seed_stats)
    assert page.count("<svg") >= 4 and "谢晓军" in page and "江苏省" in page
    assert "<script" not in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page)


def test_cli_stats(seed_dir, tmp_path, capsys):
    out = tmp_path / "stats.html"
    assert main(["stats", str(seed_dir), "--top", "3", "--html", str(out)]) == 0
    text = capsys.readouterr().out
    assert "most central Person" in text and "江苏省: " in text and "Meeting" in text
    assert "谢晓军" in out.read_text(encoding="utf-8")
