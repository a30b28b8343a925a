"""The answer of a SELECT or ASK query: columns and rows of plain strings, printable as CSV, JSON or a table."""
from __future__ import annotations

import csv
import io
import json
import unicodedata

__all__ = ["Result", "RESULT_FORMATS"]

RESULT_FORMATS = ("table", "csv", "json")


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
