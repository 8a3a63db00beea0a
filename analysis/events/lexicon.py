"""The events lexicons (``analysis/lexicons/events/``), loaded once and checked.

Four files (see the README there): ``kinds.csv`` and ``kinds.yaml`` (words that name
an event's kind, and which kinds may describe one event), ``figures.csv`` (which
claims are figures of an event, and of which type), ``cues.yaml`` (recall,
background, update and place cues) and ``linking.yaml`` (the weights, windows
and thresholds of :func:`analysis.events.link_events`).

A missing file, a missing key or a bad value raises
:class:`~analysis.errors.LexiconError` naming the file.

Example:
    >>> sorted(kinds_in(["قصف", "جوي", "على", "دوما"]))
    ['airstrike']
    >>> figure_of("casualties", "killed", "civilians")
    'killed'
    >>> figure_of("economy", "cost", "usd") is None
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

from analysis.errors import LexiconError
from analysis.lexicons import lexicon_path, load_csv, load_yaml
from analysis.text.lemmas import lemma_key
from analysis.text.normalize import match_form

_KINDS_CSV = "events/kinds.csv"
_KINDS_YAML = "events/kinds.yaml"
_FIGURES_CSV = "events/figures.csv"
_CUES_YAML = "events/cues.yaml"
_LINKING_YAML = "events/linking.yaml"
#: A figure value of ``figures.csv`` meaning "not a figure of an event".
NOT_A_FIGURE = "-"


def _need(data: Any, key: str, name: str, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(data, dict) or key not in data:
        raise LexiconError(f"{lexicon_path(name)}: missing key {key!r}")
    value = data[key]
    if not isinstance(value, kind):
        raise LexiconError(f"{lexicon_path(name)}: {key!r} must be {getattr(kind, '__name__', kind)}, "
                           f"got {type(value).__name__}")
    return value


# --- kinds ------------------------------------------------------------------


@lru_cache(maxsize=1)
def kind_names() -> tuple[str, ...]:
    """Every event kind, in the order of ``kinds.yaml``."""
    data = load_yaml(_KINDS_YAML)
    kinds = _need(data, "kinds", _KINDS_YAML, list)
    return tuple(str(k) for k in kinds)


@lru_cache(maxsize=1)
def kind_compatibility() -> dict[str, frozenset[str]]:
    """Kind → kinds that may describe the same event (symmetric, reflexive)."""
    data = load_yaml(_KINDS_YAML)
    known = set(kind_names())
    pairs = _need(data, "compatible", _KINDS_YAML, dict)
    out: dict[str, set[str]] = {k: {k} for k in known}
    for kind, others in pairs.items():
        if kind not in known or not isinstance(others, list) or any(o not in known for o in others):
            raise LexiconError(f"{lexicon_path(_KINDS_YAML)}: compatible[{kind!r}] names an unknown kind "
                               f"(known: {sorted(known)})")
        for other in others:
            out[kind].add(other)
            out[other].add(kind)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def kind_triggers() -> dict[tuple[str, ...], str]:
    """Lemma-key sequence (one or two keys) → kind, from ``kinds.csv``."""
    known = set(kind_names())
    out: dict[tuple[str, ...], str] = {}
    for line, row in enumerate(load_csv(_KINDS_CSV), start=1):
        form, kind = row["form"].strip(), row["kind"].strip()
        if kind not in known:
            raise LexiconError(f"{lexicon_path(_KINDS_CSV)}: row {line} ({form!r}): unknown kind {kind!r}")
        keys = tuple(k for k in (lemma_key(w) for w in form.split()) if k)
        if not keys or len(keys) > 2:
            raise LexiconError(f"{lexicon_path(_KINDS_CSV)}: row {line}: form {form!r} must be one or two words")
        out.setdefault(keys, kind)
    return out


def kinds_in(keys: Sequence[str]) -> set[str]:
    """The kinds named in a sequence of lemma keys (one sentence).

    Example:
        >>> from analysis.text.tokens import iter_word_keys
        >>> sorted(kinds_in(iter_word_keys("انفجار سيارة مفخخة قرب السوق")))
        ['bombing']
    """
    triggers = kind_triggers()
    found = set()
    for i, key in enumerate(keys):
        kind = triggers.get((key,))
        if kind is not None:
            found.add(kind)
        if i + 1 < len(keys):
            kind = triggers.get((key, keys[i + 1]))
            if kind is not None:
                found.add(kind)
    return found


# --- figures ----------------------------------------------------------------


@lru_cache(maxsize=1)
def _figure_rows() -> tuple[tuple[str, str, str, str], ...]:
    rows = []
    for line, row in enumerate(load_csv(_FIGURES_CSV), start=1):
        values = tuple(row[c].strip() for c in ("category", "event", "unit", "figure"))
        if not values[3]:
            raise LexiconError(f"{lexicon_path(_FIGURES_CSV)}: row {line}: empty figure")
        rows.append(values)
    return tuple(rows)


@lru_cache(maxsize=4096)
def figure_of(category: str | None, event: str | None, unit: str | None) -> str | None:
    """The figure type of a claim (``killed``, ``injured`` …), or None when it is not a figure of an event."""
    values = (category or "", event or "", unit or "")
    for *pattern, figure in _figure_rows():
        if all(p == "*" or p == v for p, v in zip(pattern, values)):
            return None if figure == NOT_A_FIGURE else figure
    return None


@lru_cache(maxsize=1)
def figure_names() -> tuple[str, ...]:
    """Every figure type of ``figures.csv`` in file order (without the not-a-figure mark)."""
    return tuple(dict.fromkeys(r[3] for r in _figure_rows() if r[3] != NOT_A_FIGURE))


# --- cues -------------------------------------------------------------------


def _phrase_re(words: Iterable[str]) -> re.Pattern[str]:
    """One regex over the matching form: any of the phrases, as whole words (after و/ف/ب/ل)."""
    forms = sorted({match_form(w) for w in words if str(w).strip()}, key=len, reverse=True)
    if not forms:
        return re.compile(r"(?!x)x")
    alternatives = "|".join(re.escape(f) for f in forms)
    return re.compile(rf"(?<!\w)(?:[وفبل])?(?:{alternatives})(?!\w)")


@dataclass(frozen=True)
class Cues:
    """The compiled cues of ``cues.yaml``."""

    recall: re.Pattern[str]
    background: re.Pattern[str]
    update: re.Pattern[str]
    pluperfect_starts: frozenset[str]
    pluperfect_particle: str
    pluperfect_window: int
    recall_min_days: int
    background_min_duration_days: int
    running_total_min_days: int
    place_cues: frozenset[str]
    place_cue_stop: frozenset[str]
    place_name_prefixes: frozenset[str]
    region_cues: frozenset[str]
    dateline_markers: tuple[str, ...]
    dateline_max_chars: int
    clause_boundary: re.Pattern[str]


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The cues of ``cues.yaml``, compiled."""
    data = load_yaml(_CUES_YAML)
    lists = {k: _need(data, k, _CUES_YAML, list) for k in ("recall_phrases", "background_phrases", "update_phrases",
                                                           "pluperfect_starts", "place_cues", "place_cue_stop",
                                                           "place_name_prefixes",
                                                           "region_cues", "dateline_markers", "clause_connectors")}
    ints = {k: _need(data, k, _CUES_YAML, int) for k in ("pluperfect_window", "recall_min_days",
                                                         "background_min_duration_days", "dateline_max_chars",
                                                         "running_total_min_days")}
    return Cues(
        recall=_phrase_re(lists["recall_phrases"]),
        background=_phrase_re(lists["background_phrases"]),
        update=_phrase_re(lists["update_phrases"]),
        pluperfect_starts=frozenset(match_form(w) for w in lists["pluperfect_starts"]),
        pluperfect_particle=match_form(str(_need(data, "pluperfect_particle", _CUES_YAML, str))),
        pluperfect_window=ints["pluperfect_window"],
        recall_min_days=ints["recall_min_days"],
        background_min_duration_days=ints["background_min_duration_days"],
        running_total_min_days=ints["running_total_min_days"],
        place_cues=frozenset(match_form(w) for w in lists["place_cues"]),
        place_cue_stop=frozenset(match_form(w) for w in lists["place_cue_stop"]),
        place_name_prefixes=frozenset(match_form(w) for w in lists["place_name_prefixes"]),
        region_cues=frozenset(match_form(w) for w in lists["region_cues"]),
        dateline_markers=tuple(str(w) for w in lists["dateline_markers"]),
        dateline_max_chars=ints["dateline_max_chars"],
        # punctuation, or a connector between spaces, as written (the sentence is not normalized)
        clause_boundary=re.compile(r"[،,;؛:]|\s(?:" + "|".join(re.escape(str(w)) for w in lists["clause_connectors"])
                                   + r")\s"),
    )


# --- linking parameters -----------------------------------------------------


@dataclass(frozen=True)
class LinkConfig:
    """Weights, windows and thresholds of :func:`analysis.events.link_events` (``linking.yaml``).

    Every field is documented in ``analysis/lexicons/events/README.md``. Build a variant with
    :func:`dataclasses.replace`: ``replace(link_config(), merge_threshold=1.0)``.
    """

    report_lag_days: int
    max_gap_days: int
    gap_penalty: tuple[float, ...]
    max_interval_days: int
    recall_lookback_days: int
    place_same_specific: float
    place_near_specific: float
    near_km: float
    place_contains: float
    region_km: float
    place_same_region: float
    place_same_country: float
    place_conflict: float
    place_unknown: float
    kind_same: float
    kind_compatible: float
    kind_conflict: float
    text_weight: float
    figure_match: float
    figure_match_min: float
    update_bonus: float
    merge_threshold: float
    attach_threshold: float


@lru_cache(maxsize=1)
def link_config() -> LinkConfig:
    """The parameters of ``linking.yaml``.

    Raises:
        LexiconError: A parameter is missing or not a number; ``gap_penalty`` does not have
            ``max_gap_days + 1`` entries.
    """
    data = load_yaml(_LINKING_YAML)
    values: dict[str, Any] = {}
    for f in fields(LinkConfig):
        if f.name == "gap_penalty":
            raw = _need(data, f.name, _LINKING_YAML, list)
            try:
                values[f.name] = tuple(float(x) for x in raw)
            except (TypeError, ValueError) as exc:
                raise LexiconError(f"{lexicon_path(_LINKING_YAML)}: gap_penalty must be numbers") from exc
            continue
        raw = _need(data, f.name, _LINKING_YAML, (int, float))
        values[f.name] = int(raw) if f.type in ("int", int) else float(raw)
    config = LinkConfig(**values)
    if len(config.gap_penalty) != config.max_gap_days + 1:
        raise LexiconError(f"{lexicon_path(_LINKING_YAML)}: gap_penalty needs max_gap_days + 1 = "
                           f"{config.max_gap_days + 1} values, got {len(config.gap_penalty)}")
    return config
