"""A file's named-query rows read from its extractions equal the rows the store gives for its triples."""
from __future__ import annotations

from pathlib import Path

import pytest

from mzgraph.pipeline.engines import _resources, extract_article
from mzgraph.pipeline.events import BuildReport
from mzgraph.pipeline.articles import read_articles
from mzgraph.rdf.graph import extraction_lines
from mzgraph.reader import InputFile, iter_input_files
from mzgraph.store import answers
from mzgraph.store.answers import extraction_file_rows, file_rows, query_key
from mzgraph.store.extraction_rows import PINNED, covers, extraction_rows
from mzgraph.store.queries import named_queries

ROOT = Path(__file__).parents[1]
SETS = [ROOT / "seeds", *sorted(p for p in (ROOT / "tests" / "data").iterdir() if p.is_dir())]
SETS += [p for p in (Path("/work/shared/eval/dev"), Path("/work/shared/eval/real-dev")) if p.is_dir()]


def test_every_packaged_query_has_a_reader_pinned_to_its_text():
    per_file = answers._per_file_queries()
    assert len(per_file) == len(named_queries()) == 6
    for name, text in named_queries().items():
        assert PINNED[query_key(text)][0] == name, f"{name}.rq changed: bring its reader in line and re-pin it"


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_rows_from_extractions_are_the_stores_rows(folder):
    lex, themes = _resources()
    keys = list(answers._per_file_queries())
    files = iter_input_files([folder])
    assert files
    for f in files:
        xs = [extract_article(a, lex) for a in read_articles([InputFile(f, f.name)], BuildReport())]
        lines = set().union(*(extraction_lines(x, themes) for x in xs))
        assert extraction_rows(xs, themes, keys) == file_rows([("f", sorted(lines))])["f"], f


def test_rows_from_extractions_have_rows_of_every_query():
    lex, themes = _resources()
    keys = list(answers._per_file_queries())
    got = {k: 0 for k in keys}
    for f in iter_input_files([ROOT / "tests" / "data" / "heldout"]):
        xs = [extract_article(a, lex) for a in read_articles([InputFile(f, f.name)], BuildReport())]
        for k, rows in extraction_rows(xs, themes, keys).items():
            got[k] += len(rows)
    assert all(n > 0 for n in got.values()), got


def test_an_edited_query_is_answered_by_the_store(monkeypatch):
    """A query text no reader is pinned to (an edited .rq) has its rows from the store, not the extractions."""
    edited = {k + "0": t for k, t in answers._per_file_queries().items()}
    assert not covers(edited)
    monkeypatch.setattr(answers, "_per_file_queries", lambda: edited)
    assert extraction_file_rows([("f", [])], _resources()[1]) is None
