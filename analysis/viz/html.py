"""Right-to-left HTML for notebooks: Arabic text and tables shown in reading order.

Notebook output stays logical-order Unicode; the browser does the shaping and
bidi layout, told by ``dir="rtl"``.

Example:
    >>> rtl_block("قال لافروف إن …").data.startswith('<div dir="rtl" lang="ar"')
    True
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

_STYLE = "text-align:right;font-family:'Noto Sans Arabic','Amiri','DejaVu Sans',sans-serif;line-height:1.8"


def rtl_block(text: str, *, paragraphs: Sequence[str] | None = None, max_chars: int | None = None):
    """Return an IPython HTML object showing Arabic text right-to-left.

    Args:
        text: The text (used when ``paragraphs`` is None; blank lines separate paragraphs).
        paragraphs: Paragraph strings to show one per ``<p>``.
        max_chars: Truncate the shown text (with an ellipsis) after this many characters.
    """
    from IPython.display import HTML

    parts: Iterable[str] = paragraphs if paragraphs is not None else [p for p in text.split("\n") if p.strip()]
    shown, used = [], 0
    for p in parts:
        if max_chars is not None and used + len(p) > max_chars:
            shown.append(p[: max(0, max_chars - used)] + " …")
            break
        shown.append(p)
        used += len(p)
    body = "".join(f"<p>{html.escape(p)}</p>" for p in shown)
    return HTML(f'<div dir="rtl" lang="ar" style="{_STYLE}">{body}</div>')


def rtl_table(df, *, arabic_columns: Iterable[str] | None = None, float_format: str = "{:,.6g}"):
    """Return an IPython HTML table whose Arabic columns are right-to-left.

    Cells of Arabic columns are right-aligned and take their direction from their
    first strong character (``dir="auto"``): Arabic text is laid out right-to-left,
    a Latin identifier in the same column left-to-right.

    Args:
        df: A pandas DataFrame.
        arabic_columns: Columns holding Arabic text (default: object columns with any Arabic letter).
        float_format: Format for float cells.
    """
    from IPython.display import HTML

    if arabic_columns is None:
        arabic_columns = [c for c in df.columns if df[c].map(lambda v: isinstance(v, str) and _has_arabic(v)).any()]
    arabic = set(arabic_columns)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    rows = []
    for _, row in df.iterrows():
        cells = []
        for c in df.columns:
            v = row[c]
            if v is None or (isinstance(v, float) and v != v):
                s = ""
            elif isinstance(v, float):
                s = float_format.format(v)
            else:
                s = str(v)
            # dir="auto": a cell is laid out right-to-left when its text starts with Arabic, so an
            # identifier or an English name in an Arabic column keeps its own order
            attr = ' dir="auto" style="text-align:right"' if c in arabic else ""
            cells.append(f"<td{attr}>{html.escape(s)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return HTML(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _has_arabic(s: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in s)
