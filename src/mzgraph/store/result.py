"""The answer of a SELECT or ASK query: columns and rows, printable as CSV, JSON or a table.

Rows hold Python values (an ``int`` for a COUNT or any xsd:integer, a ``datetime.date`` for an
xsd:date, a ``float`` for xsd:decimal/double/float, a ``str`` for everything else, ``""`` where
unbound); what is printed is always the value as the store wrote it (:attr:`Result.text_rows`), so
CSV, JSON and tables read as they always did.
"""
from __future__ import annotations

import csv
import datetime
import io
import json
import unicodedata
from collections.abc import Iterable, Sequence

from ..errors import MzgraphError

__all__ = ["Result", "RESULT_FORMATS", "typed_value", "term_value"]

RESULT_FORMATS = ("table", "csv", "json")

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = frozenset(_XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
    "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"))
_FLOATS = frozenset(_XSD + t for t in ("decimal", "double", "float"))
_DATE = _XSD + "date"
_TYPED = _INTEGERS | _FLOATS | {_DATE}


def typed_value(text: str, datatype: str) -> object:
    """The Python value of a literal: int, float or ``datetime.date`` for the numeric and date
    datatypes, else (or when the text does not parse, e.g. a date with a time zone) the text."""
    try:
        if datatype in _INTEGERS:
            return int(text)
        if datatype in _FLOATS:
            return float(text)
        if datatype == _DATE:
            return datetime.date.fromisoformat(text) if len(text) == 10 else text
    except ValueError:
        pass
    return text


def term_value(term) -> object:
    """The Python value :attr:`Result.rows` gives a pyoxigraph term (None: unbound, "")."""
    if term is None:
        return ""
    datatype = getattr(term, "datatype", None)
    if datatype is not None and datatype.value in _TYPED:
        return typed_value(term.value, datatype.value)
    return term.value


class Result:
    """Columns and rows of a query; from a kept CSV answer the rows are parsed only when asked
    for, and ``to_csv`` gives the CSV as it was kept."""

    def __init__(self, columns: list[str], rows: list[dict[str, str]] | None = None, *,
                 csv_text: str | None = None, typed: dict[int, dict[str, object]] | None = None):
        if rows is None and csv_text is None:
            raise ValueError("Result needs rows or csv_text")
        self.columns = columns
        self._rows = rows
        self.csv_text = csv_text
        self._typed = typed or {}  # row index → {column: value} where the value is not the text
        self._typed_rows: list[dict[str, object]] | None = None

    @classmethod
    def from_terms(cls, columns: list[str], solutions: Iterable[Sequence]) -> Result:
        """A result from rows of RDF terms (pyoxigraph's: ``.value``, literals ``.datatype``; None
        where unbound)."""
        rows: list[dict[str, str]] = []
        typed: dict[int, dict[str, object]] = {}
        for i, terms in enumerate(solutions):
            row = {}
            for col, term in zip(columns, terms):
                if term is None:
                    row[col] = ""
                    continue
                row[col] = text = term.value
                datatype = getattr(term, "datatype", None)
                if datatype is not None and datatype.value in _TYPED:
                    value = typed_value(text, datatype.value)
                    if value is not text:
                        typed.setdefault(i, {})[col] = value
            rows.append(row)
        return cls(columns, rows, typed=typed)

    @property
    def rows(self) -> list[dict[str, object]]:
        """Rows with Python values (see the module docstring)."""
        if not self._typed:
            return self.text_rows
        if self._typed_rows is None:
            self._typed_rows = [{**row, **self._typed[i]} if i in self._typed else row
                                for i, row in enumerate(self.text_rows)]
        return self._typed_rows

    @property
    def text_rows(self) -> list[dict[str, str]]:
        """Rows of plain strings, each value as the store wrote it ("" where unbound)."""
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
        return f"Result(columns={self.columns!r}, rows=<{len(self.text_rows)} rows>)"

    def to_csv(self) -> str:
        if self.csv_text is not None:
            return self.csv_text
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=self.columns, lineterminator="\n")
        w.writeheader()
        w.writerows(self.text_rows)
        return buf.getvalue()

    def to_json(self) -> str:
        return json.dumps(self.text_rows, ensure_ascii=False, indent=2) + "\n"

    def to_pandas(self):
        """The rows as a pandas DataFrame: integer columns as ``Int64``, numbers as ``Float64``, dates
        as ``datetime64``, unbound values missing (``<NA>``/``NaT``); other columns as strings."""
        try:
            import pandas as pd
        except ImportError:
            raise MzgraphError("Result.to_pandas() needs pandas: pip install 'mzgraph[tables]'") from None
        rows = self.rows
        data = {}
        for col in self.columns:
            values = [r.get(col, "") for r in rows]
            kinds = {type(v) for v in values if not (isinstance(v, str) and v == "")}
            present = [None if isinstance(v, str) and v == "" else v for v in values]
            if kinds == {int}:
                data[col] = pd.array(present, dtype="Int64")
            elif kinds and kinds <= {int, float}:
                data[col] = pd.array([None if v is None else float(v) for v in present], dtype="Float64")
            elif kinds == {datetime.date}:
                data[col] = pd.to_datetime(pd.Series(present, dtype=object))
            else:
                data[col] = values
        return pd.DataFrame(data, columns=self.columns)

    def to_table(self) -> str:
        def width(s: str) -> int:
            return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

        cols = self.columns
        widths = [max([width(c)] + [width(r.get(c, "")) for r in self.text_rows]) for c in cols]

        def line(cells):
            return "  ".join(c + " " * (w - width(c)) for c, w in zip(cells, widths)).rstrip()

        out = [line(cols), line(["-" * w for w in widths])]
        out += [line([r.get(c, "") for c in cols]) for r in self.text_rows]
        out.append(f"({len(self.text_rows)} rows)")
        return "\n".join(out) + "\n"

    def format(self, fmt: str) -> str:
        return {"csv": self.to_csv, "json": self.to_json, "table": self.to_table}[fmt]()
