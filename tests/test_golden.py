"""The seed build equals the golden graph (tests/golden/seed.ttl), compared by isomorphism.

The golden file holds the extracted triples only (the ontology and theme scheme that
graph.ttl also carries are left out). After a deliberate extraction change, review the
diff this test prints, then regenerate the file:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from mzgraph.rdf.graph import new_graph, serialize_turtle

GOLDEN = Path(__file__).resolve().parent / "golden" / "seed.ttl"
SHOW = 40


def extracted_triples(built: Graph) -> Graph:
    """The build without the ontology and theme-scheme triples every graph.ttl includes."""
    out = new_graph(with_ontology=False)
    ontology = new_graph(with_ontology=True)
    for t in built:
        if t not in ontology:
            out.add(t)
    return out


def ntriples(g: Graph, limit: int) -> str:
    lines = sorted(line for line in g.serialize(format="nt").splitlines() if line.strip())
    more = f"\n    … and {len(lines) - limit} more" if len(lines) > limit else ""
    return "\n".join("    " + line for line in lines[:limit]) + more


def describe_diff(built: Graph, golden: Graph) -> str:
    _, only_built, only_golden = graph_diff(to_isomorphic(built), to_isomorphic(golden))
    return (f"seed build differs from {GOLDEN.name} "
            f"(regenerate after a deliberate change: UPDATE_GOLDEN=1 pytest tests/test_golden.py)\n"
            f"  only in the build ({len(only_built)}):\n{ntriples(only_built, SHOW)}\n"
            f"  only in the golden file ({len(only_golden)}):\n{ntriples(only_golden, SHOW)}")


def test_seed_build_matches_golden(seed_graph):
    built = extracted_triples(seed_graph)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_bytes(serialize_turtle(built))
    if not GOLDEN.is_file():
        pytest.fail(f"{GOLDEN} is missing: create it with UPDATE_GOLDEN=1 pytest tests/test_golden.py")
    golden = Graph().parse(GOLDEN, format="turtle")
    if to_isomorphic(built) != to_isomorphic(golden):
        pytest.fail(describe_diff(built, golden), pytrace=False)


def test_diff_is_readable(seed_graph):
    """The failure message names the differing triples in N-Triples."""
    built = extracted_triples(seed_graph)
    changed = Graph()
    for t in built:
        changed.add(t)
    victim = sorted(changed)[0]
    changed.remove(victim)
    text = describe_diff(built, changed)
    assert "only in the build (1):" in text and "only in the golden file (0):" in text
    assert f"<{victim[0]}>" in text


def test_extracted_triples_leave_out_the_ontology(seed_graph):
    built = extracted_triples(seed_graph)
    assert 0 < len(built) < len(seed_graph)
    assert not any(str(s).startswith("https://w3id.org/mzgraph/ontology") for s in built.subjects())
