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

Answers per file. Every row of a named query names its ``source`` file, and a file's rows come
from that file's own triples and the ontology. So the extraction works out the rows of each file
as it makes the file's shard (read from the file's extractions by ``extraction_rows.py`` for the
packaged queries, each reader pinned to its query's text; else :func:`file_rows`, on a small in-memory
store per chunk of files), and keeps them with the shard (``<key>.rows``); the build then only merges them
(:func:`write_answers` with ``rows``): union, duplicates out, sorted by the query's ORDER BY, which
names every column. A query without a ``source`` column or without such an ORDER BY, or rows
kept for another text of a query, are answered by the store instead, as before.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from bisect import bisect_left
from functools import lru_cache
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import write_bytes, write_text
from .oxigraph import GRAPH_FILE, STORE_DIR, open_store
from .predicates import query_reads, reads_line
from .queries import named_queries
from .result import Result
from .sparql import run_sparql, select_values

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from ..model import Extraction

    import pyoxigraph

__all__ = ["ANSWERS_DIR", "ROWS_SUFFIX", "query_key", "order_columns", "rows_reads", "file_rows",
           "rows_from_extractions", "extraction_file_rows", "file_rows_bytes",
           "write_file_rows", "write_answers", "merge_answers", "patch_answers", "find_answer", "answer_query"]

ANSWERS_DIR = "answers"
INDEX = "index.json"
ROWS_SUFFIX = ".rows"  # a file's rows of every named query, beside its shard: {query key: [[cell, ...], ...]}
SOURCE = "source"
_ORDER_BY = re.compile(r"ORDER\s+BY((?:\s+\?\w+)+)\s*\Z", re.IGNORECASE)
_SOURCE_FILE = "<https://w3id.org/mzgraph/ontology#sourceFile> "


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


def order_columns(sparql: str, columns: Sequence[str]) -> list[int] | None:
    """Column indexes of a query's final ``ORDER BY ?a ?b …`` when it names every column (the order of its
    rows is then the sort of the rows by those cells), else None."""
    m = _ORDER_BY.search(sparql.strip())
    if m is None:
        return None
    names = [v[1:] for v in m.group(1).split()]
    if sorted(set(names)) != sorted(columns) or len(names) != len(columns):
        return None
    return [list(columns).index(n) for n in names]


@lru_cache(maxsize=1)
def _per_file_queries() -> dict[str, str]:
    """Query key → text of the named queries whose rows can be made file by file."""
    out = {}
    for text in named_queries().values():
        names = _columns(text)
        if SOURCE in names and order_columns(text, names) is not None:
            out[query_key(text)] = text
    return out


_ONTOLOGY: list[str] = []


def _read_lines(lines: Iterable[str], reads: frozenset[str] | None) -> Iterable[str]:
    """The N-Triples ``lines`` that ``reads`` (``predicates.py`` query_reads) can match (all of them for None)."""
    if reads is None:
        return lines
    return [ln for ln in lines if reads_line(ln, reads)]


def rows_reads() -> dict[str, frozenset[str] | None]:
    """Query key → the triples each per-file query can read: predicates, and the classes of the type
    triples (``predicates.py`` query_reads; None: any). Reading them costs rdflib's SPARQL parser, most
    of a second: a build works them out once, for many files."""
    return {key: query_reads(text) for key, text in _per_file_queries().items()}


def _predicates_read(queries: Iterable[str], reads: Mapping[str, frozenset[str] | None] | None) -> frozenset[str] | None:
    """The triples the ``queries`` (keys) read, by ``reads``; None when it does not cover one of them."""
    if reads is None or any(reads.get(key) is None for key in queries):
        return None
    return frozenset().union(*(reads[key] for key in queries))


def file_rows(shards: Iterable[tuple[str, Iterable[str]]], reads: Mapping[str, frozenset[str] | None] | None = None
              ) -> dict[str, dict[str, list[list[str]]]]:
    """The rows of every per-file named query for each of ``shards`` ((name, N-Triples lines)), worked out
    together on one in-memory store with the ontology: name → {query key: rows}.

    With ``reads`` (:func:`rows_reads`) the store holds only the triples the queries can read: the
    same rows for a third of the loading. The lines are the extraction's own, so they load unchecked
    (``lenient``). A query it does not cover (another text, or one
    that may read any predicate) has the store hold every triple.
    """
    import pyoxigraph as ox

    if not _ONTOLOGY:
        from ..rdf.graph import ontology_lines

        _ONTOLOGY.extend(ontology_lines())
    queries = _per_file_queries()
    read = _predicates_read(queries, reads)
    shards = [(name, list(lines)) for name, lines in shards]
    owner: dict[str, list[str]] = {}  # a sourceFile value → the shards that carry it
    out: dict[str, dict[str, list[list[str]]]] = {}
    for name, lines in shards:
        out[name] = {}
        found = "".join(ln for ln in lines if _SOURCE_FILE in ln).encode("utf-8")
        for value in sorted({t.object.value for t in ox.parse(found, format=ox.RdfFormat.N_TRIPLES)}):
            owner.setdefault(value, []).append(name)
    store = ox.Store()
    store.load("".join(_read_lines(_ONTOLOGY, read)).encode("utf-8")
               + "".join(ln for _, lines in shards for ln in _read_lines(lines, read)).encode("utf-8"),
               format=ox.RdfFormat.N_TRIPLES, lenient=True)
    for key, text in queries.items():
        for name in out:
            out[name][key] = []
        cols, rows = select_values(store, text)
        at = cols.index(SOURCE)
        for cells in rows:
            for name in owner.get(cells[at], ()):
                out[name][key].append(cells)
    return out


def rows_from_extractions() -> bool:
    """Whether every per-file query has a reader pinned to its text (``extraction_rows.py``)."""
    from .extraction_rows import covers

    return covers(_per_file_queries())


def extraction_file_rows(files: Iterable[tuple[str, Iterable[Extraction]]], themes: Mapping[str, object]
                         ) -> dict[str, dict[str, list[list[str]]]] | None:
    """:func:`file_rows` of ``files`` ((name, the file's extractions)) read from the extractions themselves
    (``extraction_rows.py``) when every per-file query has a reader pinned to its text, else None."""
    from .extraction_rows import extraction_rows

    if not rows_from_extractions():
        return None
    keys = list(_per_file_queries())
    return {name: extraction_rows(xs, themes, keys) for name, xs in files}


def file_rows_bytes(rows: dict[str, list[list[str]]]) -> bytes:
    """A file's rows as they are kept beside its shard (``<key>.rows``)."""
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_file_rows(path: Path, rows: dict[str, list[list[str]]]) -> None:
    write_bytes(path, file_rows_bytes(rows))


def _columns(text: str) -> list[str]:
    m = re.search(r"SELECT\s+DISTINCT((?:\s+\?\w+)+)\s+WHERE", text, re.IGNORECASE)
    return [v[1:] for v in m.group(1).split()] if m else []


def _load_rows(path: Path) -> dict[str, list[list[str]]]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _answer_csv(columns: list[str], order: list[int], found: Iterable[tuple[str, ...]]) -> tuple[str, list[str], int]:
    ordered = sorted(found, key=lambda r: [r[i] for i in order])
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    w.writerows(ordered)
    return buf.getvalue(), columns, len(ordered)


def _sources(kept: dict[str, list[list[str]]], per_file: dict[str, str]) -> set[str]:
    """The ``source`` values of a file's rows, over every per-file query."""
    out: set[str] = set()
    for k, text in per_file.items():
        at = _columns(text).index(SOURCE)
        out.update(row[at] for row in kept.get(k, ()))
    return out


def _merged(per_file: dict[str, str], files: list[Path],
            sources: dict[str, int] | None = None) -> dict[str, tuple[str, list[str], int]]:
    """Query key → (CSV, columns, rows) of the per-file queries that every one of ``files`` has rows for.
    ``sources``, when given, gets for each ``source`` value the number of files with rows of it."""
    rows: dict[str, set[tuple[str, ...]]] = {k: set() for k in per_file}
    held: dict[str, int] = {}
    for f in files:
        kept = _load_rows(f)
        for k in list(rows):
            if k in kept:
                rows[k].update(map(tuple, kept[k]))
            else:
                del rows[k]  # made for another text of the query, or not at all: the store answers it
        if sources is not None:
            for value in _sources(kept, per_file):
                held[value] = held.get(value, 0) + 1
    if sources is not None:
        sources.update(held)
    out = {}
    for k, found in rows.items():
        columns = _columns(per_file[k])
        out[k] = _answer_csv(columns, order_columns(per_file[k], columns), found)
    return out


def _write_folder(generation: Path, merged: dict[str, tuple[str, list[str], int]], pool: Executor | None) -> Path:
    """``generation/answers``: the ``merged`` answers, the others run on ``generation/store``; the index last."""
    store_path = str(generation / STORE_DIR)
    queries = named_queries()
    folder = generation / ANSWERS_DIR
    folder.mkdir(exist_ok=True)
    answers = [(name, *merged[query_key(text)]) for name, text in queries.items() if query_key(text) in merged]
    live = [name for name, text in queries.items() if query_key(text) not in merged]
    if pool is not None and len(live) > 1:
        answers += list(pool.map(_answer, [store_path] * len(live), live))
    else:
        answers += [_answer(store_path, name) for name in live]
    entries = {}
    for name, text, columns, rows in answers:
        write_text(folder / f"{name}.csv", text)
        entries[query_key(queries[name])] = {"name": name, "file": f"{name}.csv", "rows": rows, "columns": columns}
    index = {"graph": _graph_stamp(generation / GRAPH_FILE), "queries": entries}
    write_text(folder / INDEX, json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    return folder


def write_answers(generation: Path, pool: Executor | None = None, rows: list[Path] | None = None) -> Path:
    """Keep every named query's answer in ``generation/answers``: merged from the files' kept ``rows``
    (``<key>.rows`` files) where they have them, else run on ``generation/store`` (on ``pool``'s
    processes if given); the index is written last, so a half-written folder is unused."""
    merge_answers(generation, pool, rows)
    return Path(generation) / ANSWERS_DIR


def merge_answers(generation: Path, pool: Executor | None = None,
                  rows: list[Path] | None = None) -> dict[str, int] | None:
    """:func:`write_answers`; returns, when every per-file query was merged from ``rows``, the number of
    files with rows of each ``source`` value (what :func:`patch_answers` needs), else None."""
    per_file = _per_file_queries()
    sources: dict[str, int] = {}
    merged = _merged(per_file, rows, sources) if rows is not None else {}
    _write_folder(Path(generation), merged, pool)
    return sources if rows is not None and len(merged) == len(per_file) else None


def patch_answers(generation: Path, previous: Path, gone: list[Path], came: list[Path],
                  sources: dict[str, int]) -> dict[str, int] | None:
    """The answers of the last build (``previous``, its answers folder; ``sources`` as :func:`merge_answers`
    gave them) without the rows of the files that left (``gone``, their ``.rows`` files) and with those of
    the files that came; returns the new ``sources``. Exact when no file that stays has rows of a source
    that left; else (or when an answer or rows file is not the expected one) None: merge them all."""
    per_file = _per_file_queries()
    try:
        index = json.loads((previous / INDEX).read_text(encoding="utf-8"))["queries"]
    except (OSError, ValueError, KeyError):
        return None
    gone_rows, came_rows = [_load_rows(f) for f in gone], [_load_rows(f) for f in came]
    if any(k not in kept for kept in gone_rows + came_rows for k in per_file):
        return None
    held = dict(sources)
    left: set[str] = set()
    for kept in gone_rows:
        for value in _sources(kept, per_file):
            held[value] = held.get(value, 0) - 1
            left.add(value)
    if any(held.get(value, 0) != 0 for value in left):  # another file has rows of it too
        return None
    for kept in came_rows:
        for value in _sources(kept, per_file):
            held[value] = held.get(value, 0) + 1
    merged = {}
    for k, text in per_file.items():
        columns = _columns(text)
        entry = index.get(k)
        if entry is None or entry.get("columns") != columns:
            return None
        at, order = columns.index(SOURCE), order_columns(text, columns)
        try:
            with open(previous / entry["file"], encoding="utf-8", newline="") as fh:
                reader = csv.reader(fh)
                if next(reader, None) != columns:
                    return None
                rows = [row for row in reader if row[at] not in left]  # (in order: the last build sorted them)
        except (OSError, ValueError, IndexError):
            return None
        if any(len(row) != len(columns) for row in rows):
            return None

        def cells(row: list[str]) -> list[str]:
            return [row[i] for i in order]

        for row in sorted({tuple(r) for kept in came_rows for r in kept[k]}):
            row = list(row)
            i = bisect_left(rows, cells(row), key=cells)  # (the order names every column: equal keys, equal rows)
            if i == len(rows) or rows[i] != row:
                rows.insert(i, row)
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        w.writerows(rows)
        merged[k] = (buf.getvalue(), columns, len(rows))
    _write_folder(Path(generation), merged, None)
    return {value: n for value, n in held.items() if n > 0}


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
