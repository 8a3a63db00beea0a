"""The keywords of one article: its most frequent lemma keys (the ``keywords`` layer of a Document).

Counts the lemma keys of the document's word tokens (computed once by the
tokenizer), skipping function words, reporting verbs, time words, news fillers
and one-letter keys; the form shown is the most frequent written form.

Example:
    >>> from analysis.text.document import Document
    >>> rows = article_keywords(Document("قصفت الطائرات إدلب. وقالت مصادر إن الطائرات قصفت المدينة."))
    >>> [(r["key"], r["count"]) for r in rows[:2]]
    [('طائر', 2), ('قصف', 2)]
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from analysis.text.document import Document, register_layer
from analysis.text.stopwords import stopword_keys

#: Keywords kept per article (the most frequent lemma keys).
KEYWORDS_PER_ARTICLE = 15
#: Optional stopword classes (see :func:`analysis.text.stopwords.stopword_classes`) left out of the keywords.
KEYWORD_STOPWORD_CLASSES = ("reporting_verbs", "time_words", "news_fillers")


@lru_cache(maxsize=1)
def keyword_stopwords() -> frozenset[str]:
    """Lemma keys not counted as keywords: function words, reporting verbs, time words, fillers."""
    return stopword_keys(classes=KEYWORD_STOPWORD_CLASSES)


def article_keywords(doc: Document, n: int = KEYWORDS_PER_ARTICLE) -> list[dict[str, Any]]:
    """Top ``n`` lemma keys of one article: ``rank, key, surface, count`` (ties broken by key, surfaces by form)."""
    stop = keyword_stopwords()
    by_word: dict[str, int] = {}
    key_of: dict[str, str] = {}
    for t in doc.tokens:
        if t.kind != "word":
            continue
        by_word[t.text] = by_word.get(t.text, 0) + 1
        key_of[t.text] = t.key
    counts: dict[str, int] = {}
    surfaces: dict[str, tuple[int, str]] = {}
    for word, count in by_word.items():
        key = key_of[word]
        if len(key) < 2 or key in stop:
            continue
        counts[key] = counts.get(key, 0) + count
        best = surfaces.get(key)
        if best is None or (-count, word) < (-best[0], best[1]):
            surfaces[key] = (count, word)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return [{"rank": i, "key": key, "surface": surfaces[key][1], "count": c} for i, (key, c) in enumerate(top, start=1)]


register_layer("keywords", article_keywords, provider=__name__)
