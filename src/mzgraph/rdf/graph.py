"""Extractions → rdflib Graph under the mzgraph ontology, every fact with its evidence span."""
from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ..lexicon import ONTOLOGY, Theme
from ..model import Extraction
from .iri import entity_iri, mint, place_iri
from .namespace import MZ, NIF, ORG, PREFIXES

_TYPES = {"Person": MZ.Person, "Organization": MZ.Organization, "Place": MZ.Place, "Meeting": MZ.Meeting,
          "Document": MZ.Document, "PolicyTheme": MZ.PolicyTheme}
_KINDS = {"attended": MZ.attended, "spoke": MZ.spoke, "presided": MZ.presided}
_ACTIONS = {"read": MZ.read, "issued": MZ.issued, "discussed": MZ.discussed}


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


def article_iri(source: str, index: int) -> URIRef:
    return mint("article", source, index)


class _Builder:
    def __init__(self, g: Graph, x: Extraction, themes: dict[str, URIRef]):
        self.g, self.x, self.themes = g, x, themes
        art = x.document.article
        self.article = article_iri(art.source, art.index)
        self.sentences: dict[int, URIRef] = {}

    def iri(self, key: str) -> URIRef:
        if key.startswith("theme:"):
            return self.themes[key.removeprefix("theme:")]
        return entity_iri(key)

    def sentence(self, offset: int) -> URIRef:
        span = self.x.document.sentence_of(offset)
        node = self.sentences.get(span.start)
        if node is None:
            node = mint("sentence", self.article, span.start)
            text = self.x.document.article.text
            self._span(node, MZ.Sentence, span.start, span.end, text)
            self.sentences[span.start] = node
        return node

    def _span(self, node: URIRef, cls: URIRef, start: int, end: int, text: str) -> None:
        g = self.g
        g.add((node, RDF.type, cls))
        g.add((node, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger)))
        g.add((node, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
        g.add((node, NIF.anchorOf, Literal(text[start:end])))
        g.add((node, NIF.referenceContext, self.article))

    def mention(self, start: int, end: int) -> URIRef:
        node = mint("mention", self.article, start, end)
        if (node, RDF.type, MZ.Mention) not in self.g:
            self._span(node, MZ.Mention, start, end, self.x.document.article.text)
            self.g.add((node, MZ.sentence, self.sentence(start)))
        return node

    def build(self) -> None:
        g, x = self.g, self.x
        art = x.document.article
        a = self.article
        g.add((a, RDF.type, MZ.Article))
        g.add((a, DCTERMS.title, Literal(art.title)))
        g.add((a, MZ.sourceFile, Literal(art.source)))
        g.add((a, MZ.encoding, Literal(art.encoding)))
        g.add((a, MZ.text, Literal(art.text)))
        if art.published:
            g.add((a, DCTERMS.date, Literal(art.published, datatype=XSD.date)))
        if art.source_org:
            g.add((a, DCTERMS.source, Literal(art.source_org)))

        for key, ref in x.places.items():
            node = place_iri(ref.code)
            g.add((node, RDF.type, MZ.Place))
            g.add((node, RDFS.label, Literal(ref.name, lang="zh")))
            g.add((node, MZ.adminLevel, Literal(ref.level)))
            if not ref.code.startswith("street:"):
                g.add((node, MZ.gbCode, Literal(ref.code)))
            if ref.parent:
                g.add((node, MZ.partOf, place_iri(ref.parent)))
        for key, (etype, label) in x.entities.items():
            if etype == "PolicyTheme":
                continue
            node = self.iri(key)
            g.add((node, RDF.type, _TYPES[etype]))
            g.add((node, RDFS.label, Literal(label, lang="zh")))
        for m in x.mentions:
            g.add((self.iri(m.key), MZ.mention, self.mention(m.start, m.end)))
        for okey, pkey in x.org_places.items():
            g.add((self.iri(okey), MZ.locatedIn, self.iri(pkey)))
        for okey, parent in x.org_parents.items():
            g.add((self.iri(okey), ORG.subOrganizationOf, self.iri(parent)))

        for p in x.posts:
            role = mint("role", p.role)
            g.add((role, RDF.type, MZ.Role))
            g.add((role, RDFS.label, Literal(p.role, lang="zh")))
            node = mint("post", p.person, p.role, p.org)
            g.add((node, RDF.type, MZ.Post))
            g.add((node, ORG.member, self.iri(p.person)))
            g.add((node, ORG.role, role))
            g.add((node, ORG.organization, self.iri(p.org)))
            g.add((node, MZ.evidence, self.mention(p.start, p.end)))
        for m in x.meetings:
            node = self.iri(m.key)
            if m.date:
                dt = XSD.date if len(m.date) == 10 else XSD.gYearMonth
                g.add((node, MZ.date, Literal(m.date, datatype=dt)))
            if m.place:
                g.add((node, MZ.heldIn, self.iri(m.place)))
            if m.organizer:
                g.add((node, MZ.organizer, self.iri(m.organizer)))
        for p in x.participations:
            node = mint("participation", p.participant, p.kind, p.meeting)
            g.add((node, RDF.type, MZ.Participation))
            g.add((node, MZ.participant, self.iri(p.participant)))
            g.add((node, MZ.kind, _KINDS[p.kind]))
            g.add((node, MZ.meeting, self.iri(p.meeting)))
            g.add((node, MZ.evidence, self.mention(p.start, p.end)))
        for t in x.themes:
            node = mint("themelink", t.meeting, t.target)
            g.add((node, RDF.type, MZ.ThemeLink))
            g.add((node, MZ.meeting, self.iri(t.meeting)))
            g.add((node, MZ.theme, self.iri(t.target)))
            g.add((node, MZ.evidence, self.mention(t.start, t.end)))
        for d in x.documents:
            node = mint("doclink", d.meeting, d.target)
            g.add((node, RDF.type, MZ.DocumentLink))
            g.add((node, MZ.meeting, self.iri(d.meeting)))
            g.add((node, MZ.document, self.iri(d.target)))
            g.add((node, MZ.action, _ACTIONS[d.action]))
            g.add((node, MZ.evidence, self.mention(d.start, d.end)))


def theme_iris(themes: Iterable[Theme]) -> dict[str, URIRef]:
    from .namespace import THEME

    return {t.label: THEME[t.slug] for t in themes}


def add_extraction(g: Graph, x: Extraction, themes: dict[str, URIRef]) -> None:
    """Add one article's extraction to ``g``."""
    _Builder(g, x, themes).build()


def to_graph(extractions: Iterable[Extraction], themes: dict[str, URIRef], with_ontology: bool = True) -> Graph:
    g = new_graph(with_ontology)
    for x in extractions:
        add_extraction(g, x, themes)
    return g


def serialize_turtle(g: Graph) -> bytes:
    """Turtle whose bytes depend only on the triples (rdflib's longturtle sorts subjects and objects)."""
    return g.serialize(format="longturtle", encoding="utf-8")
