"""Linked data: a resource's description as Turtle, JSON-LD or N-Triples, and the choice by ``Accept``.

The description of an IRI is its Concise Bounded Description (every triple with it as subject;
mzgraph mints no blank nodes, so nothing more is bounded; at most ``LIMIT`` of its mentions),
the triples that point at it (the posts, participations … that name it; at most ``LIMIT``), and
the type and labels of every neighbour, so that a client reads the names without dereferencing
them one by one.
"""
from __future__ import annotations

from .data import PREFIXES, Corpus

__all__ = ["RDF_TYPES", "FORMATS", "negotiate", "describe", "serialize", "service_description"]

# media type → rdflib format
RDF_TYPES = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt"}
FORMATS = {"ttl": "text/turtle", "turtle": "text/turtle", "jsonld": "application/ld+json",
           "json": "application/ld+json", "nt": "application/n-triples", "html": "text/html"}
_ALIASES = {"application/x-turtle": "text/turtle", "application/json": "application/ld+json",
            "text/n3": "text/turtle", "application/xhtml+xml": "text/html"}
# a hub (a theme deployed by thousands of meetings) is described by its first LIMIT mentions and
# LIMIT resources pointing at it, not by hundreds of thousands of triples
LIMIT = 1000


def negotiate(accept: str, fmt: str = "") -> str:
    """The media type to answer with: ``fmt`` (?format=) when given, else the best of ``accept``; HTML
    when nothing RDF is preferred (a browser's ``text/html,…,*/*;q=0.8``)."""
    if fmt:
        return FORMATS.get(fmt.lower(), "")
    best, best_q = "text/html", -1.0
    for i, part in enumerate(accept.split(",")):
        fields = part.strip().split(";")
        media = _ALIASES.get(fields[0].strip().lower(), fields[0].strip().lower())
        q = 1.0
        for f in fields[1:]:
            k, _, v = f.strip().partition("=")
            if k.strip() == "q":
                try:
                    q = float(v)
                except ValueError:
                    q = 0.0
        if media in RDF_TYPES or media == "text/html":
            if q > best_q:
                best, best_q = media, q
    return best


def describe(corpus: Corpus, iri: str):
    """An rdflib Graph: the CBD of ``iri``, the triples pointing at it, and the neighbours' types and labels."""
    from rdflib import Graph

    sparql = f"""CONSTRUCT {{ ?e ?p ?o . ?s ?q ?e . ?n a ?c . ?n rdfs:label ?l . ?n skos:prefLabel ?pl . }} WHERE {{
      {{ ?e ?p ?o FILTER(?p != mz:mention) }}
      UNION {{ SELECT ?p ?o WHERE {{ ?e ?p ?o FILTER(?p = mz:mention) }} LIMIT {LIMIT} }}
      UNION {{ SELECT ?s ?q WHERE {{ ?s ?q ?e }} LIMIT {LIMIT} }}
      UNION {{ ?e ?x ?n FILTER(isIRI(?n) && ?x != mz:mention)
               {{ ?n a ?c }} UNION {{ ?n rdfs:label ?l }} UNION {{ ?n skos:prefLabel ?pl }} }}
      UNION {{ {{ SELECT DISTINCT ?n WHERE {{ ?n ?y ?e }} LIMIT {LIMIT} }}
               {{ ?n a ?c }} UNION {{ ?n rdfs:label ?l }} UNION {{ ?n skos:prefLabel ?pl }} }}
    }}"""
    import pyoxigraph as ox

    from .data import _bound

    triples = corpus.store.query(_bound(sparql, {"e": iri}), prefixes=PREFIXES, use_default_graph_as_union=True)
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.parse(data=data.decode("utf-8"), format="nt")
    return g


def serialize(g, media: str) -> bytes:
    fmt = RDF_TYPES[media]
    if fmt == "json-ld":
        context = {p: ns for p, ns in PREFIXES.items() if p not in ("xsd",)}
        return g.serialize(format="json-ld", context=context, indent=1, ensure_ascii=False).encode("utf-8")
    out = g.serialize(format=fmt)
    return out if isinstance(out, bytes) else out.encode("utf-8")


def service_description(endpoint: str, media: str) -> bytes:
    """The SPARQL service description of the public endpoint (not of the store's internal server)."""
    from rdflib import Graph, Literal, Namespace, URIRef
    from rdflib.namespace import RDF

    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    formats = Namespace("http://www.w3.org/ns/formats/")
    g = Graph()
    g.bind("sd", sd)
    node = URIRef(endpoint + "#service")
    g.add((node, RDF.type, sd.Service))
    g.add((node, sd.endpoint, URIRef(endpoint)))
    for lang in ("SPARQL10Query", "SPARQL11Query"):
        g.add((node, sd.supportedLanguage, sd[lang]))
    for f in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
              "Turtle", "N-Triples", "JSON-LD"):
        g.add((node, sd.resultFormat, formats[f]))
    g.add((node, sd.feature, sd.EmptyGraphs))
    g.add((node, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
           Literal("read-only: SPARQL updates are refused")))
    return serialize(g, media if media in RDF_TYPES else "text/turtle")
