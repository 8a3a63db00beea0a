"""The gazetteer: persons, organisations, places and events, and a fast matcher over them.

The entries live as data in ``analysis/lexicons/gazetteer/`` (``persons.yaml``,
``organisations.yaml``, ``places.yaml``, ``events.yaml``; see the README there).
This module loads them once and compiles every name, alias and adjective form
into one Aho–Corasick automaton over the *matching form* of the text
(:func:`analysis.text.normalize.normalize_for_matching`: no diacritics or tatweel,
``أ إ آ`` → ``ا``, ``ى`` → ``ي``, ``ة`` → ``ه``), so that ``سورية``/``سوريّة``/``سوريه``
are one key and a whole article is scanned in a single pass.

A hit is kept only when it stands on word boundaries, allowing the legal
proclitic chains in front of it: ``و ف`` + ``ب ل ك`` (``ولافروف``, ``بإدلب``,
``لسورية``), and for names with the article ``ال`` also the fused ``لل``
(``وللمعارضة السورية``). Overlapping hits are resolved longest first.

Example:
    >>> from analysis.entities.gazetteer import load_gazetteer
    >>> [(m.canonical, m.type) for m in load_gazetteer().match("وصل لافروف إلى بإدلب")]
    [('سيرغي لافروف', 'PERSON'), ('إدلب', 'PLACE')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import ahocorasick

from analysis.errors import AnalysisError, TextInputError
from analysis.text.names import (
    GAZETTEER_FILES,
    GazetteerEntry,
    GazetteerError,
    gazetteer_entries,
    name_forms,
)
from analysis.text.chars import MARKS
from analysis.text.normalize import MatchingText, match_form, matching_text, normalize_for_matching

if TYPE_CHECKING:
    import pandas as pd

ENTITY_TYPES: tuple[str, ...] = ("PERSON", "ORG", "PLACE", "EVENT", "CANDIDATE")

_ARTICLE = "ال"
#: Proclitic chains (matching form) allowed in front of a name without the article.
_PREFIXES_BARE = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})
#: ... in front of a name that starts with the article (ل + ال is written لل: separate key).
_PREFIXES_ARTICLE = frozenset({"", "و", "ف", "ب", "ك", "وب", "وك", "فب", "فك"})
#: ... in front of the fused لل form (the key itself starts with لل).
_PREFIXES_LAM = frozenset({"", "و", "ف"})
_MAX_PREFIX = 2


class EntityInputError(TextInputError):
    """The text given to the matcher is not a string."""


def check_text(text: object) -> str:
    """``text`` itself when it is a string, else :class:`EntityInputError`."""
    if not isinstance(text, str):
        raise EntityInputError(f"expected text as str, got {type(text).__name__}")
    return text


@dataclass(frozen=True, slots=True)
class _Key:
    """One automaton key: a matching form of one alias of one entry."""

    entry: GazetteerEntry
    alias: str  # as written in the data
    form: str  # name | alias | short_alias | adjective
    has_article: bool  # key starts with ال
    fused_lam: bool  # key is the لل form of an ال name
    length: int


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A gazetteer entity found in a text; ``text == original[start:end]``.

    ``start``/``end`` exclude the proclitics (``بإدلب`` → ``إدلب``, with ``clitic='ب'``),
    except for the fused ``لل`` of an article name, which is kept inside the span
    (``للمعارضة السورية``) because the article's alef is not written there.
    """

    start: int
    end: int
    text: str
    entity_id: str
    canonical: str
    name_en: str
    type: str
    subtype: str
    country: str
    lat: float | None
    lon: float | None
    matched_alias: str
    form: str
    clitic: str = ""
    resolved_from: str = ""

    def as_row(self) -> dict[str, Any]:
        """The mention as a plain dict (one row of :func:`analysis.entities.find_entities`)."""
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int  # in matching form, excluding proclitics (including لل when fused)
    end: int
    key: _Key
    clitic: str


class Gazetteer:
    """All gazetteer entries plus the compiled matcher.

    Use :func:`load_gazetteer` (cached) rather than building one per call.

    Args:
        entries: Pairs of an entry and its forms (``alias``, ``short_alias``, ``adjective``).
    """

    def __init__(self, entries: Sequence[tuple[GazetteerEntry, dict[str, list[str]]]]) -> None:
        self.entries: tuple[GazetteerEntry, ...] = tuple(e for e, _ in entries)
        self.by_id: dict[str, GazetteerEntry] = {}
        for e in self.entries:
            if e.entity_id in self.by_id:
                raise GazetteerError(f"{e.source_file}: duplicate id '{e.entity_id}' "
                                     f"(also in {self.by_id[e.entity_id].source_file})")
            self.by_id[e.entity_id] = e
        self._keys: dict[str, list[_Key]] = {}
        self._forms: dict[str, list[tuple[str, str]]] = {}
        for entry, forms in entries:
            self._add(entry, entry.canonical, "name")
            for kind in ("alias", "short_alias", "adjective"):
                for alias in forms[kind]:
                    self._add(entry, alias, kind)
        self._automaton = ahocorasick.Automaton()
        for key, values in self._keys.items():
            self._automaton.add_word(key, tuple(values))
        if self._keys:
            self._automaton.make_automaton()
        # keys that are both a name and an adjective of one entity (السعودية): decided by context
        self._name_adjective: dict[tuple[str, str], _Key] = {}
        for key, values in self._keys.items():
            for v in values:
                if v.form == "adjective" and any(
                        x.entry.entity_id == v.entry.entity_id and x.form in ("name", "alias") for x in values):
                    self._name_adjective[(key, v.entry.entity_id)] = v
        # generic office -> specific organisations whose canonical form extends it
        self._generic_prefix: dict[str, str] = {
            e.entity_id: match_form(e.canonical) for e in self.entries if e.generic
        }

    def _add(self, entry: GazetteerEntry, alias: str, form: str) -> None:
        key = match_form(alias)
        if not key:
            return
        self._forms.setdefault(entry.entity_id, []).append((alias, form))
        art = key.startswith(_ARTICLE) and len(key) > 3
        variants = [(key, False)]
        if art:
            variants.append(("ل" + key[1:], True))  # ل + ال → لل
        for k, fused in variants:
            bucket = self._keys.setdefault(k, [])
            if any(x.entry.entity_id == entry.entity_id and x.fused_lam == fused
                   and (x.form == "adjective") == (form == "adjective") for x in bucket):
                continue  # same entity, same key (e.g. an alias equal to the name)
            bucket.append(_Key(entry, alias, form, art and not fused, fused, len(k)))

    # ------------------------------------------------------------------ matching
    def _hits(self, t: str) -> list[_Hit]:
        hits: list[_Hit] = []
        n = len(t)
        for end_idx, keys in self._automaton.iter(t):
            end = end_idx + 1
            if end < n and t[end].isalnum():
                continue
            length = keys[0].length
            start = end - length
            # walk back over a possible proclitic chain to the word start
            ws = start
            while ws > 0 and t[ws - 1].isalnum() and start - ws <= _MAX_PREFIX:
                ws -= 1
            if ws > 0 and t[ws - 1].isalnum():
                continue
            prefix = t[ws:start]
            for key in keys:
                allowed = _PREFIXES_LAM if key.fused_lam else (_PREFIXES_ARTICLE if key.has_article else _PREFIXES_BARE)
                if prefix in allowed:
                    hits.append(_Hit(start, end, key, prefix))
        return hits

    def _select(self, hits: list[_Hit], n: int) -> list[_Hit]:
        """Longest match first, no overlaps; short aliases only after a full mention of their entity."""
        taken = bytearray(n + 1)
        chosen: list[_Hit] = []
        full = [h for h in hits if h.key.form != "short_alias"]
        short = [h for h in hits if h.key.form == "short_alias"]
        # longest first; at equal length the earlier; at the same span prefer names over aliases over adjectives
        rank = {"name": 0, "alias": 1, "adjective": 2}
        full.sort(key=lambda h: (-(h.end - h.start), h.start, rank.get(h.key.form, 3), h.key.entry.entity_id))
        for h in full:
            if any(taken[h.start:h.end]):
                continue
            taken[h.start:h.end] = b"\x01" * (h.end - h.start)
            chosen.append(h)
        if short:
            first_seen: dict[str, int] = {}
            for h in chosen:
                eid = h.key.entry.entity_id
                if h.start < first_seen.get(eid, n + 1):
                    first_seen[eid] = h.start
            # at one span, the entity named most recently before it wins
            short.sort(key=lambda h: (h.start, -(h.end - h.start), -first_seen.get(h.key.entry.entity_id, -1)))
            for h in short:
                seen = first_seen.get(h.key.entry.entity_id)
                if seen is None or seen >= h.start or any(taken[h.start:h.end]):
                    continue
                taken[h.start:h.end] = b"\x01" * (h.end - h.start)
                chosen.append(h)
        chosen.sort(key=lambda h: h.start)
        return chosen

    def scan(self, mt: MatchingText) -> list[_Hit]:
        """Selected hits (spans in the matching form), sorted by start."""
        chosen = self._select(self._hits(mt.text), len(mt.text))
        if self._name_adjective:
            t = mt.text
            for i, h in enumerate(chosen):
                if h.clitic or h.key.form == "adjective":
                    continue
                adj = self._name_adjective.get((t[h.start:h.end], h.key.entry.entity_id))
                if adj is not None and _after_definite_noun(t, h.start):
                    chosen[i] = _Hit(h.start, h.end, adj, h.clitic)
        return chosen

    def match(self, text: str, *, adjectives: bool = True, mt: MatchingText | None = None,
              hits: list[_Hit] | None = None) -> list[EntityMention]:
        """Every gazetteer mention in ``text``, sorted by start (offsets into ``text``).

        Args:
            text: Original text (any normalization state).
            adjectives: Also report adjective (nisba) mentions such as ``الروسية`` (``form='adjective'``).
            mt: The matching form of ``text`` if the caller already has it.
            hits: The result of :meth:`scan` if the caller already has it.

        Example:
            >>> [m.text for m in load_gazetteer().match("التقى ولافروف بشكري في موسكو")]
            ['لافروف', 'موسكو']
        """
        check_text(text)
        if mt is None:
            mt = matching_text(text)
        chosen = self.scan(mt) if hits is None else hits
        mentions: list[EntityMention] = []
        last_specific: list[tuple[str, GazetteerEntry]] = []  # (matching canonical, entry) of ORGs seen
        for h in chosen:
            entry = h.key.entry
            if h.key.form == "adjective" and not adjectives:
                continue
            resolved_from = ""
            if entry.generic:
                prefix = self._generic_prefix[entry.entity_id]
                for canon, spec in reversed(last_specific):
                    if canon.startswith(prefix + " "):
                        resolved_from, entry = entry.entity_id, spec
                        break
            elif entry.type == "ORG":
                last_specific.append((match_form(entry.canonical), entry))
            s, e = mt.to_original(h.start, h.end)
            mentions.append(EntityMention(
                start=s, end=e, text=text[s:e], entity_id=entry.entity_id, canonical=entry.canonical,
                name_en=entry.name_en, type=entry.type, subtype=entry.subtype, country=entry.country,
                lat=entry.lat, lon=entry.lon, matched_alias=h.key.alias, form=h.key.form,
                clitic=h.clitic, resolved_from=resolved_from,
            ))
        return _merge_adjacent(text, mentions)

    # ------------------------------------------------------------------ views
    def aliases(self, entity_id: str) -> list[tuple[str, str]]:
        """``(alias as written, form)`` pairs of one entry (``form``: name, alias, short_alias, adjective)."""
        if entity_id not in self.by_id:
            raise KeyError(f"unknown entity id: {entity_id!r}")
        return list(self._forms.get(entity_id, []))

    def keys(self) -> frozenset[str]:
        """Every automaton key (matching forms, including the لل variants)."""
        return frozenset(self._keys)


_SKIP_BACK = " \t«»\"'“”"


def _after_definite_noun(t: str, start: int) -> bool:
    """Whether the word before ``start`` has the article (``الحكومة السعودية``: an adjective, not the country)."""
    i = start
    while i > 0 and t[i - 1] in _SKIP_BACK:
        i -= 1
    j = i
    while j > 0 and t[j - 1].isalnum():
        j -= 1
    word = t[j:i]
    if word[:1] in "وفبك" and len(word) > 3:
        word = word[1:]
    return word.startswith("ال") or word.startswith("لل")


def _merge_adjacent(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    """Join a role alias and the name that follows it (``وزير الخارجية الروسي سيرغي لافروف``) into one mention."""
    out: list[EntityMention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev is not None and prev.entity_id == m.entity_id and prev.form != "adjective"
                and m.form != "adjective" and not m.clitic and text[prev.end:m.start].isspace()):
            alias = m.matched_alias if m.form == "name" or prev.form != "name" else prev.matched_alias
            form = "name" if "name" in (m.form, prev.form) else m.form
            out[-1] = replace(prev, end=m.end, text=text[prev.start:m.end], matched_alias=alias, form=form)
        else:
            out.append(m)
    return out


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Load every gazetteer file and compile the matcher (cached).

    Raises:
        GazetteerError: A file has a malformed entry or two entries share an id.
    """
    return Gazetteer(gazetteer_entries())


def gazetteer_table() -> "pd.DataFrame":
    """All entries as a DataFrame (one row per entity, aliases joined by ``|``), sorted by type and id."""
    import pandas as pd

    gaz = load_gazetteer()
    rows = []
    for e in gaz.entries:
        forms = gaz.aliases(e.entity_id)
        rows.append({
            "entity_id": e.entity_id, "type": e.type, "canonical": e.canonical, "name_en": e.name_en,
            "subtype": e.subtype, "country": e.country, "lat": e.lat, "lon": e.lon, "role": e.role,
            "aliases": "|".join(a for a, f in forms if f in ("alias", "short_alias")),
            "adjectives": "|".join(a for a, f in forms if f == "adjective"),
        })
    return pd.DataFrame(rows).sort_values(["type", "entity_id"], kind="stable").reset_index(drop=True)


@lru_cache(maxsize=1)
def nisba_forms() -> dict[str, str]:
    """Adjective (nisba) forms in matching form → place id: ``الروسيه`` → ``russia``."""
    gaz = load_gazetteer()
    out: dict[str, str] = {}
    for e in gaz.entries:
        for alias, form in gaz.aliases(e.entity_id):
            if form == "adjective":
                out.setdefault(match_form(alias), e.entity_id)
    return out


def iter_entries(types: Iterable[str] | None = None) -> Iterable[GazetteerEntry]:
    """Entries of the given types (all when None), in file order."""
    wanted = set(types) if types is not None else None
    for e in load_gazetteer().entries:
        if wanted is None or e.type in wanted:
            yield e
