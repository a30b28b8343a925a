"""The first stage of a build: list the input files, key each one by content, find the shards to make."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..reader import iter_input_files
from .articles import read_articles
from .cache import ShardCache, ShardInfo, file_key
from .events import BuildReport, Listener, ignore

__all__ = ["Plan", "plan_build", "check_readable"]


@dataclass
class Plan:
    """The input files of a build, their cache keys, the shards already cached and the files to extract."""

    files: list[Path]
    keys: dict[str, str]  # str(path) → cache key
    cached: dict[str, ShardInfo]  # str(path) → the cached record of an unchanged file
    todo: list[tuple[str, str]]  # (path, key) of the files to extract


def plan_build(inputs: list[Path], cache: ShardCache) -> Plan:
    """Key every input file by its bytes and the pipeline version; cached shards are reused."""
    files = iter_input_files(inputs)
    keys: dict[str, str] = {}
    cached: dict[str, ShardInfo] = {}
    todo: list[tuple[str, str]] = []
    for f in files:
        try:
            data = f.read_bytes()
        except OSError as exc:
            data = f"unreadable:{exc}".encode()  # a key all the same; the reader reports the error
        keys[str(f)] = key = file_key(f, data)
        hit = cache.get(key)
        if hit is None:
            todo.append((str(f), key))
        else:
            cached[str(f)] = hit
    return Plan(files, keys, cached, todo)


def check_readable(plan: Plan, on_event: Listener = ignore) -> None:
    """Raise :class:`InputError` for the first unreadable file (``--strict``), before any extraction work."""
    for f in plan.files:
        hit = plan.cached.get(str(f))
        if hit is not None and hit.failure:
            raise InputError(str(f), hit.failure)
        if hit is None:
            for _ in read_articles([f], BuildReport(), strict=True, on_event=on_event):
                pass
