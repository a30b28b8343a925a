"""The Oxigraph store of a build and the open_graph API over it."""
from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import XSD, Literal

from mzgraph.errors import MzgraphError, QueryError
from mzgraph.query import named_queries, run_query
from mzgraph.store import open_graph, write_store


@pytest.fixture(scope="module")
def seed_nt(seed_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("nt") / "graph.nt"
    seed_graph.serialize(path, format="nt", encoding="utf-8")
    return path


def _source(kind, seed_dir, seed_nt):
    return {"folder": seed_dir, "turtle": seed_dir / "graph.ttl", "ntriples": seed_nt}[kind]


@pytest.mark.parametrize("kind", ["folder", "turtle", "ntriples"])
def test_open_graph_counts_every_triple(kind, seed_dir, seed_nt, seed_graph):
    g = open_graph(_source(kind, seed_dir, seed_nt))
    assert len(g) == len(seed_graph)
    rows = g.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert rows == [{"n": len(seed_graph)}]  # a COUNT is an int


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_rows_are_plain_string_dicts(name, seed_dir):
    g = open_graph(seed_dir)
    rows = g.named(name)
    assert rows == run_query(seed_dir, named_queries()[name]).rows
    assert all(isinstance(v, str) for row in rows for v in row.values())


@pytest.mark.parametrize("name", ["meetings", "posts", "participation"])
def test_named_queries_have_rows_on_the_seeds(name, seed_dir):
    assert open_graph(seed_dir).named(name)


def test_unknown_named_query(seed_dir):
    with pytest.raises(QueryError, match="unknown query 'nope'"):
        open_graph(seed_dir).named("nope")


@pytest.mark.parametrize("sparql, error", [
    ("SELECT ?s WHERE { ?s ?p }", "syntax error"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "only SELECT and ASK"),
])
def test_bad_queries_raise_query_error(sparql, error, seed_dir):
    with pytest.raises(QueryError, match=error):
        open_graph(seed_dir).query(sparql)


_INTEGERS = {XSD.integer, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.int, XSD.long}


def _as_stored(g) -> set:
    """Triples as Oxigraph stores them: plain literals typed xsd:string, derived integers as xsd:integer."""
    def norm(term):
        if isinstance(term, Literal) and term.language is None:
            if term.datatype in _INTEGERS:
                return Literal(str(int(term)), datatype=XSD.integer)
            if term.datatype is None:
                return Literal(str(term), datatype=XSD.string)
        return term
    return {(s, p, norm(o)) for s, p, o in g}


def test_rdflib_view_is_the_built_graph(seed_dir, seed_graph):
    g = open_graph(seed_dir).rdflib()
    assert len(g) == len(seed_graph)
    assert _as_stored(g) == _as_stored(seed_graph)
    assert g.namespace_manager.store.namespace("mz") is not None


def test_rdflib_view_of_a_build_is_read_only(seed_dir):
    from mzgraph.rdf.namespace import MZ
    from rdflib import RDF

    g = open_graph(seed_dir).rdflib()
    with pytest.raises(Exception):  # noqa: B017 (oxigraph raises a bare RuntimeError)
        g.add((MZ.Person, RDF.type, MZ.Person))
    assert len(open_graph(seed_dir)) == len(g)


@pytest.mark.parametrize("name, content, error", [
    ("missing.ttl", None, "no such graph file"),
    ("broken.ttl", "<a> <b> .", "cannot load graph"),
    ("empty-folder", "", "no such graph file"),
])
def test_open_graph_errors_say_where(name, content, error, tmp_path):
    path = tmp_path / name
    if name.endswith("folder"):
        path.mkdir()
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(MzgraphError, match=error):
        open_graph(path)


@pytest.mark.parametrize("source", ["turtle", "ntriples"])
def test_write_store_replaces_the_previous_store(source, tmp_path, seed_dir, seed_nt, seed_graph):
    tiny = tmp_path / "tiny.nt"
    tiny.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    write_store(tmp_path, tiny)
    assert len(open_graph(tmp_path)) == 1
    write_store(tmp_path, _source(source, seed_dir, seed_nt))
    assert len(open_graph(tmp_path)) == len(seed_graph)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store", "tiny.nt"]


_PROBE = """
import sys
from mzgraph.cli import main
code = main(sys.argv[1:])
heavy = [m for m in ("jieba", "mzgraph.lexicon", "mzgraph.segment", "mzgraph.extract") if m in sys.modules]
print("HEAVY=" + ",".join(heavy), "CODE=" + str(code))
"""


@pytest.mark.parametrize("target", ["folder", "turtle"])
def test_query_start_loads_no_segmenter_or_lexicon(target, seed_dir):
    graph = seed_dir if target == "folder" else seed_dir / "graph.ttl"
    out = subprocess.run([sys.executable, "-c", _PROBE, "query", str(graph), "--name", "meetings", "--format", "csv"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0].startswith("meeting,date,place,organizer,source")
    assert out.stdout.splitlines()[-1] == "HEAVY= CODE=0"


def _store_lines(path):
    import pyoxigraph as ox

    store = ox.Store.read_only(str(path))
    return sorted(f"{q.subject} {q.predicate} {q.object} .\n" for q in store.quads_for_pattern(None, None, None))


def test_a_store_loaded_file_by_file_is_the_store_of_their_merge(tmp_path, seed_nt):
    """StoreLoader: files in any order, overlapping, some missing, in small batches → the union, as
    write_store of the merged file loads it."""
    from mzgraph.store.oxigraph import StoreLoader

    lines = seed_nt.read_text(encoding="utf-8").splitlines(keepends=True)
    parts = []
    for i in range(5):  # five overlapping slices, in reverse order
        part = tmp_path / f"part{i}.nt"
        part.write_text("".join(lines[i * len(lines) // 6:(i + 2) * len(lines) // 6]), encoding="utf-8")
        parts.append(part)
    merged = tmp_path / "whole"
    merged.mkdir()
    write_store(merged, seed_nt)
    streamed = tmp_path / "streamed"
    streamed.mkdir()
    loader = StoreLoader(streamed, [tmp_path / "missing.nt"], batch_bytes=4096)
    for part in reversed(parts):
        loader.add(part)
    assert loader.result() == streamed / "store"
    assert _store_lines(streamed / "store") == _store_lines(merged / "store")
    assert len(_store_lines(merged / "store")) == len(set(lines))
    assert [p.name for p in streamed.iterdir()] == ["store"]  # (its temporary folder became the store)


def test_a_store_loader_that_fails_or_is_cancelled_leaves_nothing(tmp_path, seed_nt):
    from mzgraph.store.oxigraph import StoreLoader

    bad = tmp_path / "bad.nt"
    bad.write_text("<urn:a> <urn:b> not a term .\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    loader = StoreLoader(out, [seed_nt, bad])
    with pytest.raises(SyntaxError):
        loader.result()
    assert list(out.iterdir()) == []
    loader = StoreLoader(out, [seed_nt])
    loader.cancel()
    assert list(out.iterdir()) == []


def test_a_build_store_holds_exactly_its_merged_graph(tmp_path):
    """The build's store, loaded shard by shard while it extracted (pipeline/feed.py), holds the triples of
    the merged N-Triples, with one process and with two."""
    from pathlib import Path

    from mzgraph.pipeline import build

    corpus = Path(__file__).parent / "data" / "realstyle1"
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        build([corpus], out, jobs=jobs)
        merged = tmp_path / f"merged{jobs}"
        merged.mkdir()
        write_store(merged, out / ".shards" / "graph.nt")
        assert _store_lines(out / "store") == _store_lines(merged / "store")


def test_a_build_that_fails_while_its_store_loads_leaves_the_last_build(tmp_path, monkeypatch):
    """Ctrl-C during the extraction, while the store loads beside it: the loading stops, its half-made
    store and generation are gone, and the published build is the one before."""
    import shutil
    import threading
    from pathlib import Path

    import mzgraph.pipeline.engines as engines
    from mzgraph.pipeline import build

    corpus = tmp_path / "corpus"
    shutil.copytree(Path(__file__).parent / "data" / "realstyle1", corpus)
    out = tmp_path / "out"
    build([corpus], out, store=False)
    before = (out / "graph.ttl").read_bytes()
    real = engines.run_local

    def interrupted(todo, shard_dir, jobs=1, scheduler=None):
        for n, done in enumerate(real(todo, shard_dir, jobs, scheduler)):
            if n == 2:
                raise KeyboardInterrupt
            yield done

    monkeypatch.setattr(engines, "run_local", interrupted)
    for f in corpus.iterdir():
        f.write_bytes(f.read_bytes() + b"\n")
    with pytest.raises(KeyboardInterrupt):
        build([corpus], out)
    assert (out / "graph.ttl").read_bytes() == before and not (out / "store").exists()
    assert [g.name for g in (out / ".generations").iterdir()] == [(out / ".current").resolve().name]
    assert not [p for p in out.rglob(".store.*")]
    assert not [t for t in threading.enumerate() if t.name == "mzgraph-store-loader"]
