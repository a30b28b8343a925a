"""Tables in GraphRAG's output layout (documents, text_units, entities, relationships) and Parquet.

GraphRAG's users know these four tables (its "bring your own graph" path reads them): an
entity row per node, a relationship row per edge, a text unit per chunk of text the graph was
read from. Here a text unit is a sentence that carries a mention or a fact's evidence, a
document is an article, and ``id`` is the node's IRI; ``source``/``target`` are entity titles as
GraphRAG joins them, ``source_id``/``target_id`` the IRIs (titles need not be unique). Rows are
sorted by id, so the same graph always gives the same tables. ``n_tokens`` counts characters.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from ..entity_types import ENTITY_TYPES
from ..errors import MzgraphError
from ..store.oxigraph import open_store
from ..store.sparql import run_sparql

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["TABLE_COLUMNS", "graphrag_tables", "write_parquet"]

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("id", "human_readable_id", "title", "text", "text_unit_ids", "creation_date", "metadata"),
    "text_units": ("id", "human_readable_id", "text", "n_tokens", "document_ids", "entity_ids", "relationship_ids",
                   "begin", "end", "source_file"),
    "entities": ("id", "human_readable_id", "title", "type", "description", "text_unit_ids", "frequency", "degree"),
    "relationships": ("id", "human_readable_id", "source", "target", "description", "weight", "combined_degree",
                      "text_unit_ids", "relation", "source_id", "target_id"),
}
_LIST_COLUMNS = frozenset({"text_unit_ids", "document_ids", "entity_ids", "relationship_ids"})
_INT_COLUMNS = frozenset({"human_readable_id", "n_tokens", "frequency", "degree", "combined_degree", "begin", "end"})
_ZH = {t.cls: t.zh for t in ENTITY_TYPES}

_PREFIXES = """PREFIX mz: <https://w3id.org/mzgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
_ENTITIES = _PREFIXES + """SELECT ?e ?type ?title WHERE {
  VALUES (?class ?type) { %s }
  ?e a ?class .
  OPTIONAL { ?e rdfs:label ?l FILTER(lang(?l) = "zh") }
  OPTIONAL { ?e skos:prefLabel ?pl FILTER(lang(?pl) = "zh") }
  BIND(STR(COALESCE(?l, ?pl, "")) AS ?title)
}""" % " ".join(f'(mz:{t.cls} "{t.cls}")' for t in ENTITY_TYPES)
_ENTITY_UNITS = _PREFIXES + "SELECT ?e ?unit WHERE { ?e mz:mention/mz:sentence ?unit }"
_ENTITY_FACTS = _PREFIXES + """SELECT ?e ?key ?value WHERE {
  VALUES (?p ?key) { (mz:date "date") (mz:adminLevel "level") (mz:gbCode "code") }
  ?e ?p ?v . BIND(STR(?v) AS ?value)
}"""
# A fact node → one relationship; ?word is what the description says between source and target.
_FACTS = _PREFIXES + """SELECT ?x ?rel ?s ?o ?word ?unit WHERE {
  {
    ?x a mz:Post ; org:member ?s ; org:organization ?o ; org:role/rdfs:label ?r .
    BIND("post" AS ?rel) BIND(CONCAT("任", STR(?r)) AS ?word)
  } UNION {
    ?x a mz:Participation ; mz:participant ?s ; mz:meeting ?o ; mz:kind ?k .
    ?k skos:notation ?rel ; rdfs:label ?kl FILTER(lang(?kl) = "zh") BIND(STR(?kl) AS ?word)
  } UNION {
    ?x a mz:ThemeLink ; mz:meeting ?s ; mz:theme ?o . BIND("theme" AS ?rel) BIND("部署" AS ?word)
  } UNION {
    ?x a mz:DocumentLink ; mz:meeting ?s ; mz:document ?o ; mz:action ?act .
    ?act skos:notation ?rel ; rdfs:label ?al FILTER(lang(?al) = "zh") BIND(STR(?al) AS ?word)
  }
  OPTIONAL { ?x mz:evidence/mz:sentence ?unit }
}"""
_DIRECT = _PREFIXES + """SELECT ?s ?o ?rel ?word WHERE {
  VALUES (?p ?rel) { (mz:locatedIn "locatedIn") (mz:partOf "partOf") (mz:heldIn "heldIn")
                     (mz:organizer "organizer") (org:subOrganizationOf "subOrganizationOf") }
  ?s ?p ?o .
  ?p rdfs:label ?l FILTER(lang(?l) = "zh") BIND(STR(?l) AS ?word)
}"""
_UNITS = _PREFIXES + """SELECT ?unit ?text ?begin ?end ?article ?file WHERE {
  ?unit a mz:Sentence ; nif:anchorOf ?text ; nif:beginIndex ?begin ; nif:endIndex ?end ; nif:referenceContext ?article .
  ?article mz:sourceFile ?file .
}"""
_DOCUMENTS = _PREFIXES + """SELECT ?article ?title ?text ?date ?file ?encoding ?source WHERE {
  ?article a mz:Article ; dcterms:title ?title ; mz:text ?text ; mz:sourceFile ?file .
  OPTIONAL { ?article dcterms:date ?d } OPTIONAL { ?article mz:encoding ?encoding }
  OPTIONAL { ?article dcterms:source ?source }
  BIND(COALESCE(STR(?d), "") AS ?date)
}"""


def _rows(store: pyoxigraph.Store, sparql: str) -> list[dict[str, str]]:
    return run_sparql(store, sparql).text_rows


def _numbered(rows: list[dict]) -> list[dict]:
    rows.sort(key=lambda r: r["id"])
    for i, row in enumerate(rows):
        row["human_readable_id"] = i
    return rows


def graphrag_tables(store: pyoxigraph.Store) -> dict[str, list[dict]]:
    """documents, text_units, entities and relationships of the graph in ``store``, as rows."""
    titles: dict[str, tuple[str, str]] = {}
    for r in _rows(store, _ENTITIES):
        titles.setdefault(r["e"], (r["type"], r["title"]))  # a node typed twice keeps its first type
    entity_units: dict[str, set[str]] = defaultdict(set)
    for r in _rows(store, _ENTITY_UNITS):
        entity_units[r["e"]].add(r["unit"])
    facts: dict[str, dict[str, str]] = defaultdict(dict)
    for r in _rows(store, _ENTITY_FACTS):
        facts[r["e"]][r["key"]] = r["value"]

    relations: dict[str, dict] = {}
    for r in _rows(store, _FACTS):
        if r["s"] in titles and r["o"] in titles:
            rel = relations.setdefault(r["x"], {"id": r["x"], "relation": r["rel"], "source_id": r["s"],
                                                "target_id": r["o"], "word": r["word"], "units": set()})
            if r["unit"]:
                rel["units"].add(r["unit"])
    for r in _rows(store, _DIRECT):
        if r["s"] in titles and r["o"] in titles:
            key = f"{r['rel']}:{r['s']}:{r['o']}"
            relations[key] = {"id": key, "relation": r["rel"], "source_id": r["s"], "target_id": r["o"],
                              "word": r["word"], "units": set()}

    degree: dict[str, int] = defaultdict(int)
    for rel in relations.values():
        degree[rel["source_id"]] += 1
        degree[rel["target_id"]] += 1
    relationships = _numbered([{
        "id": rel["id"], "source": titles[rel["source_id"]][1], "target": titles[rel["target_id"]][1],
        "description": f"{titles[rel['source_id']][1]} {rel['word']} {titles[rel['target_id']][1]}",
        "weight": float(max(1, len(rel["units"]))),
        "combined_degree": degree[rel["source_id"]] + degree[rel["target_id"]],
        "text_unit_ids": sorted(rel["units"]), "relation": rel["relation"],
        "source_id": rel["source_id"], "target_id": rel["target_id"]} for rel in relations.values()])

    # an entity's description: its type, then what the graph says of it in a few words
    about: dict[str, list[str]] = defaultdict(list)
    for rel in relations.values():
        target = titles[rel["target_id"]][1]
        if rel["relation"] == "post":  # 广西壮族自治区民政厅党组书记
            about[rel["source_id"]].append(target + rel["word"].removeprefix("任"))
        elif rel["relation"] in ("locatedIn", "heldIn", "organizer"):  # 召开地点：南京市
            about[rel["source_id"]].append(f"{rel['word']}：{target}")
    entities = []
    for iri, (etype, title) in titles.items():
        if not entity_units.get(iri) and not degree.get(iri):
            continue  # a theme of the scheme no article deployed
        f = facts.get(iri, {})
        extra = [f[k] for k in ("date", "level", "code") if k in f] + sorted(about.get(iri, ()))
        entities.append({"id": iri, "title": title, "type": etype,
                         "description": "；".join([_ZH.get(etype, etype), *extra]),
                         "text_unit_ids": sorted(entity_units.get(iri, ())),
                         "frequency": len(entity_units.get(iri, ())), "degree": degree.get(iri, 0)})
    entities = _numbered(entities)

    unit_entities: dict[str, list[str]] = defaultdict(list)
    for e in entities:
        for unit in e["text_unit_ids"]:
            unit_entities[unit].append(e["id"])
    unit_relations: dict[str, list[str]] = defaultdict(list)
    for rel in relationships:
        for unit in rel["text_unit_ids"]:
            unit_relations[unit].append(rel["id"])
    doc_units: dict[str, list[str]] = defaultdict(list)
    text_units = []
    for r in _rows(store, _UNITS):
        doc_units[r["article"]].append(r["unit"])
        text_units.append({"id": r["unit"], "text": r["text"], "n_tokens": len(r["text"]),
                           "document_ids": [r["article"]], "entity_ids": sorted(unit_entities.get(r["unit"], ())),
                           "relationship_ids": sorted(unit_relations.get(r["unit"], ())),
                           "begin": int(r["begin"]), "end": int(r["end"]), "source_file": r["file"]})
    documents = _numbered([{
        "id": r["article"], "title": r["title"], "text": r["text"],
        "text_unit_ids": sorted(doc_units.get(r["article"], ())), "creation_date": r["date"],
        "metadata": {"source_file": r["file"], "encoding": r["encoding"], "source": r["source"]}}
        for r in _rows(store, _DOCUMENTS)])
    return {"documents": documents, "text_units": _numbered(text_units), "entities": entities,
            "relationships": relationships}


def _arrow_table(pa, name: str, rows: list[dict]):
    columns = TABLE_COLUMNS[name]
    fields = []
    for col in columns:
        if col in _LIST_COLUMNS:
            fields.append(pa.field(col, pa.list_(pa.string())))
        elif col in _INT_COLUMNS:
            fields.append(pa.field(col, pa.int64()))
        elif col == "weight":
            fields.append(pa.field(col, pa.float64()))
        elif col == "metadata":
            fields.append(pa.field(col, pa.struct([(k, pa.string()) for k in ("source_file", "encoding", "source")])))
        else:
            fields.append(pa.field(col, pa.string()))
    schema = pa.schema(fields)
    return pa.Table.from_pylist([{c: row[c] for c in columns} for row in rows], schema=schema)


def write_parquet(build: Path, target: Path) -> None:
    """documents.parquet, text_units.parquet, entities.parquet and relationships.parquet into ``target``."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MzgraphError("parquet export needs pyarrow: pip install 'mzgraph[tables]'") from None
    tables = graphrag_tables(open_store(Path(build)))
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        pq.write_table(_arrow_table(pa, name, rows), target / f"{name}.parquet")
