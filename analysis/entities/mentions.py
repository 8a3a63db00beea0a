"""Named entities of a text: the gazetteer's, the names their cues reveal, and candidates.

Three sources, in this order (each later one only where the earlier ones found nothing):

1. :mod:`analysis.entities.gazetteer`: the hand layer (persons, organisations, places,
   events with their aliases, clitic-attached forms and spelling variants) and the
   world layer (countries, regions and cities from CLDR and GeoNames);
2. :mod:`analysis.entities.rules`: persons after titles, as subjects of reporting verbs,
   before appositions, next to kinship nouns, and their repeats; organisations by their
   head noun (a place inside one is its ``place``, not a mention) — typed ``PERSON`` or
   ``ORG`` with ``origin='rule'``;
3. ``CANDIDATE``: a word with the ending of a transliterated foreign name (``…فيتش``,
   ``…ينكو``) and no other cue, proposed so analysts can grow the gazetteer.

Cues and word lists are data (``analysis/lexicons/gazetteer/cues.yaml``).

Example:
    >>> df = find_entities("وقال الجنرال جيمس هارتلي إن الوضع في إدلب معقد")
    >>> df[["text", "type", "role"]].values.tolist()
    [['جيمس هارتلي', 'PERSON', 'الجنرال'], ['إدلب', 'PLACE', '']]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

from analysis.entities.gazetteer import EntityMention, check_text, load_gazetteer
from analysis.entities.rules import cue_words, matching_offsets, name_word, rule_mentions
from analysis.schemas import ENTITIES
from analysis.text.document import Document, as_document, register_layer
from analysis.text.normalize import MatchingText, matching_text

if TYPE_CHECKING:
    import pandas as pd

#: Columns of :func:`find_entities`, in order (:data:`analysis.schemas.ENTITIES`).
ENTITY_COLUMNS: tuple[str, ...] = ENTITIES.columns
_WORD_RE = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _ending_re() -> re.Pattern[str]:
    """Words (matching form) that end like a transliterated foreign name."""
    endings = "|".join(re.escape(e) for e in sorted(cue_words()["endings"], key=len, reverse=True))
    return re.compile(rf"(?<!\w)\w+(?:{endings})(?!\w)")


def _transliterated(mt: MatchingText, mentions: list[EntityMention], text: str) -> list[EntityMention]:
    """CANDIDATE names by the endings of transliterated foreign names (``…فيتش``, ``…ينكو``), outside known mentions."""
    cw = cue_words()
    t = mt.text
    found = [w for w in _ending_re().finditer(t) if len(w.group()) >= cw["min_len"] and not w.group().isdigit()]
    if not found:
        return []
    to_matching = matching_offsets(mt)
    spans = sorted((to_matching(m.start), to_matching(m.end)) for m in mentions)
    starts = [a for a, _ in spans]
    out: list[EntityMention] = []
    for w in found:
        word = w.group()
        k = bisect_right(starts, w.start()) - 1
        if k >= 0 and spans[k][0] <= w.start() < spans[k][1]:
            continue  # inside a known mention
        if word in cw["stop"] or not name_word(word, first=True):
            continue
        os_, oe = mt.to_original(w.start(), w.end())
        out.append(EntityMention(
            start=os_, end=oe, text=text[os_:oe], entity_id="", canonical=text[os_:oe], name_en="",
            type="CANDIDATE", subtype="", country="", lat=None, lon=None, matched_alias="", form="transliteration",
            origin="rule"))
    return out


def entity_mentions(text: "str | Document", *, adjectives: bool = False, candidates: bool = True,
                    mt: MatchingText | None = None) -> list[EntityMention]:
    """Entity mentions of ``text`` as light objects (for corpus pipelines), sorted by start.

    Args:
        text: Original text (offsets point into it), or a :class:`~analysis.text.document.Document`
            (its cached ``entities`` layer is filtered).
        adjectives: Also report nisba adjectives (``الروسية`` → Russia) with ``form='adjective'``.
        candidates: Propose unknown names as ``CANDIDATE`` from cues.
        mt: The matching form of ``text`` (:func:`analysis.text.normalize.matching_text`) if the caller has it.

    Raises:
        analysis.entities.gazetteer.EntityInputError: ``text`` is not a string.
    """
    if isinstance(text, Document):
        mentions = text.entities
    else:
        check_text(text)
        if mt is None or mt.original is not text:
            mt = matching_text(text)
        mentions = _all_mentions(text, mt, load_gazetteer().scan(mt))
    return [m for m in mentions if (adjectives or m.form != "adjective") and (candidates or m.type != "CANDIDATE")]


def _all_mentions(text: str, mt: MatchingText, hits: list) -> list[EntityMention]:
    """Every mention: gazetteer names and adjectives, names found by their cues, candidates; sorted by span."""
    mentions = load_gazetteer().match(text, adjectives=True, mt=mt, hits=hits)
    mentions = rule_mentions(text, mt, mentions)
    mentions = mentions + _transliterated(mt, mentions, text)
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


register_layer("gazetteer_hits", lambda doc: load_gazetteer().scan(doc.matching), provider=__name__)
register_layer("entities", lambda doc: _all_mentions(doc.text, doc.matching, doc.gazetteer_hits), provider=__name__)


def find_entities(text: "str | Document", *, adjectives: bool = False, candidates: bool = True) -> "pd.DataFrame":
    """Entities of ``text`` as a table sorted by start.

    Columns: ``start, end, text, canonical, name_en, type`` (``PERSON``, ``ORG``,
    ``PLACE``, ``EVENT``, ``CANDIDATE``), then ``entity_id, subtype, country,
    lat, lon, matched_alias, form`` (name, alias, short_alias, adjective, variant,
    role, ``cue:<kind>``, head, head+place, institution, quoted, repeat,
    transliteration), ``clitic`` (proclitics left outside the span: ``بإدلب`` → ``ب``),
    ``resolved_from`` (a generic office such as ``وزارة الدفاع`` resolved to the
    organisation named before), ``role`` (a person's title, kept out of the span),
    ``place`` (the place inside an organisation's name) and ``origin`` (``hand``,
    ``cldr``, ``geonames``, ``rule``).

    Example:
        >>> find_entities("ونقل لافروف عن نظيره بإدلب")[["text", "canonical"]].values.tolist()
        [['لافروف', 'سيرغي لافروف'], ['إدلب', 'إدلب']]
    """
    import pandas as pd

    rows = [m.as_row() for m in entity_mentions(text, adjectives=adjectives, candidates=candidates)]
    df = pd.DataFrame(rows, columns=list(ENTITY_COLUMNS))
    return df.astype({**dict.fromkeys(ENTITIES.of_type("int"), "int64"),
                      **dict.fromkeys(ENTITIES.of_type("float"), "float64")})


def cooccurrence(text: "str | Document", *, left: tuple[str, ...] = ("PERSON", "ORG"),
                 right: tuple[str, ...] = ("PLACE",), mentions: list[EntityMention] | None = None) -> "pd.DataFrame":
    """How many sentences name both an entity of the ``left`` types and one of the ``right`` types.

    Sentences are the document's (:attr:`analysis.text.document.Document.sentence_spans`).
    Each pair counts once per sentence. Returns columns ``left, left_type, right, right_type, sentences``
    (canonical names), sorted by count (descending), then names.

    Example:
        >>> cooccurrence("قال لافروف في موسكو إن الوضع في إدلب صعب.").values.tolist()
        [['سيرغي لافروف', 'PERSON', 'إدلب', 'PLACE', 1], ['سيرغي لافروف', 'PERSON', 'موسكو', 'PLACE', 1]]
    """
    import pandas as pd

    doc = as_document(text)
    ms = mentions if mentions is not None else entity_mentions(doc, candidates=False)
    counts: dict[tuple[str, str, str, str], int] = {}
    k = 0
    for s, e in doc.sentence_spans:
        inside = []
        while k < len(ms) and ms[k].start < e:
            if ms[k].start >= s:
                inside.append(ms[k])
            k += 1
        lefts = {(m.canonical, m.type) for m in inside if m.type in left}
        rights = {(m.canonical, m.type) for m in inside if m.type in right}
        for a in lefts:
            for b in rights:
                if a != b:
                    counts[(a[0], a[1], b[0], b[1])] = counts.get((a[0], a[1], b[0], b[1]), 0) + 1
    rows = [(*key, n) for key, n in counts.items()]
    df = pd.DataFrame(rows, columns=["left", "left_type", "right", "right_type", "sentences"])
    return df.sort_values(["sentences", "left", "right"], ascending=[False, True, True],
                          kind="stable").reset_index(drop=True)
