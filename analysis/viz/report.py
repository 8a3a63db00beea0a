"""One HTML report per article (``make article``): the claims table first, then notebooks 01–04.

:func:`write_report` merges the executed article notebooks into one notebook,
puts an interactive claims table in front (itables/DataTables: sort by any
column, search across every cell; its JavaScript is embedded, so the report
works offline), and renders it with nbconvert's JupyterLab template stripped of
everything it would load from the network (:file:`templates/article_report`).
Code cells are hidden: the report shows the narrative, the tables and the
figures (embedded as PNG).

Right-to-left: Arabic columns of the claims table are laid out right-to-left,
and every other table cell gets ``dir="auto"``, so a cell whose text starts
with Arabic is laid out right-to-left and aligned right whatever table it is in.

Example:
    >>> write_report("build/articles/x/index.html", notebooks, nbart, claims)  # doctest: +SKIP
"""

from __future__ import annotations

import html
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from analysis.viz.notebook import NotebookArticle

TEMPLATE_DIR: Path = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "article_report"
#: Columns of the claims table in the report, in order (those present are shown).
CLAIM_COLUMNS: tuple[str, ...] = (
    "claim_id", "quantity_text", "value_low", "value_high", "qualifier", "unit_ar", "unit", "rate", "category",
    "event", "source", "source_en", "actor", "target", "location", "quoted", "time_text", "duplicate_of",
    "conflicts_with", "sentence",
)
#: Claims columns holding Arabic text (laid out right-to-left).
ARABIC_CLAIM_COLUMNS = frozenset({"quantity_text", "unit_ar", "source", "actor", "target", "location", "time_text",
                                  "sentence"})
_PARAMETER_TAGS = frozenset({"parameters", "injected-parameters"})
_CELL_TAG_RE = re.compile(r"<(td|th)(?![^>]*\bdir=)(?=[\s>])")
_SCRIPT_RE = re.compile(r"(<script\b.*?</script>)", re.S | re.I)

REPORT_CSS = """
:root { --jp-content-font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans Arabic", "DejaVu Sans",
        sans-serif; }
.jp-Notebook { max-width: 1200px; margin: 0 auto; }
/* Arabic cells: right-to-left, right-aligned (cells of other tables carry dir="auto") */
td[dir="auto"], th[dir="auto"] { unicode-bidi: isolate; }
table.dataTable td.ar, table.dataTable th.ar { direction: rtl; text-align: right; unicode-bidi: isolate; }
table.dataTable td.ar-wide { min-width: 24em; }
.report-header table td, .report-header table th { text-align: start; padding: 2px 10px; }
"""


def _claims_html(claims: Any) -> str:
    """The interactive claims table (DataTables, offline) or a sentence saying there is none."""
    if claims is None:
        return "<p>No claims table was exported (notebook 03 did not finish).</p>"
    if len(claims) == 0:
        return "<p>No quantitative claim was found in this article.</p>"
    from itables import options as itables_options
    from itables import to_html_datatable
    from itables.javascript import generate_init_offline_itables_html

    frame = claims[[c for c in CLAIM_COLUMNS if c in claims.columns]].astype(object)
    frame = frame.where(frame.notna(), "")  # missing values as empty cells (DataTables sorts them first)
    for col in ("value_low", "value_high"):  # 300.0 -> 300 (sorting stays numeric)
        if col in frame.columns:
            frame[col] = frame[col].map(lambda v: int(v) if isinstance(v, float) and v.is_integer() else v)
    arabic = [i for i, c in enumerate(frame.columns) if c in ARABIC_CLAIM_COLUMNS]
    column_defs = [{"targets": arabic, "className": "ar"}]
    if "sentence" in frame.columns:
        column_defs.append({"targets": [list(frame.columns).index("sentence")], "className": "ar ar-wide"})
    table = to_html_datatable(
        frame, connected=False, table_id="claims", showIndex=False, classes="display compact cell-border",
        columnDefs=column_defs, pageLength=25, lengthMenu=[10, 25, 50, 100, -1], scrollX=True,
        order=[], allow_html=False,
        # search box and paging always (itables hides them for tables that fit on one page)
        layout={"topStart": "search", "topEnd": "pageLength", "bottomStart": "info", "bottomEnd": "paging"},
    )
    return generate_init_offline_itables_html(itables_options.dt_bundle) + table


def _header_html(nbart: NotebookArticle, n_claims: int | None) -> str:
    art = nbart.article
    rows = [("doc_id", art.doc_id), ("title", art.title or ""), ("outlet", art.source or ""),
            ("published", art.published or ""), ("reference date", nbart.reference_date or ""),
            ("file", art.path or ""), ("url", art.url or ""),
            ("characters", f"{len(art.text):,}"), ("claims", "" if n_claims is None else str(n_claims))]
    body = "".join(f'<tr><th>{html.escape(k)}</th><td dir="auto">{html.escape(str(v))}</td></tr>' for k, v in rows if v)
    return f'<div class="report-header"><table>{body}</table></div>'


def _report_notebook(notebooks: Sequence[Path], nbart: NotebookArticle, claims: Any):
    import nbformat

    art = nbart.article
    title = art.title or art.doc_id
    merged = nbformat.v4.new_notebook()
    merged.metadata = {"title": f"{title} — article report"}
    merged.cells.append(nbformat.v4.new_markdown_cell(
        f"# Article report: {art.doc_id}\n\nEverything below was computed by the `analysis` package "
        "(`make article`); figures and tables are automatic extractions to be checked against the text."))
    head = nbformat.v4.new_code_cell("")
    head.outputs = [nbformat.v4.new_output("display_data", data={
        "text/html": _header_html(nbart, None if claims is None else len(claims)), "text/plain": title})]
    merged.cells.append(head)
    merged.cells.append(nbformat.v4.new_markdown_cell(
        "## Claims\n\nEvery quantitative claim of the article (`analysis.claims.extract_claims`): click a "
        "column header to sort, type in the search box to filter. `sentence` is the context of the quantity."))
    table = nbformat.v4.new_code_cell("")
    table.outputs = [nbformat.v4.new_output("display_data", data={"text/html": _claims_html(claims),
                                                                  "text/plain": "claims table"})]
    merged.cells.append(table)
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if _PARAMETER_TAGS & set(cell.metadata.get("tags", [])):
                continue
            merged.cells.append(cell)
    for i, cell in enumerate(merged.cells):
        cell["id"] = f"report-{i:03d}"
    return merged


def render_report(notebooks: Sequence[Path], nbart: NotebookArticle, claims: Any = None) -> str:
    """The report's HTML text (see the module docstring)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name=TEMPLATE_NAME, extra_template_basedirs=[str(TEMPLATE_DIR)])
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(_report_notebook(notebooks, nbart, claims),
                                          resources={"report_css": REPORT_CSS})
    parts = _SCRIPT_RE.split(body)  # odd items are <script> elements: left as they are
    return "".join(part if i % 2 else _CELL_TAG_RE.sub(r'<\1 dir="auto"', part) for i, part in enumerate(parts))


def write_report(path: str | os.PathLike[str], notebooks: Sequence[Path], nbart: NotebookArticle,
                 claims: Any = None) -> Path:
    """Write the report to ``path`` (atomically) and return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = render_report(notebooks, nbart, claims)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(tmp, 0o666 & ~mask)  # a normal file's permissions, not mkstemp's 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target
