"""The columns of every output table, defined once.

Each table has one :class:`Schema`: its columns in order and their types
(``str``, ``int``, ``float``, ``bool``). The analysers build their DataFrames
with these columns (``extract_claims``, ``find_entities``, ``find_quotes``,
``find_time_expressions``), corpus runs write them with the run's keys in
front (:func:`run_columns`), and exports and aggregates read them by name.

Example:
    >>> CLAIMS.columns[:3]
    ('doc_id', 'claim_id', 'sentence_index')
    >>> list(run_columns("quotes"))[:3]
    ['article_key', 'doc_id', 'start']
    >>> list(run_columns("claims"))[-2:]
    ['event_recalled', 'event_unit']
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Schema:
    """A table's columns (in order) with their types."""

    name: str
    types: tuple[tuple[str, str], ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """Column names in order."""
        return tuple(c for c, _ in self.types)

    def as_dict(self) -> dict[str, str]:
        """``{column: type}`` in order."""
        return dict(self.types)

    def of_type(self, kind: str) -> tuple[str, ...]:
        """Columns of one type (``"int"`` …)."""
        return tuple(c for c, t in self.types if t == kind)


def _schema(name: str, spec: str) -> Schema:
    """``"a:str b:int"`` → Schema."""
    return Schema(name, tuple(tuple(item.split(":")) for item in spec.split()))  # type: ignore[misc]


#: One row per quantitative claim (:func:`analysis.claims.extract_claims`).
CLAIMS = _schema("claims", """
    doc_id:str claim_id:str sentence_index:int sentence:str start:int end:int quantity_text:str
    value_low:float value_high:float qualifier:str unit_ar:str unit:str rate:str category:str event:str
    category_cue:str category_cue_start:int category_cue_end:int actor:str target:str location:str source:str
    source_en:str attribution_verb:str quoted:bool in_title:bool time_text:str
    duplicate_of:str conflicts_with:str note:str
""")

#: Columns :func:`analysis.events.link_events` adds to a claims table; a corpus run's claims table ends with them.
CLAIM_EVENTS = _schema("claim_events", """
    event_id:str event_figure:str event_kind:str event_place:str event_country:str event_date:str event_recalled:bool
    event_unit:str
""")

#: One row per event (:func:`analysis.events.event_table`): these columns, then ``<figure>_low``, ``_low_by``,
#: ``_high``, ``_high_by``, ``_disagreement`` for each figure type of ``lexicons/events/table.yaml``.
EVENTS = _schema("events", """
    event_id:str first_published:str last_published:str event_date:str kind:str places:str country:str claims:int
    articles:int outlets:str n_outlets:int sources:str doc_ids:str disagreement:str
""")

#: One row per event and figure type (:func:`analysis.events.event_figures`).
EVENT_FIGURES = _schema("event_figures", """
    event_id:str figure:str claims:int articles:int outlets:int low:float low_outlet:str low_source:str
    low_published:str low_doc_id:str high:float high_outlet:str high_source:str high_published:str high_doc_id:str
    disagreement:str same_day_spread:float first_published:str last_published:str
""")

#: One row per entity mention (:func:`analysis.entities.find_entities`).
ENTITIES = _schema("entities", """
    start:int end:int text:str canonical:str name_en:str type:str entity_id:str subtype:str country:str
    lat:float lon:float matched_alias:str form:str clitic:str resolved_from:str role:str place:str origin:str
""")

#: One row per quotation (:func:`analysis.attribution.find_quotes`).
QUOTES = _schema("quotes", """
    start:int end:int quote:str speaker:str speaker_canonical:str speaker_type:str speaker_entity_id:str
    verb:str verb_start:int carried_over:bool sentence_index:int n_words:int
""")

#: One row per time expression (:func:`analysis.timex.find_time_expressions`).
TIME_EXPRESSIONS = _schema("time_expressions", "start:int end:int text:str kind:str value:str duration:str")

#: One row per keyword of an article (:func:`analysis.keywords.top_keywords`; evidence after ``first_offset``).
KEYWORDS = _schema("keywords", """
    rank:int key:str display:str score:float count:int first_offset:int n_words:int kind:str weighted_count:float
    idf:float df:int demotion:float
""")

#: One row per input of a corpus run.
ARTICLES = _schema("articles", """
    article_key:str content_hash:str doc_id:str path:str record:str source:str category:str published:str
    month:str title:str url:str n_chars:int n_bytes:int n_claims:int n_entities:int n_quotes:int n_keywords:int
    status:str failed_stages:str
""")

#: One row per problem of a corpus run (an input not read, a stage that failed).
ERRORS = _schema("errors", "article_key:str doc_id:str path:str record:str stage:str error_type:str reason:str")

#: Columns a corpus run puts in front of an analyser's table: which article a row belongs to.
RUN_KEYS = _schema("run_keys", "article_key:str doc_id:str")
#: ... and, for claims, where and when the article appeared.
CLAIM_RUN_KEYS = _schema("claim_run_keys", "article_key:str outlet:str published:str doc_id:str")

#: The tables of a corpus run, in writing order, and the analyser schema behind each.
RUN_TABLES: dict[str, Schema] = {
    "articles": ARTICLES,
    "claims": CLAIMS,
    "entities": ENTITIES,
    "quotes": QUOTES,
    "keywords": KEYWORDS,
    "errors": ERRORS,
}


def run_columns(table: str) -> dict[str, str]:
    """``{column: type}`` of one table of a corpus run: the run's keys, then the analyser's columns.

    Raises:
        KeyError: ``table`` is not a run table.
    """
    schema = RUN_TABLES[table]
    if table in ("articles", "errors"):
        return schema.as_dict()
    keys = CLAIM_RUN_KEYS if table == "claims" else RUN_KEYS
    out = keys.as_dict()
    out.update((c, t) for c, t in schema.types if c not in out)
    if table == "claims":
        out.update(CLAIM_EVENTS.types)  # filled after the run by analysis.pipeline.events
    return out
