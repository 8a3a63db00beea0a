"""Linking claims across articles into events: blocking, pair scores, average-linkage clustering.

:func:`link_events` reads a claims table, groups each article's claims into units
(:mod:`analysis.events.units`), compares units of different articles, and gives
every claim the id of the event its unit joins.

1. **Blocking.** Two units are compared only when they share a country and their
   event-date intervals are at most ``max_gap_days`` apart: each unit meets the
   few dozen units of its country and week, never all pairs. Units whose date is
   vague (a recalled event without a date, "last month") wait for step 4.
2. **Pair score** (weights in ``lexicons/events/linking.yaml``): the cosine
   similarity of the units' lemma-key TF-IDF vectors (the words around the
   figures: the place names the gazetteer does not know, the actors, the
   weapon), plus place agreement (same town; a town inside a region; a
   *conflict* when each names a different town), event-kind agreement or
   conflict (``lexicons/events/kinds.yaml``), the same exact figure, a "toll
   rose" cue, minus a penalty growing with the date gap.
3. **Average linkage.** Groups of units merge, best first, while the average
   score over *all* pairs of the two groups (a pair outside the blocks counts
   0) reaches ``merge_threshold``. A chain a–b–c where a and c are unrelated
   does not merge, so a month of news never becomes one event.
4. **Attachment.** A unit with a vague date joins the event, within the look-back
   window before its article, whose units it matches best on average (at least
   ``attach_threshold``); else it is an event of its own.

Claims that are not figures of an event (money, percentages, distances, running
totals since 2011 — ``lexicons/events/figures.csv`` and ``cues.yaml``) get no
event id. Every other claim gets one: the claims of a unit share it.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.events.features import Features, claim_features, day_iso
from analysis.events.lexicon import LinkConfig, kind_compatibility, link_config
from analysis.events.units import Unit, build_units, profile
from analysis.schemas import CLAIM_EVENTS

#: A vague unit is scored against the events holding a unit at least this similar in words.
ATTACH_MIN_COSINE = 0.1
#: Units whose attachment cosines are computed together (bounds the memory of step 4).
ATTACH_CHUNK = 256
#: Columns :func:`link_events` adds to the claims table (:data:`analysis.schemas.CLAIM_EVENTS`).
LINK_COLUMNS = CLAIM_EVENTS.columns


@dataclass
class Linking:
    """Everything :func:`link_events` computed (for error analysis and tests)."""

    features: Features
    units: list[Unit]
    pairs: dict[tuple[int, int], float]
    cluster_of_unit: list[int]

    def unit_of_row(self) -> dict[int, int]:
        return {r: u.index for u in self.units for r in u.rows}


def _identity(keys: list[str]) -> list[str]:
    return keys


def _tfidf(units: list[Unit]):
    """Row-normalised TF-IDF matrix of the units' lemma keys (sublinear tf)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not units:
        return None
    vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, norm="l2")
    docs = [u.keys or ["\u0000"] for u in units]
    return vectorizer.fit_transform(docs).tocsr()


def _gap(a: Unit, b: Unit) -> int:
    return max(0, b.lo - a.hi, a.lo - b.hi)


def candidate_pairs(units: list[Unit], config: LinkConfig) -> list[tuple[int, int]]:
    """Pairs of non-vague units of different articles sharing a country, at most ``max_gap_days`` apart.

    Per country the units are sorted by their first day; each unit is paired with the
    following units whose first day is at most ``max_gap_days`` (plus its interval) later.
    """
    blocks: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        if u.vague:
            continue
        for country in u.blocks:
            blocks[country].append(u)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        members.sort(key=lambda u: (u.lo, u.index))
        los = np.array([u.lo for u in members])
        for i, u in enumerate(members):
            end = int(np.searchsorted(los, u.hi + config.max_gap_days, side="right"))
            for v in members[i + 1:end]:
                if v.doc_id != u.doc_id and _gap(u, v) <= config.max_gap_days:
                    pairs.add((min(u.index, v.index), max(u.index, v.index)))
    return sorted(pairs)


def place_score(a: Unit, b: Unit, config: LinkConfig) -> float:
    """Agreement of two units' places (weights in ``linking.yaml``).

    Specific places (towns, camps …) are compared by their weighted overlap: the shared part
    scores ``place_same_specific``; for the rest, the two main places decide — a district near the
    other's town, or a *conflict* (two towns, or unknown names neither unit shares). Without
    specific places on both sides, a town inside the other's region, or the same region, counts;
    a town or region further than ``region_km`` from the other's region is a conflict.
    """
    wa, wb = a.spec_weights, b.spec_weights
    if wa and wb:
        shared = sum(min(w, wb[k]) for k, w in wa.items() if k in wb)
        ta, tb = a.top_specific, b.top_specific
        assert ta is not None and tb is not None
        if ta.key in wb or tb.key in wa:
            rest = 0.0
        elif ta.near(tb, config.near_km):
            rest = config.place_near_specific
        else:
            rest = config.place_conflict
        return config.place_same_specific * shared + (1.0 - shared) * rest
    ra, rb = a.top_region, b.top_region
    if (wa and rb) or (wb and ra):
        spec = a.top_specific if wa else b.top_specific
        region = rb if wa else ra
        assert spec is not None and region is not None
        km = spec.km_to(region)
        if km is None:
            return 0.0
        return config.place_contains if km <= config.region_km else config.place_conflict
    if ra and rb:
        if ra.key == rb.key:
            return config.place_same_region
        km = ra.km_to(rb)
        if km is None:
            return 0.0
        return config.place_same_region / 2 if km <= config.region_km else config.place_conflict
    return config.place_unknown


def kind_score(a: Unit, b: Unit, config: LinkConfig) -> float:
    """Agreement of two units' event kinds (0 when either names none)."""
    ka, kb = a.kind_set, b.kind_set
    if not ka or not kb:
        return 0.0
    if ka & kb:
        return config.kind_same
    compat = kind_compatibility()
    if any(y in compat[x] for x in ka for y in kb):
        return config.kind_compatible
    return config.kind_conflict


def pair_score(a: Unit, b: Unit, cosine: float, config: LinkConfig, gap: int | None = None) -> float:
    """The score of two units (the sum described in the module docstring)."""
    gap = _gap(a, b) if gap is None else gap
    score = config.text_weight * cosine + place_score(a, b, config) + kind_score(a, b, config)
    score -= config.gap_penalty[min(gap, config.max_gap_days)]
    if a.figures & b.figures:
        score += config.figure_match
    later = a if a.day > b.day else b
    if later.update_cue and abs(a.day - b.day) >= 1:
        score += config.update_bonus
    return score


def _cosines(matrix, pairs: list[tuple[int, int]]) -> np.ndarray:
    if not pairs:
        return np.zeros(0)
    idx = np.array(pairs)
    out = np.empty(len(pairs))
    step = 50_000
    for s in range(0, len(pairs), step):
        a = matrix[idx[s:s + step, 0]]
        b = matrix[idx[s:s + step, 1]]
        out[s:s + step] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


def average_linkage(n: int, scores: dict[tuple[int, int], float], threshold: float) -> list[int]:
    """Cluster ``n`` items by average linkage over a sparse score graph; returns a cluster label per item.

    Two clusters merge, best average first, while ``sum of their pair scores / (|A| * |B|)`` reaches
    ``threshold``; pairs without a score count 0. Labels are the smallest item of each cluster.

    Example:
        >>> average_linkage(3, {(0, 1): 2.0, (1, 2): 2.0}, 1.5)  # a chain: c is unrelated to a
        [0, 0, 2]
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    links: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), s in scores.items():
        links[i][j] = links[i].get(j, 0.0) + s
        links[j][i] = links[j].get(i, 0.0) + s
    heap = [(-s, i, j) for (i, j), s in scores.items() if s >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, i, j = heapq.heappop(heap)
        if i not in members or j not in members:
            continue
        current = links[i].get(j, 0.0) / (len(members[i]) * len(members[j]))
        if abs(current + neg) > 1e-12:  # stale entry: the clusters changed since
            continue
        keep, gone = (i, j) if i < j else (j, i)
        members[keep].extend(members.pop(gone))
        for k, s in links.pop(gone).items():
            if k == keep:
                continue
            links[k].pop(gone, None)
            total = links[keep].get(k, 0.0) + s
            links[keep][k] = total
            links[k][keep] = total
        links[keep].pop(gone, None)
        size = len(members[keep])
        for k, total in links[keep].items():
            avg = total / (size * len(members[k]))
            if avg >= threshold:
                heapq.heappush(heap, (-avg, min(keep, k), max(keep, k)))
    label = [0] * n
    for head, items in members.items():
        for item in items:
            label[item] = head
    return label


def _attach(units: list[Unit], label: list[int], matrix, config: LinkConfig) -> None:
    """Attach each recalled unit to the event it matches best, when the score reaches ``attach_threshold``;
    and each article's own event that no other article joined, when it reaches ``merge_threshold``.

    An event is compared through its profile (:func:`analysis.events.units.profile`: the sum of
    its units' places, kinds and figures, its date range) and the centroid of its units' TF-IDF
    vectors: a short unit (one sentence) is judged against the whole event, not pair by pair.
    Only events sharing a country with the unit, within its date interval (``report_lag_days``
    either side for a recalled date, ``max_gap_days`` for an article's own event; the gap
    penalty applies), not holding the article's own event (for a dated unit), and of cosine at
    least ``ATTACH_MIN_COSINE`` are scored. Labels change in place.
    """
    groups: dict[int, list[Unit]] = defaultdict(list)
    own: dict[str, set[int]] = defaultdict(set)  # doc_id -> events of its main units
    for u in units:
        if not u.recalled:
            groups[label[u.index]].append(u)
            own[u.doc_id].add(label[u.index])
    alone = {h for h, g in groups.items() if len(g) == 1}  # an article's own event no other article joined
    recalled = [u for u in units if u.recalled or label[u.index] in alone]
    if not recalled or not groups:
        return
    heads = sorted(groups)
    profiles = [profile(groups[h]) for h in heads]
    from sklearn.preprocessing import normalize

    member_rows = np.concatenate([[u.index for u in groups[h]] for h in heads])
    owner = np.concatenate([[k] * len(groups[h]) for k, h in enumerate(heads)])
    import scipy.sparse as sp

    assign = sp.csr_matrix((np.ones(len(member_rows)), (owner, np.arange(len(member_rows)))),
                           shape=(len(heads), len(member_rows)))
    centroids = normalize(assign @ matrix[member_rows]).tocsr()
    # per country: the events' indices and date ranges, to pick each unit's candidates without a full scan
    by_country: dict[str, list[int]] = defaultdict(list)
    for k, p in enumerate(profiles):
        for c in p.blocks:
            by_country[c].append(k)
    ranges = {c: (np.array(ks), np.array([profiles[k].lo for k in ks]), np.array([profiles[k].hi for k in ks]))
              for c, ks in by_country.items()}
    wanted: list[tuple[Unit, list[int]]] = []
    for u in sorted(recalled, key=lambda x: (x.lo, x.index)):
        slack = 0 if u.vague else (config.report_lag_days if u.recalled else config.max_gap_days)
        near: set[int] = set()
        for c in u.blocks:
            if c in ranges:
                ks, lo, hi = ranges[c]
                near.update(ks[(lo <= u.hi + slack) & (hi >= u.lo - slack)].tolist())
        # a dated recall (or an article's own event) is never the event its article reports as its own
        exclude = own[u.doc_id] if not u.vague else set()
        wanted.append((u, sorted(k for k in near if heads[k] not in exclude)))
    # cosines chunk by chunk (units close in time share candidates): memory stays bounded
    for start in range(0, len(wanted), ATTACH_CHUNK):
        chunk = wanted[start:start + ATTACH_CHUNK]
        columns = sorted({k for _, ks in chunk for k in ks})
        if not columns:
            continue
        where = {k: j for j, k in enumerate(columns)}
        sims = (matrix[[u.index for u, _ in chunk]] @ centroids[columns].T).toarray()
        for row, (u, candidates) in enumerate(chunk):
            best, best_score = None, config.attach_threshold if u.recalled else config.merge_threshold
            for k in candidates:
                sim = float(sims[row, where[k]])
                if sim < ATTACH_MIN_COSINE:
                    continue
                p = profiles[k]
                gap = 0 if u.vague else min(_gap(u, p), config.max_gap_days)
                score = pair_score(u, p, sim, config, gap=gap)
                if score >= best_score:
                    best, best_score = heads[k], score
            if best is not None:
                label[u.index] = best


def _event_id(first_day: int, first_key: str) -> str:
    digest = hashlib.sha1(first_key.encode("utf-8")).hexdigest()[:6]
    return f"E{day_iso(first_day).replace('-', '')}-{digest}"


def link(claims: pd.DataFrame, *, titles: dict[str, str] | None = None,
         config: LinkConfig | None = None) -> Linking:
    """The whole linking, with its intermediate results (see :func:`link_events` for the table)."""
    config = config or link_config()
    features = claim_features(claims)
    units = build_units(features, claims, titles or {}, config)
    matrix = _tfidf(units)
    # 1. the articles' own events: average linkage over blocked pairs of main units
    pairs = candidate_pairs([u for u in units if not u.recalled], config)
    cos = _cosines(matrix, pairs)
    scores = {p: pair_score(units[p[0]], units[p[1]], float(c), config) for p, c in zip(pairs, cos)}
    label = average_linkage(len(units), scores, config.merge_threshold)
    # 2. recalled units join the event they recall
    _attach(units, label, matrix, config)
    # 3. recalled units of an event no article reports as its own: linked among themselves
    alone = [u for u in units if u.recalled and not u.vague and label[u.index] == u.index]
    more = candidate_pairs(alone, config)
    cos = _cosines(matrix, more)
    recall_scores = {p: pair_score(units[p[0]], units[p[1]], float(c), config) for p, c in zip(more, cos)}
    recall_label = average_linkage(len(units), recall_scores, config.merge_threshold)
    for u in alone:
        label[u.index] = recall_label[u.index]
    scores.update(recall_scores)
    return Linking(features, units, scores, label)


def _titles(articles: pd.DataFrame | None) -> dict[str, str]:
    if articles is None or "title" not in articles.columns or "doc_id" not in articles.columns:
        return {}
    out = {}
    for doc_id, title in zip(articles["doc_id"].tolist(), articles["title"].tolist()):
        if isinstance(doc_id, str) and isinstance(title, str) and title.strip():
            out.setdefault(doc_id, title)
    return out


def link_events(claims: pd.DataFrame, *, articles: pd.DataFrame | None = None,
                config: LinkConfig | None = None) -> pd.DataFrame:
    """Give every claim the id of the real-world event it is a figure of.

    Args:
        claims: A claims table as ``python -m analysis run`` writes it: ``doc_id``,
            ``published`` (ISO date), ``sentence``, ``start``, ``category`` are needed;
            ``outlet``, ``quantity_text``, ``sentence_index``, ``event``, ``unit``,
            ``value_low``/``value_high`` and ``time_text`` are read when present.
        articles: Optional articles table (``doc_id``, ``title``): titles add places, kinds
            and words to each article's main unit.
        config: Linking parameters (default: ``lexicons/events/linking.yaml``).

    Returns:
        ``claims`` with every row, in the same order and index, and the columns of
        :data:`LINK_COLUMNS`: ``event_id`` (claims of one event share it; empty for a claim
        that is not a figure of an event: money, percentages, running totals),
        ``event_figure`` (``killed``, ``injured``, ``arrested`` … from
        ``lexicons/events/figures.csv``), ``event_kind`` (kinds named in the claim's clause,
        ``;``-joined), ``event_place`` (the place nearest the claim), ``event_country`` (the
        main country of its unit), ``event_date`` (the publication day for an article's
        own event; for a recalled one its date, empty when vague), ``event_recalled`` (the claim
        recalls an earlier event) and ``event_unit`` (``doc_id#n``: the article's claims
        linked together).

    Raises:
        EventsInputError: ``claims`` is not a DataFrame or lacks a needed column.

    Example:
        >>> import pandas as pd
        >>> rows = [("a", "BBC", "2018-03-20", "قتل 35 شخصا في قصف صاروخي على سوق في جرمانا قرب دمشق."),
        ...         ("b", "CNN", "2018-03-20", "أدى سقوط قذيفة صاروخية على سوق جرمانا قرب دمشق إلى مقتل 35 شخصا."),
        ...         ("c", "CNN", "2018-03-20", "ارتفعت أسعار النفط 3 في المئة في دمشق.")]
        >>> claims = pd.DataFrame(rows, columns=["doc_id", "outlet", "published", "sentence"])
        >>> claims = claims.assign(start=[4, 62, 20], quantity_text=["35", "35", "3"], value_low=[35, 35, 3],
        ...     value_high=[35, 35, 3], category=["casualties", "casualties", "economy"], event="killed",
        ...     unit=["people", "people", "percent"])
        >>> linked = link_events(claims)
        >>> linked.event_id[0] == linked.event_id[1], bool(linked.event_id.isna()[2])
        (True, True)
    """
    result = link(claims, titles=_titles(articles), config=config)
    return _with_links(claims, result)


def _with_links(claims: pd.DataFrame, result: Linking) -> pd.DataFrame:
    features, units, label = result.features, result.units, result.cluster_of_unit
    # an event's id: from its earliest unit (publication day, doc_id) and that unit's first claim
    first: dict[int, tuple[int, str, int]] = {}
    for u in units:
        c = label[u.index]
        key = (u.day, u.doc_id, min(u.rows))
        if c not in first or key < first[c]:
            first[c] = key
    keys = claims["claim_id"].tolist() if "claim_id" in claims.columns else [None] * len(claims)
    names = {}
    for c, (day, doc_id, row) in first.items():
        names[c] = _event_id(day, f"{doc_id}#{keys[row] if keys[row] is not None else row}")
    n = len(claims)
    event_id: list[str | None] = [None] * n
    unit_name: list[str | None] = [None] * n
    event_date: list[str | None] = [None] * n
    country: list[str | None] = [None] * n
    per_doc: dict[str, int] = defaultdict(int)
    for u in units:
        per_doc[u.doc_id] += 1
        name = f"{u.doc_id}#{per_doc[u.doc_id]}"
        date = None if u.vague else day_iso(u.lo if u.recalled else u.day)
        main_country = u.blocks[0] if u.blocks else None
        for r in u.rows:
            event_id[r] = names[label[u.index]]
            unit_name[r] = name
            event_date[r] = date
            country[r] = main_country
    place: list[str | None] = []
    for f in features.claims:
        near = next((p for p in f.places if p.level >= 1), f.places[0] if f.places else None)
        place.append(near.name if near is not None else None)
    out = claims.copy()
    out["event_id"] = pd.array(event_id, dtype="string")
    out["event_figure"] = pd.array([f.figure for f in features.claims], dtype="string")
    out["event_kind"] = pd.array([";".join(sorted(f.kinds)) or None for f in features.claims], dtype="string")
    out["event_place"] = pd.array(place, dtype="string")
    out["event_country"] = pd.array(country, dtype="string")
    out["event_date"] = pd.array(event_date, dtype="string")
    out["event_recalled"] = pd.array([f.recalled for f in features.claims], dtype="boolean")
    out["event_unit"] = pd.array(unit_name, dtype="string")
    return out


def units_frame(result: Linking) -> pd.DataFrame:
    """One row per unit (for error analysis): doc, dates, places, kinds, event label."""
    rows = []
    for u in result.units:
        rows.append({
            "unit": u.index, "doc_id": u.doc_id, "outlet": u.outlet, "published": day_iso(u.day),
            "lo": day_iso(u.lo), "hi": day_iso(u.hi), "recalled": u.recalled, "vague": u.vague,
            "places": ";".join(p.name for p, _ in sorted(u.places.values(), key=lambda x: -x[1])),
            "countries": ";".join(u.block_countries()), "kinds": ";".join(sorted(u.main_kinds())),
            "claims": len(u.rows), "label": result.cluster_of_unit[u.index],
        })
    return pd.DataFrame(rows)
