"""One base error for the library; the CLI turns any of them into a one-line message."""
from __future__ import annotations

__all__ = ["MzgraphError", "InputError", "LexiconError", "QueryError"]


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
