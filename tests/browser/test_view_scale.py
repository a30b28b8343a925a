"""Graph views at corpus scale in a real browser: 5,000 nodes grouped by type or province, hub labels readable
at fit zoom, a click opening a group; the --focus node highlighted; the edge count stated is the one drawn.

The corpus graph screenshot goes to $MZGRAPH_SCREENSHOTS (docs/screenshots/ for the README), else to tmp.
"""
from __future__ import annotations

import os
import random
import re
import sys
from pathlib import Path

import networkx as nx
import pytest

from mzgraph.views import write_view

ROOT = Path(__file__).resolve().parents[2]
TYPES = ("Person", "Organization", "Place", "Meeting", "Document", "PolicyTheme")


def synthetic(n: int, seed: int = 5) -> nx.MultiDiGraph:
    """A view model of ``n`` nodes shaped like a corpus: provinces, places under them, organisations located in
    them, people with posts, meetings held in places with participants and themes."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()

    def node(key, etype, label, **extra):
        g.add_node(key, type=etype, label=label, iri=key, posts=[], sentence="", source="", **extra)

    provinces = [f"prov{i}" for i in range(8)]
    for i, p in enumerate(provinces):
        node(p, "Place", f"省{i:02d}", level="province")
    themes = [f"theme{i}" for i in range(20)]
    for i, t in enumerate(themes):
        node(t, "PolicyTheme", f"主题{i:02d}")
    places, orgs, people, meetings = [], [], [], []
    while g.number_of_nodes() < n:
        k = g.number_of_nodes()
        kind = rng.choice(("place", "org", "org", "person", "person", "person", "meeting", "doc"))
        if kind == "place":
            node(f"place{k}", "Place", f"市{k:05d}", level="prefecture")
            g.add_edge(f"place{k}", rng.choice(provinces), key="partOf:隶属", relation="partOf", label="隶属")
            places.append(f"place{k}")
        elif kind == "org" and places:
            node(f"org{k}", "Organization", f"民政局{k:05d}")
            g.add_edge(f"org{k}", rng.choice(places), key="locatedIn:位于", relation="locatedIn", label="位于")
            orgs.append(f"org{k}")
        elif kind == "person" and orgs:
            node(f"person{k}", "Person", f"人{k:05d}")
            g.add_edge(f"person{k}", rng.choice(orgs), key="post:局长", relation="post", label="局长")
            people.append(f"person{k}")
        elif kind == "meeting" and places and people:
            node(f"meeting{k}", "Meeting", f"会议{k:05d}", date="2024-01-01")
            g.add_edge(f"meeting{k}", rng.choice(places), key="heldIn:举办地", relation="heldIn", label="举办地")
            for p in rng.sample(people, min(3, len(people))):
                g.add_edge(p, f"meeting{k}", key="participation:出席", relation="participation", label="出席")
            for t in rng.sample(themes, 2):
                g.add_edge(f"meeting{k}", t, key="theme:部署", relation="theme", label="部署")
            meetings.append(f"meeting{k}")
        elif kind == "doc" and meetings:
            node(f"doc{k}", "Document", f"文件{k:05d}")
            g.add_edge(rng.choice(meetings), f"doc{k}", key="document:印发", relation="document", label="印发")
    return g


def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("MZGRAPH_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_view(offline_page, path: Path):
    offline_page.page.goto(path.resolve().as_uri())
    offline_page.page.wait_for_selector("body[data-stabilized='1']", state="attached", timeout=180_000)
    return offline_page.page


def hub_font_ok(page) -> bool:
    """Every hub's label is drawn at ≥ 13 px on screen at the current zoom."""
    return page.evaluate("""() => { const g = window.mzgraph, s = g.network.getScale();
        const hubs = g.nodes.get({ filter: n => n.hub });
        return hubs.length > 0 && hubs.every(n => n.font && n.font.size * s >= 13); }""")


def test_five_thousand_nodes_grouped_by_type_and_province(offline_page, tmp_path):
    out = tmp_path / "big.html"
    write_view(synthetic(5000), out, max_nodes=5000)
    page = open_view(offline_page, out)
    assert page.evaluate("window.mzgraph.nodes.length") == 5000
    clusters = page.evaluate("window.mzgraph.clusters()")
    # every type is one group at load, but for the hubs, which stay out with their labels
    expected = page.evaluate("""() => { const c = {}; window.mzgraph.nodes.get({ filter: n => !n.hub })
        .forEach(n => { c[n.group] = (c[n.group] || 0) + 1; }); return Object.keys(c).filter(k => c[k] > 1).sort(); }""")
    assert len(expected) >= 5 and set(expected) <= set(TYPES)
    assert sorted(c.rsplit(":", 1)[1] for c in clusters) == expected
    page.evaluate("window.mzgraph.network.fit()")
    assert hub_font_ok(page)
    # sizes follow degree
    assert page.evaluate("""() => { const ns = window.mzgraph.nodes.get();
        return ns.every(n => n.value === n.degree + 1); }""")
    # a click on a group opens it
    pos = page.evaluate("""(id) => window.mzgraph.network.canvasToDOM(window.mzgraph.network.getPositions([id])[id])""",
                        "group:type:Document")
    box = page.locator("#mz-network").bounding_box()
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    assert "group:type:Document" not in page.evaluate("window.mzgraph.clusters()")
    # by province: places, organisations, meetings and people fall under their province
    page.evaluate("""() => { const s = document.getElementById("mz-group-select");
        s.value = "province"; s.dispatchEvent(new Event("change")); }""")
    provinces = page.evaluate("window.mzgraph.clusters()")
    assert len(provinces) >= 8 and all(c.startswith("group:province:") for c in provinces)
    assert offline_page.errors == [] and offline_page.blocked == []


def test_focus_node_is_highlighted(offline_page, seed_dir, tmp_path):
    out = tmp_path / "focus.html"
    write_view(seed_dir, out, focus="王琛", depth=1)
    page = open_view(offline_page, out)
    focus = page.evaluate("window.mzgraph.nodes.get({ filter: n => n.focus })")
    assert [n["label"] for n in focus] == ["王琛"] and focus[0]["borderWidth"] == 5
    assert page.evaluate("window.mzgraph.network.getSelectedNodes()") == [focus[0]["id"]]
    assert offline_page.errors == []


def test_people_view_states_the_edges_it_draws(offline_page, seed_dir, tmp_path):
    out = tmp_path / "people.html"
    write_view(seed_dir, out, types=["Person", "Organization"])
    page = open_view(offline_page, out)
    drawn = page.evaluate("window.mzgraph.network.body.edgeIndices.length")
    stated = re.search(r"(\d+) 条连线", page.text_content("#mz-stats")).group(1)
    assert int(stated) == drawn == page.evaluate("window.mzgraph.edges.length")


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory):
    """A build of 300 generated articles (benchmarks/generate_corpus.py): ~4,000 nodes of real-looking names."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate_corpus import generate
    finally:
        sys.path.pop(0)
    from mzgraph.pipeline import build

    folder = tmp_path_factory.mktemp("corpus")
    generate(300, folder / "in", seed=1)
    build([folder / "in"], folder / "out", store=False)
    return folder / "out"


def test_corpus_graph_reads_at_fit_zoom(offline_page, corpus_build, tmp_path):
    out = tmp_path / "corpus.html"
    write_view(corpus_build, out, max_nodes=5000, title="mzgraph · 300 articles")
    page = open_view(offline_page, out)
    assert page.evaluate("window.mzgraph.nodes.length") > 3000
    assert len(page.evaluate("window.mzgraph.clusters()")) >= 4
    assert hub_font_ok(page)
    page.wait_for_timeout(300)
    page.screenshot(path=str(shots(tmp_path) / "corpus-graph.png"))
    assert offline_page.errors == [] and offline_page.blocked == []
