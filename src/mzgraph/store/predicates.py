"""Which predicates a SPARQL query can read: a store holding only the triples of those predicates
answers it exactly as the whole graph does.

A triple pattern whose predicate is an IRI (or a path of IRIs) matches only triples of those
predicates, so the others can never join into a solution. Read from the query's algebra
(rdflib's), the answer is "any" (None) as soon as a pattern could match a triple of another
predicate: a variable predicate, a negated property set, or a path that may have length zero
(``p*``, ``p?``: it matches every node of the graph, whatever links it).

:func:`query_reads` narrows ``rdf:type`` further, to the classes the query names: a pattern
``?x a mz:Person``, or ``?x a ?class`` joined with a ``VALUES ?class { … }`` of classes, matches
only the type triples of those classes.
"""
from __future__ import annotations

from functools import lru_cache

__all__ = ["query_predicates", "query_reads", "predicates_of", "reads_line"]

TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


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


def _classes_bound(node) -> dict:
    """Variable → the IRIs a ``VALUES`` block (``node``) binds it to in every row; a variable some row
    leaves unbound, or binds to a literal, is left out."""
    from rdflib import URIRef
    from rdflib.plugins.sparql.parserutils import CompValue

    if not (isinstance(node, CompValue) and node.name == "ToMultiSet" and isinstance(node.get("p"), CompValue)
            and node.p.name == "values"):
        return {}
    rows = node.p.get("res") or []
    names = set().union(*(r.keys() for r in rows)) if rows else set()
    return {v: {r[v] for r in rows} for v in names
            if rows and all(isinstance(r.get(v), URIRef) for r in rows)}


def _add_triple(triple, found: set[str], bound: dict) -> bool:
    from rdflib import RDF, URIRef

    if len(triple) != 3:
        return False
    _, p, o = triple
    if p != RDF.type:
        return _path_predicates(p, found)
    if isinstance(o, URIRef):
        found.add(f"{TYPE} <{o}>")
    elif o in bound:
        found.update(f"{TYPE} <{c}>" for c in sorted(bound[o]))
    else:
        found.add(TYPE)  # the type triples of any class
    return True


def _walk(node, found: set[str], bound: dict | None = None) -> bool:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        # BGP: translated patterns; TriplesBlock: the parse tree rdflib keeps inside EXISTS
        if node.name in ("BGP", "TriplesBlock"):
            for triple in node.get("triples") or ():
                if not _add_triple(triple, found, bound or {}):
                    return False
        if node.name == "Join":  # an inner join: the VALUES on one side bind their variables on the other
            p1, p2, outer = node.get("p1"), node.get("p2"), bound or {}
            return (_walk(p1, found, _merge(outer, _inner_bound(p2)) if _joins(p1) else None)
                    and _walk(p2, found, _merge(outer, _inner_bound(p1)) if _joins(p2) else None))
        return all(_walk(v, found) for v in node.values())
    if isinstance(node, (list, tuple)):
        return all(_walk(v, found) for v in node)
    return True


def _joins(node) -> bool:
    """Whether ``node`` is a BGP or an inner join, whose matches a binding from outside restricts."""
    from rdflib.plugins.sparql.parserutils import CompValue

    return isinstance(node, CompValue) and node.name in ("BGP", "Join")


def _inner_bound(node) -> dict:
    """Variable → the IRIs the VALUES blocks of an inner join (``node``) bind it to."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue) and node.name == "Join":
        return _merge(_inner_bound(node.get("p1")), _inner_bound(node.get("p2")))
    return _classes_bound(node)


def _merge(a: dict, b: dict) -> dict:
    """Bindings that hold together: a variable bound on both sides takes the values common to both."""
    return {v: a[v] & b[v] if v in a and v in b else a[v] if v in a else b[v] for v in {*a, *b}}


@lru_cache(maxsize=64)
def query_reads(sparql: str) -> frozenset[str] | None:
    """What ``sparql``'s patterns can match, as N-Triples keys: ``<p>`` for the triples of a predicate,
    ``<rdf:type> <C>`` for the type triples of one class (see :func:`reads_line`); None when they may
    match any triple (or the query cannot be read here)."""
    try:
        from rdflib.plugins.sparql import prepareQuery

        algebra = prepareQuery(sparql).algebra
    except Exception:  # noqa: BLE001 - a text rdflib cannot read: no claim about it
        return None
    found: set[str] = set()
    return frozenset(found) if _walk(algebra, found) else None


def query_predicates(sparql: str) -> frozenset[str] | None:
    """The predicates (as N-Triples IRIs, ``<…>``) that ``sparql``'s patterns can match, or None when
    they may match any (or the query cannot be read here)."""
    reads = query_reads(sparql)
    return None if reads is None else frozenset(k.split(" ", 1)[0] for k in reads)


def reads_line(line: str, reads: frozenset[str]) -> bool:
    """Whether the N-Triples ``line`` (``s p o .``, as the extraction writes it) is one ``reads``
    (:func:`query_reads`) can match."""
    _, p, rest = line.split(" ", 2)
    return p in reads or (p == TYPE and f"{p} {rest.rstrip().removesuffix('.').rstrip()}" in reads)


def predicates_of(queries: tuple[str, ...]) -> frozenset[str] | None:
    """The union of :func:`query_reads` over ``queries``; None when any of them may read any triple."""
    out: set[str] = set()
    for q in queries:
        found = query_reads(q)
        if found is None:
            return None
        out |= found
    return frozenset(out)
