"""A build killed (SIGKILL) at any moment leaves the previous graph.ttl and store intact and usable.

The killed builds read 200 copies of the seed articles under varied names; the delays are drawn
from a seeded generator so a failure can be replayed. A build that finishes before its kill
becomes the new "previous" build. Killed builds leave cached shards behind, so later attempts
get further and the kills land in later phases (merge, store load, renames).
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _mzgraph(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mzgraph.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


def _triples_in_store(out: Path) -> int:
    proc = _mzgraph("query", str(out), COUNT, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    return int(proc.stdout.splitlines()[1])


def _triples_in_turtle(path: Path) -> int:
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    return len(store)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kill-in")
    seed = next((ROOT / "seeds").glob("*.txt")).read_bytes()
    names = ["民政新闻", "news", "会议 纪要", "article-x", "报道"]
    for i in range(200):
        suffix = ".md" if i % 3 == 0 else ".txt"
        (folder / f"{i:03d}_{names[i % len(names)]}{suffix}").write_bytes(seed)
    return folder


def test_killed_builds_leave_previous_outputs_usable(corpus, tmp_path):
    out = tmp_path / "out"
    first = _mzgraph("build", str(ROOT / "seeds"), "--out", str(out))
    assert first.returncode == 0, first.stderr
    previous = (out / "graph.ttl").read_bytes()
    previous_count = _triples_in_store(out)
    assert previous_count == _triples_in_turtle(out / "graph.ttl")

    reference = tmp_path / "reference"  # the corpus built whole: what a build killed after publishing leaves
    assert _mzgraph("build", str(corpus), "--out", str(reference)).returncode == 0
    complete = (reference / "graph.ttl").read_bytes()

    rng = random.Random(20240517)
    delays = [rng.uniform(0.05, 0.3)] + sorted(rng.uniform(2.0, 9.0) for _ in range(6))
    outcomes = []
    for delay in delays:
        proc = subprocess.Popen([sys.executable, "-m", "mzgraph.cli", "build", str(corpus), "--out", str(out)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            proc.wait(timeout=delay)
            finished = True
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the build and any worker processes it started
            proc.wait()
            finished = False
        outcomes.append((round(delay, 2), "finished" if finished else "killed"))
        now = (out / "graph.ttl").read_bytes()
        if finished:
            assert proc.returncode == 0
        if finished or now == complete != previous:  # (killed once its outputs were published: the new build, whole)
            previous, previous_count = now, _triples_in_turtle(out / "graph.ttl")
        assert now == previous, f"graph.ttl changed by a killed build: {outcomes}"
        assert _triples_in_store(out) == previous_count, f"store out of step with graph.ttl: {outcomes}"
    named = _mzgraph("query", str(out), "--name", "meetings", "--format", "csv")
    assert named.returncode == 0 and named.stdout.startswith("meeting"), named.stderr
    assert any(o == "killed" for _, o in outcomes), outcomes
    print("kill outcomes (delay s, result):", outcomes)


def test_completed_build_after_a_kill_equals_a_clean_build(corpus, tmp_path):
    """Shards left by a killed build never leak: the next full build equals a clean one."""
    small = tmp_path / "in"
    small.mkdir()
    for f in sorted(corpus.iterdir())[:30]:
        (small / f.name).write_bytes(f.read_bytes())
    out, clean = tmp_path / "out", tmp_path / "clean"
    proc = subprocess.Popen([sys.executable, "-m", "mzgraph.cli", "build", str(small), "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(2.0)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _mzgraph("build", str(small), "--out", str(out), "--no-store").returncode == 0
    assert _mzgraph("build", str(small), "--out", str(clean), "--no-store", "--no-cache").returncode == 0
    assert (out / "graph.ttl").read_bytes() == (clean / "graph.ttl").read_bytes()
