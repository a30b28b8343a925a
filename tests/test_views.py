"""The networkx view model of the seed graph, selection (focus, types, max-nodes), the page's safety."""
from __future__ import annotations

import json
import os
import re
import sys
import types

import networkx as nx
import pytest

from mzgraph.cli import main
from mzgraph.views import ViewError, load_graph, make_view, select, show, to_networkx, write_view
from mzgraph.views.html import render_html, script_json, write_html

SOURCE = "000_993108acd88fb33a.txt"
MEETING_JS = "2023年江苏省民政工作会议"
MEETING_GX = "全区民政宣传工作会议"


@pytest.fixture(scope="module")
def view(seed_graph) -> nx.MultiDiGraph:
    return to_networkx(seed_graph)


def by_label(view: nx.MultiDiGraph, label: str) -> str:
    found = [n for n, lab in view.nodes(data="label") if lab == label]
    assert len(found) == 1, f"{label}: {len(found)} nodes"
    return found[0]


def labels(g: nx.MultiDiGraph) -> set[str]:
    return {lab for _, lab in g.nodes(data="label")}


@pytest.mark.parametrize("label, etype", [
    (MEETING_JS, "Meeting"),
    (MEETING_GX, "Meeting"),
    ("谢晓军", "Person"),
    ("王琛", "Person"),
    ("江苏省民政厅", "Organization"),
    ("广西壮族自治区民政厅", "Organization"),
    ("江苏省", "Place"),
    ("社会救助", "PolicyTheme"),
    ("民政宣传", "PolicyTheme"),
])
def test_seed_nodes(view, label, etype):
    attrs = view.nodes[by_label(view, label)]
    assert attrs["type"] == etype
    assert attrs["iri"].startswith("https://w3id.org/mzgraph/")


@pytest.mark.parametrize("src, dst, relation, label, evidence", [
    ("谢晓军", "江苏省民政厅", "post", "党组书记", "谢晓军"),
    ("王琛", "广西壮族自治区民政厅", "post", "厅长", "王琛"),
    ("谢晓军", MEETING_JS, "participation", "出席", "谢晓军出席会议"),
    ("谢晓军", MEETING_JS, "participation", "讲话", "谢晓军出席会议并讲话"),
    ("王琛", MEETING_GX, "participation", "讲话", "王琛"),
    (MEETING_JS, "社会救助", "theme", "部署", "社会救助"),
    (MEETING_GX, "民政宣传", "theme", "部署", "宣传"),
    ("江苏省民政厅", "江苏省", "locatedIn", "位于", None),
    ("常州市", "江苏省", "partOf", "隶属", None),
])
def test_seed_edges_carry_label_and_provenance(view, src, dst, relation, label, evidence):
    edges = view.get_edge_data(by_label(view, src), by_label(view, dst)) or {}
    match = [a for a in edges.values() if a["relation"] == relation and a["label"] == label]
    assert match, f"{src} -[{relation}:{label}]-> {dst} missing; found {list(edges)}"
    if evidence is None:
        assert match[0]["sentence"] == ""
    else:
        assert evidence in match[0]["sentence"]
        assert match[0]["source"] == SOURCE
        assert not match[0]["sentence"].endswith("\n")


def test_document_edge_has_action_label(view):
    docs = [n for n, t in view.nodes(data="type") if t == "Document"]
    assert docs
    labels_in = {a["label"] for d in docs for _, _, a in view.in_edges(d, data=True) if a["relation"] == "document"}
    assert labels_in <= {"宣读", "印发", "审议"} and labels_in


@pytest.mark.parametrize("person, posts", [
    ("王琛", ["广西壮族自治区民政厅 党组书记", "广西壮族自治区民政厅 厅长"]),
    ("谢晓军", ["江苏省民政厅 党组书记"]),
])
def test_person_posts_and_first_mention(view, person, posts):
    attrs = view.nodes[by_label(view, person)]
    assert attrs["posts"] == posts
    assert person in attrs["sentence"] and attrs["source"] == SOURCE


def test_only_deployed_themes_become_nodes(view, seed_graph):
    from mzgraph.rdf.namespace import MZ

    deployed = {str(t) for t in seed_graph.objects(None, MZ.theme)}
    themes = {n for n, t in view.nodes(data="type") if t == "PolicyTheme"}
    assert themes == deployed


@pytest.mark.parametrize("focus, depth, present, absent", [
    ("谢晓军", 0, {"谢晓军"}, {"江苏省民政厅"}),
    ("谢晓军", 1, {"谢晓军", "江苏省民政厅", MEETING_JS}, {"社会救助", "王琛"}),
    ("谢晓军", 2, {"社会救助", "江苏省", "常州市民政局"}, {"王琛", MEETING_GX}),
    (MEETING_GX, 1, {"王琛", "民政宣传", "广西壮族自治区民政厅"}, {"谢晓军", MEETING_JS}),
    ("社会救助", 1, {"社会救助", MEETING_JS}, {"谢晓军", "民政宣传"}),
    ("江苏省民政厅", 1, {"江苏省民政厅", "谢晓军", "江苏省"}, {MEETING_GX}),
])
def test_focus_depth(view, focus, depth, present, absent):
    sel = select(view, focus=focus, depth=depth)
    got = labels(sel.graph)
    assert present <= got and not (absent & got)
    assert sel.total_nodes == view.number_of_nodes() and sel.notice == ""


@pytest.mark.parametrize("types_, focus", [
    (["Person"], None),
    (["Person", "Meeting"], None),
    (["PolicyTheme"], MEETING_JS),
])
def test_type_filter(view, types_, focus):
    sel = select(view, types=types_, focus=focus)
    kept = {t for _, t in sel.graph.nodes(data="type")}
    expected = set(types_) | ({view.nodes[by_label(view, focus)]["type"]} if focus else set())
    assert kept == expected
    if focus is None:
        assert sel.graph.number_of_nodes() == sum(1 for _, t in view.nodes(data="type") if t in types_)


@pytest.mark.parametrize("cap", [1, 5, 20])
def test_max_nodes_keeps_best_connected_with_notice(view, cap):
    sel = select(view, max_nodes=cap)
    assert sel.graph.number_of_nodes() == cap
    assert f"{cap} / {view.number_of_nodes()}" in sel.notice
    floor = min(view.degree(n) for n in sel.graph)
    dropped = set(view) - set(sel.graph)
    assert all(view.degree(n) <= floor for n in dropped)
    assert MEETING_JS in labels(sel.graph)  # the hub of the seed graph


def test_no_notice_under_cap(view):
    assert select(view, max_nodes=view.number_of_nodes()).notice == ""


@pytest.mark.parametrize("kwargs, message", [
    ({"focus": "不存在的人"}, "no node has that label"),
    ({"types": ["Robot"]}, "expected one of"),
    ({"max_nodes": 0}, "--max-nodes"),
    ({"focus": "王琛", "depth": -1}, "--depth"),
])
def test_select_errors(view, kwargs, message):
    with pytest.raises(ViewError, match=message):
        select(view, **kwargs)


def test_load_graph_folder_and_file(seed_dir):
    assert len(load_graph(seed_dir)) == len(load_graph(seed_dir / "graph.ttl")) > 0


@pytest.mark.parametrize("content, message", [(None, "expected an output folder"), ("not turtle {{", "not valid Turtle")])
def test_load_graph_errors(tmp_path, content, message):
    path = tmp_path / "g.ttl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ViewError, match=message):
        load_graph(path)


# --- the page ---------------------------------------------------------------------------------

PROBES = [
    '<img src=x onerror=alert(1)>',
    '</script><script>alert(1)</script>',
    '<a href="javascript:alert(1)">点我</a>',
    '<!-- <script>',
    '\u2028line\u2029separators',
]


def probe_graph(text: str) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("a", type="Person", label=text, iri="a", posts=[f"{text} 厅长"], sentence=text, source=text)
    g.add_node("b", type="Meeting", label="会议", iri="b", posts=[], sentence="", source="")
    g.add_edge("a", "b", key="participation:x", relation="participation", label=text, sentence=text, source=text)
    return g


def page_data(page: str) -> dict:
    m = re.search(r'<script id="mz-data" type="application/json">(.*?)</script>', page, re.S)
    assert m, "data script missing"
    return json.loads(m.group(1))


@pytest.mark.parametrize("text", PROBES)
def test_article_text_never_reaches_the_page_raw(text):
    page = render_html(probe_graph(text), title=text)
    raw = [t for t in ("<img", "<script>alert", "<a href", "<!--") if t in text]
    for fragment in raw:
        assert fragment not in page
    data = page_data(page)
    node = data["nodes"][0]
    assert node["label"] == node["sentence"] == node["source"] == text  # round-trips as data, shown as text
    assert data["edges"][0]["facts"] == [[text, text, text]]
    assert page.lower().count("</script") == 3  # the data, vis-network, our code


@pytest.mark.parametrize("text, fragment", [
    ("</script>", "\\u003c/script\\u003e"),
    ("<!--", "\\u003c!--"),
    ("a&amp;b", "a\\u0026amp;b"),
    ("a\u2028b", "a\\u2028b"),
])
def test_script_json_escapes(text, fragment):
    out = script_json({"s": text})
    assert fragment in out and json.loads(out) == {"s": text}
    assert "<" not in out and ">" not in out


def test_page_is_self_contained(view):
    page = render_html(select(view))
    assert not re.search(r"@@[A-Z_]+@@", page)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "<link" not in page.lower() and "@import" not in page
    assert "stabilizationIterationsDone" in page and "physics: false" in page
    assert '"Noto Sans CJK SC"' in page and "vis.Network" in page


def test_page_notice_is_escaped():
    from mzgraph.views.model import Selection

    page = render_html(Selection(probe_graph("x"), 99, notice="<b>cut</b>"))
    assert 'role="status">&lt;b&gt;cut&lt;/b&gt;</div>' in page


def test_write_html_is_utf8_and_atomic(tmp_path):
    out = write_html(tmp_path / "v.html", "<p>民政</p>")
    assert out.read_bytes() == "<p>民政</p>".encode("utf-8")
    assert os.listdir(tmp_path) == ["v.html"]
    assert out.stat().st_mode & 0o777 == 0o644


def test_build_writes_graph_html(seed_dir):
    data = page_data((seed_dir / "graph.html").read_text(encoding="utf-8"))
    assert {"谢晓军", "王琛", MEETING_JS, MEETING_GX} <= {n["label"] for n in data["nodes"]}


def test_write_view_and_make_view_agree(seed_dir, tmp_path):
    sel = write_view(seed_dir, tmp_path / "v.html", focus="王琛")
    page, sel2 = make_view(seed_dir, focus="王琛")
    assert (tmp_path / "v.html").read_text(encoding="utf-8") == page
    assert set(sel.graph) == set(sel2.graph)


@pytest.mark.parametrize("ipython", [True, False])
def test_show_returns_html_object_or_string(view, monkeypatch, ipython):
    if ipython:
        fake = types.ModuleType("IPython.display")
        fake.HTML = type("HTML", (), {"__init__": lambda self, data: setattr(self, "data", data)})
        monkeypatch.setitem(sys.modules, "IPython.display", fake)
        shown = show(view, focus="王琛")
        assert isinstance(shown, fake.HTML) and shown.data.startswith("<iframe srcdoc=")
    else:
        monkeypatch.setitem(sys.modules, "IPython.display", None)
        shown = show(view, focus="王琛")
        assert isinstance(shown, str) and shown.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("args, code, expected", [
    (["--focus", "谢晓军"], 0, "wrote "),
    (["--type", "Person", "--max-nodes", "1"], 0, "showing the 1 most connected"),
    (["--focus", "没有这个人"], 2, "no node has that label"),
])
def test_cli_view(seed_dir, tmp_path, capsys, args, code, expected):
    out = tmp_path / "v.html"
    assert main(["view", str(seed_dir), "-o", str(out), *args]) == code
    captured = capsys.readouterr()
    assert expected in captured.out + captured.err
    assert out.exists() == (code == 0)
