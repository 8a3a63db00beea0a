"""The common parameters of the article notebooks (01–04), resolved once.

Every article notebook starts with the same ``parameters`` cell (papermill style)::

    ARTICLE = None          # path of an article file or archive; None: the seed named by DOC_ID
    DOC_ID = "000_59786d66bf5a77f6"  # record of a multi-article ARTICLE, or a seed of seeds/catalog.csv
    OUTPUT_DIR = None       # None: the project's figures/ and tables/; else figures and tables go there
    REFERENCE_DATE = None   # ISO date for "أمس", "الشهر المقبل" …; None: the article's own date

and then calls :func:`open_article` with them. The result knows the article,
the date relative expressions are resolved against (the parameter, else the
article's publication date, else a catalogued ``reference_date``), where
figures and tables go, and how to name the article in titles and footers.

Example:
    >>> nb = open_article(None, "000_59786d66bf5a77f6")
    >>> nb.doc_id, nb.reference_date
    ('000_59786d66bf5a77f6', '2017-08-22')
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from analysis.corpus.loader import Article
from analysis.corpus.select import safe_name, select_article
from analysis.document import Document
from analysis.errors import AnalysisError
from analysis.paths import FIGURES_DIR, TABLES_DIR


class NotebookParameterError(AnalysisError, ValueError):
    """A notebook parameter cannot be used (e.g. a reference date that is not an ISO date)."""


def _iso(value: str | None, what: str) -> str | None:
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()[:10]
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise NotebookParameterError(f"{what} must be an ISO date YYYY-MM-DD, got {value!r}") from None


@dataclass
class NotebookArticle:
    """One article as the notebooks use it.

    Attributes:
        article: The article (text, title, outlet, date, path, meta).
        reference_date: ISO date relative time expressions are resolved against, or None.
        output_dir: Where figures and tables go (None: the committed ``figures/`` and ``tables/``).
        figures_dir: Folder of the figures.
        tables_dir: Folder of the exported tables.
    """

    article: Article
    reference_date: str | None
    output_dir: Path | None
    figures_dir: Path
    tables_dir: Path

    @property
    def doc_id(self) -> str:
        return self.article.doc_id

    @property
    def text(self) -> str:
        return self.article.text

    @cached_property
    def document(self) -> Document:
        """The article as one :class:`~analysis.text.document.Document` (tokenized once; every
        analyser of the notebook reads it), with its doc_id, reference date and headline.

        Example:
            >>> doc = open_article(None, "000_59786d66bf5a77f6").document
            >>> doc.doc_id, doc.reference_date.isoformat()
            ('000_59786d66bf5a77f6', '2017-08-22')
        """
        return Document(self.text, doc_id=self.doc_id, reference_date=self.reference_date, title=self.article.title)

    @property
    def file_stem(self) -> str:
        """``doc_id`` as a safe file name (for exported tables)."""
        return safe_name(self.doc_id)

    @property
    def label(self) -> str:
        """How titles name the article: its ``doc_id``."""
        return self.doc_id

    @property
    def source_note(self) -> str:
        """Footer of every figure: which article it comes from (doc_id, outlet, date, file name).

        Example:
            >>> open_article(None, "000_59786d66bf5a77f6").source_note
            'Article 000_59786d66bf5a77f6, file 000_59786d66bf5a77f6.txt'
        """
        art = self.article
        parts = [f"Article {art.doc_id}"]
        where = ", ".join(x for x in (art.source, art.published) if x)
        if where:
            parts[0] += f" ({where})"
        if art.path:
            archive, _, member = art.path.partition("!")
            name = Path(archive).name + (f"!{Path(member).name}" if member else "")
            parts.append(f"file {name}")
        return ", ".join(parts)

    def metadata(self) -> dict[str, Any]:
        """What is known about the article (empty fields are unknown), for a table."""
        art = self.article
        rows: dict[str, Any] = {
            "doc_id": art.doc_id,
            "file": art.path or "",
            "title": art.title or "",
            "outlet": art.source or "",
            "published": art.published or "",
            "url": art.url or "",
            "reference_date": self.reference_date or "",
        }
        for key, value in sorted(art.meta.items()):
            if key not in rows and key != "sha256" and value not in (None, ""):
                rows[key] = value
        return rows

    def save_figure(self, fig, name: str):
        """Save ``fig`` as ``<figures_dir>/<name>.png`` and ``.svg``; return the PNG for display."""
        from analysis.viz.figures import save_and_show

        return save_and_show(fig, name, directory=self.figures_dir)


def open_article(article: str | os.PathLike[str] | None = None, doc_id: str | None = None,
                 output_dir: str | os.PathLike[str] | None = None,
                 reference_date: str | None = None) -> NotebookArticle:
    """Resolve the notebook parameters (see the module docstring).

    Raises:
        CorpusError: The article cannot be found or read.
        NotebookParameterError: ``reference_date`` is not an ISO date.
    """
    art = select_article(article, doc_id)
    ref = _iso(reference_date, "REFERENCE_DATE")
    if ref is None:
        ref = _iso(art.published, "published") if art.published else None
    if ref is None:
        ref = _iso(art.meta.get("reference_date"), "reference_date")
    if output_dir is None or str(output_dir) == "":
        out, figures_dir, tables_dir = None, FIGURES_DIR, TABLES_DIR
    else:
        out = Path(output_dir).resolve()
        figures_dir, tables_dir = out / "figures", out / "tables"
    return NotebookArticle(art, ref, out, figures_dir, tables_dir)
