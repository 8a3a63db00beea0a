"""Who says it: attribution of claims, quotation spans and entities for the claims layer.

This module adapts the entities/quotes layer (:mod:`analysis.entities`,
:mod:`analysis.quotes`) to what the claims extractor needs, with small
fallbacks of its own so that claims still get a source when those modules are
missing or give nothing:

* :func:`entity_spans` — gazetteer entities (``find_entities``) as plain tuples;
* :func:`quote_spans` — quotation spans with their speaker (``find_quotes``),
  else guillemet/straight-quote spans found here (nested ``«»`` handled);
* :func:`find_attributions` — reporting cues per sentence (``قال``، ``أعلنت``،
  ``بحسب``، ``وفقا لـ``، ``نقلا عن``) with their subject, driven by
  ``analysis/lexicons/claims/attribution.yaml``; a verb without a subject
  (``وأضاف أن``) is marked ``carried`` so the caller takes the previous source.

Example:
    >>> from analysis.claim_text import tokenize
    >>> text = "وأعلنت وزارة الدفاع أمس أن 20 مركبة دمرت"
    >>> [(a.verb, a.source) for a in find_attributions(text, tokenize(text), [(0, len(text))])[0]]
    [('وأعلنت', 'وزارة الدفاع')]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from analysis.claim_text import Token, clitic_variants
from analysis.claim_units import attribution_cues
from analysis.normalize import normalize_for_matching


@dataclass(frozen=True)
class Entity:
    """A gazetteer entity: span, surface text, canonical Arabic name, English name, type."""

    start: int
    end: int
    text: str
    canonical: str
    name_en: str
    type: str


@dataclass(frozen=True)
class Quote:
    """A quotation span (inner text between the marks) and its speaker if known."""

    start: int
    end: int
    speaker: str
    speaker_en: str


@dataclass(frozen=True)
class Attribution:
    """A reporting cue in a sentence.

    Attributes:
        token: Index of the cue token.
        verb: The cue as written (``وأعلنت``، ``بحسب``).
        source: The subject / source phrase (canonical name when an entity was found), '' if none.
        source_en: English name of the source entity, '' if unknown.
        carried: True when the cue has no subject of its own (``وأضاف أن``).
        complement: Token index where the reported content starts (claims before it are not covered).
    """

    token: int
    verb: str
    source: str
    source_en: str
    carried: bool
    complement: int


def entity_spans(text: str, df: Any = None) -> list[Entity]:
    """Entities from :func:`analysis.entities.find_entities` (empty list when unavailable).

    ``df``: an entities table already computed for ``text`` (columns ``start, end, text,
    canonical, name_en, type``), to avoid computing it twice in corpus runs.
    """
    if df is None:
        try:
            from analysis.entities import find_entities  # type: ignore[import-not-found]
        except ImportError:
            return []
        df = find_entities(text)
    out = []
    for row in df.itertuples(index=False):
        r = row._asdict()
        out.append(Entity(int(r["start"]), int(r["end"]), str(r.get("text", "")),
                          str(r.get("canonical") or r.get("text") or ""), str(r.get("name_en") or ""),
                          str(r.get("type") or "")))
    return out


def _fallback_quotes(text: str) -> list[Quote]:
    out = []
    depth = 0
    start = -1
    for i, ch in enumerate(text):
        if ch == "«":
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == "»" and depth > 0:
            depth -= 1
            if depth == 0:
                out.append(Quote(start, i, "", ""))
    # straight double quotes, paired in order, outside guillemets
    positions = [i for i, ch in enumerate(text) if ch in '"\u201c\u201d'
                 and not any(q.start <= i < q.end for q in out)]
    for a, b in zip(positions[::2], positions[1::2]):
        out.append(Quote(a + 1, b, "", ""))
    # one- or two-word marks (names such as «داعش») are not speech
    return sorted((q for q in out if len(text[q.start:q.end].split()) > 2), key=lambda q: q.start)


def quote_spans(text: str, df: Any = None) -> list[Quote]:
    """Quotation spans with speakers from :func:`analysis.quotes.find_quotes`, else the fallback.

    ``df``: a quotes table already computed for ``text`` (columns ``start, end, speaker,
    speaker_canonical``).
    """
    if df is None:
        try:
            from analysis.quotes import find_quotes  # type: ignore[import-not-found]
        except ImportError:
            return _fallback_quotes(text)
        df = find_quotes(text)
    out = []
    for row in df.itertuples(index=False):
        r = row._asdict()
        speaker = r.get("speaker_canonical") or r.get("speaker") or ""
        out.append(Quote(int(r["start"]), int(r["end"]), str(speaker) if speaker == speaker else "", ""))
    return out or _fallback_quotes(text)


_COMPLEMENTIZERS = frozenset(normalize_for_matching(w) for w in (
    "أن", "إن", "بأن", "أنه", "إنه", "أنها", "إنها", "بأنه", "بأنها", "أنهم", "إنهم", "عن", ":", "«", '"',
))
_TIME_WORDS = frozenset(normalize_for_matching(w) for w in (
    "أمس", "اليوم", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "مساء", "صباح",
    "يوم", "ليل", "أيضا", "كذلك", "الليلة", "لاحقا", "سابقا",
))
_NARRATOR = frozenset(normalize_for_matching(w) for w in ("يذكر", "يشار", "يجدر"))
_PREP_SKIP = frozenset(normalize_for_matching(w) for w in ("ما", "عن", "ل", "لـ", "إلى", "في"))
_MAX_SUBJECT = 6
_MAX_SEGMENT = 30
_MAX_QUOTE_GAP = 10
_NAME_STOPS = frozenset(normalize_for_matching(w) for w in ("باسم", "لشؤون", "العام", "الخاص"))


_OBJECT_SUFFIXES = ("ه", "ها", "هم")
_JAA = normalize_for_matching("جاء")
_ISSUED = frozenset(normalize_for_matching(w) for w in ("صدر", "صادر", "الصادر", "صادرة", "الصادرة"))
_AN = normalize_for_matching("عن")


def _is_cue(tok: Token, words: frozenset[str]) -> bool:
    if tok.kind != "word":
        return False
    for v in clitic_variants(tok.norm):
        if v in words:
            return True
        # قالته، أعلنها: a reporting verb with an object pronoun
        if any(v.endswith(sfx) and v[:-len(sfx)] in words for sfx in _OBJECT_SUFFIXES):
            return True
    return False


def _phrase(tokens: list[Token], i: int, end: int, stops: frozenset[str]) -> tuple[int, int]:
    """Token range of a noun phrase starting at ``i`` (skipping time words), up to a stop."""
    while i < end and tokens[i].norm in _TIME_WORDS:
        i += 1
    j = i
    while j < end and j - i < _MAX_SUBJECT:
        t = tokens[j]
        if t.kind == "punct" and t.text not in "«»\"":
            break
        if t.kind == "num" or t.norm in stops or t.norm in _TIME_WORDS or t.norm in _COMPLEMENTIZERS:
            break
        if t.text in "«»\"":
            j += 1
            continue
        j += 1
    return i, j


def _is_addressee(text: str, e: Entity) -> bool:
    """``لبي بي سي``، ``لفرانس برس``: an entity with the preposition ل glued on is spoken to, not speaking."""
    return e.start >= 1 and text[e.start - 1] == "ل" and (e.start == 1 or text[e.start - 2].isspace())


def _source_like(tokens: list[Token], a: int, b: int, entities: list[Entity],
                 seg: tuple[int, int] | None = None, *, strict: bool = False) -> bool:
    """Can the phrase ``tokens[a:b]`` be a source? An entity, a source noun, a title or a bare name.

    ``strict``: only a source noun will do (after ``جاء في``: بيان، تقرير).
    """
    if b <= a:
        return False
    cues = attribution_cues()
    head = tokens[a]
    variants = clitic_variants(head.norm)
    if any(v in cues["source_nouns"] or v in cues["titles"] or v in cues["anaphors"] for v in variants):
        return True
    if any(v.startswith("ال") and v[2:] in cues["source_nouns"] for v in variants):
        return True
    if strict:
        return False
    lo, hi = tokens[a].start, tokens[b - 1].end
    if any(e.start >= lo and e.start < hi and e.type in ("PERSON", "ORG", "CANDIDATE") for e in entities):
        return True
    # a bare proper name (no article, not a function word): قال المالكي → المالكي has ال...
    # names are accepted when short and the head carries no article or is in the titles list
    return b - a <= 3 and not head.norm.startswith("ال") and head.kind == "word" and len(head.norm) > 2 \
        and not any(t.kind != "word" for t in tokens[a:b])


def _best_entity(entities: list[Entity], start: int, end: int) -> Entity | None:
    inside = [e for e in entities if e.start >= start and e.end <= end]
    for kind in ("PERSON", "ORG"):
        hits = [e for e in inside if e.type == kind]
        if hits:
            return hits[0]
    cand = [e for e in inside if e.type == "CANDIDATE"]
    return cand[0] if cand else None


def _resolve_anaphor(word: str, entities: list[Entity], before: int) -> Entity | None:
    """``الوزارة`` → the last organisation named before ``before`` whose name contains a cue."""
    anaphors = attribution_cues()["anaphors"]
    cues = anaphors.get(word)
    if not cues:
        return None
    for e in sorted((e for e in entities if e.end <= before and e.type in ("ORG", "PERSON")),
                    key=lambda e: e.start, reverse=True):
        if any(c in e.canonical or c in e.text for c in cues):
            return e
    return None


def find_attributions(
    text: str,
    tokens: list[Token],
    sentences: list[tuple[int, int]],
    entities: list[Entity] | None = None,
) -> list[list[Attribution]]:
    """Reporting cues of every sentence (same order as ``sentences``)."""
    cues = attribution_cues()
    verbs, preps, stops = cues["verbs"], cues["prepositions"], cues["stop_words"]
    entities = entities or []
    result: list[list[Attribution]] = []
    history: list[str] = []
    k = 0
    for s_start, s_end in sentences:
        while k < len(tokens) and tokens[k].start < s_start:
            k += 1
        first = k
        last = first
        while last < len(tokens) and tokens[last].end <= s_end:
            last += 1
        found: list[Attribution] = []
        i = first
        while i < last:
            tok = tokens[i]
            if tok.kind == "word" and tok.norm in _NARRATOR:
                i += 1
                continue
            if _is_cue(tok, preps):
                j = i + 1
                # حسبما أفادت X / بحسب ما قالته X / وفقا لـ X / نقلا عن X
                while j < last and (tokens[j].norm in _PREP_SKIP or _is_cue(tokens[j], verbs)):
                    j += 1
                a, b = _phrase(tokens, j, last, stops - {"في"})
                # بيان صادر عن المدعي العام: the source is after عن
                if b > a and b + 1 < last and tokens[b - 1].norm in _ISSUED and tokens[b].norm == _AN:
                    a, b = _phrase(tokens, b + 1, last, stops)
                strict = any(v == _JAA or v.startswith(_JAA) for v in clitic_variants(tok.norm))
                if b > a and _source_like(tokens, a, b, entities, strict=strict):
                    found.append(_make(text, tokens, i, a, b, entities, carried=False, complement=first,
                                       history=history))
                i = max(b, i + 1)
                continue
            if _is_cue(tok, verbs):
                seg_end = min(last, i + _MAX_SEGMENT)
                comp = next((j for j in range(i + 1, seg_end)
                             if (tokens[j].norm in _COMPLEMENTIZERS and tokens[j].text not in "«\":")
                             or (tokens[j].text in "«\":" and j - i <= _MAX_QUOTE_GAP)), None)
                if comp is None:
                    if i - first > 1:
                        i += 1
                        continue
                    # a sentence-initial reporting verb covers its whole sentence
                    # (أفادت مصادر أمنية في بغداد بإصابة خمسة مدنيين)
                    a, b = _phrase(tokens, i + 1, last, stops)
                    if b > a and _source_like(tokens, a, b, entities):
                        found.append(_make(text, tokens, i, a, b, entities, carried=False, complement=b,
                                           history=history))
                    i += 1
                    continue
                a, b = _phrase(tokens, i + 1, comp, stops)
                if b <= a and not any(e.start >= tokens[i].end and e.end <= tokens[comp].start
                                      and e.type in ("PERSON", "ORG") for e in entities):
                    # no subject after the verb: the subject named earlier in the sentence
                    # (وتطرق الأمير محمد بن سلمان إلى … حيث قال: …), else carried over
                    before = [e for e in entities if e.type in ("PERSON", "ORG")
                              and tokens[first].start <= e.start and e.end <= tok.start]
                    if before:
                        e = before[-1]
                        found.append(Attribution(i, tok.text, e.canonical, e.name_en, False, comp))
                    else:
                        found.append(Attribution(i, tok.text, "", "", True, comp))
                else:
                    # نقلت وكالة X عن مصادر ...: the source is after عن
                    if tokens[comp].norm == normalize_for_matching("عن") and any(
                        v == normalize_for_matching("نقل") or v.startswith(normalize_for_matching("نقل"))
                        for v in clitic_variants(tok.norm)
                    ):
                        a2, b2 = _phrase(tokens, comp + 1, last, stops)
                        if b2 > a2:
                            a, b = a2, b2
                    # the subject's apposition runs to the first comma or next cue (… الجنرال سيرغي رودسكوي)
                    seg_stop = next((j for j in range(i + 1, comp) if tokens[j].text in ";؛"
                                     or _is_cue(tokens[j], verbs)), comp)
                    seg = (tokens[i].end, tokens[seg_stop - 1].end if seg_stop > i + 1 else tokens[i].end)
                    if _source_like(tokens, a, b, entities, seg=seg):
                        att = _make(text, tokens, i, a, b, entities, carried=False, complement=comp,
                                    seg=seg, history=history)
                        found.append(att)
                i += 1
                continue
            i += 1
        history.extend(a.source for a in found if a.source)
        result.append(found)
        k = last
    return result


def _make(text: str, tokens: list[Token], cue: int, a: int, b: int, entities: list[Entity], *,
          carried: bool, complement: int, seg: tuple[int, int] | None = None,
          history: list[str] | None = None) -> Attribution:
    span_start = tokens[a].start if b > a else tokens[cue].end
    span_end = tokens[b - 1].end if b > a else span_start
    speakers = [e for e in entities if not _is_addressee(text, e)]
    # 1. an entity inside the subject phrase; 2. a person in the subject's apposition
    ent = _best_entity(speakers, span_start, span_end) if b > a else None
    if ent is None and seg is not None:
        ent = _best_entity([e for e in speakers if e.type == "PERSON"], *seg)
    # 3. a generic noun standing for an organisation named before (الوزارة)
    if ent is None and b > a:
        for h in clitic_variants(tokens[a].norm):
            ent = _resolve_anaphor(h, speakers, span_start)
            if ent:
                break
    if ent is not None:
        return Attribution(cue, tokens[cue].text, ent.canonical, ent.name_en, carried, complement)
    cues = attribution_cues()
    # 4. a title inside the subject: the name after the last title is the source
    #    (… الجنرال سيرغي رودسكوي; not 'المبعوث الأممي', whose next word has the article)
    if seg is not None:
        named = None
        for t_i in range(cue + 1, complement):
            if any(v in cues["titles"] for v in clitic_variants(tokens[t_i].norm)):
                n_a, n_b = _phrase(tokens, t_i + 1, complement, cues["stop_words"] | _NAME_STOPS)
                if n_b > n_a and not tokens[n_a].norm.startswith("ال"):
                    named = (n_a, n_b)
        if named is not None:
            a, b = named
            span_start, span_end = tokens[a].start, tokens[b - 1].end
    # apposition: وزير الإدارة المحلية، عبدالرقيب فتح، إن … → the name between commas
    if seg is not None and b < complement and tokens[b].text in "،," and b + 1 < complement:
        n_a, n_b = _phrase(tokens, b + 1, complement, cues["stop_words"])
        if n_b > n_a and n_b - n_a <= 3 and n_b < len(tokens) and tokens[n_b].text in "،," \
                and not tokens[n_a].norm.startswith("ال"):
            span_start, span_end = tokens[n_a].start, tokens[n_b - 1].end
    phrase = text[span_start:span_end].strip("«»\" ")
    if seg is not None and b > a and (span_start, span_end) == (tokens[a].start, tokens[b - 1].end):
        org = _best_entity([e for e in speakers if e.type == "ORG"], *seg)
        if org is not None and not _source_like(tokens, a, b, [], strict=True):
            return Attribution(cue, tokens[cue].text, org.canonical, org.name_en, carried, complement)
    # a generic noun (الوزارة، البيان) stands for the last source that fits it
    if b > a and history:
        anaphors = cues["anaphors"]
        for h in clitic_variants(tokens[a].norm):
            if h in anaphors and b - a <= 2:
                fits = [n for n in reversed(history)
                        if any(normalize_for_matching(c) in normalize_for_matching(n) for c in anaphors[h])]
                if fits:
                    phrase = fits[0]
                break
    return Attribution(cue, tokens[cue].text, phrase, "", carried, complement)


def pick_attribution(atts: list[Attribution], claim_token: int) -> Attribution | None:
    """The cue that covers a claim: the nearest one before it, else the first one after it."""
    before = [a for a in atts if a.token < claim_token]
    if before:
        return before[-1]
    after = [a for a in atts if a.token > claim_token]
    return after[0] if after else None


def nearest_entity(entities: list[Entity], pos: int, types: tuple[str, ...], *, lo: int, hi: int,
                   exclude: tuple[str, ...] = ()) -> Entity | None:
    """The entity of one of ``types`` in ``[lo, hi)`` closest to ``pos`` (ties: the earlier)."""
    hits = [e for e in entities if e.type in types and e.start >= lo and e.end <= hi and e.canonical not in exclude]
    if not hits:
        return None
    return min(hits, key=lambda e: (min(abs(e.start - pos), abs(e.end - pos)), e.start))


def as_dict(obj: Any) -> dict[str, Any]:
    """Dataclass to dict (for debugging and notebooks)."""
    return dict(obj.__dict__)
