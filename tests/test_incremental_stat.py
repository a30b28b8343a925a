"""The stat index of input files (pipeline/plan.py): an unchanged file is keyed without being read, and
every edit is still seen: one that keeps size and mtime, one made within the timestamp tick of its hashing."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

import mzgraph.pipeline.plan as plan
from mzgraph.pipeline import build
from mzgraph.pipeline.cache import ShardCache

DATA = Path(__file__).parent / "data"
OLD_NS = 1_600_000_000 * 10**9  # (2020): long before any build of the tests


@pytest.fixture()
def corpus(tmp_path, monkeypatch) -> Path:
    """Files last changed (ctime) more than the racy window before the build: 50 ms here."""
    monkeypatch.setattr(plan, "RACY_NS", 50_000_000)
    src = tmp_path / "in"
    src.mkdir()
    for f in sorted((DATA / "heldout").glob("h*.txt"))[:4]:
        shutil.copy(f, src)
        os.utime(src / f.name, ns=(OLD_NS, OLD_NS))
    time.sleep(0.1)
    return src


@pytest.fixture()
def hashed(monkeypatch) -> list[str]:
    """The files whose bytes were hashed (the real hash runs)."""
    seen: list[str] = []
    real = plan.source_key

    def spy(source, path, limit):
        seen.append(source)
        return real(source, path, limit)

    monkeypatch.setattr(plan, "source_key", spy)
    return seen


def test_an_unchanged_corpus_is_keyed_without_reading_a_file(corpus, tmp_path, hashed):
    out = tmp_path / "out"
    build([corpus], out, use_cache=False)  # (a build without the cache still keeps the index)
    assert len(hashed) == 4
    hashed.clear()
    build([corpus], out)
    assert hashed == []


def _same_size_edit(path: Path) -> None:
    st = path.stat()
    data = path.read_bytes()
    edited = data.replace("民政".encode(), "民生".encode(), 1)
    assert edited != data and len(edited) == len(data)
    path.write_bytes(edited)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # the mtime it had


def test_an_edit_that_keeps_size_and_mtime_is_seen(corpus, tmp_path, hashed):
    out = tmp_path / "out"
    build([corpus], out)
    victim = sorted(corpus.iterdir())[1]
    before = (out / "graph.ttl").read_bytes()
    _same_size_edit(victim)
    hashed.clear()
    build([corpus], out)
    assert hashed == [victim.name]
    clean = tmp_path / "clean"
    build([corpus], clean, use_cache=False)
    assert (out / "graph.ttl").read_bytes() == (clean / "graph.ttl").read_bytes() != before


def _stat_like(st: os.stat_result, **changes) -> os.stat_result:
    fields = {"st_size": st.st_size, "st_mtime_ns": st.st_mtime_ns, "st_ctime_ns": st.st_ctime_ns,
              "st_ino": st.st_ino, "st_dev": st.st_dev}
    fields.update(changes)
    return type("Stat", (), fields)()


@pytest.mark.parametrize("change, hashed_after_ns, trusted", [
    ({}, plan.RACY_NS + 1, True),
    ({}, plan.RACY_NS, False),  # changed within the racy window of its hashing: hashed again
    ({}, 0, False),
    ({"st_size": 1}, 10 * plan.RACY_NS, False),
    ({"st_mtime_ns": 1}, 10 * plan.RACY_NS, False),
    ({"st_ctime_ns": 1}, 10 * plan.RACY_NS, False),
    ({"st_ino": 1}, 10 * plan.RACY_NS, False),
])
def test_a_key_is_trusted_only_for_the_same_stat_older_than_its_hashing(tmp_path, change, hashed_after_ns, trusted):
    f = tmp_path / "a.txt"
    f.write_text("x", encoding="utf-8")
    st = f.stat()
    cache = ShardCache(tmp_path / "out")
    index = plan.StatIndex(cache)
    index.record(str(f), "a.txt", st, "k" * 40, max(st.st_mtime_ns, st.st_ctime_ns) + hashed_after_ns)
    index.seen.add(str(f))
    index.save()
    again = plan.StatIndex(cache)
    now = _stat_like(st, **{k: getattr(st, k) + v for k, v in change.items()})
    assert (again.key(str(f), "a.txt", now) == "k" * 40) is trusted
    assert again.key(str(f), "b.txt", st) is None  # another source name: another key
