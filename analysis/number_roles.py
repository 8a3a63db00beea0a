"""The ``role`` hint of a number: year, date, time, identifier, rank, age or duration.

Read from the words around the number with the cue lists of
``analysis/lexicons/numbers/roles.yaml``: ``عام 2014`` (year), ``9 أيار`` and
``التاسع من الشهر`` (date), ``الساعة 10`` (time), ``القرار 2254``
(identifier), ``الجولة 8`` (rank: role ``ordinal``), ``البالغ من العمر 38``
(age), ``خلال 24 ساعة`` (duration). Telling a claim from a date stays the
claims layer's job; these are hints.
"""

from __future__ import annotations

from functools import lru_cache

from analysis.number_core import Core, extra_words, phrase_indexes
from analysis.number_lexicons import roles
from analysis.number_tokens import Token, strip_clitic


@lru_cache(maxsize=1)
def _prev_cues() -> dict[str, str]:
    """Word before a number -> role it suggests (identifier, time, rank)."""
    rl = roles()
    out: dict[str, str] = {}
    for words, role in ((rl.rank_cues, "rank"), (rl.time_cues, "time"), (rl.identifier_cues, "identifier")):
        for w in words:
            out[w] = role
    return out


def role_hint(text: str, toks: list[Token], core: Core) -> str | None:
    """The role hint of a single quantity, from the words around it (see roles.yaml)."""
    if core.role:
        return core.role
    if core.kind == "range" or core.value is None and core.kind != "ordinal":
        return None
    if core.leading_zero:
        return "identifier"
    ts, te = core.ts, core.te
    ntoks = len(toks)
    first = toks[ts]
    if first.kind == "num" and (
            (ts > 0 and toks[ts - 1].kind == "latin" and toks[ts - 1].end == first.start)
            or (te < ntoks and toks[te].kind == "latin" and toks[te].start == toks[te - 1].end)):
        return "identifier"  # model names and codes: F16, G20, A320, 5G
    rl = roles()
    p = ts - 1
    if p >= 0 and toks[p].kind == "word" and toks[p].norm in ("ال", "الـ"):
        p -= 1
    prev_tok = toks[p] if p >= 0 else None
    if prev_tok is not None and prev_tok.kind == "word":
        prev_full = prev_tok.norm
        prev = strip_clitic(prev_full)
    else:
        prev_full = prev = ""
    cues = _prev_cues()
    cue = cues.get(prev_full) or cues.get(prev)
    if cue in ("identifier", "time"):
        return cue
    value = core.value
    iv = int(value) if value is not None and value.denominator == 1 else None
    nxt = toks[te] if te < ntoks else None
    nxt_norm = nxt.norm if nxt is not None and nxt.kind == "word" else ""
    if iv is not None and 1 <= iv <= 31 and core.magnitude is None and nxt_norm:
        if nxt_norm in rl.months or strip_clitic(nxt_norm) in rl.months or _two_word_month(toks, te):
            return "date"
        if nxt_norm == "من" and te + 1 < ntoks:
            after = toks[te + 1]
            if after.kind == "word" and (after.norm in rl.month_words or after.norm in rl.months
                                         or _two_word_month(toks, te + 1)):
                return "date"
    kind = core.kind
    if iv is not None and kind == "cardinal" and rl.year_range[0] <= iv <= rl.year_range[1]:
        if prev_full in rl.year_cues or prev in rl.year_cues or prev_full in rl.months or prev in rl.months \
                or nxt_norm in rl.era_words or _month_before(toks, ts):
            return "year"
    if kind == "cardinal" and value is not None:
        if prev_tok is not None and prev_tok.norm == "(" and nxt_norm in extra_words().age_units:
            return "age"  # "عبد السلام (64 عاما)"
        for k in range(max(0, ts - 4), ts):
            tk = toks[k]
            if tk.kind == "word" and (tk.norm in rl.age_cues or strip_clitic(tk.norm) in rl.age_cues):
                return "age"
        if cue == "rank" and prev_full in rl.rank_cues:
            return "ordinal"
    if nxt_norm and kind in ("cardinal", "decimal", "fraction") and \
            (nxt_norm in rl.time_units or strip_clitic(nxt_norm) in rl.time_units):
        return "duration"
    return None


def _two_word_month(toks: list[Token], i: int) -> bool:
    return phrase_indexes()["months2"].forward(toks, i) is not None


def _month_before(toks: list[Token], ts: int) -> bool:
    if phrase_indexes()["months2"].backward(toks, ts) is not None:
        return True
    # "أيار (مايو) 2018"
    if ts >= 3 and toks[ts - 1].norm == ")" and toks[ts - 3].norm == "(":
        w = toks[ts - 2].norm
        return w in roles().months
    return False
