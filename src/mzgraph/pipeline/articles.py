"""The first per-file stage of a build: read a file into articles, announcing what could not be read."""
from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article
from ..reader import InputFile, InputWarning, read_path
from .events import BuildReport, FileSkipped, InputWarned, Listener, ignore

__all__ = ["read_articles", "failure_reason"]


def failure_reason(exc: BaseException) -> str:
    """The one-line reason a file failed: an :class:`InputError`'s own, else the exception's kind and first line."""
    if isinstance(exc, InputError):
        return exc.reason
    first = next(iter(str(exc).splitlines()), "")
    return f"failed: {type(exc).__name__}{': ' + first if first else ''}"


def read_articles(files: Iterable[Path | InputFile], report: BuildReport, strict: bool = False,
                  on_event: Listener = ignore) -> Iterator[Article]:
    """Articles of every readable file; unreadable files are recorded and announced (or raised with ``strict``).

    Whatever goes wrong while one file is read (not only an :class:`InputError`) fails that file alone.
    """
    for f in files:
        path, source = (f.path, f.source) if isinstance(f, InputFile) else (Path(f), None)
        report.files += 1
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", InputWarning)
                if isinstance(f, InputFile) and f.problem:
                    raise InputError(str(path), f.problem)
                arts = read_path(path, source)
        except Exception as exc:  # noqa: BLE001 - one file's failure, whatever it is, must not stop the others
            if strict:
                if isinstance(exc, InputError):
                    raise
                raise InputError(str(path), failure_reason(exc)) from exc
            report.failures.append((str(path), failure_reason(exc)))
            on_event(FileSkipped(str(path), failure_reason(exc)))
            continue
        for w in caught:  # repaired but readable (e.g. a truncated last character): one event each
            on_event(InputWarned(str(w.message)))
        yield from arts
