"""Answers of the named queries, worked out by the store at build time and kept beside it.

A named query lists a whole table (every post, every participation …), so on a large graph
it walks tens of thousands of rows through several joins: seconds, even in Oxigraph. A
build's graph never changes after it is published (outputs.py), so the build runs each
packaged query once on its fresh store and keeps the answer as the CSV that
``mzgraph query --format csv`` prints, in ``answers/`` of the same generation:

    answers/index.json    {"graph": {size, mtime_ns of graph.ttl}, "queries": {sha256 of the text: …}}
    answers/posts.csv     …

An answer is used only for the exact query text it was made from and only while graph.ttl is
the file it was made with; anything else (another query, an edited .rq, a hand-edited
graph.ttl, ``--live``) runs on the store. Importing this module stays cheap.
"""
from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import write_text
from .oxigraph import GRAPH_FILE, STORE_DIR, open_store
from .queries import named_queries
from .result import Result
from .sparql import run_sparql

if TYPE_CHECKING:
    from concurrent.futures import Executor

    import pyoxigraph

__all__ = ["ANSWERS_DIR", "query_key", "write_answers", "find_answer", "answer_query"]

ANSWERS_DIR = "answers"
INDEX = "index.json"


def query_key(sparql: str) -> str:
    """What an answer is filed under: the SHA-256 of the query text, byte for byte."""
    return hashlib.sha256(sparql.encode("utf-8")).hexdigest()


def _graph_stamp(graph_ttl: Path) -> dict[str, int]:
    st = graph_ttl.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _answer(store_path: str, name: str) -> tuple[str, str, list[str], int]:
    """(name, CSV, columns, rows) of one named query on the store at ``store_path``."""
    import pyoxigraph as ox

    result = run_sparql(ox.Store.read_only(store_path), named_queries()[name])
    return name, result.to_csv(), result.columns, len(result.rows)


def write_answers(generation: Path, pool: Executor | None = None) -> Path:
    """Run every named query on ``generation/store`` (on ``pool``'s processes if given) and keep the
    answers in ``generation/answers``; the index is written last, so a half-written folder is unused."""
    generation = Path(generation)
    store_path = str(generation / STORE_DIR)
    queries = named_queries()
    folder = generation / ANSWERS_DIR
    folder.mkdir(exist_ok=True)
    if pool is not None:
        answers = list(pool.map(_answer, [store_path] * len(queries), list(queries)))
    else:
        answers = [_answer(store_path, name) for name in queries]
    entries = {}
    for name, text, columns, rows in answers:
        write_text(folder / f"{name}.csv", text)
        entries[query_key(queries[name])] = {"name": name, "file": f"{name}.csv", "rows": rows, "columns": columns}
    index = {"graph": _graph_stamp(generation / GRAPH_FILE), "queries": entries}
    write_text(folder / INDEX, json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    return folder


def _answers_folder(graph: Path) -> Path | None:
    """The answers kept with a build folder, or with a build's graph.ttl (its generation)."""
    graph = Path(graph)
    if graph.is_dir():
        folder = graph / ANSWERS_DIR
    elif graph.name == GRAPH_FILE:
        folder = graph.resolve().parent / ANSWERS_DIR
    else:
        return None
    return folder if (folder / INDEX).is_file() else None


def find_answer(graph: Path, sparql: str) -> Result | None:
    """The build-time answer of ``sparql`` for the build at ``graph``, or None (run it live then)."""
    folder = _answers_folder(graph)
    if folder is None:
        return None
    try:
        index = json.loads((folder / INDEX).read_text(encoding="utf-8"))
        entry = index["queries"].get(query_key(sparql))
        if entry is None or index["graph"] != _graph_stamp(folder.resolve().parent / GRAPH_FILE):
            return None
        text = (folder / entry["file"]).read_text(encoding="utf-8")
    except (OSError, ValueError, KeyError, TypeError):
        return None  # unreadable or foreign: the store still answers
    header, _, body = text.partition("\n")
    if next(csv.reader([header]), None) != entry["columns"] or body.count("\n") < entry["rows"]:
        return None  # not the file the index describes (rows may hold quoted newlines: at least)
    return Result(entry["columns"], csv_text=text)


def answer_query(graph: Path, sparql: str, *, live: bool = False, store: pyoxigraph.Store | None = None) -> Result:
    """Rows of ``sparql`` on the graph at ``graph``: the build-time answer when there is one, else the
    answer of ``store`` (opened from ``graph`` when not given)."""
    if not live:
        found = find_answer(graph, sparql)
        if found is not None:
            return found
    return run_sparql(store if store is not None else open_store(Path(graph)), sparql)
