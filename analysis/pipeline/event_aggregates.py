"""Aggregated event tables of a corpus run — figures, outlets, dates, sources and doc_ids, never article text.

Called by :func:`analysis.pipeline.aggregates.aggregate_run` when the run has event tables
(``python -m analysis run`` writes them; ``python -m analysis events RUN_DIR`` adds them to
an older run). Every table keeps only events reported by at least ``MIN_OUTLETS`` outlets,
is sorted on its key columns and has no timestamps.

======================================  ===========================================================
``events_multi_outlet``                 one row per event reported by 2+ outlets: dates, kind,
                                        places, outlets, killed/injured lowest and highest, doc_ids
``event_figures``                       per event and figure type: lowest and highest figure, who
                                        gave each and when, disagreement (same_day / update / none)
``event_claims``                        the figures of the largest events, one row per claim: value,
                                        unit, outlet, date, source, doc_id and claim_id (the
                                        sentence is one lookup away in the run's claims table)
``event_same_day``                      per event, figure type and day with 2+ outlets: the lowest
                                        and highest figure, the spread, whether outlets disagree
``event_outlet_sources``                per outlet and source: claims and events of multi-outlet events
======================================  ===========================================================
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis.csvio import read_csv
from analysis.events.table import figure_range, table_settings
from analysis.pipeline.article import TABLE_SCHEMAS
from analysis.pipeline.tables import coerce_frame
from analysis.schemas import EVENT_FIGURES

#: Events reported by fewer outlets are left out of the aggregated tables.
MIN_OUTLETS = 2
#: Events (most articles first) whose claims are listed one by one in ``event_claims``.
LARGEST_EVENTS = 12
#: Figure types with lowest/highest columns in ``events_multi_outlet``.
SUMMARY_FIGURES = ("killed", "injured")
UNKNOWN = "(unknown)"

EVENT_TABLE_DOCS: dict[str, str] = {
    "events_multi_outlet": "event_id, first_published, last_published, event_date, kind, places, country, claims, "
                           "articles, n_outlets, outlets, disagreement, killed_low, killed_high, injured_low, "
                           "injured_high, doc_ids — events reported by two outlets or more (automatic linking)",
    "event_figures": "event_id, figure, claims, articles, outlets, low, low_outlet, low_source, low_published, "
                     "low_doc_id, high, …, disagreement (same_day: outlets disagree on one day; update: the figure "
                     "rises from day to day), same_day_spread — per event and figure type",
    "event_claims": "event_id, figure, value_low, value_high, qualifier, unit, outlet, published, source, recalled, "
                    "doc_id, claim_id — every figure of the largest events (look the sentence up in the run's "
                    "claims table by doc_id and claim_id)",
    "event_same_day": "event_id, figure, published, outlets, figures, low, high, spread, disagree — each day on "
                      "which two outlets or more give comparable figures (killed, injured …) of one event",
    "event_outlet_sources": "outlet, source, claims, events — whom each outlet cites for the figures of "
                            "multi-outlet events",
}

_CLAIM_COLUMNS = ["event_id", "event_figure", "value_low", "value_high", "qualifier", "unit", "outlet", "published",
                  "source", "event_recalled", "doc_id", "claim_id"]


def has_events(run: Path) -> bool:
    """Whether the run folder holds the event tables."""
    return (run / "events.csv").exists() and (run / "event_figures.csv").exists()


def _sorted(frame: pd.DataFrame, by: list[str], ascending: list[bool] | bool = True) -> pd.DataFrame:
    return frame.sort_values(by, ascending=ascending, kind="mergesort").reset_index(drop=True)


def _label(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return UNKNOWN
    s = " ".join(str(value).split())
    return s or UNKNOWN


def events_multi_outlet(events: pd.DataFrame) -> pd.DataFrame:
    keep = events[events["n_outlets"] >= MIN_OUTLETS]
    cols = ["event_id", "first_published", "last_published", "event_date", "kind", "places", "country", "claims",
            "articles", "n_outlets", "outlets", "disagreement"]
    cols += [f"{f}_{k}" for f in SUMMARY_FIGURES for k in ("low", "high") if f"{f}_{k}" in keep.columns]
    out = keep[[*cols, "doc_ids"]].copy()
    return _sorted(out, ["n_outlets", "articles", "first_published", "event_id"], [False, False, True, True])


def figures_of(figures: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    ids = set(events.loc[events["n_outlets"] >= MIN_OUTLETS, "event_id"])
    out = figures[figures["event_id"].isin(ids)]
    return _sorted(out[list(EVENT_FIGURES.columns)], ["event_id", "figure"])


def event_claims(claims: pd.DataFrame, events: pd.DataFrame, n: int = LARGEST_EVENTS) -> pd.DataFrame:
    multi = events[events["n_outlets"] >= MIN_OUTLETS]
    top = _sorted(multi, ["articles", "n_outlets", "event_id"], [False, False, True]).head(n)["event_id"]
    c = claims[claims["event_id"].isin(set(top)) & claims["event_figure"].notna()][_CLAIM_COLUMNS].copy()
    c = c.rename(columns={"event_figure": "figure", "event_recalled": "recalled"})
    for col in ("qualifier", "unit", "outlet", "source"):
        c[col] = c[col].map(_label)
    return _sorted(c, ["event_id", "figure", "published", "outlet", "doc_id", "claim_id"])


def event_same_day(claims: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Per event, main figure type (``table.yaml``) and day with figures from 2+ outlets.

    Range, spread, disagreement.
    """
    settings = table_settings()
    ids = set(events.loc[events["n_outlets"] >= MIN_OUTLETS, "event_id"])
    c = claims[claims["event_id"].isin(ids) & claims["event_figure"].isin(settings.figure_columns)]
    c = c[~c["qualifier"].isin(settings.vague_qualifiers) & c["outlet"].notna()]
    c = c[~c["unit"].isin(settings.subgroup_units)]
    rows = []
    for (event_id, figure, day), g in c.groupby(["event_id", "event_figure", c["published"].str[:10]], sort=True):
        ranges = [(o, *figure_range(lo, hi, q, settings))
                  for o, lo, hi, q in zip(g["outlet"], g["value_low"], g["value_high"], g["qualifier"])]
        ranges = [r for r in ranges if r[1] == r[1]]  # drop figures without a value
        outlets = sorted({r[0] for r in ranges})
        if len(outlets) < 2:
            continue
        disagree = any(a[0] != b[0] and (a[2] < b[1] or b[2] < a[1]) for i, a in enumerate(ranges)
                       for b in ranges[i + 1:])
        low = min(r[1] for r in ranges)
        high = max(r[1] for r in ranges)  # lower bounds: "more than 20" counts 20
        rows.append({"event_id": event_id, "figure": figure, "published": day, "outlets": "; ".join(outlets),
                     "figures": len(ranges), "low": low, "high": high,
                     "spread": round((high - low) / high, 4) if high > 0 else 0.0, "disagree": disagree})
    out = pd.DataFrame(rows, columns=["event_id", "figure", "published", "outlets", "figures", "low", "high", "spread",
                                      "disagree"])
    return _sorted(out, ["event_id", "figure", "published"])


def event_outlet_sources(claims: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    ids = set(events.loc[events["n_outlets"] >= MIN_OUTLETS, "event_id"])
    c = claims[claims["event_id"].isin(ids) & claims["event_figure"].notna()].copy()
    c["outlet"] = c["outlet"].map(_label)
    c["source"] = c["source"].map(_label)
    out = c.groupby(["outlet", "source"]).agg(claims=("event_id", "size"), events=("event_id", "nunique"))
    return _sorted(out.reset_index(), ["outlet", "claims", "source"], [True, False, True])


def event_builders(run: Path, read: Callable[[Path, str, list[str]], pd.DataFrame],
                   ) -> dict[str, Callable[[], pd.DataFrame]]:
    """Builders of the aggregated event tables of a run (empty when the run has no event tables).

    Args:
        run: The run folder.
        read: ``read(run, table, columns)`` → typed frame of a run table (the aggregator's reader).
    """
    if not has_events(run):
        return {}
    events = read_csv(run / "events.csv")
    events = events.replace("", pd.NA)
    for col in ("claims", "articles", "n_outlets"):
        events[col] = pd.to_numeric(events[col]).astype(int)
    for col in [c for c in events.columns if c.endswith(("_low", "_high"))]:
        events[col] = pd.to_numeric(events[col])
    figures = coerce_frame(read_csv(run / "event_figures.csv"),
                           EVENT_FIGURES.as_dict())
    claims = read(run, "claims", [c for c in _CLAIM_COLUMNS if c in TABLE_SCHEMAS["claims"]])
    return {
        "events_multi_outlet": lambda: events_multi_outlet(events),
        "event_figures": lambda: figures_of(figures, events),
        "event_claims": lambda: event_claims(claims, events),
        "event_same_day": lambda: event_same_day(claims, events),
        "event_outlet_sources": lambda: event_outlet_sources(claims, events),
    }
