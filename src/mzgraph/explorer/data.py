"""What the explorer's pages show, read from a build's Oxigraph store (opened read-only, in process).

Every query runs over the union of the store's graphs (``use_default_graph_as_union``), so a
store that keeps one named graph per source file answers as one with a single default graph.
Values are bound with SPARQL substitutions, never pasted into query text. Whole-corpus tables
(labels for search, the meeting timeline, the article list) are worked out once per store and
kept: a build's store never changes after it is published.
"""
from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..entity_types import ENTITY_TYPES
from ..rdf.prefixes import PREFIX_IRIS
from ..store.oxigraph import open_store

__all__ = ["PREFIXES", "ENTITY_CLASSES", "Span", "Evidence", "Fact", "Entity", "ArticleText", "MeetingRow",
           "ArticleRow", "Corpus"]

PREFIXES = {
    **PREFIX_IRIS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
MZ = PREFIX_IRIS["mz"]
ENTITY_CLASSES = {MZ + t.cls: t.cls for t in ENTITY_TYPES}
FACT_CLASSES = {MZ + c: c for c in ("Post", "Participation", "ThemeLink", "DocumentLink")}
# The two ends of each kind of fact, as the graph views draw it (from → to).
FACT_ENDS = {"Post": ("member", "organization"), "Participation": ("participant", "meeting"),
             "ThemeLink": ("meeting", "theme"), "DocumentLink": ("meeting", "document")}
RDF_TYPE = PREFIXES["rdf"] + "type"
RDFS_LABEL = PREFIXES["rdfs"] + "label"
SKOS_PREF = PREFIXES["skos"] + "prefLabel"
NIF = PREFIX_IRIS["nif"]
ORG = PREFIX_IRIS["org"]
# properties by which a fact (post, participation, theme or document link) names an entity
FACT_ROLES = frozenset({ORG + "member", ORG + "organization", MZ + "participant", MZ + "meeting", MZ + "theme",
                        MZ + "document"})
# properties linking two entities directly
LINK_PROPS = frozenset({MZ + "heldIn", MZ + "organizer", MZ + "locatedIn", MZ + "partOf", ORG + "subOrganizationOf"})
EVIDENCE_LIMIT = 20  # evidence sentences shown per fact
# How many rows of one kind an entity page lists (a province or a theme has thousands of mentions).
PAGE_LIMIT = 100

_LABEL = """OPTIONAL { {VAR} rdfs:label ?_l1 FILTER(lang(?_l1) = "zh" || lang(?_l1) = "") }
  OPTIONAL { {VAR} skos:prefLabel ?_l2 FILTER(lang(?_l2) = "zh" || lang(?_l2) = "") }
  BIND(COALESCE(?_l1, ?_l2) AS {OUT})"""


def label_of(var: str, out: str, n: int = 0) -> str:
    """A SPARQL fragment binding ``out`` to the Chinese (or untagged) label of ``var``."""
    return _LABEL.replace("?_l", f"?_l{n}_").replace("{VAR}", var).replace("{OUT}", out)


@dataclass(frozen=True)
class Span:
    """A span of an article's text: [begin, end) in characters of its mz:text."""

    begin: int
    end: int
    kind: str = ""  # entity class or fact class
    iri: str = ""  # what the span names or evidences
    label: str = ""


@dataclass(frozen=True)
class Evidence:
    """A mention that a fact or an entity was read from, with its sentence."""

    mention: str
    begin: int
    end: int
    sentence: str  # the sentence's text
    sentence_begin: int
    article: str
    source: str

    @property
    def key(self) -> tuple:
        return (self.source, self.begin, self.end)


@dataclass
class Fact:
    """A post, participation, theme or document link: its roles (property → (IRI, label)) and evidence."""

    iri: str
    cls: str
    roles: dict[str, tuple[str, str]] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Entity:
    iri: str
    cls: str
    label: str
    attributes: list[tuple[str, str]] = field(default_factory=list)  # (property label, value)
    outgoing: list[tuple[str, str, str, str]] = field(default_factory=list)  # (property, IRI, label, class)
    incoming: list[tuple[str, str, str, str]] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    facts_total: int = 0
    mentions: list[Evidence] = field(default_factory=list)
    mentions_total: int = 0


@dataclass
class ArticleText:
    iri: str
    source: str
    title: str
    date: str
    text: str
    spans: list[Span]


@dataclass(frozen=True)
class MeetingRow:
    iri: str
    label: str
    date: str
    province: str
    themes: tuple[tuple[str, str], ...]  # (IRI, label)
    source: str


@dataclass(frozen=True)
class ArticleRow:
    source: str
    articles: int
    mentions: int
    facts: int
    entities: int
    error: str = ""


def _v(term) -> str:
    return "" if term is None else term.value


def _i(term) -> int:
    return int(term.value) if term is not None else 0


class Corpus:
    """The pages' view of one published store; reopened by its owner when the build changes."""

    def __init__(self, build: Path, store_path: Path):
        self.build = Path(build)
        self.store_path = Path(store_path)
        self.store = open_store(self.build)
        self._locks = {name: threading.Lock() for name in ("labels", "meetings", "articles")}
        self._labels: list[tuple[str, str, str]] | None = None
        self._meetings: list[MeetingRow] | None = None
        self._articles: list[ArticleRow] | None = None

    def warm(self) -> None:
        """Work out the whole-corpus tables now (they are kept once made)."""
        import contextlib

        with contextlib.suppress(Exception):  # a page asking later reports any failure itself
            self.labels()
            self.meetings()
            self.article_rows()

    # -- plumbing -------------------------------------------------------------
    def select(self, sparql: str, **bind: str) -> list:
        """Solutions of a SELECT over the union graph; ``bind`` puts terms in place of variables: an IRI
        (``http…``) as a checked NamedNode, anything else as an escaped literal."""
        return list(self.store.query(_bound(sparql, bind), prefixes=PREFIXES, use_default_graph_as_union=True))

    # -- one resource ---------------------------------------------------------
    # -- direct index lookups (no query planning: an entity page is a few hundred of these) --
    def _out(self, iri: str, counts: dict[str, int] | None = None, cap: int = 0) -> dict[str, list]:
        """Predicate → objects of ``iri`` (all graphs, duplicates dropped); with ``cap``, at most that many
        objects of mz:mention are kept (the first in the store's order) and ``counts`` gets how many there are."""
        import pyoxigraph as ox

        node = ox.NamedNode(iri)
        out: dict[str, dict] = {}
        if not cap:
            for q in self.store.quads_for_pattern(node, None, None, None):
                out.setdefault(q.predicate.value, {})[q.object] = None
            return {p: list(objs) for p, objs in out.items()}
        for r in self.select("SELECT ?p ?o WHERE { ?e ?p ?o FILTER(?p != mz:mention) }", e=iri):
            out.setdefault(r["p"].value, {})[r["o"]] = None
        kept = {r["m"]: None for r in self.select(f"SELECT ?m WHERE {{ ?e mz:mention ?m }} LIMIT {int(cap)}", e=iri)}
        if kept:
            out[MZ + "mention"] = kept
        if counts is not None:
            n = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?e mz:mention ?m }", e=iri)
            counts[MZ + "mention"] = _i(n[0]["n"]) if n else 0
        return {p: list(objs) for p, objs in out.items()}

    def _one(self, iri: str, prop: str):
        import pyoxigraph as ox

        for q in self.store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(prop), None, None):
            return q.object
        return None

    def _labelled(self, iri: str) -> tuple[str, str]:
        """(label, entity class or "") of a resource, from its own triples."""
        import pyoxigraph as ox

        label, alt, cls = "", "", ""
        node = ox.NamedNode(iri)
        for prop in (RDFS_LABEL, SKOS_PREF):
            for q in self.store.quads_for_pattern(node, ox.NamedNode(prop), None, None):
                lang = getattr(q.object, "language", None)
                if lang in ("zh", None):
                    label = label or q.object.value
                else:
                    alt = alt or q.object.value
        for q in self.store.quads_for_pattern(node, ox.NamedNode(RDF_TYPE), None, None):
            cls = cls or ENTITY_CLASSES.get(q.object.value, "")
        return label or alt, cls

    def classes(self, iri: str) -> list[str]:
        return sorted(o.value for o in self._out(iri).get(RDF_TYPE, []))

    def entity_class(self, iri: str) -> str:
        """The entity class of ``iri`` (Person, …, PolicyTheme), or ""."""
        return self._labelled(iri)[1]

    def label(self, iri: str) -> str:
        return self._labelled(iri)[0]

    def exists(self, iri: str) -> bool:
        import pyoxigraph as ox

        node = ox.NamedNode(iri)
        return any(True for _ in self.store.quads_for_pattern(node, None, None, None)) or \
            any(True for _ in self.store.quads_for_pattern(None, None, node, None))

    def entity(self, iri: str, limit: int = PAGE_LIMIT) -> Entity | None:
        import pyoxigraph as ox

        counts: dict[str, int] = {}
        props = self._out(iri, counts, cap=limit)
        cls = next((ENTITY_CLASSES[o.value] for o in props.get(RDF_TYPE, []) if o.value in ENTITY_CLASSES), "")
        if not cls:
            return None
        ent = Entity(iri, cls, self.label(iri) or iri.rsplit("/", 1)[-1])
        for p, objs in sorted(props.items()):
            if p in (RDFS_LABEL, SKOS_PREF, RDF_TYPE):
                continue
            for o in objs:
                if isinstance(o, ox.Literal):
                    ent.attributes.append((self.label(p) or _local(p), o.value))
                elif p != MZ + "mention":
                    label, ocls = self._labelled(o.value)
                    if ocls:
                        ent.outgoing.append((self.label(p) or _local(p), o.value, label, ocls))
        ent.attributes.sort()
        facts: dict[str, Fact] = {}
        roles = ", ".join(f"<{p}>" for p in sorted(FACT_ROLES))
        links = ", ".join(f"<{p}>" for p in sorted(LINK_PROPS))
        n = self.select(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?e FILTER(?p IN ({roles})) }}", e=iri)
        ent.facts_total = _i(n[0]["n"]) if n else 0
        for r in self.select(f"SELECT DISTINCT ?s WHERE {{ ?s ?p ?e FILTER(?p IN ({roles})) }} LIMIT {int(limit)}", e=iri):
            facts[r["s"].value] = Fact(r["s"].value, "")
        for r in self.select(f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p ?e FILTER(?p IN ({links})) }} LIMIT {int(limit)}",
                             e=iri):
            s_, p = r["s"].value, r["p"].value
            label, scls = self._labelled(s_)
            if scls:
                ent.incoming.append((self.label(p) or _local(p), s_, label, scls))
        ent.incoming.sort(key=lambda t: (t[0], t[2], t[1]))
        ent.outgoing.sort(key=lambda t: (t[0], t[2], t[1]))
        articles: dict[str, str] = {}
        for f in facts.values():
            fprops = self._out(f.iri)
            f.cls = next((FACT_CLASSES[o.value] for o in fprops.get(RDF_TYPE, []) if o.value in FACT_CLASSES), "")
            for p, objs in fprops.items():
                if p in (RDF_TYPE, MZ + "evidence") or not isinstance(objs[0], ox.NamedNode):
                    continue
                f.roles[_local(p)] = (objs[0].value, self.label(objs[0].value))
            evs = sorted(o.value for o in fprops.get(MZ + "evidence", []))[:EVIDENCE_LIMIT]
            f.evidence = sorted((self._evidence(m, articles) for m in evs), key=lambda e: e.key)
        ent.facts = [f for f in facts.values() if f.cls]
        mentions = sorted(o.value for o in props.get(MZ + "mention", []))
        ent.mentions_total = counts.get(MZ + "mention", len(mentions))
        ent.mentions = sorted((self._evidence(m, articles) for m in mentions[:limit]), key=lambda e: e.key)
        return ent

    def _evidence(self, mention: str, articles: dict[str, str]) -> Evidence:
        m = self._out(mention)

        def first(props: dict, p: str):
            objs = props.get(p)
            return objs[0] if objs else None

        art = first(m, NIF + "referenceContext")
        art = art.value if art is not None else ""
        if art and art not in articles:
            src = self._one(art, MZ + "sourceFile")
            articles[art] = src.value if src is not None else ""
        sentence, sb = "", 0
        snode = first(m, MZ + "sentence")
        if snode is not None:
            sp = self._out(snode.value)
            text, begin = first(sp, NIF + "anchorOf"), first(sp, NIF + "beginIndex")
            sentence = text.value.rstrip("\n") if text is not None else ""
            sb = _i(begin)
        return Evidence(mention, _i(first(m, NIF + "beginIndex")), _i(first(m, NIF + "endIndex")), sentence, sb,
                        art, articles.get(art, ""))

    def resource(self, iri: str) -> list[tuple[str, str, bool, str]]:
        """(property, value, value is an IRI, value's label) of any resource, for its plain page."""
        rows = self.select(f"""SELECT ?p ?o ?label WHERE {{ ?e ?p ?o . {label_of('?o', '?label')} }}
                               ORDER BY ?p ?o LIMIT 2000""", e=iri)
        return [(_v(r["p"]), _v(r["o"]), r["o"].__class__.__name__ == "NamedNode", _v(r["label"])) for r in rows]

    def neighbourhood(self, iri: str, limit: int = 150) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
        """Nodes (IRI, label, class) and edges (from, to, label) one fact or link away from ``iri``."""
        ent = self.entity(iri, limit=limit)
        if ent is None:
            return [], []
        nodes = {iri: (iri, ent.label, ent.cls)}
        edges: set[tuple[str, str, str]] = set()

        def add(other: str, label: str, cls: str, rel: str, outgoing: bool) -> None:
            if other not in nodes:
                if len(nodes) > limit:
                    return
                nodes[other] = (other, label, cls)
            edges.add((iri, other, rel) if outgoing else (other, iri, rel))

        for p, x, lab, cls in ent.outgoing:
            add(x, lab, cls, p, True)
        for p, x, lab, cls in ent.incoming:
            add(x, lab, cls, p, False)
        others = {o for f in ent.facts for o, _ in f.roles.values() if o != iri}
        classes = self._classes_of(others)
        for f in ent.facts:
            ends = FACT_ENDS.get(f.cls)
            if ends is None:
                continue
            (u, ulab), (v, vlab) = f.roles.get(ends[0], ("", "")), f.roles.get(ends[1], ("", ""))
            if u == iri and v in classes:
                add(v, vlab, classes[v], _fact_label(f), True)
            elif v == iri and u in classes:
                add(u, ulab, classes[u], _fact_label(f), False)
        return list(nodes.values()), sorted(edges)

    def _classes_of(self, iris: set[str]) -> dict[str, str]:
        out = {}
        for i in sorted(iris):
            cls = self._labelled(i)[1]
            if cls:
                out[i] = cls
        return out

    # -- articles -------------------------------------------------------------
    def article_texts(self, source: str) -> list[ArticleText]:
        """The articles read from ``source`` with every extracted span (entity mentions and fact evidence)."""
        out = []
        for a in self.select("""SELECT ?a ?text ?title ?date WHERE { ?a mz:sourceFile ?src ; mz:text ?text .
              OPTIONAL { ?a dcterms:title ?title } OPTIONAL { ?a dcterms:date ?date } } ORDER BY ?a""", src=source):
            art = _v(a["a"])
            spans = []
            for r in self.select(f"""SELECT ?b ?end ?x ?c ?label WHERE {{
                  ?m nif:referenceContext ?art ; nif:beginIndex ?b ; nif:endIndex ?end .
                  {{ ?x mz:mention ?m . ?x a ?c }} UNION {{ ?x mz:evidence ?m . ?x a ?c }}
                  {label_of('?x', '?label')} }}""", art=art):
                cls = ENTITY_CLASSES.get(_v(r["c"])) or FACT_CLASSES.get(_v(r["c"]))
                if cls:
                    spans.append(Span(_i(r["b"]), _i(r["end"]), cls, _v(r["x"]), _v(r["label"])))
            spans.sort(key=lambda s: (s.begin, -s.end, s.kind, s.iri))
            out.append(ArticleText(art, source, _v(a["title"]), _v(a["date"]), _v(a["text"]), spans))
        return out

    def article_rows(self) -> list[ArticleRow]:
        """Every source file with its counts, and the files the build could not read (its shard records)."""
        with self._locks["articles"]:
            if self._articles is None:
                self._articles = self._article_rows()
            return self._articles

    def _article_rows(self) -> list[ArticleRow]:
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for r in self.select("SELECT ?src (COUNT(?a) AS ?n) WHERE { ?a a mz:Article ; mz:sourceFile ?src } GROUP BY ?src"):
            counts[_v(r["src"])]["articles"] = _i(r["n"])
        for r in self.select("""SELECT ?src (COUNT(?m) AS ?n) (COUNT(DISTINCT ?x) AS ?e) WHERE {
              ?x mz:mention ?m . ?m nif:referenceContext/mz:sourceFile ?src } GROUP BY ?src"""):
            counts[_v(r["src"])]["mentions"] = _i(r["n"])
            counts[_v(r["src"])]["entities"] = _i(r["e"])
        for r in self.select("""SELECT ?src (COUNT(?f) AS ?n) WHERE {
              ?f mz:evidence ?m . ?m nif:referenceContext/mz:sourceFile ?src } GROUP BY ?src"""):
            counts[_v(r["src"])]["facts"] = _i(r["n"])
        rows = [ArticleRow(src, c["articles"], c["mentions"], c["facts"], c["entities"]) for src, c in counts.items()]
        known = set(counts)
        rows += [ArticleRow(src, 0, 0, 0, 0, why) for src, why in _failures(self.build) if src not in known]
        return sorted(rows, key=lambda r: r.source)

    # -- corpus tables --------------------------------------------------------
    def labels(self) -> list[tuple[str, str, str]]:
        """(label, IRI, class) of every entity, for search; themes only once, by their Chinese label."""
        with self._locks["labels"]:
            if self._labels is None:
                rows = []
                values = " ".join(f"<{c}>" for c in ENTITY_CLASSES)
                for r in self.select(f"""SELECT ?e ?c ?label WHERE {{ VALUES ?c {{ {values} }} ?e a ?c .
                      {label_of('?e', '?label')} FILTER(BOUND(?label)) }}"""):
                    rows.append((_v(r["label"]), _v(r["e"]), ENTITY_CLASSES[_v(r["c"])]))
                rows.sort(key=lambda t: (len(t[0]), t[0], t[1]))
                self._labels = rows
            return self._labels

    def search(self, q: str, limit: int = 200) -> tuple[list[tuple[str, str, str]], int]:
        """Entities whose label contains ``q`` (exact matches first, then shorter labels); and how many matched."""
        q = q.strip()
        if not q:
            return [], 0
        hits = [t for t in self.labels() if q in t[0]]
        hits.sort(key=lambda t: (t[0] != q, len(t[0]), t[0]))
        return hits[:limit], len(hits)

    def meetings(self) -> list[MeetingRow]:
        """Every meeting with its date, province (where held, else its organiser's) and themes; by date."""
        with self._locks["meetings"]:
            if self._meetings is None:
                self._meetings = self._meeting_rows()
            return self._meetings

    def _meeting_rows(self) -> list[MeetingRow]:
        base: dict[str, dict] = {}
        for r in self.select(f"""SELECT ?m ?label ?date WHERE {{ ?m a mz:Meeting .
              OPTIONAL {{ ?m mz:date ?date }} {label_of('?m', '?label')} }}"""):
            base[_v(r["m"])] = {"label": _v(r["label"]), "date": _v(r["date"]), "province": "", "themes": [],
                                "source": ""}
        province_of = self._provinces()
        for r in self.select("SELECT ?m ?p WHERE { ?m a mz:Meeting ; mz:heldIn ?p }"):
            m = base.get(_v(r["m"]))
            if m is not None and not m["province"]:
                m["province"] = province_of.get(_v(r["p"]), "")
        for r in self.select("""SELECT ?m ?p WHERE { ?m a mz:Meeting ; mz:organizer ?o .
              { ?o mz:locatedIn ?p } UNION { ?o org:subOrganizationOf/mz:locatedIn ?p } }"""):
            m = base.get(_v(r["m"]))
            if m is not None and not m["province"]:
                m["province"] = province_of.get(_v(r["p"]), "")
        for r in self.select(f"""SELECT DISTINCT ?m ?t ?label WHERE {{ ?x a mz:ThemeLink ; mz:meeting ?m ; mz:theme ?t .
              {label_of('?t', '?label')} }}"""):
            m = base.get(_v(r["m"]))
            if m is not None:
                m["themes"].append((_v(r["t"]), _v(r["label"])))
        for r in self.select("""SELECT ?m (MIN(?src) AS ?s) WHERE { ?m a mz:Meeting ; mz:mention ?x .
              ?x nif:referenceContext/mz:sourceFile ?src } GROUP BY ?m"""):
            m = base.get(_v(r["m"]))
            if m is not None:
                m["source"] = _v(r["s"])
        rows = [MeetingRow(iri, m["label"], m["date"], m["province"], tuple(sorted(set(m["themes"]), key=lambda t: t[1])),
                           m["source"]) for iri, m in base.items()]
        rows.sort(key=lambda r: (r.date == "", r.date, r.label, r.iri))
        return rows

    def _provinces(self) -> dict[str, str]:
        """Place IRI → label of its province (itself when it is one)."""
        out = {}
        for r in self.select(f"""SELECT ?p ?label WHERE {{ ?p a mz:Place ; mz:partOf* ?prov .
              ?prov mz:adminLevel "province" . {label_of('?prov', '?label')} }}"""):
            out[_v(r["p"])] = _v(r["label"])
        return out


def _failures(build: Path) -> list[tuple[str, str]]:
    """(file name, reason) of the files the last build skipped, from its shard records."""
    import json

    out = []
    shards = Path(build) / ".shards"
    if not shards.is_dir():
        return out
    for meta in sorted(shards.glob("*.json")):
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(info, dict) and info.get("failure") and info.get("source"):
            out.append((Path(info["source"]).name, str(info["failure"])))
    return out


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _bound(sparql: str, bind: dict[str, str]) -> str:
    import re

    import pyoxigraph as ox

    for name, value in bind.items():
        term = ox.NamedNode(value) if value.startswith(("http://", "https://")) else ox.Literal(value)
        sparql = re.sub(rf"\?{name}\b", lambda _: str(term), sparql)
    return sparql


def _fact_label(f: Fact) -> str:
    if f.cls == "Post":
        return f.roles.get("role", ("", "任职"))[1] or "任职"
    if f.cls == "Participation":
        return f.roles.get("kind", ("", "参加"))[1] or "参加"
    if f.cls == "DocumentLink":
        return f.roles.get("action", ("", "文件"))[1] or "文件"
    return "部署"
