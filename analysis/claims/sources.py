"""Who says it: attribution of claims, quotation spans and entities for the claims layer.

This module adapts the entities/quotes layer (:mod:`analysis.entities`,
:mod:`analysis.attribution.quotes`) to what the claims extractor needs, with small
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
    >>> from analysis.claims.text import tokenize
    >>> text = "وأعلنت وزارة الدفاع أمس أن 20 مركبة دمرت"
    >>> [(a.verb, a.source) for a in find_attributions(text, tokenize(text), [(0, len(text))])[0]]
    [('وأعلنت', 'وزارة الدفاع')]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from analysis.claims.text import Token, clitic_variants
from analysis.claims.units import attribution_cues
from analysis.text.normalize import normalize_for_matching


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


def fallback_quotes(text: str) -> list[Quote]:
    """Guillemet (nested ``«»`` handled) and straight double-quote spans of more than two words, no speaker."""
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
    """Quotation spans with speakers from :func:`analysis.attribution.quotes.find_quotes`, else the fallback.

    ``df``: a quotes table already computed for ``text`` (columns ``start, end, speaker,
    speaker_canonical``).
    """
    if df is None:
        try:
            from analysis.attribution.quotes import find_quotes  # type: ignore[import-not-found]
        except ImportError:
            return fallback_quotes(text)
        df = find_quotes(text)
    out = []
    for row in df.itertuples(index=False):
        r = row._asdict()
        speaker = r.get("speaker_canonical") or r.get("speaker") or ""
        out.append(Quote(int(r["start"]), int(r["end"]), str(speaker) if speaker == speaker else "", ""))
    return out or fallback_quotes(text)


_COMPLEMENTIZERS = frozenset(normalize_for_matching(w) for w in (
    "أن", "إن", "بأن", "أنه", "إنه", "أنها", "إنها", "بأنه", "بأنها", "أنهم", "إنهم", "عن", ":", "«", '"',
))
_TIME_WORDS = frozenset(normalize_for_matching(w) for w in (
    "أمس", "اليوم", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "مساء", "صباح",
    "يوم", "ليل", "أيضا", "كذلك", "الليلة", "لاحقا", "سابقا",
))
_NARRATOR = frozenset(normalize_for_matching(w) for w in ("يذكر", "يشار", "يجدر"))
_PREP_SKIP = frozenset(normalize_for_matching(w) for w in ("ما", "عن", "ل", "لـ", "إلى", "في", "به", "بها", "بهم", "به،"))
#: ``كان``-forms that open ``وكانت الوزارة قد أعلنت …`` (subject between كان and قد).
_KANA = frozenset(normalize_for_matching(w) for w in ("كان", "كانت", "وكان", "وكانت", "كانوا", "وكانوا"))
_QAD = normalize_for_matching("قد")
#: Prepositions after which a phrase modifies the subject (المؤسسة الوطنية للنفط في ليبيا).
_SUBJECT_PP = frozenset(normalize_for_matching(w) for w in ("في", "من", "لدى", "ب"))
#: Generic speakers that stand for their organisation (مسؤول في المفوضية → the UNHCR).
_MEMBER_NOUNS = frozenset(normalize_for_matching(w) for w in ("مسؤول", "مسؤولون", "مسؤولين", "مسؤولة", "موظف", "عضو"))
_NAQL = normalize_for_matching("نقل")
_VERB_PREPS = frozenset(normalize_for_matching(w) for w in ("من", "على", "ب", "الى", "إلى"))
_MAX_TITLE_NAME = 3
_MAX_SUBJECT = 6
_MAX_SEGMENT = 30
_MAX_QUOTE_GAP = 10
_NAME_STOPS = frozenset(normalize_for_matching(w) for w in ("باسم", "لشؤون", "العام", "الخاص"))


_OBJECT_SUFFIXES = ("ه", "ها", "هم")
_JAA = normalize_for_matching("جاء")
_ISSUED = frozenset(normalize_for_matching(w) for w in ("صدر", "صادر", "الصادر", "صادرة", "الصادرة"))
_AN = normalize_for_matching("عن")


_CUE_CACHE: dict[tuple[int, str, bool], bool] = {}


def _is_cue(tok: Token, words: frozenset[str]) -> bool:
    if tok.kind != "word":
        return False
    taa = tok.text.endswith("ة")
    key = (id(words), tok.norm, taa)
    hit = _CUE_CACHE.get(key)
    if hit is None:
        if len(_CUE_CACHE) > 200_000:
            _CUE_CACHE.clear()
        hit = _CUE_CACHE[key] = _is_cue_word(tok.norm, words, suffixes=not taa)
    return hit


_MAY_CUE: dict[str, bool] = {}


def _may_be_cue(norm: str, verbs: frozenset[str], preps: frozenset[str]) -> bool:
    """Whether a word can start an attribution (a reporting verb, a preposition cue or a narrator word); cached."""
    hit = _MAY_CUE.get(norm)
    if hit is None:
        if len(_MAY_CUE) > 200_000:
            _MAY_CUE.clear()
        hit = _MAY_CUE[norm] = norm in _NARRATOR or _is_cue_word(norm, verbs) or _is_cue_word(norm, preps)
    return hit


def _is_cue_word(norm: str, words: frozenset[str], *, suffixes: bool = True) -> bool:
    """``norm`` (or a clitic reading) is in ``words``; with ``suffixes``, also with an object pronoun
    (``قالته``). A word written with ة (``قدرة``) has no object pronoun: callers pass ``suffixes=False``."""
    for v in clitic_variants(norm):
        if v in words:
            return True
        # قالته، أعلنها: a reporting verb with an object pronoun
        if suffixes and any(v.endswith(sfx) and v[:-len(sfx)] in words for sfx in _OBJECT_SUFFIXES):
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
    if any(e.type == "PLACE" and lo <= e.start <= head.end for e in entities):
        return True  # أعلنت السعودية …: a country as the speaker
    # a bare proper name (no article, not a function word): قال المالكي → المالكي has ال...
    # names are accepted when short and the head carries no article or is in the titles list
    return b - a <= 3 and not head.norm.startswith("ال") and head.kind == "word" and len(head.norm) > 2 \
        and not any(t.kind != "word" for t in tokens[a:b])


def _best_entity(entities: list[Entity], start: int, end: int, *, head_place: int = -1) -> Entity | None:
    """The speaker entity in ``[start, end)``: a person, else an organisation, else a candidate name,
    else (``head_place`` = end of the subject's first word) a place at the head (a country speaking)."""
    inside = [e for e in entities if e.start >= start and e.end <= end]
    for kind in ("PERSON", "ORG"):
        hits = [e for e in inside if e.type == kind]
        if hits:
            return hits[0]
    cand = [e for e in inside if e.type == "CANDIDATE"]
    if cand:
        return cand[0]
    places = [e for e in inside if e.type == "PLACE"]
    if len(places) == 1 and places[0].start <= head_place:
        return places[0]
    return None  # no place, or several (دمشق وموسكو): the phrase as written


_NOT_DEFINITE = frozenset(normalize_for_matching(w) for w in ("إلى", "الى", "الذي", "التي", "الذين", "اللذين", "اللتين",
                                                               "اللاتي", "الآن", "الا", "إلا"))


def _definite(tok: Token) -> bool:
    """A content word with the article (``الأركان``، ``للنفط``); not ``إلى``، ``الذي`` …"""
    if tok.norm in _NOT_DEFINITE or len(tok.norm) <= 3:
        return False
    return any(v.startswith("ال") and v not in _NOT_DEFINITE for v in clitic_variants(tok.norm)) \
        or tok.norm.startswith("لل")


_NISBA_ENDINGS = ("ي", "يه", "يين", "يون")
_NISBA_ENDINGS_FEMININE = ("يه", "يين", "يون")


def _chain_end(tokens: list[Token], j: int, hi: int, *, masculine: bool = True) -> int:
    """End of a genitive chain starting at ``j``: indefinite nouns up to the first definite one,
    then its definite adjectives (وزير شؤون النازحين اللبناني; هيئة الأركان الروسية). ``j`` when none.

    ``masculine=False`` accepts only feminine and plural nisba adjectives after the chain (organisation
    names): ``-ي`` there is too often a broken plural (``الأهالي``)."""
    endings = _NISBA_ENDINGS if masculine else _NISBA_ENDINGS_FEMININE
    d = j
    while d < hi and d - j < 4 and tokens[d].kind == "word" and not _definite(tokens[d]):
        d += 1
    if d >= hi or tokens[d].kind != "word" or not _definite(tokens[d]):
        return j
    k = d + 1
    while k < hi and tokens[k].kind == "word" and _definite(tokens[k]) and tokens[k].norm.endswith(endings):
        k += 1
    return k


def _title_parts(tokens: list[Token], lo: int, hi: int) -> tuple[int, int, tuple[int, int] | None] | None:
    """A title in ``tokens[lo:hi]``: (title index, end of its title phrase, name range after it or None).

    ``رئيس هيئة الأركان الروسية فاليري غيراسيموف`` → name ``فاليري غيراسيموف``;
    ``وزير شؤون النازحين اللبناني`` → the title phrase, no name; ``المتحدث باسم الجيش العميد
    يحيى رسول`` → the name after the last title.
    """
    titles = attribution_cues()["titles"]
    stops = attribution_cues()["stop_words"] | _NAME_STOPS
    named = None
    phrase = None
    for t in range(lo, hi):
        if not any(v in titles for v in clitic_variants(tokens[t].norm)):
            continue
        end = _chain_end(tokens, t + 1, hi)
        n = end
        while n < hi and tokens[n].kind == "word" and not _definite(tokens[n]) and tokens[n].norm not in stops \
                and not any(v in titles for v in clitic_variants(tokens[n].norm)):
            n += 1
        if 1 <= n - end <= _MAX_TITLE_NAME and (n == hi or tokens[n].kind != "word" or tokens[n].norm in stops):
            named = (t, end, (end, n))
        elif phrase is None and end > t + 1:
            phrase = (t, end, None)
    return named or phrase


def _english_name(canonical: str, entities: list[Entity]) -> str:
    """English name of the entity with this canonical name ('' when none)."""
    return next((e.name_en for e in entities if e.canonical == canonical and e.name_en), "")


def _back_reference(text: str, tokens: list[Token], a: int, entities: list[Entity],
                    history: list[str] | None) -> str | None:
    """``المكتب``، ``الهيئة``، ``الشبكة``: the last organisation with that head noun named before token ``a``.

    Looks at gazetteer organisations, then the sources named before, then the text before
    (``ودعت هيئة شؤون المفقودين …`` → ``هيئة شؤون المفقودين``).
    """
    nouns = attribution_cues()["source_nouns"]
    head = next((v[2:] for v in clitic_variants(tokens[a].norm) if v.startswith("ال") and v[2:] in nouns
                 and v[2:] not in _DOCUMENT_NOUNS), None)
    if head is None:
        return None
    before = tokens[a].start
    for e in sorted((e for e in entities if e.end <= before and e.type == "ORG"), key=lambda e: -e.start):
        if normalize_for_matching(e.canonical).startswith(head) or normalize_for_matching(e.text).startswith(head):
            return e.canonical
    for name in reversed(history or []):
        if strip_first := normalize_for_matching(name):
            if strip_first.startswith(head):
                return name
    for j in range(a - 1, -1, -1):
        if tokens[j].kind == "word" and head in clitic_variants(tokens[j].norm) and tokens[j].norm != tokens[a].norm:
            end = _chain_end(tokens, j + 1, min(len(tokens), j + 8), masculine=False)
            if end > j + 1:
                s = tokens[j].start + (len(tokens[j].text) - len(head) if tokens[j].norm != head else 0)
                return text[s:tokens[end - 1].end]
    return None


def _resolve_anaphor(word: str, entities: list[Entity], before: int) -> Entity | None:
    """``الوزارة`` → the last organisation named before ``before`` whose name contains a cue."""
    anaphors = attribution_cues()["anaphors"]
    cues = anaphors.get(word)
    if not cues:
        return None
    for e in sorted((e for e in entities if e.end <= before and e.type in ("ORG", "PERSON")),
                    key=lambda e: e.start, reverse=True):
        if any(c == _ANY or c in e.canonical or c in e.text for c in cues):
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
            if tok.kind != "word" or not _may_be_cue(tok.norm, verbs, preps):
                i += 1  # the common case: one cached lookup per word
                continue
            if tok.norm in _NARRATOR:
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
                        # وكانت الوزارة قد أعلنت …: the subject between كان and قد
                        if tokens[i - 1].norm == _QAD and any(v in _KANA for v in clitic_variants(tokens[first].norm)):
                            a, b = first + 1, i - 1
                            if b > a and _source_like(tokens, a, b, entities):
                                found.append(_make(text, tokens, i, a, b, entities, carried=False, complement=i + 1,
                                                   history=history))
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
                if b > a and all(tokens[k].norm in _VERB_PREPS for k in range(a, b)):
                    b = a  # حذّرت من أن …: the verb's preposition, no subject after the verb
                if b <= a and tokens[comp].norm == _AN and any(v.startswith(_NAQL) for v in clitic_variants(tok.norm)):
                    # ونقلت عن محافظ ريف دمشق أن …: the source is after عن
                    comp2 = next((j for j in range(comp + 1, seg_end) if tokens[j].norm in _COMPLEMENTIZERS), seg_end)
                    a2, b2 = _phrase(tokens, comp + 1, comp2, stops)
                    if b2 > a2:
                        found.append(_make(text, tokens, i, a2, b2, entities, carried=False, complement=comp2,
                                           seg=(tokens[comp].end, tokens[comp2 - 1].end), history=history))
                        i += 1
                        continue
                if b <= a and not any(e.start >= tokens[i].end and e.end <= tokens[comp].start
                                      and e.type in ("PERSON", "ORG") for e in entities):
                    # no subject after the verb: the subject named earlier in the sentence
                    # (وتطرق الأمير محمد بن سلمان إلى … حيث قال: …), else carried over
                    before = [e for e in entities if e.type in ("PERSON", "ORG")
                              and tokens[first].start <= e.start and e.end <= tok.start]
                    back = next((_back_reference(text, tokens, j, entities, history)
                                 for j in range(max(first, i - _SVO_WINDOW), i)
                                 if tokens[j].kind == "word" and _definite(tokens[j])), None)
                    if before:
                        e = before[-1]
                        found.append(Attribution(i, tok.text, e.canonical, e.name_en, False, comp))
                    elif found and found[-1].source:
                        # وأعلنت المؤسسة …، مشيرة إلى أن …: the subject of the sentence's first verb
                        found.append(Attribution(i, tok.text, found[-1].source, found[-1].source_en, False, comp))
                    elif back:
                        # لكن المنظمة حذّرت من أن …: a subject before the verb standing for an organisation
                        found.append(Attribution(i, tok.text, back, _english_name(back, entities), False, comp))
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
                    if b > a and tokens[a].norm in _MEMBER_NOUNS and b < comp and tokens[b].norm in _SUBJECT_PP \
                            and comp - b <= 9:
                        # قال مسؤول في المفوضية السامية … إن: the organisation speaks through its official
                        a, b = b + 1, comp
                    while b - a > 1 and tokens[a].norm in _PRONOUN_PREPS:
                        a += 1
                    if _source_like(tokens, a, b, entities, seg=seg) or (
                            i - first <= _VERB_INITIAL and _plain_subject(tokens, a, b, comp, stops)):
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


_SVO_WINDOW = 3
#: In ``attribution.yaml`` anaphors: the generic noun stands for any source named before (التقرير).
_ANY = "*"
#: A subject phrase the gazetteer does not know is accepted only after a verb opening its sentence
#: (أعلنت قيادة … أن; وفي الوقت الذي ذكرت …), where a verb is almost always a reporting verb.
_VERB_INITIAL = 4
#: Source nouns that name a document or an anonymous source, not an organisation (their own anaphors apply).
_DOCUMENT_NOUNS = frozenset(normalize_for_matching(w) for w in (
    "تقرير", "تقارير", "بيان", "بيانات", "دراسة", "إحصائية", "إحصاءات", "أرقام", "مصادر", "مصدر", "استطلاع"))
#: Prepositions with a pronoun that may stand between a verb and its subject (ذكرت فيه بعض المحطات).
_PRONOUN_PREPS = frozenset(normalize_for_matching(w) for w in (
    "فيه", "فيها", "عنه", "عنها", "له", "لها", "منه", "منها", "به", "بها", "عليه", "عليها", "لهم", "عنهم"))


def _plain_subject(tokens: list[Token], a: int, b: int, comp: int, stops: frozenset[str]) -> bool:
    """A noun phrase filling the whole gap between the verb and ``أن``/``إن`` (an organisation the
    gazetteer does not know: أعلنت قيادة العمليات المشتركة العراقية أن …), possibly followed by a
    short prepositional phrase (قالت المؤسسة الوطنية للنفط في ليبيا إن …)."""
    if b <= a or b - a > _MAX_SUBJECT or any(t.kind != "word" for t in tokens[a:b]):
        return False
    head = tokens[a]
    if head.norm in stops or head.norm in _TIME_WORDS or head.norm in _COMPLEMENTIZERS or len(head.norm) < 3:
        return False
    if b == comp:
        return True
    return tokens[b].norm in _SUBJECT_PP and comp - b <= 4 and all(t.kind == "word" for t in tokens[b:comp])


def _make(text: str, tokens: list[Token], cue: int, a: int, b: int, entities: list[Entity], *,
          carried: bool, complement: int, seg: tuple[int, int] | None = None,
          history: list[str] | None = None) -> Attribution:
    span_start = tokens[a].start if b > a else tokens[cue].end
    span_end = tokens[b - 1].end if b > a else span_start
    speakers = [e for e in entities if not _is_addressee(text, e)]
    hi = complement if complement > a else b
    comma = next((k for k in range(a, hi) if tokens[k].text in "،,"), hi)
    title = _title_parts(tokens, a, comma) if b > a else None
    if title is not None and title[2] is not None and not any(
            e.type == "PERSON" and span_start <= e.start < tokens[comma - 1].end for e in speakers):
        # رئيس هيئة الأركان الروسية فاليري غيراسيموف: the person named after the title speaks, not the institution
        n_a, n_b = title[2]
        person = _best_entity([e for e in speakers if e.type in ("PERSON", "CANDIDATE")],
                              tokens[n_a].start, tokens[n_b - 1].end)
        name = text[tokens[n_a].start:tokens[n_b - 1].end]
        if person is not None and person.type == "PERSON":
            return Attribution(cue, tokens[cue].text, person.canonical, person.name_en, carried, complement)
        return Attribution(cue, tokens[cue].text, name, "", carried, complement)
    has_comp = complement < len(tokens) and tokens[complement].norm in _COMPLEMENTIZERS
    if b > a and comma == hi and (b - a == 1 or (not _definite(tokens[a + 1]) and tokens[a + 1].norm not in _NAME_STOPS)):
        # المكتب، الهيئة، التقرير (كلفة …): a back reference to an organisation named before
        back = _back_reference(text, tokens, a, speakers, history)
        if back is None and b - a > 1 and not has_comp \
                and any(v in attribution_cues()["anaphors"] for v in clitic_variants(tokens[a].norm)):
            # وقدّر التقرير كلفة إعادة الإعمار …: no complementizer, the object is not part of the subject
            b = a + 1
            span_end = tokens[a].end
        elif back is not None and not any(e.type in ("PERSON", "ORG") and span_start <= e.start < span_end
                                          for e in speakers):
            return Attribution(cue, tokens[cue].text, back, _english_name(back, entities), carried, complement)
    # 1. an entity inside the subject phrase; 2. a person in the subject's apposition
    ent = _best_entity(speakers, span_start, span_end, head_place=tokens[a].end) if b > a else None
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
    if title is not None and title[2] is None and title[1] > title[0] + 1 and comma == hi:
        # وزير شؤون النازحين اللبناني: the whole title phrase
        return Attribution(cue, tokens[cue].text, text[tokens[title[0]].start:tokens[title[1] - 1].end], "",
                           carried, complement)
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
                        if any(c == _ANY or normalize_for_matching(c) in normalize_for_matching(n) for c in anaphors[h])]
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
