"""atomic.write_private: in place while nothing trusts the file yet, atomically once something does."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from mzgraph.atomic import write_private


def test_a_new_file_is_written_in_place(tmp_path):
    target, record = tmp_path / "k.nt", tmp_path / "k.json"
    write_private(target, b"<a> <b> <c> .\n", record)
    assert target.read_bytes() == b"<a> <b> <c> .\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.nt"]


@pytest.mark.parametrize("existing", ["file", "record", "both"])
def test_a_file_that_is_there_or_trusted_is_replaced_by_rename(tmp_path, existing):
    """A reader holding the old file keeps reading the old bytes: the new ones are another inode."""
    target, record = tmp_path / "k.nt", tmp_path / "k.json"
    if existing in ("file", "both"):
        target.write_bytes(b"old\n")
    if existing in ("record", "both"):
        record.write_text("{}")
    before = target.stat().st_ino if target.exists() else None
    reader = target.open("rb") if before is not None else None
    write_private(target, b"new\n", record)
    assert target.read_bytes() == b"new\n"
    if reader is not None:
        assert reader.read() == b"old\n" and target.stat().st_ino != before
        reader.close()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_a_crash_in_place_leaves_a_file_nothing_trusts_and_the_next_write_replaces_it(tmp_path):
    """A process killed in the middle of an in-place write: no record beside the partial file, and
    the write that follows goes by rename."""
    target, record = tmp_path / "k.nt", tmp_path / "k.json"
    code = textwrap.dedent(f"""
        import os
        import mzgraph.atomic as atomic
        real = os.fdopen
        class Dying:
            def __init__(self, fh): self.fh = fh
            def __enter__(self): return self
            def __exit__(self, *a): return False
            def write(self, data):
                self.fh.write(data[:5]); self.fh.flush(); os._exit(9)
        atomic.os.fdopen = lambda fd, mode: Dying(real(fd, mode))
        atomic.write_private({str(target)!r}, b"0123456789", {str(record)!r})
    """)
    p = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert p.returncode == 9, p.stderr
    assert target.read_bytes() == b"01234" and not record.exists()  # partial, and untrusted
    write_private(target, b"0123456789", record)
    assert target.read_bytes() == b"0123456789"


def test_a_full_disk_in_place_removes_the_file_and_names_it(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True, text=True)
    if p.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {p.stderr.strip()}")
    try:
        target = disk / "k.nt"
        with pytest.raises(OSError) as caught:
            write_private(target, b"x" * 200_000, disk / "k.json")
        assert caught.value.filename == str(target) and "No space left" in caught.value.strerror
        assert list(disk.iterdir()) == []
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)
