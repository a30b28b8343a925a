"""One base error for the library; the CLI turns any of them into a one-line message."""
from __future__ import annotations

import os

__all__ = ["MzgraphError", "InputError", "LexiconError", "QueryError", "shown_path", "os_error_message"]


class MzgraphError(Exception):
    """Base of every error mzgraph raises on purpose."""


class InputError(MzgraphError):
    """An input file could not be read as an article (encoding, binary, empty, too big)."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class LexiconError(MzgraphError):
    """A packaged data file is malformed; the message names file:line."""


class QueryError(MzgraphError):
    """A SPARQL query could not be parsed or run."""


def shown_path(path: str | bytes | os.PathLike) -> str:
    """A path as a message shows it: bytes of a name that are not UTF-8 as ``\\xff`` escapes, never raw."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def os_error_message(exc: OSError) -> str:
    """``PATH: reason`` of an error of the operating system (``out/graph.ttl: No space left on device``)."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename is None:
        return reason
    where = shown_path(exc.filename)
    if exc.filename2 is not None:
        where += f" -> {shown_path(exc.filename2)}"
    return f"{where}: {reason}"
