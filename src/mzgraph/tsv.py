"""The packaged tables' one format: tab-separated rows under a header, ``#`` comments, errors at ``file:line``."""
from __future__ import annotations

from collections.abc import Iterator

from .errors import LexiconError

__all__ = ["table_rows"]


def table_rows(text: str, name: str, columns: tuple[str, ...], *, exact: bool = False
               ) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {column: value}) for each row of ``text``; a short row is padded with "".

    With ``exact``, the header must be ``columns`` and every row must fill them all; otherwise the
    header must begin with ``columns`` and a row needs at least two cells.
    """
    header: list[str] | None = None
    least = len(columns) if exact else 2
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            if (tuple(cells) if exact else tuple(cells[: len(columns)])) != columns:
                raise LexiconError(f"{name}:{lineno}: expected columns {columns}, found {tuple(cells)}")
            continue
        if len(cells) < least or len(cells) > len(columns):
            raise LexiconError(f"{name}:{lineno}: expected {len(columns)} tab-separated cells, found {len(cells)}")
        yield lineno, dict(zip(columns, cells + [""] * (len(columns) - len(cells))))
