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
# How many rows of one kind an entity page lists (a province or a theme has thousands of mentions).
PAGE_LIMIT = 200

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
        self._lock = threading.Lock()
        self._labels: list[tuple[str, str, str]] | None = None
        self._meetings: list[MeetingRow] | None = None
        self._articles: list[ArticleRow] | None = None

    # -- plumbing -------------------------------------------------------------
    def select(self, sparql: str, **bind: str) -> list:
        """Solutions of a SELECT over the union graph; ``bind`` puts terms in place of variables: an IRI
        (``http…``) as a checked NamedNode, anything else as an escaped literal."""
        return list(self.store.query(_bound(sparql, bind), prefixes=PREFIXES, use_default_graph_as_union=True))

    # -- one resource ---------------------------------------------------------
    def classes(self, iri: str) -> list[str]:
        return sorted(_v(r["c"]) for r in self.select("SELECT DISTINCT ?c WHERE { ?e a ?c }", e=iri))

    def entity_class(self, iri: str) -> str:
        """The entity class of ``iri`` (Person, …, PolicyTheme), or ""."""
        return next((ENTITY_CLASSES[c] for c in self.classes(iri) if c in ENTITY_CLASSES), "")

    def label(self, iri: str) -> str:
        rows = self.select(f"SELECT ?label WHERE {{ {label_of('?e', '?label')} }}", e=iri)
        return _v(rows[0]["label"]) if rows else ""

    def exists(self, iri: str) -> bool:
        return bool(self.store.query(_bound("ASK { { ?e ?p ?o } UNION { ?s ?p ?e } }", {"e": iri}),
                                     use_default_graph_as_union=True))

    def entity(self, iri: str, limit: int = PAGE_LIMIT) -> Entity | None:
        cls = self.entity_class(iri)
        if not cls:
            return None
        ent = Entity(iri, cls, self.label(iri) or iri.rsplit("/", 1)[-1])
        for r in self.select(f"""SELECT ?p ?o ?plabel WHERE {{
              ?e ?p ?o . FILTER(isLiteral(?o) && ?p NOT IN (rdfs:label, skos:prefLabel))
              {label_of('?p', '?plabel')} }} ORDER BY ?p ?o""", e=iri):
            ent.attributes.append((_v(r["plabel"]) or _local(_v(r["p"])), _v(r["o"])))
        ent.outgoing = self._links(iri, "?e ?p ?x")
        ent.incoming = self._links(iri, "?x ?p ?e")
        ent.facts, ent.facts_total = self._facts(iri, limit)
        ent.mentions, ent.mentions_total = self._mentions(iri, limit)
        return ent

    def _links(self, iri: str, pattern: str) -> list[tuple[str, str, str, str]]:
        """Direct links between ``iri`` and another entity (heldIn, organizer, locatedIn, partOf …)."""
        out = []
        for r in self.select(f"""SELECT DISTINCT ?p ?x ?plabel ?xlabel ?c WHERE {{
              {pattern} . ?x a ?c . FILTER(?c IN ({', '.join(f'<{c}>' for c in ENTITY_CLASSES)}))
              {label_of('?p', '?plabel', 1)} {label_of('?x', '?xlabel', 2)} }} ORDER BY ?p ?xlabel ?x LIMIT 1000""",
                             e=iri):
            out.append((_v(r["plabel"]) or _local(_v(r["p"])), _v(r["x"]), _v(r["xlabel"]),
                        ENTITY_CLASSES[_v(r["c"])]))
        return out

    _EVIDENCE = """?ev nif:beginIndex ?b ; nif:endIndex ?end ; nif:referenceContext ?art .
      OPTIONAL { ?ev mz:sentence ?s . ?s nif:beginIndex ?sb ; nif:anchorOf ?st }
      OPTIONAL { ?art mz:sourceFile ?src }"""

    def _evidence(self, r) -> Evidence:
        return Evidence(_v(r["ev"]), _i(r["b"]), _i(r["end"]), _v(r["st"]).rstrip("\n"), _i(r["sb"]),
                        _v(r["art"]), _v(r["src"]))

    def _facts(self, iri: str, limit: int) -> tuple[list[Fact], int]:
        classes = ", ".join(f"<{c}>" for c in FACT_CLASSES)
        facts: dict[str, Fact] = {}
        total = 0
        for r in self.select(f"""SELECT ?f ?c (COUNT(DISTINCT ?ev) AS ?n) WHERE {{
              ?f ?rp ?e ; a ?c ; mz:evidence ?ev . FILTER(?c IN ({classes})) }}
              GROUP BY ?f ?c ORDER BY ?c ?f""", e=iri):
            total += 1
            if len(facts) < limit:
                facts[_v(r["f"])] = Fact(_v(r["f"]), FACT_CLASSES[_v(r["c"])])
        if not facts:
            return [], 0
        values = " ".join(f"<{f}>" for f in facts)
        for r in self.select(f"""SELECT ?f ?p ?o ?label WHERE {{
              VALUES ?f {{ {values} }} ?f ?p ?o . FILTER(isIRI(?o) && ?p NOT IN (rdf:type, mz:evidence))
              {label_of('?o', '?label')} }}"""):
            facts[_v(r["f"])].roles[_local(_v(r["p"]))] = (_v(r["o"]), _v(r["label"]))
        for r in self.select(f"""SELECT ?f ?ev ?b ?end ?art ?src ?sb ?st WHERE {{
              VALUES ?f {{ {values} }} ?f mz:evidence ?ev . {self._EVIDENCE} }}"""):
            facts[_v(r["f"])].evidence.append(self._evidence(r))
        for f in facts.values():
            f.evidence.sort(key=lambda e: e.key)
            del f.evidence[limit:]
        return list(facts.values()), total

    def _mentions(self, iri: str, limit: int) -> tuple[list[Evidence], int]:
        total = _i(self.select("SELECT (COUNT(?ev) AS ?n) WHERE { ?e mz:mention ?ev }", e=iri)[0]["n"])
        rows = self.select(f"""SELECT ?ev ?b ?end ?art ?src ?sb ?st WHERE {{
              ?e mz:mention ?ev . {self._EVIDENCE} }} ORDER BY ?src ?b LIMIT {int(limit)}""", e=iri)
        return [self._evidence(r) for r in rows], total

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
        if not iris:
            return {}
        values = " ".join(f"<{i}>" for i in sorted(iris))
        out = {}
        for r in self.select(f"SELECT ?x ?c WHERE {{ VALUES ?x {{ {values} }} ?x a ?c }}"):
            c = ENTITY_CLASSES.get(_v(r["c"]))
            if c:
                out[_v(r["x"])] = c
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
        with self._lock:
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
        with self._lock:
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
        with self._lock:
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
