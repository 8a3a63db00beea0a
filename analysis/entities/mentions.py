"""Named entities of a text: gazetteer matches plus CANDIDATE proposals for unknown names.

Known entities come from :mod:`analysis.entities.gazetteer` (persons, organisations,
places, events with their aliases, clitic-attached and spelling variants).
Unknown names are proposed as ``CANDIDATE`` so analysts can grow the gazetteer:

* after a title cue (``الجنرال``, ``العقيد``, ``المتحدث باسم …``, ``رئيس …``),
  skipping the office's complement (words with the article, known entities,
  nisba adjectives): ``المتحدث باسم الجيش الإسرائيلي أفيخاي أدرعي`` → ``أفيخاي أدرعي``;
* transliterated foreign names by their endings (``…سكي``, ``…فيتش``, ``…أوغلو``).

Cues and word lists are data (``analysis/lexicons/gazetteer/cues.yaml``).

Example:
    >>> df = find_entities("وقال الجنرال جيمس هارتلي إن الوضع في إدلب معقد")
    >>> df[["text", "type"]].values.tolist()
    [['جيمس هارتلي', 'CANDIDATE'], ['إدلب', 'PLACE']]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import ahocorasick

from analysis.entities.gazetteer import EntityMention, check_text, load_gazetteer, nisba_forms
from analysis.lexicons import load_yaml
from analysis.schemas import ENTITIES
from analysis.text.document import Document, as_document, register_layer
from analysis.text.lexicon import reporting_verb_forms, stopword_forms
from analysis.text.normalize import MatchingText, match_form, matching_text

if TYPE_CHECKING:
    import pandas as pd

#: Columns of :func:`find_entities`, in order (:data:`analysis.schemas.ENTITIES`).
ENTITY_COLUMNS: tuple[str, ...] = ENTITIES.columns
_WORD_RE = re.compile(r"\w+")
_CONJ = "وف"
_PROCLITICS = "وفبكل"


@lru_cache(maxsize=1)
def _cues() -> dict[str, object]:
    data = load_yaml("gazetteer/cues.yaml")
    # function words and reporting verbs never start or continue a name
    extra = set(stopword_forms())
    verbs = set(reporting_verb_forms())
    return {
        "skip": frozenset(match_form(w) for w in data["skip"]),
        "links": frozenset(match_form(w) for w in data["name_links"]),
        "article_like": frozenset(match_form(w) for w in data["article_like_names"]),
        "waw_names": frozenset(match_form(w) for w in data["waw_names"]),
        "stop": frozenset(match_form(w) for w in data["stop"]) | extra | verbs,
        "min_len": int(data["transliteration_min_length"]),
    }


@dataclass(frozen=True, slots=True)
class _CueHit:
    """A cue found by the automaton (same interface as the few ``re.Match`` methods used)."""

    s: int
    e: int
    text: str

    def start(self) -> int:
        return self.s

    def end(self) -> int:
        return self.e

    def group(self) -> str:
        return self.text


@lru_cache(maxsize=1)
def _cue_automaton() -> ahocorasick.Automaton:
    data = load_yaml("gazetteer/cues.yaml")
    auto = ahocorasick.Automaton()
    for t in data["titles"]:
        f = match_form(t)
        auto.add_word(f, ("title", len(f)))
    for e in data["transliteration_endings"]:
        f = match_form(e)
        if f not in auto:
            auto.add_word(f, ("ending", len(f)))
    auto.make_automaton()
    return auto


def _cue_hits(t: str, kind: str) -> list[_CueHit]:
    """Title cues (whole words, maybe after و/ف) or transliteration endings (word ends) in ``t``."""
    out: list[_CueHit] = []
    min_len = _cues()["min_len"]
    n = len(t)
    for end_idx, (k, length) in _cue_automaton().iter(t):
        if k != kind:
            continue
        end = end_idx + 1
        if end < n and t[end].isalnum():
            continue
        start = end - length
        if kind == "title":
            if start > 0 and t[start - 1].isalnum():
                if t[start - 1] in _CONJ and (start == 1 or not t[start - 2].isalnum()):
                    start -= 1
                else:
                    continue
            out.append(_CueHit(start, end, t[start:end]))
        else:
            ws = start
            while ws > 0 and t[ws - 1].isalnum():
                ws -= 1
            if end - ws >= min_len and not t[ws:end].isdigit():
                out.append(_CueHit(ws, end, t[ws:end]))
    out.sort(key=lambda h: (h.s, -h.e))
    dedup: list[_CueHit] = []
    for h in out:  # the longest title at one position (رئيس الوزراء vs رئيس)
        if dedup and dedup[-1].s == h.s:
            continue
        dedup.append(h)
    return dedup


def _has_article(word: str) -> bool:
    """``ال``/``لل`` at the start, maybe after one or two proclitics (``بالحج``, ``وبالموصل``)."""
    for k in (0, 1, 2):
        if k and word[k - 1:k] not in _PROCLITICS:
            return False
        rest = word[k:]
        if rest.startswith("ال") or rest.startswith("لل"):
            return True
    return False


def _candidates(mt: MatchingText, covered: bytearray, text: str) -> list[EntityMention]:
    """CANDIDATE mentions from title cues and transliteration endings (matching-form scan).

    ``covered`` marks known mentions in the matching form: 1 for a known
    non-person, 2 for a known person (a title before a known person proposes nothing).
    """
    cues = _cues()
    t = mt.text
    nisba = nisba_forms()
    stop = cues["stop"]
    skip = cues["skip"]
    links = cues["links"]
    art_names = cues["article_like"]
    found: list[tuple[int, int, str]] = []

    def articled(w: str) -> bool:
        return _has_article(w) and w not in art_names and w not in links

    for m in _cue_hits(t, "title"):
        if covered[m.start()] or covered[m.end() - 1]:
            continue
        cue = m.group()
        office = not (cue.startswith("ال") or cue[1:3] == "ال")
        words = [(w.start(), w.end(), w.group()) for w in _WORD_RE.finditer(t, m.end(), min(len(t), m.end() + 120))]
        i = 0
        if office:  # the office's construct chain: رئيس هيئة الأركان ...
            while i < len(words) and i < 2 and not covered[words[i][0]] and not articled(words[i][2]) \
                    and words[i][2] not in stop and words[i][2] not in skip:
                i += 1
        skipped = i
        # the office's complement: article words, known non-person entities, nisbas, linking words
        while i < len(words) and skipped < 6:
            s, e, w = words[i]
            if covered[s] == 2:
                break
            if covered[s] or w in nisba or w in skip or articled(w):
                i += 1
                skipped += 1
                continue
            if w == "في" and i + 1 < len(words) and covered[words[i + 1][0]] == 1:
                i += 1  # a known place or body in the office: نائب المدعي العام في مشهد ...
                skipped += 1
                continue
            break
        if office and skipped == 0 or i < len(words) and covered[words[i][0]] == 2:
            continue
        name: list[tuple[int, int, str]] = []
        while i < len(words) and sum(1 for x in name if x[2] not in links) < 3 and len(name) < 6:
            s, e, w = words[i]
            gap = t[(name[-1][1] if name else words[i - 1][1] if i else m.end()):s].strip()
            if name and gap or gap not in ("", "،", ","):  # an apposition comma may precede the name
                break
            if covered[s] or w in stop or w in nisba or w.isdigit() or len(w) < 2:
                break
            if not name and w[:1] == "و" and w not in cues["waw_names"]:
                break  # a conjunction, not a name: ... السابق واتهامه
            if articled(w) and not (name and name[-1][2] in links):
                if name and not (i + 1 < len(words) and words[i + 1][2] in links):
                    name.append((s, e, w))  # a family name with the article ends the name: أحمد المسماري
                break
            name.append((s, e, w))
            i += 1
        while name and name[-1][2] in links:
            name.pop()
        if name:
            found.append((name[0][0], name[-1][1], "cue:" + cue.strip()))
    for m in _cue_hits(t, "ending"):
        w = m.group()
        if not covered[m.start()] and w not in stop and not articled(w):
            found.append((m.start(), m.end(), "transliteration"))
    out: list[EntityMention] = []
    found.sort()
    last_end = -1
    for s, e, how in found:
        if s < last_end or any(covered[s:e]):
            continue
        last_end = e
        os_, oe = mt.to_original(s, e)
        out.append(EntityMention(
            start=os_, end=oe, text=text[os_:oe], entity_id="", canonical=text[os_:oe], name_en="",
            type="CANDIDATE", subtype="", country="", lat=None, lon=None, matched_alias="", form=how,
        ))
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
    """Every mention: gazetteer names and adjectives, then candidate names, sorted by span."""
    mentions = load_gazetteer().match(text, adjectives=True, mt=mt, hits=hits)
    # known mentions (adjectives included, so "الرئيس الروسي" is not a name) are not candidates
    covered = bytearray(len(mt.text) + 1)
    for h in hits:
        code = b"\x02" if h.key.entry.type == "PERSON" else b"\x01"
        covered[h.start:h.end] = code * (h.end - h.start)
    mentions = mentions + _candidates(mt, covered, text)
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


register_layer("gazetteer_hits", lambda doc: load_gazetteer().scan(doc.matching), provider=__name__)
register_layer("entities", lambda doc: _all_mentions(doc.text, doc.matching, doc.gazetteer_hits), provider=__name__)


def find_entities(text: "str | Document", *, adjectives: bool = False, candidates: bool = True) -> "pd.DataFrame":
    """Entities of ``text`` as a table sorted by start.

    Columns: ``start, end, text, canonical, name_en, type`` (``PERSON``, ``ORG``,
    ``PLACE``, ``EVENT``, ``CANDIDATE``), then ``entity_id, subtype, country,
    lat, lon, matched_alias, form`` (name, alias, short_alias, adjective,
    ``cue:<title>``, transliteration), ``clitic`` (proclitics left outside the
    span: ``بإدلب`` → ``ب``) and ``resolved_from`` (a generic office such as
    ``وزارة الدفاع`` resolved to the organisation named before).

    Example:
        >>> find_entities("ونقل لافروف عن نظيره بإدلب")[["text", "canonical"]].values.tolist()
        [['لافروف', 'سيرغي لافروف'], ['إدلب', 'إدلب']]
    """
    import pandas as pd

    rows = [m.as_row() for m in entity_mentions(text, adjectives=adjectives, candidates=candidates)]
    df = pd.DataFrame(rows, columns=list(ENTITY_COLUMNS))
    return df.astype({**dict.fromkeys(ENTITIES.of_type("int"), "int64"), **dict.fromkeys(ENTITIES.of_type("float"), "float64")})


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
    return df.sort_values(["sentences", "left", "right"], ascending=[False, True, True], kind="stable").reset_index(drop=True)
