"""Loaded, matching-ready forms of the number lexicons other than number words.

Hedges, range connectors, percent markers, dual nouns, role cues and relative
ordinals are read once from ``analysis/lexicons/numbers/`` (see the README
there) and turned into tuples of normalized words that :mod:`analysis.numbers`
compares with the tokens of the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from analysis.errors import LexiconError
from analysis.lexicons import lexicon_path, load_csv, load_yaml
from analysis.text.normalize import normalize_for_matching

Phrase = tuple[str, ...]

QUALIFIERS = ("approx", "more_than", "at_least", "less_than", "at_most", "exact")


def phrase(text: str) -> Phrase:
    """Split a lexicon phrase into normalized words: ``"ما لا يقل عن"`` -> 4 words."""
    return tuple(normalize_for_matching(w) for w in str(text).split())


def _phrases(entries: object, where: str) -> list[Phrase]:
    if not isinstance(entries, list):
        raise LexiconError(f"numbers lexicon: {where} must be a list, got {entries!r}")
    out = [phrase(e) for e in entries]
    if any(not p for p in out):
        raise LexiconError(f"numbers lexicon: empty phrase in {where}")
    return out


@dataclass(frozen=True)
class HedgeLexicon:
    """Hedge phrases by position, longest first, with the combination table."""

    before: tuple[tuple[Phrase, str], ...]
    after: tuple[tuple[Phrase, str], ...]
    combine: dict[tuple[str, Phrase], str]
    reach_up_to: tuple[Phrase, ...] = ()


@lru_cache(maxsize=1)
def hedges() -> HedgeLexicon:
    """Hedge phrases (before/after the number) and their combination table, loaded once."""
    data = load_yaml("numbers/hedges.yaml")
    result = {}
    for side in ("before", "after"):
        items: list[tuple[Phrase, str]] = []
        for qualifier, entries in data[side].items():
            if qualifier not in QUALIFIERS:
                raise LexiconError(f"numbers/hedges.yaml: unknown qualifier {qualifier!r} under {side}")
            items.extend((p, qualifier) for p in _phrases(entries, f"hedges.{side}.{qualifier}"))
        items.sort(key=lambda it: -len(it[0]))
        result[side] = tuple(items)
    combine: dict[tuple[str, Phrase], str] = {}
    for row in data.get("combine", []):
        if not (isinstance(row, list) and len(row) == 3):
            raise LexiconError(f"numbers/hedges.yaml: combine rows are [before, after-phrase, result], got {row!r}")
        combine[(row[0], phrase(row[1]))] = row[2]
    reach = tuple(_phrases(data.get("reach_up_to") or [], "hedges.reach_up_to"))
    return HedgeLexicon(result["before"], result["after"], combine, reach)


def _need_words(data: object, key: str, name: str) -> list[str]:
    """``data[key]`` when it is a list of words, else a LexiconError naming the file."""
    words = data.get(key) if isinstance(data, dict) else None
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise LexiconError(f"{lexicon_path(name)}: '{key}' must be a list of words")
    return words


@dataclass(frozen=True)
class RangeLexicon:
    """Range openers with their joiners, bare joiners, dash symbols and verbs of change."""
    openers: tuple[tuple[Phrase, frozenset[str]], ...]
    bare_joiners: frozenset[str]
    dash_symbols: frozenset[str]
    change_verbs: frozenset[str]
    ratio_joiners: frozenset[str] = frozenset()
    change_joiners: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def ranges() -> RangeLexicon:
    """The range lexicon (ranges.yaml), loaded once."""
    data = load_yaml("numbers/ranges.yaml")
    openers = []
    for item in data["openers"]:
        joiners = frozenset(normalize_for_matching(j) for j in item["joiners"])
        openers.append((phrase(item["words"]), joiners))
    openers.sort(key=lambda it: -len(it[0]))
    return RangeLexicon(
        tuple(openers),
        frozenset(normalize_for_matching(j) for j in data["bare_joiners"]),
        frozenset(data["dash_symbols"]),
        frozenset(normalize_for_matching(v) for v in data["change_verbs"]),
        frozenset(normalize_for_matching(v) for v in data.get("ratio_joiners") or []),
        frozenset(normalize_for_matching(v) for v in _need_words(data, "change_joiners", "numbers/ranges.yaml")),
    )


@dataclass(frozen=True)
class PercentLexicon:
    """Percent markers written after and before a number, longest first."""
    after: tuple[Phrase, ...]
    before: tuple[Phrase, ...]


@lru_cache(maxsize=1)
def percent_markers() -> PercentLexicon:
    """The percent lexicon (percent.yaml), loaded once."""
    data = load_yaml("numbers/percent.yaml")
    after = sorted(_phrases(data["after"], "percent.after"), key=len, reverse=True)
    before = sorted(_phrases(data["before"], "percent.before"), key=len, reverse=True)
    return PercentLexicon(tuple(after), tuple(before))


@lru_cache(maxsize=1)
def dual_nouns() -> dict[str, tuple[str, str | None]]:
    """Normalized dual form -> (singular as written in the file, role or None)."""
    out: dict[str, tuple[str, str | None]] = {}
    for row in load_csv("numbers/dual_nouns.csv"):
        singular = (row.get("singular") or "").strip()
        duals = (row.get("duals") or "").strip()
        if not singular or not duals:
            raise LexiconError(f"numbers/dual_nouns.csv: row without singular or duals: {row!r}")
        role = (row.get("role") or "").strip() or None
        for form in duals.split("|"):
            out[normalize_for_matching(form.strip())] = (singular, role)
    return out


@dataclass(frozen=True)
class RoleLexicon:
    """Cue words of the role hints (roles.yaml), normalized."""
    year_cues: frozenset[str]
    year_range: tuple[int, int]
    era_words: frozenset[str]
    months: frozenset[str]
    months_two_words: tuple[Phrase, ...]
    month_words: frozenset[str]
    time_cues: frozenset[str]
    identifier_cues: frozenset[str]
    rank_cues: frozenset[str]
    age_cues: frozenset[str]
    time_units: frozenset[str]
    weak_year_cues: frozenset[str] = frozenset()
    weak_year_range: tuple[int, int] = (1900, 2100)
    weak_year_followers: frozenset[str] = frozenset()
    regnal_titles: frozenset[str] = frozenset()
    regnal_names: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def roles() -> RoleLexicon:
    """The role lexicon (roles.yaml), loaded once."""
    data = load_yaml("numbers/roles.yaml")

    def words(key: str) -> frozenset[str]:
        return frozenset(normalize_for_matching(w) for w in data[key])

    lo, hi = data["year_range"]
    return RoleLexicon(
        words("year_cues"), (int(lo), int(hi)), words("era_words"), words("months"),
        tuple(phrase(p) for p in data["months_two_words"]), words("month_words"), words("time_cues"),
        words("identifier_cues"), words("rank_cues"), words("age_cues"), words("time_units"),
        words("weak_year_cues"), (int(data["weak_year_range"][0]), int(data["weak_year_range"][1])),
        words("weak_year_followers"), words("regnal_titles"), words("regnal_names"),
    )


@lru_cache(maxsize=1)
def relative_ordinals() -> tuple[tuple[Phrase, str], ...]:
    """Relative-ordinal phrases and their position (``end-1`` …), longest first."""
    data = load_yaml("numbers/relative_ordinals.yaml")
    items = [(p, rel) for rel, entries in data["phrases"].items() for p in _phrases(entries, f"relative.{rel}")]
    items.sort(key=lambda it: -len(it[0]))
    return tuple(items)


@lru_cache(maxsize=1)
def weekday_forms() -> frozenset[str]:
    """Monday/Sunday as written with clitics (``الاثنين``، ``والأحد``, matching form): not number triggers.

    Example:
        >>> "الاثنين" in weekday_forms()
        True
    """
    name = "numbers/number_words.yaml"
    return frozenset(normalize_for_matching(w) for w in _need_words(load_yaml(name), "weekday_forms", name))


@lru_cache(maxsize=1)
def comma_decimal_scales() -> tuple[str, ...]:
    """Scale words after which ``4،8`` is one decimal number (``4،8 مليار``), as written in the text."""
    name = "numbers/number_words.yaml"
    return tuple(_need_words(load_yaml(name), "comma_decimal_scales", name))
