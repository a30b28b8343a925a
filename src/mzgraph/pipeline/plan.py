"""The first stage of a build: list the input files, key each one by content, find the shards to make.

Nothing is read whole here: a file's size and kind come from ``stat`` and its key from a streamed
hash, so a huge file, a FIFO or a device costs a line in the report, not memory or a hang.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import reader
from ..atomic import write_text
from ..errors import InputError, MzgraphError, shown_path
from ..reader import InputFile, check_file, check_name, find_inputs
from .articles import read_articles
from .cache import STAT_INDEX, ShardCache, ShardInfo, pipeline_version
from .events import BuildReport, Listener, ignore

__all__ = ["Plan", "StatIndex", "STAT_INDEX", "plan_build", "plan_keys", "look_up", "check_readable", "check_inputs", "find_checked", "check_not_empty", "source_key"]

_CHUNK = 1 << 20
RACY_NS = 2_000_000_000  # a file changed this close to when it was hashed may change again unseen: hash it again


class StatIndex:
    """Keys of input files by their ``stat`` (size, mtime, ctime, inode, device), so an unchanged file is
    not read again. As in git's index, a key is trusted only for a file whose last change is older than
    its hashing by :data:`RACY_NS`: a same-size edit within the same timestamp tick is still hashed."""

    def __init__(self, cache: ShardCache):
        self.path = cache.root / STAT_INDEX
        self.entries: dict[str, list] = {}
        self.changed = False
        if cache.enabled:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if data.get("pipeline") == pipeline_version():
                    self.entries = data["files"]
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                self.entries = {}
        self.seen: set[str] = set()

    @staticmethod
    def _stamp(st: os.stat_result) -> list[int]:
        return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]

    def key(self, name: str, source: str, st: os.stat_result) -> str | None:
        self.seen.add(name)
        e = self.entries.get(name)
        if (e is None or len(e) != 4 or e[0] != self._stamp(st) or e[1] != source
                or max(st.st_mtime_ns, st.st_ctime_ns) + RACY_NS >= e[3]):
            return None
        return e[2]

    def record(self, name: str, source: str, st: os.stat_result, key: str, hashed_at: int) -> None:
        self.entries[name] = [self._stamp(st), source, key, hashed_at]
        self.changed = True

    def save(self) -> None:
        gone = set(self.entries) - self.seen
        if not (self.changed or gone):
            return
        files = {k: v for k, v in sorted(self.entries.items()) if k in self.seen}
        try:
            write_text(self.path, json.dumps({"pipeline": pipeline_version(), "files": files},
                                             ensure_ascii=False, separators=(",", ":")))
        except OSError:
            pass  # (only a cost: the next build hashes the files again)


@dataclass
class Plan:
    """The input files of a build, their cache keys, the shards already cached and the files to extract."""

    files: list[Path]
    keys: dict[str, str]  # str(path) → cache key
    cached: dict[str, ShardInfo]  # str(path) → the record of a file known without extraction: cached, or failed
    todo: list[tuple[str, str, str]]  # (path, key, source) of the files to extract
    keyed: list[tuple[str, str, str]] = field(default_factory=list)  # (path, key, source) of the readable files


def source_key(source: str, path: Path, limit: int) -> str:
    """Cache key of one input file: its source name (articles carry it), its bytes (streamed, at most
    ``limit`` + 1 of them) and the pipeline version."""
    h = hashlib.sha256()
    h.update(pipeline_version().encode())
    h.update(b"\0")
    h.update(source.encode("utf-8"))
    h.update(b"\0")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as fh:
        left = limit + 1
        while left > 0 and (chunk := fh.read(min(_CHUNK, left))):
            h.update(chunk)
            left -= len(chunk)
    return h.hexdigest()[:40]


def _failed_key(path: Path, reason: str) -> str:
    return "failed-" + hashlib.sha256(os.fsencode(path) + b"\0" + reason.encode("utf-8", "replace")).hexdigest()[:32]


def plan_build(inputs: list[Path], cache: ShardCache) -> Plan:
    """Key every input file by its bytes and the pipeline version; cached shards are reused."""
    return look_up(plan_keys(inputs, cache), cache)


def plan_keys(inputs: list[Path], cache: ShardCache, found: list[InputFile] | None = None) -> Plan:
    """Key every input file by its bytes (or its unchanged stat) and the pipeline version; no shard is
    looked up yet (:func:`look_up`).

    Files found unreadable without reading them (an unreadable folder, a FIFO, too large, a name
    that is not UTF-8) get a failure record here and are never extracted.
    """
    found = find_inputs(inputs) if found is None else found
    index = StatIndex(cache)
    keys: dict[str, str] = {}
    cached: dict[str, ShardInfo] = {}
    keyed: list[tuple[str, str, str]] = []
    for f in found:
        name = str(f.path)
        try:
            if f.problem:
                raise InputError(name, f.problem)
            check_name(f.source, name)
            check_name(name, name, "path is not valid UTF-8 (rename its folder)")  # the cache records it
            st = check_file(f.path)
            key = index.key(name, f.source, st)
            if key is None:
                key = source_key(f.source, f.path, reader.MAX_BYTES)
                index.record(name, f.source, st, key, time.time_ns())
        except InputError as exc:
            keys[name] = key = _failed_key(f.path, exc.reason)
            cached[name] = ShardInfo(key=key, source=name, failure=exc.reason)
            continue
        except OSError as exc:
            reason = f"cannot read: {exc.strerror or exc}"
            keys[name] = key = _failed_key(f.path, reason)
            cached[name] = ShardInfo(key=key, source=name, failure=reason)
            continue
        keys[name] = key
        keyed.append((name, key, f.source))
    index.save()
    return Plan([f.path for f in found], keys, cached, [], keyed)


def look_up(plan: Plan, cache: ShardCache) -> Plan:
    """``plan`` with the cached shards of its files found, the others to extract."""
    for name, key, source in plan.keyed:
        hit = cache.get(key)
        if hit is None:
            plan.todo.append((name, key, source))
        else:
            plan.cached[name] = hit
    plan.keyed = []
    return plan


def check_readable(plan: Plan, on_event: Listener = ignore) -> None:
    """Raise :class:`InputError` for the first unreadable file (``--strict``), before any extraction work."""
    sources = {path: source for path, _, source in plan.todo}
    for f in plan.files:
        hit = plan.cached.get(str(f))
        if hit is not None and hit.failure:
            raise InputError(str(f), hit.failure)
        if hit is None:
            for _ in read_articles([InputFile(f, sources[str(f)])], BuildReport(), strict=True, on_event=on_event):
                pass


def check_inputs(inputs: Iterable[Path | str], allow_empty: bool = False) -> list[Path]:
    """The inputs of a build, or :class:`MzgraphError` before anything is written when there is nothing to build.

    Every input missing (a mistyped path) or no article file under any of them fails, so a build
    never publishes an empty graph over a good one by mistake; ``allow_empty`` lets the second pass.
    Some inputs missing among others is a per-file failure of the build instead.
    """
    return find_checked(inputs, allow_empty)[0]


def find_checked(inputs: Iterable[Path | str], allow_empty: bool = False) -> tuple[list[Path], list[InputFile] | None]:
    """:func:`check_inputs`, and the files it found (None when it did not look: ``allow_empty``)."""
    paths = [Path(i) for i in inputs]
    missing = [p for p in paths if not os.path.lexists(p)]
    if paths and len(missing) == len(paths):
        raise MzgraphError(f"{', '.join(map(shown_path, missing))}: no such file or folder; nothing built")
    if allow_empty:
        return paths, None
    found = find_inputs(paths)
    if not found:
        where = ", ".join(map(shown_path, paths)) or "no inputs given"
        raise MzgraphError(f"{where}: no article files ({', '.join(reader.SUFFIXES)}) found; nothing built "
                           f"(--allow-empty builds a graph of the ontology alone)")
    return paths, found


def check_not_empty(report: BuildReport, allow_empty: bool = False) -> None:
    """After extraction: when no input gave an article, fail rather than publish an empty graph."""
    if report.articles == 0 and not allow_empty:
        raise MzgraphError(f"no article could be read from the {report.files} input file(s): nothing published "
                           f"(--allow-empty publishes a graph of the ontology alone)")

