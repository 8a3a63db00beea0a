"""Time expressions: dates, relative dates, durations and frequencies, resolved to ISO 8601.

Patterns run over the matching form of the text (no diacritics, ``أ`` → ``ا``,
``ة`` → ``ه``, ``ى`` → ``ي``); offsets point into the original. Calendar words
(Levantine, Egyptian/Gulf and Maghrebi month names, weekdays, ordinals,
units, frequency adverbs) are data: ``analysis/lexicons/timex/calendar.yaml``.

Kinds and values (``value`` needs a ``reference_date`` whenever the expression
is relative; without one it is ``None``):

================  ======================================  ==========================
kind              examples                                value (reference 2017-09-05)
================  ======================================  ==========================
``date``          ``30 أيلول (سبتمبر) 2015``, ``عام 2011``   ``2015-09-30``, ``2011``
``relative_date`` ``أمس``, ``الشهر المقبل``,                 ``2017-09-04``, ``2017-10``,
                  ``التاسع من الشهر المقبل``,               ``2017-10-09``,
                  ``أيار (مايو) الماضي``,                   ``2017-05``,
                  ``قبل نهاية الشهر``, ``قريباً``              ``2017-09-05/2017-09-30``, ``FUTURE_REF``
``duration``      ``خلال الشهر الأخير``, ``لمدة ثلاثة أيام``   ``2017-08-05/2017-09-05``, ``P3D``
``frequency``     ``يومياً``, ``كل أسبوع``                   ``R/P1D``, ``R/P1W``
================  ======================================  ==========================

The ``duration`` column always holds the ISO duration of durations and
frequencies (``P1M``, ``PT24H``; ``PXD`` when the count is unknown, as in ``منذ سنوات``).

Example:
    >>> from datetime import date
    >>> df = find_time_expressions("التقيا أمس وسيلتقيان في التاسع من الشهر المقبل", date(2017, 9, 5))
    >>> df[["text", "kind", "value"]].values.tolist()
    [['أمس', 'relative_date', '2017-09-04'], ['التاسع من الشهر المقبل', 'relative_date', '2017-10-09']]
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from analysis.errors import AnalysisError, LexiconError
from analysis.lexicons import lexicon_path, load_yaml
from analysis.schemas import TIME_EXPRESSIONS
from analysis.text.document import Document, register_layer
from analysis.text.names import gazetteer_entries
from analysis.text.normalize import MatchingText, match_form, matching_text
from analysis.text.tokens import tokenize

if TYPE_CHECKING:
    import pandas as pd

#: Columns of :func:`find_time_expressions` (:data:`analysis.schemas.TIME_EXPRESSIONS`).
TIMEX_COLUMNS: tuple[str, ...] = TIME_EXPRESSIONS.columns
KINDS: tuple[str, ...] = ("date", "relative_date", "duration", "frequency")


class TimexInputError(AnalysisError, TypeError):
    """Bad input to the time-expression finder (text not a string, unusable reference date)."""


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression; ``text == original[start:end]``."""

    start: int
    end: int
    text: str
    kind: str
    value: str | None
    duration: str | None = None

    def as_row(self) -> dict[str, Any]:
        """The expression as a plain dict."""
        return {name: getattr(self, name) for name in self.__slots__}


# ---------------------------------------------------------------------------- lexicon


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _need(data: Any, key: str, kind: type) -> Any:
    """``data[key]`` of calendar.yaml when it is a ``kind`` (list or dict), else a LexiconError naming the file."""
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, kind) or not value:
        raise LexiconError(f"{lexicon_path('timex/calendar.yaml')}: '{key}' must be a non-empty {kind.__name__}")
    return value


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, Any]:
    data = load_yaml("timex/calendar.yaml")
    month_of: dict[str, int] = {}
    for num, groups in data["months"].items():
        for names in groups.values():
            for n in names or []:
                month_of[match_form(n)] = int(num)
    for num, names in cldr_months().items():  # CLDR spellings the hand calendar lacks (يوليوز، غشت، دجنبر)
        for n in names:
            month_of.setdefault(match_form(n), num)
    weekday_of = {match_form(n): int(k) for k, names in data["weekdays"].items() for n in names}
    for num, names in cldr_weekdays().items():
        for n in names:
            weekday_of.setdefault(match_form(n), num)
    ordinal_of = {match_form(n): int(k) for k, names in data["ordinals"].items() for n in names}
    number_of = {match_form(n): int(k) for k, names in data["numbers"].items() for n in names}
    unit_of: dict[str, tuple[str, str]] = {}  # form -> (unit, number class)
    units: dict[str, dict[str, Any]] = {}
    for unit, spec in data["units"].items():
        units[unit] = spec
        for cls in ("singular", "plural", "dual"):
            for f in spec.get(cls) or []:
                unit_of[match_form(f)] = (unit, cls)
    freq_of = {match_form(w): period for period, words in data["frequencies"].items() for w in words}
    mod_of = {match_form(w): d for d, words in data["modifiers"].items() for w in words}
    for d, words in _need(data, "dual_modifiers", dict).items():
        for w in words:
            mod_of.setdefault(match_form(w), d)
    vague_of = {match_form(w): v for v, words in data["vague"].items() for w in words}
    return {
        "month_of": month_of, "weekday_of": weekday_of, "ordinal_of": ordinal_of, "number_of": number_of,
        "unit_of": unit_of, "units": units, "freq_of": freq_of, "mod_of": mod_of, "vague_of": vague_of,
        "seasons": [match_form(w) for w in data.get("seasons") or ()],
        "future": frozenset(match_form(w) for w in data.get("future_words") or ()),
        "age": frozenset(match_form(w) for w in data.get("age_words") or ()),
        "relative_days": {match_form(w): int(offset) for w, offset in _need(data, "relative_days", dict).items()},
        "period_units": {match_form(w): str(unit) for w, unit in _need(data, "period_units", dict).items()},
        "duration_anchors": [match_form(w) for w in _need(data, "duration_anchors", list)],
        "signals": frozenset(match_form(w) for w in _need(data, "signals", list)),
        "day_parts": [match_form(w) for w in _need(data, "day_parts", list)],
        "glued_year_nouns": [match_form(w) for w in _need(data, "glued_year_nouns", list)],
    }


#: Arabic locales of CLDR whose month names differ (Levantine, Maghrebi, Moroccan, Mauritanian spellings).
_CLDR_LOCALES = ("ar", "ar_SY", "ar_LB", "ar_IQ", "ar_JO", "ar_PS", "ar_DZ", "ar_TN", "ar_MA", "ar_MR", "ar_LY",
                 "ar_EG", "ar_SA")


@lru_cache(maxsize=1)
def cldr_months() -> dict[int, tuple[str, ...]]:
    """Month names of the Arabic locales of CLDR (Babel), by month number.

    Example:
        >>> "دجنبر" in cldr_months()[12] and "كانون الأول" in cldr_months()[12]
        True
    """
    from babel import Locale

    out: dict[int, set[str]] = {}
    for loc in _CLDR_LOCALES:
        months = Locale.parse(loc).months
        for context in ("format", "stand-alone"):
            for num, name in months[context]["wide"].items():
                out.setdefault(int(num), set()).add(name)
    return {k: tuple(sorted(v)) for k, v in out.items()}


@lru_cache(maxsize=1)
def cldr_weekdays() -> dict[int, tuple[str, ...]]:
    """Weekday names of CLDR's Arabic locale, by ISO weekday (1 = Monday)."""
    from babel import Locale

    out: dict[int, set[str]] = {}
    for context in ("format", "stand-alone"):
        for num, name in Locale("ar").days[context]["wide"].items():
            out.setdefault(int(num) + 1, set()).add(name)  # Babel counts from Monday = 0
    return {k: tuple(sorted(v)) for k, v in out.items()}


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    lx = _lexicon()
    month = _alt(list(lx["month_of"]))
    mod = _alt(list(lx["mod_of"]))
    ordinal = _alt(list(lx["ordinal_of"]))
    numw = _alt(list(lx["number_of"]))
    unit = _alt(list(lx["unit_of"]))
    weekday = _alt(list(lx["weekday_of"]))
    day_part = "|".join(re.escape(w) for w in lx["day_parts"])
    glued_year = "|".join(re.escape(w) for w in lx["glued_year_nouns"])
    rel_day = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in lx["relative_days"])
    period_unit = "|".join(re.escape(w) for w in lx["period_units"])
    day = rf"(?P<day>\d{{1,2}}|{ordinal})"
    year = r"(?P<year>(?:19|20)\d\d)"
    b, e = "", r"(?!\w)"  # starts are word starts chosen by the anchor scan
    # the patterns run over the matching form: literal words are written as it spells them (ى → ي, ة → ه)
    return [
        ("month_date", re.compile(
            rf"{b}(?P<ctx>(?:في|منذ|حتي|خلال|مطلع|اواخر|نهايه|بدايه|منتصف|اوائل|اواسط|شهر|قبل|بعد)\s+)?"
            rf"(?:{day}\s+(?:من\s+)?(?:شهر\s+)?)?(?:شهر\s+)?(?P<m1>{month})"
            rf"(?:\s*[(/]\s*(?P<m2>{month})\s*\)?|\s+(?P<m3>{month}))?"
            rf"(?:\s*[,،]?\s*(?:من\s+)?(?:(?:عام|العام|سنه)\s*)?{year}|\s+من\s+(?:العام|السنه)\s+(?P<ymod>{mod}))?"
            rf"(?:\s+(?P<mod>{mod}))?{e}")),
        ("day_of_month", re.compile(
            rf"{b}{day}\s+من\s+(?:هذا\s+)?(?:الشهر|شهرنا)(?:\s+(?P<mod>{mod}))?{e}")),
        ("relative_day", re.compile(
            rf"{b}(?:(?:{day_part})\s+)?(?P<rel>{rel_day}){e}")),
        ("weekday", re.compile(
            rf"{b}(?:(?:{day_part}|يوم)\s+)?(?P<wd>{weekday})(?:\s+(?P<mod>{mod}))?{e}")),
        ("period", re.compile(
            rf"{b}(?:(?P<before>قبل|بعد|حتي|منذ)\s+)?(?:(?P<edge>نهايه|اواخر|مطلع|بدايه|اوائل|منتصف|اواسط)\s+)?"
            rf"(?:(?P<this>هذا|هذه)\s+)?(?P<punit>{period_unit})(?:\s+(?P<mod>{mod}))?{e}")),
        ("duration", re.compile(
            rf"{b}(?:(?P<prep>خلال|منذ|لمده|طوال|طيله|علي\s+مدي|علي\s+مدار|في\s+غضون|قبل|بعد)\s+)?"
            rf"(?:(?P<num>\d+(?:[.,]\d+)?|ال\d+|{numw})\s+)?(?P<art>ال)?(?P<unit>{unit})"
            rf"(?:\s+ال(?P<num2>\d+))?(?:\s+و(?P<half>نصف))?(?:\s+(?P<mod>{mod}))?{e}")),
        ("frequency", re.compile(rf"{b}(?P<freq>{_alt(list(lx['freq_of']))}){e}")),
        ("year", re.compile(rf"{b}(?:(?:عام|العام|سنه|السنه|لعام|للعام|منذ|حتي|في|مطلع|بدايه|اواخر|نهايه|منتصف|"
                            rf"اوائل|اواسط)\s*){year}{e}")),
        ("year_range", re.compile(rf"{b}(?:بين\s+)?(?:(?:عامي|العامين|سنتي|عام|العام)\s+)?(?P<y1>(?:19|20)\d\d)"
                                  rf"\s*(?:و|-|الي|حتي)\s*(?:(?:عام|العام)\s+)?(?P<y2>(?:19|20)\d\d){e}")),
        ("bracket_year", re.compile(rf"(?<=\()\s*{year}\s*(?=\))")),
        ("glued_year", re.compile(rf"(?:{glued_year}){year}{e}")),
        ("season", re.compile(rf"{b}(?P<season>{_alt(lx['seasons'])})\s+(?:(?:عام|العام)\s+)?{year}{e}")),
        ("vague", re.compile(rf"{b}(?P<vague>{_alt(list(lx['vague_of']))}){e}")),
    ]


_TOKEN_RE = re.compile(r"\w+")
_TOKEN_SPLIT_RE = re.compile(r"(\w+)")


def _glued_year_core() -> str:
    """A year glued to its noun (عام2015), the nouns from ``glued_year_nouns`` of calendar.yaml."""
    return "(?:" + "|".join(re.escape(w) for w in _lexicon()["glued_year_nouns"]) + r")(?:19|20)\d\d"


@lru_cache(maxsize=1)
def _glued_year_re() -> re.Pattern[str]:
    """A whole word that is a year glued to its noun."""
    return re.compile("^" + _glued_year_core() + "$")


@lru_cache(maxsize=1)
def _glued_year_word_re() -> re.Pattern[str]:
    """The same, as whole words (runs of ``\\w``) of a text."""
    return re.compile(r"(?<!\w)" + _glued_year_core() + r"(?!\w)")


#: Between two parts of one compound expression (اليوم الاثنين، الخميس، 5 نيسان).
_COMPOUND_GAP_RE = re.compile(r"^[\s،,]*$")
#: Between two months sharing a year (نيسان وأيار من العام الماضي).
_SHARED_GAP_RE = re.compile(r"^\s*(?:و|،|,|او|-|/)?\s*$")
_CLITICS = frozenset("وفبل")


@lru_cache(maxsize=1)
def _future_hint_re() -> re.Pattern[str]:
    """A word that may carry the future prefix (سيزور، وستعقد) or a future word: the clause is tokenized then."""
    return re.compile(r"(?<!\w)(?:[وف]?س[يتنا]\w\w|" + _alt(list(_lexicon()["future"])) + ")")


@lru_cache(maxsize=1)
def _anchors() -> dict[str, tuple[tuple[str, int], ...]]:
    """Word (matching form) -> patterns it can anchor, with how many words before it a match may start."""
    lx = _lexicon()
    table: dict[str, list[tuple[str, int]]] = {}

    def add(word: str, name: str, back: int) -> None:
        table.setdefault(word, [])
        if (name, back) not in table[word]:
            table[word].append((name, back))

    for month in lx["month_of"]:
        add(month.split()[0], "month_date", 4)
    for w in ("الشهر", "شهرنا"):
        add(w, "day_of_month", 5)
    for w in lx["relative_days"]:
        add(w.split()[-1], "relative_day", 2)
    for wd in lx["weekday_of"]:
        add(wd, "weekday", 1)
    for w in lx["period_units"]:
        add(w, "period", 3)
    for form in lx["unit_of"]:
        add(form, "duration", 3)
        add("ال" + form, "duration", 3)
    for w in lx["duration_anchors"]:
        add(w, "duration", 3)
    for f in lx["freq_of"]:
        add(f.split()[0], "frequency", 0)
    for y in range(1900, 2100):
        add(str(y), "year", 1)
        add(str(y), "year_range", 2)
        add(str(y), "bracket_year", 0)
        add(str(y), "season", 2)
    for v in lx["vague_of"]:
        add(v.split()[0], "vague", 0)
    return {k: tuple(v) for k, v in table.items()}


# ---------------------------------------------------------------------------- date arithmetic


def _add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _shift(d: date, unit: str, n: float) -> date:
    n_int = int(round(n))
    if unit == "day":
        return d + timedelta(days=n_int)
    if unit == "week":
        return d + timedelta(weeks=n_int)
    if unit == "month":
        return _add_months(d, n_int)
    if unit == "year":
        return _add_months(d, 12 * n_int)
    if unit == "decade":
        return _add_months(d, 120 * n_int)
    raise ValueError(unit)


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _as_date(reference_date: Any) -> date | None:
    if reference_date is None:
        return None
    if isinstance(reference_date, datetime):
        return reference_date.date()
    if isinstance(reference_date, date):
        return reference_date
    if isinstance(reference_date, str):
        try:
            return date.fromisoformat(reference_date[:10])
        except ValueError:
            raise TimexInputError(f"reference_date {reference_date!r} is not an ISO date (YYYY-MM-DD)") from None
    if hasattr(reference_date, "date") and callable(reference_date.date):  # pandas Timestamp
        return reference_date.date()
    raise TimexInputError(f"reference_date must be a date or ISO string, got {type(reference_date).__name__}")


# ---------------------------------------------------------------------------- handlers

_Result = tuple[str, str | None, str | None] | None  # kind, value, duration


def _direction(mod: str | None) -> str | None:
    return _lexicon()["mod_of"].get(mod) if mod else None


def _day_number(s: str | None) -> int | None:
    if not s:
        return None
    if s.isdigit():
        return int(s)
    return _lexicon()["ordinal_of"].get(s)


def _h_month_date(m: re.Match[str], ref: date | None) -> _Result:
    lx = _lexicon()
    month = lx["month_of"][m.group("m1")]
    day = _day_number(m.group("day"))
    year = m.group("year")
    direction = _direction(m.group("mod"))
    doubled = m.group("m2") or m.group("m3")
    ymod = _direction(m.group("ymod"))
    if not (day or year or direction or doubled or m.group("ctx") or ymod):
        return None  # a bare month word (مارس "he practised", آب "father") needs context
    if day is not None and not 1 <= day <= 31:
        return None
    if year:
        y = int(year)
        kind = "date"
    elif ref is None:
        kind = "relative_date" if direction or ymod else "date"
        y = None
    elif ymod:  # أيار من العام الماضي
        kind = "relative_date"
        y = ref.year + {"past": -1, "future": 1}.get(ymod, 0)
    else:
        kind = "relative_date"
        y = ref.year
        if direction is None and day is not None and not _future_context(m.string, m.start()):
            # a day without a year and no tense: the nearest such day (السادس من أيار, six days ahead)
            near = min((abs((date(ref.year + k, month, min(day, calendar.monthrange(ref.year + k, month)[1]))
                              - ref).days), k) for k in (-1, 0, 1))
            y += near[1]
            direction = "current"
        if direction is None:  # no word says which: the clause's tense does
            direction = "future" if _future_context(m.string, m.start()) else "past"
            if direction == "past" and (month < ref.month or month == ref.month):
                direction = None  # this year's
            elif direction == "future" and (month > ref.month or month == ref.month):
                direction = None
        if direction == "past" and (month > ref.month or month == ref.month and (day is None or day > ref.day)):
            y -= 1
        elif direction == "future" and (month < ref.month or month == ref.month and (day is None or day <= ref.day)):
            y += 1
    if y is None:
        return kind, None, None
    if day is not None:
        try:
            return kind, date(y, month, day).isoformat(), None
        except ValueError:
            return None
    return kind, f"{y:04d}-{month:02d}", None


def _h_day_of_month(m: re.Match[str], ref: date | None) -> _Result:
    day = _day_number(m.group("day"))
    if day is None or not 1 <= day <= 31:
        return None
    if ref is None:
        return "relative_date", None, None
    direction = _direction(m.group("mod"))
    base = _add_months(ref.replace(day=1), {"past": -1, "future": 1}.get(direction or "", 0))
    try:
        return "relative_date", base.replace(day=day).isoformat(), None
    except ValueError:
        return None


def _h_relative_day(m: re.Match[str], ref: date | None) -> _Result:
    rel = re.sub(r"\s+", " ", m.group("rel"))
    offset = _lexicon()["relative_days"].get(rel, 0)
    return "relative_date", (ref + timedelta(days=offset)).isoformat() if ref else None, None


def _h_weekday(m: re.Match[str], ref: date | None) -> _Result:
    wd = _lexicon()["weekday_of"][m.group("wd")]
    if ref is None:
        return "relative_date", None, None
    direction = _direction(m.group("mod"))
    if direction is None and _future_context(m.string, m.start()):
        direction = "future"  # سيزور … الثلاثاء، سيعقد المجلس اجتماعه يوم الخميس
    delta = wd - ref.isoweekday()
    if direction == "future":
        delta = delta if delta > 0 else delta + 7
    elif direction == "past":
        delta = delta if delta < 0 else delta - 7
    else:  # news: a bare weekday is the most recent one (today included)
        delta = delta if delta <= 0 else delta - 7
    return "relative_date", (ref + timedelta(days=delta)).isoformat(), None


def _h_period(m: re.Match[str], ref: date | None) -> _Result:
    unit = _lexicon()["period_units"][m.group("punit")]
    direction = _direction(m.group("mod"))
    if m.group("this"):
        direction = direction or "current"
    edge, before = m.group("edge"), m.group("before")
    if direction is None and not edge:
        return None  # bare الشهر / العام
    if direction is None:
        direction = "current"
    if ref is None:
        return "relative_date", None, None
    step = {"past": -1, "future": 1}.get(direction, 0)
    if unit == "month":
        first = _add_months(ref.replace(day=1), step)
        last = _month_end(first.year, first.month)
        label = f"{first.year:04d}-{first.month:02d}"
    elif unit == "week":
        monday = ref - timedelta(days=ref.isoweekday() - 1) + timedelta(weeks=step)
        first, last = monday, monday + timedelta(days=6)
        label = _iso_week(monday)
    else:
        y = ref.year + step
        first, last = date(y, 1, 1), date(y, 12, 31)
        label = f"{y:04d}"
    if edge and before not in ("قبل", "حتي"):
        return "relative_date", label, None  # مطلع الشهر، نهاية العام، (منذ) بداية الأسبوع: the period itself
    if edge:
        span = (last - first).days + 1
        if edge in ("نهايه", "اواخر"):
            first = first + timedelta(days=span * 2 // 3)
        elif edge in ("مطلع", "بدايه", "اوائل"):
            last = first + timedelta(days=span // 3 - 1)
        else:  # منتصف، أواسط
            first, last = first + timedelta(days=span // 3), first + timedelta(days=2 * span // 3 - 1)
        if edge in ("نهايه",):
            first = last
        label = first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"
    if before in ("قبل", "حتي") and edge:
        label = f"{ref.isoformat()}/{last.isoformat()}" if last >= ref else f"/{last.isoformat()}"
    elif before in ("بعد", "منذ") and edge:
        label = f"{first.isoformat()}/" if before == "بعد" else f"{first.isoformat()}/{ref.isoformat()}"
    return "relative_date", label, None


def _h_duration(m: re.Match[str], ref: date | None) -> _Result:
    lx = _lexicon()
    unit, cls = lx["unit_of"][m.group("unit")]
    spec = lx["units"][unit]
    prep = re.sub(r"\s+", " ", m.group("prep") or "")
    if unit in ("year",) and _is_age(m):
        return None  # ألبرت، 31 سنة،: an age
    num_s = m.group("num") or m.group("num2")
    if num_s and num_s.startswith("ال"):
        num_s = num_s[2:]
    direction = _direction(m.group("mod"))
    art = bool(m.group("art"))
    if num_s:
        num_s = num_s.replace(",", ".")
        count: float | None = float(num_s) if num_s[0].isdigit() else float(lx["number_of"][num_s])
    elif cls == "dual":
        count = 2.0
    elif cls == "singular" and not art:
        count = 1.0
    elif cls == "singular" and art and direction in ("past", "future") and prep:
        count = 1.0  # خلال الشهر الأخير
    elif cls == "plural":
        count = None
    else:
        return None
    if not (prep or num_s or cls == "dual" or (cls == "plural" and direction)):
        return None
    if cls == "plural" and count is None and not (prep or direction):
        return None
    if cls == "singular" and art and not (direction and prep):
        return None  # الشهر / خلال الشهر: left to the period pattern
    if unit == "hour" and prep in ("قبل", "بعد") and count is None:
        return None
    factor = spec.get("factor", 1)
    designator = spec["iso"]
    if m.group("half") and count is not None:
        return "duration", _with_half(count * factor, unit), _with_half(count * factor, unit)
    if count is None:
        dur = f"PT X{designator}".replace(" ", "") if spec.get("time") else f"PX{designator}"
    else:
        c = count * factor
        c_s = str(int(c)) if c == int(c) else str(c)
        dur = f"PT{c_s}{designator}" if spec.get("time") else f"P{c_s}{designator}"
    if prep in ("قبل", "بعد", "منذ") and not art and (prep != "منذ" or count is not None):
        if ref is None or count is None:
            return "relative_date", None, dur
        sign = 1 if prep == "بعد" else -1
        if unit == "hour":
            target = ref + timedelta(days=sign * int(count * factor // 24))
        else:
            target = _shift(ref, unit, sign * count * factor)
        # the finest unit the expression gives: منذ خمس سنوات → 2013, قبل أسبوعين → the day
        value = f"{target.year:04d}" if unit in ("year", "decade") else (
            f"{target.year:04d}-{target.month:02d}" if unit == "month" else target.isoformat())
        return "relative_date", value, dur
    value: str | None = dur
    if ref is not None and count is not None and (prep == "منذ" or direction in ("past", "future")):
        if unit == "hour":
            other = ref + timedelta(days=(1 if direction == "future" else -1) * max(1, int(count // 24)))
        else:
            other = _shift(ref, unit, (1 if direction == "future" else -1) * count * factor)
        value = f"{min(ref, other).isoformat()}/{max(ref, other).isoformat()}"
    return "duration", value, dur


def _h_frequency(m: re.Match[str], ref: date | None) -> _Result:
    period = _lexicon()["freq_of"][re.sub(r"\s+", " ", m.group("freq"))]
    return "frequency", f"R/{period}", period


def _h_year(m: re.Match[str], ref: date | None) -> _Result:
    return "date", m.group("year"), None


def _h_year_range(m: re.Match[str], ref: date | None) -> _Result:
    y1, y2 = m.group("y1"), m.group("y2")
    if int(y2) <= int(y1):
        return None
    return "date", f"{y1}/{y2}", None


def _with_half(count: float, unit: str) -> str:
    """ISO duration of ``count`` units and a half: 3 years and a half → ``P3Y6M``."""
    c = int(count)
    return {"year": f"P{c}Y6M", "decade": f"P{c + 5}Y", "month": f"P{c}M15D", "week": f"P{c}W3DT12H",
            "day": f"P{c}DT12H", "hour": f"PT{c}H30M"}[unit]


def _is_age(m: re.Match[str]) -> bool:
    """A number of years that is an age: after a name and a comma (``، 31 سنة،``), in brackets, or
    after ``العمر``/``البالغ`` …"""
    t = m.string
    before = t[max(0, m.start() - 25):m.start()]
    after = t[m.end():m.end() + 2]
    words = before.split()
    if words and (words[-1] in _lexicon()["age"] or len(words) > 1 and words[-2] in _lexicon()["age"]):
        return True
    if not m.group("num") or m.group("prep"):
        return False
    stripped = before.rstrip()
    return stripped.endswith(("،", ",", "(")) and after.lstrip()[:1] in ("،", ",", ")")


def _future_context(t: str, pos: int) -> bool:
    """Whether the clause before ``pos`` (back to the sentence start, at most 80 characters) speaks of
    the future: a verb with the future prefix ``س`` (the tokenizer's), ``سوف``, ``من المقرر``, ``بدءا من`` …

    Only what comes before counts: in ``قال بومبيو الأحد إن البيت الأبيض سيصدر …`` the Sunday is past.
    """
    start = max(0, pos - 80)
    while 0 < start < pos and t[start - 1].isalnum():
        start += 1  # never half a word (استفادوا cut to ستفادوا)
    for stop in ".!؟?\n":
        k = t.rfind(stop, start, pos)
        if k >= 0:
            start = k + 1
    future = _lexicon()["future"]
    clause = t[start:pos]
    if not _future_hint_re().search(clause):
        return False  # no word opens with س and no future word: no need to tokenize
    for tok in tokenize(clause):
        if tok.kind != "word":
            continue
        if "س" in tok.proclitics or match_form(tok.text) in future:
            return True
    return False


def _h_vague(m: re.Match[str], ref: date | None) -> _Result:
    return "relative_date", _lexicon()["vague_of"][re.sub(r"\s+", " ", m.group("vague"))], None


_HANDLERS: dict[str, Callable[[re.Match[str], date | None], _Result]] = {
    "month_date": _h_month_date, "day_of_month": _h_day_of_month, "relative_day": _h_relative_day,
    "weekday": _h_weekday, "period": _h_period, "duration": _h_duration, "frequency": _h_frequency,
    "year": _h_year, "vague": _h_vague, "year_range": _h_year_range,
    "bracket_year": _h_year, "season": _h_year, "glued_year": _h_year,
}


def time_expressions(text: "str | Document", reference_date: date | datetime | str | None = None,
                     ) -> list[TimeExpression]:
    """Time expressions of ``text`` as light objects, sorted by start (see :func:`find_time_expressions`).

    A :class:`~analysis.text.document.Document` gives its cached layer, resolved against its own
    ``reference_date`` (a ``reference_date`` passed here is then not allowed).
    """
    if isinstance(text, Document):
        if reference_date is not None:
            raise TimexInputError("a Document carries its own reference_date; do not pass another")
        return list(text.time_expressions)
    if not isinstance(text, str):
        raise TimexInputError(f"expected text as str, got {type(text).__name__}")
    mt = matching_text(text)
    return _expressions(text, mt, _as_date(reference_date), names=lambda: _name_spans(text, mt))


@lru_cache(maxsize=1)
def _anchor_forms() -> frozenset[str]:
    """Every word that anchors a pattern by :func:`_anchored` as written or after one clitic letter."""
    anchors = _anchors()
    return frozenset(anchors) | frozenset(c + w for c in _CLITICS for w in anchors)


def _anchored(w: str, anchors: dict[str, tuple[tuple[str, int], ...]]) -> tuple[tuple[str, int], ...] | None:
    """The patterns word ``w`` (matching form) anchors: as written, after one clitic letter, or a glued year."""
    names_here = anchors.get(w)
    if names_here is None and w[:1] in _CLITICS:
        names_here = anchors.get(w[1:])
    if names_here is None and _glued_year_re().match(w):
        names_here = (("glued_year", 0),)
    return names_here


def _expressions(text: str, mt: MatchingText, ref: date | None,
                 names: "Callable[[], list[tuple[int, int]]] | None" = None) -> list[TimeExpression]:
    """Every time expression of ``text`` (matching form ``mt``), resolved against ``ref``.

    ``names`` gives the spans of the organisations and persons of the text when asked (``اليوم`` in
    ``أخبار اليوم`` or ``روسيا اليوم`` is part of a name, not a date).
    """
    t = mt.text
    patterns = dict(_patterns())
    anchors = _anchors()
    parts = _TOKEN_SPLIT_RE.split(t)  # separator, word, separator, …, separator
    texts = parts[1::2]
    # the patterns each distinct word anchors, looked up once per word type (the words that may anchor one are
    # found by set intersections: a word of the table, one with a clitic letter before it, or a glued year)
    maybe = set(texts) & _anchor_forms()
    maybe.update(_glued_year_word_re().findall(t))
    anchored = {w: here for w in maybe if (here := _anchored(w, anchors))}
    if not anchored:
        return []
    word_starts = list(accumulate(map(len, parts)))[0::2]  # start of each word of ``texts``
    found: list[list[Any]] = []  # [start, end, kind, value, duration, pattern name, explicit year]
    seen: set[tuple[str, int]] = set()
    for i in [i for i, w in enumerate(texts) if w in anchored]:
        ws = word_starts[i]
        for name, back in anchored[texts[i]]:
            pattern, handler = patterns[name], _HANDLERS[name]
            for j in range(max(0, i - back), i + 1):
                js = word_starts[j]
                starts = (js, js + 1) if texts[j][:1] in _CLITICS else (js,)
                hit = None
                for pos in starts:
                    if (name, pos) in seen:
                        continue
                    m = pattern.match(t, pos)
                    if m is not None and m.end() > ws:
                        seen.add((name, pos))
                        hit = m
                        break
                if hit is None:
                    continue
                try:
                    res = handler(hit, ref)
                except (ValueError, OverflowError):  # resolves outside the calendar: keep it unresolved
                    res = handler(hit, None)
                if res is not None:
                    start = hit.start()
                    groups = hit.groupdict()
                    ctx = groups.get("ctx")
                    if ctx and ctx.split()[0] in _lexicon()["signals"]:  # the preposition is not part of the expression
                        start = hit.end("ctx")
                    if name == "period" and groups.get("before") == "منذ" and groups.get("edge"):
                        start = hit.start("edge")  # منذ بداية الأسبوع: the week is the expression
                    explicit = bool(groups.get("year") or groups.get("ymod") or groups.get("mod"))
                    found.append([start, hit.end(), *res, name, explicit])
                break
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken = bytearray(len(t) + 1)
    chosen = []
    for f in found:
        if any(taken[f[0]:f[1]]):
            continue
        taken[f[0]:f[1]] = b"\x01" * (f[1] - f[0])
        chosen.append(f)
    chosen.sort()
    chosen = _shared_years(t, _compounds(t, chosen))
    out = []
    spans: list[tuple[int, int]] | None = None
    for s, e, kind, value, dur, name, _ in chosen:
        os_, oe = mt.to_original(s, e)
        if name == "relative_day" and names is not None:
            if spans is None:
                spans = names()
            if any(a <= os_ and oe <= b and (a, b) != (os_, oe) for a, b in spans):
                continue  # part of a name: أخبار اليوم، روسيا اليوم
        out.append(TimeExpression(os_, oe, text[os_:oe], kind, value, dur))
    return out


def _compounds(t: str, chosen: list[list[Any]]) -> list[list[Any]]:
    """One expression for ``اليوم الاثنين`` and ``يوم الخميس 5 نيسان الجاري``: a day word followed by a
    weekday or a date; the value is the date when one is given, else the first part's."""
    out: list[list[Any]] = []
    for f in chosen:
        prev = out[-1] if out else None
        if prev is not None and prev[5] in ("relative_day", "weekday") and \
                f[5] in ("weekday", "month_date", "day_of_month") and _COMPOUND_GAP_RE.match(t[prev[1]:f[0]]) \
                and not (prev[5] == "weekday" and f[5] == "weekday"):
            dated = f[5] != "weekday" and f[3] is not None and len(f[3]) == 10
            out[-1] = [prev[0], f[1], f[2] if dated else prev[2], f[3] if dated else prev[3], prev[4], f[5] if dated
                       else prev[5], f[6]]
        else:
            out.append(f)
    return out


def _shared_years(t: str, chosen: list[list[Any]]) -> list[list[Any]]:
    """A month without a year takes the year of the month right after it (``في نيسان وأيار من العام الماضي``)."""
    for k in range(len(chosen) - 2, -1, -1):
        a, b = chosen[k], chosen[k + 1]
        if a[5] == "month_date" and not a[6] and b[5] == "month_date" and b[3] and a[3] \
                and _SHARED_GAP_RE.match(t[a[1]:b[0]]) and (b[6] or chosen[k + 1][6]):
            a[3] = b[3][:4] + a[3][4:]
            a[6] = True
    return chosen


def find_time_expressions(text: "str | Document", reference_date: date | datetime | str | None = None,
                          ) -> "pd.DataFrame":
    """Time expressions of ``text``: ``start, end, text, kind, value, duration``, sorted by start.

    Args:
        text: Original text.
        reference_date: The publication date (``date``, ``datetime`` or ISO string);
            relative expressions get ISO values only when it is given.

    Raises:
        TimexInputError: ``text`` is not a string or ``reference_date`` is not a date.
    """
    import pandas as pd

    rows = [x.as_row() for x in time_expressions(text, reference_date)]
    return pd.DataFrame(rows, columns=list(TIMEX_COLUMNS)).astype({"start": "int64", "end": "int64"})


_QUOTED_RE = re.compile(r"[«\"“]([^«»\"“”\n]{1,40})[»\"”]")


def _name_spans(text: str, mt: MatchingText | None = None) -> list[tuple[int, int]]:
    """Where a day word may be part of a name: short quoted names (``"أخبار اليوم"``) and the names of
    the gazetteer that end with one (``روسيا اليوم``). ``mt``: the matching form of ``text`` when known."""
    spans = [(m.start(1), m.end(1)) for m in _QUOTED_RE.finditer(text) if len(m.group(1).split()) > 1]
    before, after = _day_name_words()
    if mt is None or mt.original is not text:
        mt = matching_text(text)
    for m in _DAY_IN_NAME_RE.finditer(mt.text):
        first, second = m.group("before"), m.group("after")
        if first and (first in before or first[1:] in before):
            spans.append(mt.to_original(m.start("before"), m.end("day")))
        if second and second in after:
            spans.append(mt.to_original(m.start("day"), m.end("after")))
    return spans


_DAY_IN_NAME_RE = re.compile(r"(?:(?<!\w)(?P<before>\w+)\s+)?(?P<day>اليوم)(?!\w)(?:\s+(?P<after>\w+))?")


@lru_cache(maxsize=1)
def _day_name_words() -> tuple[frozenset[str], frozenset[str]]:
    """Words right before and right after ``اليوم`` in names of the hand gazetteer
    (``روسيا`` of ``روسيا اليوم``, ``السابع`` of ``اليوم السابع``)."""
    before, after = set(), set()
    for entry, forms in gazetteer_entries():
        for name in [entry.canonical, *forms["alias"]]:
            words = match_form(name).split()
            for i, w in enumerate(words):
                if w == "اليوم":
                    if i > 0:
                        before.add(words[i - 1])
                    if i + 1 < len(words):
                        after.add(words[i + 1])
    return frozenset(before), frozenset(after)


register_layer("time_expressions",
               lambda doc: _expressions(doc.text, doc.matching, doc.reference_date,
                                        names=lambda: _name_spans(doc.text, doc.matching)),
               provider=__name__)
