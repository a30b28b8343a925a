"""The build reports through events and prints nothing itself; workers' events reach the caller too."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mzgraph.pipeline import FileDone, FileSkipped, build

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture()
def corpus(tmp_path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for i, f in enumerate(sorted(SEEDS.glob("*.txt")) * 2):
        shutil.copyfile(f, src / f"a{i}.txt")
    (src / "empty.txt").write_bytes(b"")
    return src


@pytest.mark.parametrize("jobs", [1, 2])
def test_events_tell_progress_and_skipped_files_and_nothing_is_printed(corpus, tmp_path, capsys, jobs):
    events = []
    report = build([corpus], tmp_path / f"out{jobs}", store=False, jobs=jobs, on_event=events.append)
    out, err = capsys.readouterr()
    assert (out, err) == ("", "")
    total = len(list(corpus.iterdir()))
    done = [e for e in events if isinstance(e, FileDone)]
    assert [e.done for e in done] == list(range(1, total + 1)) and {e.total for e in done} == {total}
    assert [e for e in events if isinstance(e, FileSkipped)] == [FileSkipped(str(corpus / "empty.txt"), "empty file")]
    assert report.failures == [(str(corpus / "empty.txt"), "empty file")]


def test_a_cached_unreadable_file_is_reported_again(corpus, tmp_path):
    build([corpus], tmp_path / "out", store=False)
    events = []
    build([corpus], tmp_path / "out", store=False, on_event=events.append)
    assert [str(e) for e in events if isinstance(e, FileSkipped)] == [f"skipped {corpus / 'empty.txt'}: empty file"]


def test_the_older_progress_callback_still_works(corpus, tmp_path):
    seen = []
    build([corpus], tmp_path / "out", store=False, progress=lambda done, total, name: seen.append((done, total)))
    total = len(list(corpus.iterdir()))
    assert seen[-1] == (total, total)
