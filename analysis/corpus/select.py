"""Picking one article: a seed by its ``doc_id``, or one record of any file or archive.

The notebooks and ``make article`` take the same two parameters: a path
(``ARTICLE``, any supported format: plain text, TREC, JSON Lines, or an archive)
and a ``DOC_ID`` naming the record when the file holds several. Without a path,
``DOC_ID`` names a seed of ``seeds/catalog.csv``. A file that is itself a
catalogued seed gets its catalog metadata (outlet, dates, notes).

Example:
    >>> select_article(doc_id="000_59786d66bf5a77f6").doc_id
    '000_59786d66bf5a77f6'
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from analysis.corpus.loader import Article, iter_articles, load_seeds, read_catalog
from analysis.errors import CorpusError
from analysis.paths import SEEDS_DIR

#: Articles named in the message listing the records of a multi-article file.
_SHOWN_IDS = 5
_UNSAFE_RE = re.compile(r"[^\w.\-]+")


def safe_name(doc_id: str, max_chars: int = 80) -> str:
    """A file and folder name for ``doc_id`` (letters, digits, ``_ . -``; other runs become ``_``).

    Example:
        >>> safe_name("BBC/2018 03#1")
        'BBC_2018_03_1'
    """
    name = _UNSAFE_RE.sub("_", doc_id).strip("._") or "article"
    return name[:max_chars]


def _seed_of(path: Path) -> Article | None:
    """The catalogued seed stored at ``path``, with its catalog metadata (None if not a seed)."""
    try:
        resolved = path.resolve()
    except OSError:
        return None
    if resolved.parent != SEEDS_DIR.resolve():
        return None
    rows = {row["file"]: row["doc_id"] for row in read_catalog()}
    doc_id = rows.get(resolved.name)
    if doc_id is None:
        return None
    return next(a for a in load_seeds() if a.doc_id == doc_id)


def select_article(path: str | os.PathLike[str] | None = None, doc_id: str | None = None) -> Article:
    """The one article named by a path and/or a ``doc_id``.

    Args:
        path: A file or archive (any format :func:`analysis.corpus.iter_articles` reads);
            ``None`` to pick a seed by ``doc_id``.
        doc_id: Which record of a multi-article file, or which seed when ``path`` is None.

    Returns:
        The article.

    Raises:
        CorpusError: No such file or seed, no such record, a multi-article file without
            ``doc_id``, or a file that could not be read (the reason of the loader).
    """
    if path is None or str(path) == "":
        if not doc_id:
            raise CorpusError("<none>", "give an article path (ARTICLE) or a seed doc_id (DOC_ID)")
        seeds = load_seeds()
        for art in seeds:
            if art.doc_id == doc_id:
                return art
        known = ", ".join(a.doc_id for a in seeds)
        raise CorpusError("seeds/catalog.csv", f"no seed with doc_id {doc_id!r} (seeds: {known})")
    p = Path(path)
    if not p.exists():
        raise CorpusError(str(path), "no such file or directory")
    seed = _seed_of(p) if p.is_file() else None
    if seed is not None and doc_id in (None, "", seed.doc_id):
        return seed
    it = iter_articles(p, errors="report")
    found: list[Article] = []
    for art in it:
        if doc_id:
            if art.doc_id == doc_id:
                return art
            continue
        found.append(art)
        if len(found) > _SHOWN_IDS:
            break
    if doc_id:
        problems = f" ({len(it.problems)} records could not be read)" if it.problems else ""
        raise CorpusError(str(path), f"no article with doc_id {doc_id!r}{problems}")
    if not found:
        reason = it.problems[0].reason if it.problems else "no article found"
        raise CorpusError(str(path), f"no article could be read: {reason}")
    if len(found) > 1:
        ids = ", ".join(a.doc_id for a in found[:_SHOWN_IDS])
        raise CorpusError(str(path), f"holds several articles ({ids} …): choose one with DOC_ID")
    return found[0]
