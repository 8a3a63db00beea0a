"""Stopwords as lemma keys, clitic-aware, with optional news word classes.

The closed-class list (``lexicons/text/stopwords.txt``) is always available;
classes from ``news_function_words.yaml`` (``reporting_verbs``, ``time_words``,
``news_fillers``) can be added. Words are compared by lemma key, so ``وفي``,
``ففي``, ``منها`` and ``وأضافت`` are caught by ``في``, ``من`` and ``أضاف``.

Example:
    >>> keys = stopword_keys(classes=("reporting_verbs",))
    >>> is_stopword("وأضافت", keys), is_stopword("داعش", keys)
    (True, False)
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from analysis.errors import LexiconError
from analysis.lexicons import load_wordlist
from analysis.text.lemmas import lemma_key
from analysis.text.lexicon import news_word_classes


def stopword_classes() -> tuple[str, ...]:
    """Names of the optional news word classes."""
    return tuple(sorted(news_word_classes()))


@lru_cache(maxsize=64)
def _keys(classes: tuple[str, ...], extra: tuple[str, ...]) -> frozenset[str]:
    known = news_word_classes()
    words = set(w for w in load_wordlist("text/stopwords.txt") if " " not in w)
    for name in classes:
        if name not in known:
            raise LexiconError(f"unknown stopword class {name!r}; known: {sorted(known)}")
        words.update(known[name])
    words.update(extra)
    return frozenset(k for k in (lemma_key(w) for w in words) if k)


def stopword_keys(classes: Iterable[str] = (), extra: Iterable[str] = ()) -> frozenset[str]:
    """Lemma keys of the stopwords, plus the chosen classes and extra words.

    Args:
        classes: Names from :func:`stopword_classes`, e.g. ``("reporting_verbs", "time_words")``.
        extra: More words, as written (keyed with :func:`lemma_key`).
    """
    return _keys(tuple(sorted(set(classes))), tuple(sorted(set(extra))))


def is_stopword(word: str, keys: frozenset[str] | None = None) -> bool:
    """True when the word's lemma key is a stopword key (default: closed-class list only)."""
    return lemma_key(word) in (keys if keys is not None else stopword_keys())
