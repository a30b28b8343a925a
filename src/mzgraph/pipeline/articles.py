"""The first per-file stage of a build: read a file into articles, announcing what could not be read."""
from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article
from ..reader import InputWarning, read_path
from .events import BuildReport, FileSkipped, InputWarned, Listener, ignore

__all__ = ["read_articles"]


def read_articles(files: Iterable[Path], report: BuildReport, strict: bool = False,
                  on_event: Listener = ignore) -> Iterator[Article]:
    """Articles of every readable file; unreadable files are recorded and announced (or raised with ``strict``)."""
    for f in files:
        report.files += 1
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", InputWarning)
                arts = read_path(f)
        except InputError as exc:
            if strict:
                raise
            report.failures.append((exc.path, exc.reason))
            on_event(FileSkipped(exc.path, exc.reason))
            continue
        for w in caught:  # repaired but readable (e.g. a truncated last character): one event each
            on_event(InputWarned(str(w.message)))
        yield from arts
