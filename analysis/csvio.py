"""The one CSV writer of the package: UTF-8 with BOM, spreadsheet-safe, readable back exactly.

Every CSV the package writes (corpus-run tables, ``python -m analysis claims
--csv``, claims exports, aggregated corpus tables) goes through this module:

* UTF-8 with a byte-order mark, so that Excel and LibreOffice open Arabic text
  correctly; ``\\n`` line ends.
* Text cells that a spreadsheet would read as a formula — starting with ``=``,
  ``+``, ``-``, ``@``, a tab, ``\\r`` or ``\\n`` — are *neutralised*: an
  apostrophe is put in front. A text cell that already starts with an
  apostrophe gets one more, so :func:`restore_cell` undoes the neutralisation
  exactly. Numbers are never touched: ``-3.5`` in a numeric column stays a number.
* A cell holding a comma, a quote, ``\\r`` or ``\\n`` anywhere is quoted (the
  standard library's writer leaves a lone ``\\r`` unquoted when lines end with
  ``\\n``, and a spreadsheet then splits the row there).
* Missing values (``None``, NaN, ``pd.NA``) are empty cells; booleans are
  ``true``/``false``; integral floats are written without ``.0``.

:func:`read_csv` reads such a file back into a DataFrame of strings with the
neutralisation undone.

Example:
    >>> neutralise_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> csv_line(["قال", "-5", -5.0, None, "a\\rb"], kinds=["str", "str", "float", "str", "str"])
    'قال,\\'-5,-5,,"a\\rb"\\n'
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

BOM = "\ufeff"
#: First characters that make a spreadsheet read a text cell as a formula (or split the row).
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "\n")
#: The prefix that neutralises a text cell.
ESCAPE = "'"
_NEEDS_QUOTES = frozenset(',"\r\n')


def neutralise_cell(value: Any) -> Any:
    """Prefix ``'`` to a *text* value a spreadsheet would run or split; other values unchanged.

    Example:
        >>> neutralise_cell("-3 قتلى"), neutralise_cell(-3.5), neutralise_cell("أكثر من 200")
        ("'-3 قتلى", -3.5, 'أكثر من 200')
    """
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, ESCAPE)):
        return ESCAPE + value
    return value


def restore_cell(text: str) -> str:
    """Undo :func:`neutralise_cell` on a cell read from a file this module wrote.

    Example:
        >>> restore_cell(neutralise_cell("=1+1")), restore_cell(neutralise_cell("'quoted"))
        ('=1+1', "'quoted")
    """
    return text[1:] if text.startswith(ESCAPE) else text


def is_missing(value: Any) -> bool:
    """True for ``None``, NaN, ``pd.NA`` and ``NaT``."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, (str, int, bool)):
        return False
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def format_cell(value: Any, kind: str | None = None) -> str:
    """The CSV text of one value (before quoting).

    Args:
        value: Any cell value.
        kind: The column's type (``str``, ``int``, ``float``, ``bool``) when known. In a
            ``str`` column every value is text and is neutralised; in other columns, or
            when ``kind`` is None, only ``str`` values are.
    """
    if is_missing(value):
        return ""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            value = value.item()  # numpy scalars
        except (TypeError, ValueError):
            pass
    if isinstance(value, bool):
        text = "true" if value else "false"
        return neutralise_cell(text) if kind == "str" else text
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
        return neutralise_cell(text) if kind == "str" else text
    if isinstance(value, str):
        return neutralise_cell(value)
    text = str(value)
    return neutralise_cell(text) if kind == "str" else text


def _quoted(text: str) -> str:
    if _NEEDS_QUOTES.isdisjoint(text):
        return text
    return '"' + text.replace('"', '""') + '"'


def csv_line(values: Iterable[Any], kinds: Sequence[str | None] | None = None) -> str:
    """One CSV record (with its ``\\n``) of ``values``, typed by ``kinds`` when given."""
    if kinds is None:
        cells = [format_cell(v) for v in values]
    else:
        cells = [format_cell(v, k) for v, k in zip(values, kinds, strict=True)]
    return ",".join(_quoted(c) for c in cells) + "\n"


def header_line(columns: Iterable[Any]) -> str:
    """The header record: column names as text cells."""
    return ",".join(_quoted(format_cell(str(c), "str")) for c in columns) + "\n"


class CsvWriter:
    """Streaming writer of one table into an open text file (``newline=""``).

    Args:
        fh: The file; the BOM and the header are written at once.
        columns: Column names in order.
        kinds: Column types (``str``/``int``/``float``/``bool``), by position or by name.
        bom: Write the byte-order mark (default). Internal part files go without.
    """

    def __init__(self, fh: IO[str], columns: Sequence[str],
                 kinds: Sequence[str | None] | Mapping[str, str] | None = None, *, bom: bool = True) -> None:
        self._fh = fh
        self.columns = list(columns)
        if isinstance(kinds, Mapping):
            kinds = [kinds.get(c) for c in self.columns]
        self._kinds = list(kinds) if kinds is not None else [None] * len(self.columns)
        if len(self._kinds) != len(self.columns):
            raise ValueError(f"{len(self._kinds)} kinds for {len(self.columns)} columns")
        fh.write((BOM if bom else "") + header_line(self.columns))

    def write_values(self, values: Sequence[Any]) -> None:
        """Write one row given as values in column order."""
        self._fh.write(csv_line(values, self._kinds))

    def write_row(self, row: Mapping[str, Any]) -> None:
        """Write one row given as a mapping (missing columns are empty)."""
        self._fh.write(csv_line([row.get(c) for c in self.columns], self._kinds))


def _frame_kinds(frame: Any) -> list[str | None]:
    import pandas as pd

    kinds: list[str | None] = []
    for col in frame.columns:
        dtype = frame[col].dtype
        if pd.api.types.is_bool_dtype(dtype):
            kinds.append("bool")
        elif pd.api.types.is_integer_dtype(dtype):
            kinds.append("int")
        elif pd.api.types.is_float_dtype(dtype):
            kinds.append("float")
        elif pd.api.types.is_string_dtype(dtype) and not pd.api.types.is_object_dtype(dtype):
            kinds.append("str")
        else:
            kinds.append(None)  # object columns: each value by its own type
    return kinds


def frame_to_csv_text(frame: Any, kinds: Sequence[str | None] | Mapping[str, str] | None = None,
                      *, bom: bool = True) -> str:
    """The CSV text of a DataFrame (no index), BOM included by default.

    Args:
        frame: A pandas DataFrame.
        kinds: Column types; default from the frame's dtypes (object columns: per value).
    """
    buf = io.StringIO()
    if kinds is None:
        kinds = _frame_kinds(frame)
    writer = CsvWriter(buf, [str(c) for c in frame.columns], kinds, bom=bom)
    for values in frame.itertuples(index=False, name=None):
        writer.write_values(values)
    return buf.getvalue()


def write_csv(frame: Any, path: str | os.PathLike[str],
              kinds: Sequence[str | None] | Mapping[str, str] | None = None) -> None:
    """Write a DataFrame to ``path`` (not atomic: callers that need it write a temporary file)."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(frame_to_csv_text(frame, kinds))


def read_csv(path_or_buffer: Any, **kwargs: Any):
    """Read a CSV written by this module: every cell as text (``""`` for empty), neutralisation undone.

    Extra keyword arguments go to :func:`pandas.read_csv` (e.g. ``usecols``).
    """
    import pandas as pd

    frame = pd.read_csv(path_or_buffer, dtype=str, keep_default_na=False, encoding="utf-8-sig", **kwargs)
    frame.columns = [restore_cell(str(c)) for c in frame.columns]
    for col in frame.columns:
        series = frame[col]
        if series.str.startswith(ESCAPE).any():
            frame[col] = series.map(restore_cell)
    return frame
