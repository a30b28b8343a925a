"""Graph analytics on the view model: counts by type, central entities, themes by province."""
from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from .model import TYPE_ZH, TYPES

__all__ = ["GraphStats", "Ranked", "UNLOCATED", "graph_stats", "format_stats", "meeting_province", "themes_by_province"]

RANKED_TYPES = ("Organization", "Person", "PolicyTheme")
UNLOCATED = "未定位"
# Past this many nodes betweenness is estimated from a fixed sample of sources (seeded, so repeatable).
EXACT_BETWEENNESS_MAX = 1500
BETWEENNESS_SAMPLE = 64  # networkx is pure Python: ~0.1 s per source at 15k nodes
THEMES_SHOWN = 8  # per province in the text report; the HTML report charts them all


@dataclass(frozen=True)
class Ranked:
    label: str
    type: str
    degree: int
    betweenness: float
    iri: str = ""


@dataclass(frozen=True)
class GraphStats:
    nodes: int
    edges: int
    counts: dict[str, int]
    central: dict[str, list[Ranked]]
    themes_by_province: dict[str, list[tuple[str, int]]]
    betweenness_sample: int | None = None  # number of sampled sources, None when exact
    meetings_unlocated: list[str] = field(default_factory=list)


def _province(view: nx.MultiDiGraph, place: str) -> str | None:
    """The province-level division containing ``place`` (itself included), following partOf."""
    seen = set()
    while place is not None and place not in seen:
        seen.add(place)
        if view.nodes[place].get("level") == "province":
            return view.nodes[place]["label"]
        place = next((v for _, v, r in view.out_edges(place, data="relation") if r == "partOf"), None)
    return None


def _targets(view: nx.MultiDiGraph, node: str, relation: str) -> list[str]:
    return sorted({v for _, v, r in view.out_edges(node, data="relation") if r == relation})


def meeting_province(view: nx.MultiDiGraph, meeting: str) -> str | None:
    """Province of a meeting: where it was held, else where its organizer (or the organizer's parent) sits."""
    for place in _targets(view, meeting, "heldIn"):
        if (prov := _province(view, place)) is not None:
            return prov
    for org in _targets(view, meeting, "organizer"):
        for o in [org, *_targets(view, org, "subOrganizationOf")]:
            for place in _targets(view, o, "locatedIn"):
                if (prov := _province(view, place)) is not None:
                    return prov
    return None


def themes_by_province(view: nx.MultiDiGraph) -> tuple[dict[str, list[tuple[str, int]]], list[str]]:
    """Province → [(theme, meetings deploying it)], most frequent first; and the meetings with no province."""
    counts: dict[str, Counter] = {}
    unlocated = []
    for m, etype in view.nodes(data="type"):
        if etype != "Meeting":
            continue
        themes = [view.nodes[t]["label"] for t in _targets(view, m, "theme")]
        prov = meeting_province(view, m)
        if prov is None:
            unlocated.append(view.nodes[m]["label"])
            prov = UNLOCATED
        if themes:
            counts.setdefault(prov, Counter()).update(themes)
    ordered = {p: sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) for p, c in counts.items()}
    return dict(sorted(ordered.items(), key=lambda kv: (kv[0] == UNLOCATED, -sum(n for _, n in kv[1]), kv[0]))), \
        sorted(unlocated)


def graph_stats(view: nx.MultiDiGraph, top: int = 10) -> GraphStats:
    """Counts, the ``top`` most central organisations / people / themes, and themes by province."""
    simple = nx.Graph()
    simple.add_nodes_from(view)
    simple.add_edges_from(view.edges())
    n = simple.number_of_nodes()
    sample = None
    if n > EXACT_BETWEENNESS_MAX:
        sample = BETWEENNESS_SAMPLE
        between = nx.betweenness_centrality(simple, k=sample, seed=0)
    else:
        between = nx.betweenness_centrality(simple)
    counts = Counter(t for _, t in view.nodes(data="type"))
    central = {}
    for etype in RANKED_TYPES:
        ranked = [Ranked(a["label"], etype, simple.degree(node), between.get(node, 0.0), a.get("iri", ""))
                  for node, a in view.nodes(data=True) if a["type"] == etype]
        ranked.sort(key=lambda r: (-r.degree, -r.betweenness, r.label))
        central[etype] = ranked[:top]
    by_province, unlocated = themes_by_province(view)
    return GraphStats(view.number_of_nodes(), view.number_of_edges(),
                      {t: counts.get(t, 0) for t in TYPES}, central, by_province, sample, unlocated)


def format_stats(stats: GraphStats) -> str:
    """Plain-text report for the terminal."""
    out = [f"{stats.nodes} nodes, {stats.edges} edges"]
    out += [f"  {t:<13} {TYPE_ZH[t]}{' ' * (10 - _width(TYPE_ZH[t]))} {n:>6}" for t, n in stats.counts.items()]
    note = f" (estimated from {stats.betweenness_sample} sampled sources)" if stats.betweenness_sample else ""
    for etype, ranked in stats.central.items():
        out.append("")
        out.append(f"most central {etype} (degree, betweenness{note}):")
        if not ranked:
            out.append("  none")
        width = max((_width(r.label) for r in ranked), default=0)
        out += [f"  {r.label}{' ' * (width - _width(r.label))}  {r.degree:>4}  {r.betweenness:.3f}" for r in ranked]
    out.append("")
    out.append("themes by province (meetings deploying the theme):")
    if not stats.themes_by_province:
        out.append("  none")
    for prov, themes in stats.themes_by_province.items():
        more = f", … (+{len(themes) - THEMES_SHOWN})" if len(themes) > THEMES_SHOWN else ""
        out.append(f"  {prov}: " + ", ".join(f"{t} {n}" for t, n in themes[:THEMES_SHOWN]) + more)
    return "\n".join(out) + "\n"


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
