"""Events: the claims that different articles and outlets make about one real-world event.

Layer: reads claims tables (any extractor's, by their columns), the gazetteer, time
expressions and lemma keys; :mod:`analysis.pipeline` runs it after a corpus run.

* :func:`link_events` — every claim with the id of the event it is a figure of
  (:mod:`analysis.events.linking`; article units in :mod:`analysis.events.units`,
  claim features in :mod:`analysis.events.features`).
* :func:`event_table` — one row per event: dates, places, kind, outlets, sources, the
  lowest and highest figure of each type with who gave it and when, and whether the
  figures disagree (a toll rising over days, or outlets disagreeing on one day);
  :func:`event_figures` — the same per event and figure type (:mod:`analysis.events.table`).

Data (kinds, figure types, cues, weights): ``analysis/lexicons/events/``.
"""

from analysis.events.features import EventsInputError
from analysis.events.lexicon import LinkConfig, link_config
from analysis.events.linking import LINK_COLUMNS, link_events
from analysis.events.table import EVENT_FIGURE_COLUMNS, event_figures, event_table

__all__ = ["EVENT_FIGURE_COLUMNS", "EventsInputError", "LINK_COLUMNS", "LinkConfig", "event_figures", "event_table",
           "link_config", "link_events"]
