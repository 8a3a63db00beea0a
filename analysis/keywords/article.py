"""The keywords of one article: the ``keywords`` layer of a Document (:func:`analysis.keywords.top_keywords`).

The layer holds the first :data:`KEYWORDS_PER_ARTICLE` rows of ``top_keywords`` as plain dicts
(the columns of :data:`analysis.schemas.KEYWORDS`); the corpus run writes them as its
``keywords`` table.

Example:
    >>> from analysis.text.document import Document
    >>> rows = article_keywords(Document("قصفت الطائرات إدلب. وقالت مصادر إن الطائرات قصفت المدينة."))
    >>> [r["display"] for r in rows[:3]]
    ['الطائرات', 'قصفت', 'إدلب']
"""

from __future__ import annotations

from typing import Any

from analysis.keywords.top import keyword_rows
from analysis.text.document import Document, register_layer

#: Keywords kept per article in the ``keywords`` layer and the corpus run's ``keywords`` table.
KEYWORDS_PER_ARTICLE = 15


def article_keywords(doc: Document, n: int = KEYWORDS_PER_ARTICLE) -> list[dict[str, Any]]:
    """The first ``n`` rows of :func:`analysis.keywords.top_keywords` for one document, as dicts."""
    return keyword_rows(doc, n)


register_layer("keywords", article_keywords, provider=__name__)
