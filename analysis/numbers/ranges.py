"""Joining two quantities into a range: ``بين 50 و60``، ``من 10 إلى 15``، ``60 إلى 70``، ``30- 40``.

Also bounds written as two hedges (``أكثر من 100 وأقل من 300``). A range needs
low < high; a scale word written only on the upper end applies to both
(``بين 5 و10 آلاف`` = 5,000–10,000); ``من X إلى Y`` after a verb of change
(``ارتفع من 20 إلى 35``) is two values; a year never pairs with a quantity
(``في العام 2011 إلى 4.8 مليار``); dash chains (phone numbers, dates) are never
ranges. Connectors are data (``analysis/lexicons/numbers/ranges.yaml``).
"""

from __future__ import annotations

from fractions import Fraction

from analysis.numbers.core import HIGH_Q, LOW_Q, Core, merge_neighbours, phrase_indexes
from analysis.numbers.lexicons import RangeLexicon, ranges, roles
from analysis.numbers.tokens import Token, start_after_clitics, strip_clitic


def combine_ranges(text: str, toks: list[Token], cores: list[Core]) -> list[Core]:
    """Join neighbouring cores that form a range; other cores pass through unchanged."""
    rl = ranges()
    return merge_neighbours(cores, lambda a, b: _try_range(text, toks, a, b, rl))


def _try_range(text: str, toks: list[Token], a: Core, b: Core, rl: RangeLexicon) -> Core | None:
    if a.value is None or b.value is None or a.magnitude or b.magnitude or a.relative or b.relative:
        return None
    between = toks[a.he:b.hs]
    b_first = toks[b.hs]
    # "أكثر من 100 وأقل من 300", "على الأقل 20 أو على الأكثر 100": a lower and an upper bound
    # joined by و, or by أو (with low < high, "x >= 100 or x <= 300" holds for every x,
    # so a writer means both), a comma allowed before the conjunction
    if (a.hedge in LOW_Q and b.hedge in HIGH_Q) or (a.hedge in HIGH_Q and b.hedge in LOW_Q):
        words = [t.norm for t in between if t.norm not in (",", "،")]
        joined = words in (["و"], ["او"]) or (not words and len(between) < 2 and b_first.norm.startswith("و"))
        if joined:
            lo_c, hi_c = (a, b) if a.hedge in LOW_Q else (b, a)
            if lo_c.value is not None and hi_c.value is not None and lo_c.value < hi_c.value:
                r = _range_core(a, b, lo_c.value, hi_c.value)
                r.q_start, r.q_end = a.q_start, a.q_end
                return r
        return None
    if a.hedge not in ("exact", "approx") or b.hedge != "exact" or b.q_start is not None:
        return None
    names = [t.norm for t in between]
    joiner: str | None = None
    jtok: tuple[int, int] | None = None
    if not between and b.first_joined:
        joiner = "و"
    elif len(between) == 1:
        joiner = names[0]
        jtok = (between[0].start, between[0].end)
    else:
        return None
    if (a.role == "year" and not _year_like(b)) or (b.role == "year" and not _year_like(a)) or (
            _year_like(a) and not _year_like(b) and (b.tail_scale or b.percent)):
        return None  # "في العام 2011 إلى 4.8 مليار": a year, then a quantity
    lo, hi = a.value, b.value
    if b.tail_scale >= 1000 and a.tail_scale == 0 and a.kind in ("cardinal", "decimal") and lo * b.tail_scale < hi:
        lo = lo * b.tail_scale
    if not lo < hi:
        return None
    # opener before the first number (its hedge excluded)
    opener = None
    back = phrase_indexes()["openers"].backward(toks, a.hs)
    if back is not None and joiner in back[2]:  # type: ignore[operator]
        opener = (back[0], back[1])
    dash = joiner in rl.dash_symbols
    if opener is None and not dash and joiner not in rl.bare_joiners:
        return None
    if dash:
        if a.chain or b.chain or b.leading_zero:
            return None
        if a.hs > 0 and toks[a.hs - 1].norm in rl.dash_symbols and a.hs > 1 and toks[a.hs - 2].kind == "num":
            return None
        if b.he < len(toks) - 1 and toks[b.he].norm in rl.dash_symbols and toks[b.he + 1].kind == "num":
            return None
        if a.kind == "ordinal" or b.kind == "ordinal":
            return None
    if joiner in rl.change_joiners and opener is not None and opener[1] == ("من",):
        # "ارتفع عدد القتلى من 20 إلى 30" gives two values, not a range
        first_tok = opener[0]
        for k in range(max(0, first_tok - 4), first_tok):
            w = toks[k].norm
            if toks[k].kind == "word" and (w in rl.change_verbs or strip_clitic(w) in rl.change_verbs):
                return None
    r = _range_core(a, b, lo, hi)
    if opener is not None:
        s, ph = opener
        r.q_start = start_after_clitics(toks[s], ph[0])
        r.q_end = toks[s + len(ph) - 1].end
        r.start = min(r.start, r.q_start)
        r.hs = s
    elif jtok is not None:
        r.q_start, r.q_end = jtok
    return r


def _year_like(c: Core) -> bool:
    lo, hi = roles().year_range
    v = c.value
    return v is not None and v.denominator == 1 and lo <= v <= hi and c.tail_scale == 0 and not c.percent


def _range_core(a: Core, b: Core, lo: Fraction, hi: Fraction) -> Core:
    r = Core(a.ts, b.te, a.start, b.end, None, "range")
    r.hs, r.he = a.hs, b.he
    r.hedge = "range"
    r.low = lo
    r.high = hi
    r.percent = a.percent or b.percent
    if a.role == b.role:
        r.role = a.role
    elif a.role == "year" or b.role == "year":
        r.role = "year"
    return r
