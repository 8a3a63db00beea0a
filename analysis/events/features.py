"""What the linker reads from each claim: figure type, dates, recall and background cues, places, kinds, words.

Everything comes from the columns of a claims table (:data:`analysis.schemas.CLAIMS`
plus ``outlet`` and ``published`` of a corpus run) — the claim's sentence, offsets,
category, event, unit and ``time_text`` — so the linker works on any claims
table, whatever extractor produced it. Each distinct sentence is read once:
gazetteer places (:func:`analysis.entities.load_gazetteer`), lemma keys
(:func:`analysis.text.tokens.iter_word_keys`), event kinds
(``lexicons/events/kinds.csv``) and cues (``lexicons/events/cues.yaml``); each
distinct ``(time_text, published)`` is resolved once by :mod:`analysis.timex`.

Example:
    >>> import pandas as pd
    >>> claims = pd.DataFrame({"doc_id": ["a"], "published": ["2018-03-13"], "start": [60], "end": [62],
    ...     "quantity_text": ["14"], "sentence": ["وكان التنظيم قد تبنى الشهر الماضي هجوما في عدن قتل فيه 14 شخصا."],
    ...     "category": ["casualties"], "event": ["killed"], "unit": ["people"], "time_text": ["الشهر الماضي"]})
    >>> f = claim_features(claims)[0]
    >>> f.figure, f.recalled, f.places[0].name, (f.time_lo, f.time_hi)
    ('killed', True, 'عدن', ('2018-02-01', '2018-02-28'))
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd

from analysis.entities import load_gazetteer
from analysis.errors import AnalysisError
from analysis.events.lexicon import cues, figure_of, kinds_in
from analysis.text.lemmas import lemma_key
from analysis.text.normalize import match_form
from analysis.text.stopwords import stopword_keys
from analysis.text.tokens import iter_word_keys
from analysis.timex import time_expressions

#: Place subtypes of the gazetteer that name a place below a region: a city, a town, a camp …
SPECIFIC_SUBTYPES = frozenset({"city", "town", "village", "district", "neighbourhood", "camp", "border_crossing",
                               "military_base", "landmark", "island"})
#: ... of them, those that lie inside a town: near a town, they may be the same place.
WITHIN_TOWN_SUBTYPES = frozenset({"district", "neighbourhood", "camp", "military_base", "landmark"})
#: ... a region, governorate or province (a place that contains specific places).
REGION_SUBTYPES = frozenset({"governorate", "province", "region", "sea", "river", "lake", "strait", "waterway"})
#: Stopword classes left out of the words compared between units.
TEXT_STOPWORD_CLASSES = ("reporting_verbs", "time_words", "news_fillers")

_EPOCH = dt.date(1970, 1, 1)
_DURATION_RE = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")
_SINCE_RE = re.compile(r"(?<!\w)منذ(?!\w)")


class EventsInputError(AnalysisError):
    """A claims table given to the events layer lacks a needed column or is not a DataFrame."""


#: Columns :func:`claim_features` needs.
REQUIRED_COLUMNS = ("doc_id", "published", "sentence", "start", "category")


@dataclass(frozen=True)
class Place:
    """A place named near a claim (a gazetteer place, or an unknown name after مدينة/بلدة …)."""

    key: str  # gazetteer id, or "~" + the name in matching form
    name: str  # canonical Arabic name (as written for unknown names)
    level: int  # 2 specific (city, town …), 1 region/governorate, 0 country
    country: str  # ISO alpha-2, "" when unknown
    lat: float | None
    lon: float | None
    start: int  # offset in the sentence
    subtype: str = ""  # the gazetteer's type (city, town, neighbourhood …)

    @property
    def within_town(self) -> bool:
        """A neighbourhood, camp, base or landmark: part of a town rather than a town."""
        return self.subtype in WITHIN_TOWN_SUBTYPES

    def near(self, other: "Place", km: float) -> bool:
        """The same place, or one inside a town and within ``km`` of the other."""
        if self.key == other.key:
            return True
        if not (self.within_town or other.within_town):
            return False
        d = self.km_to(other)
        return d is not None and d <= km

    def km_to(self, other: "Place") -> float | None:
        """Great-circle distance in km, None without coordinates."""
        if self.lat is None or self.lon is None or other.lat is None or other.lon is None:
            return None
        p1, p2 = math.radians(self.lat), math.radians(other.lat)
        dp, dl = p2 - p1, math.radians(other.lon - self.lon)
        a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class SentenceInfo:
    """What one sentence tells the linker (computed once per distinct sentence)."""

    places: tuple[Place, ...]  # non-adjective places, in order
    adjective_countries: tuple[str, ...]  # countries named by an adjective only (الجيش اليمني)
    keys: tuple[str, ...]  # lemma keys of the content words
    kinds: frozenset[str]
    clause_kinds: tuple[frozenset[str], ...]  # kinds named in each clause
    recall_cue: bool
    background_cue: bool
    update_cue: bool
    clauses: tuple[int, ...]  # clause boundaries (offsets)


@dataclass
class ClaimFeatures:
    """The linker's view of one claim (one row of the claims table)."""

    row: int
    doc_id: str
    day: int | None  # publication day (days since 1970-01-01)
    figure: str | None  # killed, injured … (lexicons/events/figures.csv); None: not a figure of an event
    background: bool  # running total or background statistic
    recalled: bool  # recalls an earlier event (cue or a date well before publication)
    time_lo: str | None  # the claim's time expression resolved (ISO dates), when it is one day to a month
    time_hi: str | None
    places: tuple[Place, ...] = ()  # places of the claim's clause first, then the rest of the sentence
    sentence_key: int = -1  # index of the distinct sentence
    value: float | None = None  # the figure when exact (value_low == value_high)
    kinds: frozenset[str] = frozenset()  # kinds named in the claim's clause (else in its sentence)

    @property
    def eligible(self) -> bool:
        """A figure of an event with a publication date: the claim takes part in linking."""
        return self.figure is not None and not self.background and self.day is not None


def day_number(value: Any) -> int | None:
    """``YYYY-MM-DD…`` → days since 1970-01-01 (None when not a date).

    Example:
        >>> day_number("1970-01-11"), day_number("soon")
        (10, None)
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    s = str(value)[:10]
    try:
        return (dt.date.fromisoformat(s) - _EPOCH).days
    except ValueError:
        return None


def day_iso(day: int) -> str:
    """Days since 1970-01-01 → ``YYYY-MM-DD``."""
    return (_EPOCH + dt.timedelta(days=int(day))).isoformat()


def interval_of(value: str | None) -> tuple[int, int] | None:
    """A resolved time value (:mod:`analysis.timex`) → first and last day, for a day, week, month or span.

    Example:
        >>> [day_iso(d) for d in interval_of("2018-W13")]
        ['2018-03-26', '2018-04-01']
        >>> interval_of("2014") is None
        True
    """
    if not value:
        return None
    if "/" in value:
        parts = [interval_of(p) for p in value.split("/", 1)]
        if parts[0] is None or parts[1] is None:
            return None
        return parts[0][0], parts[1][1]
    try:
        if len(value) == 10:
            d = day_number(value)
            return None if d is None else (d, d)
        if len(value) == 8 and value[4:6] == "-W":
            monday = dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
            first = (monday - _EPOCH).days
            return first, first + 6
        if len(value) == 7 and value[4] == "-":
            year, month = int(value[:4]), int(value[5:7])
            first_day = dt.date(year, month, 1)
            nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
            return (first_day - _EPOCH).days, (nxt - _EPOCH).days - 1
    except ValueError:
        return None
    return None


def _duration_days(value: str | None) -> int | None:
    m = _DURATION_RE.match(value or "")
    if not m or not any(m.groups()):
        return None
    y, mo, w, d = (int(g) if g else 0 for g in m.groups())
    return 365 * y + 30 * mo + 7 * w + d


@lru_cache(maxsize=1)
def _text_stopwords() -> frozenset[str]:
    return stopword_keys(classes=TEXT_STOPWORD_CLASSES)


@lru_cache(maxsize=1)
def _gazetteer_place_keys() -> frozenset[str]:
    """Matching forms of every gazetteer place name (an unknown-name cue never re-adds a known place)."""
    return frozenset(match_form(e.canonical) for e in load_gazetteer().entries if e.type == "PLACE")


def _level(subtype: str) -> int:
    if subtype == "country":
        return 0
    if subtype in REGION_SUBTYPES:
        return 1
    return 2


def _strip_article(form: str) -> str:
    return form[2:] if form.startswith("ال") and len(form) > 4 else form


@lru_cache(maxsize=1)
def _cue_place_re() -> re.Pattern[str]:
    """A place word (مدينة, بلدة …, maybe with و/ف/ب/ل and the article) and the word after it, in matching form."""
    words = "|".join(re.escape(w) for w in sorted(cues().place_cues, key=len, reverse=True))
    return re.compile(rf"(?<!\w)[وفبل]?(?:{words})[\s\"'«»]+(\w+)(?:\s+(\w+))?")


def _name_like(word: str, c: Any) -> bool:
    """Whether the word after a place cue may be a name: not a function word, adjective, number or cue."""
    bare = _strip_article(word)
    if len(word) < 2 or any(ch.isdigit() for ch in word) or word in c.place_cue_stop:
        return False
    if word[0] == "و" and word not in c.place_name_prefixes:
        return False  # وقنابل: a conjunction, not a name
    if bare in c.place_cues or bare.endswith(("يه", "يين", "يون")) or (word.startswith("ال") and word.endswith("ي")):
        return False  # another cue, or a nisba adjective (القديمة، المحلية، السعودي)
    return lemma_key(word) not in _text_stopwords()


def _cue_places(form: str) -> list[Place]:
    """Names the gazetteer does not know, after a place word: ``بلدة جرمانا`` → ``~جرمانا``.

    ``form`` is the sentence in matching form; offsets are those of the matching form (close
    to the original's: only diacritics and tatweel are removed).
    """
    c = cues()
    known = _gazetteer_place_keys()
    out = []
    for m in _cue_place_re().finditer(form):
        name = m.group(1)
        if not _name_like(name, c):
            continue
        if name in c.place_name_prefixes and m.group(2):
            name = f"{name} {m.group(2)}"  # كفر بطيخ
        key = _strip_article(name)
        if key in known or name in known:
            continue
        level = 1 if _strip_article(_word_before(form, m.start(1))) in c.region_cues else 2
        out.append(Place("~" + key, name, level, "", None, None, m.start(1)))
    return out


def _dateline_end(sentence: str) -> int:
    """Where a dateline (``دبي، الإمارات العربية المتحدة (CNN)--``) ends, 0 without one."""
    c = cues()
    head = sentence[: c.dateline_max_chars + 20]
    ends = [head.find(m) + len(m) for m in c.dateline_markers if 0 <= head.find(m) <= c.dateline_max_chars]
    return max(ends, default=0)


def _word_before(sentence: str, start: int) -> str:
    """The word before ``start`` in matching form, clitics و/ف/ب/ل and the article left out."""
    m = re.search(r"(\w+)\W*$", sentence[:start])
    if not m:
        return ""
    form = match_form(m.group(1))
    if form[:1] in "وفبل" and len(form) > 3:
        form = form[1:]
    return form[2:] if form.startswith("ال") else form


def sentence_info(sentence: str) -> SentenceInfo:
    """Places, lemma keys, kinds and cues of one sentence."""
    c = cues()
    places: list[Place] = []
    adjective_countries: list[str] = []
    skip = _dateline_end(sentence)
    for m in load_gazetteer().match(sentence):
        if m.type != "PLACE" or m.start < skip:
            continue
        if m.form == "adjective":
            if m.country:
                adjective_countries.append(m.country)
            continue
        level = _level(m.subtype)
        if level == 2 and _word_before(sentence, m.start) in c.region_cues:
            level = 1  # ريف إدلب, محافظة حمص: the province, not the town
        places.append(Place(m.entity_id, m.canonical, level, m.country or "", m.lat, m.lon, m.start, m.subtype))
    form = match_form(sentence)
    places.extend(p for p in _cue_places(form) if p.start >= skip)
    places.sort(key=lambda p: p.start)
    stop = _text_stopwords()
    all_keys = iter_word_keys(sentence)
    keys = tuple(k for k in all_keys if len(k) > 1 and k not in stop)
    recall = bool(c.recall.search(form)) or _pluperfect(form)
    clauses = tuple(m.start() for m in c.clause_boundary.finditer(sentence))
    kinds = frozenset(kinds_in(all_keys))
    if kinds and clauses:
        bounds = (0, *clauses, len(sentence))
        clause_kinds = tuple(frozenset(kinds_in(iter_word_keys(sentence[a:b]))) for a, b in zip(bounds, bounds[1:]))
    else:
        clause_kinds = (kinds,) * (len(clauses) + 1)
    return SentenceInfo(tuple(places), tuple(adjective_countries), keys, kinds, clause_kinds, recall,
                        bool(c.background.search(form)), bool(c.update.search(form)), clauses)


def _pluperfect(form: str) -> bool:
    """``وكان التنظيم قد …``: a sentence opening with كان and قد shortly after."""
    c = cues()
    words = form.split()
    if not words or words[0] not in c.pluperfect_starts:
        return False
    return c.pluperfect_particle in words[1:1 + c.pluperfect_window]


def _since(sentence: str, time_text: str) -> bool:
    """``منذ`` before the time expression in the sentence (``منذ 30 مارس``, ``منذ بدأ الهجوم في 18 فبراير``)."""
    at = sentence.find(time_text)
    return at > 0 and bool(_SINCE_RE.search(match_form(sentence[:at])))


def _clause_of(pos: int, bounds: Sequence[int]) -> int:
    return sum(1 for b in bounds if b < pos)


def _ordered_places(info: SentenceInfo, pos: int | None) -> tuple[Place, ...]:
    """The sentence's places, nearest to the claim first: by clauses between them, then by characters."""
    if pos is None or not info.places:
        return info.places
    clause = _clause_of(pos, info.clauses)
    return tuple(sorted(info.places, key=lambda p: (abs(_clause_of(p.start, info.clauses) - clause),
                                                    abs(p.start - pos))))


def _claim_kinds(info: SentenceInfo, pos: int | None) -> frozenset[str]:
    """The kinds of the claim's clause, else of the nearest clause naming one, else none."""
    if pos is None or not info.kinds:
        return info.kinds
    here = _clause_of(pos, info.clauses)
    order = sorted(range(len(info.clause_kinds)), key=lambda k: abs(k - here))
    return next((info.clause_kinds[k] for k in order if info.clause_kinds[k]), frozenset())


@lru_cache(maxsize=65536)
def _resolve_time(time_text: str, published: str) -> tuple[str | None, str | None]:
    """(value, duration) of the first time expression of ``time_text`` resolved at ``published``."""
    try:
        found = time_expressions(time_text, published)
    except AnalysisError:
        return None, None
    if not found:
        return None, None
    return found[0].value or None, found[0].duration or None


def cell_text(value: Any) -> str:
    """A table cell as text: ``""`` for a missing value (None, NA, NaN)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def cell_number(value: Any) -> float | None:
    """A table cell as a float, or None when it is missing or not a number."""
    if value is None or value is pd.NA:
        return None
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


def check_claims(claims: Any) -> None:
    """Raise :class:`EventsInputError` unless ``claims`` is a DataFrame with the needed columns."""
    if not isinstance(claims, pd.DataFrame):
        raise EventsInputError(f"expected a claims DataFrame, got {type(claims).__name__}")
    missing = [c for c in REQUIRED_COLUMNS if c not in claims.columns]
    if missing:
        raise EventsInputError(f"claims table lacks column(s) {', '.join(missing)} "
                               "(a claims table of `python -m analysis run` has them)")


@dataclass
class Features:
    """Claim features and the distinct sentences they point to."""

    claims: list[ClaimFeatures]
    sentences: list[SentenceInfo] = field(default_factory=list)

    def __getitem__(self, i: int) -> ClaimFeatures:
        return self.claims[i]

    def __len__(self) -> int:
        return len(self.claims)


def claim_features(claims: pd.DataFrame) -> Features:
    """The features of every claim, in row order (see the module docstring).

    Raises:
        EventsInputError: ``claims`` is not a DataFrame or lacks a needed column.
    """
    check_claims(claims)
    c = cues()
    n = len(claims)

    def column(name: str) -> list[Any]:
        return claims[name].tolist() if name in claims.columns else [None] * n

    doc_ids, published = column("doc_id"), column("published")
    sentences, starts, qtexts = column("sentence"), column("start"), column("quantity_text")
    categories, events, units = column("category"), column("event"), column("unit")
    time_texts, sent_index = column("time_text"), column("sentence_index")
    lows, highs = column("value_low"), column("value_high")

    sentence_ids: dict[str, int] = {}
    infos: list[SentenceInfo] = []
    # where each sentence starts in its document: the smallest (claim start - position of its quantity text)
    sentence_start: dict[tuple[str, str], int] = {}
    for i in range(n):
        s = cell_text(sentences[i])
        if s not in sentence_ids:
            sentence_ids[s] = len(infos)
            infos.append(sentence_info(s))
        qt, st = cell_text(qtexts[i]), cell_number(starts[i])
        if qt and st is not None:
            pos = s.find(qt)
            if pos >= 0:
                key = (cell_text(doc_ids[i]), cell_text(sent_index[i]) or s)
                sentence_start[key] = min(sentence_start.get(key, 10**12), int(st) - pos)

    out: list[ClaimFeatures] = []
    for i in range(n):
        s = cell_text(sentences[i])
        info = infos[sentence_ids[s]]
        doc = cell_text(doc_ids[i])
        pub = cell_text(published[i])
        day = day_number(pub)
        figure = figure_of(cell_text(categories[i]) or None, cell_text(events[i]) or None, cell_text(units[i]) or None)
        st = cell_number(starts[i])
        s0 = sentence_start.get((doc, cell_text(sent_index[i]) or s))
        pos = int(st) - s0 if st is not None and s0 is not None else None
        background = info.background_cue
        recalled = info.recall_cue
        lo_iso = hi_iso = None
        time_text = cell_text(time_texts[i])
        if time_text and day is not None:
            value, duration = _resolve_time(time_text, pub[:10])
            span = interval_of(value)
            days = _duration_days(duration)
            if days is not None and days >= c.background_min_duration_days and not match_form(time_text).startswith(
                    ("قبل", "بعد")):
                background = True
            if match_form(time_text).startswith("بعد") and days is not None and days < c.background_min_duration_days:
                # بعد ثلاثة أيام من مقتل …: the recalled event happened that long before
                span = (day - days, day - days)
                recalled = True
            if span is not None and span[0] <= day - c.running_total_min_days and _since(s, time_text):
                background = True  # منذ 30 مارس: a running total over weeks, not one event's figure
            if span is None and value and len(value) == 4 and value.isdigit() and int(value) < int(pub[:4]) \
                    and not _SINCE_RE.search(match_form(s)):
                recalled = True  # وفي عام 2002 قتل 373 …: an event of another year (not "the worst since 2014")
                lo_iso = hi_iso = f"{value}-01-01"
                hi_iso = f"{value}-12-31"
            if span is not None and span[1] - span[0] <= 31 and span[0] <= day:
                lo_iso, hi_iso = day_iso(span[0]), day_iso(min(span[1], day))
                if span[1] <= day - c.recall_min_days:
                    recalled = True
        low, high = cell_number(lows[i]), cell_number(highs[i])
        out.append(ClaimFeatures(
            row=i, doc_id=doc, day=day, figure=figure, background=background, recalled=recalled,
            time_lo=lo_iso, time_hi=hi_iso, places=_ordered_places(info, pos), sentence_key=sentence_ids[s],
            kinds=_claim_kinds(info, pos),
            value=low if low is not None and (high is None or high == low) else None,
        ))
    return Features(out, infos)
