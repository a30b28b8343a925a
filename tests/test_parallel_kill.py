"""A ``--jobs 2`` build killed with SIGKILL takes its worker processes with it.

Only the build process is killed (not its process group): its workers must notice that their
parent is gone and end on their own, instead of running on (or waiting forever) as orphans.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def children(pid: int) -> set[int]:
    """Pids whose parent is ``pid``."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_sigkilled_build_leaves_no_workers(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    seed = next((ROOT / "seeds").glob("*.txt")).read_bytes()
    for i in range(400):
        (corpus / f"{i:03d}.txt").write_bytes(seed)
    proc = subprocess.Popen([sys.executable, "-m", "mzgraph.cli", "build", str(corpus), "--out", str(tmp_path / "out"),
                             "--jobs", "2", "--no-store"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            workers = children(proc.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "the build started no worker processes"
        time.sleep(1.0)  # the workers are extracting now
        os.kill(proc.pid, signal.SIGKILL)  # the build only, not its process group
        proc.wait()
        deadline = time.monotonic() + 10
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if alive(w)], "workers outlived their killed build"
    finally:
        for w in workers:  # the processes this test started, by pid
            try:
                os.kill(w, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if proc.poll() is None:
            proc.kill()
