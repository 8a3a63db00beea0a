"""Tables of linked events: one row per event, one row per event and figure type.

:func:`event_figures` summarises each figure type of each event (killed, injured …):
its lowest and highest figure, who gave each (outlet, source) and when, and whether
the figures disagree — ``same_day`` when two outlets give incompatible figures on one
publication day, ``update`` when the figures only rise from one day to the next (a
toll climbing), ``none`` otherwise. :func:`event_table` puts one row per event with
its dates, places, kinds, outlets and sources, and these figures for the types of
``lexicons/events/table.yaml``.

Figures are compared as ranges: ``أكثر من 20`` is [20, ∞), ``نحو 30`` is [27, 33],
``20 إلى 25`` is [20, 25]; two figures disagree when their ranges do not overlap.
Vague figures (``عشرات``) and subgroups of a toll (children, women) are left out when
other figures exist.

Example:
    >>> import pandas as pd
    >>> linked = pd.DataFrame({
    ...     "event_id": ["E1", "E1", "E1", "E1"], "event_figure": ["killed"] * 4,
    ...     "outlet": ["BBC", "CNN", "CNN", "BBC"],
    ...     "published": ["2018-03-20", "2018-03-20", "2018-03-21", "2018-03-22"],
    ...     "value_low": [9.0, 10.0, 13.0, 20.0], "value_high": [9.0, 10.0, 13.0, 20.0],
    ...     "qualifier": ["exact", "exact", "at_least", "exact"], "unit": ["people"] * 4,
    ...     "source": ["", "وزارة الصحة", "", "مستشفى"], "doc_id": ["a", "b", "c", "d"]})
    >>> row = event_figures(linked).iloc[0]
    >>> (float(row.low), row.low_outlet, float(row.high), row.high_source, row.disagreement)
    (9.0, 'BBC', 20.0, 'مستشفى', 'same_day')
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from analysis.errors import LexiconError
from analysis.events.features import EventsInputError, cell_number, cell_text
from analysis.lexicons import lexicon_path, load_yaml
from analysis.schemas import EVENT_FIGURES, EVENTS

_TABLE_YAML = "events/table.yaml"
#: Columns :func:`event_figures` needs in the linked claims table.
FIGURE_INPUT_COLUMNS = ("event_id", "event_figure", "outlet", "published", "value_low", "value_high")
#: Columns of :func:`event_figures` (:data:`analysis.schemas.EVENT_FIGURES`).
EVENT_FIGURE_COLUMNS = EVENT_FIGURES.columns
#: Disagreement values, weakest first.
DISAGREEMENTS = ("none", "update", "same_day")


@dataclass(frozen=True)
class TableSettings:
    """``lexicons/events/table.yaml``."""

    figure_columns: tuple[str, ...]
    subgroup_units: frozenset[str]
    vague_qualifiers: frozenset[str]
    relative_tolerance: float
    approx_share: float


@lru_cache(maxsize=1)
def table_settings() -> TableSettings:
    """The settings of ``table.yaml``.

    Raises:
        LexiconError: A key is missing or of the wrong type.
    """
    data = load_yaml(_TABLE_YAML)
    try:
        return TableSettings(
            figure_columns=tuple(str(x) for x in data["figure_columns"]),
            subgroup_units=frozenset(str(x) for x in data["subgroup_units"]),
            vague_qualifiers=frozenset(str(x) for x in data["vague_qualifiers"]),
            relative_tolerance=float(data["relative_tolerance"]),
            approx_share=float(data["approx_share"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise LexiconError(f"{lexicon_path(_TABLE_YAML)}: missing or malformed key ({exc})") from exc


def figure_range(low: Any, high: Any, qualifier: Any, settings: TableSettings | None = None) -> tuple[float, float]:
    """The range a figure asserts: ``("more_than", 20)`` → ``(20, inf)``, ``("approx", 30)`` → ``(27, 33)``.

    Example:
        >>> figure_range(20.0, None, "more_than"), figure_range(30.0, 30.0, "approx")
        ((20.0, inf), (27.0, 33.0))
    """
    settings = settings or table_settings()
    lo, hi = cell_number(low), cell_number(high)
    lo = hi if lo is None else lo
    hi = lo if hi is None else hi
    if lo is None or hi is None:
        return (math.nan, math.nan)
    q = cell_text(qualifier)
    if q in ("more_than", "at_least"):
        return (lo, math.inf)
    if q in ("less_than", "at_most"):
        return (0.0, hi)
    if q == "approx":
        return (lo * (1 - settings.approx_share), hi * (1 + settings.approx_share))
    return (lo, hi)


def _disjoint(a: tuple[float, float], b: tuple[float, float], tolerance: float) -> bool:
    (a0, a1), (b0, b1) = a, b
    return a1 * (1 + tolerance) < b0 or b1 * (1 + tolerance) < a0


def _check(linked: Any, needed: Sequence[str]) -> None:
    if not isinstance(linked, pd.DataFrame):
        raise EventsInputError(f"expected the DataFrame of link_events, got {type(linked).__name__}")
    missing = [c for c in needed if c not in linked.columns]
    if missing:
        raise EventsInputError(f"linked claims lack column(s) {', '.join(missing)}: pass the output of link_events")


@dataclass
class _Figure:
    """One figure of the linked table, as event_figures reads it."""

    lo: float | None
    hi: float | None
    qualifier: str
    unit: str
    outlet: str
    day: str
    source: str
    doc: str


def _usable(group: list[_Figure], settings: TableSettings) -> list[_Figure]:
    """The figures to compare: not vague, with a value, and not subgroups when other units exist."""
    g = [f for f in group if f.qualifier not in settings.vague_qualifiers and f.lo is not None]
    whole = [f for f in g if f.unit not in settings.subgroup_units]
    return whole or g


def _disagreement(g: list[_Figure], settings: TableSettings) -> tuple[str, float]:
    """(``same_day`` | ``update`` | ``none``, largest same-day spread between outlets as a share of the larger)."""
    same_day, spread = False, 0.0
    by_day: dict[str, list[_Figure]] = {}
    for f in g:
        if f.day:
            by_day.setdefault(f.day, []).append(f)
    for figures in by_day.values():
        for i, a in enumerate(figures):
            for b in figures[i + 1:]:
                if a.outlet == b.outlet or not a.outlet or not b.outlet:
                    continue
                assert a.lo is not None and b.lo is not None and a.hi is not None and b.hi is not None
                if _disjoint((a.lo, a.hi), (b.lo, b.hi), settings.relative_tolerance):
                    same_day = True
                    top = max(a.lo, b.lo)
                    if top > 0:
                        spread = max(spread, abs(a.lo - b.lo) / top)
    if same_day:
        return "same_day", round(spread, 4)
    days = sorted(by_day)
    if len(days) > 1:
        peaks = [max(f.lo for f in by_day[d] if f.lo is not None) for d in days]
        if peaks[-1] > peaks[0]:
            return "update", 0.0
    return "none", 0.0


def _figures_by_event(linked: pd.DataFrame, settings: TableSettings) -> dict[tuple[str, str], list[_Figure]]:
    n = len(linked)

    def column(name: str) -> list[Any]:
        return linked[name].tolist() if name in linked.columns else [None] * n

    out: dict[tuple[str, str], list[_Figure]] = {}
    for event, figure, low, high, q, unit, outlet, published, source, doc in zip(
            column("event_id"), column("event_figure"), column("value_low"), column("value_high"),
            column("qualifier"), column("unit"), column("outlet"), column("published"), column("source"),
            column("doc_id")):
        if not isinstance(event, str) or not isinstance(figure, str):
            continue
        lo, hi = figure_range(low, high, q, settings)
        out.setdefault((event, figure), []).append(_Figure(
            None if math.isnan(lo) else lo, None if math.isnan(hi) else hi, cell_text(q), cell_text(unit),
            cell_text(outlet), cell_text(published)[:10], cell_text(source), cell_text(doc)))
    return out


def event_figures(linked: pd.DataFrame) -> pd.DataFrame:
    """One row per event and figure type (see the module docstring), sorted by event then figure.

    Args:
        linked: The output of :func:`analysis.events.link_events` (needs ``event_id``,
            ``event_figure``, ``outlet``, ``published``, ``value_low``, ``value_high``; reads
            ``qualifier``, ``unit``, ``source``, ``doc_id`` when present).

    Returns:
        Columns :data:`EVENT_FIGURE_COLUMNS`. ``low``/``high``: the lowest lower bound and the
        highest upper bound (the lower bound for "more than"); ``*_outlet``, ``*_source``,
        ``*_published``, ``*_doc_id``: who gave it and when (the earliest such claim);
        ``disagreement``: ``same_day``, ``update`` or ``none``; ``same_day_spread``: the
        largest gap between two outlets' figures on one day, as a share of the larger.

    Raises:
        EventsInputError: ``linked`` lacks a needed column.
    """
    _check(linked, FIGURE_INPUT_COLUMNS)
    settings = table_settings()
    rows = []
    for (event_id, figure), group in sorted(_figures_by_event(linked, settings).items()):
        days = sorted(f.day for f in group if f.day)
        row: dict[str, Any] = {
            "event_id": event_id, "figure": figure, "claims": len(group), "articles": len({f.doc for f in group}),
            "outlets": len({f.outlet for f in group if f.outlet}),
            "first_published": days[0] if days else None, "last_published": days[-1] if days else None,
        }
        g = sorted(_usable(group, settings), key=lambda f: (f.day or "9999", f.outlet, f.doc))
        if g:
            low = min(g, key=_low_value)
            high = max(g, key=_high_value)
            for name, pick, value in (("low", low, _low_value(low)), ("high", high, _high_value(high))):
                row[name] = value
                row[f"{name}_outlet"] = pick.outlet or None
                row[f"{name}_source"] = pick.source or None
                row[f"{name}_published"] = pick.day or None
                row[f"{name}_doc_id"] = pick.doc or None
            row["disagreement"], row["same_day_spread"] = _disagreement(g, settings)
        else:
            row["disagreement"], row["same_day_spread"] = "none", 0.0
        rows.append(row)
    return pd.DataFrame(rows, columns=list(EVENT_FIGURE_COLUMNS))


def _low_value(f: _Figure) -> float:
    return f.lo if f.lo is not None else math.inf


def _high_value(f: _Figure) -> float:
    """The upper bound, or the lower bound of an open range ("more than 20" counts 20)."""
    if f.hi is None or f.hi == math.inf:
        return f.lo if f.lo is not None else -math.inf
    return f.hi


def _top(values: Sequence[str], n: int | None = None) -> str:
    counts = Counter(v for v in values if v)
    ordered = sorted(counts, key=lambda v: (-counts[v], v))
    return "; ".join(ordered[:n] if n else ordered)


def event_table(linked: pd.DataFrame, figures: Sequence[str] | None = None) -> pd.DataFrame:
    """One row per event: dates, places, kind, outlets, sources, and its figures of each main type.

    Args:
        linked: The output of :func:`analysis.events.link_events`.
        figures: Figure types given columns (default ``figure_columns`` of ``table.yaml``).

    Returns:
        Columns ``event_id, first_published, last_published, event_date, kind, places, country,
        claims, articles, outlets, n_outlets, sources, doc_ids, disagreement`` and, per figure
        type ``f``, ``f_low, f_low_by, f_high, f_high_by, f_disagreement`` (``*_by``:
        ``"outlet · date · source"``). Sorted by outlets, articles (most first), then date and id.
        ``disagreement`` is the strongest over the event's figure types.

    Raises:
        EventsInputError: ``linked`` lacks a needed column.

    Example:
        >>> import pandas as pd
        >>> linked = pd.DataFrame({"event_id": ["E1", "E1"], "event_figure": ["killed", "killed"],
        ...     "outlet": ["BBC", "CNN"], "published": ["2018-03-20", "2018-03-21"], "value_low": [9.0, 12.0],
        ...     "value_high": [9.0, 12.0], "doc_id": ["a", "b"], "source": ["", "الوزارة"]})
        >>> t = event_table(linked, figures=["killed"])
        >>> row = t.iloc[0]
        >>> int(row.n_outlets), float(row.killed_low), float(row.killed_high), row.killed_high_by, row.disagreement
        (2, 9.0, 12.0, 'CNN · 2018-03-21 · الوزارة', 'update')
    """
    _check(linked, FIGURE_INPUT_COLUMNS)
    figures = tuple(figures) if figures is not None else table_settings().figure_columns
    per_figure = event_figures(linked)
    c = linked[linked["event_id"].notna()]
    rows = []
    col = {name: (c[name].tolist() if name in c.columns else [None] * len(c))
           for name in ("event_id", "published", "event_date", "event_kind", "event_place", "event_country",
                        "outlet", "source", "doc_id", "event_recalled")}
    groups: dict[str, list[int]] = {}
    for i, e in enumerate(col["event_id"]):
        groups.setdefault(e, []).append(i)
    for event_id, idx in groups.items():
        days = [cell_text(col["published"][i])[:10] for i in idx if cell_text(col["published"][i])]
        own = [i for i in idx if col["event_recalled"][i] is not True]
        dates = [cell_text(col["event_date"][i]) for i in (own or idx) if cell_text(col["event_date"][i])]
        kinds = [k for i in idx for k in cell_text(col["event_kind"][i]).split(";") if k]
        outlets = sorted({cell_text(col["outlet"][i]) for i in idx} - {""})
        rows.append({
            "event_id": event_id,
            "first_published": min(days) if days else None,
            "last_published": max(days) if days else None,
            "event_date": min(dates) if dates else None,
            "kind": _top(kinds, 1) or None,
            "places": _top([cell_text(col["event_place"][i]) for i in idx], 3) or None,
            "country": _top([cell_text(col["event_country"][i]) for i in idx], 1) or None,
            "claims": len(idx),
            "articles": len({cell_text(col["doc_id"][i]) for i in idx}),
            "outlets": "; ".join(outlets) or None,
            "n_outlets": len(outlets),
            "sources": _top([cell_text(col["source"][i]) for i in idx], 5) or None,
            "doc_ids": "; ".join(sorted({cell_text(col["doc_id"][i]) for i in idx} - {""})) or None,
        })
    table = pd.DataFrame(rows, columns=[c for c in EVENTS.columns if c != "disagreement"])
    strongest = (per_figure.assign(_rank=per_figure["disagreement"].map(DISAGREEMENTS.index))
                 .groupby("event_id")["_rank"].max())
    table["disagreement"] = [DISAGREEMENTS[int(strongest.get(e, 0))] for e in table["event_id"]]
    records = {(r["event_id"], r["figure"]): r for r in per_figure.to_dict("records")}
    for f in figures:
        cols: dict[str, list[Any]] = {f"{f}_{k}": [] for k in ("low", "low_by", "high", "high_by", "disagreement")}
        for e in table["event_id"]:
            r = records.get((e, f))
            for k in ("low", "high"):
                value = None if r is None else r[k]
                cols[f"{f}_{k}"].append(None if value is None or pd.isna(value) else float(value))
                by = None if r is None or value is None or pd.isna(value) else " · ".join(
                    x for x in (cell_text(r[f"{k}_outlet"]), cell_text(r[f"{k}_published"]),
                                cell_text(r[f"{k}_source"])) if x)
                cols[f"{f}_{k}_by"].append(by)
            cols[f"{f}_disagreement"].append(None if r is None else r["disagreement"])
        for name, values in cols.items():
            table[name] = pd.array(values, dtype="Float64" if name.endswith(("_low", "_high")) else "string")
    table = table.sort_values(["n_outlets", "articles", "first_published", "event_id"],
                              ascending=[False, False, True, True], kind="mergesort", na_position="last")
    return table.reset_index(drop=True)
