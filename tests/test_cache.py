"""Content-hash shard cache: an edit or a deletion changes exactly that file's facts."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from mzgraph.pipeline.cache import ShardCache, ShardInfo, file_key
from mzgraph.pipeline import build

DEV = Path("/work/shared/eval/dev")
ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(DEV.glob("*.txt"))[1:4] if DEV.is_dir() else sorted((ROOT / "seeds").glob("*.txt"))


def triples(out: Path) -> set:
    g = Graph()
    g.parse(out / "graph.ttl", format="turtle")
    return set(g)


@pytest.fixture()
def corpus(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i, f in enumerate(SOURCES):
        shutil.copyfile(f, src / f"a{i}.txt")
    return src


def only(path: Path, tmp: Path) -> set:
    """Triples of one file built alone."""
    out = tmp / f"only-{path.stem}-{len(list(tmp.iterdir()))}"
    build([path], out, store=False)
    return triples(out)


def test_unchanged_rebuild_is_byte_identical_and_extracts_nothing(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build([corpus], out, store=False)
    first = (out / "graph.ttl").read_bytes()
    import mzgraph.pipeline.engines as engines

    def boom(*args, **kwargs):
        raise AssertionError("an unchanged file was extracted again")

    monkeypatch.setattr(engines, "_extract", boom)  # what every engine runs for each file
    report = build([corpus], out, store=False)
    assert (out / "graph.ttl").read_bytes() == first
    assert report.files == len(SOURCES) and report.triples > 0


@pytest.mark.parametrize("edit", [
    lambda t: t.replace("民政", "民生", 1),
    lambda t: t + "\n民政局局长张三主持会议。\n",
])
def test_changed_file_changes_only_its_facts(corpus, tmp_path, edit):
    out = tmp_path / "out"
    build([corpus], out, store=False)
    before = triples(out)
    target = corpus / "a1.txt"
    old_alone = only(target, tmp_path)
    target.write_text(edit(target.read_text(encoding="utf-8")), encoding="utf-8")
    build([corpus], out, store=False)
    after = triples(out)
    new_alone = only(target, tmp_path)
    assert before != after
    assert before - after <= old_alone
    assert after - before <= new_alone
    assert after == (before - old_alone) | new_alone | (before & old_alone & after)


def test_deleted_file_facts_disappear(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus], out, store=False)
    target = corpus / "a2.txt"
    alone = only(target, tmp_path)
    target.unlink()
    fresh = tmp_path / "fresh"
    build([corpus], fresh, store=False)
    build([corpus], out, store=False)
    assert triples(out) == triples(fresh)
    assert (out / "graph.ttl").read_bytes() == (fresh / "graph.ttl").read_bytes()
    assert not any("a2.txt" in str(o) for _, _, o in triples(out))
    assert alone - triples(out)  # its own facts are gone
    assert len(list((out / ".shards").glob("*.nt"))) == len(SOURCES) - 1 + 2  # + ontology, graph.nt


@pytest.mark.parametrize("a, b, same", [
    (("x.txt", b"abc"), ("x.txt", b"abc"), True),
    (("x.txt", b"abc"), ("x.txt", b"abd"), False),
    (("x.txt", b"abc"), ("y.txt", b"abc"), False),  # the name is part of the facts (mz:sourceFile)
    (("d1/x.txt", b"abc"), ("d2/x.txt", b"abc"), True),
])
def test_file_key(a, b, same):
    assert (file_key(Path(a[0]), a[1]) == file_key(Path(b[0]), b[1])) is same


@pytest.mark.parametrize("enabled, found", [(True, True), (False, False)])
def test_cache_get_put(tmp_path, enabled, found):
    cache = ShardCache(tmp_path, enabled=enabled)
    info = ShardInfo(key="k1", source="a.txt", articles=2, entities={"Person": 3})
    cache.nt("k1").write_text("", encoding="utf-8")
    cache.put(info)
    assert (cache.get("k1") == info) is found
    assert cache.get("missing") is None
