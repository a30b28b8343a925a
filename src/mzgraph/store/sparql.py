"""Run SPARQL on an open Oxigraph store. Nothing here opens a store or reads a file.

pyoxigraph is imported when a query runs, not with the module: a kept answer (answers.py) is
printed without loading it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import QueryError
from .result import Result

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["run_sparql"]


def run_sparql(store: pyoxigraph.Store, sparql: str) -> Result:
    """Rows of a SELECT (or the answer of an ASK) on ``store``: Python values as :class:`Result` makes
    them (ints, dates, strings; missing values empty)."""
    import pyoxigraph as ox

    try:
        results = store.query(sparql)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {' '.join(str(exc).split())}") from None
    except (ValueError, OSError) as exc:
        raise QueryError(f"query failed: {' '.join(str(exc).split())}") from None
    if isinstance(results, (bool, getattr(ox, "QueryBoolean", bool))):  # pyoxigraph >= 0.5: QueryBoolean
        return Result(["result"], [{"result": "true" if bool(results) else "false"}])
    if not isinstance(results, ox.QuerySolutions):
        raise QueryError("only SELECT and ASK queries print as rows; use CONSTRUCT through the Python API")
    cols = [v.value for v in results.variables]
    return Result.from_terms(cols, ([sol[c] for c in cols] for sol in results))
