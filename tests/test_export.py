"""Exports round-trip: RDF formats parse back isomorphic, property graphs keep their counts; push lands."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import urllib.parse
import urllib.request
import zipfile

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from mzgraph.errors import MzgraphError
from mzgraph.export import DEFAULT_GRAPH_IRI, FORMATS, export, push, to_networkx
from mzgraph.store import open_store

RDF_FORMATS = [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")]


@pytest.fixture(scope="module")
def property_graph(seed_dir):
    return to_networkx(open_store(seed_dir))


def test_command_lists_the_same_formats():
    from mzgraph.commands.export import FORMATS as CLI_FORMATS

    assert CLI_FORMATS == FORMATS


@pytest.mark.parametrize("fmt, parser", RDF_FORMATS)
def test_rdf_export_is_isomorphic_to_the_build(fmt, parser, seed_dir, seed_graph, tmp_path):
    out = export(seed_dir, fmt, tmp_path / f"g.{fmt}")
    back = Graph().parse(out, format=parser)
    assert len(back) == len(seed_graph)
    assert isomorphic(back, seed_graph)


def test_nquads_hold_one_named_graph(seed_dir, seed_graph, tmp_path):
    out = export(seed_dir, "nq", tmp_path / "g.nq")
    ds = Dataset()
    ds.parse(out, format="nquads")
    names = {str(c.identifier) for c in ds.contexts() if len(c)}
    assert names == {DEFAULT_GRAPH_IRI}
    assert isomorphic(ds.graph(URIRef(DEFAULT_GRAPH_IRI)), seed_graph)


@pytest.mark.parametrize("prefix", ["@prefix mz:", "@prefix person:", "@prefix mention:", "@prefix org: <http://www.w3.org/ns/org#>"])
def test_turtle_uses_readable_prefixes(prefix, seed_dir, tmp_path):
    text = export(seed_dir, "ttl", tmp_path / "g.ttl").read_text(encoding="utf-8")
    assert prefix in text
    assert "\\/" not in text.replace("id/place/", "")  # minted IRIs print as person:abc, not id:person\/abc


@pytest.mark.parametrize("node_type, key, value_type", [
    ("Person", "label", str),
    ("Person", "mention", list),
    ("Meeting", "label", str),
    ("Participation", "kind", str),
    ("Participation", "participant", str),
    ("Post", "member", str),
])
def test_jsonld_reads_as_plain_json(node_type, key, value_type, seed_dir, tmp_path):
    doc = json.loads(export(seed_dir, "jsonld", tmp_path / "g.jsonld").read_text(encoding="utf-8"))
    nodes = [n for n in doc["@graph"] if node_type in ([n["type"]] if isinstance(n.get("type"), str) else n.get("type", []))]
    assert nodes, f"no {node_type} node"
    values = [n[key] for n in nodes if key in n]
    assert values and any(isinstance(v, value_type) for v in values)


def test_property_graph_shape(property_graph, seed_dir):
    from mzgraph.query import run_query

    g = property_graph
    assert {d["type"] for _, d in g.nodes(data=True)} <= {"Person", "Organization", "Place", "Meeting", "Document",
                                                          "PolicyTheme"}
    assert not [n for n in g if any(f"/{k}/" in n for k in ("post", "participation", "themelink", "mention"))]
    assert all(d["label"] and d["color"].startswith("#") for _, d in g.nodes(data=True))
    posts = run_query(seed_dir, "PREFIX mz: <https://w3id.org/mzgraph/ontology#> "
                                "SELECT (COUNT(*) AS ?n) WHERE { ?x a mz:Post }").rows[0]["n"]
    assert sum(1 for *_, d in g.edges(data=True) if d["relation"] == "post") == int(posts)
    assert all(d["label"] for *_, d in g.edges(data=True))


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_gephi_formats_keep_nodes_and_edges(fmt, reader, property_graph, seed_dir, tmp_path):
    back = reader(export(seed_dir, fmt, tmp_path / f"g.{fmt}"))
    assert back.number_of_nodes() == property_graph.number_of_nodes()
    assert back.number_of_edges() == property_graph.number_of_edges()
    node, attrs = next(iter(back.nodes(data=True)))
    assert attrs["label"] == property_graph.nodes[node]["label"]
    assert attrs["type"] == property_graph.nodes[node]["type"]
    if fmt == "gexf":
        assert set(attrs["viz"]["color"]) >= {"r", "g", "b"}


@pytest.mark.parametrize("target", ["folder", "out.zip", None])
def test_csv_rows_match_the_property_graph(target, property_graph, seed_dir, tmp_path):
    if target is None:
        build = tmp_path / "build"
        build.mkdir()
        (build / "graph.ttl").write_bytes((seed_dir / "graph.ttl").read_bytes())
        out = export(build, "csv")
        assert out == build / "export-csv"
    else:
        out = export(seed_dir, "csv", tmp_path / target)
    if out.suffix == ".zip":
        with zipfile.ZipFile(out) as z:
            tables = {n: z.read(n).decode("utf-8") for n in z.namelist()}
    else:
        tables = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}
    entities = list(csv.DictReader(io.StringIO(tables["entities.csv"])))
    relations = list(csv.DictReader(io.StringIO(tables["relations.csv"])))
    assert len(entities) == property_graph.number_of_nodes()
    assert len(relations) == property_graph.number_of_edges()
    assert {r["source"] for r in relations} | {r["target"] for r in relations} <= {e["id"] for e in entities}


def test_nt_to_stdout_through_the_cli(seed_dir, seed_graph):
    out = subprocess.run([sys.executable, "-m", "mzgraph.cli", "export", str(seed_dir), "-f", "nt", "-o", "-"],
                         capture_output=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert isomorphic(Graph().parse(data=out.stdout.decode("utf-8"), format="nt"), seed_graph)


@pytest.mark.parametrize("fmt, out, error", [
    ("xml", None, "unknown export format"),
    ("csv", "-", "three files"),
])
def test_export_errors(fmt, out, error, seed_dir):
    with pytest.raises(MzgraphError, match=error):
        export(seed_dir, fmt, out)


def test_csv_relations_carry_their_sentence_and_offsets(seed_dir, seed_graph, tmp_path):
    from mzgraph.rdf.namespace import MZ

    out = export(seed_dir, "csv", tmp_path / "csv")
    relations = list(csv.DictReader(io.StringIO((out / "relations.csv").read_text(encoding="utf-8"))))
    evidence = list(csv.DictReader(io.StringIO((out / "evidence.csv").read_text(encoding="utf-8"))))
    texts = {str(a): str(seed_graph.value(a, MZ.text)) for a in seed_graph.subjects(predicate=MZ.text)}
    facts = [r for r in relations if r["relation"] in ("post", "attended", "spoke", "presided", "theme", "read",
                                                       "issued", "discussed")]
    assert facts and all(r["sentence"] and r["start"] and r["article"] for r in facts)
    assert all(not r["sentence"] for r in relations if r["relation"] == "partOf")
    assert evidence and {r["id"] for r in evidence} == {r["id"] for r in facts}
    for r in evidence:
        text = texts[r["article"]]  # offsets are into the article's text; one file may hold two
        start, end = int(r["start"]), int(r["end"])
        assert text[start:end] == r["mention"] and r["mention"] in r["sentence"] and r["sentence"] in text
    with_post = next(r for r in facts if r["relation"] == "post")
    assert with_post["source_label"] in with_post["sentence"]


def test_csv_for_excel_starts_with_a_bom(seed_dir, tmp_path):
    plain = export(seed_dir, "csv", tmp_path / "plain")
    excel = export(seed_dir, "csv", tmp_path / "excel", excel=True)
    for name in ("entities.csv", "relations.csv", "evidence.csv"):
        data = (excel / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") and not (plain / name).read_bytes().startswith(b"\xef\xbb\xbf")
        assert data[3:] == (plain / name).read_bytes()
    out = subprocess.run([sys.executable, "-m", "mzgraph.cli", "export", str(seed_dir), "-f", "csv", "--excel",
                          "-o", str(tmp_path / "cli.zip")], capture_output=True, timeout=120)
    assert out.returncode == 0, out.stderr
    with zipfile.ZipFile(tmp_path / "cli.zip") as z:
        assert z.read("entities.csv").startswith(b"\xef\xbb\xbf")


def test_an_option_the_format_does_not_take_is_refused(seed_dir, tmp_path):
    with pytest.raises(MzgraphError, match="ttl export takes no excel option"):
        export(seed_dir, "ttl", tmp_path / "x.ttl", excel=True)


def test_jsonld_nests_each_mention_in_its_entity(seed_dir, tmp_path):
    doc = json.loads(export(seed_dir, "jsonld", tmp_path / "g.jsonld").read_text(encoding="utf-8"))
    types = [t for n in doc["@graph"] for t in ([n["type"]] if isinstance(n.get("type"), str) else n.get("type", []))]
    assert types.count("Mention") < len(doc["@graph"]) // 5  # top level: entities and facts, not spans
    person = next(n for n in doc["@graph"] if n.get("type") == "Person" and n.get("name") == "王琛")
    mentions = person["mention"] if isinstance(person["mention"], list) else [person["mention"]]
    assert any(isinstance(m, dict) and m["anchor"] == "王琛" for m in mentions)
    assert isinstance(person["memberOf"], (str, list)) and person["name"] == person["label"]


def test_export_of_a_missing_build(tmp_path):
    with pytest.raises(MzgraphError, match="no such graph file"):
        export(tmp_path / "nowhere", "nt", tmp_path / "x.nt")


# -- push ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def writable_oxigraph():
    from mzgraph.server import start_oxigraph

    with start_oxigraph(None, read_only=False) as ox:
        yield ox.url


def _count(url: str, graph: str | None) -> int:
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    q = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"})
    req = urllib.request.Request(f"{url}/query?{q}", headers={"Accept": "text/csv"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return int(resp.read().decode("utf-8").split()[1])


@pytest.mark.parametrize("graph", [None, "https://w3id.org/mzgraph/graph/seeds"])
def test_push_then_count(graph, writable_oxigraph, seed_dir, seed_graph, tmp_path):
    tiny = tmp_path / "tiny.nt"
    tiny.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    status, sent = push(seed_dir, writable_oxigraph + "/store", graph)
    assert status in (200, 201, 204) and sent == len(seed_graph)
    assert _count(writable_oxigraph, graph) == len(seed_graph)
    push(seed_dir, writable_oxigraph + "/store", graph, append=True)  # same triples: a set, no growth
    assert _count(writable_oxigraph, graph) == len(seed_graph)
    push(tiny, writable_oxigraph + "/store", graph)  # PUT replaces
    assert _count(writable_oxigraph, graph) == 1


def test_push_through_the_cli(writable_oxigraph, seed_dir, seed_graph):
    graph = "https://w3id.org/mzgraph/graph/cli"
    out = subprocess.run([sys.executable, "-m", "mzgraph.cli", "push", str(seed_dir), "--endpoint",
                          writable_oxigraph + "/store", "--graph", graph], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert f"{len(seed_graph)} triples" in out.stdout
    assert _count(writable_oxigraph, graph) == len(seed_graph)


@pytest.mark.parametrize("endpoint, error", [
    ("ftp://example.org/store", "http"),
    ("http://127.0.0.1:{free}/store", "cannot reach"),
    ("{oxigraph}/nothing-here", "HTTP 404"),
])
def test_push_errors(endpoint, error, writable_oxigraph, seed_dir):
    from mzgraph.server import free_port

    endpoint = endpoint.format(free=free_port(), oxigraph=writable_oxigraph)
    with pytest.raises(MzgraphError, match=error):
        push(seed_dir, endpoint)


def test_every_registered_format_names_a_writer():
    from mzgraph.export import registry

    assert [f.name for f in registry.formats()] == list(FORMATS)
    assert all(callable(f.writer()) for f in registry.formats())


def test_a_registered_format_is_exported_by_name(seed_dir, tmp_path, monkeypatch):
    from mzgraph.export import ExportFormat, registry

    monkeypatch.setitem(registry._FORMATS, "nt-copy", ExportFormat(
        "nt-copy", "mzgraph.export.rdf", "write_nt", "export.copy.nt", "N-Triples again"))
    target = export(seed_dir, "nt-copy", tmp_path / "copy.nt")
    assert target.read_bytes() == export(seed_dir, "nt", tmp_path / "plain.nt").read_bytes()
    with pytest.raises(MzgraphError, match="unknown export format 'nt-kopy'; known: ttl, nt"):
        export(seed_dir, "nt-kopy")
