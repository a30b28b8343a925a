"""RDF exports: Turtle, N-Triples and N-Quads stream out of pyoxigraph; JSON-LD goes through rdflib
with a context that makes it read as plain JSON, each mention nested in the node that names it.

They read graph.ttl, not the store: Oxigraph normalises literals when it stores them
("1"^^xsd:nonNegativeInteger comes back as xsd:integer), the parser keeps them as written.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Graph

from ..entity_types import ENTITY_TYPES
from ..errors import MzgraphError
from ..rdf.namespace import ID, MZ, NIF, ORG, PREFIXES
from ..store.oxigraph import GRAPH_FILE, rdf_format

__all__ = ["DEFAULT_GRAPH_IRI", "turtle_prefixes", "jsonld_context", "graph_file", "rdf_triples", "write_ttl",
           "write_nt", "write_nq", "write_jsonld", "nest_spans"]

DEFAULT_GRAPH_IRI = "https://w3id.org/mzgraph/graph/default"
_W3 = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
}
# One Turtle prefix per IRI kind minted by rdf/iri.py, so subjects read ``person:355b…``; an entity
# type's prefix is its class name in lower case (``org`` is W3C's organisation vocabulary, hence
# ``organization:`` for id:org/).
_ID_KINDS = {"article": "article", "sentence": "sentence", "mention": "mention",
             **{t.iri_kind: t.cls.lower() for t in ENTITY_TYPES if t.minted},
             "post": "post", "role": "role", "participation": "participation", "themelink": "themelink",
             "doclink": "doclink"}


def turtle_prefixes() -> dict[str, str]:
    """Prefixes for Turtle output: the vocabularies plus one per kind of minted IRI."""
    out = {k: str(v) for k, v in PREFIXES.items() if k != "id"}
    out.update(_W3)
    out.update({prefix: f"{ID}{kind}/" for kind, prefix in _ID_KINDS.items()})
    return out


def jsonld_context() -> dict:
    """A JSON-LD context with short keys (id, type, label, mention …) and IRIs as plain strings."""
    mz = str(MZ._NS)
    ctx: dict = {"@vocab": mz, "id": "@id", "type": "@type", "mz": mz, "nif": str(NIF), "org": str(ORG)}
    ctx.update({k: v for k, v in _W3.items() if k != "rdf"})
    for key, term in (("label", "rdfs:label"), ("prefLabel", "skos:prefLabel"), ("altLabel", "skos:altLabel"),
                      ("keyword", "mz:keyword")):
        ctx[key] = {"@id": term, "@language": "zh"}
    ctx["notation"] = "skos:notation"
    for key in ("mention", "evidence", "meeting", "participant", "theme", "document", "heldIn", "organizer",
                "locatedIn", "partOf", "sentence", "participatedIn", "attendedMeeting", "spokeAt", "presidedOver",
                "province"):
        ctx[key] = {"@id": f"mz:{key}", "@type": "@id"}
    ctx["schema"] = str(PREFIXES["schema"])
    ctx["name"] = "schema:name"
    ctx["memberOf"] = {"@id": "org:memberOf", "@type": "@id"}
    ctx["subject"] = {"@id": "dcterms:subject", "@type": "@id"}
    ctx["references"] = {"@id": "dcterms:references", "@type": "@id"}
    for key in ("kind", "action"):
        ctx[key] = {"@id": f"mz:{key}", "@type": "@vocab"}
    for key in ("member", "role", "organization", "subOrganizationOf"):
        ctx[key] = {"@id": f"org:{key}", "@type": "@id"}
    ctx["article"] = {"@id": "nif:referenceContext", "@type": "@id"}
    ctx["begin"] = {"@id": "nif:beginIndex", "@type": "xsd:nonNegativeInteger"}
    ctx["end"] = {"@id": "nif:endIndex", "@type": "xsd:nonNegativeInteger"}
    ctx["anchor"] = "nif:anchorOf"
    ctx["title"] = "dcterms:title"
    ctx["published"] = {"@id": "dcterms:date", "@type": "xsd:date"}
    ctx["source"] = "dcterms:source"
    return ctx


def graph_file(build: Path) -> Path:
    """The RDF file a build's exports are read from: ``DIR/graph.ttl``, or the file itself."""
    build = Path(build)
    path = build / GRAPH_FILE if build.is_dir() else build
    if not path.is_file():
        raise MzgraphError(f"{path}: no such graph file (run `mzgraph build` first)")
    return path


def rdf_triples(source: Path):
    """The triples of an RDF file as pyoxigraph triples, streamed."""
    try:
        for quad in ox.parse(path=str(source), format=rdf_format(source)):
            yield ox.Triple(quad.subject, quad.predicate, quad.object)
    except SyntaxError as exc:
        raise MzgraphError(f"{source}: cannot parse: {str(exc).splitlines()[0]}") from None


def _sink(sink: Path | IO[bytes]):
    return str(sink) if isinstance(sink, Path) else sink


def write_ttl(build: Path, sink: Path | IO[bytes]) -> None:
    ox.serialize(rdf_triples(graph_file(build)), _sink(sink), format=ox.RdfFormat.TURTLE, prefixes=turtle_prefixes())


def write_nt(build: Path, sink: Path | IO[bytes]) -> None:
    ox.serialize(rdf_triples(graph_file(build)), _sink(sink), format=ox.RdfFormat.N_TRIPLES)


def write_nq(build: Path, sink: Path | IO[bytes]) -> None:
    name = ox.NamedNode(DEFAULT_GRAPH_IRI)
    quads = (ox.Quad(t.subject, t.predicate, t.object, name) for t in rdf_triples(graph_file(build)))
    ox.serialize(quads, _sink(sink), format=ox.RdfFormat.N_QUADS)


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def nest_spans(doc: dict) -> dict:
    """Embed each mention node in the one entity or fact that points to it (``mention``/``evidence``),
    so the top level lists entities and facts rather than spans; a span pointed to from two places
    stays at the top level. The same triples either way."""
    nodes = doc.get("@graph", [])
    by_id = {n["id"]: n for n in nodes if isinstance(n.get("id"), str)}
    refs: dict[str, int] = {}
    for n in nodes:
        for key in ("mention", "evidence"):
            for v in _as_list(n.get(key, [])):
                if isinstance(v, str):
                    refs[v] = refs.get(v, 0) + 1
    embedded: set[str] = set()
    for n in nodes:
        for key in ("mention", "evidence"):
            if key in n:
                values = [by_id[v] if isinstance(v, str) and refs[v] == 1 and v in by_id else v
                          for v in _as_list(n[key])]
                embedded.update(v["id"] for v in values if isinstance(v, dict))
                n[key] = values if isinstance(n[key], list) else values[0]
    doc["@graph"] = sorted((n for n in nodes if n.get("id") not in embedded), key=lambda n: str(n.get("id", "")))
    return doc


def write_jsonld(build: Path, sink: Path | IO[bytes]) -> None:
    g = Graph()
    g.parse(data=ox.serialize(rdf_triples(graph_file(build)), format=ox.RdfFormat.N_TRIPLES), format="nt")
    flat = g.serialize(format="json-ld", context=jsonld_context(), auto_compact=True, encoding="utf-8")
    data = (json.dumps(nest_spans(json.loads(flat)), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if isinstance(sink, Path):
        sink.write_bytes(data)
    else:
        sink.write(data)
