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

Two layers share the one automaton: the hand layer (the files above) and the world
layer (:mod:`analysis.entities.world`: countries and regions from CLDR, cities from
GeoNames, about 12,000 names). The hand layer wins every conflict; a world name that
could be a common word is kept only with a place cue around it. Persons' names also
match in their spelling variants (:func:`spelling_variants`), and a person's title is
kept out of the span (``role``).

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

from analysis.entities.world import place_cue_words, world_places
from analysis.errors import LexiconError, TextInputError
from analysis.lexicons import lexicon_path, load_yaml
from analysis.text.clitics import PROCLITIC_CHAINS
from analysis.text.names import (
    GazetteerEntry,
    GazetteerError,
    gazetteer_entries,
)
from analysis.text.names import name_forms as name_forms  # re-exported: the gazetteer's name forms
from analysis.text.normalize import MatchingText, match_form, matching_text

if TYPE_CHECKING:
    import pandas as pd

ENTITY_TYPES: tuple[str, ...] = ("PERSON", "ORG", "PLACE", "EVENT", "CANDIDATE")

_ARTICLE = "ال"
#: Proclitic chains (written, from the one inventory :data:`~analysis.text.clitics.PROCLITIC_CHAINS`) allowed
#: in front of a name without the article: و، ف، ب، ل، ك and their pairs (وب، فل …), not the future س.
_PREFIXES_BARE = frozenset(w for parts, w, art in PROCLITIC_CHAINS if not art and "س" not in parts)
#: ... in front of a name that starts with the article (ل + ال is written لل: separate key).
_PREFIXES_ARTICLE = frozenset(w[:-2] for _parts, w, art in PROCLITIC_CHAINS if art and w.endswith(_ARTICLE))
#: ... in front of the fused لل form (the key itself starts with لل).
_PREFIXES_LAM = frozenset(w[:-2] for _parts, w, art in PROCLITIC_CHAINS if art and w.endswith("لل"))
_MAX_PREFIX = 2
#: Characters within which a country named near a world city counts as a place cue for it.
_NEARBY = 150


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
    form: str  # name | alias | short_alias | adjective | role | titled | variant
    has_article: bool  # key starts with ال
    fused_lam: bool  # key is the لل form of an ال name
    length: int
    cue: str = "none"  # none | weak | strong: context a world name needs (analysis.entities.world)
    title_len: int = 0  # titled aliases (الرئيس الأسد): characters of the title and its space


@dataclass(frozen=True, slots=True)
class EntityMention:
    """An entity found in a text; ``text == original[start:end]``.

    ``start``/``end`` exclude the proclitics (``بإدلب`` → ``إدلب``, with ``clitic='ب'``),
    except for the fused ``لل`` of an article name, which is kept inside the span
    (``للمعارضة السورية``) because the article's alef is not written there. A person's
    span is the name without its title (``الرئيس الروسي فلاديمير بوتين`` → ``فلاديمير بوتين``
    with ``role='الرئيس الروسي'``).

    Attributes added by issue 13 (after the original fields):
        role: The title or office written before a person's name, or the role phrase of a
            ``form='role'`` mention (a title resolved to a person named elsewhere in the text).
        place: For an organisation whose name contains a place (``جامعة القاهرة``), that place's
            canonical name; the place is not a separate mention.
        origin: Where the entity comes from: ``hand`` (the gazetteer files), ``cldr`` or
            ``geonames`` (the world layer), ``rule`` (a name found by its cues).
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
    role: str = ""
    place: str = ""
    origin: str = "hand"

    def as_row(self) -> dict[str, Any]:
        """The mention as a plain dict (one row of :func:`analysis.entities.find_entities`)."""
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int  # in matching form, excluding proclitics (including لل when fused)
    end: int
    key: _Key
    clitic: str


#: Rank of forms at one span: names before aliases before adjectives (world keys after hand keys).
_FORM_RANK = {"name": 0, "titled": 0, "alias": 1, "role": 1, "variant": 2, "adjective": 3}


class Gazetteer:
    """All gazetteer entries plus the compiled matcher: the hand layer, then the world layer.

    Use :func:`load_gazetteer` (cached) rather than building one per call.

    Args:
        entries: Pairs of an entry and its forms (``alias``, ``short_alias``, ``adjective``): the hand layer.
        world: Places of the world layer (:class:`analysis.entities.world.WorldPlace`). A world name
            that is already a hand key is dropped (the hand layer wins); a world country, or a world
            city sharing a name with a hand place of its country, is folded into that hand entry
            (its other names become aliases of it).
        titles: Title words (matching form) that open a person's role alias (``الرئيس``, ``وزير``).
    """

    def __init__(self, entries: Sequence[tuple[GazetteerEntry, dict[str, list[str]]]],
                 world: Sequence[Any] = (), titles: Iterable[str] = ()) -> None:
        hand = tuple(e for e, _ in entries)
        self.by_id: dict[str, GazetteerEntry] = {}
        for e in hand:
            if e.entity_id in self.by_id:
                raise GazetteerError(f"{e.source_file}: duplicate id '{e.entity_id}' "
                                     f"(also in {self.by_id[e.entity_id].source_file})")
            self.by_id[e.entity_id] = e
        self._titles = frozenset(titles)
        self._keys: dict[str, list[_Key]] = {}
        self._forms: dict[str, list[tuple[str, str]]] = {}
        for entry, forms in entries:
            self._add(entry, entry.canonical, "name")
            for kind in ("alias", "short_alias", "adjective"):
                for alias in forms[kind]:
                    self._add(entry, alias, kind)
        self._classify_person_aliases()
        for entry, forms in entries:
            if entry.type in ("PERSON", "ORG"):
                for alias in [entry.canonical, *forms["alias"]]:
                    for variant in spelling_variants(alias, person=entry.type == "PERSON"):
                        self._add(entry, variant, "variant", only_new=True)
        hand_keys = frozenset(self._keys)
        world_entries = self._add_world(world, hand_keys)
        self.entries: tuple[GazetteerEntry, ...] = hand + tuple(world_entries)
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
            e.entity_id: match_form(e.canonical) for e in hand if e.generic
        }
        self._country_entry: dict[str, GazetteerEntry] = {}
        for e in self.entries:
            if e.type == "PLACE" and e.subtype == "country" and e.country:
                self._country_entry.setdefault(e.country, e)
        self._heads, self._preps = place_cue_words() if world else (frozenset(), frozenset())

    def _add(self, entry: GazetteerEntry, alias: str, form: str, *, cue: str = "none",
             only_new: bool = False) -> None:
        key = match_form(alias)
        if not key or only_new and key in self._keys:
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
            bucket.append(_Key(entry, alias, form, art and not fused, fused, len(k), cue))

    def _classify_person_aliases(self) -> None:
        """Mark person aliases that open with a title: ``role`` (الرئيس الروسي) or ``titled`` (الرئيس الأسد)."""
        if not self._titles:
            return
        names: dict[str, set[str]] = {}
        for key, values in self._keys.items():
            for v in values:
                if v.entry.type == "PERSON" and not v.fused_lam:
                    names.setdefault(v.entry.entity_id, set()).add(key)
        for key, values in self._keys.items():
            for i, v in enumerate(values):
                if v.entry.type != "PERSON" or v.form not in ("name", "alias"):
                    continue
                words = (key[1:] if v.fused_lam else key).split()
                if not self._is_title(words):
                    continue
                own = names.get(v.entry.entity_id, set())
                split = next((j for j in range(1, len(words)) if " ".join(words[j:]) in own
                              and not self._is_title(words[j:])), None)
                if split is None:
                    values[i] = replace(v, form="role")
                else:
                    values[i] = replace(v, form="titled", title_len=len(" ".join(words[:split])) + 1 + v.fused_lam)

    def _is_title(self, words: list[str]) -> bool:
        return bool(words) and (words[0] in self._titles or " ".join(words[:2]) in self._titles)

    def _add_world(self, world: Sequence[Any], hand_keys: frozenset[str]) -> list[GazetteerEntry]:
        hand_place: dict[str, list[GazetteerEntry]] = {}
        for key, values in self._keys.items():
            hand_place[key] = [v.entry for v in values if v.entry.type == "PLACE" and v.form != "adjective"]
        hand_country = {e.country: e for e in self.by_id.values()
                        if e.type == "PLACE" and e.subtype == "country" and e.country}
        added: list[GazetteerEntry] = []
        for place in world:
            entry = place.entry
            target = hand_country.get(entry.country) if entry.subtype == "country" else None
            if target is None and entry.subtype == "city":
                target = next((h for n in place.names for h in hand_place.get(match_form(n), ())
                               if h.country == entry.country or _km(h, entry) < 30), None)
            if target is None:
                if entry.entity_id in self.by_id:
                    raise GazetteerError(f"{entry.source_file}: duplicate id '{entry.entity_id}'")
                self.by_id[entry.entity_id] = entry
                owner = entry
            else:
                owner = target
            new = False
            for n in place.names:
                if match_form(n) in hand_keys:
                    continue  # the hand layer wins
                form = "name" if owner is entry and n == entry.canonical else "alias"
                self._add(owner, n, form, cue=place.cues.get(n, "none"))
                new = True
            if owner is entry and new:
                added.append(entry)
            elif owner is entry:
                del self.by_id[entry.entity_id]
        return added

    # ------------------------------------------------------------------ matching
    def _hits(self, t: str) -> list[_Hit]:
        hits: list[_Hit] = []
        cued: list[_Hit] = []
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
                if prefix in allowed and not ("ك" in prefix and key.entry.origin != "hand"):
                    (cued if key.cue != "none" else hits).append(_Hit(start, end, key, prefix))
        if cued:
            hits += self._with_cues(t, hits, cued)
        return hits

    def _with_cues(self, t: str, free: list[_Hit], cued: list[_Hit]) -> list[_Hit]:
        """The world hits whose context is a place's (see :mod:`analysis.entities.world`); one entity per span."""
        countries: dict[str, list[int]] = {}  # country -> positions where it (or its nisba) is named
        for h in free:
            e = h.key.entry
            if e.type == "PLACE" and e.country and (e.subtype == "country" or h.key.form == "adjective"):
                countries.setdefault(e.country, []).append(h.start)
        best: dict[tuple[int, int], _Hit] = {}
        best_rank: dict[tuple[int, int], tuple[bool, int]] = {}
        for h in cued:
            prev = _previous_word(t, h.start - len(h.clitic))
            head = prev in self._heads
            weak = (head or prev in self._preps or h.clitic[-1:] in ("ب", "ل")
                    or prev[:1] in "وف" and prev[1:] in self._preps)
            # its country named nearby (the same sentence, roughly)
            known = any(abs(p - h.start) <= _NEARBY for p in countries.get(h.key.entry.country, ()))
            if h.key.cue == "weak" and not (weak or known) or h.key.cue == "strong" and not head:
                continue
            span = (h.start, h.end)
            other = best.get(span)
            rank = (known, h.key.entry.population)
            if other is None or rank > best_rank[span]:
                best[span] = h
                best_rank[span] = rank
        return list(best.values())

    def _select(self, hits: list[_Hit], n: int) -> list[_Hit]:
        """Longest match first, no overlaps; short aliases only after a full mention of their entity."""
        taken = bytearray(n + 1)
        chosen: list[_Hit] = []
        full = [h for h in hits if h.key.form != "short_alias"]
        short = [h for h in hits if h.key.form == "short_alias"]
        # longest first; at equal length the earlier; at the same span names before aliases before
        # adjectives, the hand layer before the world layer
        full.sort(key=lambda h: (-(h.end - h.start), h.start, h.key.entry.origin != "hand",
                                 _FORM_RANK.get(h.key.form, 4), -h.key.entry.population, h.key.entry.entity_id))
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

        A person's role alias right before a name (``وزير الخارجية الروسي سيرغي لافروف``) becomes the
        ``role`` of that person's mention; alone (``قال الرئيس الفرنسي``) it is a ``form='role'``
        mention only when the text names that person elsewhere, else nothing.

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
            resolved_from = ""
            if entry.generic:
                prefix = self._generic_prefix[entry.entity_id]
                for canon, spec in reversed(last_specific):
                    if canon.startswith(prefix + " "):
                        resolved_from, entry = entry.entity_id, spec
                        break
            elif entry.type == "ORG":
                last_specific.append((match_form(entry.canonical), entry))
            s, e = mt.to_original(h.start + h.key.title_len, h.end)
            role = ""
            if h.key.title_len:
                rs, re_ = mt.to_original(h.start, h.start + h.key.title_len - 1)
                role = text[rs:re_]
            mentions.append(EntityMention(
                start=s, end=e, text=text[s:e], entity_id=entry.entity_id, canonical=entry.canonical,
                name_en=entry.name_en, type=entry.type, subtype=entry.subtype, country=entry.country,
                lat=entry.lat, lon=entry.lon, matched_alias=h.key.alias,
                form=("name" if h.key.alias == entry.canonical else "alias") if h.key.form == "titled" else h.key.form,
                clitic=h.clitic, resolved_from=resolved_from, role=role, origin=entry.origin,
            ))
        mentions = _resolve_roles(text, _merge_adjacent(text, _generic_with_nisba(text, mentions)))
        return mentions if adjectives else [m for m in mentions if m.form != "adjective"]

    # ------------------------------------------------------------------ views
    def aliases(self, entity_id: str) -> list[tuple[str, str]]:
        """``(alias as written, form)`` pairs of one entry (``form``: name, alias, short_alias, adjective, variant)."""
        if entity_id not in self.by_id:
            raise KeyError(f"unknown entity id: {entity_id!r}")
        return list(self._forms.get(entity_id, []))

    def keys(self) -> frozenset[str]:
        """Every automaton key (matching forms, including the لل variants)."""
        return frozenset(self._keys)

    def country(self, code: str) -> GazetteerEntry | None:
        """The country entry of an ISO code (``SY`` → ``سورية``): each place knows its country."""
        return self._country_entry.get(code)

    def layer_sizes(self) -> dict[str, int]:
        """Entries per origin (``hand``, ``cldr``, ``geonames``)."""
        out: dict[str, int] = {}
        for e in self.entries:
            out[e.origin] = out.get(e.origin, 0) + 1
        return out


_SKIP_BACK = " \t«»\"'“”"
_WORD_BACK_RE = re.compile(r"(\w+)[\s«»\"'“”]*$")


def _previous_word(t: str, start: int) -> str:
    """The word before ``start`` in the matching form (``""`` at a sentence start)."""
    i = start
    while i > 0 and t[i - 1] in _SKIP_BACK:
        i -= 1
    j = i
    while j > 0 and t[j - 1].isalnum():
        j -= 1
    return t[j:i]


def _km(a: GazetteerEntry, b: GazetteerEntry) -> float:
    """Rough distance in kilometres between two places (equirectangular)."""
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return float("inf")
    from math import cos, radians, sqrt

    x = radians(b.lon - a.lon) * cos(radians((a.lat + b.lat) / 2))
    y = radians(b.lat - a.lat)
    return 6371.0 * sqrt(x * x + y * y)


def _after_definite_noun(t: str, start: int) -> bool:
    """Whether the word before ``start`` has the article (``الحكومة السعودية``: an adjective, not the country)."""
    word = _previous_word(t, start)
    if word[:1] in "وفبك" and len(word) > 3:
        word = word[1:]
    return word.startswith("ال") or word.startswith("لل")


def _merge_adjacent(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    """Join two adjacent mentions of one entity (an alias and the name after it) into one mention."""
    out: list[EntityMention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev is not None and prev.entity_id == m.entity_id and prev.form not in ("adjective", "role")
                and m.form not in ("adjective", "role") and not m.clitic and not m.role
                and text[prev.end:m.start].isspace()):
            alias = m.matched_alias if m.form == "name" or prev.form != "name" else prev.matched_alias
            form = "name" if "name" in (m.form, prev.form) else m.form
            out[-1] = replace(prev, end=m.end, text=text[prev.start:m.end], matched_alias=alias, form=form)
        else:
            out.append(m)
    return out


def _generic_with_nisba(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    """A generic office followed by a country's nisba is that country's office:
    ``وزارة الصحة العراقية`` → one ORG, ``country='IQ'`` (no specific entry needed)."""
    out: list[EntityMention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev is not None and prev.resolved_from == "" and prev.entity_id.startswith("generic_")
                and m.form == "adjective" and not m.clitic and text[prev.end:m.start] == " " and m.country):
            out[-1] = replace(prev, end=m.end, text=text[prev.start:m.end], canonical=f"{prev.canonical} {m.text}",
                              country=m.country)
        else:
            out.append(m)
    return out


_ROLE_GAP_RE = re.compile(r"^[\s،,]*$")


def _resolve_roles(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    """A role right before a person's name becomes that mention's ``role``; a role alone stays only
    when its person is named elsewhere in the text (``form='role'``)."""
    if not any(m.form == "role" for m in mentions):
        return mentions
    named = {m.entity_id for m in mentions if m.type == "PERSON" and m.form != "role"}
    out: list[EntityMention] = []
    skip: set[int] = set()
    for i, m in enumerate(mentions):
        if i in skip:
            continue
        if m.form != "role":
            out.append(m)
            continue
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        gap = text[m.end:nxt.start] if nxt is not None else ""
        if nxt is not None and nxt.role and gap.rstrip().endswith(nxt.role):
            gap = gap.rstrip()[: -len(nxt.role)]
        if nxt is not None and nxt.type == "PERSON" and nxt.form != "role" and not nxt.clitic \
                and _ROLE_GAP_RE.match(gap):
            role = text[m.start:nxt.start].rstrip(" \t\n،,")
            out.append(replace(nxt, role=role))
            skip.add(i + 1)
        elif m.entity_id in named:
            out.append(replace(m, role=m.text))
    return out


@lru_cache(maxsize=1)
def _glued_name_parts() -> frozenset[str]:
    """``glued_name_parts`` of ``gazetteer/cues.yaml``, as written (عبد, أبو …)."""
    name = "gazetteer/cues.yaml"
    words = load_yaml(name).get("glued_name_parts")
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise LexiconError(f"{lexicon_path(name)}: 'glued_name_parts' must be a list of words")
    return frozenset(words)


def spelling_variants(name: str, *, person: bool = True) -> list[str]:
    """Other spellings of a person's or organisation's name that matching does not unify.

    A hyphen and a space are one (``جان-إيف`` / ``جان إيف``); ``عبد``/``أبو`` + a name with or
    without a space (``عبد الله`` / ``عبدالله``); a long vowel ``ا`` inside a foreign name may be
    left out in a person's name (``ترامب`` / ``ترمب``): only in words of five letters or more, not
    next to another long vowel or at the word's ends, and never in words with the article.

    Example:
        >>> sorted(spelling_variants("دونالد ترامب"))
        ['دونالد ترمب', 'دونالد-ترامب', 'دونلد ترامب']
        >>> spelling_variants("جان-إيف لودريان")
        ['جان إيف لودريان']
        >>> spelling_variants("عبد الله الحربي", person=False)
        ['عبدالله الحربي']
    """
    out: list[str] = []

    def add(v: str) -> None:
        if v != name and v not in out:
            out.append(v)

    glued = _glued_name_parts()
    words = name.split()
    if "-" in name:
        add(name.replace("-", " "))
    elif len(words) > 1 and not any(w.startswith("ال") for w in words[:2]):
        add(words[0] + "-" + " ".join(words[1:]))
    for i, w in enumerate(words[:-1]):
        if w in glued:
            add(" ".join(words[:i] + [w + words[i + 1]] + words[i + 2:]))
    for i, w in enumerate(words if person else ()):
        if len(w) < 5 or w.startswith("ال") or "-" in w:
            continue
        for j in range(1, len(w) - 1):
            if w[j] == "ا" and w[j - 1] not in "اوي" and w[j + 1] not in "اوي":
                add(" ".join(words[:i] + [w[:j] + w[j + 1:]] + words[i + 1:]))
    return out


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Load every gazetteer file and compile the matcher (cached).

    Raises:
        GazetteerError: A file has a malformed entry or two entries share an id.
        analysis.entities.world.WorldDataError: The world data cannot be read.
    """
    return Gazetteer(gazetteer_entries(), world=world_places(), titles=title_words())


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Titles that open a person's role (matching form, one or two words): ``الرئيس``, ``وزير``, ``آية الله``."""
    out: set[str] = set()
    for t in load_yaml("gazetteer/cues.yaml")["titles"]:
        words = match_form(t).split()
        out.add(" ".join(words[:2]) if len(words) > 1 else words[0])
    return frozenset(out)


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
