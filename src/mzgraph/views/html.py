"""View model → one self-contained, offline HTML page drawn by vis-network (pyvis' bundled copy).

The only module that imports pyvis. pyvis supplies the vis-network assets and the physics
options; the node and edge lists are built here because pyvis' ``add_node``/``add_edge``
checks are quadratic, and its template pulls Bootstrap from a CDN and switches tooltips to
``innerHTML`` when a title contains "href". Our page inlines everything, builds tooltips
from text nodes, and embeds the data as JSON that cannot close its ``<script>`` element.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import networkx as nx

from ..atomic import write_text
from ..entity_types import ENTITY_TYPES
from .model import TYPE_ZH, TYPES, Selection, ViewError

__all__ = ["STYLE", "vis_asset_paths", "vis_assets", "vis_options", "vis_data", "script_json", "render_html", "write_html",
           "notebook_html"]

# class → (vis shape, colour) from data/entity_types.tsv; the legend and the canvas read the same table
STYLE = {t.cls: (t.shape, t.colour) for t in ENTITY_TYPES}
CJK_FONTS = ('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", '
             '"PingFang SC", "Hiragino Sans GB", "WenQuanYi Micro Hei", sans-serif')
_MARKER = re.compile(r"@@([A-Z_]+)@@")


@lru_cache(maxsize=1)
def vis_asset_paths() -> tuple[Path, Path]:
    """(JS, CSS) files of the newest vis-network copy shipped inside the pyvis package."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    found = sorted(lib.glob("vis-*/vis-network.min.js"),
                   key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.parent.name)))
    if not found:
        raise ViewError(f"{lib}: pyvis ships no vis-network copy; reinstall pyvis (pip install 'pyvis>=0.3.2')")
    return found[-1], found[-1].parent / "vis-network.css"


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """(JS, CSS) of the newest vis-network copy shipped inside the pyvis package, safe to inline."""
    js_path, css_path = vis_asset_paths()
    js = js_path.read_text(encoding="utf-8")
    css = css_path.read_text(encoding="utf-8")
    # inlined code must not end its own element early
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    css = re.sub(r"</(style)", r"\\3c/\1", css, flags=re.IGNORECASE)
    return js, css


def vis_options(n_nodes: int) -> dict:
    """vis-network options from pyvis' Network: physics that stabilises quickly, then freezes (in the page)."""
    from pyvis.network import Network

    net = Network()
    net.force_atlas_2based(gravity=-90, central_gravity=0.01, spring_length=130, spring_strength=0.06,
                           damping=0.5, overlap=0.4)
    net.toggle_stabilization(True)
    net.set_edge_smooth("continuous")
    opts = json.loads(net.options.to_json())
    big = n_nodes > 800
    opts["physics"]["stabilization"].update(iterations=150 if big else 400, updateInterval=50, fit=True)
    opts["physics"]["minVelocity"] = 1.0
    opts["edges"] = {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                     "smooth": False if big else opts["edges"]["smooth"],
                     "color": {"color": "#9aa5b1", "highlight": "#333", "hover": "#555"},
                     "font": {"size": 10, "face": CJK_FONTS, "color": "#555", "strokeWidth": 3, "align": "middle"}}
    opts["nodes"] = {"font": {"face": CJK_FONTS, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
                     "scaling": {"min": 8, "max": 30}, "borderWidth": 1}
    opts["groups"] = {t: {"shape": shape, "color": {"background": colour, "border": "#333333",
                                                    "highlight": {"background": colour, "border": "#000000"},
                                                    "hover": {"background": colour, "border": "#000000"}}}
                      for t, (shape, colour) in STYLE.items()}
    opts["interaction"].update(hover=True, tooltipDelay=150, navigationButtons=False, keyboard=False)
    opts["layout"] = {"randomSeed": 7, "improvedLayout": not big}
    return opts


CLUSTER_FROM = 1500  # a graph with more nodes opens grouped by type (a click on a group expands it)
HUBS = 40  # the most connected nodes whose labels stay readable at any zoom


def _provinces(view: nx.MultiDiGraph) -> dict[str, str]:
    """Node → its province label where one follows from the graph (places, organisations, meetings, people)."""
    from .stats import _province, meeting_province

    out: dict[str, str] = {}
    for n, t in view.nodes(data="type"):
        if t == "Place":
            prov = _province(view, n)
        elif t == "Meeting":
            prov = meeting_province(view, n)
        elif t == "Organization":
            places = [v for _, v, r in view.out_edges(n, data="relation") if r == "locatedIn"]
            prov = next((p for p in map(lambda x: _province(view, x), places) if p), None)
        else:
            continue
        if prov:
            out[n] = prov
    for n, t in view.nodes(data="type"):  # a person: the province of an organisation they hold a post in
        if t == "Person":
            orgs = sorted(v for _, v, r in view.out_edges(n, data="relation") if r == "post")
            prov = next((out[o] for o in orgs if o in out), None)
            if prov:
                out[n] = prov
    return out


def vis_data(view: nx.MultiDiGraph, focus: tuple[str, ...] = ()) -> tuple[list[dict], list[dict]]:
    """vis node and edge records; parallel edges in one direction become one edge with joined labels.
    The ``HUBS`` most connected nodes carry ``hub``, the focus nodes ``focus``, each node its ``province``."""
    index = {n: i for i, n in enumerate(view)}
    degree = dict(view.degree())
    hubs = set(sorted(view, key=lambda n: (-degree[n], n))[:HUBS])
    provinces = _provinces(view)
    nodes = []
    for n, a in view.nodes(data=True):
        rec = {"id": index[n], "label": a.get("label", ""), "group": a.get("type", ""), "value": degree[n] + 1,
               "degree": degree[n]}
        for key in ("posts", "sentence", "source", "date"):
            if a.get(key):
                rec[key] = a[key]
        if n in provinces:
            rec["province"] = provinces[n]
        if n in hubs:
            rec["hub"] = True
        if n in focus:
            rec["focus"] = True
        nodes.append(rec)
    merged: dict[tuple[int, int], dict] = {}
    for u, v, a in view.edges(data=True):
        key = (index[u], index[v])
        rec = merged.get(key)
        if rec is None:
            rec = merged[key] = {"from": key[0], "to": key[1], "label": "", "facts": []}
        label = a.get("label", "")
        if label and label not in rec["label"].split("、"):
            rec["label"] = f"{rec['label']}、{label}" if rec["label"] else label
        rec["facts"].append([label, a.get("sentence", ""), a.get("source", "")])
    return nodes, list(merged.values())


def script_json(obj: object) -> str:
    """JSON safe inside ``<script>`` (as Django's json_script): no ``<``, ``>`` or ``&`` survives, so
    ``</script>`` (``</`` → ``\\u003c/``) cannot end the element and ``<!--`` cannot open a comment."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_SAFE:  # str.replace: ~20x faster than str.translate on CJK text
        text = text.replace(char, escaped)
    return text


_SCRIPT_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def render_html(selection: Selection | nx.MultiDiGraph, *, title: str = "mzgraph") -> str:
    """The page for ``selection`` (or a whole view model): inlined assets, no network access at all."""
    if not isinstance(selection, Selection):
        selection = Selection(selection, selection.number_of_nodes())
    view = selection.graph
    nodes, edges = vis_data(view, selection.focus)
    data = {
        "types": {t: {"zh": TYPE_ZH[t], "shape": STYLE[t][0], "color": STYLE[t][1]} for t in TYPES},
        "options": vis_options(len(nodes)),
        "nodes": nodes,
        "edges": edges,
        "cluster": len(nodes) > CLUSTER_FROM,
    }
    js, css = vis_assets()
    # what is drawn: parallel facts between two nodes in one direction are one line with joined labels
    stats = (f"{len(nodes)} 个节点 · {len(edges)} 条连线 · {view.number_of_edges()} 项关系 "
             f"(nodes · lines drawn · relations)")
    fills = {
        "TITLE": html.escape(title),
        "NOTICE": html.escape(selection.notice),
        "STATS": html.escape(stats),
        "DATA": script_json(data),
        "VIS_JS": js,
        "VIS_CSS": css,
    }
    return _MARKER.sub(lambda m: fills[m.group(1)], _template())


@lru_cache(maxsize=1)
def _template() -> str:
    return (resources.files("mzgraph") / "views" / "template.html").read_text(encoding="utf-8")


def write_html(path: str | Path, page: str) -> Path:
    """Write ``page`` as UTF-8, atomically: a temporary file in the same folder, then a rename."""
    return write_text(Path(path), page)


def notebook_html(page: str, height: int = 640) -> str:
    """``page`` in a sandboxed iframe, so a notebook shows it without mixing it into its own DOM."""
    return (f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts" '
            f'style="width:100%;height:{int(height)}px;border:1px solid #ddd"></iframe>')
