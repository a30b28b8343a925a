"""RDF graph → networkx view model: entities as nodes, facts as labelled edges with their provenance.

The view model is a :class:`networkx.MultiDiGraph` keyed by entity IRI. Node attributes:
``type`` (an entity class of data/entity_types.tsv), ``label``, ``iri``,
``posts`` (a person's "org role" strings), ``sentence`` and ``source`` (first mention).
Edge attributes: ``relation`` (post, participation, theme, document, heldIn, organizer,
locatedIn, partOf, subOrganizationOf), ``label`` (``党组书记``, ``出席``, ``部署`` …),
``sentence`` and ``source`` (the evidence sentence text and its file).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from ..entity_types import ENTITY_TYPES
from ..errors import MzgraphError
from ..model import DEFAULT_MAX_VIEW_NODES
from ..rdf.namespace import MZ, NIF, ORG

__all__ = ["TYPES", "TYPE_ZH", "DEFAULT_MAX_NODES", "ViewError", "load_graph", "to_networkx", "Selection",
           "find_nodes", "select"]

TYPES = tuple(t.cls for t in ENTITY_TYPES)
TYPE_ZH = {t.cls: t.zh for t in ENTITY_TYPES}
_CLASSES = {getattr(MZ, t.cls): t.cls for t in ENTITY_TYPES}
_SCHEME_TYPES = frozenset(t.cls for t in ENTITY_TYPES if not t.minted)  # the scheme lists every theme
# Relations between two entities stated by one triple, with the label the view shows.
_DIRECT = ((MZ.heldIn, "heldIn", "举办地"), (MZ.organizer, "organizer", "主办"),
           (MZ.locatedIn, "locatedIn", "位于"), (MZ.partOf, "partOf", "隶属"),
           (ORG.subOrganizationOf, "subOrganizationOf", "下属"))
_THEME_LABEL = "部署"
DEFAULT_MAX_NODES = DEFAULT_MAX_VIEW_NODES


class ViewError(MzgraphError):
    """A view could not be made: unreadable graph, unknown focus label, bad option."""


def load_graph(path: str | Path) -> Graph:
    """The rdflib graph of an output folder (its graph.ttl) or of a Turtle file."""
    p = Path(path)
    ttl = p / "graph.ttl" if p.is_dir() else p
    if not ttl.is_file():
        raise ViewError(f"{path}: expected an output folder with graph.ttl or a .ttl file, found nothing")
    g = Graph()
    try:
        g.parse(source=str(ttl), format="turtle")
    except Exception as exc:  # rdflib raises many kinds of parser errors
        raise ViewError(f"{ttl}: not valid Turtle: {exc}") from None
    return g


class _Index:
    """subject → objects for the predicates the view reads, each scanned once: rdflib's per-lookup
    cost dominates otherwise (≈30 µs a call, hundreds of thousands of calls on a large build)."""

    PREDICATES = (RDF.type, RDFS.label, SKOS.prefLabel, MZ.mention, MZ.evidence, MZ.sentence, NIF.anchorOf,
                  NIF.beginIndex, NIF.referenceContext, MZ.sourceFile, MZ.date, MZ.adminLevel, ORG.member,
                  ORG.organization, ORG.role, MZ.participant, MZ.meeting, MZ.kind, MZ.theme, MZ.document,
                  MZ.action)

    def __init__(self, g: Graph):
        self.by: dict[URIRef, dict] = {}
        for prop in self.PREDICATES:
            table: dict = {}
            for s, o in g.subject_objects(prop):
                table.setdefault(s, []).append(o)
            self.by[prop] = table
        self.subjects_of_type: dict = {}
        for s, cls in ((s, o) for s, objs in self.by[RDF.type].items() for o in objs):
            self.subjects_of_type.setdefault(cls, []).append(s)
        self.first_mention: dict = {}

    def objects(self, node, prop) -> list:
        return self.by[prop].get(node, [])

    def one(self, node, prop):
        objs = self.by[prop].get(node)
        return objs[0] if objs else None

    def typed(self, cls: URIRef) -> list:
        return sorted(self.subjects_of_type.get(cls, []))

    def zh(self, node, *props: URIRef) -> str:
        """The @zh label (else any label) of ``node`` under the first property that has one."""
        for prop in props:
            labels = [lit for lit in self.objects(node, prop) if isinstance(lit, Literal)]
            if labels:
                return str(next((lit for lit in labels if lit.language == "zh"), labels[0]))
        return ""

    def mention(self, mention) -> tuple[str, int, str]:
        """(source file, offset, sentence text) of a mention."""
        sentence = self.one(mention, MZ.sentence)
        text = str(self.one(sentence, NIF.anchorOf) or "").strip() if sentence is not None else ""
        begin = self.one(mention, NIF.beginIndex)
        article = self.one(mention, NIF.referenceContext)
        source = str(self.one(article, MZ.sourceFile) or "") if article is not None else ""
        return (source, int(begin) if begin is not None else 0, text)

    def first(self, node, prop: URIRef) -> tuple[str, str]:
        """(sentence, source) of the earliest mention linked by ``prop``, by (file, offset)."""
        found = min(map(self.mention, self.objects(node, prop)), default=None)
        return (found[2], found[0]) if found else ("", "")


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The view model of an mzgraph RDF graph (see the module docstring for its attributes)."""
    g = graph
    ix = _Index(g)
    view = nx.MultiDiGraph()
    linked_themes = {o for objs in ix.by[MZ.theme].values() for o in objs}
    for cls, etype in _CLASSES.items():
        for node in ix.typed(cls):
            if not isinstance(node, URIRef) or str(node).startswith(str(MZ._NS)):
                continue
            if etype in _SCHEME_TYPES and node not in linked_themes:
                continue  # the scheme lists every theme; show those some meeting deployed
            label = ix.zh(node, RDFS.label, SKOS.prefLabel) or str(node).rsplit("/", 1)[-1]
            sentence, source = ix.first(node, MZ.mention)
            attrs = {"type": etype, "label": label, "iri": str(node), "posts": [],
                     "sentence": sentence, "source": source}
            if etype == "Meeting":
                attrs["date"] = str(ix.one(node, MZ.date) or "")
            elif etype == "Place":
                attrs["level"] = str(ix.one(node, MZ.adminLevel) or "")
            view.add_node(str(node), **attrs)

    def link(u, v, relation: str, label: str, fact: URIRef | None = None) -> bool:
        u, v = str(u), str(v)
        if u not in view or v not in view:
            return False
        sentence, source = ix.first(fact, MZ.evidence) if fact is not None else ("", "")
        view.add_edge(u, v, key=f"{relation}:{label}", relation=relation, label=label,
                      sentence=sentence, source=source)
        return True

    def concept(node, fallback: str) -> str:
        return (ix.zh(node, RDFS.label) or fallback) if node is not None else fallback

    for post in ix.typed(MZ.Post):
        person, org = ix.one(post, ORG.member), ix.one(post, ORG.organization)
        role = concept(ix.one(post, ORG.role), "任职")
        if link(person, org, "post", role, post):
            view.nodes[str(person)]["posts"].append(f"{view.nodes[str(org)]['label']} {role}")
    for part in ix.typed(MZ.Participation):
        label = concept(ix.one(part, MZ.kind), "参加")
        link(ix.one(part, MZ.participant), ix.one(part, MZ.meeting), "participation", label, part)
    for tl in ix.typed(MZ.ThemeLink):
        link(ix.one(tl, MZ.meeting), ix.one(tl, MZ.theme), "theme", _THEME_LABEL, tl)
    for dl in ix.typed(MZ.DocumentLink):
        label = concept(ix.one(dl, MZ.action), "文件")
        link(ix.one(dl, MZ.meeting), ix.one(dl, MZ.document), "document", label, dl)
    for prop, relation, label in _DIRECT:
        for s, o in sorted(g.subject_objects(prop)):
            link(s, o, relation, label)
    for _, attrs in view.nodes(data=True):
        attrs["posts"] = sorted(set(attrs["posts"]))
    return view


@dataclass(frozen=True)
class Selection:
    """The part of a view model to draw, and why it is smaller than the whole (``notice``)."""

    graph: nx.MultiDiGraph
    total_nodes: int
    notice: str = ""
    focus: tuple[str, ...] = ()  # the nodes a --focus label matched, drawn highlighted


def find_nodes(view: nx.MultiDiGraph, label: str) -> list[str]:
    """Nodes whose label equals ``label``; failing that, whose label contains it."""
    exact = [n for n, lab in view.nodes(data="label") if lab == label]
    return exact or [n for n, lab in view.nodes(data="label") if label in (lab or "")]


def select(view: nx.MultiDiGraph, *, focus: str | None = None, depth: int = 1,
           types: list[str] | tuple[str, ...] | None = None,
           max_nodes: int = DEFAULT_MAX_NODES) -> Selection:
    """Cut ``view`` to an ego graph around ``focus``, to ``types``, then to the ``max_nodes`` best connected."""
    total = view.number_of_nodes()
    keep: set[str] = set(view)
    focused: list[str] = []
    if focus:
        focused = find_nodes(view, focus)
        if not focused:
            raise ViewError(f"--focus {focus!r}: no node has that label (try a shorter part of the name)")
        if depth < 0:
            raise ViewError(f"--depth must be 0 or more, got {depth}")
        undirected = view.to_undirected(as_view=True)
        keep = set()
        for n in focused:
            keep |= set(nx.single_source_shortest_path_length(undirected, n, cutoff=depth))
    if types:
        unknown = sorted(set(types) - set(TYPES))
        if unknown:
            raise ViewError(f"--type {', '.join(unknown)}: expected one of {', '.join(TYPES)}")
        wanted = set(types)
        keep = {n for n in keep if view.nodes[n]["type"] in wanted or n in focused}
    notice = ""
    if max_nodes < 1:
        raise ViewError(f"--max-nodes must be 1 or more, got {max_nodes}")
    if len(keep) > max_nodes:
        degree = _degrees(view, keep)
        # most connected first; focus nodes always stay; ties broken by IRI so the cut is deterministic
        ranked = sorted(keep, key=lambda n: (n not in focused, -degree[n], n))
        shown = len(keep)
        keep = set(ranked[:max_nodes])
        notice = (f"显示连接最多的 {max_nodes} / {shown} 个节点 "
                  f"(showing the {max_nodes} most connected of {shown} nodes)")
    return Selection(view if len(keep) == total else _induced(view, keep), total, notice, tuple(sorted(focused)))


def _degrees(view: nx.MultiDiGraph, keep: set[str]) -> dict[str, int]:
    """Degree of each node of ``keep`` counting only edges inside ``keep`` (cheaper than a subgraph view)."""
    if len(keep) == view.number_of_nodes():
        return dict(view.degree())
    succ, pred = view.succ, view.pred
    return {n: sum(len(ks) for m, ks in succ[n].items() if m in keep)
            + sum(len(ks) for m, ks in pred[n].items() if m in keep) for n in keep}


def _induced(view: nx.MultiDiGraph, keep: set[str]) -> nx.MultiDiGraph:
    """The subgraph on ``keep`` in ``view``'s node order (attribute values are shared, not copied)."""
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, a) for n, a in view.nodes(data=True) if n in keep)
    sub.add_edges_from((u, v, k, a) for u, v, k, a in view.edges(keep, keys=True, data=True) if v in keep)
    return sub
