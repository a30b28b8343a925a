"""Atomic replacement of files, folders and symlinks: a reader sees the old version or the new one, never half.

Every writer of the package that others may read while it runs (shards, the cache, graph.ttl, HTML
pages, the store, the published outputs) goes through these helpers: write a temporary sibling,
then ``os.replace`` it over the target.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

__all__ = ["atomic_open", "write_text", "write_bytes", "write_lines", "write_private", "replace_dir", "replace_symlink"]

PUBLIC_FILE = 0o644  # mkstemp makes 0600; outputs are read by other users and processes


@contextmanager
def atomic_open(path: Path, binary: bool = False, mode: int = PUBLIC_FILE) -> Iterator[IO]:
    """A file object on a temporary sibling of ``path``, renamed over it when the block ends without error.

    The temporary file is removed on every other way out (an error, a full disk, Ctrl-C).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")) as fh:
            yield fh
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.filename is None:  # a failed write names no file: name the one being written
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8 with ``\\n`` line ends, atomically."""
    with atomic_open(path) as fh:
        fh.write(text)
    return Path(path)


def write_bytes(path: Path, data: bytes) -> Path:
    with atomic_open(path, binary=True) as fh:
        fh.write(data)
    return Path(path)


def write_lines(path: Path, lines: Iterable[str]) -> Path:
    """Write lines (each ending in its own newline), atomically."""
    with atomic_open(path) as fh:
        fh.writelines(lines)
    return Path(path)


def write_private(path: Path, data: bytes, trusted_with: Path) -> Path:
    """Write ``data`` to ``path`` in a folder that one build alone writes (the shard folder), where a
    reader trusts ``path`` only beside a record ``trusted_with`` that is written after it.

    While neither is there, the file is created and written in place: one file-system operation
    instead of create, chmod and rename, and a crash leaves a partial file that nothing trusts (it is
    replaced when its file is extracted again). Otherwise it is replaced atomically (:func:`write_bytes`).
    """
    path = Path(path)
    if not os.path.exists(trusted_with):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PUBLIC_FILE)
        except FileExistsError:
            fd = None
        if fd is not None:
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
            except BaseException as exc:
                path.unlink(missing_ok=True)
                if isinstance(exc, OSError) and exc.filename is None:  # name the file, as atomic_open does
                    raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
                raise
            return path
    return write_bytes(path, data)


def replace_dir(new: Path, final: Path) -> Path:
    """Move the finished folder ``new`` to ``final``, replacing (then deleting) what was there."""
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.old.{os.getpid()}")
        os.replace(final, old)
    try:
        os.replace(new, final)
    except BaseException:
        if old is not None:  # put the previous folder back
            os.replace(old, final)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return final


def replace_symlink(target: str, link: Path) -> None:
    """Point ``link`` at ``target`` with one rename (a new symlink over the old one)."""
    tmp = link.with_name(f".{link.name}.link{os.getpid()}")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    try:
        os.replace(tmp, link)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
