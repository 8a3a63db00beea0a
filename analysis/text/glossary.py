"""English glosses for frequent terms (``lexicons/text/glossary.csv``), for figure labels.

Terms are looked up by lemma key, word by word, so ``الروسية`` finds the gloss
of ``روسي`` and ``وزارة الدفاع الروسية`` the phrase's gloss.

Example:
    >>> gloss("داعش"), gloss("بدير الزور")
    ('ISIS', 'Deir ez-Zor')
"""

from __future__ import annotations

from functools import lru_cache

from analysis.lexicons import load_csv
from analysis.text.lemmas import lemma_key


def phrase_key(phrase: str) -> str:
    """Lemma keys of the words of ``phrase`` joined by one space (the keyword-table key)."""
    return " ".join(k for k in (lemma_key(w) for w in phrase.split()) if k)


@lru_cache(maxsize=1)
def glossary_by_key() -> dict[str, str]:
    """Phrase key → English gloss (first entry wins when two terms share a key)."""
    out: dict[str, str] = {}
    for row in load_csv("text/glossary.csv"):
        out.setdefault(phrase_key(row["term"]), row["gloss"])
    return out


def gloss(term_or_key: str) -> str | None:
    """English gloss of a term as written or of a keyword-table key; None when unknown."""
    table = glossary_by_key()
    if term_or_key in table:
        return table[term_or_key]
    return table.get(phrase_key(term_or_key))
