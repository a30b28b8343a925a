"""Shared fixtures: the seed file built once per session, the parsed graph, the lexicon."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
ONTOLOGY = ROOT / "ontology"


@pytest.fixture(scope="session")
def lexicon():
    from mzgraph.lexicon import load_lexicon

    return load_lexicon()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """(output folder, BuildReport) of ``build([seeds], out)``, with the Oxigraph store."""
    from mzgraph.pipeline import build

    out = tmp_path_factory.mktemp("seed-build")
    report = build([SEEDS], out)
    return out, report


@pytest.fixture(scope="session")
def seed_dir(seed_build) -> Path:
    return seed_build[0]


@pytest.fixture(scope="session")
def seed_graph(seed_dir) -> Graph:
    """The seed build's graph.ttl, parsed. Shared: copy it before changing it."""
    return Graph().parse(seed_dir / "graph.ttl", format="turtle")
