"""Run SPARQL over a built graph with Oxigraph; named queries live in queries/*.rq.

Importing this module must stay cheap: no jieba, no lexicons.
"""
from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path

from .errors import QueryError
from .store import GraphHandle, open_store

QUERIES = resources.files("mzgraph") / "queries"


class Result:
    """Columns and rows (dicts of plain strings) of a query; from a kept CSV answer the rows are
    parsed only when asked for, and ``to_csv`` gives the CSV as it was kept."""

    def __init__(self, columns: list[str], rows: list[dict[str, str]] | None = None, *,
                 csv_text: str | None = None):
        if rows is None and csv_text is None:
            raise ValueError("Result needs rows or csv_text")
        self.columns = columns
        self._rows = rows
        self.csv_text = csv_text

    @property
    def rows(self) -> list[dict[str, str]]:
        if self._rows is None:
            cols, text = self.columns, self.csv_text
            if '"' in text or "\r" in text:  # quoted cells (commas, quotes or newlines inside): the csv module
                reader = csv.reader(io.StringIO(text))
                next(reader, None)  # the header: self.columns
                self._rows = [dict(zip(cols, r)) for r in reader]
            else:  # no quoting anywhere: every line is its cells joined by commas
                lines = text.split("\n")[1:-1]
                self._rows = [dict(zip(cols, line.split(","))) for line in lines]
        return self._rows

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Result) and self.columns == other.columns and self.rows == other.rows

    def __repr__(self) -> str:
        return f"Result(columns={self.columns!r}, rows=<{len(self.rows)} rows>)"

    def to_csv(self) -> str:
        if self.csv_text is not None:
            return self.csv_text
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=self.columns, lineterminator="\n")
        w.writeheader()
        w.writerows(self.rows)
        return buf.getvalue()

    def to_json(self) -> str:
        return json.dumps(self.rows, ensure_ascii=False, indent=2) + "\n"

    def to_table(self) -> str:
        import unicodedata

        def width(s: str) -> int:
            return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

        cols = self.columns
        widths = [max([width(c)] + [width(r.get(c, "")) for r in self.rows]) for c in cols]

        def line(cells):
            return "  ".join(c + " " * (w - width(c)) for c, w in zip(cells, widths)).rstrip()

        out = [line(cols), line(["-" * w for w in widths])]
        out += [line([r.get(c, "") for c in cols]) for r in self.rows]
        out.append(f"({len(self.rows)} rows)")
        return "\n".join(out) + "\n"

    def format(self, fmt: str) -> str:
        return {"csv": self.to_csv, "json": self.to_json, "table": self.to_table}[fmt]()


def named_queries() -> dict[str, str]:
    """Name → SPARQL text of every packaged query."""
    return {p.name[:-3]: p.read_text(encoding="utf-8") for p in sorted(QUERIES.iterdir(), key=lambda p: p.name)
            if p.name.endswith(".rq")}


def describe_queries() -> list[tuple[str, str]]:
    out = []
    for name, text in named_queries().items():
        first = next((ln.lstrip("# ").strip() for ln in text.splitlines() if ln.startswith("#")), "")
        out.append((name, first))
    return out


def named_query(name: str) -> str:
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"unknown query {name!r}; known: {', '.join(queries)}")
    return queries[name]


def _plain(term) -> str:
    if term is None:
        return ""
    return term.value


def run_query(graph: Path | object, sparql: str) -> Result:
    """Run a SELECT (or ASK) query; rows are plain strings, missing values empty."""
    import pyoxigraph as ox

    if isinstance(graph, GraphHandle):
        graph = graph.store
    store = graph if isinstance(graph, ox.Store) else open_store(Path(graph))
    try:
        results = store.query(sparql)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {' '.join(str(exc).split())}") from None
    except (ValueError, OSError) as exc:
        raise QueryError(f"query failed: {' '.join(str(exc).split())}") from None
    if isinstance(results, (bool, getattr(ox, "QueryBoolean", bool))):  # pyoxigraph >= 0.5: QueryBoolean
        results = bool(results)
        return Result(["result"], [{"result": "true" if results else "false"}])
    if not isinstance(results, ox.QuerySolutions):
        raise QueryError("only SELECT and ASK queries print as rows; use CONSTRUCT through the Python API")
    cols = [v.value for v in results.variables]
    rows = [{c: _plain(sol[c]) for c in cols} for sol in results]
    return Result(cols, rows)
