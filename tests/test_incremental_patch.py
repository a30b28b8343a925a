"""Re-builds that patch the last graph (pipeline/incremental.py): after every edit of a random sequence,
every output equals a build from scratch in a fresh folder, and the fallbacks (no GNU sort, too many
changes, a missing, stale or inconsistent index, a build stopped half-way) build in full, still equal."""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

import mzgraph.pipeline as pipeline
import mzgraph.pipeline.incremental as incremental
import mzgraph.pipeline.merge as merge
import mzgraph.pipeline.outputs as outputs
from mzgraph.pipeline import build
from mzgraph.pipeline.cache import STATE

DATA = Path(__file__).parent / "data"
POOL = sorted((DATA / "heldout").glob("h*.txt"))
BROKEN = b"\x00" * 200  # "not text": a file that fails


def store_lines(out: Path) -> list[str]:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(out / "store"))
    return sorted(f"{q.subject} {q.predicate} {q.object} .\n" for q in store.quads_for_pattern(None, None, None))


def answers(out: Path) -> dict[str, str]:
    folder = out / "answers"
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))["queries"]
    return {**{f.name: f.read_text(encoding="utf-8") for f in folder.glob("*.csv")}, "index": json.dumps(index)}


def summary(report) -> tuple:
    return (report.files, report.articles, report.triples, dict(report.entities), dict(report.distinct),
            sorted(report.failures))


@pytest.fixture()
def merges(monkeypatch) -> list[Path]:
    """The merged files made by a full merge of every shard (the real merge runs)."""
    made: list[Path] = []
    real = outputs.merge_graph

    def spy(shards, *args, **kwargs):
        made.append(shards.merged)
        return real(shards, *args, **kwargs)

    monkeypatch.setattr(outputs, "merge_graph", spy)
    return made


def check_like_a_clean_build(corpus: Path, out: Path, report, tmp_path: Path) -> None:
    clean = tmp_path / f"clean{len(list(tmp_path.iterdir()))}"
    fresh = build([corpus], clean, use_cache=False)
    assert (out / "graph.ttl").read_bytes() == (clean / "graph.ttl").read_bytes()
    assert (out / ".shards" / "graph.nt").read_bytes() == (clean / ".shards" / "graph.nt").read_bytes()
    assert (out / ".shards" / "graph.dups").read_bytes() == (clean / ".shards" / "graph.dups").read_bytes()
    assert store_lines(out) == store_lines(clean)
    assert answers(out) == answers(clean)
    assert summary(report) == summary(fresh)
    shutil.rmtree(clean)


def edit(rng: random.Random, corpus: Path, pool: list[Path], history: dict[Path, bytes]) -> str:
    files = sorted(corpus.iterdir())
    kind = rng.choice(["change", "add", "remove", "duplicate", "rename", "revert", "fail", "change"])
    victim = rng.choice(files)
    if kind == "change":
        text = victim.read_bytes()
        history[victim] = text
        victim.write_bytes(text.replace("民政".encode(), "民生".encode(), 1) + f"\n民政局局长张{rng.choice('三四五六')}主持会议。\n".encode())
    elif kind == "add" and pool:
        shutil.copy(pool.pop(), corpus)
    elif kind == "remove" and len(files) > 2:
        victim.unlink()
    elif kind == "duplicate":
        (corpus / f"copy-{rng.randrange(1000)}-{victim.name}").write_bytes(victim.read_bytes())
    elif kind == "rename":
        victim.rename(corpus / f"renamed-{rng.randrange(1000)}-{victim.name}")
    elif kind == "revert" and any(p.exists() for p in history):
        path = rng.choice(sorted(p for p in history if p.exists()))
        path.write_bytes(history.pop(path))
    elif kind == "fail":
        (corpus / f"broken-{rng.randrange(1000)}.txt").write_bytes(BROKEN)
    else:
        return "none"
    return kind


@pytest.mark.parametrize("seed", [1, 2])
def test_random_edits_patch_the_graph_and_equal_a_clean_build(tmp_path, seed, merges):
    rng = random.Random(seed)
    corpus = tmp_path / "in"
    corpus.mkdir()
    pool = list(POOL)
    rng.shuffle(pool)
    for _ in range(5):
        shutil.copy(pool.pop(), corpus)
    out = tmp_path / "out"
    build([corpus], out)
    history: dict[Path, bytes] = {}
    for step in range(7):
        kind = edit(rng, corpus, pool, history)
        merges.clear()
        report = build([corpus], out)
        assert (out / ".shards" / "graph.nt") not in merges, f"step {step} ({kind}) merged every shard"
        check_like_a_clean_build(corpus, out, report, tmp_path)


@pytest.fixture()
def corpus(tmp_path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for f in POOL[:6]:
        shutil.copy(f, src)
    return src


def change(corpus: Path, n: int = 1) -> None:
    for f in sorted(corpus.iterdir())[:n]:
        f.write_bytes(f.read_bytes() + "\n民政局局长张三主持会议。\n".encode())


def rebuild_in_full(corpus: Path, out: Path, merges: list[Path], tmp_path: Path) -> None:
    merges.clear()
    report = build([corpus], out)
    assert out / ".shards" / "graph.nt" in merges, "the graph was patched"
    check_like_a_clean_build(corpus, out, report, tmp_path)


def test_without_gnu_sort_every_build_is_a_full_one(corpus, tmp_path, merges, monkeypatch):
    monkeypatch.setattr(merge, "sort_command", lambda: None)
    monkeypatch.setattr(outputs, "sort_command", lambda: None)
    out = tmp_path / "out"
    build([corpus], out)
    assert not (out / ".shards" / STATE).exists()
    change(corpus)
    merges.clear()
    build([corpus], out)
    assert out / ".shards" / "graph.nt" in merges
    monkeypatch.undo()  # the clean build with GNU sort, the same bytes
    clean = tmp_path / "clean"
    build([corpus], clean, use_cache=False)
    assert (out / "graph.ttl").read_bytes() == (clean / "graph.ttl").read_bytes()
    assert store_lines(out) == store_lines(clean)


def test_too_many_changed_files_build_in_full(corpus, tmp_path, merges, monkeypatch):
    out = tmp_path / "out"
    build([corpus], out)
    monkeypatch.setattr(incremental, "MAX_CHANGED_FLOOR", 2)
    change(corpus, 3)
    rebuild_in_full(corpus, out, merges, tmp_path)


def _tamper_state(out: Path, how: str) -> None:
    path = out / ".shards" / STATE
    if how == "missing":
        path.unlink()
        return
    state = json.loads(path.read_text(encoding="utf-8"))
    if how == "older version":
        state["version"] = 0
    elif how == "other pipeline":
        state["pipeline"] = "0" * 32
    elif how == "offsets moved":  # stamps still right: only the check of the spans can tell
        state["nt"] = [0] + [o + 7 for o in state["nt"][1:]]
        state["ttl"] = [o + 5 for o in state["ttl"]]
    elif how == "subjects moved":
        state["subjects"] = state["subjects"][:1] + [s[:-1] + "x>" for s in state["subjects"][1:]]
    path.write_text(json.dumps(state), encoding="utf-8")


@pytest.mark.parametrize("how", ["missing", "older version", "other pipeline", "offsets moved", "subjects moved",
                                 "dups edited", "graph.nt edited"])
def test_a_missing_stale_or_inconsistent_index_builds_in_full(corpus, tmp_path, merges, monkeypatch, how):
    monkeypatch.setattr(incremental, "SEGMENT_BYTES", 2048)  # many spans on a small graph
    out = tmp_path / "out"
    build([corpus], out)
    assert len(json.loads((out / ".shards" / STATE).read_text(encoding="utf-8"))["subjects"]) > 10
    if how == "dups edited":
        with open(out / ".shards" / "graph.dups", "ab") as fh:
            fh.write(b"      2 <urn:x> <urn:y> <urn:z> .\n")
    elif how == "graph.nt edited":
        with open(out / ".shards" / "graph.nt", "ab") as fh:
            fh.write(b"<urn:x> <urn:y> <urn:z> .\n")
    else:
        _tamper_state(out, how)
    change(corpus, 2)
    rebuild_in_full(corpus, out, merges, tmp_path)


def test_small_spans_patch_many_of_them_exactly(corpus, tmp_path, merges, monkeypatch):
    """With spans of a few lines, a change touches many spans, first and last included."""
    monkeypatch.setattr(incremental, "SEGMENT_BYTES", 256)
    out = tmp_path / "out"
    build([corpus], out)
    for n in (1, 2):
        change(corpus, n)
        merges.clear()
        report = build([corpus], out)
        assert out / ".shards" / "graph.nt" not in merges
        check_like_a_clean_build(corpus, out, report, tmp_path)


class Stop(BaseException):
    pass


@pytest.mark.parametrize("where", ["before publish", "after publish"])
def test_a_build_stopped_half_way_leaves_a_state_the_next_build_trusts_only_if_true(corpus, tmp_path, merges,
                                                                                      monkeypatch, where):
    out = tmp_path / "out"
    build([corpus], out)
    before = (out / "graph.ttl").read_bytes()
    real_publish, real_apply = pipeline.publish, outputs.apply_patch

    def apply_then_stop(*args):
        real_apply(*args)
        raise Stop

    def publish_then_stop(*args):
        real_publish(*args)
        raise Stop

    if where == "before publish":
        monkeypatch.setattr(outputs, "apply_patch", apply_then_stop)
    else:
        monkeypatch.setattr(pipeline, "publish", publish_then_stop)
    change(corpus)
    with pytest.raises(Stop):
        build([corpus], out)
    if where == "before publish":
        assert (out / "graph.ttl").read_bytes() == before
    monkeypatch.undo()
    merges.clear()
    monkeypatch.setattr(outputs, "merge_graph", _spy(merges))
    change(corpus, 2)
    report = build([corpus], out)
    assert out / ".shards" / "graph.nt" in merges, "a state that no longer describes the files was trusted"
    check_like_a_clean_build(corpus, out, report, tmp_path)


def _spy(made: list[Path]):
    real = merge.merge_graph

    def spy(shards, *args, **kwargs):
        made.append(shards.merged)
        return real(shards, *args, **kwargs)

    return spy


def test_two_folders_with_files_of_the_same_name_keep_each_others_answers(tmp_path, merges):
    """Both files record the same source name, so the rows of one are the rows of the other too: when
    one changes or leaves, the rows that the other still has stay."""
    a, b = tmp_path / "a", tmp_path / "b"
    for folder, files in ((a, POOL[:3]), (b, POOL[3:5])):
        folder.mkdir()
        for f in files:
            shutil.copy(f, folder)
    shutil.copy(POOL[0], b / POOL[0].name)  # a/h01.txt and b/h01.txt: the same source, the same rows
    out = tmp_path / "out"
    build([a, b], out)
    (b / POOL[0].name).write_bytes(POOL[0].read_bytes() + "\n民政局局长张三主持会议。\n".encode())
    for step in ("changed", "removed"):
        if step == "removed":
            (b / POOL[0].name).unlink()
        merges.clear()
        report = build([a, b], out)
        assert out / ".shards" / "graph.nt" not in merges
        clean = tmp_path / f"clean-{step}"
        fresh = build([a, b], clean, use_cache=False)
        assert (out / "graph.ttl").read_bytes() == (clean / "graph.ttl").read_bytes()
        assert answers(out) == answers(clean)
        assert store_lines(out) == store_lines(clean)
        assert summary(report) == summary(fresh)
