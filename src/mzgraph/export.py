"""Exports of a built graph for other systems: RDF for triple stores, GraphML/GEXF for Gephi, CSV.

RDF formats stream out of the Oxigraph store; JSON-LD goes through rdflib with a context that makes
it read as plain JSON; the property-graph formats (GraphML, GEXF, CSV) come from one networkx
graph in which entities are nodes and relation nodes (posts, participations, theme and document
links) are collapsed into labelled edges.
"""
from __future__ import annotations

import csv
import io
import sys
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import MzgraphError
from .rdf.namespace import ID, MZ, NIF, ORG, PREFIXES
from .store import GRAPH_FILE, SUFFIX_FORMATS, open_store

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph

FORMATS = ("ttl", "nt", "nq", "jsonld", "graphml", "gexf", "csv")
DEFAULT_GRAPH_IRI = "https://w3id.org/mzgraph/graph/default"
_SUFFIX = {"ttl": ".ttl", "nt": ".nt", "nq": ".nq", "jsonld": ".jsonld", "graphml": ".graphml", "gexf": ".gexf"}

_W3 = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
}
# One Turtle prefix per IRI kind minted by rdf/iri.py, so subjects read ``person:355b…``
# (``org`` is W3C's organisation vocabulary, hence ``organization:`` for id/org/).
_ID_KINDS = {"article": "article", "sentence": "sentence", "mention": "mention", "person": "person",
             "org": "organization", "place": "place", "meeting": "meeting", "document": "document", "post": "post",
             "role": "role", "participation": "participation", "themelink": "themelink", "doclink": "doclink"}

ENTITY_TYPES = ("Person", "Organization", "Place", "Meeting", "Document", "PolicyTheme")
# Tableau 10: distinct for the colour-blind and in print.
COLOURS = {"Person": "#e15759", "Organization": "#4e79a7", "Place": "#59a14f", "Meeting": "#f28e2b",
           "Document": "#b07aa1", "PolicyTheme": "#edc948"}


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
                "locatedIn", "partOf", "sentence"):
        ctx[key] = {"@id": f"mz:{key}", "@type": "@id"}
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


# -- RDF -----------------------------------------------------------------------

def graph_file(build: Path) -> Path:
    """The RDF file a build's exports are read from: ``DIR/graph.ttl``, or the file itself."""
    build = Path(build)
    path = build / GRAPH_FILE if build.is_dir() else build
    if not path.is_file():
        raise MzgraphError(f"{path}: no such graph file (run `mzgraph build` first)")
    return path


def _triples(source: Path):
    # Parsed from the file, not read from the store: Oxigraph normalises literals when it stores
    # them ("1"^^xsd:nonNegativeInteger comes back as xsd:integer), the parser keeps them as written.
    import pyoxigraph as ox

    fmt = getattr(ox.RdfFormat, SUFFIX_FORMATS.get(source.suffix.lower(), "TURTLE"))
    try:
        for quad in ox.parse(path=str(source), format=fmt):
            yield ox.Triple(quad.subject, quad.predicate, quad.object)
    except SyntaxError as exc:
        raise MzgraphError(f"{source}: cannot parse: {str(exc).splitlines()[0]}") from None


def _write_rdf(source: Path, fmt: str, out) -> None:
    import pyoxigraph as ox

    if fmt == "ttl":
        ox.serialize(_triples(source), out, format=ox.RdfFormat.TURTLE, prefixes=turtle_prefixes())
    elif fmt == "nt":
        ox.serialize(_triples(source), out, format=ox.RdfFormat.N_TRIPLES)
    elif fmt == "nq":
        name = ox.NamedNode(DEFAULT_GRAPH_IRI)
        quads = (ox.Quad(t.subject, t.predicate, t.object, name) for t in _triples(source))
        ox.serialize(quads, out, format=ox.RdfFormat.N_QUADS)
    elif fmt == "jsonld":
        from rdflib import Graph

        g = Graph()
        g.parse(data=ox.serialize(_triples(source), format=ox.RdfFormat.N_TRIPLES), format="nt")
        data = g.serialize(format="json-ld", context=jsonld_context(), auto_compact=True, encoding="utf-8")
        if isinstance(out, (str, Path)):
            Path(out).write_bytes(data)
        else:
            out.write(data)
    else:
        raise MzgraphError(f"not an RDF export format: {fmt!r}")


# -- property graph ------------------------------------------------------------

_PREFIXES_SPARQL = """PREFIX mz: <https://w3id.org/mzgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX org: <http://www.w3.org/ns/org#>
"""
_NODES = _PREFIXES_SPARQL + """SELECT ?e ?type ?label WHERE {
  VALUES (?class ?type) { %s }
  ?e a ?class .
  OPTIONAL { ?e rdfs:label ?l FILTER(lang(?l) = "zh") }
  OPTIONAL { ?e skos:prefLabel ?pl FILTER(lang(?pl) = "zh") }
  BIND(STR(COALESCE(?l, ?pl, "")) AS ?label)
}""" % " ".join(f'(mz:{t} "{t}")' for t in ENTITY_TYPES)
_NODE_LITERALS = _PREFIXES_SPARQL + """SELECT ?e ?key ?value WHERE {
  VALUES (?p ?key) { (mz:gbCode "gbCode") (mz:adminLevel "adminLevel") (mz:date "date") }
  ?e ?p ?v . BIND(STR(?v) AS ?value)
}"""
_NODE_MENTIONS = _PREFIXES_SPARQL + """SELECT ?e (COUNT(?m) AS ?mentions) (COUNT(DISTINCT ?a) AS ?articles) WHERE {
  ?e mz:mention ?m . ?m nif:referenceContext ?a .
} GROUP BY ?e"""
# Relation nodes → one edge each; ?rel is a stable key, ?label what Gephi shows.
_RELATIONS = _PREFIXES_SPARQL + """SELECT ?x ?s ?o ?rel ?label ?source WHERE {
  {
    ?x a mz:Post ; org:member ?s ; org:organization ?o ; org:role ?r .
    ?r rdfs:label ?l . BIND("post" AS ?rel)
  } UNION {
    ?x a mz:Participation ; mz:participant ?s ; mz:meeting ?o ; mz:kind ?k .
    ?k skos:notation ?rel . OPTIONAL { ?k rdfs:label ?l FILTER(lang(?l) = "zh") }
  } UNION {
    ?x a mz:ThemeLink ; mz:meeting ?s ; mz:theme ?o . BIND("theme" AS ?rel)
    OPTIONAL { mz:ThemeLink rdfs:label ?l FILTER(lang(?l) = "zh") }
  } UNION {
    ?x a mz:DocumentLink ; mz:meeting ?s ; mz:document ?o ; mz:action ?act .
    ?act skos:notation ?rel . OPTIONAL { ?act rdfs:label ?l FILTER(lang(?l) = "zh") }
  }
  BIND(STR(COALESCE(?l, ?rel)) AS ?label)
  OPTIONAL { ?x mz:evidence/nif:referenceContext/mz:sourceFile ?source }
}"""
_DIRECT = _PREFIXES_SPARQL + """SELECT ?s ?o ?rel ?label WHERE {
  VALUES (?p ?rel) { (mz:locatedIn "locatedIn") (mz:partOf "partOf") (mz:heldIn "heldIn")
                     (mz:organizer "organizer") (org:subOrganizationOf "subOrganizationOf") }
  ?s ?p ?o .
  OPTIONAL { ?p rdfs:label ?l FILTER(lang(?l) = "zh") }
  BIND(STR(COALESCE(?l, ?rel)) AS ?label)
}"""


def _rows(store: pyoxigraph.Store, sparql: str):
    from .query import run_query

    return run_query(store, sparql).rows


def to_networkx(store: pyoxigraph.Store) -> nx.MultiDiGraph:
    """Entities as nodes (label, type, colour, literals as attributes); relations as labelled edges."""
    import networkx as nx

    g = nx.MultiDiGraph(name="mzgraph")
    for row in _rows(store, _NODES):
        if row["e"] not in g:  # a node typed twice keeps the first type in ENTITY_TYPES order
            g.add_node(row["e"], label=row["label"], type=row["type"], color=COLOURS[row["type"]],
                       mentions=0, articles=0)
    for row in _rows(store, _NODE_LITERALS):
        if row["e"] in g:
            g.nodes[row["e"]][row["key"]] = row["value"]
    for row in _rows(store, _NODE_MENTIONS):
        if row["e"] in g:
            g.nodes[row["e"]].update(mentions=int(row["mentions"]), articles=int(row["articles"]))

    evidence: dict[str, dict] = {}
    for row in _rows(store, _RELATIONS):
        if row["s"] not in g or row["o"] not in g:
            continue
        edge = evidence.setdefault(row["x"], {"s": row["s"], "o": row["o"], "relation": row["rel"],
                                              "label": row["label"], "sources": defaultdict(int)})
        if row["source"]:
            edge["sources"][row["source"]] += 1
    for key, e in sorted(evidence.items()):
        g.add_edge(e["s"], e["o"], key=key, relation=e["relation"], label=e["label"],
                   weight=max(1, sum(e["sources"].values())), sources=";".join(sorted(e["sources"])))
    for row in _rows(store, _DIRECT):
        if row["s"] in g and row["o"] in g:
            g.add_edge(row["s"], row["o"], key=f"{row['rel']}:{row['s']}:{row['o']}", relation=row["rel"],
                       label=row["label"], weight=1, sources="")
    return g


def _hex_rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16), "a": 1.0}


def _write_graphml(g: nx.MultiDiGraph, out) -> None:
    import networkx as nx

    nx.write_graphml(g, out, encoding="utf-8", prettyprint=True, named_key_ids=True)


def _write_gexf(g: nx.MultiDiGraph, out) -> None:
    import networkx as nx

    h = g.copy()
    for _, attrs in h.nodes(data=True):
        attrs["viz"] = {"color": _hex_rgb(attrs["color"]), "size": 5.0 + min(attrs["articles"], 45)}
    nx.write_gexf(h, out, encoding="utf-8", prettyprint=True)


ENTITY_COLUMNS = ("id", "type", "label", "color", "mentions", "articles", "gbCode", "adminLevel", "date")
RELATION_COLUMNS = ("source", "source_label", "relation", "label", "target", "target_label", "weight",
                    "sources", "id")


def csv_tables(g: nx.MultiDiGraph) -> dict[str, str]:
    """entities.csv and relations.csv of the property graph, as text."""
    entities = io.StringIO()
    w = csv.writer(entities, lineterminator="\n")
    w.writerow(ENTITY_COLUMNS)
    for node, attrs in sorted(g.nodes(data=True)):
        w.writerow([node] + [attrs.get(c, "") for c in ENTITY_COLUMNS[1:]])
    relations = io.StringIO()
    w = csv.writer(relations, lineterminator="\n")
    w.writerow(RELATION_COLUMNS)
    for s, o, key, attrs in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        w.writerow([s, g.nodes[s]["label"], attrs["relation"], attrs["label"], o, g.nodes[o]["label"],
                    attrs["weight"], attrs["sources"], key])
    return {"entities.csv": entities.getvalue(), "relations.csv": relations.getvalue()}


def _write_csv(g: nx.MultiDiGraph, out: Path) -> None:
    tables = csv_tables(g)
    if out.suffix.lower() == ".zip":
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for name, text in tables.items():
                z.writestr(name, text.encode("utf-8"))
        return
    out.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (out / name).write_text(text, encoding="utf-8")


# -- entry point ---------------------------------------------------------------

def default_output(build: Path, fmt: str) -> Path:
    """Where ``export`` writes without ``-o``: ``DIR/export-csv/`` or ``DIR/export.<ext>``."""
    build = Path(build)
    base = build if build.is_dir() else build.parent
    return base / "export-csv" if fmt == "csv" else base / f"export{_SUFFIX[fmt]}"


def export(build: Path, fmt: str, out: Path | str | None = None) -> Path | None:
    """Write the graph of ``build`` (a build folder or RDF file) as ``fmt``; ``out="-"`` is stdout."""
    if fmt not in FORMATS:
        raise MzgraphError(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}")
    to_stdout = out is not None and str(out) == "-"
    if to_stdout and fmt == "csv":
        raise MzgraphError("csv export writes two files: give -o FOLDER or -o FILE.zip")
    target = None if to_stdout else Path(out) if out is not None else default_output(Path(build), fmt)
    if target is not None and fmt != "csv":
        target.parent.mkdir(parents=True, exist_ok=True)
    sink = sys.stdout.buffer if to_stdout else target
    try:
        if fmt in ("ttl", "nt", "nq", "jsonld"):
            _write_rdf(graph_file(Path(build)), fmt, str(sink) if isinstance(sink, Path) else sink)
        else:
            g = to_networkx(open_store(Path(build)))
            if fmt == "graphml":
                _write_graphml(g, sink)
            elif fmt == "gexf":
                _write_gexf(g, sink)
            else:
                _write_csv(g, target)
    except OSError as exc:
        raise MzgraphError(f"{target or 'stdout'}: cannot write: {exc.strerror or exc}") from None
    if to_stdout:
        sys.stdout.buffer.flush()
    return target


# -- push to a remote store ----------------------------------------------------

def graph_store_url(endpoint: str, graph: str | None) -> str:
    """``endpoint?graph=IRI`` (or ``?default``) as the SPARQL 1.1 Graph Store HTTP Protocol names a graph."""
    from urllib.parse import quote

    sep = "&" if "?" in endpoint else "?"
    return f"{endpoint}{sep}graph={quote(graph, safe='')}" if graph else f"{endpoint}{sep}default"


def push(build: Path, endpoint: str, graph: str | None = None, *, append: bool = False,
         user: str | None = None, timeout: float = 600.0) -> tuple[int, int]:
    """Upload the graph as N-Triples to a Graph Store Protocol endpoint (PUT replaces, POST appends).

    ``endpoint`` is the store's graph-store URL: Oxigraph ``http://host:7878/store``, Fuseki
    ``http://host:3030/DATASET/data``, GraphDB ``http://host:7200/repositories/REPO/rdf-graphs/service``.
    Returns (HTTP status, triples sent).
    """
    import base64
    import tempfile
    import urllib.error
    import urllib.request

    import pyoxigraph as ox

    if not endpoint.startswith(("http://", "https://")):
        raise MzgraphError(f"push: the endpoint must be an http(s) URL, got {endpoint!r}")
    source = graph_file(Path(build))
    url = graph_store_url(endpoint, graph)
    triples = 0

    def counted():
        nonlocal triples
        for t in _triples(source):
            triples += 1
            yield t

    with tempfile.TemporaryFile() as body:
        ox.serialize(counted(), body, format=ox.RdfFormat.N_TRIPLES)
        size = body.tell()
        body.seek(0)
        headers = {"Content-Type": "application/n-triples; charset=utf-8", "Content-Length": str(size)}
        if user:
            headers["Authorization"] = "Basic " + base64.b64encode(user.encode("utf-8")).decode("ascii")
        req = urllib.request.Request(url, data=body, headers=headers, method="POST" if append else "PUT")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                status = resp.status
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read(300).decode("utf-8", "replace").split())
            raise MzgraphError(f"{url}: HTTP {exc.code} {exc.reason}{': ' + detail if detail else ''}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise MzgraphError(f"{url}: cannot reach the endpoint: {reason}") from None
    return status, triples
