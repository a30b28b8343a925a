"""One build at a time in an output folder: an exclusive lock on ``OUT/.lock``.

Two builds into one folder would share its shard cache, manifest and generations; one could
publish a graph merged from the other's half-written shards. A build takes ``flock`` on
``OUT/.lock`` before it reads the cache and keeps it until it has published (the kernel drops the
lock when the process ends, however it ends), and writes its pid there so that another build can
say who holds the folder. Readers (``query``, ``serve``, ``export``) take no lock: publishing is
atomic for them (``publish.py``).
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import MzgraphError, shown_path
from .events import Listener, ignore

__all__ = ["LOCK_FILE", "Waiting", "OutputBusy", "prepare_out", "hold"]

LOCK_FILE = ".lock"


@dataclass(frozen=True)
class Waiting:
    """Event: another build holds the output folder; this one waits until it ends."""

    out: str
    pid: int | None

    def __str__(self) -> str:
        who = f"pid {self.pid}" if self.pid else "another process"
        return f"waiting: {self.out} is being built by {who} (--no-wait stops instead)"


class OutputBusy(MzgraphError):
    """The output folder is locked by another build and the caller chose not to wait."""


def prepare_out(out: Path) -> Path:
    """The output folder, created when missing; one-line errors when it cannot be a folder."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise MzgraphError(f"{shown_path(out)}: not a folder (--out names the folder a build writes into)")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MzgraphError(f"{shown_path(out)}: cannot create the output folder: {exc.strerror or exc}") from None
    return out


def _holder(fd: int) -> int | None:
    try:
        return int(os.pread(fd, 32, 0).split()[0])
    except (OSError, ValueError, IndexError):
        return None


@contextmanager
def hold(out: Path, wait: bool = True, on_event: Listener = ignore) -> Iterator[Path]:
    """Hold the exclusive lock of output folder ``out`` for the block (created when missing).

    When another build holds it: wait for it (a :class:`Waiting` event first), or with
    ``wait=False`` raise :class:`OutputBusy` naming its pid.
    """
    out = prepare_out(out)
    try:
        fd = os.open(out / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise MzgraphError(f"{shown_path(out)}: cannot write in the output folder: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _holder(fd)
            if not wait:
                who = f"pid {pid}" if pid else "another process"
                raise OutputBusy(f"{shown_path(out)}: another build ({who}) is writing there; "
                                 f"nothing done (leave out --no-wait to wait for it)") from None
            on_event(Waiting(shown_path(out), pid))
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield out
    finally:
        os.close(fd)  # drops the lock
