"""Run SPARQL on an open Oxigraph store. Nothing here opens a store or reads a file.

Every query is checked first (:mod:`.guard`): updates are refused (the graph is read-only) and
so is ``SERVICE`` unless allowed. Oxigraph has no way to stop a running query, so a time limit
runs it in a forked child process that is killed when the time is up.

pyoxigraph is imported when a query runs, not with the module: a kept answer (answers.py) is
printed without loading it.
"""
from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import MzgraphError, QueryError
from .guard import check_query
from .result import Result, term_value

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["DEFAULT_TIMEOUT", "run_sparql", "select_values", "run_sparql_limited"]

DEFAULT_TIMEOUT = 60.0  # seconds: `mzgraph query --timeout` and `mzgraph serve --timeout`


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _query(store: pyoxigraph.Store, sparql: str, allow_service: bool):
    check_query(sparql, allow_service=allow_service)
    try:
        return store.query(sparql)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {_one_line(exc)}") from None
    except (ValueError, OSError, RuntimeError) as exc:
        raise QueryError(f"query failed: {_one_line(exc)}") from None


def run_sparql(store: pyoxigraph.Store, sparql: str, *, allow_service: bool = False) -> Result:
    """Rows of a SELECT (or the answer of an ASK) on ``store``: Python values as :class:`Result` makes
    them (ints, dates, strings; missing values empty)."""
    import pyoxigraph as ox

    results = _query(store, sparql, allow_service)
    if isinstance(results, (bool, getattr(ox, "QueryBoolean", bool))):  # pyoxigraph >= 0.5: QueryBoolean
        return Result(["result"], [{"result": "true" if bool(results) else "false"}])
    if not isinstance(results, ox.QuerySolutions):
        raise QueryError("only SELECT and ASK queries print as rows; use CONSTRUCT through the Python API")
    cols = [v.value for v in results.variables]
    try:  # Oxigraph evaluates lazily: most failures (a SERVICE call, a store read) come with the rows
        return Result.from_terms(cols, [[sol[c] for c in cols] for sol in results])
    except (ValueError, OSError, RuntimeError) as exc:
        raise QueryError(f"query failed: {_one_line(exc)}") from None


def select_values(store: pyoxigraph.Store, sparql: str) -> tuple[list[str], list[list[object]]]:
    """(columns, rows) of a SELECT on ``store``, each row its cells in column order with the values of
    :attr:`Result.rows`: :func:`run_sparql` without a Result for callers that only walk the rows."""
    import pyoxigraph as ox

    results = _query(store, sparql, False)
    if not isinstance(results, ox.QuerySolutions):
        raise QueryError("only SELECT queries give rows of cells")
    try:
        return [v.value for v in results.variables], [[term_value(t) for t in sol] for sol in results]
    except (ValueError, OSError, RuntimeError) as exc:
        raise QueryError(f"query failed: {_one_line(exc)}") from None


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _child(write_fd: int, open_store: Callable[[], pyoxigraph.Store], sparql: str, allow_service: bool) -> None:
    """The forked side: run the query, send the outcome pickled down the pipe, and exit."""
    code = 0
    try:
        _die_with_parent()
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it kills this child
        try:
            result = run_sparql(open_store(), sparql, allow_service=allow_service)
            message = ("ok", result.columns, [tuple(r[c] for c in result.columns) for r in result.text_rows],
                       result._typed)
        except MzgraphError as exc:
            message = ("error", type(exc).__name__, str(exc))
        except BaseException as exc:  # noqa: BLE001 (anything else still reaches the parent as one line)
            message = ("error", "QueryError", f"query failed: {_one_line(exc)}")
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:  # noqa: BLE001 (the parent reports an empty pipe)
        code = 1
    finally:
        os._exit(code)  # no atexit handlers, no flushing of the parent's buffers


def run_sparql_limited(open_store: Callable[[], pyoxigraph.Store], sparql: str, *, timeout: float | None,
                       allow_service: bool = False) -> Result:
    """:func:`run_sparql` on ``open_store()`` that gives up after ``timeout`` seconds (None: no limit).

    The query runs in a forked child (the store is opened there) that is killed at the deadline,
    so an over-long query leaves no work behind.
    """
    check_query(sparql, allow_service=allow_service)
    if timeout is None or timeout <= 0 or not hasattr(os, "fork"):
        return run_sparql(open_store(), sparql, allow_service=allow_service)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(write_fd, open_store, sparql, allow_service)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd, "rb") as pipe:
            if not select.select([pipe], [], [], timeout)[0]:
                raise QueryError(f"query stopped: it took longer than {timeout:g} s (raise the limit with --timeout)")
            data = pipe.read()  # the answer is worked out: this is only its transfer
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if not data:
        raise QueryError(f"query failed: its worker process ended ({_ended(status)})")
    message = pickle.loads(data)
    if message[0] == "error":
        _, kind, text = message
        raise (QueryError if kind == "QueryError" else MzgraphError)(text)
    _, cols, rows, typed = message
    return Result(cols, [dict(zip(cols, r)) for r in rows], typed=typed)


def _ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit code {os.waitstatus_to_exitcode(status)}"
