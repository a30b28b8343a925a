"""Sharded and parallel builds give the same triples as the in-memory builder, byte for byte across job counts."""
from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import XSD

from mzgraph.pipeline import build, extract_article, read_articles, BuildReport
from mzgraph.reader import iter_input_files
from mzgraph.rdf.ntriples import triples_nt
from mzgraph.rdf.turtle import write_turtle

ROOT = Path(__file__).resolve().parents[1]
DEV = Path("/work/shared/eval/dev")
INPUTS = [ROOT / "seeds"] + ([DEV] if DEV.is_dir() else [])


@pytest.fixture(scope="module")
def serial(tmp_path_factory):
    out = tmp_path_factory.mktemp("serial")
    report = build(INPUTS, out, store=False)
    return out, report


def parse(path: Path) -> Graph:
    g = Graph()
    g.parse(path, format="turtle")
    return g


def test_sharded_graph_equals_in_memory_builder(serial, lexicon):
    from mzgraph.rdf.graph import to_graph, theme_iris

    out, report = serial
    arts = list(read_articles(iter_input_files(INPUTS), BuildReport()))
    expected = to_graph((extract_article(a, lexicon) for a in arts), theme_iris(lexicon.themes))
    got = parse(out / "graph.ttl")
    if not isomorphic(expected, got):
        _, only_expected, only_got = graph_diff(to_isomorphic(expected), to_isomorphic(got))
        pytest.fail(f"missing {sorted(only_expected)[:5]}\nextra {sorted(only_got)[:5]}")
    assert report.triples == len(got)


@pytest.mark.parametrize("jobs", [2, 3])
def test_jobs_give_identical_bytes(serial, tmp_path, jobs):
    out, report = serial
    other = build(INPUTS, tmp_path / "par", store=False, jobs=jobs, use_cache=False)
    assert (tmp_path / "par" / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()
    assert (other.articles, other.triples, other.entities) == (report.articles, report.triples, report.entities)


def test_store_holds_the_graph(tmp_path):
    import pyoxigraph as ox

    report = build([ROOT / "seeds"], tmp_path / "o", jobs=2)
    store = ox.Store.read_only(str(tmp_path / "o" / "store"))
    assert len(store) == report.triples


S, P = URIRef("https://w3id.org/mzgraph/id/x/1"), URIRef("https://w3id.org/mzgraph/ontology#p")


@pytest.mark.parametrize("obj", [
    Literal('引号"和\\反斜杠'),
    Literal("两行\n文字\r"),
    Literal("民政局", lang="zh"),
    Literal("2024-02-28", datatype=XSD.date),
    Literal(12, datatype=XSD.nonNegativeInteger),
    URIRef("https://w3id.org/mzgraph/ontology#Person"),
    URIRef("https://w3id.org/mzgraph/id/person/abc"),
])
def test_turtle_round_trips_terms(obj):
    buf = io.StringIO()
    write_turtle(triples_nt([(S, P, obj), (S, P, Literal("另一个"))]), buf)
    g = Graph().parse(data=buf.getvalue(), format="turtle")
    assert set(g) == {(S, P, obj), (S, P, Literal("另一个"))}


def test_turtle_depends_only_on_the_triple_set(serial):
    g = parse(serial[0] / "graph.ttl")
    triples = list(g)
    outs = set()
    for seed in (1, 2):
        random.Random(seed).shuffle(triples)
        buf = io.StringIO()
        write_turtle(triples_nt(triples), buf)
        outs.add(buf.getvalue())
    assert len(outs) == 1
    assert outs.pop().encode() == (serial[0] / "graph.ttl").read_bytes()


@pytest.mark.parametrize("jobs, engine, message", [(0, "local", "positive"), (1, "spark", "unknown engine")])
def test_bad_options(tmp_path, jobs, engine, message):
    from mzgraph.errors import MzgraphError

    with pytest.raises(MzgraphError, match=message):
        build([ROOT / "seeds"], tmp_path, jobs=jobs, engine=engine)


def test_every_phase_reports_progress_with_counts(tmp_path):
    from mzgraph.pipeline import PHASES, FileDone, PhaseProgress

    events = []
    build([ROOT / "seeds"], tmp_path / "out", jobs=2, on_event=events.append)
    seen = {"extract" if isinstance(e, FileDone) else e.phase for e in events
            if isinstance(e, (FileDone, PhaseProgress))}
    assert seen == set(PHASES)
    steps = [e for e in events if isinstance(e, PhaseProgress)]
    for phase in PHASES[1:]:
        mine = [e for e in steps if e.phase == phase]
        assert mine[0].done == 0 and mine[-1].done == mine[-1].total > 0, mine
    assert [p for p in dict.fromkeys(e.phase for e in steps)] == ["merge", "turtle", "store", "answers"]


def test_cli_renders_phases_with_counts_and_eta_on_a_terminal_only(capsys):
    from mzgraph.commands.build import _renderer
    from mzgraph.pipeline import FileDone, PhaseProgress

    ticks = iter([0.0, 10.0, 20.0, 20.0, 21.0])
    render = _renderer(True, clock=lambda: next(ticks))
    render(FileDone(1, 3, "a.txt"))
    render(FileDone(2, 3, "b.txt"))  # 1 file in 10 s: 1 more to go
    render(FileDone(3, 3, "c.txt"))
    render(PhaseProgress("store", 0, 100, "triples"))
    render(PhaseProgress("store", 100, 100, "triples"))
    err = capsys.readouterr().err
    assert "extract 2/3 files ETA 10s b.txt" in err
    assert "store 100/100 triples 1s" in err
    quiet = _renderer(False)
    quiet(FileDone(1, 3, "a.txt"))
    quiet(PhaseProgress("merge", 0, 1, "shards"))
    assert capsys.readouterr().err == ""


def test_jobs_default_to_the_processors_of_this_process():
    import argparse
    import os

    from mzgraph.commands.build import configure
    from mzgraph.pipeline import default_jobs

    assert default_jobs() == len(os.sched_getaffinity(0))
    p = argparse.ArgumentParser()
    configure(p)
    assert p.parse_args([]).jobs is None  # run() turns None into default_jobs()
