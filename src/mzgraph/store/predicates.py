"""Which predicates a SPARQL query can read: a store holding only the triples of those predicates
answers it exactly as the whole graph does.

A triple pattern whose predicate is an IRI (or a path of IRIs) matches only triples of those
predicates, so the others can never join into a solution. Read from the query's algebra
(rdflib's), the answer is "any" (None) as soon as a pattern could match a triple of another
predicate: a variable predicate, a negated property set, or a path that may have length zero
(``p*``, ``p?``: it matches every node of the graph, whatever links it).
"""
from __future__ import annotations

from functools import lru_cache

__all__ = ["query_predicates", "predicates_of"]


def _path_predicates(path, found: set[str]) -> bool:
    """Add the IRIs ``path`` walks to ``found``; False when it may match a triple of any predicate."""
    from rdflib import URIRef
    from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath

    if isinstance(path, URIRef):
        found.add(f"<{path}>")
        return True
    if isinstance(path, (SequencePath, AlternativePath)):
        return all(_path_predicates(p, found) for p in path.args)
    if isinstance(path, InvPath):
        return _path_predicates(path.arg, found)
    if isinstance(path, MulPath):
        return path.mod == "+" and _path_predicates(path.path, found)
    return False  # a variable, a negated property set, anything unforeseen


def _walk(node, found: set[str]) -> bool:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        # BGP: translated patterns; TriplesBlock: the parse tree rdflib keeps inside EXISTS
        if node.name in ("BGP", "TriplesBlock"):
            for triple in node.get("triples") or ():
                if len(triple) != 3 or not _path_predicates(triple[1], found):
                    return False
        return all(_walk(v, found) for v in node.values())
    if isinstance(node, (list, tuple)):
        return all(_walk(v, found) for v in node)
    return True


@lru_cache(maxsize=64)
def query_predicates(sparql: str) -> frozenset[str] | None:
    """The predicates (as N-Triples IRIs, ``<…>``) that ``sparql``'s patterns can match, or None when
    they may match any (or the query cannot be read here)."""
    try:
        from rdflib.plugins.sparql import prepareQuery

        algebra = prepareQuery(sparql).algebra
    except Exception:  # noqa: BLE001 - a text rdflib cannot read: no claim about it
        return None
    found: set[str] = set()
    return frozenset(found) if _walk(algebra, found) else None


def predicates_of(queries: tuple[str, ...]) -> frozenset[str] | None:
    """The union of :func:`query_predicates` over ``queries``; None when any of them may read any predicate."""
    out: set[str] = set()
    for q in queries:
        found = query_predicates(q)
        if found is None:
            return None
        out |= found
    return frozenset(out)
