"""Find numbers and quantities in Arabic news text: :func:`find_numbers`.

Every way Arabic news writes a quantity comes out as a :class:`NumberMention`
with offsets into the unmodified input: digits in any script (``200``,
``٢٠٠``, ``۲۰۰``) with thousands and decimal separators told apart (see
:mod:`analysis.numbers.digits`), number words and compounds (``ثلاثمئة وخمسة
وعشرون``), mixed forms (``3.5 مليار``، ``655 ألفاً و500``), duals of counted
nouns (``دبابتان`` = 2), fractions (``ثلاثة أرباع``، ``خمس الميزانية``،
``خُمس``), ratios (``أربعة من خمسة``), ordinals (``الخامسة والعشرون``،
``الزائر المليون``), percentages (``٣٫٢٪``، ``41 في المئة``), ranges (``بين 50
و60``، ``60 إلى 70``، ``30- 40``), negatives (``سالب خمسة``) and hedges (``نحو``،
``أكثر من``، ``ما لا يقل عن``، ``عشرات``). Words, hedges and connectors are
data (``analysis/lexicons/numbers/``).

Conventions of a mention (see :class:`NumberMention`):

=============  =======================  ======================  =================
qualifier      value                    low                     high
=============  =======================  ======================  =================
exact/approx   the number               = value                 = value
more_than      the number written       the number              None
at_least       the number written       the number              None
less_than      the number written       None                    the number
at_most        the number written       None                    the number
range          None                     lower end               upper end
vague          None                     None                    None
=============  =======================  ======================  =================

The mention's ``text``/``start``/``end`` include the hedge words (``أكثر من
200``) and percent markers, but not a conjunction or preposition glued to the
front (``و60`` -> ``60``; ``بنحو 20`` -> ``نحو 20``). ``qualifier_text`` and
its span give the hedge words alone.

How it works: a cheap pre-filter (:mod:`analysis.numbers.prefilter`) finds
digit runs and number words; a digit run or number word with no number, cue
word or symbol among the four words on either side takes a fast path (its
reading depends on itself alone); around the others only a few words of
context are tokenized (:mod:`analysis.numbers.tokens`). At each token that can start a
number, the phrase grammar (:mod:`analysis.numbers.grammar`) reads the longest
well-formed number; this module then reads ordinals, vague quantities, duals,
negatives, fractions written ``N على M``, percent markers, hedges, the role
hint and finally joins pairs into ranges (``بين``، ``من … إلى``، dashes,
:mod:`analysis.numbers.ranges`) and ratios (``X من Y`` with nothing counted
after Y, :mod:`analysis.numbers.ratios`).
Numbers inside URLs and e-mail addresses are ignored.

Example:
    >>> [(m.text, m.value, m.low, m.high, m.qualifier) for m in find_numbers("قتل أكثر من 200 مسلح")]
    [('أكثر من 200', 200, 200, None, 'more_than')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from fractions import Fraction
from functools import lru_cache

from analysis.errors import AnalysisError
from analysis.numbers.core import HIGH_Q, LOW_Q, Core, extra_words, phrase_indexes, starts_number
from analysis.numbers.digits import interpret_digit_run
from analysis.numbers.grammar import Atom, atoms_at, parse_phrase, split_whole
from analysis.numbers.lexicons import dual_nouns, hedges, percent_markers, ranges, roles
from analysis.numbers.prefilter import raw_trigger_words, start_words, trigger_spans
from analysis.numbers.ranges import combine_ranges
from analysis.numbers.ratios import combine_ratios
from analysis.numbers.roles import propagate_years, role_hint
from analysis.numbers.tokens import (
    Token,
    clitic_keys,
    definite_word,
    function_word,
    norm_word,
    skip_prefix,
    start_after_clitics,
    strip_clitic,
    tokenize,
)
from analysis.numbers.words import analyze_word, number_lexicon, to_words
from analysis.text.document import Document, register_layer

__all__ = ["NumberMention", "NumberParseError", "find_numbers", "to_words"]


class NumberParseError(AnalysisError):
    """``find_numbers`` was given something that is not text."""


@dataclass(frozen=True)
class NumberMention:
    """A number or quantity found in text.

    Attributes:
        text: ``input[start:end]``: the quantity as written, hedge and percent
            marker included (``أكثر من 200``، ``41 في المئة``، ``بين 50 و60``).
        start: Offset of the first character in the input.
        end: Offset after the last character (exclusive).
        value: The number (int when whole, else float) for a single quantity;
            for hedged numbers the number written; None for ranges, vague
            quantities and relative ordinals. Percentages keep the percent
            value (``41 في المئة`` -> 41).
        low: Lower bound: = value for exact and approx; the number for
            more_than/at_least; the lower end of a range; else None.
        high: Upper bound: = value for exact and approx; the number for
            less_than/at_most; the upper end of a range; else None.
        kind: ``cardinal``, ``decimal``, ``fraction``, ``ordinal``,
            ``percent`` or ``range``.
        qualifier: ``exact``, ``approx``, ``more_than``, ``at_least``,
            ``less_than``, ``at_most``, ``range`` or ``vague``.
        qualifier_text: The hedge words (``أكثر من``، ``نحو``، ``على الأقل``),
            the range opener or connector (``بين``، ``إلى``، ``-``), the vague
            word itself (``عشرات``); None when there is none.
        qualifier_start: Offset of ``qualifier_text`` (None when absent).
            Usually inside ``[start, end)``; for a hedge written after the
            counted noun (``قتل 12 مدنيا على الأقل``) the mention keeps the
            number's span (``12``, so the noun stays visible after ``end``)
            and the qualifier span lies after it.
        qualifier_end: End offset of ``qualifier_text`` (None when absent).
        role: A hint at what the number is used for: ``year``, ``date``,
            ``time`` (also clock times in words: ``الواحدة والربع`` = 1.25),
            ``identifier``, ``ordinal`` (a cardinal used as a rank:
            ``الجولة 8``), ``age``, ``duration``, ``name`` (an ordinal that is
            part of a monarch's or pope's name: ``عبد الله الثاني``), or None.
            Telling a claim from a date stays the claims layer's job.
        percent: True for percentages, also for hedged ones and for ranges of
            percentages (``بين 10 و15 في المئة``: kind ``range``, percent True).
        counted: For duals of counted nouns (``دبابتان``), the singular noun
            as listed in ``dual_nouns.csv`` (``دبابة``); else None.
        magnitude: For vague quantities, what they speak of: ``tens``,
            ``hundreds``, ``thousands``, ``tens of thousands``, ``few``,
            ``several`` …; else None.
        relative: For relative ordinals (only with ``relative_ordinals=True``):
            ``end+0`` (last), ``end-1``, ``current+1`` (next), ``current-1``,
            ``current+0``; else None.
    """

    text: str
    start: int
    end: int
    value: int | float | None
    low: int | float | None
    high: int | float | None
    kind: str
    qualifier: str
    qualifier_text: str | None = None
    qualifier_start: int | None = None
    qualifier_end: int | None = None
    role: str | None = None
    percent: bool = False
    counted: str | None = None
    magnitude: str | None = None
    relative: str | None = None


_MENTION_FIELDS = tuple(f.name for f in fields(NumberMention))
_new_object = object.__new__


def _new_mention(*values: object) -> NumberMention:
    """``NumberMention(*values)`` without the frozen dataclass's per-field ``object.__setattr__`` calls.

    The result is indistinguishable from one built by the constructor (same
    instance ``__dict__``; equality, hashing, ``repr`` and pickling unchanged).
    """
    m = _new_object(NumberMention)
    m.__dict__.update(zip(_MENTION_FIELDS, values))
    return m


_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)


# --- cores: single quantities before hedges and ranges ------------------------


def _tok_start(text: str, tok: Token, prefix: str) -> int:
    """Start of a number word after its clitics; ``للعشرين`` keeps its ``ل`` (the article's)."""
    if not prefix or (prefix.endswith("ل") and tok.norm[len(prefix):len(prefix) + 1] == "ل"):
        return tok.start
    return skip_prefix(text, tok.start, tok.end, len(prefix))


def _parse_core(text: str, toks: list[Token], i: int, relative: bool) -> Core | None:
    t = toks[i]
    if t.kind == "num":
        return _cardinal_core(text, toks, i)
    if t.kind == "sym" and t.norm == "-" and i + 1 < len(toks) and toks[i + 1].kind == "num" \
            and toks[i + 1].start == t.end and (i == 0 or toks[i - 1].kind not in ("num", "word", "latin")
                                                or toks[i - 1].end < t.start and toks[i - 1].kind != "num"):
        core = _cardinal_core(text, toks, i + 1)
        if core is not None and core.value is not None and core.kind != "ordinal":
            core.value = -core.value
            core.start = t.start
            core.ts = i
            core.hs = i
            return core
        return None
    if t.kind != "word":
        return None
    if relative:
        hit = phrase_indexes()["relative"].forward(toks, i, True)
        if hit is not None:
            ph, rel = hit
            end_tok = toks[i + len(ph) - 1]
            core = Core(i, i + len(ph), start_after_clitics(t, ph[0]), end_tok.end, None, "ordinal")
            core.relative = str(rel)
            return core
    ms = t.matches()
    if not ms:
        dual = _dual_core(text, toks, i)
        return dual
    kinds = {m.info.kind for m in ms}
    if "negative" in kinds and i + 1 < len(toks):
        core = _parse_core(text, toks, i + 1, False)
        if core is not None and core.value is not None and core.kind not in ("ordinal",) and core.magnitude is None:
            core.value = -core.value
            core.start = _tok_start(text, t, ms[0].prefix)
            core.ts = i
            core.hs = i
            return core
        return None
    core = _cardinal_core(text, toks, i)
    if core is not None:
        return core
    if "vague" in kinds:
        return _vague_core(text, toks, i)
    return None


def _lone_digits(toks: list[Token], i: int) -> bool:
    """A digit token that nothing after it can extend (the common case: "قتل 4 أشخاص")."""
    t = toks[i]
    if t.chain_role is not None:
        return True
    j = i + 1
    if j >= len(toks):
        return True
    n = toks[j]
    if n.kind == "word":
        return n.text not in raw_trigger_words(False, False) and n.norm not in extra_words().tail_words \
            and not n.matches() and n.norm != "و"
    return n.kind in ("punct", "nl") and n.text not in (".", "،", ",")


def _cardinal_core(text: str, toks: list[Token], i: int) -> Core | None:
    t = toks[i]
    if t.kind == "num" and t.num is not None and _lone_digits(toks, i):
        num = t.num
        kind = "fraction" if t.frac and num.value.denominator != 1 else (
            "decimal" if num.decimal else "cardinal")
        core = Core(i, i + 1, t.start, t.end, num.value, kind)
        core.leading_zero = num.leading_zero
        core.role = t.chain_role
        core.chain = t.chain_role is not None
        return core
    atoms = atoms_at(toks, i)
    if not atoms:
        return None
    parsed = parse_phrase(atoms)
    if parsed is None:
        return None
    used, state = parsed
    first = atoms[0]
    # percent word read as a number: "بالمئة 10", "في المئة"
    if first.kind == "hundred" and first.definite and first.value == 100 and used == 1 and (
            first.prefix.endswith("ب") or (i > 0 and toks[i - 1].norm == "في")):
        return None
    if used == 1:
        if first.not_alone_def and first.definite:
            return None
        if first.need_def and not first.definite:
            return None
        if first.kind == "denominator":
            return None
        if first.kind == "unit" and first.value == 1 and not first.definite and i > 0 \
                and strip_clitic(toks[i - 1].norm) in extra_words().one_not_after:
            return None  # "أي واحد", "كل واحد": which one, each one
        if not first.definite and first.kind in ("unit", "ten"):
            share = _fraction_of_definite(text, toks, i, first)
            if share is not None:
                return share
    clock = _clock_time(text, toks, i, atoms, used, state)
    if clock is not None:
        return clock
    definite_number = (first.definite and first.kind in ("tens", "hundred") and first.prefix in ("", "و")) or (
        first.definite and first.kind == "unit" and first.value in (1, 2) and used > 1) or (
        used == 1 and first.definite and first.kind == "scale" and first.form == "singular" and not first.prefix
        and _after_definite_noun(toks, i))
    ordinal = any(a.ordinal for a in atoms[:used]) or definite_number
    if ordinal and any(a.kind in ("num", "fraction", "denominator") for a in atoms[:used]):
        return None
    last_tok = toks[atoms[used - 1].tok]
    start = _tok_start(text, toks[i], first.prefix) if first.kind != "num" else toks[i].start
    value = state.value
    te = atoms[used - 1].tok + 1
    one_noun = False
    if first.kind == "fraction" and first.prefix.startswith("و") and used == 1 and i > 0 \
            and toks[i - 1].kind == "word" and strip_clitic(toks[i - 1].norm) in extra_words().one_and_fraction_nouns:
        # "ساعة ونصف": one hour and a half
        value = 1 + value
        start = start_after_clitics(toks[i - 1], strip_clitic(toks[i - 1].norm))
        i -= 1
        one_noun = True
    if not ordinal:
        frac = _fraction_tail(text, toks, te, value, all(a.kind != "num" for a in atoms[:used]), atoms[:used])
        if frac is not None:
            value, te = frac
            last_tok = toks[te - 1]
            state.fraction = True
        elif i >= 2 and toks[i - 1].norm == "من" and te < len(toks) and value.denominator == 1 and value > 1 \
                and toks[te].norm in extra_words().part_words and toks[i - 2].kind == "word" \
                and strip_clitic(toks[i - 2].norm) in extra_words().part_words:
            # "جزء من عشرة أجزاء": one part of ten parts, a tenth
            value = 1 / value
            start = start_after_clitics(toks[i - 2], strip_clitic(toks[i - 2].norm))
            i -= 2
            te += 1
            last_tok = toks[te - 1]
            state.fraction = True
    if ordinal:
        kind = "ordinal"
    elif state.fraction and value.denominator != 1:
        kind = "fraction"
    elif state.decimal and value.denominator != 1:
        kind = "decimal"
    elif state.decimal and first.kind == "num" and used == 1:
        kind = "decimal"
    else:
        kind = "cardinal"
    core = Core(i, te, start, last_tok.end, value, kind)
    if one_noun and strip_clitic(toks[i].norm) in roles().time_units:
        core.role = "duration"
    core.tail_scale = state.tail_scale if state.group == 0 and te == atoms[used - 1].tok + 1 else 0
    core.first_joined = first.joined
    core.definite_number = definite_number
    if first.kind == "num" and toks[i].num is not None:
        core.leading_zero = toks[i].num.leading_zero
        core.role = toks[i].chain_role
        core.chain = toks[i].chain_role is not None
    return core


def _after_definite_noun(toks: list[Token], i: int) -> bool:
    """Token ``i`` qualifies the definite word before it (``الزائر المليون``, ``للمرة الألف``).

    Not when that word is counted (``عدد القتلى الألف``: see ``count_words``)
    and not before a counted noun (``تجاوزت الخسائر المليون دولار``: a word
    without the article that is not a function word).
    """
    if i == 0 or toks[i - 1].kind != "word" or toks[i - 1].matches():
        return False
    if not definite_word(toks[i - 1].norm):
        return False
    if i + 1 < len(toks) and toks[i + 1].kind == "word" and not definite_word(toks[i + 1].norm) \
            and not function_word(toks[i + 1].norm):
        return False
    return not (i > 1 and toks[i - 2].kind == "word" and strip_clitic(toks[i - 2].norm) in extra_words().count_words)


def _fraction_of_definite(text: str, toks: list[Token], i: int, first: Atom) -> Core | None:
    """``خمس الميزانية`` = 0.2, ``خمس العشرين`` = 4: خمس/عشر alone before a definite word.

    A cardinal 3–10 does not take a definite noun in news Arabic (``الدول
    الخمس``), so ``خمس`` before one is the fraction ``خُمس``: of a definite
    number it is that part of the number, of anything else a share (kind
    ``fraction``). Not after a number (``ثلاثة عشر``), not before a stopword
    (``عشر التي``); the words are ``fraction_of_definite`` in number_words.yaml.
    """
    ex = extra_words()
    den = ex.fraction_of_definite.get(toks[i].norm[len(first.prefix):])
    if den is None or i + 1 >= len(toks) or (i > 0 and starts_number(toks, i - 1)):
        return None
    nxt = toks[i + 1]
    if nxt.kind != "word" or not nxt.norm.startswith("ال") or len(nxt.norm) <= 3 or function_word(nxt.norm):
        return None
    value = Fraction(1, den)
    te = i + 1
    if nxt.matches():
        atoms = atoms_at(toks, i + 1)
        parsed = parse_phrase(atoms) if atoms else None
        if parsed is None:
            return None
        used, state = parsed
        whole = atoms[0]
        if not whole.definite or whole.prefix or any(a.ordinal or a.kind in ("fraction", "denominator", "num")
                                                     for a in atoms[:used]):
            return None
        value = state.value / den
        te = atoms[used - 1].tok + 1
    kind = "fraction" if value.denominator != 1 else "cardinal"
    return Core(i, te, _tok_start(text, toks[i], first.prefix), toks[te - 1].end, value, kind)


def _clock_time(text: str, toks: list[Token], i: int, atoms: list, used: int, state) -> Core | None:
    """``الواحدة والربع``، ``العاشرة والنصف``: a clock time in words.

    A definite feminine hour (1–12, cardinal or ordinal form) followed by و and
    a definite fraction: value hour + fraction, kind ``decimal``, role ``time``.
    """
    if used < 2 or atoms[0].kind not in ("unit", "ten") or not atoms[0].definite or atoms[0].prefix:
        return None
    last = atoms[used - 1]
    if last.kind != "fraction" or not last.definite or not last.joined or not toks[i].norm.endswith("ه"):
        return None
    if any(a.kind not in ("unit", "ten") for a in atoms[:used - 1]):
        return None
    value = state.value
    hour = value - last.value
    if hour.denominator != 1 or not 1 <= hour <= 12:
        return None
    core = Core(i, atoms[used - 1].tok + 1, toks[i].start, toks[atoms[used - 1].tok].end, value, "decimal")
    core.role = "time"
    return core


def _fraction_tail(text: str, toks: list[Token], te: int, numerator: Fraction,
                   words_only: bool, num_atoms: list[Atom]) -> tuple[Fraction, int] | None:
    """``N على M``, ``N جزء من M`` and ``N خمس``: the numerator followed by its denominator.

    A numerator in words that is not below its denominator is read as a whole
    number and a proper fraction (:func:`split_whole`): ``مئتان وثلاثة أجزاء من
    مئة`` = 200.03.
    """
    if te >= len(toks):
        return None
    t = toks[te]
    den_at = None
    if t.kind == "word" and words_only and any(m.info.kind == "decimal_point" for m in t.matches()) \
            and numerator.denominator == 1:
        # "خمسة فاصلة خمسة" = 5.5
        atoms = atoms_at(toks, te + 1)
        parsed = parse_phrase(atoms) if atoms and not atoms[0].prefix else None
        if parsed is None:
            return None
        used, state = parsed
        frac = state.value
        if frac.denominator != 1 or any(a.ordinal or a.kind == "num" for a in atoms[:used]):
            return None
        return numerator + Fraction(int(frac), 10 ** len(str(int(frac)))), atoms[used - 1].tok + 1
    ex = extra_words()
    if t.kind == "word" and t.norm in ex.over_words:
        den_at = te + 1
    elif t.kind == "word" and t.norm == "من" and te + 2 < len(toks) and toks[te + 1].norm == "كل" \
            and starts_number(toks, te + 2):
        den_at = te + 2  # "واحد من كل عشرة": one in ten
    elif t.kind == "word" and t.norm == "من" and words_only and numerator == 1 and te + 1 < len(toks) \
            and toks[te + 1].kind == "word":
        # "واحد من مئة" / "واحد من مليون": one in a hundred, one in a million
        den_at = te + 1
        atoms = atoms_at(toks, den_at)
        parsed = parse_phrase(atoms) if atoms and not atoms[0].prefix else None
        if parsed is None:
            return None
        used, state = parsed
        den = state.value
        if any(a.kind == "num" or a.ordinal for a in atoms[:used]) or den < 100 or den.denominator != 1 \
                or str(int(den)).rstrip("0") != "1":
            return None
        return numerator / den, atoms[used - 1].tok + 1
    elif t.kind == "word" and t.norm in ex.part_words and te + 1 < len(toks) and toks[te + 1].norm == "من":
        den_at = te + 2
    elif words_only and t.kind == "word" and t.norm in ex.singular_denominators \
            and (te + 1 >= len(toks) or not starts_number(toks, te + 1)):
        return _over(numerator, ex.singular_denominators[t.norm], num_atoms), te + 1
    if den_at is None or den_at >= len(toks) or toks[den_at].kind not in ("num", "word"):
        return None
    if toks[den_at].kind == "word" and toks[den_at].norm == "و":
        return None
    atoms = atoms_at(toks, den_at)
    if not atoms or atoms[0].joined or atoms[0].prefix:
        return None
    parsed = parse_phrase(atoms)
    if parsed is None:
        return None
    used, state = parsed
    if any(a.ordinal or a.kind in ("fraction", "denominator") for a in atoms[:used]):
        return None
    den = state.value
    if den <= 0 or state.zero:
        return None
    if words_only and t.norm in ex.part_words:
        return _over(numerator, den, num_atoms), atoms[used - 1].tok + 1
    return numerator / den, atoms[used - 1].tok + 1


def _over(numerator: Fraction, den: Fraction | int, num_atoms: list[Atom]) -> Fraction:
    """``numerator / den``, or whole + proper fraction when the spelled-out numerator is not below ``den``."""
    if numerator >= den:
        cut = split_whole(num_atoms, den)
        if cut is not None and cut[0] + cut[1] == numerator:
            return cut[0] + cut[1] / den
    return numerator / den


def _vague_core(text: str, toks: list[Token], i: int) -> Core | None:
    t = toks[i]
    m = next(m for m in t.matches() if m.info.kind == "vague")
    if m.definite and m.info.form in ("few", "several"):
        return None
    if m.prefix not in ("", "و", "ب", "ل", "وب", "ول", "ف", "ك"):
        return None
    magnitude = m.info.form
    te = i + 1
    if i + 1 < len(toks) and toks[i + 1].kind == "word":
        nxt = toks[i + 1].norm
        vague_follow = extra_words().vague_orders
        bare = nxt if nxt in vague_follow else (nxt[2:] if nxt.startswith("ال") else nxt)
        if bare in vague_follow and vague_follow[bare] != magnitude:
            follow = vague_follow[bare]
            magnitude = f"{'a few' if magnitude == 'few' else magnitude} {follow}" if magnitude in ("few", "several") \
                else f"{magnitude} of {follow}"
            te = i + 2
    core = Core(i, te, _tok_start(text, t, m.prefix), toks[te - 1].end, None, "cardinal")
    core.magnitude = magnitude
    core.hedge = "vague"
    core.q_start, core.q_end = core.start, toks[i].end
    return core


def _dual_core(text: str, toks: list[Token], i: int) -> Core | None:
    t = toks[i]
    table = dual_nouns()
    norm = t.norm
    hit = None
    prefix_len = 0
    for plen in (0, 1, 2):
        if plen and (len(norm) <= plen + 2 or not all(c in "وفبلك" for c in norm[:plen])):
            continue
        rest = norm[plen:]
        for cand in (rest, rest[2:] if rest.startswith("ال") else None):
            if cand and cand in table:
                hit = table[cand]
                prefix_len = plen
                break
        if hit:
            break
    if hit is None:
        return None
    # "2 دبابتين": the number before already counts the pair
    if i > 0 and toks[i - 1].kind == "num" and toks[i - 1].num is not None and toks[i - 1].num.value == 2:
        return None
    te = i + 1
    if i + 1 < len(toks) and toks[i + 1].kind == "word":
        for m in toks[i + 1].matches():
            if m.info.kind == "unit" and m.info.value == 2 and not m.prefix:
                te = i + 2
                break
    core = Core(i, te, skip_prefix(text, t.start, t.end, prefix_len) if prefix_len else t.start,
                 toks[te - 1].end, Fraction(2), "cardinal")
    core.counted, core.role = hit
    return core


# --- attachments: percent markers and hedges ------------------------------------


def _attach_percent(toks: list[Token], core: Core) -> None:
    if core.kind == "ordinal" or core.magnitude is not None or core.value is None:
        return
    idx = phrase_indexes()
    hit = idx["percent_after"].forward(toks, core.te)
    if hit is not None:
        ph = hit[0]
        if not (ph == ("%",) and toks[core.te].start - toks[core.te - 1].end > 1):
            core.te += len(ph)
            core.he = core.te
            core.end = toks[core.te - 1].end
            core.percent = True
            return
    back = idx["percent_before"].backward(toks, core.ts)
    if back is not None:
        s, ph, _ = back
        if ph == ("%",) and s > 0 and toks[s - 1].kind == "num":
            return
        core.percent = True
        core.hs = s
        core.start = start_after_clitics(toks[s], ph[0])


def _attach_hedges(toks: list[Token], core: Core) -> None:
    if core.hedge == "vague" or core.relative is not None:
        return
    hl = hedges()
    idx = phrase_indexes()
    before_q = None
    back = idx["hedge_before"].backward(toks, core.hs)
    if back is not None:
        s, ph, q = back
        if toks[s].kind == "sym" and s > 0 and toks[s - 1].end == toks[s].start \
                and toks[s - 1].kind in ("sym", "num", "punct"):
            pass  # "=>30", "<>30", "<a0> 29": not a comparison we know
        else:
            before_q = str(q)
            core.q_start = start_after_clitics(toks[s], ph[0])
            core.q_end = toks[core.hs - 1].end
            core.start = core.q_start
            core.hs = s
            core.hedge = q
            if core.kind == "ordinal" and core.definite_number:
                core.kind = "cardinal"  # "فوق الثلاثين": over thirty
    elif core.hs > 0 and toks[core.hs - 1].norm in idx["reach"].by_last and core.kind != "ordinal" \
            and core.value is not None:
        reach = idx["reach"].backward(toks, core.hs)
        if reach is not None and _reach_means_up_to(toks, reach[0], reach[1]):
            s, ph = reach[0], reach[1]
            before_q = "at_most"
            core.q_start = start_after_clitics(toks[s], ph[0])
            core.q_end = toks[core.hs - 1].end
            core.start = core.q_start
            core.hs = s
            core.hedge = before_q
    fwd = idx["hedge_after"].forward(toks, core.te)
    for ph, q in ([fwd] if fwd is not None else []):
        q = str(q)
        after = core.te + len(ph)
        if starts_number(toks, after) or (after < len(toks) and toks[after].norm == "من"
                                           and starts_number(toks, after + 1)):
            continue
        combined = hl.combine.get((before_q, ph)) if before_q else None
        if combined is None:
            if ph == ("او", "يساوي") or ph == ("أو", "يساوي"):
                continue
            if before_q == "exact" or before_q is None or q in ("at_least", "at_most"):
                combined = q
            else:
                combined = before_q if q == "approx" else q
        qs = toks[core.te].start
        core.te += len(ph)
        core.he = core.te
        core.end = toks[core.te - 1].end
        if combined != before_q or before_q is None:
            if before_q is None or combined in ("at_least", "at_most"):
                core.q_start = qs if before_q is None else core.q_start
                core.q_end = core.end
        core.hedge = combined
        return
    if before_q is None and core.kind in ("cardinal", "decimal", "fraction") and core.value is not None:
        _attach_hedge_after_noun(toks, core)


def _reach_means_up_to(toks: list[Token], s: int, ph: tuple[str, ...]) -> bool:
    """``تصل إلى`` at token ``s`` reads "up to" (``reach_up_to`` in hedges.yaml).

    Not with ``ل`` glued to the verb (``ليصل إلى 50``: the value reached) and
    not right after a definite noun, the verb's subject (``نسبة الإقبال تصل
    إلى 49``); a stopword there (``التي تصل إلى``) is no subject.
    """
    verb = toks[s]
    if "ل" in verb.norm[: len(verb.norm) - len(ph[0])]:
        return False
    if s == 0 or toks[s - 1].kind != "word":
        return True
    prev = toks[s - 1]
    n = prev.norm
    return not (definite_word(n) and not function_word(n))


def _attach_hedge_after_noun(toks: list[Token], core: Core) -> None:
    """``قتل 12 مدنيا على الأقل``: a hedge written after the counted noun.

    The mention keeps the number's span (the noun stays outside it, for the
    claims layer); ``qualifier_text`` and its span point at the hedge words.
    """
    i = core.te
    if i + 1 >= len(toks) or toks[i].kind != "word" or toks[i].norm == "و" or starts_number(toks, i):
        return
    fwd = phrase_indexes()["hedge_after"].forward(toks, i + 1)
    if fwd is None:
        return
    ph, q = fwd
    after = i + 1 + len(ph)
    if ph[-1] in ("يساوي", "من") or starts_number(toks, after) or (
            after < len(toks) and toks[after].norm == "من" and starts_number(toks, after + 1)):
        return
    core.hedge = str(q)
    core.q_start = toks[i + 1].start
    core.q_end = toks[after - 1].end


# --- mentions ------------------------------------------------------------------


def _num(v: Fraction | None) -> int | float | None:
    if v is None:
        return None
    if v.denominator == 1:
        return int(v)
    return float(v)


def _to_mention(text: str, c: Core) -> NumberMention:
    q = c.hedge
    if c.kind == "range":
        low, high = _num(c.low), _num(c.high)  # type: ignore[attr-defined]
        value = None
        kind = "range"
    else:
        value = _num(c.value)
        kind = "percent" if c.percent and c.kind != "ordinal" else c.kind
        if q in ("exact", "approx"):
            low = high = value
        elif q in LOW_Q:
            low, high = value, None
        elif q in HIGH_Q:
            low, high = None, value
        else:
            low = high = None
    qt = text[c.q_start:c.q_end] if c.q_start is not None and c.q_end is not None else None
    return _new_mention(text[c.start:c.end], c.start, c.end, value, low, high, kind, q, qt,
                        c.q_start if qt is not None else None, c.q_end if qt is not None else None,
                        c.role, c.percent, c.counted, c.magnitude, c.relative)


def _mentions_in(text: str, lo: int, hi: int, relative: bool) -> list[NumberMention]:
    toks = tokenize(text, lo, hi)
    cores: list[Core] = []
    i = 0
    starts = start_words(relative)
    raw_starts = raw_trigger_words(relative, False)
    while i < len(toks):
        t = toks[i]
        k = t.kind
        if k == "word":
            if t.text not in raw_starts and (t.text.isalpha() or t.norm not in starts):
                i += 1
                continue
        elif k == "sym":
            if t.norm != "-":
                i += 1
                continue
        elif k != "num":
            i += 1
            continue
        core = _parse_core(text, toks, i, relative)
        if core is None:
            i += 1
            continue
        _attach_percent(toks, core)
        cores.append(core)
        i = core.te
    for c in cores:
        c.role = role_hint(text, toks, c)
        _attach_hedges(toks, c)
    if len(cores) > 1:
        propagate_years(toks, cores)
        cores = combine_ratios(text, toks, combine_ranges(text, toks, cores))
    return [_to_mention(text, c) for c in cores]


# --- pre-filter and windows ------------------------------------------------------


_MARGIN = 24  # characters of context before a trigger (hedges, range openers, role cues)
_MARGIN_AFTER = 20  # after it (percent markers, hedges written after, month names)


def find_numbers(text: "str | Document", *, relative_ordinals: bool = False) -> list[NumberMention]:
    """Every number and quantity in ``text``, in order of appearance.

    Args:
        text: Arabic text (any digit script; diacritics and tatweel allowed), or a
            :class:`~analysis.text.document.Document` (its cached ``numbers`` layer).
        relative_ordinals: Also report relative ordinals (الأخير، التالي،
            السابق) as ``kind="ordinal"`` mentions with ``value=None`` and
            ``relative`` set. Off by default: in news they rarely count anything.

    Returns:
        Mentions sorted by start offset; ``text[m.start:m.end] == m.text``.

    Raises:
        NumberParseError: ``text`` is not a ``str``.

    Example:
        >>> m = find_numbers("بمعدل 60 إلى 70 طلعة يومياً")[0]
        >>> (m.text, m.kind, m.low, m.high)
        ('60 إلى 70', 'range', 60, 70)
    """
    if isinstance(text, Document):
        return list(text.numbers) if not relative_ordinals else find_numbers(text.text, relative_ordinals=True)
    if not isinstance(text, str):
        raise NumberParseError(f"find_numbers needs a str, got {type(text).__name__}")
    if not text:
        return []
    digit_spans, word_spans = trigger_spans(text, relative_ordinals)
    plain: list[NumberMention] = []
    slow = word_spans
    if not relative_ordinals:
        slow = []
        for ds, de in digit_spans:
            pm = _plain_digits(text, ds, de)
            if pm is None:
                slow.append((ds, de))
            else:
                plain.append(pm)
        if word_spans:
            # a word inside the context window of a number already parsed in full is parsed there too
            reach = [(ts - _MARGIN, te + _MARGIN_AFTER) for ts, te in slow]
            k = 0
            last_slow = -(10 ** 9)
            for ws, we in word_spans:
                while k < len(reach) and reach[k][1] < ws:
                    k += 1
                if (k < len(reach) and reach[k][0] <= we) or ws - last_slow <= _MARGIN + _MARGIN_AFTER:
                    pw = None
                else:
                    pw = _plain_word(text, ws, we)
                if pw is None:
                    slow.append((ws, we))
                    last_slow = we
                else:
                    plain.extend(pw)
            slow.sort()
            plain.sort(key=lambda m: m.start)
    elif digit_spans:
        slow = sorted(word_spans + digit_spans)
    windows: list[list[int]] = []
    n = len(text)
    for ts, te in slow:
        s = max(0, ts - _MARGIN)
        e = min(n, te + _MARGIN_AFTER)
        if windows and s <= windows[-1][1]:
            if e > windows[-1][1]:
                windows[-1][1] = e
        else:
            windows.append([s, e])
    if not windows and not plain:
        return []
    urls = [u.span() for u in _URL_RE.finditer(text)] if ("://" in text or "www." in text or "@" in text) else []
    found: list[NumberMention] = []
    spans: list[tuple[int, int]] = []
    last_end = 0
    for s, e in windows:
        s = _snap_left(text, s)
        e = _snap_right(text, e)
        s = max(s, last_end)
        spans.append((s, e))
        found.extend(_mentions_in(text, s, e, relative_ordinals))
        last_end = e
    if plain:
        # a plain number inside a parsed window is already there (or part of a larger mention)
        k = 0
        for pm in plain:
            while k < len(spans) and spans[k][1] <= pm.start:
                k += 1
            if k < len(spans) and spans[k][0] < pm.end:
                continue
            found.append(pm)
        found.sort(key=lambda m: m.start)
    out: list[NumberMention] = []
    for m in found:
        if urls and any(us < m.end and m.start < ue for us, ue in urls):
            continue
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


_CLAUSE_END = "،.؛"
_CONTEXT_PUNCT = "،.؛:!؟?\"«»'"


@lru_cache(maxsize=1)
def _context_words() -> frozenset[str]:
    """Every word whose presence near a number can change how it is read."""
    words: set[str] = set(number_lexicon())
    words.update(dual_nouns())
    hl = hedges()
    for ph, _ in hl.before + hl.after:
        words.update(ph)
    for ph in hl.reach_up_to:
        words.update(ph)
    rl = ranges()
    for ph, joiners in rl.openers:
        words.update(ph)
        words.update(joiners)
    words.update(rl.bare_joiners)
    pm = percent_markers()
    for ph in pm.after + pm.before:
        words.update(ph)
    r = roles()
    for group in (r.year_cues, r.era_words, r.months, r.month_words, r.time_cues, r.identifier_cues,
                  r.rank_cues, r.age_cues, r.time_units):
        words.update(group)
    for ph in r.months_two_words:
        words.update(ph)
    words.update(extra_words().one_and_fraction_nouns)
    ex = extra_words()
    words.update(ex.tail_words | ex.age_units | set(ex.vague_orders))
    words.update({"ال", "الـ", "كل", "فاصله"})
    # Particles inside longer phrases: every phrase they belong to has a more
    # distinctive word (أكثر من، بين … و، في المئة), and a number after them
    # (50 إلى 60، 1 على 3) is not plain anyway.
    return frozenset(words - ex.context_particles)


# Diacritics (harakat, tanwin, shadda, sukun, dagger alef) on a neighbouring word do not change its role.
_DROP_MARKS = str.maketrans("", "", "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670")



@lru_cache(maxsize=65536)
def _is_context_word(word: str) -> bool:
    """``word`` (as written, letters only) is a number word or a cue for hedges, ranges, percent or roles."""
    ctx = _context_words()
    norm = norm_word(word)
    for key in clitic_keys(norm):
        if key in ctx or (key.startswith("ال") and key[2:] in ctx) or (key.startswith("ل") and key[1:] in ctx):
            return True
    return False


def _plain_digits(text: str, s: int, e: int) -> NumberMention | None:
    """Fast path for a digit number with nothing around it that could change its reading.

    Returns the mention the full parser would give (``قتل 4 أشخاص``) or None
    when the context needs the full parser: anything glued to the digits, a
    neighbouring word that is a number word, hedge, range word, percent
    marker or role cue, or a symbol among the neighbouring words.
    """
    n = len(text)
    if s > 0 and not text[s - 1].isspace():
        return None
    clause_end = False
    if e < n and not text[e].isspace():
        if text[e] not in _CLAUSE_END or (e + 1 < n and not text[e + 1].isspace()):
            return None
        clause_end = True
    before = text[max(0, s - 64):s].split()
    around = before[-4:]
    if not clause_end:
        around += text[e:e + 64].split()[:4]  # a hedge may follow the counted noun
    for w in around:
        if not w.isalpha():
            w = w.strip(_CONTEXT_PUNCT)
            if not w.isalpha() and not w.translate(_DROP_MARKS).isalpha():
                return None
        if _is_context_word(w):
            return None
    if e - s == 4 and _maybe_weak_year(before[-1:]):
        return None  # "في 2012": the full parser decides whether it is a year
    parts = interpret_digit_run(text[s:e], s)
    if len(parts) != 1:
        return None
    num = parts[0]
    value = _num(num.value)
    return _new_mention(text[s:e], s, e, value, value, value, "decimal" if num.decimal else "cardinal", "exact",
                        None, None, None, "identifier" if num.leading_zero else None, False, None, None, None)


@lru_cache(maxsize=1)
def _word_path_blockers() -> tuple[frozenset[str], frozenset[str]]:
    """Words that send a lone number word to the full parser: (anywhere among its neighbours, right before it)."""
    r = roles()
    return r.regnal_titles | r.regnal_names, extra_words().one_not_after | {"في"}


def _plain_word(text: str, s: int, e: int) -> list[NumberMention] | None:
    """Fast path for a number word with no number, cue or symbol among the four words on either side.

    Its reading then depends on the word alone (``قتل ثلاثة أشخاص``، ``منذ
    عدة أيام``), so only the word itself is tokenized and parsed. Returns the
    mentions the full parser would give (possibly none), or None when the
    context needs the full parser.
    """
    n = len(text)
    if (s > 0 and not text[s - 1].isspace()) or (e < n and not text[e].isspace()):
        return None
    if not text[s:e].isalpha():
        return None  # diacritics, glued punctuation: let the full parser look
    before = text[max(0, s - 64):s].split()[-4:]
    after = text[e:e + 64].split()[:4]
    anywhere, right_before = _word_path_blockers()
    if before and norm_word(before[-1].strip(_CONTEXT_PUNCT)) in right_before:
        return None
    if after and after[0].startswith("ال") and strip_clitic(norm_word(text[s:e])) in extra_words().fraction_of_definite:
        return None  # "خمس الميزانية": a fifth of the budget
    if before and ("ال" in before[-1][:4] or "لل" in before[-1][:3]) and _definite_scale(norm_word(text[s:e])):
        return None  # "الزائر المليون": the millionth visitor
    for w in before + after:
        if not w.isalpha():
            w = w.strip(_CONTEXT_PUNCT)
            if not w.isalpha() and not w.translate(_DROP_MARKS).isalpha():
                return None
        if _is_context_word(w) or norm_word(w) in anywhere:
            return None
    return _mentions_in(text, s, e, False)


def _definite_scale(norm: str) -> bool:
    """The word is a singular scale word with the article (``المليون``, ``الألف``)."""
    return any(m.definite and m.info.kind == "scale" and m.info.form == "singular" for m in analyze_word(norm))


def _maybe_weak_year(prev: list[str]) -> bool:
    """The word before a four-digit number (a list of zero or one word) is a weak year cue (في، خلال …)."""
    if not prev:
        return False
    norm = norm_word(prev[0].strip(_CONTEXT_PUNCT))
    cues = roles().weak_year_cues
    return norm in cues or strip_clitic(norm) in cues


def _snap_left(text: str, i: int) -> int:
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return i


def _snap_right(text: str, i: int) -> int:
    n = len(text)
    while i < n and not text[i].isspace():
        i += 1
    return i


register_layer("numbers", lambda doc: find_numbers(doc.text), provider=__name__)
