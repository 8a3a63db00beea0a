"""Lemma keys: the form under which an orthographic word is counted.

``lemma_key`` removes clitics (see :mod:`analysis.text.clitics`) and inflection:
sound plurals (``ون ين ات``), feminine and dual endings, broken plurals (from
``broken_plurals.csv``), adverbial tanwin (``يومياً``), the imperfect prefix
``ي`` and the past endings ``ت``/``وا`` of verbs. Keys are in matching form
without the final ``ة``, so ``الإرهابيين``, ``الإرهابيون``, ``للإرهابيين`` and
``الإرهابية`` share the key ``ارهابي``. Results are cached per word.

Nisba adjectives keep their own key (``روسي``); :func:`nisba_country` maps a
key to its country for analysts who want to merge them.
"""

from __future__ import annotations

from functools import lru_cache

from analysis.text.clitics import Segmentation, is_listed_whole, is_protected, segment_forms
from analysis.text.lexicon import (
    MATCH_EXTRA,
    SEG_TABLE,
    broken_plural_pairs,
    lemma_exceptions,
    name_forms,
    nisba_countries,
    own_name_forms,
    protected_words,
    stopword_forms,
)

_TANWIN_FATH = "\u064b"
_ARABIC_LO, _ARABIC_HI = "\u0621", "\u06ff"


def _own_word(m: str) -> bool:
    """Listed whole in our own lexicon (protected words, broken plurals, names.txt)."""
    return m in protected_words()[0] or m in own_name_forms()


def _name_guard(m: str, stripped: str) -> bool:
    """True when ``m`` is a name whose ending must stay (``فلسطين``, ``ماكرون``).

    A gazetteer form whose stripped form is itself a name is an inflected
    adjective (``اردنيون`` → ``اردني``) and may be stripped.
    """
    names = name_forms()
    return m in names and stripped not in names


def _inflection_key(s: str, m: str, *, article: bool, enclitic: bool, future: bool, tanwin: bool) -> str:
    """Strip inflectional affixes from a stem in segmentation form; return a matching-form key.

    Works on the matching form ``m``; ``taa`` remembers whether its last letter
    is a taa marbuta (``ة``, which the matching form writes ``ه``). ``m`` is the
    matching form of ``s``.
    """
    exceptions = lemma_exceptions()
    if m in exceptions and not (article and m.endswith("يه")):
        return exceptions[m]
    if m in stopword_forms():
        return m
    broken = _broken_plurals()
    if m in broken:
        return broken[m]
    taa = s[-1] == "ة"
    if enclitic:
        last = m[-1]
        if last == "ت" and len(m) >= 4 and not m.endswith("ات"):
            m = m[:-1] + "ه"  # حكومته → حكومة
            taa = True
        elif last in "ئؤ":
            m = m[:-1] + "ء"  # لقائه → لقاء
        if m in exceptions:
            return exceptions[m]  # حياته → حياة
        if m in broken:
            return broken[m]
    if _own_word(m) and not m.endswith(("ات", "ون", "ين")):
        return m[:-1] if taa else m
    # adverbial accusative: قريباً، يومياً، مشيراً
    n = len(m)
    if m[-1] == "ا" and n >= 4 and not _own_word(m) and m not in name_forms():
        if tanwin or (n >= 5 and (m[-2] == "ي" or m[0] == "م")):
            m = m[:-1]
            n -= 1
    verbal = future
    if taa:
        if n >= 3:
            m = m[:-1]
    elif m.endswith("ات") and n >= 4 and not _name_guard(m, m[:-2]):
        m = m[:-2]
    elif m.endswith(("تان", "تين")) and n >= 6:
        m = m[:-3]
    elif m.endswith(("ون", "ين")) and n >= 5 and not _own_word(m) and not _name_guard(m, m[:-2]) and not _is_tafil(m):
        m = m[:-2]
    elif m.endswith("وا") and n >= 5 and not article:
        m = m[:-2]
        verbal = True
    elif not article and not enclitic and m[-1] == "ت" and n >= 4 and m[-2] not in "اوي" and not is_listed_whole(m):
        m = m[:-1]
    if not article and len(m) >= 4:
        if m[0] == "ي" and not is_protected(m):
            m = m[1:]
            if len(m) == 3 and m[1] in "وي":
                m = m[0] + "ا" + m[2]  # hollow verbs: يقول → قال، يزيد → زاد
        elif verbal and m[0] in "تن":
            m = m[1:]
    if taa:
        return m  # محاكمة (a trial) is not محاكم (courts) without its ة
    return broken.get(m, m)


def _is_tafil(s: str) -> bool:
    """Verbal nouns تفعيل whose root ends in ن (تحسين، تعيين): the ين is not a suffix."""
    return len(s) == 5 and s[0] == "ت" and s[3] == "ي"


@lru_cache(maxsize=1)
def _broken_plurals() -> dict[str, str]:
    table: dict[str, str] = {}
    for plural, singular in broken_plural_pairs():
        table[plural.translate(MATCH_EXTRA)] = _singular_key(singular)
    return table


def _singular_key(singular: str) -> str:
    s = singular
    if s.endswith("ة") and len(s) >= 3:
        s = s[:-1]
    return s.translate(MATCH_EXTRA)


def _is_arabic(w: str) -> bool:
    return _ARABIC_LO <= w[0] <= _ARABIC_HI


@lru_cache(maxsize=1 << 19)
def lemma_key(word: str) -> str:
    """Map an orthographic word to the key under which it is counted.

    Args:
        word: One written word, clitics attached, as in the text (diacritics allowed).

    Returns:
        The key in matching form (no diacritics, bare alef, ``ي`` for ``ى``, no
        final ``ة``); non-Arabic words are lower-cased; empty input gives ``""``.

    Example:
        >>> lemma_key("للإرهابيين") == lemma_key("الإرهابيون") == lemma_key("الإرهابية")
        True
        >>> lemma_key("وبمناطق") == lemma_key("المنطقة")
        True
    """
    if not isinstance(word, str):
        raise TypeError(f"lemma_key expects str, got {type(word).__name__}")
    w = word.translate(SEG_TABLE)
    if not w:
        return ""
    if not _is_arabic(w):
        return w.lower()
    m = w.replace("ة", "ه").replace("ى", "ي")  # the matching form (same length)
    return key_of_segmentation(word, w, segment_forms(w, m), m)


def key_of_segmentation(word: str, w: str, seg: Segmentation, m: str) -> str:
    """The lemma key of ``word`` once segmented (uncached).

    ``w`` and ``m`` are the word's segmentation and matching forms (same length).
    """
    return _inflection_key(
        w[seg.stem_start : seg.stem_end],
        m[seg.stem_start : seg.stem_end],
        article=seg.article,
        enclitic=bool(seg.enclitic),
        future="س" in seg.proclitics,
        tanwin=_TANWIN_FATH in word,
    )


def nisba_country(key: str) -> tuple[str, str] | None:
    """Country (Arabic, English) of a nisba key: ``nisba_country(lemma_key("الروسية"))`` → ``("روسيا", "Russia")``."""
    return nisba_countries().get(key)
