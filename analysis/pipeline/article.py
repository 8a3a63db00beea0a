"""The per-article pipeline of a corpus run: one article in, rows for every table out.

:func:`process_article` runs the analysers (claims, entities, quotes, keywords)
on one :class:`~analysis.corpus.Article` and returns an :class:`ArticleResult`
holding plain rows (dicts) for the ``articles``, ``claims``, ``entities``,
``quotes``, ``keywords`` and ``errors`` tables. It never raises: an exception
inside an analyser becomes a row of the ``errors`` table (stage, exception type,
message) and the article's row gets ``status="partial"``, so nothing is lost.
The result is small and picklable, which is what the process pool and Dask
workers send back.

Rows carry ``article_key``: a hash of the article's location and its content
hash (:attr:`~analysis.corpus.Article.content_hash`), so ``--resume`` skips an
article already done, while the same text found in two places is kept twice.

Example:
    >>> from analysis.corpus import Article
    >>> result = process_article(Article(doc_id="d1", text="قُتل 20 شخصاً في غارة جوية."))
    >>> result.rows["articles"][0]["doc_id"]
    'd1'
"""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from analysis.corpus import Article, LoadProblem
from analysis.document import Document, DocumentError
from analysis.entities import entity_mentions
from analysis.schemas import CLAIMS, RUN_TABLES, run_columns
from analysis.text.document import parse_reference_date

#: Articles longer than this (characters) are recorded but not analysed (status ``too_long``,
#: an ``errors`` row with stage ``size``): bounds the cost of one pathological input (a
#: whole book or a dump in one record) at ~180x the average ANT article.
MAX_ARTICLE_CHARS = 500_000
#: Longest error message kept in the errors table.
MAX_REASON_CHARS = 300

#: Every table of a run, in writing order: ``{table: {column: type}}`` (:func:`analysis.schemas.run_columns`).
TABLE_SCHEMAS: dict[str, dict[str, str]] = {name: run_columns(name) for name in RUN_TABLES}
_CLAIM_COLUMNS = CLAIMS.columns


@dataclass
class ArticleResult:
    """Rows produced for one article (or one load problem).

    Attributes:
        key: The article key (see :func:`article_key`).
        rows: Table name → list of row dicts (only tables with rows are present).
        n_bytes: UTF-8 size of the article text (for MB/s).
    """

    key: str
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    n_bytes: int = 0

    @property
    def n_errors(self) -> int:
        return len(self.rows.get("errors", ()))

    @property
    def n_claims(self) -> int:
        return len(self.rows.get("claims", ()))


def _short_hash(*parts: str) -> str:
    h = hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:20]


def article_key(article: Article) -> str:
    """Stable identifier of an article in a run: location (path, doc_id) and content hash."""
    return _short_hash("article", article.path or "", article.doc_id or "", article.content_hash)


def problem_key(problem: LoadProblem) -> str:
    """Stable identifier of a load problem (file, record, reason)."""
    return _short_hash("problem", problem.path or "", problem.record or "", problem.reason or "")


def _record(article: Article) -> str | None:
    rec = article.meta.get("record") if isinstance(article.meta, Mapping) else None
    return None if rec is None else str(rec)


def _reason(exc: BaseException) -> str:
    msg = f"{exc}".strip() or exc.__class__.__name__
    tb = traceback.extract_tb(exc.__traceback__)
    if tb:
        last = tb[-1]
        msg += f" (at {last.filename.rsplit('/', 1)[-1]}:{last.lineno})"
    return msg[:MAX_REASON_CHARS]


def problem_result(problem: LoadProblem) -> ArticleResult:
    """The errors-table row of an input the loader could not read."""
    key = problem_key(problem)
    row = {
        "article_key": key,
        "doc_id": None,
        "path": problem.path,
        "record": problem.record,
        "stage": "load",
        "error_type": "CorpusError",
        "reason": problem.reason,
    }
    return ArticleResult(key=key, rows={"errors": [row]})


# --- stages: each reads the one Document of the article ---------------------------------


def _claims_rows(doc: Document) -> list[dict[str, Any]]:
    return [{col: r.get(col) for col in _CLAIM_COLUMNS} for r in doc.claims]


def _entity_rows(doc: Document) -> list[dict[str, Any]]:
    return [m.as_row() for m in entity_mentions(doc)]


def _quote_rows(doc: Document) -> list[dict[str, Any]]:
    return [q.as_row() for q in doc.quotes]


def _keyword_rows(doc: Document) -> list[dict[str, Any]]:
    return list(doc.keywords)


Stage = Callable[[Document], list[dict[str, Any]]]

#: Stage name → (table, function of the article's Document). Order is the order of the errors rows.
STAGES: dict[str, tuple[str, Stage]] = {
    "claims": ("claims", _claims_rows),
    "entities": ("entities", _entity_rows),
    "quotes": ("quotes", _quote_rows),
    "keywords": ("keywords", _keyword_rows),
}


def process_article(article: Article, stages: Mapping[str, tuple[str, Stage]] | None = None) -> ArticleResult:
    """Analyse one article; never raises.

    Args:
        article: The article.
        stages: Stage name → (table, function); default :data:`STAGES` (the real analysers).

    Returns:
        Rows for every table. A failing stage gives an ``errors`` row naming the
        stage, the exception type and message; the other stages still run.

    Example:
        >>> r = process_article(Article(doc_id="x", text="قال المرصد إن 12 مدنياً قتلوا."))
        >>> sorted(r.rows)  # doctest: +SKIP
        ['articles', 'claims', 'entities', 'keywords', 'quotes']
    """
    stages = STAGES if stages is None else stages
    try:
        text = article.text if isinstance(article.text, str) else str(article.text)
        n_bytes = len(text.encode("utf-8", "surrogatepass"))
        content_hash = article.content_hash
        key = _short_hash("article", article.path or "", article.doc_id or "", content_hash)
    except Exception as exc:  # noqa: BLE001 - a broken Article is still recorded
        key = _short_hash("broken", repr(getattr(article, "doc_id", None)), repr(getattr(article, "path", None)))
        return ArticleResult(key=key, rows={"errors": [{
            "article_key": key, "doc_id": str(getattr(article, "doc_id", "")), "path": getattr(article, "path", None),
            "record": None, "stage": "article", "error_type": type(exc).__name__, "reason": _reason(exc)}]})

    common = {"article_key": key, "doc_id": article.doc_id}
    rows: dict[str, list[dict[str, Any]]] = {}
    errors: list[dict[str, Any]] = []
    failed: list[str] = []
    too_long = len(text) > MAX_ARTICLE_CHARS
    if too_long:
        errors.append({**common, "path": article.path, "record": _record(article), "stage": "size",
                       "error_type": "ArticleTooLong",
                       "reason": f"article of {len(text)} characters exceeds MAX_ARTICLE_CHARS={MAX_ARTICLE_CHARS}; "
                                 "recorded, not analysed"})
    doc = None if too_long else Document(text, doc_id=article.doc_id, reference_date=_reference_date(article),
                                         title=article.title)
    for stage, (table, func) in ({} if too_long else stages).items():
        try:
            produced = func(doc)
        except Exception as exc:  # noqa: BLE001 - recorded, never lost
            failed.append(stage)
            errors.append({**common, "path": article.path, "record": _record(article), "stage": stage,
                           "error_type": type(exc).__name__, "reason": _reason(exc)})
            continue
        extra = {"outlet": article.source, "published": article.published} if table == "claims" else {}
        rows[table] = [{**row, **extra, **common} for row in produced]

    meta = article.meta if isinstance(article.meta, Mapping) else {}
    published = article.published
    rows["articles"] = [{
        **common,
        "content_hash": content_hash,
        "path": article.path,
        "record": _record(article),
        "source": article.source,
        "category": meta.get("category"),
        "published": published,
        "month": published[:7] if published and len(published) >= 7 else None,
        "title": article.title,
        "url": article.url,
        "n_chars": len(text),
        "n_bytes": n_bytes,
        "n_claims": len(rows.get("claims", ())),
        "n_entities": len(rows.get("entities", ())),
        "n_quotes": len(rows.get("quotes", ())),
        "n_keywords": len(rows.get("keywords", ())),
        "status": "too_long" if too_long else ("partial" if failed else "ok"),
        "failed_stages": ";".join(failed) or None,
    }]
    if errors:
        rows["errors"] = errors
    return ArticleResult(key=key, rows=rows, n_bytes=n_bytes)


def _reference_date(article: Article) -> str | None:
    """The article's publication date when it is an ISO date (anything else is not used to resolve dates)."""
    published = article.published
    if published and len(published) >= 10 and published[4] == "-" and published[7] == "-":
        try:
            parse_reference_date(published)
        except DocumentError:
            return None
        return published[:10]
    return None


def process_item(item: Article | LoadProblem,
                 process: Callable[[Article], ArticleResult] | None = None) -> ArticleResult:
    """One item of a run: an article (analysed by ``process``) or a load problem (an error row).

    Even an exception escaping ``process`` (a replaced, non-default function)
    becomes an error row.
    """
    if isinstance(item, LoadProblem):
        return problem_result(item)
    process = process_article if process is None else process
    try:
        return process(item)
    except Exception as exc:  # noqa: BLE001 - recorded, never lost
        key = article_key(item)
        return ArticleResult(key=key, rows={"errors": [{
            "article_key": key, "doc_id": item.doc_id, "path": item.path, "record": _record(item),
            "stage": "pipeline", "error_type": type(exc).__name__, "reason": _reason(exc)}]})


def process_batch(items: list[Article | LoadProblem],
                  process: Callable[[Article], ArticleResult] | None = None) -> list[ArticleResult]:
    """:func:`process_item` over a small batch (one task for a worker process or a Dask worker)."""
    return [process_item(item, process) for item in items]
