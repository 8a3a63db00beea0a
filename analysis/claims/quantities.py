"""Quantities (numbers with their hedges and ranges) as the claims layer sees them.

The project has one number parser, :func:`analysis.numbers.find_numbers`;
:func:`find_quantities` adapts its mentions to :class:`Quantity` objects (with
token indices of :func:`analysis.text.tokenize`) and adds what the claims
layer needs around them, driven by ``analysis/lexicons/claims/quantity_words.yaml``:

* verb hedges before the number in every person and gender (``تجاوزت 50
  بالمئة`` → more_than, ``يقاربون 300`` → approx) when the parser left the
  quantity unhedged;
* ``X ونصف X`` written with the scale repeated (``مليار ونصف مليار``), which
  the parser returns as two mentions: merged into one quantity;
* :func:`hedge_after`: a hedge written after the counted noun (``على الأقل``).

Example:
    >>> [(q.text, q.low, q.high, q.qualifier) for q in find_quantities("قال إن البطالة تجاوزت 50 بالمئة")]
    [('تجاوزت 50 بالمئة', 50, None, 'more_than')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from analysis.errors import LexiconError
from analysis.lexicons import lexicon_path, load_yaml
from analysis.numbers import find_numbers
from analysis.text.clitics import proclitic_readings
from analysis.text.normalize import normalize_for_matching
from analysis.text.tokens import Token, tokenize

Number = int | float



@dataclass(frozen=True)
class Quantity:
    """One quantity in the text.

    Attributes:
        start, end: Span of the whole quantity, hedge included (``أكثر من 200``).
        text: ``source[start:end]``.
        value: The number for a single quantity (None for ranges and vague words).
        low, high: Bounds (see the claims table conventions).
        qualifier: exact, approx, more_than, at_least, less_than, at_most, range, vague.
        kind: cardinal, decimal, fraction, range, vague, ordinal, percent.
        definite: Written with the article (``الثلاثة``، ``المئات``).
        role: Hint from the number parser (``year``, ``date`` ...) or None.
        tok_first, tok_after: Token index range of the quantity in :func:`tokenize` output.
        num_start: Offset of the number itself (after a hedge written before it).
        counted: The number is a dual noun (``دبابتين``).
        percent: The quantity is a percentage.
    """

    start: int
    end: int
    text: str
    value: Number | None
    low: Number | None
    high: Number | None
    qualifier: str
    kind: str
    definite: bool = False
    role: str | None = None
    tok_first: int = -1
    tok_after: int = -1
    num_start: int = -1
    counted: bool = False
    percent: bool = False


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    raw = load_yaml("claims/quantity_words.yaml")
    if not isinstance(raw, dict) or "hedges_after" not in raw:
        raise LexiconError("claims/quantity_words.yaml: expected a mapping with 'hedges_after'")
    n = normalize_for_matching
    hedges_after = {}
    for qual, forms in raw["hedges_after"].items():
        for f in forms:
            hedges_after[tuple(n(w) for w in str(f).split())] = qual
    verbs = {}
    for qual, forms in (raw.get("verb_hedges_before") or {}).items():
        for f in forms:
            verbs[n(str(f))] = qual

    def word_list(key: str) -> list[str]:
        words = raw.get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise LexiconError(f"{lexicon_path('claims/quantity_words.yaml')}: '{key}' must be a list of words")
        return words

    def alternation(key: str) -> str:
        return "|".join(re.escape(w) for w in word_list(key))

    return {
        "hedges_after": hedges_after,
        "verb_hedges": verbs,
        "particles": frozenset(n(str(w)) for w in raw.get("verb_hedge_particles") or ()),
        # a year word right before the low end of a "range" (في العام 2011 الى 4.8 مليار), as written
        "year_before": re.compile(rf"(?:{alternation('year_words_before_range')})\s*$"),
        # a mention ending in a fraction joined by و (مليار ونصف، مليون وربع), as written
        "fraction_tail": re.compile(rf"\sو(?:{alternation('joined_fractions')})$"),
        "repeated_scales": frozenset(n(w) for w in word_list("repeated_scales")),
    }


def hedge_after(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """A hedge written after the noun (``على الأقل``) at token ``i``: (qualifier, length)."""
    table = _words()["hedges_after"]
    if i >= len(tokens):
        return None
    readings = proclitic_readings(tokens[i].norm)  # the first word must be one of them (the norm is the first)
    for key, qual in table.items():
        if key[0] not in readings:
            continue
        window = tokens[i:i + len(key)]
        if len(window) == len(key) and all(
            (k == 0 and key[0] in proclitic_readings(t.norm)) or t.norm == key[k] for k, t in enumerate(window)
        ):
            return qual, len(key)
    return None


def verb_hedge_before(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """A verb hedge ending right before token ``i`` (``تجاوزت``، ``يزيد على``): (qualifier, first token)."""
    w = _words()
    j = i - 1
    if j >= 0 and tokens[j].norm in w["particles"]:
        j -= 1
    if j < 0 or tokens[j].kind != "word":
        return None
    for v in proclitic_readings(tokens[j].norm):
        qual = w["verb_hedges"].get(v)
        if qual is not None:
            return qual, j
    return None


def _adjust_verb_hedge(text: str, tokens: list[Token], q: Quantity) -> Quantity:
    if q.qualifier != "exact" or q.tok_first <= 0:
        return q
    hit = verb_hedge_before(tokens, q.tok_first)
    if hit is None:
        return q
    qual, j = hit
    v = q.value if q.value is not None else q.low
    low, high = (v, None) if qual == "more_than" else (None, v) if qual == "less_than" else (v, v)
    s = tokens[j].start
    # a clitic و/ف glued on the verb stays outside the span (وتجاوزت → تجاوزت)
    norm = tokens[j].norm
    if norm[:1] in ("و", "ف") and norm[1:] in _words()["verb_hedges"]:
        s += 1
    return Quantity(s, q.end, text[s:q.end], q.value, low, high, qual, q.kind, q.definite, q.role, j,
                    q.tok_after, q.num_start, q.counted, q.percent)


def _merge_repeated_scale(text: str, out: list[Quantity]) -> list[Quantity]:
    """``مليار ونصف`` + ``مليار`` (the scale written again) → one quantity ``مليار ونصف مليار``."""
    words = _words()
    merged: list[Quantity] = []
    for q in out:
        p = merged[-1] if merged else None
        if (p is not None and p.qualifier not in ("range", "vague") and words["fraction_tail"].search(p.text)
                and not text[p.end:q.start].strip() and normalize_for_matching(q.text) in words["repeated_scales"]):
            merged[-1] = Quantity(p.start, q.end, text[p.start:q.end], p.value, p.low, p.high, p.qualifier, p.kind,
                                  p.definite, p.role, p.tok_first, q.tok_after, p.num_start, p.counted, p.percent)
            continue
        merged.append(q)
    return merged


def _from_mentions(text: str, tokens: list[Token], mentions) -> list[Quantity]:
    """Adapt :class:`analysis.numbers.NumberMention` objects to :class:`Quantity`."""
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    out = []
    for m in mentions:
        s, e = int(m.start), int(m.end)
        first = max(bisect_right(starts, s) - 1, 0)
        after = min(bisect_left(ends, e) + 1, len(tokens))
        qual = m.qualifier or "exact"
        kind = m.kind or "cardinal"
        if qual == "vague":
            kind = "vague"
        q_text = m.qualifier_text or ""
        num_start = s + len(q_text) if q_text and text.startswith(q_text, s) else s
        while num_start < e and text[num_start].isspace():
            num_start += 1
        definite = text.startswith("ال", num_start)
        low, high = m.low, m.high
        if (qual == "range" and isinstance(low, int) and 1900 <= low <= 2100 and high is not None
                and not (isinstance(high, int) and 1900 <= high <= 2100) and m.qualifier_end is not None
                and m.qualifier_end < e and _words()["year_before"].search(text[max(0, num_start - 12):num_start])):
            # 'في العام 2011 الى 4.8 مليار': a year, then the upper end is a quantity of its own
            s = m.qualifier_end
            while s < e and text[s].isspace():
                s += 1
            first = max(bisect_right(starts, s) - 1, 0)
            out.append(Quantity(s, e, text[s:e], high, high, high, "exact", "cardinal", False, None, first, after, s))
            continue
        if m.percent and kind != "range":
            kind = "percent"
        out.append(Quantity(s, e, text[s:e], m.value, low, high, qual, kind, definite, m.role, first, after,
                            num_start, counted=bool(m.counted), percent=bool(m.percent)))
    out = [_adjust_verb_hedge(text, tokens, q) for q in out]
    return _merge_repeated_scale(text, out)


def find_quantities(text: str, tokens: list[Token] | None = None, mentions: list[Any] | None = None
                    ) -> list[Quantity]:
    """Quantities of ``text`` from :func:`analysis.numbers.find_numbers`.

    Args:
        text: Original text.
        tokens: :func:`analysis.text.tokenize` of ``text`` if the caller has it.
        mentions: ``find_numbers(text)`` if the caller has it.
    """
    if tokens is None:
        tokens = tokenize(text)
    if mentions is None:
        mentions = find_numbers(text)
    return _from_mentions(text, tokens, mentions)


__all__ = ["Quantity", "find_quantities", "hedge_after", "verb_hedge_before"]
