"""Joining two quantities into a ratio: ``أربعة من عشرة`` = 0.4, ``2 من 5 أو أكثر`` = at least 0.4.

``X من Y`` is one fraction X/Y only when Y counts nothing: the end of the
text, punctuation or a hedge written after it (``أو أكثر``) follows Y. With a
counted noun after Y (``واحد من ثلاثة مرشحين``, ``أربع من عشر محافظات``) or a
partitive ``من`` (``واحدة من ثلاث من بناته``) it stays two counts, as news
means them. Both must be whole numbers, 1 <= X < Y, without a role (a rank
such as ``المرتبة 155 من 180``, a year, a date), percent sign or vague word.
The joiners are data (``ratio_joiners`` in ``analysis/lexicons/numbers/ranges.yaml``).
"""

from __future__ import annotations

from analysis.numbers.core import Core, merge_neighbours
from analysis.numbers.lexicons import ranges, roles
from analysis.numbers.tokens import Token

_AFTER_RATIO = frozenset(".،,؛;:!؟?)]}»\"'”")


def combine_ratios(text: str, toks: list[Token], cores: list[Core]) -> list[Core]:
    """Join ``X من Y`` pairs that are ratios (see the module docstring); other cores pass through."""
    joiners = ranges().ratio_joiners
    if not joiners or len(cores) < 2:
        return cores
    return merge_neighbours(cores, lambda a, b: _ratio(text, toks, a, b, joiners))


def _whole_count(c: Core) -> bool:
    return (c.kind == "cardinal" and c.value is not None and c.value.denominator == 1 and c.value >= 1
            and c.role is None and not c.percent and c.magnitude is None and c.counted is None and not c.chain)


def _ratio(text: str, toks: list[Token], a: Core, b: Core, joiners: frozenset[str]) -> Core | None:
    if b.hs - a.he != 1 or a.he != a.te or b.hs != b.ts or toks[a.he].norm not in joiners:
        return None
    if not (_whole_count(a) and _whole_count(b)) or not a.value < b.value:  # type: ignore[operator]
        return None
    if b.q_start is not None and b.q_start >= b.end:
        return None  # a hedge after a counted noun: "2 من 5 جنود على الأقل"
    lo, hi = roles().year_range
    if toks[b.ts].kind == "num" and lo <= b.value <= hi:  # type: ignore[operator]
        return None  # "15 من 2018": a date
    k = b.end
    while k < len(text) and text[k] in " \u00a0":
        k += 1
    if k < len(text) and text[k] not in _AFTER_RATIO:
        return None
    if a.hedge != "exact" and b.hedge != "exact":
        return None
    r = Core(a.ts, b.te, a.start, b.end, a.value / b.value, "fraction")  # type: ignore[operator]
    r.hs, r.he = a.hs, b.he
    src = a if a.hedge != "exact" else b
    r.hedge = src.hedge
    r.q_start, r.q_end = src.q_start, src.q_end
    return r
