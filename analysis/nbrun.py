"""Execute the notebooks: in place for ``make figures``, or on any article for ``make article``.

``python -m analysis.nbrun [NOTEBOOK ...]`` (``make figures``) runs each
notebook top to bottom on a fresh kernel from the ``notebooks/`` folder and
stores its outputs; execution timestamps are not recorded and notebook
metadata is reduced to a fixed kernel spec, so running twice gives the same
bytes. It ends with one summary line: notebooks run, figures changed and
unchanged.

``python -m analysis.nbrun --article PATH [--doc-id ID]`` (``make article``)
runs the article notebooks 01–04 with papermill on one article into
``build/articles/<doc_id>/`` (executed notebooks, figures, tables) — never
touching the committed ``figures/`` and ``tables/`` — and renders them into one
HTML report, ``index.html`` (:mod:`analysis.viz.report`). Cells tagged
``seed-reading`` (commentary on the seed article) are left out there.

Kernels are started with CurveZMQ transport encryption (the kernel spec
declares it), so they do not warn about plain-text TCP.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from analysis.errors import AnalysisError
from analysis.paths import ARTICLE_BUILDS_DIR, FIGURES_DIR, NOTEBOOKS_DIR, relative_to_project

KERNEL_NAME = "arabic-news"
KERNELSPEC = {"display_name": "Python (arabic-news analysis)", "language": "python", "name": KERNEL_NAME}
LANGUAGE_INFO = {"name": "python", "pygments_lexer": "ipython3", "file_extension": ".py", "mimetype": "text/x-python"}
TIMEOUT_SECONDS = 1800
#: The notebooks that analyse one article (``make article``), in report order.
ARTICLE_NOTEBOOKS: tuple[str, ...] = ("01_article_overview", "02_keywords", "03_claims", "04_actors")
#: Tag of cells that comment on the seed article only (left out of ``make article``).
SEED_READING_TAG = "seed-reading"
#: Tags of the parameter cells (the notebook's own, and the one papermill injects).
PARAMETER_TAGS = frozenset({"parameters", "injected-parameters"})


class NotebookRunError(AnalysisError):
    """A notebook failed while running on an article (the message names the notebook and the error)."""


def kernel_config():
    """Configuration of the kernels we start: CurveZMQ encryption when the kernel spec supports it."""
    from traitlets.config import Config

    config = Config()
    config.KernelManager.transport_encryption = "auto"
    return config


def canonical_metadata(nb) -> None:
    """Reduce notebook and cell metadata to stable content (no timings, fixed kernel)."""
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": dict(LANGUAGE_INFO)}
    for i, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
        cell.metadata.pop("papermill", None)
        cell["id"] = f"cell-{i:02d}"


def run_notebook(path: Path) -> None:
    """Execute ``path`` in place with a fresh kernel, working directory ``notebooks/``."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    canonical_metadata(nb)
    client = NotebookClient(
        nb,
        timeout=TIMEOUT_SECONDS,
        kernel_name=KERNEL_NAME,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
        config=kernel_config(),
    )
    client.execute()
    canonical_metadata(nb)
    text = nbformat.writes(nb) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _file_hashes(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.startswith(".")}


def figures_summary(before: dict[str, str], after: dict[str, str], notebooks: int) -> str:
    """The one line ``make figures`` ends with.

    Example:
        >>> figures_summary({"a.png": "1", "b.png": "2"}, {"a.png": "1", "b.png": "3", "c.png": "4"}, 2)
        'figures: 2 notebooks run; 3 figure files: 1 changed, 1 new, 1 unchanged'
    """
    changed = sum(1 for name, h in after.items() if name in before and before[name] != h)
    new = sum(1 for name in after if name not in before)
    unchanged = sum(1 for name, h in after.items() if before.get(name) == h)
    return (f"figures: {notebooks} notebook{'s' if notebooks != 1 else ''} run; {len(after)} figure files: "
            f"{changed} changed, {new} new, {unchanged} unchanged")


# --- one article --------------------------------------------------------------------------------


@dataclass
class ArticleRun:
    """What ``make article`` produced for one article."""

    doc_id: str
    out_dir: Path
    notebooks: list[Path] = field(default_factory=list)
    report: Path | None = None
    failures: list[str] = field(default_factory=list)


def _article_notebook(name: str):
    """Notebook ``name`` without the cells that comment on the seed article."""
    import nbformat

    nb = nbformat.read(NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)
    nb.cells = [c for c in nb.cells if SEED_READING_TAG not in c.metadata.get("tags", [])]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb


def _first_error(nb) -> str | None:
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return f"{out.get('ename')}: {out.get('evalue')}"
    return None


def run_article(article: str | os.PathLike[str] | None = None, doc_id: str | None = None, *,
                out_root: str | os.PathLike[str] | None = None, reference_date: str | None = None,
                notebooks: tuple[str, ...] = ARTICLE_NOTEBOOKS, log=None) -> ArticleRun:
    """Run the article notebooks on one article and write its HTML report.

    Args:
        article: A file or archive (any supported format); None to pick a seed by ``doc_id``.
        doc_id: The record of a multi-article file, or the seed.
        out_root: Parent of the article's folder (default ``build/articles/``).
        reference_date: ISO date for relative time expressions (default: the article's date).
        notebooks: Notebook names (without ``.ipynb``), in report order.
        log: Where progress lines go (default stderr).

    Returns:
        The :class:`ArticleRun` (``failures`` lists notebooks that raised; their error
        is in the executed notebook and in the report).

    Raises:
        CorpusError: The article cannot be found or read.
    """
    import nbformat
    import papermill

    from analysis.claims.export import read_claims_json
    from analysis.corpus.select import safe_name
    from analysis.viz.notebook import open_article
    from analysis.viz.report import write_report

    log = sys.stderr if log is None else log
    article_path = None if article in (None, "") else Path(article).resolve()
    nbart = open_article(article_path, doc_id, None, reference_date)  # fails early, in one line
    out = Path(out_root or ARTICLE_BUILDS_DIR) / safe_name(nbart.doc_id)
    run = ArticleRun(doc_id=nbart.doc_id, out_dir=out)
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    parameters = {
        "ARTICLE": None if article_path is None else str(article_path),
        "DOC_ID": doc_id or nbart.doc_id,
        "OUTPUT_DIR": str(out.resolve()),
        "REFERENCE_DATE": reference_date,
    }
    for name in notebooks:
        target = out / "notebooks" / f"{name}.ipynb"
        print(f"executing {name} on {nbart.doc_id}", file=log, flush=True)
        try:
            papermill.execute_notebook(
                _article_notebook(name), str(target), parameters=parameters, kernel_name=KERNEL_NAME,
                cwd=str(NOTEBOOKS_DIR), progress_bar=False, log_output=False, request_save_on_cell_execute=False,
                execution_timeout=TIMEOUT_SECONDS, config=kernel_config(),
            )
        except papermill.PapermillExecutionError as exc:
            run.failures.append(f"{name}: {exc.ename}: {exc.evalue}")
        executed = nbformat.read(target, as_version=4)
        canonical_metadata(executed)
        nbformat.write(executed, target)
        error = _first_error(executed)
        if error and not any(f.startswith(f"{name}:") for f in run.failures):
            run.failures.append(f"{name}: {error}")
        run.notebooks.append(target)
    claims_json = out / "tables" / "claims" / f"{nbart.file_stem}.json"
    claims = read_claims_json(claims_json) if claims_json.is_file() else None
    run.report = write_report(out / "index.html", run.notebooks, nbart, claims)
    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Execute notebooks in place (make figures), or the article "
                                                 "notebooks on one article with an HTML report (make article).")
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to run in place (default: all, in order)")
    parser.add_argument("--article", metavar="PATH", help="run notebooks 01-04 on this article file or archive")
    parser.add_argument("--doc-id", metavar="ID", help="record of a multi-article file, or a seed without --article")
    parser.add_argument("--reference-date", metavar="YYYY-MM-DD", help="date for relative time expressions")
    parser.add_argument("--out", metavar="DIR", help="parent folder of the article's build (default build/articles)")
    args = parser.parse_args(argv)
    if args.article or args.doc_id:
        try:
            run = run_article(args.article, args.doc_id, out_root=args.out, reference_date=args.reference_date)
        except AnalysisError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"article {run.doc_id}: {len(run.notebooks)} notebooks run; report "
              f"{relative_to_project(run.report) if run.report else '(none)'}")
        for failure in run.failures:
            print(f"error: notebook {failure}", file=sys.stderr)
        return 1 if run.failures else 0
    paths = args.notebooks or sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    before = _file_hashes(FIGURES_DIR)
    for path in paths:
        print(f"executing {path.name}", file=sys.stderr, flush=True)
        run_notebook(path.resolve())
    print(figures_summary(before, _file_hashes(FIGURES_DIR), len(paths)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
