"""Property-graph exports (GraphML, GEXF, CSV) from one networkx graph read off the store.

Entities are nodes; relation nodes (posts, participations, theme and document links) are
collapsed into labelled edges, weighted by the files they were read from.
"""
from __future__ import annotations

import csv
import io
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import IO, TYPE_CHECKING

import networkx as nx

from ..entity_types import ENTITY_TYPES
from ..store.oxigraph import open_store
from ..store.sparql import run_sparql

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["ENTITY_COLUMNS", "RELATION_COLUMNS", "EVIDENCE_COLUMNS", "to_networkx", "csv_tables", "evidence_rows",
           "write_graphml", "write_gexf", "write_csv"]

COLOURS = {t.cls: t.colour for t in ENTITY_TYPES}
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
}""" % " ".join(f'(mz:{t.cls} "{t.cls}")' for t in ENTITY_TYPES)
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


# Every evidence span of a fact node: where in which article, and the sentence around it.
_EVIDENCE = _PREFIXES_SPARQL + """SELECT ?x ?source ?article ?start ?end ?mention ?sentence WHERE {
  ?x mz:evidence ?m .
  ?m nif:beginIndex ?start ; nif:endIndex ?end ; nif:anchorOf ?mention ;
     mz:sentence/nif:anchorOf ?sentence ; nif:referenceContext ?article .
  ?article mz:sourceFile ?source .
}"""


def _rows(store: pyoxigraph.Store, sparql: str):
    return run_sparql(store, sparql).text_rows


def evidence_rows(store: pyoxigraph.Store) -> dict[str, list[tuple[str, str, int, int, str, str]]]:
    """fact node → its evidence as (source file, article, start, end, mention, sentence), in that order."""
    out: dict[str, list[tuple[str, str, int, int, str, str]]] = defaultdict(list)
    for row in _rows(store, _EVIDENCE):
        out[row["x"]].append((row["source"], row["article"], int(row["start"]), int(row["end"]), row["mention"],
                              row["sentence"]))
    for spans in out.values():
        spans.sort()
    return dict(out)


def to_networkx(store: pyoxigraph.Store) -> nx.MultiDiGraph:
    """Entities as nodes (label, type, colour, literals as attributes); relations as labelled edges."""
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


def _graphml(g: nx.MultiDiGraph, out) -> None:
    nx.write_graphml(g, out, encoding="utf-8", prettyprint=True, named_key_ids=True)


def _gexf(g: nx.MultiDiGraph, out) -> None:
    h = g.copy()
    for _, attrs in h.nodes(data=True):
        attrs["viz"] = {"color": _hex_rgb(attrs["color"]), "size": 5.0 + min(attrs["articles"], 45)}
    nx.write_gexf(h, out, encoding="utf-8", prettyprint=True)


ENTITY_COLUMNS = ("id", "type", "label", "color", "mentions", "articles", "gbCode", "adminLevel", "date")
RELATION_COLUMNS = ("source", "source_label", "relation", "label", "target", "target_label", "weight",
                    "sources", "id", "sentence", "source_file", "article", "start", "end")
EVIDENCE_COLUMNS = ("id", "relation", "source_label", "target_label", "source_file", "article", "start", "end",
                    "mention", "sentence")
EXCEL_BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with the byte-order mark


def csv_tables(g: nx.MultiDiGraph, evidence: dict[str, list] | None = None) -> dict[str, str]:
    """entities.csv, relations.csv and evidence.csv of the property graph, as text.

    A relation's ``sentence`` is the first sentence it was read from (by file, then offset) and
    ``start``/``end`` the character offsets of its evidence span in the text (``mz:text``) of
    ``article`` (the article's IRI: one file may hold several); evidence.csv lists every span.
    Relations read off no sentence (part-of, located-in …) leave them empty."""
    evidence = evidence or {}
    entities = io.StringIO()
    w = csv.writer(entities, lineterminator="\n")
    w.writerow(ENTITY_COLUMNS)
    for node, attrs in sorted(g.nodes(data=True)):
        w.writerow([node] + [attrs.get(c, "") for c in ENTITY_COLUMNS[1:]])
    relations = io.StringIO()
    w = csv.writer(relations, lineterminator="\n")
    w.writerow(RELATION_COLUMNS)
    spans = io.StringIO()
    ws = csv.writer(spans, lineterminator="\n")
    ws.writerow(EVIDENCE_COLUMNS)
    for s, o, key, attrs in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        found = evidence.get(key, ())
        first = [found[0][5], *found[0][:4]] if found else ["", "", "", "", ""]
        w.writerow([s, g.nodes[s]["label"], attrs["relation"], attrs["label"], o, g.nodes[o]["label"],
                    attrs["weight"], attrs["sources"], key, *first])
        for span in found:
            ws.writerow([key, attrs["relation"], g.nodes[s]["label"], g.nodes[o]["label"], *span])
    return {"entities.csv": entities.getvalue(), "relations.csv": relations.getvalue(),
            "evidence.csv": spans.getvalue()}


def _csv(g: nx.MultiDiGraph, out: Path, evidence: dict[str, list], excel: bool = False) -> None:
    tables = {name: (EXCEL_BOM + text if excel else text) for name, text in csv_tables(g, evidence).items()}
    if out.suffix.lower() == ".zip":
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for name, text in tables.items():
                z.writestr(name, text.encode("utf-8"))
        return
    out.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (out / name).write_text(text, encoding="utf-8")


def write_graphml(build: Path, sink: Path | IO[bytes]) -> None:
    _graphml(to_networkx(open_store(Path(build))), sink)


def write_gexf(build: Path, sink: Path | IO[bytes]) -> None:
    _gexf(to_networkx(open_store(Path(build))), sink)


def write_csv(build: Path, target: Path, excel: bool = False) -> None:
    """entities.csv, relations.csv and evidence.csv into the folder ``target``, or into ``target`` if it
    ends in .zip; ``excel`` starts each file with a UTF-8 byte-order mark, so Excel shows the Chinese."""
    store = open_store(Path(build))
    _csv(to_networkx(store), target, evidence_rows(store), excel=excel)
