"""The ``role`` hint of a number: year, date, time, identifier, rank, age, duration or name.

Read from the words around the number with the cue lists of
``analysis/lexicons/numbers/roles.yaml``: ``عام 2014`` and ``في 2012،``
(year; weak cues such as في only when no counted noun follows), ``عبد الله
الثاني`` (an ordinal in a regnal name: name), ``9 أيار`` and
``التاسع من الشهر`` (date), ``الساعة 10`` (time), ``القرار 2254``
(identifier), ``الجولة 8`` (rank: role ``ordinal``), ``البالغ من العمر 38``
(age), ``خلال 24 ساعة`` (duration). Telling a claim from a date stays the
claims layer's job; these are hints.
"""

from __future__ import annotations

from functools import lru_cache

from analysis.numbers.core import Core, extra_words, phrase_indexes
from analysis.numbers.lexicons import roles
from analysis.numbers.tokens import Token, strip_clitic


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
    if core.kind == "ordinal":
        if _after_regnal_name(toks, ts):
            return "name"
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
        if first.kind == "num" and te == ts + 1 and (prev_full in rl.weak_year_cues or prev in rl.weak_year_cues) \
                and weak_year_follows(iv, first.text, nxt.kind if nxt is not None else "", nxt_norm):
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


def weak_year_follows(value: int, digits: str, next_kind: str, next_norm: str) -> bool:
    """After a weak year cue (في، خلال، حتى): is this four-digit number a year, given what follows it?

    ``next_kind`` is the kind of the next token ("" at the end of the text),
    ``next_norm`` its normalized form. A counted noun after the number
    (``في 2000 منزل``) means it is a quantity; punctuation, the end, a word
    with the article or a listed function word mean a year.
    """
    rl = roles()
    if not (rl.weak_year_range[0] <= value <= rl.weak_year_range[1]) or len(digits) != 4:
        return False
    if next_kind in ("", "punct", "nl", "sym"):
        return True
    if next_kind != "word":
        return False
    return next_norm in rl.weak_year_followers or (next_norm.startswith("ال") and len(next_norm) > 3) \
        or (next_norm[0] in "وف" and len(next_norm) > 3)  # "في 2011 وتحولت": a new clause follows


def _after_regnal_name(toks: list[Token], ts: int) -> bool:
    """``عبد الله الثاني``، ``الملكة إليزابيث الثانية``: an ordinal that belongs to a name."""
    first = toks[ts]
    if first.kind != "word" or not first.norm.startswith("ال") or ts == 0:
        return False
    rl = roles()
    prev = toks[ts - 1]
    if prev.kind != "word":
        return False
    if prev.norm in rl.regnal_names or prev.norm in rl.regnal_titles:
        return prev.norm in rl.regnal_names
    for k in range(ts - 2, max(-1, ts - 4), -1):
        tk = toks[k]
        if tk.kind != "word":
            return False
        if tk.norm in rl.regnal_titles or strip_clitic(tk.norm) in rl.regnal_titles:
            return True
    return False


def propagate_years(toks: list[Token], cores: list[Core]) -> None:
    """``عام 2015 و2016``، ``خلال 2015 أو 2016``: a year-like number joined to a year is a year too."""
    rl = roles()
    prev: Core | None = None
    for c in cores:
        if prev is not None and prev.role == "year" and c.role is None and c.kind == "cardinal" \
                and c.value is not None and c.te == c.ts + 1 and toks[c.ts].kind == "num" \
                and len(toks[c.ts].text) == 4 and c.value.denominator == 1 \
                and rl.weak_year_range[0] <= c.value <= rl.weak_year_range[1] \
                and c.ts - prev.te == 1 and toks[prev.te].kind == "word" and toks[prev.te].norm in ("و", "او"):
            c.role = "year"
        prev = c
