"""RDF graph → networkx view model: entities as nodes, facts as labelled edges with their provenance.

The view model is a :class:`networkx.MultiDiGraph` keyed by entity IRI. Node attributes:
``type`` (Person, Organization, Place, Meeting, Document, PolicyTheme), ``label``, ``iri``,
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

from ..errors import MzgraphError
from ..rdf.namespace import MZ, NIF, ORG

TYPES = ("Person", "Organization", "Place", "Meeting", "Document", "PolicyTheme")
TYPE_ZH = {"Person": "人物", "Organization": "机构", "Place": "地点", "Meeting": "会议", "Document": "文件",
           "PolicyTheme": "政策主题"}
_CLASSES = {getattr(MZ, t): t for t in TYPES}
# Relations between two entities stated by one triple, with the label the view shows.
_DIRECT = ((MZ.heldIn, "heldIn", "举办地"), (MZ.organizer, "organizer", "主办"),
           (MZ.locatedIn, "locatedIn", "位于"), (MZ.partOf, "partOf", "隶属"),
           (ORG.subOrganizationOf, "subOrganizationOf", "下属"))
_THEME_LABEL = "部署"
DEFAULT_MAX_NODES = 3000


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


def _zh(g: Graph, node: URIRef, *props: URIRef) -> str:
    """The @zh label (else any label) of ``node`` under the first property that has one."""
    for prop in props:
        fallback = ""
        for lit in g.objects(node, prop):
            if isinstance(lit, Literal):
                if lit.language == "zh":
                    return str(lit)
                fallback = fallback or str(lit)
        if fallback:
            return fallback
    return ""


class _Provenance:
    """Sentence text and source file of mentions, cached per mention and per article."""

    def __init__(self, g: Graph):
        self.g = g
        self.files: dict[URIRef, str] = {}

    def of_mention(self, mention: URIRef) -> tuple[int, str, str]:
        g = self.g
        sentence = next(g.objects(mention, MZ.sentence), None)
        text = str(next(g.objects(sentence, NIF.anchorOf), "")).strip() if sentence is not None else ""
        begin = next(g.objects(mention, NIF.beginIndex), None)
        article = next(g.objects(mention, NIF.referenceContext), None)
        source = ""
        if article is not None:
            source = self.files.get(article)
            if source is None:
                source = self.files[article] = str(next(g.objects(article, MZ.sourceFile), ""))
        return (int(begin) if begin is not None else 0, source, text)

    def first(self, node: URIRef, prop: URIRef) -> tuple[str, str]:
        """(sentence, source) of the earliest mention linked by ``prop``, by (file, offset)."""
        found = sorted((src, begin, text) for begin, src, text in map(self.of_mention, self.g.objects(node, prop)))
        return (found[0][2], found[0][0]) if found else ("", "")


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The view model of an mzgraph RDF graph (see the module docstring for its attributes)."""
    g = graph
    prov = _Provenance(g)
    view = nx.MultiDiGraph()
    linked_themes = set(g.objects(None, MZ.theme))
    for cls, etype in _CLASSES.items():
        for node in g.subjects(RDF.type, cls):
            if not isinstance(node, URIRef) or str(node).startswith(str(MZ._NS)):
                continue
            if etype == "PolicyTheme" and node not in linked_themes:
                continue  # the scheme lists every theme; show those some meeting deployed
            label = _zh(g, node, RDFS.label, SKOS.prefLabel) or str(node).rsplit("/", 1)[-1]
            sentence, source = prov.first(node, MZ.mention)
            attrs = {"type": etype, "label": label, "iri": str(node), "posts": [],
                     "sentence": sentence, "source": source}
            if etype == "Meeting":
                attrs["date"] = str(next(g.objects(node, MZ.date), ""))
            elif etype == "Place":
                attrs["level"] = str(next(g.objects(node, MZ.adminLevel), ""))
            view.add_node(str(node), **attrs)

    def link(u, v, relation: str, label: str, fact: URIRef | None = None) -> None:
        u, v = str(u), str(v)
        if u in view and v in view:
            sentence, source = prov.first(fact, MZ.evidence) if fact is not None else ("", "")
            view.add_edge(u, v, key=f"{relation}:{label}", relation=relation, label=label,
                          sentence=sentence, source=source)

    for post in g.subjects(RDF.type, MZ.Post):
        person, org = g.value(post, ORG.member), g.value(post, ORG.organization)
        role = _zh(g, g.value(post, ORG.role), RDFS.label) if g.value(post, ORG.role) is not None else "任职"
        link(person, org, "post", role, post)
        if str(person) in view and str(org) in view:
            view.nodes[str(person)]["posts"].append(f"{view.nodes[str(org)]['label']} {role}")
    for part in g.subjects(RDF.type, MZ.Participation):
        kind = g.value(part, MZ.kind)
        label = _zh(g, kind, RDFS.label) if kind is not None else "参加"
        link(g.value(part, MZ.participant), g.value(part, MZ.meeting), "participation", label, part)
    for tl in g.subjects(RDF.type, MZ.ThemeLink):
        link(g.value(tl, MZ.meeting), g.value(tl, MZ.theme), "theme", _THEME_LABEL, tl)
    for dl in g.subjects(RDF.type, MZ.DocumentLink):
        action = g.value(dl, MZ.action)
        label = _zh(g, action, RDFS.label) if action is not None else "文件"
        link(g.value(dl, MZ.meeting), g.value(dl, MZ.document), "document", label, dl)
    for prop, relation, label in _DIRECT:
        for s, o in g.subject_objects(prop):
            link(s, o, relation, label)
    for _, attrs in view.nodes(data=True):
        attrs["posts"].sort()
    return view


@dataclass(frozen=True)
class Selection:
    """The part of a view model to draw, and why it is smaller than the whole (``notice``)."""

    graph: nx.MultiDiGraph
    total_nodes: int
    notice: str = ""


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
    return Selection(view if len(keep) == total else _induced(view, keep), total, notice)


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
