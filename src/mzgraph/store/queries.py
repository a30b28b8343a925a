"""The packaged named queries (``queries/*.rq``): name → SPARQL text."""
from __future__ import annotations

from importlib import resources

from ..errors import QueryError

__all__ = ["QUERIES", "named_queries", "describe_queries", "query_columns", "named_query"]

QUERIES = resources.files("mzgraph") / "queries"


def named_queries() -> dict[str, str]:
    """Name → SPARQL text of every packaged query."""
    return {p.name[:-3]: p.read_text(encoding="utf-8") for p in sorted(QUERIES.iterdir(), key=lambda p: p.name)
            if p.name.endswith(".rq")}


def describe_queries() -> list[tuple[str, str]]:
    """(name, first comment line) of every packaged query."""
    out = []
    for name, text in named_queries().items():
        first = next((ln.lstrip("# ").strip() for ln in text.splitlines() if ln.startswith("#")), "")
        out.append((name, first))
    return out


def query_columns(sparql: str) -> list[str]:
    """The columns a SELECT query projects, in order (rdflib's SPARQL algebra: its ``PV``)."""
    from rdflib.plugins.sparql import prepareQuery

    return [str(v) for v in prepareQuery(sparql).algebra.get("PV", [])]


def named_query(name: str) -> str:
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"unknown query {name!r}; known: {', '.join(queries)}")
    return queries[name]
