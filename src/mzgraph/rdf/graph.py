"""Extractions → rdflib Graph under the mzgraph ontology, every fact with its evidence span.

Beside each fact node the builder writes its shortcut (``org:memberOf``, ``mz:spokeAt``,
``dcterms:subject`` …, ontology/mzgraph.ttl) from the same article, so a file's shard is whole
on its own: shards merge by set union and a rebuilt file replaces exactly its own triples."""
from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, RDFS, XSD, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ..entity_types import ENTITY_TYPES
from ..lexicon import ONTOLOGY, Theme
from ..model import Extraction, PlaceRef
from .iri import entity_iri, mint_str, place_iri
from .namespace import MZ, NIF, ORG, PREFIXES, SCHEMA, THEME
from .ntriples import integer as _int
from .ntriples import iri as _i
from .ntriples import literal as _lit
from .ntriples import triples_nt
from .turtle import graph_turtle

__all__ = ["new_graph", "theme_iris", "extraction_lines", "ontology_lines", "to_graph", "serialize_turtle",
           "trim_span"]

# entity class name → its class term as N-Triples (a class missing from the closed MZ namespace fails here)
_TYPES = {t.cls: _i(getattr(MZ, t.cls)) for t in ENTITY_TYPES}
_SCHEME_TYPES = frozenset(t.cls for t in ENTITY_TYPES if not t.minted)
_KINDS = {"attended": MZ.attended, "spoke": MZ.spoke, "presided": MZ.presided}
_ACTIONS = {"read": MZ.read, "issued": MZ.issued, "discussed": MZ.discussed}
# the shortcut property of each participation kind (ontology/mzgraph.ttl, "shortcuts")
_KIND_SHORTCUTS = {"attended": _i(MZ.attendedMeeting), "spoke": _i(MZ.spokeAt), "presided": _i(MZ.presidedOver)}


# predicates and classes as N-Triples terms, formatted once
A, LABEL, NAME = _i(RDF.type), _i(RDFS.label), _i(SCHEMA.name)
_P = {name: _i(getattr(MZ, name)) for name in (
    "sourceFile", "encoding", "text", "adminLevel", "gbCode", "partOf", "mention", "locatedIn", "evidence",
    "date", "heldIn", "organizer", "participant", "kind", "meeting", "theme", "document", "action", "sentence",
    "participatedIn", "province")}
_C = {name: _i(getattr(MZ, name)) for name in (
    "Article", "Place", "Mention", "Sentence", "Role", "Post", "Participation", "ThemeLink", "DocumentLink")}
BEGIN, END, ANCHOR, CONTEXT = (_i(NIF.beginIndex), _i(NIF.endIndex), _i(NIF.anchorOf), _i(NIF.referenceContext))
TITLE, DATE, SOURCE = _i(DCTERMS.title), _i(DCTERMS.date), _i(DCTERMS.source)
MEMBER, ROLE, ORGANIZATION, SUBORG, MEMBER_OF = (_i(ORG.member), _i(ORG.role), _i(ORG.organization),
                                                 _i(ORG.subOrganizationOf), _i(ORG.memberOf))
SUBJECT, REFERENCES = _i(DCTERMS.subject), _i(DCTERMS.references)


def new_graph(with_ontology: bool = True) -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.bind("dcterms", DCTERMS)
    g.bind("skos", SKOS)
    if with_ontology:
        g.parse(source=str(ONTOLOGY / "mzgraph.ttl"), format="turtle")
        g.parse(source=str(ONTOLOGY / "themes.ttl"), format="turtle")
    return g


class _Builder:
    """One article's triples as N-Triples lines: plain strings, no per-triple rdflib objects."""

    def __init__(self, x: Extraction, themes: dict[str, URIRef]):
        self.x, self.themes = x, themes
        art = x.document.article
        self.article = _i(mint_str("article", art.source, art.index))
        self.lines: set[str] = set()
        self.sentences: dict[int, str] = {}
        self.mentions: set[str] = set()
        self._iris: dict[str, str] = {}

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.add(f"{s} {p} {o} .\n")

    def iri(self, key: str) -> str:
        node = self._iris.get(key)
        if node is None:
            if key.startswith("theme:"):
                node = _i(self.themes[key.removeprefix("theme:")])
            else:
                node = _i(entity_iri(key))
            self._iris[key] = node
        return node

    def sentence(self, offset: int) -> str:
        span = self.x.document.sentence_of(offset)
        node = self.sentences.get(span.start)
        if node is None:
            node = _i(mint_str("sentence", self.article[1:-1], span.start))
            self._span(node, _C["Sentence"], *trim_span(self.x.document.article.text, span.start, span.end))
            self.sentences[span.start] = node
        return node

    def _span(self, node: str, cls: str, start: int, end: int) -> None:
        text = self.x.document.article.text
        self.add(node, A, cls)
        self.add(node, BEGIN, _int(start))
        self.add(node, END, _int(end))
        self.add(node, ANCHOR, _lit(text[start:end]))
        self.add(node, CONTEXT, self.article)

    def mention(self, start: int, end: int) -> str:
        node = _i(mint_str("mention", self.article[1:-1], start, end))
        if node not in self.mentions:
            self.mentions.add(node)
            self._span(node, _C["Mention"], start, end)
            self.add(node, _P["sentence"], self.sentence(start))
        return node

    def build(self) -> set[str]:
        """The article, its places, entities and mentions, then the facts (:meth:`_facts`)."""
        x, add, P = self.x, self.add, _P
        art = x.document.article
        a = self.article
        add(a, A, _C["Article"])
        add(a, TITLE, _lit(art.title))
        add(a, P["sourceFile"], _lit(art.source))
        add(a, P["encoding"], _lit(art.encoding))
        add(a, P["text"], _lit(art.text))
        if art.published:
            add(a, DATE, _lit(art.published, datatype=XSD.date))
        if art.source_org:
            add(a, SOURCE, _lit(art.source_org))

        for key, ref in x.places.items():
            node = _i(place_iri(ref.code))
            add(node, A, _C["Place"])
            add(node, LABEL, _lit(ref.name, lang="zh"))
            add(node, NAME, _lit(ref.name))
            add(node, P["adminLevel"], _lit(ref.level))
            if not ref.code.startswith("street:"):
                add(node, P["gbCode"], _lit(ref.code))
            if ref.parent:
                add(node, P["partOf"], _i(place_iri(ref.parent)))
        for key, (etype, label) in x.entities.items():
            if etype in _SCHEME_TYPES:
                continue  # themes are nodes of the scheme (themes.ttl), already in the graph
            node = self.iri(key)
            add(node, A, _TYPES[etype])
            add(node, LABEL, _lit(label, lang="zh"))
            add(node, NAME, _lit(label))
        for m in x.mentions:
            add(self.iri(m.key), P["mention"], self.mention(m.start, m.end))
        for okey, pkey in x.org_places.items():
            add(self.iri(okey), P["locatedIn"], self.iri(pkey))
        for okey, parent in x.org_parents.items():
            add(self.iri(okey), SUBORG, self.iri(parent))

        self._facts()
        return self.lines

    def _facts(self) -> None:
        """Posts, meetings, participations, theme and document links, each with its evidence and shortcut."""
        x, add, P = self.x, self.add, _P
        for p in x.posts:
            role = _i(mint_str("role", p.role))
            add(role, A, _C["Role"])
            add(role, LABEL, _lit(p.role, lang="zh"))
            add(role, NAME, _lit(p.role))
            node = _i(mint_str("post", p.person, p.role, p.org))
            add(node, A, _C["Post"])
            add(node, MEMBER, self.iri(p.person))
            add(node, ROLE, role)
            add(node, ORGANIZATION, self.iri(p.org))
            add(node, P["evidence"], self.mention(p.start, p.end))
            add(self.iri(p.person), MEMBER_OF, self.iri(p.org))
        for m in x.meetings:
            node = self.iri(m.key)
            province = self._province(m.place) or self._province(x.org_places.get(m.organizer, ""))
            if province:
                add(node, P["province"], self.iri(province))
            if m.date:
                add(node, P["date"], _lit(m.date, datatype=XSD.date if len(m.date) == 10 else XSD.gYearMonth))
            if m.place:
                add(node, P["heldIn"], self.iri(m.place))
            for organizer in (m.organizer, *m.co_organizers) if m.organizer else ():
                add(node, P["organizer"], self.iri(organizer))
        for p in x.participations:
            node = _i(mint_str("participation", p.participant, p.kind, p.meeting))
            add(node, A, _C["Participation"])
            add(node, P["participant"], self.iri(p.participant))
            add(node, P["kind"], _i(_KINDS[p.kind]))
            add(node, P["meeting"], self.iri(p.meeting))
            add(node, P["evidence"], self.mention(p.start, p.end))
            add(self.iri(p.participant), P["participatedIn"], self.iri(p.meeting))
            add(self.iri(p.participant), _KIND_SHORTCUTS[p.kind], self.iri(p.meeting))
        for t in x.themes:
            node = _i(mint_str("themelink", t.meeting, t.target))
            add(node, A, _C["ThemeLink"])
            add(node, P["meeting"], self.iri(t.meeting))
            add(node, P["theme"], self.iri(t.target))
            add(node, P["evidence"], self.mention(t.start, t.end))
            add(self.iri(t.meeting), SUBJECT, self.iri(t.target))
        for d in x.documents:
            node = _i(mint_str("doclink", d.meeting, d.target))
            add(node, A, _C["DocumentLink"])
            add(node, P["meeting"], self.iri(d.meeting))
            add(node, P["document"], self.iri(d.target))
            add(node, P["action"], _i(_ACTIONS[d.action]))
            add(node, P["evidence"], self.mention(d.start, d.end))
            add(self.iri(d.meeting), REFERENCES, self.iri(d.target))

    def _province(self, place: str) -> str:
        """The place key of the province ``place`` (a place key of this article, or "") is part of."""
        ref = self.x.places.get(place)
        while ref is not None and ref.level != "province":
            ref = self.x.places.get(ref.parent if ref.parent.startswith("street:") else f"place:{ref.parent}")
        return _place_key(ref) if ref is not None else ""


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start, end`` moved inwards past white space (a sentence's closing line break), so a stored
    sentence reads as the sentence and its anchor still equals the text between its offsets."""
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _place_key(ref: PlaceRef) -> str:
    """The key of a gazetteer entry in ``Extraction.places`` (as the extraction state files it)."""
    return ref.code if ref.code.startswith("street:") else f"place:{ref.code}"


def theme_iris(themes: Iterable[Theme]) -> dict[str, URIRef]:
    """Theme label → its IRI in the theme scheme."""
    return {t.label: THEME[t.slug] for t in themes}


def extraction_lines(x: Extraction, themes: dict[str, URIRef]) -> set[str]:
    """One article's triples as N-Triples lines (each ending in a newline)."""
    return _Builder(x, themes).build()


def ontology_lines() -> list[str]:
    """The ontology and the theme scheme as sorted N-Triples lines (the first shard of every build)."""
    return triples_nt(new_graph(with_ontology=True))


def to_graph(extractions: Iterable[Extraction], themes: dict[str, URIRef], with_ontology: bool = True) -> Graph:
    lines: set[str] = set()
    for x in extractions:
        lines |= extraction_lines(x, themes)
    g = new_graph(with_ontology)
    g.parse(data="".join(sorted(lines)), format="nt")
    return g


def serialize_turtle(g: Graph) -> bytes:
    """Turtle whose bytes depend only on the triples, in the same layout as a build's graph.ttl."""
    return graph_turtle(g)
