"""Lexicons of the claims layer: counted nouns, event words, rates, non-claim cues.

All data lives in ``analysis/lexicons/claims/`` (documented in its README);
this module loads it once (cached) and offers phrase lookups on
:class:`analysis.text.tokens.Token` lists that cope with clitics (``وبالمدنيين``),
the article, the accusative ``ـاً`` (``كيلومتراً``) and multi-word forms
(``كيلومتر مربع``).

Example:
    >>> from analysis.text import tokenize
    >>> toks = tokenize("2700 كيلومتر مربع")
    >>> unit_at(toks, 1).unit, unit_at(toks, 1).length
    ('km2', 2)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from analysis.errors import LexiconError
from analysis.lexicons import load_csv, load_yaml
from analysis.text.clitics import STEM_ENDINGS, proclitic_readings
from analysis.text.normalize import normalize_for_matching
from analysis.text.tokens import Token

CATEGORIES: tuple[str, ...] = (
    "casualties", "injuries", "detentions", "displacement", "materiel", "territory",
    "air_operations", "movement", "aid", "economy", "politics", "other",
)


@dataclass(frozen=True)
class UnitEntry:
    """A counted noun: English ``unit`` key, default ``category``, implied ``event``, dual ``count``."""

    unit: str
    category: str
    event: str | None
    count: int | None


@dataclass(frozen=True)
class EventEntry:
    """An event word: ``event`` key and its claim ``category``."""

    event: str
    category: str
    max_suffix: int


@dataclass(frozen=True)
class Match:
    """A lexicon hit on tokens ``[index, index + length)``."""

    index: int
    length: int
    payload: Any

    @property
    def unit(self) -> str:
        return self.payload.unit

    @property
    def end_index(self) -> int:
        return self.index + self.length


def _norm_words(phrase: str) -> tuple[str, ...]:
    return tuple(normalize_for_matching(w) for w in phrase.split())


def _check_category(category: str, where: str) -> str:
    if category not in CATEGORIES:
        raise LexiconError(f"{where}: unknown category {category!r} (expected one of {', '.join(CATEGORIES)})")
    return category


@lru_cache(maxsize=1)
def unit_table() -> dict[tuple[str, ...], UnitEntry]:
    """``units.csv`` keyed by the normalized words of each form."""
    table: dict[tuple[str, ...], UnitEntry] = {}
    for i, row in enumerate(load_csv("claims/units.csv"), start=2):
        where = f"claims/units.csv row {i}"
        try:
            form, unit = row["form"].strip(), row["unit"].strip()
        except (KeyError, AttributeError) as exc:
            raise LexiconError(f"{where}: missing column ({exc})") from exc
        if not form or not unit:
            raise LexiconError(f"{where}: empty form or unit")
        count = (row.get("count") or "").strip()
        table[_norm_words(form)] = UnitEntry(
            unit=unit,
            category=_check_category((row.get("category") or "other").strip(), where),
            event=(row.get("event") or "").strip() or None,
            count=int(count) if count else None,
        )
    _add_derived_duals(table)
    return table


def _add_derived_duals(table: dict[tuple[str, ...], UnitEntry]) -> None:
    """Add the duals that Arabic spelling makes unambiguous, derived from the singular forms of the table.

    A feminine noun in ة has its dual in ``تان``/``تين`` (``دبابة`` → ``دبابتان``, ``دبابتين``), never
    spelled like its plural (``دبابات``); a masculine noun its nominative dual in ``ان`` (``جندي`` →
    ``جنديان``). The oblique masculine ``ين`` is left to the table: it is also the sound plural
    (``مسلحين``). Forms already in the table keep their row.
    """
    for (form,), entry in [(k, e) for k, e in table.items() if len(k) == 1 and e.count is None]:
        if len(form) < 3:
            continue
        if form.endswith("ه"):
            duals = (form[:-1] + "تان", form[:-1] + "تين")
        elif form.endswith(("ا", "ي", "ى", "ون", "ين", "ان", "ات")):
            continue  # accusative, nisba, or already a plural or dual
        else:
            duals = (form + "ان",)
        for dual in duals:
            table.setdefault((dual,), UnitEntry(entry.unit, entry.category, entry.event, 2))


@lru_cache(maxsize=1)
def event_table() -> dict[tuple[str, ...], EventEntry]:
    """``events.csv`` keyed by the normalized words of each form."""
    table: dict[tuple[str, ...], EventEntry] = {}
    for i, row in enumerate(load_csv("claims/events.csv"), start=2):
        where = f"claims/events.csv row {i}"
        form = (row.get("form") or "").strip()
        event = (row.get("event") or "").strip()
        if not form or not event:
            raise LexiconError(f"{where}: empty form or event")
        suffix = (row.get("max_suffix") or "3").strip()
        table[_norm_words(form)] = EventEntry(
            event, _check_category((row.get("category") or "").strip(), where), int(suffix)
        )
    return table


@lru_cache(maxsize=1)
def rate_table() -> dict[tuple[str, ...], str]:
    """``rates.csv``: normalized words -> rate key (``per_day`` ...)."""
    return {_norm_words(r["form"].strip()): r["rate"].strip() for r in load_csv("claims/rates.csv")}


@lru_cache(maxsize=1)
def non_claim_cues() -> dict[str, Any]:
    """``non_claim.yaml`` with every word list normalized to a frozenset (months as word tuples)."""
    raw = load_yaml("claims/non_claim.yaml")
    if not isinstance(raw, dict):
        raise LexiconError("claims/non_claim.yaml: expected a mapping at top level")
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "year_range":
            out[key] = (int(value[0]), int(value[1]))
        elif key == "months":
            out[key] = {_norm_words(str(v)) for v in value}
        else:
            out[key] = frozenset(normalize_for_matching(str(v)) for v in value)
    return out


@cache
def _max_len(kind: str) -> int:
    table = {"unit": unit_table, "event": event_table, "rate": rate_table}[kind]()
    return max(len(k) for k in table)


_POSSESSIVE = ("هما", "هم", "هن", "ها", "ه")
_POSSESSIVE_LAST = frozenset(p[-1] for p in _POSSESSIVE)


def _word_variants(tok: Token, *, first: bool, last: bool) -> tuple[str, ...]:
    if tok.kind not in ("word", "punctuation", "symbol", "latin"):
        return (tok.norm,)
    return _variants(tok.norm, first, last)


@lru_cache(maxsize=131072)
def _variants(norm: str, first: bool, last: bool) -> tuple[str, ...]:
    forms = list(proclitic_readings(norm)) if first else [norm]
    if last:
        # accusative tanwin alef (كيلومتراً → كيلومتر)
        forms += [f[:-1] for f in forms if f.endswith("ا") and len(f) > 3]
        # a sound plural in construct (مقاتلي الحوثي، مسلحي التنظيم): the plural in ين
        forms += [f + "ن" for f in list(forms) if f.endswith("ي") and len(f) >= 5]
        # a possessive suffix (مقاعده، منازلهم): the noun without it (none when no form ends like one:
        # then no pass adds a form either)
        if any(f[-1:] in _POSSESSIVE_LAST for f in forms):
            for suffix in _POSSESSIVE:
                forms += [f[:-len(suffix)] for f in list(forms) if f.endswith(suffix) and len(f) - len(suffix) >= 3]
    return tuple(dict.fromkeys(forms))


@cache
def _tails(kind: str) -> dict[int, frozenset[tuple[str, ...]]]:
    """Words after the first of every phrase of a table, by phrase length (a phrase of ``n > 1`` words can
    only match where one of its tails follows: the first word's readings are made only then)."""
    table = unit_table() if kind == "unit" else rate_table()
    by_len: dict[int, set[tuple[str, ...]]] = {}
    for key in table:
        by_len.setdefault(len(key), set()).add(key[1:])
    return {n: frozenset(tails) for n, tails in by_len.items()}


def _phrase_at(tokens: list[Token], i: int, kind: str) -> Match | None:
    table = unit_table() if kind == "unit" else rate_table()
    known_tails = _tails(kind)
    for n in range(min(_max_len(kind), len(tokens) - i), 0, -1):
        if n > 1:
            tail = tuple(tokens[k].norm for k in range(i + 1, i + n))
            tails = [tail]
            last = tail[-1]
            if last.endswith("ا") and len(last) > 3:
                tails.append(tail[:-1] + (last[:-1],))
            here = known_tails.get(n)
            if here is None or not any(t in here for t in tails):
                continue
            if any(tokens[k].kind == "number" for k in range(i, i + n)):
                continue
        else:
            tails = [()]
        heads = _word_variants(tokens[i], first=True, last=(n == 1))
        for h in heads:
            for t in tails:
                entry = table.get((h,) + t)
                if entry is not None:
                    return Match(i, n, entry)
    return None


def unit_at(tokens: list[Token], i: int) -> Match | None:
    """The longest counted noun starting at token ``i`` (``None`` when there is none)."""
    if i >= len(tokens):
        return None
    return _phrase_at(tokens, i, "unit")


def rate_at(tokens: list[Token], i: int) -> Match | None:
    """A rate word (``يومياً``، ``في اليوم``) starting at token ``i``."""
    if i >= len(tokens):
        return None
    return _phrase_at(tokens, i, "rate")


@lru_cache(maxsize=1)
def _event_index() -> tuple[dict[str, list[tuple[tuple[str, ...], EventEntry]]], int]:
    by_first: dict[str, list[tuple[tuple[str, ...], EventEntry]]] = {}
    for words, entry in event_table().items():
        by_first.setdefault(words[0][:2], []).append((words, entry))
    return by_first, _max_len("event")


def event_at(tokens: list[Token], i: int) -> Match | None:
    """An event word at token ``i``: exact form or the form plus at most ``max_suffix`` letters.

    The added letters must be an inflection or pronoun ending (:data:`analysis.text.clitics.STEM_ENDINGS`):
    ``توفي`` covers ``توفيت`` but not ``توفير`` (providing).
    """
    if i >= len(tokens) or tokens[i].kind != "word":
        return None
    by_first, _ = _event_index()
    best: Match | None = None
    for variant in proclitic_readings(tokens[i].norm):
        for words, entry in by_first.get(variant[:2], ()):
            head = words[0]
            if (not variant.startswith(head) or len(variant) - len(head) > entry.max_suffix
                    or variant[len(head):] not in STEM_ENDINGS):  # توفيت، توفوا — not توفير
                continue
            if len(words) > 1:
                rest = tokens[i + 1:i + len(words)]
                if len(rest) != len(words) - 1 or any(
                    not (t.norm == w or t.norm.startswith(w)) for t, w in zip(rest, words[1:])
                ):
                    continue
            if best is None or len(words) > best.length:
                best = Match(i, len(words), entry)
    return best


@lru_cache(maxsize=1)
def _month_tails() -> frozenset[tuple[str, ...]]:
    """The words after the first of every month name (a name can only start where one of them follows)."""
    return frozenset(words[1:] for words in non_claim_cues()["months"])


def is_month_at(tokens: list[Token], i: int) -> int:
    """Length (in tokens) of a month name starting at token ``i``; 0 when there is none."""
    months = non_claim_cues()["months"]
    tails = _month_tails()
    for n in (3, 2, 1):
        window = tokens[i:i + n]
        if len(window) < n or tuple(t.norm for t in window[1:]) not in tails:
            continue
        heads = proclitic_readings(window[0].norm)
        for h in heads:
            if (h,) + tuple(t.norm for t in window[1:]) in months:
                return n
    return 0


def in_list(token: Token, key: str) -> bool:
    """True when ``token`` (with or without clitics) is in the ``non_claim.yaml`` list ``key``."""
    words = non_claim_cues()[key]
    return any(v in words for v in _word_variants(token, first=True, last=False))


@lru_cache(maxsize=1)
def dual_forms() -> frozenset[str]:
    """Normalized one-word unit forms that are duals (``count`` 2): a cheap pre-filter."""
    return frozenset(k[0] for k, e in unit_table().items() if e.count == 2 and len(k) == 1)


@lru_cache(maxsize=1)
def category_rules() -> dict[str, Any]:
    """``categories.yaml`` normalized: people units, cause events, percent nouns, government forces, anaphors.

    Phrases become tuples of normalized words; ``percent_nouns`` maps each phrase to its category.
    """
    raw = load_yaml("claims/categories.yaml")
    if not isinstance(raw, dict):
        raise LexiconError("claims/categories.yaml: expected a mapping at top level")
    percent: dict[tuple[str, ...], str] = {}
    for category, forms in (raw.get("percent_nouns") or {}).items():
        _check_category(str(category), "claims/categories.yaml percent_nouns")
        for f in forms:
            percent[_norm_words(str(f))] = str(category)
    for c in raw.get("people_categories") or ():
        _check_category(str(c), "claims/categories.yaml people_categories")
    return {
        "people_units": frozenset(str(u) for u in raw.get("people_units") or ()),
        "people_categories": frozenset(str(c) for c in raw.get("people_categories") or ()),
        "cause_events": frozenset(str(e) for e in raw.get("cause_events") or ()),
        "damage_categories": frozenset(str(c) for c in raw.get("damage_categories") or ()),
        "subgroup_units": frozenset(str(u) for u in raw.get("subgroup_units") or ()),
        "percent_nouns": percent,
        "government_forces": frozenset(_norm_words(str(f)) for f in raw.get("government_forces") or ()),
        "militant_units": frozenset(str(u) for u in raw.get("militant_units") or ()),
        "soldier_unit": str(raw.get("soldier_unit") or "soldiers"),
        "anaphoric_nouns": frozenset(normalize_for_matching(str(w)) for w in raw.get("anaphoric_nouns") or ()),
    }


def phrase_in(tokens: list[Token], i: int, phrases: frozenset[tuple[str, ...]] | dict, max_len: int = 3
              ) -> tuple[tuple[str, ...], int] | None:
    """The longest phrase of ``phrases`` starting at token ``i`` (first word may carry a clitic): (key, length)."""
    for n in range(min(max_len, len(tokens) - i), 0, -1):
        window = tokens[i:i + n]
        tail = tuple(t.norm for t in window[1:])
        for h in proclitic_readings(window[0].norm):
            if (h,) + tail in phrases:
                return (h,) + tail, n
    return None
