"""The claims layer's grammar words (``analysis/lexicons/claims/grammar.yaml``), loaded once.

Each list is returned as a frozenset of matching forms (``normalize_for_matching``).

Example:
    >>> "عدد" in grammar_words("count_nouns")
    True
"""

from __future__ import annotations

from functools import cache, lru_cache

from analysis.errors import LexiconError
from analysis.lexicons import load_wordlist, load_yaml
from analysis.text.normalize import normalize_for_matching

GRAMMAR_FILE = "claims/grammar.yaml"


@cache
def grammar_words(name: str) -> frozenset[str]:
    """One list of ``grammar.yaml`` in matching form.

    Raises:
        LexiconError: The list is missing or not a list of words (names the file and the key).
    """
    data = load_yaml(GRAMMAR_FILE)
    words = data.get(name) if isinstance(data, dict) else None
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise LexiconError(f"{GRAMMAR_FILE}: '{name}' must be a list of words")
    return frozenset(normalize_for_matching(w) for w in words)


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Closed-class words (``text/stopwords.txt``) and ``not_nouns``: never a counted noun."""
    words = {normalize_for_matching(w) for w in load_wordlist("text/stopwords.txt")}
    return frozenset(words | grammar_words("not_nouns"))
