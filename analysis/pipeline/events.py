"""Events of a corpus run: link the run's claims across articles and write the event tables.

Runs once the per-article tables are complete (:func:`analysis.pipeline.runner.run_corpus`
calls it; ``python -m analysis events RUN_DIR`` re-links an existing run). It reads the
run's ``claims`` and ``articles`` tables, calls :func:`analysis.events.link_events`
(titles add places and words to each article's own event), rewrites ``claims`` with
the ``event_*`` columns filled, and writes ``events`` (one row per event,
:func:`analysis.events.event_table`) and ``event_figures`` (one row per event and
figure type) — CSV, and Parquet when pyarrow is installed, each atomically.

Example:
    >>> link_run("build/corpus-run")  # doctest: +SKIP
    {'claims': 20181, 'linked_claims': 12074, 'events': 3742, 'events_multi_outlet': 467}
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from analysis.errors import AnalysisError
from analysis.events import event_figures, event_table, link_events
from analysis.pipeline.article import TABLE_SCHEMAS
from analysis.pipeline.tables import read_table_csv, write_table
from analysis.schemas import EVENT_FIGURES

#: Tables written by :func:`link_run` (besides the rewritten ``claims``).
EVENT_TABLES = ("events", "event_figures")


class EventsRunError(AnalysisError):
    """A run folder lacks the claims or articles table."""


def _read(run: Path, name: str) -> pd.DataFrame:
    path = run / f"{name}.csv"
    if not path.exists():
        raise EventsRunError(f"{path}: no {name} table (run `python -m analysis run … --out {run}` first)")
    return read_table_csv(path, TABLE_SCHEMAS[name])


def _plain_booleans(frame: pd.DataFrame) -> pd.DataFrame:
    """Nullable boolean columns as objects with None for missing (what the table writer's coercion expects)."""
    out = frame.copy()
    for col in out.columns:
        if str(out[col].dtype) == "boolean":
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


def link_run(run_dir: str | os.PathLike[str], *, parquet: bool | None = None) -> dict[str, int]:
    """Link the claims of a run folder into events and write the event tables (see the module docstring).

    Args:
        run_dir: Output folder of ``python -m analysis run``.
        parquet: Also write Parquet (default: when pyarrow is installed).

    Returns:
        Counts: ``claims``, ``linked_claims`` (with an event id), ``events``,
        ``events_multi_outlet`` (reported by two outlets or more).

    Raises:
        EventsRunError: The claims or articles table is missing.
    """
    run = Path(run_dir)
    claims = _read(run, "claims")
    articles = _read(run, "articles")
    linked = link_events(claims, articles=articles)
    write_table(_plain_booleans(linked), run / "claims", TABLE_SCHEMAS["claims"], parquet=parquet)
    events = event_table(linked)
    write_table(events, run / "events", parquet=parquet)
    write_table(event_figures(linked), run / "event_figures", EVENT_FIGURES.as_dict(), parquet=parquet)
    return {
        "claims": len(linked),
        "linked_claims": int(linked["event_id"].notna().sum()),
        "events": len(events),
        "events_multi_outlet": int((events["n_outlets"] >= 2).sum()),
    }
