"""What a SPARQL request may do here: read only, and call no remote endpoint unless allowed.

Both are decided on the query's tokens, as the SPARQL grammar splits them: strings, IRIs,
comments, variables and prefixed names are read past whole, so ``"SERVICE"``, ``# SERVICE``,
``?service`` or ``ex:SERVICE`` are not the keyword, while ``service``, ``SeRvIcE`` or
``SERVICE<http://…>{`` are. ``SERVICE`` is a reserved word of the grammar that appears only
in a ``ServiceGraphPattern``, so in a query the engine accepts, finding that token is finding a
federated call. Like Oxigraph, codepoint escapes (``\\u0053``) are read only inside strings.
A query the engine cannot parse fails there anyway.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import QueryError

__all__ = ["SparqlShape", "check_query", "shape_of"]

# One alternative per token class; the scanner tries them in this order at each position.
_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
              | \"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
              | '(?:[^'\\\n\r]|\\.)*'
              | "(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<name>(?:[\w\u00b7\u0300-\u036f\u203f-\u2040.\-]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%])*
             :(?:[\w\u00b7\u0300-\u036f\u203f-\u2040.\-:]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%])*)
  | (?P<word>[A-Za-z_][\w\-]*)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)

_UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})
_PROLOGUE_WORDS = frozenset({"BASE", "PREFIX"})


@dataclass(frozen=True)
class SparqlShape:
    """What the tokens of a SPARQL text say about it."""

    update: bool  # its first operation keyword (after BASE/PREFIX) is an update's
    service: bool  # it has a SERVICE clause (a call to another endpoint)


def _words(sparql: str):
    for match in _TOKEN.finditer(sparql):
        if match.lastgroup == "word":
            yield match.group().upper()


@lru_cache(maxsize=256)  # the same texts come again and again: the named queries, a page's own requests
def shape_of(sparql: str) -> SparqlShape:
    """Whether ``sparql`` is an update and whether it calls a SERVICE, from its tokens."""
    update = None
    service = False
    for word in _words(sparql):
        if update is None and word not in _PROLOGUE_WORDS:
            update = word in _UPDATE_WORDS
        if word == "SERVICE":
            service = True
    return SparqlShape(bool(update), service)


def check_query(sparql: str, *, allow_service: bool = False) -> None:
    """Raise a one-line :class:`QueryError` for an update (the graph is read-only) or, unless
    ``allow_service``, for a SERVICE clause (it would make this machine fetch any URL)."""
    shape = shape_of(sparql)
    if shape.update:
        raise QueryError("the graph is read-only: SPARQL updates (INSERT, DELETE, DROP, LOAD …) are refused")
    if shape.service and not allow_service:
        raise QueryError("SPARQL SERVICE (a call to another endpoint) is refused; "
                         "allow it with --allow-service (allow_service=True in Python)")
