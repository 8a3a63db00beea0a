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
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from analysis.claims.quantities import Quantity, find_quantities, hedge_after
from analysis.claims.sources import (
    Attribution, Entity, Quote, entity_spans, fallback_quotes, find_attributions, nearest_entity, pick_attribution,
    quote_spans,
)
from analysis.claims.text import Token, clitic_variants, sentence_spans, tokenize
from analysis.text.sentences import context_window
from analysis.claims.units import (
    category_rules, dual_forms,
    event_at, in_list, is_month_at, non_claim_cues, phrase_in, rate_at, unit_at, unit_table,
)
from analysis.entities import entity_mentions
from analysis.errors import AnalysisError
from analysis.schemas import CLAIMS
from analysis.text.chars import QUOTE_CLOSERS, QUOTE_OPENERS
from analysis.text.document import register_layer
from analysis.lexicons import load_wordlist, load_yaml
from analysis.text.normalize import normalize_for_matching
from analysis.numbers import find_numbers
from analysis.attribution.quotes import quote_records
from analysis.attribution.quotes import quote_spans as raw_quote_spans
from analysis.timex import time_expressions

#: Columns of the claims table, in order (:data:`analysis.schemas.CLAIMS`).
COLUMNS: tuple[str, ...] = CLAIMS.columns

_EVENT_BACK = 8
_EVENT_FORWARD = 6
_CONFLICT_TOLERANCE = 0.10
_NO_NOUN_EVENTS = frozenset({"casualties", "injuries", "detentions", "displacement"})
_ALA = normalize_for_matching("على")
_NISBA_PLURAL = ("يين", "يون")
_DEFINITE_PREFIXES = ("ال", "وال", "بال", "فال", "لل")
_WEAK_EVENTS = frozenset({"totalled"})
_ONE_WORDS = frozenset(normalize_for_matching(w) for w in ("واحد", "واحدة", "وواحد", "وواحدة", "الواحد", "الواحدة"))
_NISBA_ACCUSATIVE = "يا"
_SCALE_ENDINGS = tuple(normalize_for_matching(w) for w in ("ألف", "ألفا", "آلاف", "مليون", "مليونا", "ملايين", "مليار", "مليارا", "مليارات"))
_PERCENT_MARKERS = ("%", "٪", "في المئة", "في المائة", "بالمئة", "بالمائة", "في المئه", "في المائه")
_PARTITIVE = frozenset(normalize_for_matching(w) for w in ("منهم", "منهما", "منهن", "بينهم", "بينهما"))
_POSTNOMINAL_VAGUE = frozenset(normalize_for_matching(w) for w in ("عدة", "بضعة", "بضع"))
_REJECT_ROLES = ("year", "date", "time", "clock", "ordinal", "identifier", "id", "age", "page", "duration", "name")
_QUOTE_MARK_RE = re.compile(f"[{QUOTE_OPENERS}{QUOTE_CLOSERS}\"]")


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


@dataclass
class _Doc:
    """Everything computed once per article (entities, quotes, sources, times on first use)."""

    text: str
    cut: int  # tokens, sentences and (computed) entities cover text[:cut]
    tokens: list[Token]
    sentences: list[tuple[int, int]]
    sentence_starts: list[int]
    token_starts: list[int]
    reference_date: Any = None
    given: dict[str, Any] | None = None  # tables computed by the caller (entities, quotes, times)
    _times: dict[int, list[tuple[int, int, str, str]]] = field(default_factory=dict)
    _all_times: list[tuple[int, int, str, str]] | None = None

    @cached_property
    def mentions(self) -> list[Any] | None:
        """Entity mentions of :func:`analysis.entities.entity_mentions` (None when a table was given)."""
        if (self.given or {}).get("entities") is not None:
            return None
        return entity_mentions(self.text[:self.cut] if self.cut < len(self.text) else self.text)

    @cached_property
    def entities(self) -> list[Entity]:
        given = (self.given or {}).get("entities")
        if given is not None:
            return entity_spans(self.text, given)
        return [Entity(m.start, m.end, m.text, m.canonical or m.text, m.name_en or "", m.type) for m in self.mentions]

    @cached_property
    def quotes(self) -> list[Quote]:
        given = (self.given or {}).get("quotes")
        if given is not None:
            return quote_spans(self.text, given)
        if not _QUOTE_MARK_RE.search(self.text):
            return []  # no quotation mark: no quotation (the cheap common case)
        out = [Quote(r.start, r.end, r.speaker_canonical or r.speaker or "", "")
               for r in quote_records(self.text, mentions=self.mentions, sentences=self.sentences)]
        return out or fallback_quotes(self.text)

    @cached_property
    def mark_spans(self) -> list[tuple[int, int]]:
        """Raw quotation-mark spans (cheap); quotations with speakers are computed only inside them."""
        if (self.given or {}).get("quotes") is not None:
            return [(qt.start, qt.end) for qt in self.quotes]
        if not _QUOTE_MARK_RE.search(self.text):
            return []
        return [(m.start, m.end) for m in raw_quote_spans(self.text)] + [(qt.start, qt.end) for qt in
                                                                          fallback_quotes(self.text)]

    def quote_at(self, start: int, end: int) -> Quote | None:
        """The quotation containing ``[start, end)``, or None."""
        if not any(s <= start and end <= e for s, e in self.mark_spans):
            return None
        return next((qt for qt in self.quotes if qt.start <= start and end <= qt.end), None)

    @cached_property
    def attributions(self) -> list[list[Attribution]]:
        return find_attributions(self.text, self.tokens, self.sentences, self.entities)

    def times_in(self, sentence: int) -> list[tuple[int, int, str, str]]:
        """Time expressions of one sentence (computed on first use, only for sentences with a quantity)."""
        got = self._times.get(sentence)
        if got is None:
            s, e = self.sentences[sentence]
            given = (self.given or {}).get("time_expressions")
            if given is not None:
                if self._all_times is None:
                    self._all_times = _time_expressions(self.text, self.reference_date, given)
                got = [t for t in self._all_times if s <= t[0] and t[1] <= e]
            else:
                got = _time_expressions_at(self.text, s, e, self.reference_date)
            self._times[sentence] = got
        return got

    def sentence_of(self, pos: int) -> int:
        return max(bisect_right(self.sentence_starts, pos) - 1, 0)

    def token_range(self, sentence: int) -> tuple[int, int]:
        s, e = self.sentences[sentence]
        first = bisect_right(self.token_starts, s - 1)
        last = bisect_right(self.token_starts, e - 1)
        return first, last


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    try:
        words = load_wordlist("text/stopwords.txt")
    except AnalysisError:
        words = frozenset()
    extra = ("أو", "ما", "يعادل", "نحو", "حوالي", "من", "إلى", "في", "على", "عن", "مع", "بين", "قد", "لا", "لم",
             "أن", "إن", "كان", "كانت", "هو", "هي", "هم", "التي", "الذي", "الذين", "منها", "منهم", "آخر")
    return frozenset(normalize_for_matching(w) for w in (*words, *extra))


def _time_expressions(text: str, reference_date: Any, df: Any) -> list[tuple[int, int, str, str]]:
    """(start, end, text, kind) rows of a ``find_time_expressions`` table given by the caller."""
    return [(int(r.start), int(r.end), str(r.text), str(getattr(r, "kind", "") or ""))
            for r in df.itertuples(index=False)]


def _time_expressions_at(text: str, start: int, end: int, reference_date: Any) -> list[tuple[int, int, str, str]]:
    """(start, end, text, kind) of the time expressions of ``text[start:end]`` (offsets into ``text``)."""
    return [(start + t.start, start + t.end, t.text, t.kind)
            for t in time_expressions(text[start:end], reference_date=reference_date)]


def _prepare(text: str, reference_date: Any, given: dict[str, Any] | None = None, last_number_end: int | None = None
             ) -> _Doc:
    """Tokens and sentences of ``text``, up to the end of the sentence holding the last number.

    Nothing after that sentence can hold a claim or say who made one (sources are carried
    forward, never backward), so tokens and entities are not computed for it.
    """
    sentences = sentence_spans(text)
    cut = len(text)
    if last_number_end is not None and sentences:
        starts = [st for st, _ in sentences]
        k = max(bisect_right(starts, last_number_end - 1) - 1, 0)
        sentences = sentences[:k + 1]
        cut = sentences[-1][1]
    tokens = tokenize(text[:cut]) if cut < len(text) else tokenize(text)
    return _Doc(
        text=text,
        cut=cut,
        tokens=tokens,
        sentences=sentences,
        sentence_starts=[s for s, _ in sentences],
        token_starts=[t.start for t in tokens],
        reference_date=reference_date,
        given=given,
    )


# --- non-claim filters ----------------------------------------------------------------

def _prev_word(doc: _Doc, i: int, lo: int) -> int | None:
    """Index of the word before token ``i`` skipping article/tatweel-only tokens (``الـ24``)."""
    j = i - 1
    while j >= lo and (doc.tokens[j].norm in ("ال", "ب", "ل", "و") or doc.tokens[j].text in ("ـ", "(")):
        j -= 1
    return j if j >= lo else None


def _article_tokens_before(doc: _Doc, i: int) -> int:
    """How many article/tatweel-only tokens (``الـ``) stand right before token ``i``."""
    n = 0
    while i - n - 1 >= 0 and (doc.tokens[i - n - 1].norm == "ال" or doc.tokens[i - n - 1].text == "ـ"):
        n += 1
    return n


def _is_year_like(v: Any, lo: int = 622, hi: int = 2100) -> bool:
    return isinstance(v, int) and lo <= v <= hi


def _reject_reason(doc: _Doc, q: Quantity, lo: int, hi: int, unit_found: bool, percent: bool = False) -> str | None:
    """Why quantity ``q`` is not a claim (None when it may be one)."""
    cues = non_claim_cues()
    toks = doc.tokens
    if q.role and any(r in str(q.role).lower() for r in _REJECT_ROLES) and not (q.counted and q.role == "age"):
        return f"role:{q.role}"  # (a dual noun is never an age: 'من العمر 70 عاماً وامرأتان')
    if q.kind == "ordinal":
        return "ordinal"
    if normalize_for_matching(q.text) in _ONE_WORDS:
        return "'one' written as a word (an adjective: خطر واحد، أسرة واحدة)"
    if q.counted and normalize_for_matching(q.text).startswith(_DEFINITE_PREFIXES):
        return "definite dual (a reference: العنصرين)"
    num_first = q.tok_first
    while num_first < q.tok_after and toks[num_first].start < q.num_start:
        num_first += 1
    prev = _prev_word(doc, q.tok_first, lo)
    prev_num = _prev_word(doc, num_first, lo)
    after = q.tok_after
    value = q.value if q.value is not None else (q.low if q.low is not None else q.high)
    # inside a date / duration found by the time-expression layer
    for s, e, _, kind in doc.times_in(doc.sentence_of(q.start)):
        if s <= q.num_start < e and kind not in ("frequency", "fallback", "rate"):
            if not unit_found or kind in ("date", "DATE"):
                return f"time expression:{kind}"
    if q.tok_first >= 2 and toks[q.tok_first - 1].text == ":" and toks[q.tok_first - 2].kind == "num":
        return "clock time"
    if prev is not None and in_list(toks[prev], "ordinal_words"):
        return "compound ordinal"
    if prev_num is not None and in_list(toks[prev_num], "identifier_cues"):
        return "identifier"
    if after < hi and is_month_at(toks, after):
        return "date"
    if after < hi and not unit_found and toks[after].norm in cues["model_suffixes"]:
        return "model designation"
    if after + 1 < hi and toks[after].text in "/-" and (is_month_at(toks, after + 1) or toks[after + 1].kind == "num"):
        if not (q.qualifier == "range"):
            return "date"
    if prev is not None and is_month_at(toks, prev):
        return "date"
    if prev is not None and prev >= 1 and is_month_at(toks, prev - 1) >= 2:
        return "date"
    if after + 1 < hi and toks[after].text == ":" and toks[after + 1].kind == "num":
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
        if toks[j].kind == "num":
            break  # 'يبلغ من العمر 70 عاماً وامرأتان': the number in between is the age
        if in_list(toks[j], "age_cues"):
            return "age"
    if after + 1 < hi and toks[after].norm == "من" and in_list(toks[after + 1], "age_cues"):
        return "age"
    if prev is not None and in_list(toks[prev], "location_cues") and prev >= 1 and toks[prev - 1].norm == _ALA:
        return "distance locating a place"
    if q.qualifier == "vague" and prev is not None and doc.tokens[prev].kind == "word" and not unit_found and \
            normalize_for_matching(q.text) in _POSTNOMINAL_VAGUE:
        return "post-nominal vague word (adjective)"
    if q.definite and q.qualifier != "vague":
        return "definite numeral (reference to a group already counted)"
    if normalize_for_matching(q.text) in cues["ambiguous_number_words"] and not unit_found:
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


def _find_unit(doc: _Doc, q: Quantity, hi: int) -> _Unit:
    toks = doc.tokens
    j = q.tok_after
    if q.kind == "percent" or q.percent or q.text.endswith(_PERCENT_MARKERS):
        marker = next((p for p in ("%", "٪", "في المئة", "في المائة", "بالمئة", "بالمائة") if q.text.endswith(p)), "")
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
    if j < hi and toks[j].norm in _PARTITIVE:
        return _Unit("people", toks[j].text, "other", None, j + 1, True)
    # an unknown counted noun: the next word unless it is a function word
    for k in (j, j + 1):
        if k >= hi:
            break
        t = toks[k]
        if k == j + 1 and toks[j].norm != "من":
            break
        if t.kind == "word" and t.norm != "من":
            if any(v in _function_words() for v in clitic_variants(t.norm)) or event_at(toks, k) is not None:
                break
            if is_month_at(toks, k):
                break
            if k == j and q.qualifier != "vague" and t.norm.startswith(_DEFINITE_PREFIXES):
                break  # a counted noun right after a cardinal is indefinite (32 مليونا العام الماضي)
            word = t.norm[1:] if t.norm.startswith("و") and len(t.norm) > 4 else t.norm
            big = (q.value or q.low or q.high or 0) >= 100 or normalize_for_matching(q.text).endswith(_SCALE_ENDINGS)
            if (word.endswith(_NISBA_PLURAL) and len(word) > 5) or (word.endswith(_NISBA_ACCUSATIVE) and len(word) >= 5) \
                    or (big and word.endswith("ي") and len(word) >= 4 and not word.startswith("ال")):
                # a nisba (بريطانيين، اليمنيين، 60 فلسطينياً، 6.6 مليون سوري): people of that origin
                return _Unit("people", t.text, "other", None, k + 1, True)
            return _Unit(None, t.text, None, None, k + 1, False)
    return _Unit(None, "", None, None, j, False)


def _percent_category(doc: _Doc, q: Quantity, after: int, hi: int) -> str:
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


_PERCENT_BACK = 5
_PERCENT_OF_PEOPLE = frozenset({"displacement", "casualties", "injuries", "detentions"})


def _unit_in_context(toks: list[Token], unit: str, after: int, hi: int) -> str:
    """``43 عنصراً من قوات النظام``: a militant-type noun ``من`` + government forces counts soldiers."""
    rules = category_rules()
    if unit in rules["militant_units"] and after + 1 < hi and toks[after].norm == _MIN \
            and phrase_in(toks, after + 1, rules["government_forces"]) is not None:
        return rules["soldier_unit"]
    return unit


def _attached_event(doc: _Doc, unit: _Unit, hi: int, allowed: frozenset[str] | None) -> tuple[str, str] | None:
    """An event verb right after the counted noun, not joined by و (``19 جريحاً توفوا``، ``5 آلاف شخص يعودون``)."""
    k = unit.end_index
    if k >= hi or doc.tokens[k].kind != "word" or doc.tokens[k].norm[:1] in ("و", "ف"):
        return None
    m = event_at(doc.tokens, k)
    if m is None or (allowed is not None and m.payload.category not in allowed):
        return None
    if m.payload.event in _WEAK_EVENTS or m.payload.event in category_rules()["cause_events"]:
        return None
    return m.payload.event, m.payload.category


def _find_event(doc: _Doc, q: Quantity, unit: _Unit, lo: int, hi: int) -> tuple[str | None, str | None]:
    toks = doc.tokens
    rules = category_rules()
    people = unit.unit in rules["people_units"]
    if unit.unit == "percent" and unit.category not in (None, "other"):
        # a share of something named: its category decides; an event word of that category gives the event
        for j in [*range(q.tok_first - 1, max(lo, q.tok_first - _EVENT_BACK) - 1, -1),
                  *range(unit.end_index, min(hi, unit.end_index + _EVENT_FORWARD))]:
            m = event_at(toks, j)
            if m is not None and m.payload.category == unit.category:
                return m.payload.event, m.payload.category
        return None, unit.category
    if people and unit.known:
        attached = _attached_event(doc, unit, hi, rules["people_categories"])
        if attached is not None:
            return attached
    if unit.event:
        # the noun carries its event (قتلى → killed) unless a verb of the same domain says
        # otherwise nearby (أفرجت عن 350 معتقلاً → released)
        category = _event_category(unit.event) or unit.category
        for j in [*range(q.tok_first - 1, max(lo, q.tok_first - _EVENT_BACK) - 1, -1),
                  *range(unit.end_index, min(hi, unit.end_index + _EVENT_FORWARD))]:
            m = event_at(toks, j)
            if m is not None and m.payload.category == category and m.payload.event != unit.event:
                return m.payload.event, m.payload.category
        return unit.event, category
    allowed = _compatible(unit.category) if unit.known else None
    if people and unit.known:
        allowed = rules["people_categories"] if allowed is None else allowed & rules["people_categories"]
    weak: tuple[str, str] | None = None
    cause: tuple[str, str] | None = None
    for j in [*range(q.tok_first - 1, max(lo, q.tok_first - _EVENT_BACK) - 1, -1),
              *range(unit.end_index, min(hi, unit.end_index + _EVENT_FORWARD))]:
        m = event_at(toks, j)
        if m is not None and (allowed is None or m.payload.category in allowed):
            if m.payload.event in _WEAK_EVENTS:
                weak = weak or (m.payload.event, m.payload.category)
                continue  # 'بلغ' (totalled) says little: look for a more telling word
            if m.payload.event in rules["cause_events"] and unit.known and unit.category in rules["damage_categories"]:
                cause = cause or (m.payload.event, m.payload.category)
                continue  # 'القصف طال 3 مدارس': the bombardment is the cause, not what happened to the schools
            return m.payload.event, m.payload.category
    if cause is not None and not (unit.known and unit.category in rules["damage_categories"]):
        return cause
    return weak if weak else (None, None)


@lru_cache(maxsize=None)
def _compatible(category: str | None) -> frozenset[str] | None:
    """Event categories allowed for a noun of this default category (``compatibility.yaml``)."""
    if category is None:
        return None
    table = load_yaml("claims/compatibility.yaml") or {}
    allowed = table.get(category)
    return None if allowed is None else frozenset(allowed)


@lru_cache(maxsize=None)
def _event_category(event: str) -> str | None:
    from analysis.claims.units import event_table
    for entry in event_table().values():
        if entry.event == event:
            return entry.category
    return None


_RATE_WINDOW = 8


def _find_rate(doc: _Doc, start: int, hi: int) -> str | None:
    """A rate word in the clause after the counted noun (``… لاجئ يعبرون الحدود إلى الأردن يومياً``).

    The search stops at punctuation or at the next number (a rate there belongs to another quantity).
    """
    for j in range(start, min(hi, start + _RATE_WINDOW)):
        tok = doc.tokens[j]
        if tok.kind == "num" or (tok.kind == "punct" and tok.text not in "()"):
            break
        m = rate_at(doc.tokens, j)
        if m is not None:
            return m.payload
    return None


# --- the extractor --------------------------------------------------------------------

def _bound(v: Any) -> float | None:
    return None if v is None else float(v)


_MIN = normalize_for_matching("من")


def _after_min(doc: _Doc, pos: int) -> bool:
    """True when the entity at ``pos`` follows ``من`` within 3 tokens (``من عناصر تنظيم «داعش»``): not an actor."""
    i = bisect_right(doc.token_starts, pos - 1)
    return any(doc.tokens[j].norm == _MIN for j in range(max(0, i - 3), i))


_AMONG = frozenset(normalize_for_matching(w) for w in ("بينهم", "بينهن", "بينها", "منهم", "منهن", "بينهما", "منهما"))


def _after_among(doc: _Doc, i: int, lo: int) -> bool:
    """``… بينهم 12 طفلاً``: the quantity is a part of the group counted just before."""
    j = i - 1
    if j >= lo and doc.tokens[j].norm == _MIN:
        j -= 1
    return j >= lo and any(v in _AMONG for v in clitic_variants(doc.tokens[j].norm))


def _claim_row(doc: _Doc, q: Quantity, unit: _Unit, event: str | None, category: str | None,
               qualifier: str, low: Any, high: Any, quantity_end: int) -> dict[str, Any]:
    sent = doc.sentence_of(q.start)
    s_start, s_end = doc.sentences[sent]
    lo, hi = doc.token_range(sent)
    rate = _find_rate(doc, unit.end_index, hi)
    # who says it
    att = pick_attribution(doc.attributions[sent], q.tok_first)
    quote = doc.quote_at(q.start, q.end)
    source, source_en, verb = "", "", ""
    carried = False
    if att is not None:
        verb = att.verb
        if att.carried:
            carried = True
        else:
            source, source_en = att.source, att.source_en
    if not source and quote is not None and quote.speaker:
        source, source_en = quote.speaker, quote.speaker_en
    # entities around the claim
    exclude = (source,) if source else ()
    target_ent = nearest_entity(doc.entities, doc.tokens[unit.end_index - 1].end if unit.end_index > 0 else q.end,
                                ("ORG",), lo=q.end, hi=min(s_end, doc.tokens[min(unit.end_index + 6, len(doc.tokens)) - 1].end),
                                exclude=exclude)
    actor_lo = doc.tokens[att.complement].end if att is not None and att.complement < q.tok_first and att.complement >= lo else s_start
    # the actor is the subject of the reported clause: the first organisation or person in it
    actor_ent = nearest_entity([e for e in doc.entities if not _after_min(doc, e.start)], actor_lo,
                               ("ORG", "PERSON"), lo=actor_lo, hi=q.start,
                               exclude=exclude + ((target_ent.canonical,) if target_ent else ()))
    loc_ent = nearest_entity(doc.entities, q.end, ("PLACE",), lo=s_start, hi=s_end)
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
        "_carried": carried,
        "_tok": q.tok_first,
        "_among": _after_among(doc, q.tok_first, lo),
    }


def _analyse(doc: _Doc, q: Quantity) -> tuple[dict[str, Any] | None, str]:
    """One quantity → (claim row or None, reason)."""
    sent = doc.sentence_of(q.start)
    lo, hi = doc.token_range(sent)
    unit = _find_unit(doc, q, hi)
    reason = _reject_reason(doc, q, lo, hi, unit.known, percent=unit.unit == "percent" or q.counted)
    if reason:
        return None, reason
    event, category = _find_event(doc, q, unit, lo, hi)
    if q.counted and event is None:
        return None, "dual noun without an event word"
    if not unit.known:
        if unit.unit_ar and q.qualifier == "vague":
            return None, f"vague word before an unknown noun {unit.unit_ar!r}"
        if unit.unit_ar and event is None:
            return None, f"unknown counted noun {unit.unit_ar!r} and no event word"
        if not unit.unit_ar:
            if event is None or category not in _NO_NOUN_EVENTS:
                return None, "no counted noun"
            unit = _Unit("people", "", category, event, unit.end_index, False)
    qualifier, low, high = q.qualifier, q.low, q.high
    quantity_end = q.end
    post = None
    for k in range(unit.end_index, min(hi, unit.end_index + 3)):
        post = hedge_after(doc.tokens, k)
        if post is not None or doc.tokens[k].kind == "num" or event_at(doc.tokens, k) is not None:
            break
    if post is not None and qualifier == "exact":
        qualifier = post[0]
        if qualifier in ("at_least", "more_than"):
            high = None
        elif qualifier in ("at_most", "less_than"):
            low = None
    if qualifier == "vague":
        low = high = None
    return _claim_row(doc, q, unit, event, category, qualifier, low, high, quantity_end), "claim"


def _dual_claims(doc: _Doc, covered: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Unambiguous duals of counted nouns (``دبابتين``) next to an event word: value 2."""
    rows = []
    toks = doc.tokens
    duals = dual_forms()
    for i, tok in enumerate(toks):
        if tok.kind != "word" or not tok.norm.endswith(("ين", "ان")):
            continue
        if not any(v in duals for v in clitic_variants(tok.norm)):
            continue
        m = unit_at(toks, i)
        if m is None or m.payload.count != 2 or m.length != 1:
            continue
        if any(s < tok.end and tok.start < e for s, e in covered):
            continue  # overlaps a quantity of the parser (وطائرتين vs طائرتين)
        if tok.norm.startswith(_DEFINITE_PREFIXES):
            continue  # الطائرتين: a reference, not a count
        if i > 0 and toks[i - 1].kind == "num":
            continue
        sent = doc.sentence_of(tok.start)
        lo, hi = doc.token_range(sent)
        q = Quantity(tok.start, tok.end, tok.text, 2, 2, 2, "exact", "cardinal", tok_first=i, tok_after=i,
                     num_start=tok.start)
        e = m.payload
        unit = _Unit(e.unit, tok.text, e.category, e.event, i + 1, True)
        event, category = _find_event(doc, q, unit, lo, hi)
        if event is None:
            continue
        rows.append(_claim_row(doc, q, unit, event, category, "exact", 2, 2, tok.end))
    return rows


def _link_repeats(rows: list[dict[str, Any]]) -> None:
    """Fill duplicate_of / conflicts_with / note in place (rows in text order)."""
    for i, r in enumerate(rows):
        r.setdefault("duplicate_of", None)
        r.setdefault("conflicts_with", None)
        r.setdefault("note", None)
        if r["qualifier"] == "vague" or r["unit"] is None:
            continue
        for p in reversed(rows[:i]):
            if p["qualifier"] == "vague" or p["unit"] != r["unit"] or p["event"] != r["event"]:
                continue
            if p["rate"] != r["rate"]:
                continue
            if p["source"] and r["source"] and p["source"] != r["source"]:
                same_source = False
            else:
                same_source = True
            same_value = (p["qualifier"], p["value_low"], p["value_high"]) == (r["qualifier"], r["value_low"], r["value_high"])
            if same_value and same_source:
                r["duplicate_of"] = p["duplicate_of"] or p["claim_id"]
                r["note"] = f"restates {r['duplicate_of']}"
                break
            a = p["value_low"] if p["value_low"] is not None else p["value_high"]
            b = r["value_low"] if r["value_low"] is not None else r["value_high"]
            if a is None or b is None or max(a, b) == 0:
                continue
            if abs(a - b) / max(abs(a), abs(b)) <= _CONFLICT_TOLERANCE:
                if same_value:
                    continue  # the same figure from two different sources: corroboration, not conflict
                r["conflicts_with"] = p["claim_id"]
                who = "same source" if same_source else f"{p['source'] or '?'} vs {r['source'] or '?'}"
                r["note"] = (f"«{p['quantity_text']}» ({p['qualifier']}) vs «{r['quantity_text']}» "
                             f"({r['qualifier']}); {who}")
                break


def _check_text(text: Any, what: object) -> str:
    if not isinstance(text, str):
        raise ClaimsInputError(what, f"text must be str, got {type(text).__name__}")
    return text


def _candidates(text: str, reference_date: Any, given: dict[str, Any] | None = None
                ) -> tuple[_Doc | None, list[tuple[Quantity, dict | None, str]]]:
    """Every quantity with its claim row (or None) and the decision; ``(None, [])`` without numbers.

    The number parser runs once on the whole text; an article without any number costs
    nothing more. Tokens and sentences are computed only when there is a number, and the
    entity, quotation, time and attribution layers only for articles (time expressions:
    sentences) where a quantity reaches them.
    """
    mentions = find_numbers(text)
    if not mentions:
        return None, []
    doc = _prepare(text, reference_date, given, max(int(m.end) for m in mentions))
    results = []
    for q in find_quantities(text, doc.tokens, mentions):
        if q.tok_first < 0 or q.tok_first >= len(doc.tokens):
            continue
        row, reason = _analyse(doc, q)
        results.append((q, row, reason))
    return doc, results


def extract_claims(text: str, doc_id: str | None = None, reference_date: str | _dt.date | None = None, *,
                   entities: pd.DataFrame | None = None, quotes: pd.DataFrame | None = None,
                   time_expressions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every quantitative claim of ``text`` as one row (columns: :data:`COLUMNS`).

    Args:
        text: Article text (logical-order Unicode). Offsets in the table index this string.
        doc_id: Identifier copied into the ``doc_id`` column and used in ``claim_id``.
        reference_date: Publication date, passed to the time-expression layer to resolve
            relative dates (optional).
        entities, quotes, time_expressions: Tables of ``find_entities``, ``find_quotes`` and
            ``find_time_expressions`` already computed for ``text`` (corpus runs pass them to
            avoid computing them twice); computed here when omitted.

    Returns:
        DataFrame, one row per mention, sorted by ``start``. ``value_low``/``value_high`` are
        nullable floats (empty for open bounds and vague quantities); ``duplicate_of`` and
        ``conflicts_with`` hold ``claim_id`` values of earlier rows.

    Raises:
        ClaimsInputError: ``text`` is not a string.

    Example:
        >>> df = extract_claims("أعلنت الوزارة أن أكثر من 200 مسلح قتلوا.", doc_id="d1")
        >>> df.loc[0, ["claim_id", "quantity_text", "qualifier"]].tolist()
        ['d1-c001', 'أكثر من 200', 'more_than']
    """
    _check_text(text, doc_id or "text")
    given = {k: v for k, v in (("entities", entities), ("quotes", quotes), ("time_expressions", time_expressions))
             if v is not None}
    return _to_frame(_claim_rows(text, doc_id, reference_date, given or None))


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
        r.pop("_carried", None)
        r.pop("_tok", None)
        if prev is None:
            continue
        same_sentence = prev["sentence_index"] == r["sentence_index"]
        noun = normalize_for_matching(r["unit_ar"] or "")
        noun_variants = clitic_variants(noun) if noun else ()
        if same_sentence and prev["unit"] in people and prev["unit"] not in rules["subgroup_units"] \
                and any(v in rules["anaphoric_nouns"] for v in noun_variants):
            r["unit"] = prev["unit"]
        partitive = noun in _PARTITIVE
        weak = r["event"] is None or r["category"] == "other"
        if not prev["event"] or not weak:
            continue
        if (among and same_sentence) or (partitive and prev["sentence_index"] >= r["sentence_index"] - 1) \
                or (same_sentence and r["unit"] in people and prev["unit"] in people and r["event"] is None):
            r["event"], r["category"] = prev["event"], prev["category"]


def claim_records(text: str, doc_id: str | None = None, reference_date: str | _dt.date | None = None, *,
                  entities: pd.DataFrame | None = None, quotes: pd.DataFrame | None = None,
                  time_expressions: pd.DataFrame | None = None) -> list[dict[str, Any]]:
    """The rows of :func:`extract_claims` as plain dicts (keys: :data:`COLUMNS`), without a DataFrame.

    For corpus pipelines that store rows: building a DataFrame per article costs about as much
    as finding the claims of a short article. Empty bounds are ``None``.

    Example:
        >>> [r["quantity_text"] for r in claim_records("قتل 12 مدنياً في غارة.")]
        ['12']
    """
    _check_text(text, doc_id or "text")
    given = {k: v for k, v in (("entities", entities), ("quotes", quotes), ("time_expressions", time_expressions))
             if v is not None}
    rows = _claim_rows(text, doc_id, reference_date, given or None)
    return [{col: r.get(col) for col in COLUMNS} for r in rows]


def _claim_rows(text: str, doc_id: str | None, reference_date: Any,
                given: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The rows of :func:`extract_claims` as dicts (text already checked)."""
    doc, results = _candidates(text, reference_date, given)
    if doc is None:
        return []
    rows = [row for _, row, _ in results if row is not None]
    rows += _dual_claims(doc, [(q.start, q.end) for q, _, _ in results])
    rows.sort(key=lambda r: (r["start"], -r["end"]))
    rows = _drop_overlaps(rows)
    # carried-over sources: a subjectless cue takes the last source named before
    last_source: tuple[str, str] = ("", "")
    by_sentence: dict[int, list[dict]] = {}
    for r in rows:
        by_sentence.setdefault(r["sentence_index"], []).append(r)
    for s_idx, atts in enumerate(doc.attributions if rows else []):
        for r in by_sentence.get(s_idx, []):
            if r.pop("_carried") and not r["source"]:
                r["source"], r["source_en"] = last_source
            r.pop("_tok", None)
        named = [a for a in atts if not a.carried and a.source]
        if named:
            last_source = (named[-1].source, named[-1].source_en)
    _inherit_from_previous(rows)
    if any(r["source"] and not r["source_en"] for r in rows):
        english = {e.canonical: e.name_en for e in doc.entities if e.name_en}
        for r in rows:
            if r["source"] and not r["source_en"]:
                r["source_en"] = english.get(r["source"], "")
    prefix = f"{doc_id}-" if doc_id else ""
    for n, r in enumerate(rows, start=1):
        r["doc_id"] = doc_id
        r["claim_id"] = f"{prefix}c{n:03d}"
    _link_repeats(rows)
    return rows


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


def explain_quantities(text: str, reference_date: str | _dt.date | None = None) -> pd.DataFrame:
    """Every quantity the parser found with the decision taken: ``claim`` or the reason it is not one.

    Useful to audit precision (why ``2254`` in ``القرار 2254`` is not a claim) and to grow the lexicons.
    Columns: ``start, end, quantity_text, qualifier, decision``.
    """
    _check_text(text, "text")
    _, results = _candidates(text, reference_date)
    return pd.DataFrame(
        [{"start": q.start, "end": q.end, "quantity_text": q.text, "qualifier": q.qualifier, "decision": reason}
         for q, _, reason in results],
        columns=["start", "end", "quantity_text", "qualifier", "decision"],
    )


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
    raise ClaimsInputError(f"item {position}", f"expected an Article, a (doc_id, text) pair or a mapping, got {type(item).__name__}")


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
        rows.extend(_claim_rows(text, doc_id, published))
    return _to_frame(rows)


__all__ = ["COLUMNS", "ClaimsInputError", "claim_records", "claims_table", "explain_quantities", "extract_claims",
           "unit_table"]


register_layer("claims", lambda doc: _claim_rows(doc.text, doc.doc_id, doc.reference_date), provider=__name__)
