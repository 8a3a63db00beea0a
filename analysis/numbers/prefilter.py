"""The cheap pre-filter of :func:`analysis.numbers.find_numbers`: where numbers may be.

Digit runs are found with one regular-expression scan; number words by
intersecting the set of whitespace-separated tokens of the text with the set
of every spelling of every number word (hamza forms, final ة/ه and ى/ي, every
clitic prefix). Only tokens carrying diacritics or tatweel are normalized one
by one. Text without numbers therefore costs a few C-level passes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.numbers.digits import DIGIT_RUN_PATTERN
from analysis.numbers.lexicons import dual_nouns, relative_ordinals, weekday_forms
from analysis.numbers.tokens import norm_word
from analysis.numbers.words import damma_fractions, number_lexicon

_CONJ_PREFIXES = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل")


def _stems(relative: bool, trigger: bool) -> set[str]:
    """Number words, dual nouns and (optionally) relative ordinals, without clitics."""
    stems: set[str] = set()
    for form, infos in number_lexicon().items():
        if trigger and all(i.form == "compound_only" for i in infos):
            continue
        stems.add(form)
    stems.update(dual_nouns())
    if relative:
        for ph, _ in relative_ordinals():
            stems.update(ph)
    return stems


def _with_clitics(forms: set[str]) -> set[str]:
    """Every form with each conjunction/preposition prefix, with and without the article."""
    out: set[str] = set()
    for form in forms:
        for art in ("", "ال"):
            for p in _CONJ_PREFIXES:
                out.add(p + art + form)
        for p in ("", "و", "ف"):
            out.add(p + "لل" + form)
    return out


@lru_cache(maxsize=4)
def start_words(relative: bool, trigger: bool = False) -> frozenset[str]:
    """Every normalized surface form (clitics and article included) that may start a mention.

    With ``trigger``, the forms that make the pre-filter look closer: compound-only
    units (أحد، حادي) and Monday (الاثنين) are left out, since a number they
    belong to always has another word that triggers.
    """
    out = _with_clitics(_stems(relative, trigger))
    # written with diacritics only (خُمس، الثُّمن): the raw triggers leave them out, since
    # without a damma they are five, price … (see damma_fraction_matches)
    out |= _with_clitics(set(damma_fractions()))
    if trigger:
        out -= weekday_forms()
    return frozenset(out)


_DIGIT_RUN_RE = re.compile(DIGIT_RUN_PATTERN)


@lru_cache(maxsize=4)
def raw_trigger_words(relative: bool, trigger: bool = True) -> frozenset[str]:
    """Surface spellings of the trigger words as they appear in running text.

    Variants cover the hamza forms of a stem-initial alef (ألف، إحدى، آلاف),
    final ة/ه and final ى/ي, with every clitic prefix. Words with diacritics
    or glued punctuation are caught by :func:`trigger_spans` after normalization.
    """
    stems = _stems(relative, trigger)
    for stem in dual_nouns():
        stems.update(_inner_hamza_variants(stem))  # امرأتان
    variants: set[str] = set()
    for stem in stems:
        heads = [stem]
        if stem.startswith("ا"):
            heads += [h + stem[1:] for h in "أإآ"]
        if stem.startswith("الا") and len(stem) > 3:
            heads += ["ال" + h + stem[3:] for h in "أإآ"]
        forms = set()
        for h in heads:
            forms.add(h)
            if h.endswith("ه"):
                forms.add(h[:-1] + "ة")
            if h.endswith("ي"):
                forms.add(h[:-1] + "ى")
        variants.update(forms)
    out = _with_clitics(variants)
    if trigger:
        out -= weekday_forms()
    return frozenset(out)


def _inner_hamza_variants(stem: str) -> set[str]:
    """Spellings of ``stem`` with a hamza on a word-internal alef (``امراتان`` -> ``امرأتان``)."""
    out = {stem}
    for k, c in enumerate(stem):
        if k > 0 and c == "ا":
            out |= {v[:k] + "أ" + v[k + 1:] for v in out}
    return out


def trigger_spans(text: str, relative: bool) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Where numbers may be: (digit runs, number words), each a sorted list of spans.

    Cheap on text without numbers: the digit search is one C-level regex scan,
    and words are compared as a set of unique whitespace-separated tokens;
    only tokens with diacritics or tatweel are normalized one by one.
    """
    digits = [m.span() for m in _DIGIT_RUN_RE.finditer(text)]
    spans: list[tuple[int, int]] = []
    clean = _PUNCT_RE.sub(" ", text)  # same length: punctuation becomes a space
    hits = raw_trigger_words(relative).intersection(clean.split())
    n = len(text)
    if hits:
        for w in hits:
            lw = len(w)
            idx = clean.find(w)
            while idx >= 0:
                e = idx + lw
                if (idx == 0 or clean[idx - 1].isspace()) and (e == n or clean[e].isspace()):
                    spans.append((idx, e))
                idx = clean.find(w, e)
    marked = _MARK_RE.search(clean)
    if marked is not None:  # words with diacritics or tatweel: normalize just those
        normv = start_words(relative, True)
        pos = marked.start()
        while pos >= 0:
            s = max(clean.rfind(" ", 0, pos), clean.rfind("\n", 0, pos), clean.rfind("\t", 0, pos)) + 1
            e = _WS_RE.search(clean, pos)
            e = e.start() if e is not None else n
            word = clean[s:e]
            if norm_word(word) in normv:
                spans.append((s, e))
            m = _MARK_RE.search(clean, e)
            pos = m.start() if m is not None else -1
    if len(spans) > 1:
        spans.sort()
    return digits, spans


_PUNCT_RE = re.compile(r"[^\w\s\u0640\u064B-\u065F\u0670]")


_MARK_RE = re.compile("[\u0640\u064B-\u065F\u0670]")


_WS_RE = re.compile(r"\s")
