"""Quotations and who said them; attribution of every sentence to its source.

Three steps, all offsets into the unmodified input:

1. **Quotation spans**: ``«…»`` (nested guillemets kept inside the outer
   quotation: ``«تحرير 50 بلدة … تنظيم «داعش» وتم فرض طوق …»`` is one quotation),
   ``“…”`` and straight ``"…"``. Quotation marks never pair across a line
   break. Marks around one or two words (``«داعش»``) are names, not speech,
   unless a reporting verb introduces them (``لفت إلى «جهد مكثف»``).
2. **Reporting verbs** (data: ``analysis/lexicons/attribution/reporting_verbs.yaml``)
   outside quotations, and their subject: the entity just before the verb
   (``وكان لافروف أشاد``), else the first person (then organisation) between
   the verb and its complement (``قال رئيس … الجنرال سيرغي رودسكوي … إن``), else
   an anaphor resolved to the last entity of its kind (``وأفادت الوزارة`` → the
   ministry named before; ``ولفت البيان`` → the last organisation speaking), else
   the raw noun phrase (``مصدر عسكري``), which ends at a clean boundary (never on a
   preposition; ``في`` + a known place is kept whole: ``الاتحاد العام للعمال في تونس``).
   Definite head nouns (``الوزارة``, ``المرصد``, ``الشبكة``) resolve to the most recent
   organisation whose name starts with them. A verb without subject (``وأضاف أن``,
   ``مشيراً إلى``, ``وحذّرت من أن``) carries the previous speaker over. Source markers
   (``بحسب``, ``وفق ما أفادت به``, ``نقلاً عن``) take the noun phrase after them, also at the
   end of a sentence; a relaying verb names the one quoted (``نقلت الوكالة عن محافظ حمص
   قوله`` → ``محافظ حمص``, the agency in ``via``). An unknown full name after a title
   phrase is kept whole (``رئيس الأركان الروسي فاليري غيراسيموف`` → ``فاليري غيراسيموف``).
3. **Speaker of a quotation**: the nearest reporting verb before it in its
   sentence, else the nearest after it (``«…»، قال فلان``), else the speaker
   carried over from the previous sentences.

Example:
    >>> df = find_quotes("وقال لافروف إن «الحل سياسي في سورية». وأضاف أن «الجهود مستمرة».")
    >>> df[["quote", "speaker_canonical", "carried_over"]].values.tolist()
    [['الحل سياسي في سورية', 'سيرغي لافروف', False], ['الجهود مستمرة', 'سيرغي لافروف', True]]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any

import ahocorasick

from analysis.entities import entity_mentions
from analysis.entities.gazetteer import EntityMention
from analysis.errors import AnalysisError, LexiconError
from analysis.lexicons import load_yaml
from analysis.schemas import QUOTES
from analysis.text.chars import QUOTE_MARKS_CLASS, QUOTE_PAIRS
from analysis.text.clitics import is_definite, is_protected
from analysis.text.document import Document, register_layer
from analysis.text.lexicon import MATCH_EXTRA, REPORTING_VERBS_FILE, broken_plural_pairs, reporting_verbs
from analysis.text.lexicon import reporting_verb_forms as text_reporting_verb_forms
from analysis.text.normalize import MatchingText, match_form
from analysis.text.tokens import analyze_word

if TYPE_CHECKING:
    import pandas as pd

#: Columns of :func:`find_quotes` (:data:`analysis.schemas.QUOTES`).
QUOTE_COLUMNS: tuple[str, ...] = QUOTES.columns
_OPEN_CLOSE = QUOTE_PAIRS
_QUOTE_CHAR_RE = re.compile(f"[{QUOTE_MARKS_CLASS}\n]")
_WORD_RE = re.compile(r"\w+")
_COMMA_RE = re.compile(r"[،,]")
_LAST_WORD_RE = re.compile(r"\w+$")
#: A preposition glued to the article (بالإفراج، بالقرب): never inside a subject noun phrase.
_PREP_ARTICLE = ("بال",)
#: The last word before a position, separated from it by spaces only (searched with an end bound).
_PREV_WORD_RE = re.compile(r"(\w+)\s+$")
#: A colon or an opening quotation mark within a few words after a verb (its subject between).
_COLON_SOON_RE = re.compile(r"(?:\s+\w+){0,6}\s*[:«\"“]")
#: A quotation opened right there: the words up to its closing mark (a quoted name such as
#: «تويتر» is one or two words; a statement is longer).
_QUOTED_WORDS_RE = {"«": re.compile(r"[^»]{0,300}"), '"': re.compile(r'[^"]{0,300}'), "“": re.compile(r"[^”]{0,300}")}
#: Fewest words inside the quotation marks for them to open a statement rather than quote a name.
_MIN_STATEMENT_WORDS = 3

#: Longest gap (characters, diacritics included) between a subject and its verb: وكان … قد، من جانبه.
_MAX_LINK_CHARS = 24
#: Quotations of at most this many words in a sentence without a reporting verb are names in marks.
_MAX_MARK_WORDS = 4


class QuoteInputError(AnalysisError, TypeError):
    """The text given to the quotation finder is not a string."""


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation mark pair: ``original[start:end]`` is the content (marks excluded)."""

    start: int
    end: int
    open_mark: str
    n_words: int
    nested: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Attribution:
    """One reporting verb (or source marker) and the source it attributes to.

    Attributes:
        verb: Lemma of the verb (``قال``) or the marker (``بحسب``); ``""`` when a sentence has none.
        verb_text: The verb as written.
        verb_start: Offset of the verb (or of the sentence start when none).
        verb_end: End offset of the verb.
        source: Canonical name of the source when known, else the subject as written, else ``""``.
        source_text: The subject as written in the text (``""`` when carried over or absent).
        source_type: ``PERSON``, ``ORG``, ``PLACE``, ``CANDIDATE``, ``PHRASE`` or ``""``.
        source_entity_id: Gazetteer id of the source, when known.
        carried_over: The verb has no subject of its own; the source is the previous speaker.
        sentence_index: Index of the sentence containing the verb.
        sentence_start: Start offset of that sentence.
        sentence_end: End offset of that sentence.
        via: For a relayed statement (``نقلت الوكالة عن محافظ حمص قوله``), the relaying source
            (the agency); ``""`` otherwise.
        kind: ``verb``, ``participle`` (``مشيراً``: never a subject of its own) or ``marker`` (``بحسب``).
    """

    verb: str
    verb_text: str
    verb_start: int
    verb_end: int
    source: str
    source_text: str
    source_type: str
    source_entity_id: str
    carried_over: bool
    sentence_index: int
    sentence_start: int
    sentence_end: int
    via: str = ""
    kind: str = "verb"

    def as_row(self) -> dict[str, Any]:
        """The attribution as a plain dict."""
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation with its speaker (one row of :func:`find_quotes`)."""

    start: int
    end: int
    quote: str
    speaker: str
    speaker_canonical: str
    speaker_type: str
    speaker_entity_id: str
    verb: str
    verb_start: int
    carried_over: bool
    sentence_index: int
    n_words: int

    def as_row(self) -> dict[str, Any]:
        """The quotation as a plain dict."""
        return {name: getattr(self, name) for name in self.__slots__}


# ---------------------------------------------------------------------------- lexicon


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, Any]:
    data = load_yaml(REPORTING_VERBS_FILE)
    form_to: dict[str, tuple[str, str]] = {}  # matching form -> (lemma, kind)
    default_complements = frozenset(match_form(w) for w in data["complements"])
    needs_complement: dict[str, tuple[frozenset[str], tuple[str, ...], int]] = {}
    default_window = int(data["complement_window"])
    for v in reporting_verbs():
        lemma = v.lemma
        window = v.complement_window if v.complement_window is not None else default_window
        if v.complement is True:
            needs_complement[lemma] = (default_complements, (), window)
        elif v.complement:
            exact = frozenset(match_form(w) for w in v.complement if not w.endswith("*"))
            prefixes = tuple(match_form(w[:-1]) for w in v.complement if w.endswith("*"))
            needs_complement[lemma] = (exact, prefixes, window)
        for kind, forms in (("forms", v.forms), ("participle", v.participles), ("impersonal", v.impersonal)):
            for f in forms:
                form_to.setdefault(match_form(f), (lemma, kind))
    markers = {match_form(m): m for m in data["source_markers"]}
    verb_auto = ahocorasick.Automaton()
    for f in set(form_to) | set(markers):
        verb_auto.add_word(f, len(f))
    verb_auto.make_automaton()
    anaphors = {
        match_form(k): (v["type"], frozenset(v.get("subtypes") or ()), bool(v.get("speaker", False)))
        for k, v in data["anaphors"].items()
    }
    return {
        "form_to": form_to,
        "markers": markers,
        "needs_complement": needs_complement,
        "verb_auto": verb_auto,
        "complements": frozenset(match_form(w) for w in data["complements"]),
        "complement_window": int(data["complement_window"]),
        "stops": frozenset(match_form(w) for w in data["subject_stops"]),
        "max_words": int(data["subject_max_words"]),
        "svo_links": frozenset(match_form(w) for w in data["svo_links"]),
        "anaphors": anaphors,
        "heads": frozenset(match_form(w) for w in data.get("head_anaphors") or ()),
        "non_subjects": frozenset(match_form(w) for w in data.get("non_subjects") or ()),
        "relay_verbs": frozenset(data.get("relay_verbs") or ()),
        "svo_openers": frozenset(match_form(w) for w in data.get("svo_openers") or ()),
        "entity_prepositions": frozenset(match_form(w) for w in data["entity_prepositions"]),
        "member_nouns": frozenset(match_form(w) for w in data.get("member_nouns") or ()),
        "member_preps": frozenset(match_form(w) for w in data.get("member_prepositions") or ()),
        "relay_prep": match_form(data.get("relay_preposition") or "عن"),
        "fillers": frozenset(match_form(w) for w in data.get("marker_fillers") or ()),
        "titles": _title_forms(),
    }


@lru_cache(maxsize=1)
def _title_forms() -> frozenset[str]:
    """Single words of the gazetteer's title cues (رئيس، وزير، الجنرال …): never part of a person's name."""
    titles = load_yaml("gazetteer/cues.yaml").get("titles")
    if not isinstance(titles, list):
        raise LexiconError("gazetteer/cues.yaml: expected a 'titles' list")
    return frozenset(w for t in titles for w in match_form(t).split())


def reporting_verb_forms() -> frozenset[str]:
    """Every reporting verb form in matching form (without the conjunction)."""
    return text_reporting_verb_forms()


# ---------------------------------------------------------------------------- quotation spans


def quote_spans(text: str) -> list[QuoteSpan]:
    """Outermost quotation-mark pairs of ``text`` (nested pairs are listed in ``nested``).

    Example:
        >>> [text[s.start:s.end] for text in ["قال «تحرير «داعش» تم»"] for s in quote_spans(text)]
        ['تحرير «داعش» تم']
    """
    if not isinstance(text, str):
        raise QuoteInputError(f"expected text as str, got {type(text).__name__}")
    spans: list[QuoteSpan] = []
    stack: list[tuple[str, int]] = []
    nested: list[tuple[int, int]] = []
    for m in _QUOTE_CHAR_RE.finditer(text):
        ch, i = m.group(), m.start()
        if ch == "\n":
            stack.clear()
            nested = []
            continue
        if ch == '"' and stack and stack[-1][0] == '"':
            closing = True
        else:
            closing = ch in ("»", "”")
        if not closing:
            stack.append((ch, i))
            continue
        if not stack or _OPEN_CLOSE[stack[-1][0]] != ch:
            continue  # stray closing mark
        opener, start = stack.pop()
        if stack:
            nested.append((start + 1, i))
            continue
        content = text[start + 1:i]
        spans.append(QuoteSpan(start + 1, i, opener, len(_WORD_RE.findall(content)), tuple(nested)))
        nested = []
    return spans


# ---------------------------------------------------------------------------- attribution


@dataclass(slots=True)
class _Source:
    name: str
    text: str
    type: str
    entity_id: str
    subtype: str = ""


def _entity_source(m: EntityMention) -> _Source:
    return _Source(m.canonical, m.text, m.type, m.entity_id, m.subtype)


class _Context:
    """Discourse state while walking a text left to right."""

    def __init__(self) -> None:
        self.speaker: _Source | None = None
        self.speakers: list[_Source] = []
        #: (offset, source) of every explicit source so far, including noun phrases
        self.history: list[tuple[int, _Source]] = []

    def record(self, pos: int, source: _Source) -> None:
        self.speaker = source
        self.speakers.append(source)
        self.history.append((pos, source))

    def resolve(self, word: str, mentions: list[EntityMention], starts: list[int],
                before: int) -> _Source | None:
        lex = _lexicon()
        if word in lex["heads"]:
            found = self._by_head(word, mentions, starts, before)
            if found is not None:
                return found
        kind = lex["anaphors"].get(word)
        if kind is None:
            return None
        etype, subtypes, prefer_speaker = kind
        if prefer_speaker:
            for s in reversed(self.speakers):
                # a noun-phrase source (an organisation the gazetteer does not know) fits an anaphor of any subtype
                if (s.type == etype and (not subtypes or s.subtype in subtypes)) or (
                        s.type == "PHRASE" and not subtypes):
                    return s
        for m in reversed(mentions[:bisect_left(starts, before)]):
            if m.type == etype and m.form != "adjective" and (not subtypes or m.subtype in subtypes):
                return _entity_source(m)
        return None

    def _by_head(self, word: str, mentions: list[EntityMention], starts: list[int],
                 before: int) -> _Source | None:
        """The most recent organisation (mention or phrase source) whose name starts with the head noun."""
        bare = word[2:]
        heads = (word + " ", bare + " ")

        def starts_with_head(name: str) -> bool:
            f = _name_form(name)
            return f.startswith(heads) or f in (word, bare)

        best: tuple[int, _Source] | None = None
        for m in reversed(mentions[:bisect_left(starts, before)]):
            if m.type == "ORG" and m.form != "adjective" and (
                    starts_with_head(m.canonical) or starts_with_head(m.text)):
                best = (m.start, _entity_source(m))
                break
        for pos, src in reversed(self.history):
            if best is not None and pos <= best[0]:
                break
            if pos < before and src.type in ("PHRASE", "ORG", "CANDIDATE") and starts_with_head(src.text or src.name):
                best = (pos, src)
                break
        return best[1] if best else None


def _statement_soon(t: str, pos: int) -> bool:
    """A colon, or a quotation of a few words, within a few words after ``pos`` (the verb's end).

    ``وأضافت الكعبي لسكاي نيوز عربية: «…»`` has one; ``عبر حسابه في "تويتر"`` has not (a quoted name).
    """
    m = _COLON_SOON_RE.match(t, pos)
    if m is None:
        return False
    mark = t[m.end() - 1]
    if mark == ":":
        return True
    inner = _QUOTED_WORDS_RE[mark].match(t, m.end()).group()
    return len(_WORD_RE.findall(inner)) >= _MIN_STATEMENT_WORDS


@lru_cache(maxsize=4096)
def _name_form(name: str) -> str:
    return match_form(name).strip()


def _attributions(text: str, mt: MatchingText, mentions: list[EntityMention],
                  quotes: list[QuoteSpan], sentences: list[tuple[int, int]]) -> list[Attribution]:
    lex = _lexicon()
    t = mt.text
    inside = bytearray(len(text) + 1)
    for q in quotes:
        inside[q.start:q.end] = b"\x01" * (q.end - q.start)
    starts = [m.start for m in mentions]
    sent_starts = [s for s, _ in sentences]
    ctx = _Context()
    out: list[Attribution] = []
    skip_until = -1
    for vm in _verb_hits(t, lex["verb_auto"]):
        if vm.start < skip_until:
            continue  # the verb of a marker clause: وفق ما أفادت به …
        form = vm.form
        v_ns, v_ne = vm.start, vm.end
        vs, ve = mt.to_original(v_ns, v_ne)
        if inside[vs] or _inside_mention(mentions, starts, vs):
            continue
        marker = form in lex["markers"]
        lemma, kind = (lex["markers"][form], "marker") if marker else lex["form_to"][form]
        following = t[v_ne:v_ne + 3].lstrip()
        wanted = lex["needs_complement"].get(lemma)
        if wanted is not None and not following.startswith(("«", '"', ":")):
            exact, prefixes, window = wanted
            after = _WORD_RE.findall(t, v_ne, min(len(t), v_ne + 15 * window))[:window]
            if not any(w in exact or (prefixes and w.startswith(prefixes) and len(w) > 2) for w in after) \
                    and not _statement_soon(t, v_ne):  # وأضافت الكعبي لسكاي نيوز عربية: «…»
                continue
        si = max(0, bisect_right(sent_starts, vs) - 1)
        s_start, s_end = sentences[si] if sentences else (0, len(text))
        if kind == "impersonal":
            continue
        from_ns = v_ne
        if marker:
            from_ns = _skip_fillers(t, v_ne, lex)
            skip_until = from_ns
        source: _Source | None = None
        carried = False
        via = ""
        if kind != "participle":
            source = _subject(text, t, mt, vm, from_ns, mentions, starts, ctx, lex, marker, s_start, s_end, inside)
        if not marker and lemma in lex["relay_verbs"]:
            relayed = _relayed(text, t, mt, vm, mentions, starts, ctx, lex, s_start, s_end, inside)
            if relayed is not None:
                via = source.name if source is not None else ""
                source = relayed
        if source is None:
            source, carried = ctx.speaker, True
        if source is not None and not carried:
            ctx.record(vs, source)
        out.append(Attribution(
            verb=lemma, verb_text=text[vs:ve], verb_start=vs, verb_end=ve,
            source=source.name if source else "", source_text="" if carried or source is None else source.text,
            source_type=source.type if source else "", source_entity_id=source.entity_id if source else "",
            carried_over=carried and source is not None, sentence_index=si,
            sentence_start=s_start, sentence_end=s_end, via=via,
            kind="marker" if marker else ("participle" if kind == "participle" else "verb"),
        ))
    return out


def _skip_fillers(t: str, pos: int, lex: dict[str, Any]) -> int:
    """After a source marker, skip ``ما`` / a reporting verb / ``به`` (وفق ما أفادت به …); the new position."""
    forms = lex["form_to"]
    for _ in range(4):
        w = _WORD_RE.search(t, pos, min(len(t), pos + 30))
        if w is None or t[pos:w.start()].strip():
            break
        g = w.group()
        bare = g[1:] if g[:1] in "وف" and g[1:] in forms else g
        if g in lex["fillers"] or bare in forms or (bare[:-1] in forms and bare[-1] == "ه") \
                or (bare[:-2] in forms and bare[-2:] in ("ته", "ها")):
            pos = w.end()
            continue
        break
    return pos


def _relayed(text: str, t: str, mt: MatchingText, vm: _VerbHit, mentions: list[EntityMention],
             starts: list[int], ctx: _Context, lex: dict[str, Any], s_start: int, s_end: int,
             inside: bytearray) -> _Source | None:
    """The one quoted by a relaying verb: نقلت الوكالة عن **محافظ حمص** قوله إن …"""
    for i, w in enumerate(_WORD_RE.finditer(t, vm.end, min(len(t), vm.end + 120))):
        if i >= 8 or mt.to_original(w.start(), w.start())[0] >= s_end:
            return None
        if w.group() == lex["relay_prep"]:
            return _subject(text, t, mt, vm, w.end(), mentions, starts, ctx, lex, True, s_start, s_end, inside)
    return None


@dataclass(frozen=True, slots=True)
class _VerbHit:
    """A reporting-verb form in the matching form: ``t[start:end] == form`` (conjunction excluded)."""

    start: int
    end: int
    form: str


def _verb_hits(t: str, auto: ahocorasick.Automaton) -> list[_VerbHit]:
    """Whole-word occurrences of reporting-verb forms, optionally after the conjunction و/ف, in order."""
    n = len(t)
    hits: list[_VerbHit] = []
    for end_idx, length in auto.iter(t):
        end = end_idx + 1
        if end < n and t[end].isalnum():
            continue
        start = end - length
        if start > 0 and t[start - 1].isalnum():
            if not (t[start - 1] in "وف" and (start == 1 or not t[start - 2].isalnum())):
                continue
        hits.append(_VerbHit(start, end, t[start:end]))
    hits.sort(key=lambda h: (h.start, -h.end))
    out: list[_VerbHit] = []
    for h in hits:  # longest form at a position; no overlaps (وجاء في vs جاء في)
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


def _inside_mention(mentions: list[EntityMention], starts: list[int], pos: int) -> bool:
    k = bisect_right(starts, pos) - 1
    return k >= 0 and mentions[k].start <= pos < mentions[k].end


def _subject(text: str, t: str, mt: MatchingText, vm: _VerbHit, from_ns: int, mentions: list[EntityMention],
             starts: list[int], ctx: _Context, lex: dict[str, Any], marker: bool,
             s_start: int, s_end: int, inside: bytearray) -> _Source | None:
    """The source of a verb (or, with ``marker``, of a marker or a relay: the noun phrase from ``from_ns``)."""
    vs = mt.to_original(vm.start, vm.start)[0]
    # SVO: an entity right before the verb, maybe with كان / قد between
    if not marker:
        k = bisect_right(starts, vs) - 1
        while k >= 0 and mentions[k].form == "adjective":
            k -= 1
        if k >= 0 and mentions[k].end <= vs and mentions[k].start >= s_start \
                and vs - mentions[k].end <= _MAX_LINK_CHARS:
            between = match_form(text[mentions[k].end:vs]).strip()
            if between.startswith("و") and between[1:] in lex["svo_links"]:
                between = between[1:]
            if (not between or between in lex["svo_links"]) and mentions[k].type != "PLACE":
                return _entity_source(mentions[k])
        before = _subject_before(text, t, mt, vm, mentions, starts, ctx, lex, s_start)
        if before is not None:
            return before
    # VSO: the subject between the verb and its complement
    # only the first max_words words are ever looked at
    words = list(islice(_WORD_RE.finditer(t, from_ns, min(len(t), from_ns + 200)), max(lex["max_words"], 1)))
    if words and words[0].group() in lex["non_subjects"]:
        return None  # حذّرت من أن …: a preposition is never a subject
    wanted = None if marker else lex["needs_complement"].get(lex["form_to"][vm.form][0])
    if words and wanted is not None:
        exact, prefixes, _ = wanted
        first = words[0].group()
        if first in exact or (prefixes and first.startswith(prefixes) and len(first) > 2):
            return None  # ويطالبون بإلغاء …: the complement follows the verb at once, no subject between
    end_ns = None
    n = 0
    for w in words[: lex["max_words"]]:
        ws = mt.to_original(w.start(), w.start())[0]
        if ws >= s_end or inside[ws] or w.group() in lex["stops"] or "«" in t[from_ns:w.start()]:
            end_ns = w.start()
            break
        n += 1
    if end_ns is None:
        end_ns = words[min(len(words), lex["max_words"]) - 1].end() if words else from_ns
    if n == 0:
        return None
    win_start = mt.to_original(from_ns, from_ns)[0]
    win_end = mt.to_original(end_ns, end_ns)[0]
    k = bisect_right(starts, win_start - 1)
    in_window = []
    while k < len(mentions) and mentions[k].start < win_end:
        m = mentions[k]
        if m.form != "adjective" and m.start >= win_start:
            in_window.append(m)
        k += 1
    heads = [m for m in in_window if m.type in ("PERSON", "ORG", "CANDIDATE")
             and not (_is_complement(t, mt, m) and not (marker and _first_in_window(text, win_start, m)))]
    # The subject stands before the first comma (…الجنرال سيرغي رودسكوي في مؤتمر صحافي، إن), or right
    # after it as an apposition (انتقد الشيخ القطري المعارض، سلطان بن سحيم …); later entities are
    # objects or adverbials (أعلن الحزب الحاكم في السودان، الجمعة، ترشيح الرئيس … عمر البشير).
    comma = _COMMA_RE.search(text, win_start, win_end)
    if comma is not None:
        before_comma = [m for m in heads if m.start < comma.start()]
        if before_comma:
            heads = before_comma
        else:
            heads = [m for m in heads if not text[comma.end():m.start].strip()]
    for m in heads:  # a person (known or proposed) first, else an organisation
        if m.type == "PERSON":
            return _entity_source(m)
        if m.type == "CANDIDATE":
            wanted = None if marker else lex["needs_complement"].get(lex["form_to"][vm.form][0])
            return _full_name(text, m, win_start, mentions, starts, lex, wanted[1] if wanted else ())
    if heads:
        return _entity_source(heads[0])
    first_words = [w.group() for w in words[:n]]
    # an anaphoric subject right after the verb: وأفادت الوزارة، ولفت البيان (not: وقال في بيان …)
    resolved = ctx.resolve(first_words[0], mentions, starts, win_start)
    if resolved is not None:
        o = mt.to_original(words[0].start(), words[0].end())
        return _Source(resolved.name, text[o[0]:o[1]], resolved.type, resolved.entity_id, resolved.subtype)
    if in_window and in_window[0].type in ("PLACE", "EVENT") and in_window[0].start - win_start < 3:
        return _entity_source(in_window[0])  # أعلنت روسيا أن ...
    named = _name_after_title(text, mt, words[:n], mentions, starts, lex)
    if named is not None:
        return named  # قال نائب المدعي العام في مشهد حسن حيدري …
    wanted = None if marker else lex["needs_complement"].get(lex["form_to"][vm.form][0])
    return _phrase(text, mt, words[:n], mentions, starts, lex, wanted[1] if wanted else (), marker=marker)


def _subject_before(text: str, t: str, mt: MatchingText, vm: _VerbHit, mentions: list[EntityMention],
                    starts: list[int], ctx: _Context, lex: dict[str, Any], s_start: int) -> _Source | None:
    """A definite noun before the verb standing for a source named earlier: ``وكانت المنظمة قد أعلنت``,
    ``لكن المنظمة حذّرت`` (after an opener of ``svo_openers``, past ``svo_links`` such as ``قد``)."""
    lo = mt.from_original(s_start)
    words = [w for w in _WORD_RE.finditer(t, max(lo, vm.start - 60), vm.start)]
    if t[words[-1].end():vm.start].strip() if words else True:
        return None  # punctuation between the last word and the verb
    k = len(words) - 1
    while k >= 0 and words[k].group() in lex["svo_links"]:
        k -= 1
    if k < 0:
        return None
    noun = words[k].group()
    opener = words[k - 1].group() if k >= 1 else ""
    if opener[:1] in "وف" and opener[1:] in lex["svo_openers"]:
        opener = opener[1:]
    if k >= 1 and opener not in lex["svo_openers"] and " ".join(w.group() for w in words[max(0, k - 2):k]) \
            not in lex["svo_openers"]:
        return None
    if k == 0 and words[0].start() > lo and t[lo:words[0].start()].strip():
        return None
    if noun[:1] in "وف" and len(noun) > 3 and (noun[1:] in lex["heads"] or noun[1:] in lex["anaphors"]):
        noun = noun[1:]
    resolved = ctx.resolve(noun, mentions, starts, mt.to_original(words[k].start(), words[k].start())[0])
    o = mt.to_original(words[k].start(), words[k].end())
    if resolved is None:
        if noun.startswith("ال") and len(noun) > 3 and noun not in lex["non_subjects"]:
            written = text[o[0]:o[1]]
            return _Source(written, written, "PHRASE", "")  # لكن المستشفى قال: a subject of its own
        return None
    return _Source(resolved.name, text[o[0]:o[1]], resolved.type, resolved.entity_id, resolved.subtype)


def _first_in_window(text: str, win_start: int, m: EntityMention) -> bool:
    """The mention opens the window, maybe after a preposition clitic (وفقاً لـ«منظمة …», بحسب لـ…)."""
    between = text[win_start:m.start].strip().replace("ـ", "")
    return len(between) <= 1 and between in ("", "ل", "ب", "«")


def _phrase(text: str, mt: MatchingText, words: list[re.Match[str]], mentions: list[EntityMention],
            starts: list[int], lex: dict[str, Any], prefixes: tuple[str, ...] = (), marker: bool = False,
            ) -> _Source | None:
    """A plain noun phrase as source (مصدر عسكري، مصادر محلية): at most 4 words, up to a comma or a
    preposition; ``في`` + a known place right after it ends the phrase as part of it
    (المؤسسة … للنفط في ليبيا), never a dangling preposition."""
    non_subjects = lex["non_subjects"]
    if not words or words[0].group() in non_subjects:
        return None
    if not marker and _proclitics(text, mt, words[0])[:1] in (("ل",), ("ب",)):
        return None  # an addressee or a complement (قال لوكالة …، بشأن …) is not the subject
    if _clitics(text, mt, words[0])[1]:
        return None  # a word with a pronoun never names a source: جاء فيه، عبر حسابه، بلغ عددهم
    o_s = mt.to_original(words[0].start(), words[0].start())[0]
    article = ""
    if marker and _proclitics(text, mt, words[0])[:1] == ("ل",):
        if words[0].group().startswith("لل"):
            article = "ال"  # وفقا للمرصد: ل + المرصد, its alif dropped in writing
        o_s += 1  # وفقا لوكالة …: the ل belongs to the marker
    o_e = o_s
    kept = 0
    limit = 4
    for i, w in enumerate(words):
        ws, we = mt.to_original(w.start(), w.end())
        if i and _COMMA_RE.search(text, o_e, ws):
            break
        if i == 1 and w.group() in lex["member_preps"] and i + 1 < len(words) \
                and words[i + 1].group() not in non_subjects \
                and (words[0].group() in lex["member_nouns"] or _org_at(mentions, starts, mt, words[i + 1])) \
                and not _COMMA_RE.search(text, we, mt.to_original(words[i + 1].start(), words[i + 1].start())[0]):
            # قال مسؤول في برنامج الأغذية العالمي: the organisation he speaks for is part of the source
            kept, limit = kept + 1, 6
            continue
        if i and (w.group().startswith(_PREP_ARTICLE) or prefixes and w.group().startswith(prefixes)):
            break  # the verb's complement: ويطالب المحتجون بالإفراج …
        if i and kept:
            clitics, enclitic = _clitics(text, mt, w)
            if enclitic or clitics[:1] == ("ب",) or (clitics[:1] == ("ل",) and words[0].group() in lex["titles"]):
                break  # the object or an addressee: اتهم الحزب منافسيه بشراء …، قال الوزير للصحفيين …
        if i and kept and _definite(words[i - 1].group()) and _definite(w.group()) \
                and not _adjective_after(words[i - 1].group(), w.group()):
            break  # a second definite noun is the verb's object: دعت لجنة متابعة المفقودين الأهالي إلى …
        if w.group() in non_subjects:
            nxt = mt.to_original(words[i + 1].start(), words[i + 1].start())[0] if i + 1 < len(words) else -1
            k = bisect_left(starts, nxt)
            if w.group() == "في" and k < len(mentions) and mentions[k].start == nxt \
                    and mentions[k].type == "PLACE" and not _COMMA_RE.search(text, we, nxt):
                o_e = mentions[k].end  # في + a known place: part of the name
            break
        if kept == limit:
            break
        o_e = we
        kept += 1
    phrase = text[o_s:o_e].strip()
    if not phrase:
        return None
    if article:  # للمرصد → المرصد، للجنة → اللجنة (the name), the text as written beside it
        first = match_form(words[0].group())
        name = ("ال" + phrase) if is_protected(first[1:]) else ("ا" + phrase)
        return _Source(name, text[o_s - 1:o_e].strip(), "PHRASE", "")
    return _Source(phrase, phrase, "PHRASE", "")


def _definite(word: str) -> bool:
    """A word beginning with the article itself (matching form): not after a preposition (للعمال is a complement)."""
    return word.startswith("ال") and is_definite(word)


def _adjective_after(prev: str, word: str) -> bool:
    """Whether a definite ``word`` after the definite ``prev`` may still belong to the noun phrase
    (an adjective: ``الهيئه العامه``، ``الفرات الاوسط``) — every word but a listed broken plural,
    which is a noun of its own, usually the verb's object (``لجنه متابعه المفقودين الاهالي``)."""
    return word[2:] not in _broken_plural_forms()


@lru_cache(maxsize=1)
def _broken_plural_forms() -> frozenset[str]:
    return frozenset(plural.translate(MATCH_EXTRA) for plural, _ in broken_plural_pairs())




def _clitics(text: str, mt: MatchingText, w: re.Match[str]) -> tuple[tuple[str, ...], str]:
    """(proclitics, enclitic) of a word of the matching form, from the tokenizer's analysis of it as written."""
    s, e = mt.to_original(w.start(), w.end())
    analysis = analyze_word(text[s:e])
    return analysis[2], analysis[4]


def _proclitics(text: str, mt: MatchingText, w: re.Match[str]) -> tuple[str, ...]:
    return _clitics(text, mt, w)[0]


def _org_at(mentions: list[EntityMention], starts: list[int], mt: MatchingText, w: re.Match[str]) -> bool:
    """A known organisation starts at this word (متطوعون في **الهلال الأحمر**)."""
    pos = mt.to_original(w.start(), w.start())[0]
    k = bisect_left(starts, pos)
    return k < len(mentions) and mentions[k].start == pos and mentions[k].type == "ORG"


def _name_after_title(text: str, mt: MatchingText, words: list[re.Match[str]], mentions: list[EntityMention],
                      starts: list[int], lex: dict[str, Any]) -> _Source | None:
    """An unknown full name (2–3 words) closing a subject that opens with a title:
    ``نائب المدعي العام في مشهد حسن حيدري`` → ``حسن حيدري``. Words with the article, titles,
    particles, known entities and the object of a preposition (``مشهد``) are not part of it."""
    if len(words) < 3 or words[0].group() not in lex["titles"]:
        return None
    run: list[tuple[int, int]] = []
    for i in range(len(words) - 1, 0, -1):
        g, prev = words[i].group(), words[i - 1].group()
        if (g.startswith("ال") or g in lex["titles"] or g in lex["non_subjects"] or g in lex["stops"]
                or len(g) < 2 or not g.isalpha() or prev in lex["non_subjects"]):
            break
        ws, we = mt.to_original(words[i].start(), words[i].end())
        if _inside_mention(mentions, starts, ws) or (run and text[we:run[-1][0]].strip()):
            break
        run.append((ws, we))
        if len(run) == 3:
            break
    if len(run) < 2:
        return None
    name = text[run[-1][0]:run[0][1]]
    return _Source(name, name, "CANDIDATE", "")


def _full_name(text: str, m: EntityMention, win_start: int, mentions: list[EntityMention],
               starts: list[int], lex: dict[str, Any], prefixes: tuple[str, ...] = ()) -> _Source:
    """A proposed name with the unknown given names the candidate finder left out before it:
    ``رئيس الأركان الروسي فاليري غيراسيموف`` → ``فاليري غيراسيموف`` (title words, words with the
    article, particles and known entities end the name)."""
    start, end = m.start, m.end
    # the verb's complement glued to the proposed name: طالب النائب كريم حداد بحل … → كريم حداد
    cut = ("بال", *prefixes)
    while True:
        last = _LAST_WORD_RE.search(text, start, end)
        if last is None or last.start() == start or not match_form(last.group()).startswith(cut) \
                or len(last.group()) < 3:
            break
        end = last.start()
        while end > start and text[end - 1].isspace():
            end -= 1
    for _ in range(2):
        prev = _PREV_WORD_RE.search(text, win_start, start)
        if prev is None:
            break
        w = match_form(prev.group(1))
        if (w.startswith("ال") or w in lex["titles"] or w in lex["non_subjects"] or w in lex["stops"]
                or len(w) < 2 or not w.isalpha() or _inside_mention(mentions, starts, prev.start(1))):
            break
        start = prev.start(1)
    if (start, end) == (m.start, m.end):
        return _entity_source(m)
    name = text[start:end]
    return _Source(name, name, m.type, m.entity_id, m.subtype)


def _is_complement(t: str, mt: MatchingText, m: EntityMention) -> bool:
    """An entity introduced by a preposition (``في الجيش الروسي``, ``لسكاي نيوز``) is not a subject."""
    if m.clitic and m.clitic[-1] in "بل" or m.text[:2] == "لل":
        return True
    i = m.start
    prefix = match_form(mt.original[max(0, i - 12):i]).split()
    return bool(prefix) and prefix[-1] in _lexicon()["entity_prepositions"]


def _analyse(text: "str | Document", mentions: list[EntityMention] | None = None,
             sentences: list[tuple[int, int]] | None = None,
             ) -> tuple[list[QuoteSpan], list[Attribution], list[tuple[int, int]]]:
    """(quotation spans, attributions, sentence spans): the document's cached layers when no
    ``mentions``/``sentences`` of the caller's own are given."""
    if isinstance(text, Document):
        doc = text
    elif isinstance(text, str):
        doc = Document(text)
    else:
        raise QuoteInputError(f"expected text as str, got {type(text).__name__}")
    if mentions is None and sentences is None:
        return doc.quotation_spans, doc.attributions, doc.sentence_spans
    if mentions is None:
        mentions = entity_mentions(doc, adjectives=False, candidates=True)
    else:
        mentions = [m for m in mentions if m.form != "adjective"]
    if sentences is None:
        sentences = doc.sentence_spans
    quotes = doc.quotation_spans
    return quotes, _attributions(doc.text, doc.matching, mentions, quotes, sentences), sentences


def _attribution_layer(doc: Document) -> list[Attribution]:
    mentions = entity_mentions(doc, adjectives=False, candidates=True)
    return _attributions(doc.text, doc.matching, mentions, doc.quotation_spans, doc.sentence_spans)


register_layer("quotation_spans", lambda doc: quote_spans(doc.text), provider=__name__)
register_layer("attributions", _attribution_layer, provider=__name__)
register_layer("quotes", lambda doc: quote_records(doc), provider=__name__)


def find_attributions(text: "str | Document", *, mentions: list[EntityMention] | None = None,
                      sentences: list[tuple[int, int]] | None = None) -> list[Attribution]:
    """Every reporting verb (and source marker such as ``بحسب``) of ``text`` with its source, in order.

    Use :func:`source_at` to find who a span (a claim, a number) is attributed to.

    Args:
        text: Original text.
        mentions: :func:`analysis.entities.entity_mentions` of ``text`` if the caller has them.
        sentences: ``(start, end)`` sentence spans of ``text`` if the caller has them.
    """
    return _analyse(text, mentions, sentences)[1]


def source_at(attributions: list[Attribution], offset: int) -> Attribution | None:
    """The attribution governing ``offset``: the last verb before it in the same sentence, else the first after it.

    Returns None when the sentence has no reporting verb.
    """
    k = bisect_right(attributions, offset, key=_verb_start)  # attributions are in text order
    if k and attributions[k - 1].sentence_start <= offset < attributions[k - 1].sentence_end:
        return attributions[k - 1]
    for a in attributions[k:]:  # a source given after the claim: … ، بحسب المرصد
        if a.sentence_start > offset:
            break
        if a.sentence_start <= offset < a.sentence_end:
            return a
    return None


def _verb_start(a: Attribution) -> int:
    return a.verb_start


def attribute_sentences(text: "str | Document", *, mentions: list[EntityMention] | None = None,
                        sentences: list[tuple[int, int]] | None = None) -> list[Attribution]:
    """One attribution per sentence: its first reporting verb and source, in sentence order.

    A sentence without a reporting verb gets ``verb=""`` and the source of the
    previous sentences with ``carried_over=True`` (empty when nothing was said
    before). ``sentence_start``/``sentence_end`` give the sentence span.

    Example:
        >>> t = "قال لافروف إن الحل سياسي. وأضاف أن الجهود مستمرة."
        >>> [(a.sentence_index, a.source, a.carried_over) for a in attribute_sentences(t)]
        [(0, 'سيرغي لافروف', False), (1, 'سيرغي لافروف', True)]
    """
    _, atts, sentences = _analyse(text, mentions, sentences)
    by_sentence: dict[int, list[Attribution]] = {}
    for a in atts:
        by_sentence.setdefault(a.sentence_index, []).append(a)
    out: list[Attribution] = []
    last: Attribution | None = None  # the speaker in force after the previous sentences
    for i, (s, e) in enumerate(sentences):
        here = by_sentence.get(i)
        if here:
            out.append(here[0])
            spoken = [a for a in here if a.source]
            if spoken:
                last = spoken[-1]
            continue
        out.append(Attribution(
            verb="", verb_text="", verb_start=s, verb_end=s,
            source=last.source if last else "", source_text="",
            source_type=last.source_type if last else "",
            source_entity_id=last.source_entity_id if last else "",
            carried_over=last is not None, sentence_index=i, sentence_start=s, sentence_end=e,
        ))
    return out


def quote_records(text: "str | Document", *, include_marks: bool = False, mentions: list[EntityMention] | None = None,
                  sentences: list[tuple[int, int]] | None = None) -> list[Quote]:
    """Quotations of ``text`` with speakers, as light objects (for corpus pipelines).

    ``mentions`` (from :func:`analysis.entities.entity_mentions`) and ``sentences``
    (``(start, end)`` spans) may be passed in to avoid computing them twice.
    """
    quotes, atts, sentences = _analyse(text, mentions, sentences)
    if isinstance(text, Document):
        text = text.text
    lex = _lexicon()
    sent_starts = [s for s, _ in sentences]
    by_sentence: dict[int, list[Attribution]] = {}
    for a in atts:
        by_sentence.setdefault(a.sentence_index, []).append(a)
    out: list[Quote] = []
    last_source: Attribution | None = None
    ai = 0
    for q in quotes:
        while ai < len(atts) and atts[ai].verb_start < q.start:
            if atts[ai].source:
                last_source = atts[ai]
            ai += 1
        si = max(0, bisect_right(sent_starts, q.start) - 1)
        here = by_sentence.get(si, ())
        before = [a for a in here if a.verb_start < q.start]
        after = [a for a in here if a.verb_start >= q.end]
        introduced = _introduced(text, q.start, lex)
        if q.n_words <= 2 and not include_marks:
            if not introduced:
                continue
        if q.n_words <= _MAX_MARK_WORDS and not include_marks and not before and not after and not introduced:
            continue  # a short name in marks in a sentence without a reporting verb: «هيئة تحرير الشام»
        if before:
            a = before[-1]
            carried = a.carried_over
        elif after:
            a = after[0]
            carried = a.carried_over
        else:
            a = last_source
            carried = True
        out.append(Quote(
            start=q.start, end=q.end, quote=text[q.start:q.end],
            speaker=(a.source_text or a.source) if a else "",
            speaker_canonical=a.source if a and a.source_type not in ("PHRASE", "") else "",
            speaker_type=a.source_type if a else "", speaker_entity_id=a.source_entity_id if a else "",
            verb=a.verb if a and (before or after) else "", verb_start=a.verb_start if a and (before or after) else -1,
            carried_over=bool(carried and a is not None), sentence_index=si, n_words=q.n_words,
        ))
    return out


def _introduced(text: str, start: int, lex: dict[str, Any]) -> bool:
    """Whether a reporting verb (maybe with its complement) stands right before a quotation mark."""
    prefix = match_form(text[max(0, start - 25):max(0, start - 1)]).split()
    if not prefix:
        return False
    word = prefix[-1]
    if word in lex["complements"] and len(prefix) >= 2:
        word = prefix[-2]
    bare = word[1:] if word[:1] in "وف" and word[1:] in lex["form_to"] else word
    return bare in lex["form_to"]


def find_quotes(text: "str | Document", *, include_marks: bool = False) -> "pd.DataFrame":
    """Quotations of ``text`` with their speakers, one row per quotation, sorted by start.

    Columns: ``start, end`` (the content between the marks), ``quote``,
    ``speaker`` (as written, or the canonical name when carried over),
    ``speaker_canonical`` (gazetteer name or the candidate as written; empty for
    an unresolved noun phrase), ``speaker_type``, ``speaker_entity_id``, ``verb``
    (lemma of the reporting verb), ``verb_start``, ``carried_over``,
    ``sentence_index``, ``n_words``.

    Args:
        text: Original text.
        include_marks: Also report one- and two-word marks such as ``«داعش»``.

    Raises:
        QuoteInputError: ``text`` is not a string.
    """
    import pandas as pd

    rows = [q.as_row() for q in quote_records(text, include_marks=include_marks)]
    return pd.DataFrame(rows, columns=list(QUOTE_COLUMNS)).astype(
        {**dict.fromkeys(QUOTES.of_type("int"), "int64"), **dict.fromkeys(QUOTES.of_type("bool"), "bool")})
