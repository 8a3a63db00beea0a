"""Article units: the claims of one article grouped by the event they are about.

An article about one event is one unit; its claims about an event it recalls
(``وكان انفجار الأسبوع الماضي قد أودى بحياة 25``) form a unit of their own, and
so do its claims about a second event in another town (two strikes reported
together). Units — not claims — are what :mod:`analysis.events.linking` links
across articles.

* A recalled claim (:attr:`ClaimFeatures.recalled`) joins the unit of its
  article's other claims recalling the same date (or, without a date, naming the
  same place).
* Any other claim joins the article's main unit, unless the nearest place in its
  clause is a specific place (a town, a camp) far from the article's main place:
  then it joins a unit of that place.

Each unit gathers what the linker compares: its event-date interval, places
(weighted), countries, event kinds, figures, words and cues.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from analysis.events.features import Features, Place, SentenceInfo, day_number, sentence_info
from analysis.events.lexicon import LinkConfig, kind_compatibility

#: Weight of the places and kinds of an article's title in its main unit.
TITLE_WEIGHT = 2.0
#: Weight of a country named by an adjective only (العاصمة الصومالية) in a unit's countries.
ADJECTIVE_WEIGHT = 0.3
#: An article's main place is added to its units without a specific place when it weighs at least this much
#: (named in the title, or in two sentences).
MAIN_PLACE_MIN_WEIGHT = 2.0


@dataclass
class Unit:
    """The claims of one article about one event, and what the linker compares."""

    index: int
    doc_id: str
    outlet: str
    day: int  # publication day
    lo: int  # first and last day the event may have happened
    hi: int
    recalled: bool
    vague: bool  # its date is known only roughly (recalled without a date, or a month): attached after clustering
    rows: list[int] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    places: dict[str, tuple[Place, float]] = field(default_factory=dict)
    countries: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    figures: set[tuple[str, float]] = field(default_factory=set)
    update_cue: bool = False
    keys: list[str] = field(default_factory=list)
    # filled by freeze(): what pair scores read, computed once
    spec_keys: frozenset[str] = frozenset()
    spec_weights: dict[str, float] = field(default_factory=dict)
    top_specific: Place | None = None
    top_region: Place | None = None
    kind_set: frozenset[str] = frozenset()
    blocks: tuple[str, ...] = ()

    def freeze(self) -> "Unit":
        """Compute the summaries pair scores read (after the last place, kind or country was added)."""
        self.spec_keys = frozenset(self.specific())
        total = sum(w for p, w in self.places.values() if p.level == 2)
        self.spec_weights = {k: w / total for k, (p, w) in self.places.items() if p.level == 2} if total else {}
        self.top_specific = self.top(2)
        self.top_region = self.top(1)
        self.kind_set = self.main_kinds()
        self.blocks = tuple(self.block_countries())
        return self

    def add_place(self, place: Place, weight: float) -> None:
        """Add weight to a place; a name read once as a province (ريف إدلب) stays a province in the unit."""
        old = self.places.get(place.key)
        if old is not None and old[0].level < place.level:
            place = old[0]
        self.places[place.key] = (place, weight + (old[1] if old else 0.0))

    def top(self, level: int) -> Place | None:
        """The most weighted place of one level (2 specific, 1 region), ties by key."""
        best = [(w, p.key, p) for p, w in self.places.values() if p.level == level]
        return max(best, key=lambda x: (x[0], x[1]))[2] if best else None

    def specific(self) -> dict[str, Place]:
        return {k: p for k, (p, _) in self.places.items() if p.level == 2}

    def main_kinds(self) -> frozenset[str]:
        """Kinds named at least half as often as the most named one."""
        if not self.kinds:
            return frozenset()
        top = max(self.kinds.values())
        return frozenset(k for k, n in self.kinds.items() if n * 2 >= top)

    def block_countries(self) -> list[str]:
        """Countries the unit is compared within (every country of its places; the first is the main one)."""
        return [c for c, _ in sorted(self.countries.items(), key=lambda kv: (-kv[1], kv[0])) if c]


def _article_places(infos: list[SentenceInfo], title: SentenceInfo | None) -> Counter[str]:
    weights: Counter[str] = Counter()
    for info in infos:
        for p in info.places:
            weights[p.key] += 1.0
    if title is not None:
        for p in title.places:
            weights[p.key] += TITLE_WEIGHT
    return weights


def _main_place(infos: list[SentenceInfo], title: SentenceInfo | None, level: int) -> Place | None:
    weights = _article_places(infos, title)
    by_key: dict[str, Place] = {}
    for info in [*infos, *([title] if title else [])]:
        for p in info.places:
            by_key.setdefault(p.key, p)
    best = [(w, k) for k, w in weights.items() if by_key[k].level == level and w >= MAIN_PLACE_MIN_WEIGHT]
    return by_key[max(best)[1]] if best else None


def _main_kinds(rows: list[int], features: Features, title: SentenceInfo | None) -> frozenset[str]:
    """The kinds the article's title names, else those its first claim sentence names."""
    if title is not None and title.kinds:
        return title.kinds
    for r in rows:
        if features[r].kinds and not features[r].recalled:
            return features[r].kinds
    return frozenset()


def _main_country(infos: list[SentenceInfo], title: SentenceInfo | None) -> str:
    """The country the article's places (else its nationality adjectives) name most, "" when none."""
    weights: Counter[str] = Counter()
    adjectives: Counter[str] = Counter()
    for info, w in [*((i, 1.0) for i in infos), *([(title, TITLE_WEIGHT)] if title else [])]:
        for p in info.places:
            if p.country:
                weights[p.country] += w
        for c in info.adjective_countries:
            adjectives[c] += w
    counts = weights or adjectives
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0] if counts else ""


def _far(a: Place, b: Place, config: LinkConfig) -> bool:
    """Two different towns, or a district further than ``near_km`` from a town, or two different unknown names.

    An unknown name and a gazetteer place are not far: the name may be a district of the place.
    """
    if a.key == b.key:
        return False
    if a.key.startswith("~") and b.key.startswith("~"):
        return True
    if a.lat is None or b.lat is None:
        return False
    return not a.near(b, config.near_km)


def build_units(features: Features, claims: Any, titles: dict[str, str], config: LinkConfig) -> list[Unit]:
    """Group the eligible claims of every article into units (see the module docstring).

    Args:
        features: :func:`analysis.events.features.claim_features` of ``claims``.
        claims: The claims table (``outlet`` is read when present).
        titles: doc_id → title (articles without a title may be missing).
        config: The linking parameters.
    """
    n = len(features)
    outlets = claims["outlet"].tolist() if "outlet" in claims.columns else [None] * n
    by_doc: dict[str, list[int]] = defaultdict(list)
    for f in features.claims:
        by_doc[f.doc_id].append(f.row)
    units: list[Unit] = []
    title_info: dict[str, SentenceInfo] = {}
    sentence_index = claims["sentence_index"].tolist() if "sentence_index" in claims.columns else None
    for doc_id in sorted(by_doc):
        rows = by_doc[doc_id]
        eligible = [r for r in rows if features[r].eligible]
        if not eligible:
            continue
        title = titles.get(doc_id)
        tinfo = None
        if title:
            tinfo = title_info.setdefault(title, sentence_info(title))
        infos = [features.sentences[k] for k in dict.fromkeys(features[r].sentence_key for r in rows)]
        main_specific = _main_place(infos, tinfo, 2)
        main_any = main_specific or _main_place(infos, tinfo, 1) or _main_place(infos, tinfo, 0)
        groups: dict[tuple[str, ...], list[int]] = {}
        country = _main_country(infos, tinfo)
        main_kinds = _main_kinds(eligible, features, tinfo)
        compatible = kind_compatibility()
        last_key: tuple[str, ...] | None = None
        last_sentence: int | None = None
        for r in eligible:
            f = features[r]
            here = _int(sentence_index[r]) if sentence_index is not None else None
            own = next((p for p in f.places if p.level == 2), None)
            other_kind = bool(f.kinds and main_kinds) and not any(
                k in compatible[m] for k in f.kinds for m in main_kinds)
            if f.recalled:
                if f.time_lo is not None:
                    key: tuple[str, ...] = ("R", f.time_lo, f.time_hi or f.time_lo)
                else:
                    key = ("R?", own.key if own else "")
            elif own is None and not f.places and not other_kind and last_key is not None and last_key[0] == "M" \
                    and here is not None and last_sentence is not None and 0 <= here - last_sentence <= 1:
                key = last_key  # وأصيب 23 آخرون: the claim goes on about the event of the sentence before
            else:
                if own is not None and main_specific is None:
                    main_specific = own
                place = own.key if own is not None and main_specific is not None and _far(own, main_specific, config) \
                    else ""
                kind = ",".join(sorted(f.kinds)) if other_kind else ""
                key = ("M", place, kind) if place or kind else ("M", "")
            groups.setdefault(key, []).append(r)
            last_key, last_sentence = key, here
        first_day = features[eligible[0]].day
        assert first_day is not None
        for key, members in groups.items():
            units.append(_unit(len(units), doc_id, _outlet(outlets[members[0]]), first_day, key, members, features,
                               tinfo if key == ("M", "") else None, main_any, country, config))
    return units


def _int(value: Any) -> int | None:
    try:
        return None if value is None or value != value else int(value)
    except (TypeError, ValueError):
        return None


def _outlet(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _unit(index: int, doc_id: str, outlet: str, day: int, key: tuple[str, ...], rows: list[int], features: Features,
          title: SentenceInfo | None, article_place: Place | None, article_country: str,
          config: LinkConfig) -> Unit:
    recalled = key[0] in ("R", "R?")
    if key[0] == "R":
        lo, hi = day_number(key[1]), day_number(key[2])
        assert lo is not None and hi is not None
        vague = hi - lo > config.max_interval_days
    elif key[0] == "R?":
        lo, hi = day - config.recall_lookback_days, day
        vague = True
    else:
        lo, hi = day - config.report_lag_days, day
        for r in rows:
            t = day_number(features[r].time_lo)
            if t is not None and day - config.report_lag_days - 2 <= t < lo:
                lo = t
        vague = False
    unit = Unit(index, doc_id, outlet, day, lo, hi, recalled, vague, rows=list(rows))
    seen_sentences: set[int] = set()
    adjective: Counter[str] = Counter()
    for r in rows:
        f = features[r]
        unit.kinds.update(f.kinds)  # the kinds of the claim's own clause
        for rank, p in enumerate(f.places):
            unit.add_place(p, 1.0 if rank == 0 else 0.5)
        if f.value is not None and f.figure and f.value >= config.figure_match_min:
            unit.figures.add((f.figure, f.value))
        if f.sentence_key in seen_sentences:
            continue
        seen_sentences.add(f.sentence_key)
        unit.sentences.append(f.sentence_key)
        info = features.sentences[f.sentence_key]
        unit.keys.extend(info.keys)
        unit.update_cue = unit.update_cue or info.update_cue
        adjective.update(info.adjective_countries)
    if title is not None:
        for p in title.places:
            unit.add_place(p, TITLE_WEIGHT)
        for k in title.kinds:
            unit.kinds[k] += TITLE_WEIGHT
        unit.keys.extend(title.keys)
    if not unit.specific() and article_place is not None and not recalled:
        unit.add_place(article_place, 0.5)
    for p, w in unit.places.values():
        if p.country:
            unit.countries[p.country] += w
    for c, w in adjective.items():
        unit.countries[c] += ADJECTIVE_WEIGHT * w
    if not unit.countries and article_country:
        unit.countries[article_country] += 0.25
    return unit.freeze()


def profile(members: list[Unit]) -> Unit:
    """One unit summing a group of units: the profile of an event that recalled units are compared with."""
    first = members[0]
    out = Unit(-1, first.doc_id, first.outlet, min(u.day for u in members), min(u.lo for u in members),
               max(u.hi for u in members), False, False)
    for u in members:
        for p, w in u.places.values():
            out.add_place(p, w)
        out.countries.update(u.countries)
        out.kinds.update(u.kinds)
        out.figures |= u.figures
        out.update_cue = out.update_cue or u.update_cue
    return out.freeze()
