"""Named-query answers kept by the build: the same rows as the store, used only while they fit."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mzgraph.store.answers import answer_query, find_answer, query_key
from mzgraph.pipeline import build
from mzgraph.query import named_queries, run_query
from mzgraph.store import open_graph

DATA = Path(__file__).parent / "data"
MZGRAPH = [sys.executable, "-m", "mzgraph.cli"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The independent set built into a fresh folder (16 articles: every query has rows)."""
    src = tmp_path_factory.mktemp("articles")
    for f in (DATA / "heldout").glob("h*.txt"):
        shutil.copy(f, src)
    out = tmp_path_factory.mktemp("answers-build")
    build([src], out)
    return out


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_kept_answer_is_the_store_answer(built, name):
    text = named_queries()[name]
    kept = find_answer(built, text)
    assert kept is not None, f"no kept answer for {name}"
    live = run_query(built, text)
    assert kept.columns == live.columns
    assert kept.rows == live.rows and len(kept.rows) > 0
    assert kept.to_csv() == live.to_csv()
    # through the build's graph.ttl too (the evaluation contract's path)
    assert find_answer(built / "graph.ttl", text).rows == live.rows


def test_cli_prints_the_same_csv_kept_or_live(built):
    for name in named_queries():
        kept = subprocess.run([*MZGRAPH, "query", str(built), "--name", name, "--format", "csv"],
                              capture_output=True, text=True, check=True).stdout
        live = subprocess.run([*MZGRAPH, "query", str(built), "--name", name, "--format", "csv", "--live"],
                              capture_output=True, text=True, check=True).stdout
        assert kept == live and kept.count("\n") > 1


def test_other_query_texts_run_on_the_store(built):
    text = named_queries()["posts"]
    assert find_answer(built, text + "\n") is None  # not the kept text, byte for byte
    assert find_answer(built, "SELECT * WHERE { ?s ?p ?o } LIMIT 1") is None
    assert len(answer_query(built, "SELECT * WHERE { ?s ?p ?o } LIMIT 3").rows) == 3


def test_graph_handle_uses_kept_answers_and_live_on_request(built):
    g = open_graph(built)
    assert g.named("posts") == g.named("posts", live=True)
    assert g.result(named_queries()["posts"]).csv_text is not None
    assert g.result(named_queries()["posts"], live=True).csv_text is None


def _copy_build(built: Path, tmp_path: Path) -> Path:
    out = tmp_path / "copy"
    shutil.copytree(built, out, symlinks=True)
    return out


def test_a_hand_edited_graph_ttl_turns_answers_off(built, tmp_path):
    out = _copy_build(built, tmp_path)
    text = named_queries()["entities"]
    assert find_answer(out, text) is not None
    ttl = (out / "graph.ttl").resolve()
    ttl.write_text(ttl.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert find_answer(out, text) is None
    assert answer_query(out, text).rows == run_query(out, text).rows


@pytest.mark.parametrize("damage", ["index", "csv", "rows"])
def test_damaged_answers_are_ignored_not_trusted(built, tmp_path, damage):
    out = _copy_build(built, tmp_path)
    folder = (out / "answers").resolve()
    text = named_queries()["posts"]
    if damage == "index":
        (folder / "index.json").write_text("{not json", encoding="utf-8")
    elif damage == "csv":
        (folder / "posts.csv").unlink()
    else:
        index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
        index["queries"][query_key(text)]["rows"] += 1
        (folder / "index.json").write_text(json.dumps(index), encoding="utf-8")
    assert find_answer(out, text) is None
    assert answer_query(out, text).rows == run_query(out, text).rows


def test_a_new_build_brings_new_answers(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    articles = sorted((DATA / "heldout").glob("h*.txt"))
    shutil.copy(articles[0], src)
    out = tmp_path / "out"
    build([src], out)
    text = named_queries()["entities"]
    first = find_answer(out, text).rows
    shutil.copy(articles[1], src)
    build([src], out)
    second = find_answer(out, text).rows
    assert {r["source"] for r in first} == {articles[0].name}
    assert {r["source"] for r in second} == {articles[0].name, articles[1].name}
    assert second == run_query(out, text).rows


def test_no_store_build_has_no_answers_and_still_answers(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(sorted((DATA / "heldout").glob("h*.txt"))[0], src)
    build([src], tmp_path / "out", store=False)
    text = named_queries()["posts"]
    assert find_answer(tmp_path / "out", text) is None
    assert not os.path.exists(tmp_path / "out" / "answers" / "index.json")
    assert answer_query(tmp_path / "out" / "graph.ttl", text).rows


def test_two_process_build_keeps_the_same_answers(built, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for f in (DATA / "heldout").glob("h*.txt"):
        shutil.copy(f, src)
    out = tmp_path / "out"
    build([src], out, jobs=2)
    for name in named_queries():
        assert (out / "answers" / f"{name}.csv").read_bytes() == (built / "answers" / f"{name}.csv").read_bytes()
    assert find_answer(out, named_queries()["posts"]) is not None


def test_a_two_process_build_from_stdin_works_without_a_pool(tmp_path):
    """A script on stdin cannot be re-imported by spawned workers: the output work stays in process."""
    article = sorted((DATA / "heldout").glob("h*.txt"))[0]
    script = (f"from pathlib import Path\nfrom mzgraph.pipeline import build\n"
              f"build([Path({str(article)!r})], Path({str(tmp_path / 'out')!r}), jobs=2)\n")
    subprocess.run([sys.executable, "-"], input=script, text=True, check=True, timeout=300)
    assert find_answer(tmp_path / "out", named_queries()["posts"]) is not None


@pytest.fixture(scope="module")
def built_all(tmp_path_factory) -> Path:
    """Every test set and the real-page eval sets when present, with the seeds: many files, every query."""
    inputs = [Path(__file__).parents[1] / "seeds"] + sorted(p for p in DATA.iterdir() if p.is_dir())
    inputs += [p for p in (Path("/work/shared/eval/dev"), Path("/work/shared/eval/real-dev")) if p.is_dir()]
    out = tmp_path_factory.mktemp("answers-all")
    build(inputs, out)
    return out


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_rows_kept_per_file_merge_into_the_store_answer(built_all, name):
    text = named_queries()[name]
    kept = find_answer(built_all, text)
    live = run_query(built_all, text)
    assert kept.to_csv() == live.to_csv()
    assert len({r["source"] for r in live.rows}) > 20


def test_answers_come_from_the_files_rows_not_the_store(built_all, tmp_path):
    """Every packaged query is merged from the rows kept with the shards: no store is needed."""
    from mzgraph.pipeline.cache import SHARDS, ShardCache
    from mzgraph.store.answers import write_answers

    cache = ShardCache(built_all)
    files = json.loads((built_all / SHARDS / "manifest.json").read_text())["files"]
    rows = sorted(cache.root.glob("*.rows"))
    assert 0.9 * files <= len(rows) <= files  # one per distinct file (a file copied into two sets is one)
    gen = tmp_path / "gen"
    gen.mkdir()
    shutil.copy(built_all / "graph.ttl", gen / "graph.ttl")  # no store beside it
    write_answers(gen, rows=rows)
    for name in named_queries():
        assert (gen / "answers" / f"{name}.csv").read_bytes() == (built_all / "answers" / f"{name}.csv").read_bytes()
    # a file whose rows were made for another text of a query: that query goes to the store
    (gen / "answers").rename(tmp_path / "old")
    first = json.loads(rows[0].read_text())
    rows[0].write_text(json.dumps({k + "x": v for k, v in first.items()}))
    try:
        with pytest.raises(Exception):
            write_answers(gen, rows=rows)
    finally:
        rows[0].write_text(json.dumps(first))
