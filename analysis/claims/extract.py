"""Claim tabulation: every quantitative claim of an article as a row of a table.

A claim is a quantity that asserts how many or how much of something in the
world (people killed, injured, detained, displaced; materiel; places, area;
sorties, strikes; distance, rate; money; percentages; troops; aid). Years,
dates, clock times, durations, ages, identifiers (``القرار 2254``), ordinals
and page numbers are not claims.

Pipeline per article: quantities (:func:`analysis.numbers.find_numbers`, once on
the whole text; an article without numbers stops here) → tokens and sentences up to
the last sentence with a number → non-claim filters (time expressions computed only
for the sentences that need them) → counted noun after the number (clitics, ال, dual
and plural forms, ``من`` + noun) → post-noun hedge (``على الأقل``) → event word nearby
(``categories.yaml`` rules) → rate → source from the reporting cue (carried over from
earlier sentences for ``وأضاف أن`` …; computed only when there is a claim) →
actor/target/location from gazetteer entities → quotation flag → time expression;
then overlapping rows, references back to the previous claim (``آخرون``، ``منهم``),
duplicates and conflicts across the article.

Example:
    >>> df = extract_claims("وقال المرصد إن 12 مدنياً قتلوا في غارات يومياً.")
    >>> row = df.iloc[0]
    >>> (row.quantity_text, float(row.value_low), row.unit, row.category, row.event)
    ('12', 12.0, 'civilians', 'casualties', 'killed')
"""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from typing import Any

import numpy as np
import pandas as pd

from analysis.attribution import Attribution, Quote, source_at
from analysis.claims.governors import Governor, find_governor
from analysis.claims.grammar import function_words, grammar_words
from analysis.claims.quantities import Quantity, find_quantities, hedge_after
from analysis.claims.units import (
    category_rules,
    dual_forms,
    event_at,
    in_list,
    is_month_at,
    non_claim_cues,
    phrase_in,
    rate_at,
    unit_at,
    unit_table,
)
from analysis.entities import EntityMention, load_gazetteer
from analysis.errors import AnalysisError
from analysis.lexicons import load_yaml
from analysis.numbers.lexicons import percent_markers
from analysis.schemas import CLAIMS
from analysis.text.clitics import DEFINITE_PREFIXES, is_definite, proclitic_readings
from analysis.text.document import Document, register_layer
from analysis.text.lexicon import reporting_complements
from analysis.text.normalize import normalize_for_matching
from analysis.text.sentences import context_window
from analysis.text.tokens import Token
from analysis.timex import TimeExpression

#: Columns of the claims table, in order (:data:`analysis.schemas.CLAIMS`).
COLUMNS: tuple[str, ...] = CLAIMS.columns

_EVENT_BACK = 8
_EVENT_FORWARD = 6
_CONFLICT_TOLERANCE = 0.10
_NO_NOUN_EVENTS = frozenset({"casualties", "injuries", "detentions", "displacement"})
#: Endings of a nisba noun counting people of an origin (بريطانيين، اليمنيين، 60 فلسطينياً): plural and accusative.
_NISBA_PLURAL = ("يين", "يون")
_NISBA_ACCUSATIVE = "يا"
_DEFINITE_PREFIXES = DEFINITE_PREFIXES
_WEAK_EVENTS = frozenset({"totalled"})
_REJECT_ROLES = ("year", "date", "time", "clock", "ordinal", "identifier", "id", "age", "page", "duration", "name")


class ClaimsInputError(AnalysisError):
    """The input of :func:`extract_claims` or :func:`claims_table` is not usable.

    Attributes:
        item: What was given (its type name or identifier).
        reason: Why it cannot be used.
    """

    def __init__(self, item: object, reason: str) -> None:
        self.item = item
        self.reason = reason
        super().__init__(f"{item}: {reason}")


#: Token kinds of punctuation (the tokenizer tells Unicode punctuation from other symbols).
_PUNCT_KINDS = frozenset({"punctuation", "symbol"})
#: Quotations of more words than this are speech even without a known speaker (shorter marks are names: «داعش»).
_MIN_QUOTE_WORDS = 3


@dataclass(frozen=True)
class _QuoteAt:
    """The quotation a claim sits in and its speaker (``""`` when unknown)."""

    start: int
    end: int
    speaker: str


class _View:
    """The claims layer's view of a :class:`~analysis.text.document.Document`: tokens, sentences,
    entities, quotations, attributions and time expressions, all the document's own layers."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.tokens: list[Token] = doc.tokens
        self.sentences: list[tuple[int, int]] = doc.sentence_spans
        self.sentence_starts = [s for s, _ in self.sentences]
        self.token_starts: list[int] = doc.token_starts
        self._times: dict[int, list[tuple[int, int, str, str]]] = {}
        #: Governor of every quantity analysed so far, by token index (for lists: ``4 دبابات و7 مدرعات``).
        self.governors: dict[int, Governor] = {}
        self._times_passed: set[int] = set()

    @cached_property
    def passable(self) -> set[int]:
        """Tokens a governor search passes: inside known names (a verb's subject or object) and, added as
        they are rejected, inside numbers that are not claims (an age, a duration)."""
        out: set[int] = set()
        for m in self.entities:
            if m.type == "CANDIDATE":
                continue
            first, after = self.doc.token_range(m.start, m.end)
            out.update(range(first, after))
        return out

    def pass_times(self, sentence: int) -> None:
        """Let governor searches pass the time expressions of a sentence (في 30 آذار/مارس الماضي)."""
        if sentence in self._times_passed:
            return
        self._times_passed.add(sentence)
        for s, e, _, _ in self.times_in(sentence):
            first, after = self.doc.token_range(s, e)
            self.passable.update(range(first, after))

    @cached_property
    def entities(self) -> list[EntityMention]:
        """Entity mentions (gazetteer names and candidate names, no adjectives)."""
        return [m for m in self.doc.entities if m.form != "adjective"]

    @cached_property
    def quotations(self) -> list[_QuoteAt]:
        """Quotations with their speakers, then longer quotation spans without a known speaker."""
        out = [_QuoteAt(q.start, q.end, q.speaker_canonical or q.speaker or "") for q in self.doc.quotes]
        seen = {(q.start, q.end) for q in out}
        out += [_QuoteAt(q.start, q.end, "") for q in self.doc.quotation_spans
                if (q.start, q.end) not in seen and q.n_words >= _MIN_QUOTE_WORDS]
        return out

    def quote_at(self, start: int, end: int) -> _QuoteAt | None:
        """The quotation containing ``[start, end)``, or None."""
        return next((q for q in self.quotations if q.start <= start and end <= q.end), None)

    def attribution_at(self, offset: int) -> Attribution | None:
        """The reporting verb or source marker governing ``offset`` (:func:`analysis.attribution.source_at`).

        A verb after the claim governs it only with a subject of its own or as a marker
        (``قتل 20 شخصاً، بحسب المرصد``); a participle or a subjectless verb after it (``…، قائلاً إن``)
        speaks of what follows, not of the claim."""
        att = source_at(self.doc.attributions, offset)
        if att is not None and att.verb_start > offset and att.kind != "marker" and (
                att.carried_over or att.kind == "participle"):
            return None
        return att

    def times_in(self, sentence: int) -> list[tuple[int, int, str, str]]:
        """(start, end, text, kind) of the document's time expressions inside one sentence."""
        got = self._times.get(sentence)
        if got is None:
            s, e = self.sentences[sentence]
            got = self._times[sentence] = [(t.start, t.end, t.text, t.kind) for t in self.doc.time_expressions
                                           if s <= t.start and t.end <= e]
        return got

    def sentence_of(self, pos: int) -> int:
        return max(bisect_right(self.sentence_starts, pos) - 1, 0)

    def token_range(self, sentence: int) -> tuple[int, int]:
        s, e = self.sentences[sentence]
        first = bisect_right(self.token_starts, s - 1)
        last = bisect_right(self.token_starts, e - 1)
        return first, last


# --- non-claim filters ----------------------------------------------------------------

def _prev_word(doc: _View, i: int, lo: int) -> int | None:
    """Index of the word before token ``i`` skipping article/tatweel-only tokens (``الـ24``)."""
    j = i - 1
    while j >= lo and (doc.tokens[j].norm in ("ال", "ب", "ل", "و") or doc.tokens[j].text in ("ـ", "(")):
        j -= 1
    return j if j >= lo else None


def _article_tokens_before(doc: _View, i: int) -> int:
    """How many article/tatweel-only tokens (``الـ``) stand right before token ``i``."""
    n = 0
    while i - n - 1 >= 0 and (doc.tokens[i - n - 1].norm == "ال" or doc.tokens[i - n - 1].text == "ـ"):
        n += 1
    return n


def _is_year_like(v: Any, lo: int = 622, hi: int = 2100) -> bool:
    return isinstance(v, int) and lo <= v <= hi


def _reject_reason(doc: _View, q: Quantity, lo: int, hi: int, unit_found: bool, percent: bool = False,
                   definite_ok: bool = False, unit_known: bool = False) -> str | None:
    """Why quantity ``q`` is not a claim (None when it may be one)."""
    cues = non_claim_cues()
    toks = doc.tokens
    if q.role and any(r in str(q.role).lower() for r in _REJECT_ROLES) and not (q.counted and q.role == "age"):
        return f"role:{q.role}"  # (a dual noun is never an age: 'من العمر 70 عاماً وامرأتان')
    if q.kind == "ordinal":
        return "ordinal"
    if normalize_for_matching(q.text) in grammar_words("one_words"):
        return "'one' written as a word (an adjective: خطر واحد، أسرة واحدة)"
    if q.counted and normalize_for_matching(q.text).startswith(_DEFINITE_PREFIXES):
        return "definite dual (a reference: العنصرين)"
    if q.counted and _after_dual_referent(toks, q.tok_first):
        return "dual predicate of two people named before (إنهما محتجزان)"
    num_first = q.tok_first
    while num_first < q.tok_after and toks[num_first].start < q.num_start:
        num_first += 1
    if num_first >= q.tok_after:  # a vague word is its own number (آلاف: not ال + إف)
        num_first = q.tok_first
    prev = _prev_word(doc, q.tok_first, lo)
    prev_num = _prev_word(doc, num_first, lo)
    after = q.tok_after
    value = q.value if q.value is not None else (q.low if q.low is not None else q.high)
    # inside a date / duration found by the time-expression layer
    for s, e, _, kind in doc.times_in(doc.sentence_of(q.start)):
        if s <= q.num_start < e and kind not in ("frequency", "fallback", "rate"):
            if not unit_found or kind in ("date", "DATE"):
                return f"time expression:{kind}"
    if q.tok_first >= 2 and toks[q.tok_first - 1].text == ":" and toks[q.tok_first - 2].kind == "number":
        return "clock time"
    if prev is not None and in_list(toks[prev], "ordinal_words"):
        return "compound ordinal"
    if prev_num is not None and in_list(toks[prev_num], "identifier_cues"):
        return "identifier"
    if after < hi and is_month_at(toks, after):
        return "date"
    if after < hi and not unit_found and toks[after].norm in cues["model_suffixes"]:
        return "model designation"
    if after + 1 < hi and toks[after].text in "/-" and (
            is_month_at(toks, after + 1) or toks[after + 1].kind == "number"):
        if not (q.qualifier == "range"):
            return "date"
    if prev is not None and is_month_at(toks, prev):
        return "date"
    if prev is not None and prev >= 1 and is_month_at(toks, prev - 1) >= 2:
        return "date"
    if after + 1 < hi and toks[after].text == ":" and toks[after + 1].kind == "number":
        return "clock time"
    if after < hi and toks[after].kind == "word" and in_list(toks[after], "clock_words_after"):
        return "clock time"
    if percent:
        return None if not (prev_num is not None and in_list(toks[prev_num], "identifier_cues")) else "identifier"
    if after < hi and toks[after].kind == "word" and in_list(toks[after], "time_units") \
            and not toks[after].norm.startswith("ال"):
        return "duration or age"
    if after < hi and toks[after].kind == "word" and in_list(toks[after], "era_words") and _is_year_like(value):
        return "year"
    if not unit_found and _is_year_like(value):
        if prev_num is not None and in_list(toks[prev_num], "year_cues"):
            return "year"
        y0, y1 = cues["year_range"]
        if y0 <= value <= y1:
            return "year"
    if prev is not None and in_list(toks[prev], "time_units") and q.qualifier != "vague" \
            and prev == q.tok_first - 1 - _article_tokens_before(doc, q.tok_first) \
            and (not any(ch.isdigit() for ch in q.text) or _article_tokens_before(doc, q.tok_first)):
        return "duration"  # الأشهر الخمسة، الساعات الـ24، شهر واحد
    for j in range(q.tok_first - 1, max(lo, q.tok_first - 3) - 1, -1):
        if toks[j].kind == "number":
            break  # 'يبلغ من العمر 70 عاماً وامرأتان': the number in between is the age
        if in_list(toks[j], "age_cues"):
            return "age"
    if after + 1 < hi and toks[after].norm == "من" and in_list(toks[after + 1], "age_cues"):
        return "age"
    if q.qualifier == "vague" and prev is not None and doc.tokens[prev].kind == "word" and not unit_found and \
            normalize_for_matching(q.text) in grammar_words("postnominal_vague"):
        return "post-nominal vague word (adjective)"
    if q.definite and q.qualifier != "vague" and not definite_ok:
        return "definite numeral (reference to a group already counted)"
    if normalize_for_matching(q.text) in cues["ambiguous_number_words"] and not unit_known:
        return "ambiguous word read as a number"
    if after < hi and toks[after].kind == "word" and in_list(toks[after], "non_claim_nouns") \
            and not toks[after].norm.startswith("ال"):
        return "non-claim noun"
    return None


# --- counted noun, event, rate --------------------------------------------------------

@dataclass
class _Unit:
    unit: str | None
    unit_ar: str
    category: str | None
    event: str | None
    end_index: int  # token index after the noun (or after the number when no noun)
    known: bool


def _find_unit(doc: _View, q: Quantity, hi: int) -> _Unit:
    toks = doc.tokens
    j = q.tok_after
    marker = _percent_marker(q.text)
    if q.kind == "percent" or q.percent or marker:
        return _Unit("percent", marker, _percent_category(doc, q, j, hi), None, j, True)
    if q.counted:
        # a dual of a counted noun (دبابتين): the noun is the quantity itself
        for k in range(q.tok_first, q.tok_after):
            m = unit_at(toks, k)
            if m is not None:
                e = m.payload
                return _Unit(e.unit, doc.text[toks[k].start:toks[m.end_index - 1].end], e.category, e.event,
                             max(m.end_index, q.tok_after), True)
        return _Unit(None, q.text, None, None, q.tok_after, False)
    for k in (j, j + 1):
        if k >= hi:
            break
        if k == j + 1 and toks[j].norm != "من":
            break
        m = unit_at(toks, k)
        if m is not None and m.end_index <= hi:
            e = m.payload
            s_, e_ = toks[k].start, toks[m.end_index - 1].end
            return _Unit(_unit_in_context(toks, e.unit, m.end_index, hi), doc.text[s_:e_], e.category, e.event,
                         m.end_index, True)
    # 'اثنان منهما', 'نحو مليون منهم': a share of people named before
    if j < hi and toks[j].norm in grammar_words("people_partitives"):
        return _Unit("people", toks[j].text, "other", None, j + 1, True)
    # an unknown counted noun: the next word unless it is a function word
    for k in (j, j + 1):
        if k >= hi:
            break
        t = toks[k]
        if k == j + 1 and toks[j].norm != "من":
            break
        if t.kind == "word" and t.norm != "من":
            if any(v in function_words() for v in proclitic_readings(t.norm)) or event_at(toks, k) is not None:
                break
            if t.proclitics[:1] in (("و",), ("ف",)):
                break  # a word joined by و/ف starts a new clause (مناطق عدة ويحاولون): not the counted noun
            if _looks_like_verb(t):
                break  # بمقتل الـ6 ترتفع الحصيلة: an imperfect verb, not the counted noun
            if is_month_at(toks, k) or rate_at(toks, k) is not None:
                break  # a month, or a rate (700 مليون سنويا): not what is counted
            if k == j and q.qualifier != "vague" and q.kind != "fraction" and t.norm.startswith(_DEFINITE_PREFIXES):
                break  # a counted noun right after a cardinal is indefinite (32 مليونا العام الماضي)
            word = t.norm[1:] if t.norm.startswith("و") and len(t.norm) > 4 else t.norm
            big = (q.value or q.low or q.high or 0) >= 100 or normalize_for_matching(q.text).endswith(
                tuple(grammar_words("scale_words")))
            if (word.endswith(_NISBA_PLURAL) and len(word) > 5) \
                    or (word.endswith(_NISBA_ACCUSATIVE) and len(word) >= 5) \
                    or (big and word.endswith("ي") and len(word) >= 4 and not word.startswith("ال")):
                # a nisba (بريطانيين، اليمنيين، 60 فلسطينياً، 6.6 مليون سوري): people of that origin
                return _Unit("people", t.text, "other", None, k + 1, True)
            return _Unit(None, t.text, None, None, k + 1, False)
    return _Unit(None, "", None, None, j, False)


def _fraction_of_one_thing(doc: _View, unit: _Unit, hi: int) -> bool:
    """A fraction before an indefinite noun that is not annexed to anything: ``نصف عبوة بلاستيكية``
    (half a bottle) measures one thing; ``نصف السكان``، ``ثلث مساحة البلاد``، ``نصف منظومة سوريا``
    (definite, annexed to a definite noun or to a name) are shares."""
    if not unit.unit_ar:
        return False
    toks = doc.tokens
    k = unit.end_index - 1
    if k < 0 or toks[k].kind != "word" or is_definite(toks[k].norm) or toks[k].enclitic:
        return False
    nxt = unit.end_index
    if nxt < hi and toks[nxt].kind == "word" and (is_definite(toks[nxt].norm) or nxt in doc.passable):
        return False
    return True


def _percent_marker(text: str) -> str:
    """The percent marker a quantity ends with, as written (``%``، ``بالمئة``، ``في المئة``), or ``""``."""
    if text.endswith(("%", "٪")):
        return text[-1]
    words = text.split()
    norm = [normalize_for_matching(w) for w in words]
    for phrase in percent_markers().after:
        n = len(phrase)
        if n and len(norm) > n and tuple(norm[-n:]) == phrase:
            return " ".join(words[-n:])
    return ""


def _percent_category(doc: _View, q: Quantity, after: int, hi: int) -> str:
    """Category of a percentage from what it is a share of: ``من مساحة`` after it, ``نسبة البطالة`` before it."""
    toks = doc.tokens
    rules = category_rules()
    candidates = []
    for j in (after, after + 1):  # 10 في المئة (فقط) من أراضيها
        if j + 1 < hi and toks[j].norm == _MIN:
            candidates.append(j + 1)
            break
    lo = doc.token_range(doc.sentence_of(q.start))[0]
    # نسبة البطالة تجاوزت 50 بالمئة، تضخم بلغت نسبته 8 في المئة: the domain word just before
    candidates += range(q.tok_first - 1, max(lo, q.tok_first - _PERCENT_BACK) - 1, -1)
    for k in candidates:
        hit = phrase_in(toks, k, rules["percent_nouns"])
        if hit is None and toks[k].kind == "word":
            # a possessive suffix (أراضيها، موازنتها): the noun without it
            for sfx in ("هما", "هم", "ها", "ه"):
                if toks[k].norm.endswith(sfx) and len(toks[k].norm) - len(sfx) >= 3:
                    bare = toks[k]._replace(norm=toks[k].norm[:-len(sfx)])
                    hit = phrase_in([bare], 0, rules["percent_nouns"], max_len=1)
                    if hit is not None:
                        break
        if hit is not None:
            return rules["percent_nouns"][hit[0]]
        m = unit_at(toks, k) if candidates and k == candidates[0] and k > q.tok_first else None
        if m is not None and m.payload.category in _PERCENT_OF_PEOPLE:
            return m.payload.category  # 80 في المئة من النازحين
    return "other"


#: Categories a counted noun keeps when a noun of measure governs it (the value of a reward is still economy).
_MEASURED_KEEP = frozenset({"economy", "aid"})
_PERCENT_BACK = 5
_PERCENT_OF_PEOPLE = frozenset({"displacement", "casualties", "injuries", "detentions"})


def _unit_in_context(toks: list[Token], unit: str, after: int, hi: int) -> str:
    """``43 عنصراً من قوات النظام``: a militant-type noun ``من`` + government forces counts soldiers."""
    rules = category_rules()
    if unit in rules["militant_units"] and after + 1 < hi and toks[after].norm == _MIN \
            and phrase_in(toks, after + 1, rules["government_forces"]) is not None:
        return rules["soldier_unit"]
    return unit


def _looks_like_verb(t: Token) -> bool:
    """An unknown word after a number that is most likely an imperfect verb (يرتفع، ترتفع) rather than a noun."""
    w = t.norm
    return not t.proclitics and (w.startswith("ي") and len(w) >= 4 or w.startswith("ت") and len(w) == 5
                                 and w[2] != "ا" and not w.endswith(("ه", "ات")))


def _attached_event(doc: _View, unit: _Unit, hi: int, allowed: frozenset[str] | None) -> tuple[str, str, int] | None:
    """An event word right after the counted noun (and its hedge), not joined by و: a verb whose subject it is
    (``19 جريحاً توفوا``، ``35 مدنياً على الأقل قتلوا``) or an event noun in construct (``2500 حالة اعتقال``)."""
    k = unit.end_index
    post = hedge_after(doc.tokens, k) if k < hi else None
    if post is not None:
        k += post[1]
    if k >= hi or doc.tokens[k].kind != "word" or doc.tokens[k].proclitics:
        return None  # joined by و/ف (a new clause) or a preposition (6 تهم بالقتل: what the charges are about)
    m = event_at(doc.tokens, k)
    if m is None or (allowed is not None and m.payload.category not in allowed):
        return None
    if m.payload.event in _WEAK_EVENTS or m.payload.event in category_rules()["cause_events"]:
        return None
    return m.payload.event, m.payload.category, k


def _cargo_event(doc: _View, unit: _Unit, hi: int) -> tuple[str, str, int] | None:
    """What a counted vehicle carries: ``45 شاحنة محملة بالمساعدات`` → the aid's event and category."""
    k = unit.end_index
    if k + 1 >= hi or not any(v in grammar_words("cargo_words") for v in proclitic_readings(doc.tokens[k].norm)):
        return None
    m = event_at(doc.tokens, k + 1)
    if m is None:
        return None
    return m.payload.event, m.payload.category, k + 1


def _count_subject(doc: _View, q: Quantity, lo: int) -> Governor | None:
    """``ارتفع عدد القتلى … إلى 162``، ``بلغت حصيلة الضحايا 40``: a noun of counting earlier in the clause,
    with the number as what it rose to or amounts to, names what is counted (no number and no clause
    break between)."""
    toks = doc.tokens
    for k in range(q.tok_first - 1, max(lo, q.tok_first - 24) - 1, -1):
        t = toks[k]
        if t.kind == "number" or (t.kind in _PUNCT_KINDS and t.text in "،,.؛:"):
            return None
        if t.kind == "word" and t.norm in grammar_words("clause_openers"):
            return None
        if t.kind == "word" and any(v in grammar_words("count_nouns") for v in proclitic_readings(t.norm)) \
                and k + 1 < q.tok_first:
            hit = event_at(toks, k + 1)
            if hit is not None:
                return Governor("event", k + 1, hit.payload.event, hit.payload.category)
            return None
    return None


def _governor(doc: _View, q: Quantity, unit: _Unit, lo: int, allowed: frozenset[str] | None) -> Governor:
    """The quantity's governor (:func:`analysis.claims.governors.find_governor`), past weak verbs (``بلغ``) and
    past event words that cannot describe the counted noun (a rise in prices for a death toll)."""
    counted = _count_subject(doc, q, lo)
    if counted is not None and (allowed is None or counted.category in allowed):
        return counted
    gov = find_governor(doc.tokens, q.tok_first, lo, doc.governors, passable=doc.passable, after_noun=unit.end_index)
    weak = None
    for _ in range(4):
        if gov.kind != "event":
            break
        if gov.event in _WEAK_EVENTS:
            weak = weak or gov  # 'بلغ' (totalled) says little: the word before it may say more
        elif allowed is not None and gov.category not in allowed:
            pass  # 'حصيلة الضحايا ارتفعت إلى 240 مدنياً': the toll, not the rise, says what was counted
        else:
            break
        gov = find_governor(doc.tokens, gov.index, lo, doc.governors, passable=doc.passable,
                            after_noun=unit.end_index)
    if gov.kind in ("none", "unknown") and weak is not None:
        return weak
    return gov


def _find_event(doc: _View, q: Quantity, unit: _Unit, lo: int, hi: int) -> tuple[str | None, str | None, int]:
    """(event, category, index of the deciding token or -1) of a quantity, from the word governing it."""
    toks = doc.tokens
    rules = category_rules()
    people = unit.unit in rules["people_units"]
    allowed = _compatible(unit.category) if unit.known else None
    if people:
        allowed = rules["people_categories"] if allowed is None else allowed & rules["people_categories"]
    doc.pass_times(doc.sentence_of(q.start))
    gov = _governor(doc, q, unit, lo, allowed)
    doc.governors.update(dict.fromkeys(range(q.tok_first, max(unit.end_index, q.tok_after)), gov))
    if unit.unit == "percent" and unit.category not in (None, "other"):
        # a share of something named: its category decides; an event word of that category gives the event
        if gov.kind == "event" and gov.category == unit.category:
            return gov.event, gov.category, gov.index
        for j in [*range(q.tok_first - 1, max(lo, q.tok_first - _EVENT_BACK) - 1, -1),
                  *range(unit.end_index, min(hi, unit.end_index + _EVENT_FORWARD))]:
            m = event_at(toks, j)
            if m is not None and m.payload.category == unit.category:
                return m.payload.event, m.payload.category, j
        return None, unit.category, -1
    if people and unit.known:
        attached = _attached_event(doc, unit, hi, allowed)
        if attached is not None:
            return attached
    own = (unit.event, _event_category(unit.event) or unit.category) if unit.event else None
    if gov.kind in ("event", "list") and gov.category is not None:
        cause = gov.event in rules["cause_events"] and unit.known and unit.category in rules["damage_categories"]
        if cause:
            # 'القصف طال 3 مدارس': the bombardment is the cause, not what happened to the schools
            return None, unit.category, gov.index
        if own is not None and gov.category != own[1]:
            return own[0], own[1], -1  # the noun carries its event (قتلى): a verb of another domain does not change it
        if allowed is None or gov.category in allowed:
            return gov.event, gov.category, gov.index
    if gov.kind == "measure":
        # قيمتها 20 مليون دولار: money keeps its category; مساحة البلاد، مدى الصاروخ: other, not territory taken
        category = unit.category if unit.category in _MEASURED_KEEP else gov.category
        return gov.event, category, gov.index
    if own is not None:
        return own[0], own[1], -1
    if gov.kind in ("none", "unknown"):
        # '20 سيارة دمرت' (a verb after its subject), '2500 حالة اعتقال' (an event noun in construct)
        attached = _attached_event(doc, unit, hi, allowed) or _cargo_event(doc, unit, hi)
        if attached is not None:
            return attached
    # unknown or no governor: the counted noun's own category (or other), never an event from elsewhere
    return None, None, gov.index if gov.kind == "unknown" else -1


@cache
def _compatible(category: str | None) -> frozenset[str] | None:
    """Event categories allowed for a noun of this default category (``compatibility.yaml``)."""
    if category is None:
        return None
    table = load_yaml("claims/compatibility.yaml") or {}
    allowed = table.get(category)
    return None if allowed is None else frozenset(allowed)


@cache
def _event_category(event: str) -> str | None:
    from analysis.claims.units import event_table
    for entry in event_table().values():
        if entry.event == event:
            return entry.category
    return None


_RATE_WINDOW = 8


def _find_rate(doc: _View, start: int, hi: int) -> str | None:
    """A rate word in the clause after the counted noun (``… لاجئ يعبرون الحدود إلى الأردن يومياً``).

    The search stops at punctuation or at the next number (a rate there belongs to another quantity).
    """
    for j in range(start, min(hi, start + _RATE_WINDOW)):
        tok = doc.tokens[j]
        if tok.kind == "number" or (tok.kind in _PUNCT_KINDS and tok.text not in "()"):
            break
        m = rate_at(doc.tokens, j)
        if m is not None:
            return m.payload
    return None


# --- the extractor --------------------------------------------------------------------

def _bound(v: Any) -> float | None:
    return None if v is None else float(v)


_MIN = normalize_for_matching("من")


def _after_min(doc: _View, pos: int) -> bool:
    """True when the entity at ``pos`` follows ``من`` within 3 tokens (``من عناصر تنظيم «داعش»``): not an actor."""
    i = bisect_right(doc.token_starts, pos - 1)
    return any(doc.tokens[j].norm == _MIN for j in range(max(0, i - 3), i))




def _after_among(doc: _View, i: int, lo: int) -> bool:
    """``… بينهم 12 طفلاً``: the quantity is a part of the group counted just before."""
    j = i - 1
    if j >= lo and doc.tokens[j].norm == _MIN:
        j -= 1
    among = grammar_words("people_partitives") | grammar_words("partitives")
    return j >= lo and any(v in among for v in proclitic_readings(doc.tokens[j].norm))


def _nearest_entity(entities: list[EntityMention], pos: int, types: tuple[str, ...], *, lo: int, hi: int,
                    exclude: tuple[str, ...] = ()) -> EntityMention | None:
    """The entity of one of ``types`` inside ``[lo, hi)`` closest to ``pos`` (ties: the earlier)."""
    hits = [e for e in entities if e.type in types and e.start >= lo and e.end <= hi and e.canonical not in exclude]
    if not hits:
        return None
    return min(hits, key=lambda e: (min(abs(e.start - pos), abs(e.end - pos)), e.start))


def _written_verb(text: str, att: Attribution) -> str:
    """The reporting verb or marker as written, with a conjunction glued in front (``وأشارت``)."""
    start = att.verb_start
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "«\"(،,:؛":
        start -= 1
    return text[start:att.verb_end]


def _content_start(doc: _View, att: Attribution, lo: int, hi: int) -> int | None:
    """Token index of the word opening the reported content after a verb (``أن``، ``إن``، ``:``، ``«``), if any."""
    openers = reporting_complements()
    first = bisect_right(doc.token_starts, att.verb_end - 1)
    for j in range(max(first, lo), hi):
        t = doc.tokens[j]
        if t.norm in openers or t.text in openers:
            return j
    return None


@lru_cache(maxsize=1)
def _english_names() -> dict[str, str]:
    """Gazetteer id -> English name."""
    return {e.entity_id: e.name_en for e in load_gazetteer().entries}


def _claim_row(doc: _View, q: Quantity, unit: _Unit, event: str | None, category: str | None,
               qualifier: str, low: Any, high: Any, quantity_end: int) -> dict[str, Any]:
    sent = doc.sentence_of(q.start)
    s_start, s_end = doc.sentences[sent]
    lo, hi = doc.token_range(sent)
    rate = _find_rate(doc, unit.end_index, hi)
    # who says it: the attribution engine (a carried-over source is resolved there), else the quotation's speaker
    att = doc.attribution_at(q.start)
    quote = doc.quote_at(q.start, q.end)
    source, source_en, verb = "", "", ""
    if att is not None:
        verb = _written_verb(doc.text, att)
        source = att.source
        source_en = _english_names().get(att.source_entity_id, "")
    if not source and quote is not None and quote.speaker:
        source = quote.speaker
    # entities around the claim
    exclude = (source,) if source else ()
    target_ent = _nearest_entity(doc.entities, doc.tokens[unit.end_index - 1].end if unit.end_index > 0 else q.end,
                                 ("ORG",), lo=q.end,
                                 hi=min(s_end, doc.tokens[min(unit.end_index + 6, len(doc.tokens)) - 1].end),
                                 exclude=exclude)
    opener = _content_start(doc, att, lo, hi) if att is not None else None
    actor_lo = doc.tokens[opener].end if opener is not None and opener < q.tok_first else s_start
    # the actor is the subject of the reported clause: the first organisation or person in it
    # (``_after_min`` is asked only of the entities inside the span searched: the same ones survive)
    actor_ent = _nearest_entity([e for e in doc.entities if actor_lo <= e.start and e.end <= q.start
                                 and not _after_min(doc, e.start)], actor_lo,
                                ("ORG", "PERSON"), lo=actor_lo, hi=q.start,
                                exclude=exclude + ((target_ent.canonical,) if target_ent else ()))
    loc_ent = _nearest_entity(doc.entities, q.end, ("PLACE",), lo=s_start, hi=s_end)
    time_text = ""
    times = [t for t in doc.times_in(sent) if not (t[0] < q.end and q.start < t[1])
             and t[3] not in ("frequency",)]
    if times:
        time_text = min(times, key=lambda t: abs(t[0] - q.start))[2]
    return {
        "sentence_index": sent,
        "sentence": context_window(doc.text, q.start, quantity_end, lo=s_start, hi=s_end),
        "start": q.start,
        "end": quantity_end,
        "quantity_text": doc.text[q.start:quantity_end],
        "value_low": _bound(low),
        "value_high": _bound(high),
        "qualifier": qualifier,
        "unit_ar": unit.unit_ar,
        "unit": unit.unit,
        "rate": rate,
        "category": category or unit.category or "other",
        "event": event,
        "actor": actor_ent.canonical if actor_ent else "",
        "target": target_ent.canonical if target_ent else "",
        "location": loc_ent.canonical if loc_ent else "",
        "source": source,
        "source_en": source_en,
        "attribution_verb": verb,
        "quoted": quote is not None,
        "time_text": time_text,
        "_among": _after_among(doc, q.tok_first, lo),
    }


def _noun_before(doc: _View, q: Quantity, lo: int) -> _Unit | None:
    """The counted noun written before the number: ``عدد القتلى … إلى 37`` (after a noun of counting) or
    ``نواب الحزب الـ45`` (a numeral in digits with the article after the noun phrase)."""
    toks = doc.tokens
    j = q.tok_first - 1 - _article_tokens_before(doc, q.tok_first)
    while j >= lo and toks[j].kind != "word":
        j -= 1
    if _article_tokens_before(doc, q.tok_first) and any(c.isdigit() for c in q.text):
        # نواب الحزب الـ45: the noun the numeral follows (the head of a construct when it is a known noun)
        if j < lo or toks[j].kind != "word" or toks[j].norm in function_words():
            return None
        for k in (j - 1, j):
            if k >= lo and toks[k].kind == "word":
                m = unit_at(toks, k)
                if m is not None and m.end_index >= j:
                    e = m.payload
                    return _Unit(e.unit, toks[k].text, e.category, e.event, q.tok_after, True)
        if toks[j].norm.startswith(_DEFINITE_PREFIXES):
            return _Unit("other", toks[j].text, None, None, q.tok_after, False)
        return None
    for k in range(j, max(lo, j - 6) - 1, -1):
        t = toks[k]
        if t.kind != "word":
            return None
        if any(v in grammar_words("count_nouns") for v in proclitic_readings(t.norm)) and k + 1 < q.tok_first:
            m = unit_at(toks, k + 1)
            if m is not None:
                e = m.payload
                return _Unit(e.unit, doc.text[toks[k + 1].start:toks[m.end_index - 1].end], e.category, e.event,
                             q.tok_after, True)
            hit = event_at(toks, k + 1)
            if hit is not None and hit.payload.category in _NO_NOUN_EVENTS:
                return _Unit("people", toks[k + 1].text, hit.payload.category, hit.payload.event, q.tok_after, True)
            return _Unit("other", toks[k + 1].text, None, None, q.tok_after, False)
    return None


def _postnominal_noun(doc: _View, q: Quantity, lo: int) -> _Unit | None:
    """The noun before a post-nominal vague word (``طرقاً عدة``, ``تظاهرات عدة``), or a :class:`_Unit` with
    ``unit=None`` when that noun is the object of a preposition (``في مناطق عدة``: where, not how many)."""
    if q.qualifier != "vague" or normalize_for_matching(q.text) not in grammar_words("postnominal_vague"):
        return None
    toks = doc.tokens
    k = q.tok_first - 1
    if k < lo or toks[k].kind != "word" or toks[k].norm in function_words():
        return None
    nxt = q.tok_after
    if nxt < len(toks) and toks[nxt].kind == "word" and not toks[nxt].proclitics \
            and toks[nxt].norm not in function_words() and not _looks_like_verb(toks[nxt]):
        return None  # عدة هدنات: the vague word comes before its noun
    if in_list(toks[k], "time_units"):
        return _Unit(None, toks[k].text, None, None, q.tok_after, False)  # أياماً عدة: a duration
    prep = toks[k].proclitics[-1:] in (("ب",), ("ل",), ("ك",)) or (
        k - 1 >= lo and toks[k - 1].norm in grammar_words("place_prepositions"))
    if prep:
        return _Unit(None, toks[k].text, None, None, q.tok_after, False)
    m = unit_at(toks, k)
    if m is not None:
        e = m.payload
        return _Unit(e.unit, toks[k].text, e.category, e.event, q.tok_after, True)
    return _Unit("other", toks[k].text, None, None, q.tok_after, False)


def _shared_noun(doc: _View, q: Quantity, nxt: Quantity | None, hi: int) -> _Unit | None:
    """A list sharing the noun of its last member: ``3 ملايين و5 ملايين فرصة عمل`` (the noun of the next quantity)."""
    toks = doc.tokens
    j = q.tok_after
    if nxt is None or j >= hi or toks[j].norm != "و" or nxt.tok_first != j + 1:
        return None
    unit = _find_unit(doc, nxt, hi)
    return unit if unit.unit_ar else None


def _elided_unit(doc: _View, q: Quantity, earlier: list[dict[str, Any]]) -> _Unit | None:
    """Money elided after a first figure: ``طلبوا 5 ملايين دولار فعرضنا 3`` (3 million dollars)."""
    sent = doc.sentence_of(q.start)
    for r in reversed(earlier):
        if r["sentence_index"] != sent:
            break
        if r["category"] == "economy" and r["unit"] in _currencies():
            return _Unit(r["unit"], "", "economy", None, q.tok_after, True)
    return None


@lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    return frozenset(e.unit for e in unit_table().values() if e.category == "economy")


def _analyse(doc: _View, q: Quantity, nxt: Quantity | None = None,
             earlier: list[dict[str, Any]] | None = None) -> tuple[dict[str, Any] | None, str]:
    """One quantity → (claim row or None, reason). ``nxt``: the next quantity (lists); ``earlier``: rows so far."""
    sent = doc.sentence_of(q.start)
    lo, hi = doc.token_range(sent)
    unit = _find_unit(doc, q, hi)
    before = None
    if _article_tokens_before(doc, q.tok_first) and any(c.isdigit() for c in q.text):
        before = _noun_before(doc, q, lo)  # نواب الحزب الـ45: the numeral follows its noun
        if before is not None:
            unit = before
    postnominal = _postnominal_noun(doc, q, lo)
    if postnominal is not None:
        if postnominal.unit is None:
            return None, "post-nominal vague word of a place or a complement (في مناطق عدة)"
        unit = postnominal
    elif not unit.unit_ar and unit.unit != "percent" and before is None:
        before = _noun_before(doc, q, lo)
        shared = _shared_noun(doc, q, nxt, hi) if before is None else None
        unit = before or shared or unit
    definite_ok = before is not None
    reason = _reject_reason(doc, q, lo, hi, unit.known or bool(unit.unit_ar),
                            percent=unit.unit == "percent" or q.counted, definite_ok=definite_ok, unit_known=unit.known)
    if reason:
        doc.passable.update(range(q.tok_first, q.tok_after + (1 if unit.unit_ar else 0)))
        return None, reason
    event, category, cue = _find_event(doc, q, unit, lo, hi)
    if q.counted and event is None:
        return None, "dual noun without an event word"
    if q.kind == "fraction" and unit.unit != "percent" and _fraction_of_one_thing(doc, unit, hi):
        return None, "a fraction of one indefinite thing (نصف عبوة بلاستيكية), not a share"
    if q.kind == "fraction" and unit.unit != "percent":
        # نصف الأطباء، ثلث المصابين: a share of what the noun names, never "0.5 people"
        hit = phrase_in(doc.tokens, q.tok_after, category_rules()["percent_nouns"]) if q.tok_after < hi else None
        if hit is not None:
            domain = category_rules()["percent_nouns"][hit[0]]
            category, event, cue = domain, event if category == domain else None, q.tok_after
        unit = _Unit("share", unit.unit_ar, unit.category, None, unit.end_index, True)
    elif not unit.known:
        if unit.unit_ar:
            unit = _Unit("other", unit.unit_ar, None, None, unit.end_index, False)  # any counted noun
        elif q.qualifier == "vague" and _in_words(q.text, "vague_people"):
            unit = _Unit("people", "", None, None, unit.end_index, False)  # تظاهر الآلاف
        elif event is not None and category in _NO_NOUN_EVENTS:
            unit = _Unit("people", "", category, event, unit.end_index, False)
        else:
            elided = _elided_unit(doc, q, earlier or [])
            if elided is None:
                return None, "no counted noun"
            unit = elided
    qualifier, low, high = q.qualifier, q.low, q.high
    quantity_end = q.end
    post = None
    for k in range(unit.end_index, min(hi, unit.end_index + 3)):
        post = hedge_after(doc.tokens, k)
        if post is not None or doc.tokens[k].kind == "number" or event_at(doc.tokens, k) is not None:
            break
    if post is not None and qualifier == "exact":
        qualifier = post[0]
        if qualifier in ("at_least", "more_than"):
            high = None
        elif qualifier in ("at_most", "less_than"):
            low = None
    if qualifier == "vague":
        low = high = None
    row = _claim_row(doc, q, unit, event, category, qualifier, low, high, quantity_end)
    _set_cue(doc, row, cue)
    return row, "claim"


def _in_words(text: str, name: str) -> bool:
    words = grammar_words(name)
    return any(v in words for w in normalize_for_matching(text).split() for v in proclitic_readings(w))


def _set_cue(doc: _View, row: dict[str, Any], cue: int) -> None:
    """``category_cue`` (the deciding word as written) with its offsets, or empty with -1."""
    if cue >= 0:
        t = doc.tokens[cue]
        row["category_cue"], row["category_cue_start"], row["category_cue_end"] = t.text, t.start, t.end
    else:
        row["category_cue"], row["category_cue_start"], row["category_cue_end"] = "", -1, -1


def _after_dual_referent(toks: list[Token], i: int) -> bool:
    """Whether a dual pronoun or a dual verb of being is among the two words before token ``i``."""
    referents = grammar_words("dual_referents")
    return any(v in referents for k in range(max(0, i - 2), i) for v in proclitic_readings(toks[k].norm))


def _dual_claims(doc: _View, covered: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Unambiguous duals of counted nouns (``دبابتين``) next to an event word: value 2."""
    rows = []
    toks = doc.tokens
    duals = dual_forms()
    lengths = {len(d) for d in duals}
    for i in [i for i, tok in enumerate(toks) if tok.norm.endswith(("ين", "ان")) and tok.kind == "word"]:
        tok = toks[i]
        # every reading is a suffix of the word: without a dual form among its suffixes there is none
        if not any(tok.norm[-n:] in duals for n in lengths if n <= len(tok.norm)):
            continue
        if not any(v in duals for v in proclitic_readings(tok.norm)):
            continue
        m = unit_at(toks, i)
        if m is None or m.payload.count != 2 or m.length != 1:
            continue
        if any(s < tok.end and tok.start < e for s, e in covered):
            continue  # overlaps a quantity of the parser (وطائرتين vs طائرتين)
        if tok.norm.startswith(_DEFINITE_PREFIXES):
            continue  # الطائرتين: a reference, not a count
        if i in doc.passable:
            continue  # inside a known name: حركة طالبان is no pair of students
        if _after_dual_referent(toks, i):
            continue  # إنهما محتجزان: a predicate about two people named before
        if i > 0 and (toks[i - 1].kind == "number"
                      or any(s <= toks[i - 1].start and toks[i - 1].end <= e for s, e in covered)):
            continue  # اثنان آخران: the number before already counts them
        if i + 1 < len(toks) and any(s <= toks[i + 1].start and toks[i + 1].end <= e for s, e in covered):
            continue  # مرشحان اثنان: the number after counts them
        sent = doc.sentence_of(tok.start)
        lo, hi = doc.token_range(sent)
        q = Quantity(tok.start, tok.end, tok.text, 2, 2, 2, "exact", "cardinal", tok_first=i, tok_after=i,
                     num_start=tok.start)
        e = m.payload
        unit = _Unit(e.unit, tok.text, e.category, e.event, i + 1, True)
        event, category, cue = _find_event(doc, q, unit, lo, hi)
        if event is None:
            continue
        row = _claim_row(doc, q, unit, event, category, "exact", 2, 2, tok.end)
        _set_cue(doc, row, cue)
        rows.append(row)
    return rows


def _one_of_claims(doc: _View, covered: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """``قتل أحد الجنود``، ``إصابة أحد عناصر الأمن``: "one of" + a definite group, governed by an event: value 1.

    Without an event, or after a preposition (``في أحد المنازل``), "one of" is an idiom, not a count."""
    rows = []
    toks = doc.tokens
    one_of = grammar_words("one_of")
    for i, tok in enumerate(toks):
        if tok.stem not in one_of or tok.kind != "word" or i + 1 >= len(toks):
            continue
        if tok.proclitics[-1:] in (("ب",), ("ل",), ("ك",)) or any(s < tok.end and tok.start < e for s, e in covered):
            continue
        nxt = toks[i + 1]
        if nxt.kind != "word" or not (nxt.norm.startswith(_DEFINITE_PREFIXES) or (
                i + 2 < len(toks) and toks[i + 2].norm.startswith(_DEFINITE_PREFIXES) and unit_at(toks, i + 1))):
            continue
        sent = doc.sentence_of(tok.start)
        lo, hi = doc.token_range(sent)
        if i - 1 >= lo and toks[i - 1].norm in grammar_words("place_prepositions"):
            continue
        m = unit_at(toks, i + 1)
        e = m.payload if m is not None else None
        unit = _Unit(e.unit, nxt.text, e.category, e.event, i + 2, True) if e else _Unit("other", nxt.text, None, None,
                                                                                         i + 2, False)
        start = tok.start + (len(tok.text) - len(tok.text.lstrip("وفب")) if tok.proclitics else 0)
        q = Quantity(start, tok.end, doc.text[start:tok.end], 1, 1, 1, "exact", "cardinal", tok_first=i,
                     tok_after=i + 1, num_start=start)
        event, category, cue = _find_event(doc, q, unit, lo, hi)
        if event is None or cue < 0 or toks[cue].start > tok.start:
            continue
        row = _claim_row(doc, q, unit, event, category, "exact", 1, 1, tok.end)
        _set_cue(doc, row, cue)
        rows.append(row)
    return rows


#: Hedges that may restate each other's figure (the same base number): نحو 30 / 30، 30 على الأقل / نحو ثلاثين.
_COMPATIBLE_HEDGES: frozenset[frozenset[str]] = frozenset(frozenset(p) for p in (
    ("exact",), ("approx",), ("exact", "approx"), ("at_least",), ("at_least", "exact"), ("at_least", "approx"),
    ("more_than",), ("less_than",), ("at_most",), ("at_most", "exact"), ("at_most", "approx"), ("range",),
))


def _base(r: dict[str, Any]) -> float | None:
    return r["value_low"] if r["value_low"] is not None else r["value_high"]


def _same_thing(p: dict[str, Any], r: dict[str, Any]) -> bool:
    """Two claims count the same thing: unit, event, category and rate agree; shares and percentages
    also share the word they depend on (presidential vs parliamentary votes are different things)."""
    if (p["unit"], p["event"], p["category"], p["rate"]) != (r["unit"], r["event"], r["category"], r["rate"]):
        return False
    if r["unit"] in ("percent", "share") and normalize_for_matching(p["category_cue"] or "") != \
            normalize_for_matching(r["category_cue"] or ""):
        return False
    return not (p["location"] and r["location"] and p["location"] != r["location"])


def _restates(p: dict[str, Any], r: dict[str, Any]) -> bool:
    """Whether ``r`` gives ``p``'s figure again, with a compatible hedge."""
    if p["qualifier"] == "vague" or r["qualifier"] == "vague":
        return p["qualifier"] == r["qualifier"] and \
            normalize_for_matching(p["quantity_text"]).replace("ال", "") == \
            normalize_for_matching(r["quantity_text"]).replace("ال", "")
    if frozenset((p["qualifier"], r["qualifier"])) not in _COMPATIBLE_HEDGES:
        return False
    if p["qualifier"] == r["qualifier"] == "range":
        return (p["value_low"], p["value_high"]) == (r["value_low"], r["value_high"])
    a, b = _base(p), _base(r)
    if a is None or b is None:
        return False
    exactish = {"exact"} & {p["qualifier"], r["qualifier"]} and {p["qualifier"], r["qualifier"]} <= {"exact"}
    return a == b if exactish else abs(a - b) <= _CONFLICT_TOLERANCE * max(abs(a), abs(b))


def _is_conditional(doc: _View, r: dict[str, Any]) -> bool:
    """A hypothetical figure (إذا تجاوز 50%): a cue of ``conditional_cues`` shortly before it in its clause."""
    first = bisect_right(doc.token_starts, r["start"] - 1)
    lo = doc.token_range(r["sentence_index"])[0]
    for j in range(first - 1, max(lo, first - 5) - 1, -1):
        t = doc.tokens[j]
        if t.kind in _PUNCT_KINDS:
            return False
        if any(v in grammar_words("conditional_cues") for v in proclitic_readings(t.norm)):
            return True
    return False


def _is_update(doc: _View, r: dict[str, Any]) -> bool:
    """A figure stated as a rise of an earlier one (ارتفعت الحصيلة إلى 40): a cue of ``update_cues`` before it."""
    first = bisect_right(doc.token_starts, r["start"] - 1)
    lo = doc.token_range(r["sentence_index"])[0]
    return any(any(v in grammar_words("update_cues") for v in proclitic_readings(doc.tokens[j].norm))
               for j in range(max(lo, first - 8), first))


def _link_repeats(doc: _View, rows: list[dict[str, Any]]) -> None:
    """Fill duplicate_of / conflicts_with / note in place (rows in text order).

    Of two claims counting the same thing: a compatible figure is a restatement (``duplicate_of``);
    a figure introduced as a rise is an update (``note``); a close but different figure, or a different
    figure from another source, is a conflict (``conflicts_with``, both sources in ``note``). Hypothetical
    figures (``إذا تجاوز 50%``) are never linked.
    """
    for r in rows:
        r.setdefault("duplicate_of", None)
        r.setdefault("conflicts_with", None)
        r.setdefault("note", None)
    for i, r in enumerate(rows):
        if r["unit"] is None or _is_conditional(doc, r):
            continue
        for p in reversed(rows[:i]):
            if not _same_thing(p, r) or _is_conditional(doc, p):
                continue
            if _restates(p, r):
                r["duplicate_of"] = p["duplicate_of"] or p["claim_id"]
                r["note"] = f"restates {r['duplicate_of']}"
                break
            a, b = _base(p), _base(r)
            if a is None or b is None or max(abs(a), abs(b)) == 0:
                continue
            if _is_update(doc, r):
                r["note"] = f"update of {p['claim_id']} («{p['quantity_text']}» → «{r['quantity_text']}»)"
                break
            different_sources = bool(p["source"] and r["source"] and p["source"] != r["source"])
            if abs(a - b) / max(abs(a), abs(b)) <= _CONFLICT_TOLERANCE or different_sources:
                r["conflicts_with"] = p["claim_id"]
                who = f"{p['source']} vs {r['source']}" if different_sources else "same source"
                r["note"] = (f"«{p['quantity_text']}» ({p['qualifier']}) vs «{r['quantity_text']}» "
                             f"({r['qualifier']}); {who}")
                break


def _document(text: "str | Document", doc_id: str | None, reference_date: Any, *, title: str | None = None,
              entities: pd.DataFrame | None = None, quotes: pd.DataFrame | None = None,
              time_expressions: pd.DataFrame | None = None) -> Document:
    """The :class:`Document` to read: the one given, or a new one of ``text``; tables the caller
    computed already (``find_entities``, ``find_quotes``, ``find_time_expressions``) become its layers."""
    if isinstance(text, Document):
        if doc_id is not None or reference_date is not None or title is not None:
            raise ClaimsInputError(text.doc_id or "document",
                                   "a Document carries its own doc_id, reference_date and title")
        doc = text
    elif isinstance(text, str):
        doc = Document(text, doc_id=doc_id, reference_date=reference_date, title=title)
    else:
        raise ClaimsInputError(doc_id or "text", f"text must be str or Document, got {type(text).__name__}")
    if entities is not None:
        doc.set_layer("entities", [EntityMention(**_plain_row(r, EntityMention.__slots__)) for r in _rows(entities)])
    if quotes is not None:
        doc.set_layer("quotes", [Quote(**_plain_row(r, Quote.__slots__)) for r in _rows(quotes)])
    if time_expressions is not None:
        doc.set_layer("time_expressions",
                      [TimeExpression(**_plain_row(r, TimeExpression.__slots__)) for r in _rows(time_expressions)])
    return doc


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return frame.to_dict("records")


def _plain_row(row: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """The row's values for ``fields``; missing values (NaN, NA) as None, numpy scalars as Python ones."""
    out = {}
    for f in fields:
        v = row.get(f)
        if v is not None and not isinstance(v, str) and pd.isna(v):
            v = None
        elif hasattr(v, "item"):
            v = v.item()
        out[f] = v
    return out


def _may_count_without_digits(doc: Document) -> bool:
    """Whether a text without numbers may still count something: "one of" (``أحد الجنود``) or a dual."""
    one_of = grammar_words("one_of")
    duals = dual_forms()
    return any(t.kind == "word" and (t.stem in one_of or t.norm in duals or t.stem in duals) for t in doc.tokens)


def _candidates(doc: Document) -> tuple[_View | None, list[tuple[Quantity, dict | None, str]]]:
    """Every quantity with its claim row (or None) and the decision; ``(None, [])`` without numbers.

    An article without any number costs one pass of the number parser; the entity, quotation,
    time and attribution layers are computed only for articles where a quantity reaches them.
    """
    mentions = doc.numbers
    if not mentions and not _may_count_without_digits(doc):
        return None, []
    view = _View(doc)
    results = []
    quantities = [q for q in find_quantities(doc.text, view.tokens, mentions) if 0 <= q.tok_first < len(view.tokens)]
    rows: list[dict[str, Any]] = []
    for i, q in enumerate(quantities):
        row, reason = _analyse(view, q, quantities[i + 1] if i + 1 < len(quantities) else None, rows)
        if row is not None:
            rows.append(row)
        results.append((q, row, reason))
    return view, results


def extract_claims(text: "str | Document", doc_id: str | None = None, reference_date: str | _dt.date | None = None,
                   *, title: str | None = None, entities: pd.DataFrame | None = None,
                   quotes: pd.DataFrame | None = None, time_expressions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every quantitative claim of ``text`` as one row (columns: :data:`COLUMNS`).

    Args:
        text: Article text (logical-order Unicode; offsets in the table index this string), or a
            :class:`~analysis.text.document.Document` (its cached ``claims`` layer; it carries its own
            ``doc_id`` and reference date).
        doc_id: Identifier copied into the ``doc_id`` column and used in ``claim_id``.
        reference_date: Publication date, passed to the time-expression layer to resolve
            relative dates (optional).
        title: The headline: its claims come first, flagged ``in_title`` (offsets into the headline).
        entities, quotes, time_expressions: Tables of ``find_entities``, ``find_quotes`` and
            ``find_time_expressions`` already computed for ``text``: used instead of computing them.

    Returns:
        DataFrame, one row per mention, sorted by ``start``. ``value_low``/``value_high`` are
        nullable floats (empty for open bounds and vague quantities); ``duplicate_of`` and
        ``conflicts_with`` hold ``claim_id`` values of earlier rows.

    Raises:
        ClaimsInputError: ``text`` is neither a string nor a Document.

    Example:
        >>> df = extract_claims("أعلنت الوزارة أن أكثر من 200 مسلح قتلوا.", doc_id="d1")
        >>> df.loc[0, ["claim_id", "quantity_text", "qualifier"]].tolist()
        ['d1-c001', 'أكثر من 200', 'more_than']
    """
    doc = _document(text, doc_id, reference_date, title=title, entities=entities, quotes=quotes,
                    time_expressions=time_expressions)
    return _to_frame(doc.claims)


def _drop_overlaps(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per stretch of text: a row overlapping an earlier kept one is a double count (rows sorted by start)."""
    kept: list[dict[str, Any]] = []
    for r in rows:
        p = kept[-1] if kept else None
        if p is not None and r["start"] < p["end"]:
            if (r["end"] - r["start"]) > (p["end"] - p["start"]):
                kept[-1] = r  # keep the longer reading (وطائرتين over طائرتين)
            continue
        kept.append(r)
    return kept


def _inherit_from_previous(rows: list[dict[str, Any]]) -> None:
    """Fill unit/event/category of a claim from the claim before it where the text refers back.

    * ``خمسة آخرون`` after ``جنديان``: the anaphoric noun takes the previous unit (same sentence);
    * ``بينهم 12 طفلاً``, ``418 منهم``: a part of the group counted before shares its event;
    * ``مقتل 43 عنصراً … مقابل 38 مقاتلاً``: a people count without an event word in a sentence
      whose previous people count has one shares it.
    """
    rules = category_rules()
    people = rules["people_units"]
    for prev, r in zip([None, *rows[:-1]], rows):
        among = r.pop("_among", False)
        if prev is None:
            continue
        same_sentence = prev["sentence_index"] == r["sentence_index"]
        noun = normalize_for_matching(r["unit_ar"] or "")
        noun_variants = proclitic_readings(noun) if noun else ()
        if same_sentence and prev["unit"] in people and prev["unit"] not in rules["subgroup_units"] \
                and any(v in rules["anaphoric_nouns"] for v in noun_variants):
            r["unit"] = prev["unit"]
        partitive = noun in grammar_words("people_partitives")
        weak = r["event"] is None or r["category"] == "other"
        if not prev["event"] or not weak:
            continue
        if (among and same_sentence) or (partitive and prev["sentence_index"] >= r["sentence_index"] - 1) \
                or (same_sentence and r["unit"] in people and prev["unit"] in people and r["event"] is None):
            r["event"], r["category"] = prev["event"], prev["category"]


def claim_records(text: "str | Document", doc_id: str | None = None, reference_date: str | _dt.date | None = None,
                  *, title: str | None = None, entities: pd.DataFrame | None = None,
                  quotes: pd.DataFrame | None = None, time_expressions: pd.DataFrame | None = None,
                  ) -> list[dict[str, Any]]:
    """The rows of :func:`extract_claims` as plain dicts (keys: :data:`COLUMNS`), without a DataFrame.

    For corpus pipelines that store rows: building a DataFrame per article costs about as much
    as finding the claims of a short article. Empty bounds are ``None``.

    Example:
        >>> [r["quantity_text"] for r in claim_records("قتل 12 مدنياً في غارة.")]
        ['12']
    """
    doc = _document(text, doc_id, reference_date, title=title, entities=entities, quotes=quotes,
                    time_expressions=time_expressions)
    return [dict(r) for r in doc.claims]


def _claim_rows(doc: Document) -> list[dict[str, Any]]:
    """The ``claims`` layer of a document: one dict per claim with the columns of :data:`COLUMNS`.

    Claims of the headline (:attr:`Document.title`) come first, flagged ``in_title`` and numbered
    ``<doc_id>-t001`` …, with offsets into the headline; the body's are ``<doc_id>-c001`` … A figure
    is linked as a restatement or conflict only within its own field."""
    out: list[dict[str, Any]] = []
    if doc.title and doc.title.strip():
        title_doc = Document(doc.title, doc_id=doc.doc_id, reference_date=doc.reference_date)
        out += _field_rows(title_doc, "t", in_title=True)
    out += _field_rows(doc, "c", in_title=False)
    return out


def _field_rows(doc: Document, letter: str, *, in_title: bool) -> list[dict[str, Any]]:
    view, results = _candidates(doc)
    if view is None:
        return []
    rows = [row for _, row, _ in results if row is not None]
    covered = [(q.start, q.end) for q, _, _ in results]
    rows += _dual_claims(view, covered)
    rows += _one_of_claims(view, covered)
    rows.sort(key=lambda r: (r["start"], -r["end"]))
    rows = _drop_overlaps(rows)
    _inherit_from_previous(rows)
    if any(r["source"] and not r["source_en"] for r in rows):
        english = {e.canonical: e.name_en for e in view.entities if e.name_en}
        for r in rows:
            if r["source"] and not r["source_en"]:
                r["source_en"] = english.get(r["source"], "")
    prefix = f"{doc.doc_id}-" if doc.doc_id else ""
    for n, r in enumerate(rows, start=1):
        r["doc_id"] = doc.doc_id
        r["claim_id"] = f"{prefix}{letter}{n:03d}"
        r["in_title"] = in_title
    _link_repeats(view, rows)
    return [{col: r.get(col) for col in COLUMNS} for r in rows]


_INT_COLUMNS = CLAIMS.of_type("int")
_FLOAT_COLUMNS = CLAIMS.of_type("float")
_BOOL_COLUMNS = CLAIMS.of_type("bool")


@lru_cache(maxsize=1)
def _empty_frame() -> pd.DataFrame:
    return _build_frame([])


def _to_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The claims table of ``rows`` (built once per call; an empty table is copied from a template)."""
    if not rows:
        return _empty_frame().copy()
    return _build_frame(rows)


def _build_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """One DataFrame from the row dicts: columns built as arrays sharing one index (no per-column reindexing)."""
    n = len(rows)
    index = pd.RangeIndex(n)
    data: dict[str, pd.Series] = {}
    for col in COLUMNS:
        if col in _FLOAT_COLUMNS:
            arr = np.array([np.nan if r.get(col) is None else r[col] for r in rows], dtype="float64")
            values: Any = pd.arrays.FloatingArray(arr, np.isnan(arr))
        elif col in _INT_COLUMNS:
            values = np.fromiter((r[col] for r in rows), dtype="int64", count=n)
        elif col in _BOOL_COLUMNS:
            values = np.fromiter((bool(r.get(col)) for r in rows), dtype=bool, count=n)
        else:
            values = np.empty(n, dtype=object)
            values[:] = [r.get(col) for r in rows]
            data[col] = pd.Series(values, dtype=object, index=index, copy=False)
            continue
        data[col] = pd.Series(values, index=index, copy=False)
    return pd.DataFrame(data, index=index, columns=list(COLUMNS), copy=False)


def explain_quantities(text: "str | Document", reference_date: str | _dt.date | None = None) -> pd.DataFrame:
    """Every quantity the parser found with the decision taken: ``claim`` or the reason it is not one.

    Useful to audit precision (why ``2254`` in ``القرار 2254`` is not a claim) and to grow the lexicons.
    Columns: ``start, end, quantity_text, qualifier, decision``.
    """
    _, results = _candidates(_document(text, None, reference_date))
    return pd.DataFrame(
        [{"start": q.start, "end": q.end, "quantity_text": q.text, "qualifier": q.qualifier, "decision": reason}
         for q, _, reason in results],
        columns=["start", "end", "quantity_text", "qualifier", "decision"],
    )


def _check_text(text: Any, what: object) -> str:
    if not isinstance(text, str):
        raise ClaimsInputError(what, f"text must be str, got {type(text).__name__}")
    return text


def _article_fields(item: Any, position: int) -> tuple[str, str, Any]:
    if hasattr(item, "doc_id") and hasattr(item, "text"):
        return str(item.doc_id), _check_text(item.text, item.doc_id), getattr(item, "published", None)
    if isinstance(item, dict):
        if "text" not in item:
            raise ClaimsInputError(f"item {position}", "mapping without a 'text' key")
        doc = item.get("doc_id") or item.get("id") or f"doc{position}"
        return str(doc), _check_text(item["text"], doc), item.get("published")
    if isinstance(item, (tuple, list)) and len(item) == 2:
        doc, text = item
        return str(doc), _check_text(text, doc), None
    raise ClaimsInputError(f"item {position}",
                           f"expected an Article, a (doc_id, text) pair or a mapping, got {type(item).__name__}")


def claims_table(articles: Iterable[Any]) -> pd.DataFrame:
    """Claims of many articles in one table (``extract_claims`` on each, concatenated).

    Args:
        articles: :class:`analysis.corpus.Article` objects, ``(doc_id, text)`` pairs or mappings
            with ``doc_id`` and ``text`` (``published`` is used as the reference date when present).

    Raises:
        ClaimsInputError: an item is of an unusable shape or its text is not a string.
    """
    rows: list[dict[str, Any]] = []
    for position, item in enumerate(articles):
        doc_id, text, published = _article_fields(item, position)
        rows.extend(Document(text, doc_id=doc_id, reference_date=published).claims)
    return _to_frame(rows)


__all__ = ["COLUMNS", "ClaimsInputError", "claim_records", "claims_table", "explain_quantities", "extract_claims"]


register_layer("claims", _claim_rows, provider=__name__)
