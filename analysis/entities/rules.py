"""Names beyond the gazetteer: persons and organisations found by the cues around them.

The gazetteer knows a few hundred actors; news names many more. A name it does not
know is typed here only when a cue stands next to it and its words pass the
boundary checks of :func:`name_words` (no stopword, title, verb, common noun, digit
or nisba; a word with the article only as a family name at the end or after a name
link such as ``عبد``). Cues and word lists are data: ``analysis/lexicons/gazetteer/cues.yaml``.

Persons (``type='PERSON'``, ``origin='rule'``, ``form='cue:<kind>'``; the title or
office goes into ``role``, never into the span):

* after a title, office or person noun: ``رئيسة الوزراء النيوزيلندية جاسيندا أرديرن``,
  ``المتحدث باسم الشرطة جون سميث``, ``المواطنة اللبنانية منى مذبوح`` (``cue:title``);
* as the subject of a reporting verb, closed by ``إن``/``أن``, a comma, a colon, a
  quotation or an office: ``وقال راين سباراسينو محامي المدعين`` (``cue:verb``);
* before an apposition: a comma and an office or an age (``راموش هارديناج، رئيس وزراء كوسوفو``,
  ``ألبرت إبيريشا، 31 سنة``) (``cue:apposition``);
* next to a kinship noun (``نجل بشير الجميل``, ``إيفانكا ابنة الرئيس``) (``cue:kinship``) or
  after a naming word (``تدعى منى مذبوح``) (``cue:naming``);
* repeated later in the text, whole or by the last or first name alone (``cue:repeat``).

Organisations (``type='ORG'``, ``origin='rule'``):

* a head noun and a known place: one organisation, the place kept in ``place``
  (``جامعة القاهرة``, ``بنك إنجلترا``, ``قناة فرنسا 24``) (``form='head+place'``);
* a head noun in construct state with a definite complement closed by a country's nisba or
  ``في`` + a known place (``وزارة العدل الأمريكية``, ``مديرية الصحة في ريف دمشق``), or after a
  strong head alone (``حزب الدعوة``) (``form='head'``);
* a definite institution and a country's nisba (``القضاء المصري``, ``السفارة الأميركية``)
  (``form='institution'``);
* a quoted name after a head (``شركات الأدوية "أسترازينيكا" و"روش"``) or a quoted name that
  opens with a head (``"جيش المهدي"``), and its later repeats (``form='quoted'``, ``'repeat'``).

Example:
    >>> from analysis.entities import find_entities
    >>> df = find_entities("وقالت رئيسة الوزراء النيوزيلندية جاسيندا أرديرن إن البلاد حزينة")
    >>> df[["text", "type", "role"]].values.tolist()
    [['جاسيندا أرديرن', 'PERSON', 'رئيسة الوزراء النيوزيلندية']]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import lru_cache
from itertools import accumulate
from typing import Any

import ahocorasick

from analysis.entities.gazetteer import EntityMention, nisba_forms
from analysis.entities.world import lexicon_word_forms, place_cue_words
from analysis.errors import LexiconError
from analysis.lexicons import lexicon_path, load_yaml
from analysis.text.lexicon import reporting_verbs, stopword_forms
from analysis.text.normalize import MatchingText, match_form
from analysis.text.stopwords import is_stopword
from analysis.text.tokens import tokenize

_WORD_RE = re.compile(r"\w+")
_SPLIT_RE = re.compile(r"(\w+)")
_CONJ = "وف"
_PROCLITICS = "وفبكل"
_QUOTE_OPEN = "«\"“"
_COMMA_RE = re.compile("[،,]")
_VERB_PLURAL_ENDINGS = ("وا",)
_PRONOUN_ENDINGS = ("ها", "هم", "هما", "هن", "كم", "كما")


@lru_cache(maxsize=1)
def cue_words() -> dict[str, Any]:
    """The word lists of ``cues.yaml`` in matching form (cached)."""
    data = load_yaml("gazetteer/cues.yaml")

    def forms(key: str) -> frozenset[str]:
        return frozenset(match_form(w) for w in data.get(key) or ())

    def as_written(key: str) -> frozenset[str]:
        words = data.get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise LexiconError(f"{lexicon_path('gazetteer/cues.yaml')}: '{key}' must be a list of words")
        return frozenset(words)

    verbs: set[str] = set()
    participles: set[str] = set()
    for verb in reporting_verbs():  # the one reporting-verb lexicon
        verbs.update(match_form(f) for f in verb.forms if " " not in f)
        participles.update(match_form(f) for f in verb.participles)
    titles = forms("titles") | forms("person_nouns")
    first_words = frozenset(t.split()[0] for t in titles)
    not_names = (forms("not_names") | forms("skip") | forms("stop") | forms("org_heads") | forms("institutions")
                 | forms("kinship") | forms("naming") | forms("offices_after")
                 | frozenset(verbs) | frozenset(participles)
                 | lexicon_word_forms() | stopword_forms() | first_words | place_cue_words()[0])
    out = {
        "titles": titles,
        "title_words": frozenset(w for t in titles for w in t.split()),
        "skip": forms("skip"),
        "links": forms("name_links"),
        "article_like": forms("article_like_names"),
        "waw_names": forms("waw_names"),
        "stop": forms("stop") | stopword_forms() | frozenset(verbs),
        "verbs": frozenset(verbs) - stopword_forms() - forms("stop"),
        "offices_after": forms("offices_after") | first_words,
        "kinship": forms("kinship"),
        "kin_after": forms("kinship_after"),
        "naming": forms("naming"),
        "age_units": forms("age_units"),
        "not_names": not_names - forms("name_links") - forms("article_like_names") - forms("waw_names"),
        "org_heads": forms("org_heads"),
        "strong_org_heads": forms("strong_org_heads"),
        "place_heads_org": forms("place_heads_org"),
        "quoted_name_heads": forms("quoted_name_heads") | forms("org_heads"),
        "institutions": forms("institutions"),
        "org_adjectives": forms("org_adjectives"),
        "that": as_written("that_words"),
        "closers": as_written("name_closers"),
        "min_len": int(data["transliteration_min_length"]),
        "endings": tuple(match_form(e) for e in data["transliteration_endings"]),
    }
    out["offices_titles"] = out["offices_after"] | out["title_words"]
    # each list with its conjunction-prefixed forms (وقال، فقال), for one-lookup membership
    out["_conj"] = {key: frozenset(out[key]) | frozenset(c + w for c in _CONJ for w in out[key] if len(w) >= 3)
                    for key in ("verbs", "offices_after", "title_words", "naming", "kinship", "org_heads",
                                "strong_org_heads", "offices_titles", "quoted_name_heads")}
    cands = {"verbs": out["_conj"]["verbs"], "kin_naming": out["_conj"]["naming"] | out["_conj"]["kinship"],
             "heads": out["_conj"]["org_heads"] | out["institutions"],
             "strong_org_heads": out["_conj"]["strong_org_heads"]}
    cand_of: dict[str, tuple[str, ...]] = {}
    for name, words in cands.items():
        for w in words:
            cand_of[w] = (*cand_of.get(w, ()), name)
    out["_cand_of"] = cand_of
    return out


@lru_cache(maxsize=1)
def _title_automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for t in cue_words()["titles"]:
        auto.add_word(t, len(t))
    auto.make_automaton()
    return auto


class _W:
    """A word of the matching form: span, text, the type of a known mention covering it; ``o`` is the
    word as written (diacritics and taa marbuta kept), read from the original only when asked."""

    __slots__ = ("s", "e", "w", "cover", "_o", "_mt")

    def __init__(self, s: int, e: int, w: str, cover: str, mt: MatchingText) -> None:
        self.s, self.e, self.w, self.cover, self._o, self._mt = s, e, w, cover, None, mt

    @property
    def o(self) -> str:
        if self._o is None:
            os_, oe = self._mt.to_original(self.s, self.e)
            self._o = self._mt.original[os_:oe]
        return self._o


def matching_offsets(mt: MatchingText) -> Any:
    """A function from an original offset to the matching-form offset (what ``from_original`` gives),
    in one bisection over the normalization events instead of a search over the text."""
    if not mt.norm_starts:
        return lambda i: min(max(i, 0), len(mt.text))
    cum = [0]
    for n in mt.out_len:
        cum.append(cum[-1] + n - 1)
    index = mt.orig_index

    def to_matching(i: int) -> int:
        return i + cum[bisect_left(index, i)]

    return to_matching


class _Words:
    """The words of a document as :class:`_W`, made on first access (most words are never looked at)."""

    __slots__ = ("_doc", "_made")

    def __init__(self, doc: "_Doc") -> None:
        self._doc = doc
        self._made: dict[int, _W] = {}

    def __len__(self) -> int:
        return len(self._doc.ws)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        w = self._made.get(i)
        if w is None:
            d = self._doc
            if not 0 <= i < len(d.ws):
                raise IndexError(i)
            w = self._made[i] = _W(d.starts[i], d.ends[i], d.ws[i], d.covers[i], d.mt)
        return w

    def __iter__(self) -> Any:
        return (self[i] for i in range(len(self)))

    def recover(self, i: int) -> None:
        """Forget a made word after its cover changed."""
        self._made.pop(i, None)


class _Doc:
    """The matching form cut into words, with the known mentions laid over them."""

    def __init__(self, mt: MatchingText, mentions: list[EntityMention]) -> None:
        self.mt = mt
        self.t = mt.text
        self.to_matching = matching_offsets(mt)
        spans = sorted((self.to_matching(m.start), self.to_matching(m.end),
                        "ADJ" if m.form == "adjective" else ("ROLE" if m.form == "role" else m.type))
                       for m in mentions)
        parts = _SPLIT_RE.split(self.t)  # separator, word, separator, word, …, separator
        self.ws: list[str] = parts[1::2]
        self.starts = list(accumulate(map(len, parts)))[0::2][: len(self.ws)]
        self.ends = [s + len(w) for s, w in zip(self.starts, self.ws)]
        self.covers = [""] * len(self.ws)
        for s, e, code in spans:  # a word is covered when it starts inside a mention
            i = bisect_left(self.starts, s)
            while i < len(self.ws) and self.starts[i] < e:
                self.covers[i] = code
                i += 1
        self.words = _Words(self)
        self._cands: dict[str, list[int]] | None = None

    def candidates(self, key: str) -> list[int]:
        """Indexes of the uncovered words in the word list ``key`` of :func:`cue_words` (with conjunctions);
        one pass over the words serves every list."""
        if self._cands is None:
            cand_of = cue_words()["_cand_of"]
            self._cands = {}
            for k, w in enumerate(self.ws):
                keys = cand_of.get(w)
                if keys:
                    for name in keys:
                        self._cands.setdefault(name, []).append(k)
        covers = self.covers
        return [k for k in self._cands.get(key, ()) if not covers[k]]

    def gap(self, i: int) -> str:
        """What stands between word ``i - 1`` and word ``i`` (stripped)."""
        if i <= 0 or i >= len(self.ws):
            return ""
        return self.t[self.ends[i - 1]:self.starts[i]].strip()

    def mark(self, m: EntityMention, code: str) -> None:
        """Lay a mention found later (or remove one, with ``code=""``) over the words it covers."""
        s, e = self.to_matching(m.start), self.to_matching(m.end)
        i = bisect_left(self.starts, s)
        while i < len(self.ws) and self.starts[i] < e:
            self.covers[i] = code
            self.words.recover(i)
            i += 1

    def covered(self, s: int, e: int) -> bool:
        """Whether a known mention covers any word overlapping ``[s, e)`` of the matching form."""
        i = max(bisect_right(self.starts, s) - 1, 0)
        while i < len(self.ws) and self.starts[i] < e:
            if self.ends[i] > s and self.covers[i]:
                return True
            i += 1
        return False


def _in(w: str, key: str) -> bool:
    """``w`` is in the word list ``key`` of :func:`cue_words`, maybe after one conjunction ``و``/``ف``
    (``وقال``; but ``وزارة`` is itself)."""
    return w in cue_words()["_conj"][key]


def _bare(w: str, key: str) -> str:
    """``w`` without a conjunction when that makes it a member of the word list ``key``."""
    words = cue_words()[key]
    return w if w in words or not _in(w, key) else w[1:]


def _articled(w: str) -> bool:
    """``ال``/``لل`` at the start, maybe after و/ب/ل (``والحكومة``, ``بالحكومة``); not after ف/ك, which
    open foreign names more often than they precede the article mid-sentence (``فاليري``, ``كالين``)."""
    for k in (0, 1, 2):
        if k and w[k - 1:k] not in "وبل":
            return False
        rest = w[k:]
        if rest.startswith("ال") or rest.startswith("لل"):
            return True
    return False


_TANWIN = frozenset("\u064b\u064c\u064d")


@lru_cache(maxsize=1 << 16)
def written_name_word(o: str) -> bool:
    """Checks on the word as written that matching cannot make: a pronoun ``ه`` (``بلاده``, not
    ``ة``), tanwin (``فوراً``), a preposition before a verbal noun (``بتقديم``, ``لموقف``, ``بزيارة``).

    Example:
        >>> [written_name_word(w) for w in ("بلاده", "فوراً", "بتقديم", "بيتر")]
        [False, False, False, True]
    """
    if not o:
        return True
    if any(c in _TANWIN for c in o):
        return False
    bare = "".join(c for c in o if c.isalpha())
    if len(bare) >= 5 and bare.endswith("ه") and not bare.endswith("الله"):
        return False
    tok = tokenize(o)
    if len(tok) == 1 and tok[0].proclitics and tok[0].proclitics[0] in ("ب", "ل", "ف", "ك"):
        stem = tok[0].stem
        if len(stem) >= 4 and (stem[0] in "تم" or stem.endswith(("ه", "ة"))) or len(stem) >= 5 and stem[0] == "ا":
            return False
    return True


@lru_cache(maxsize=1 << 17)
def name_word(w: str, *, first: bool, after_link: bool = False) -> bool:
    """Whether a word (matching form) may be part of a person's name.

    Example:
        >>> name_word("أرديرن", first=False), name_word("مصدر", first=True), name_word("قال", first=True)
        (True, False, False)
    """
    cw = cue_words()
    w = match_form(w)
    if after_link:  # عبد الله، أبو بكر
        return len(w) >= 2 and w.isalpha() and w not in stopword_forms()
    if len(w) < 2 or not w.isalpha() or w in cw["not_names"] or w in nisba_forms() or _particle(w):
        return False
    if len(w) > 3 and w[0] in "بلكف" and w[1:] in cw["not_names"]:
        return False  # a preposition and a common noun: لعدد، بقرار
    if first and (w[:1] == "و" and w not in cw["waw_names"] or len(w) == 2):
        return False
    if w.endswith(_PRONOUN_ENDINGS) and len(w) > 4:
        return False  # a noun with a pronoun: مطالبهم، وصولهم
    if w.endswith(_VERB_PLURAL_ENDINGS) and len(w) > 3 or w.endswith("يات") and len(w) > 4:
        return False  # a verb in the plural (أطلقوا), a plural noun (صلاحيات، عمليات)
    if len(w) == 3 and w[0] in "يت":
        return False  # an imperfect verb (يضم، تضم)
    if _articled(w) and w not in cw["article_like"] and not after_link:
        return False
    return True


def _nisba_like(w: str) -> bool:
    """A definite adjective of origin (``الكوسوفي``, ``النيوزيلندية``): article + ``ي``/``ية``/``يون``/``يين``."""
    return (w.startswith("ال") and len(w) > 5 and w.endswith(("ي", "يه", "يون", "يين", "يات"))
            and w not in cue_words()["article_like"])


def _particle(w: str) -> bool:
    """A preposition or particle with a pronoun (``إليها``, ``عليه``, ``منها``), in matching form."""
    return w.endswith(("ها", "ه", "هم", "هما", "كم", "نا")) and is_stopword(w)


def _family_name(w: str) -> bool:
    """A family name with the article that closes a name (``المسماري``, ``الجميل``), not a noun or a particle."""
    cw = cue_words()
    return (w.startswith("ال") and len(w) > 4 and w not in cw["not_names"] and w[2:] not in cw["not_names"]
            and w not in nisba_forms() and not _particle(w))


def _name_from(d: _Doc, i: int, max_words: int = 3) -> tuple[int, int] | None:
    """The longest clean name starting at word ``i``: ``(i, j)`` with words ``i..j-1``, or None."""
    cw = cue_words()
    words = d.words
    j = i
    count = 0
    while j < len(words) and count < max_words:
        x = words[j]
        if x.cover or (j > i and d.gap(j) not in ("", "-")):
            break
        prev_link = j > i and words[j - 1].w in cw["links"]
        if count >= 2 and x.w[:1] in "بل" and len(x.w) <= 4:
            break  # a preposition and the verb's complement after a full name: كريم حداد بحل …
        if name_word(x.w, first=j == i, after_link=prev_link) and (prev_link or written_name_word(x.o)):
            if x.w not in cw["links"]:
                count += 1
            j += 1
            continue
        # a family name with the article closes the name: أحمد المسماري، بشير الجميل
        if j > i and _family_name(x.w):
            j += 1
            count += 1
        break
    while j > i and words[j - 1].w in cw["links"]:
        j -= 1
    return (i, j) if j > i else None


def _name_before(d: _Doc, k: int, max_words: int = 3) -> tuple[int, int] | None:
    """The clean name ending at word ``k - 1`` (scanning back), or None."""
    words = d.words
    i = k
    while i > 0 and k - i < max_words:
        x = words[i - 1]
        if x.cover or (i < k and d.gap(i)):
            break
        last = i == k
        if not (name_word(x.w, first=False) or last and _family_name(x.w)) or not written_name_word(x.o):
            break
        i -= 1
    if i == k:
        return None
    # the first word must be able to open a name (no conjunction, not a family name with the article)
    while i < k and not name_word(words[i].w, first=True):
        i += 1
    return (i, k) if i < k else None


# ---------------------------------------------------------------------------------- persons


def _title_persons(d: _Doc) -> list[tuple[int, int, str, int]]:
    """Names after titles and person nouns: (first word, after last word, cue, title start offset)."""
    cw = cue_words()
    t = d.t
    out = []
    nisba = nisba_forms()
    for end_idx, length in _title_automaton().iter(t):
        end = end_idx + 1
        start = end - length
        if end < len(t) and t[end].isalnum():
            continue
        if start > 0 and t[start - 1].isalnum():
            if not (t[start - 1] in _CONJ and (start == 1 or not t[start - 2].isalnum())):
                continue
        if d.covered(start, end):
            continue
        cue = t[start:end]
        k = bisect_left(d.starts, end)
        office = not cue.lstrip("وف").startswith("ال")
        before = d.words[k - 2] if k >= 2 and d.words[k - 1].s <= start else None
        if not office and _nisba_like(cue.lstrip("وف")) and before is not None and _articled(before.w) \
                and not d.t[before.e:start].strip():
            continue  # an adjective after a definite noun: الخطاب الإعلامي
        i = k
        if office:  # the office's construct chain: رئيس هيئة الأركان، رئيس أركان الجيش الأردني ...
            while i < len(d.words) and i - k < 2 and not d.words[i].cover and not _articled(d.words[i].w) \
                    and d.words[i].w not in cw["stop"] and d.words[i].w not in cw["skip"] and (
                        not name_word(d.words[i].w, first=True) or i + 1 < len(d.words) and not d.gap(i + 1)
                        and (d.words[i + 1].cover or _articled(d.words[i + 1].w))):
                i += 1
        skipped = i - k
        after_skip = False  # المتحدث باسم الشرطة: after باسم, the body's name is part of the title
        while i < len(d.words) and skipped < 6:  # the complement: article words, known bodies, nisbas
            x = d.words[i]
            if x.cover == "PERSON":
                break
            complement = (office or after_skip) and _articled(x.w) and x.w not in cw["article_like"] \
                and x.w not in cw["links"] and x.w not in cw["stop"]
            after_skip = after_skip or x.w in cw["skip"]
            if x.cover or x.w in nisba or x.w in cw["skip"] or complement or _nisba_like(x.w):
                i += 1
                skipped += 1
                continue
            if x.w == "في" and i + 1 < len(d.words) and d.words[i + 1].cover in ("PLACE", "ORG"):
                i += 1
                skipped += 1
                continue
            break
        if i >= len(d.words) or d.words[i].cover or (office and skipped == 0):
            continue
        if d.gap(i) not in ("", "،", ","):
            continue
        span = _name_from(d, i)
        if span is None:
            continue
        if not _closed(d, span[1]):
            continue  # a name after a title ends cleanly: الملك عبدالله في …، not الرئيس صلاحيات أقوى مقارنة بما …
        out.append((span[0], span[1], "cue:" + cue.strip(), start))
    return out


def _closed(d: _Doc, j: int) -> bool:
    """A name ending before word ``j`` is closed: punctuation, إن/أن, a reporting verb, في, قد, or the end."""
    cw = cue_words()
    if j >= len(d.words):
        return True
    gap = d.t[d.words[j - 1].e:d.words[j].s].strip()
    if gap:
        return gap[0] in "،,:.؛)(" or gap[0] in _QUOTE_OPEN
    w = d.words[j].w
    if d.words[j].w[:1] in "بل" and len(w) <= 4:
        return True  # a preposition and a short noun: كريم حداد بحل …
    return (w in cw["that"] or w in cw["closers"] or _in(w, "verbs") or d.words[j].cover in ("PERSON", "ORG", "PLACE")
            or _in(w, "title_words") or _in(w, "offices_after")
            or not name_word(w, first=False) and not _articled(w))


def _verb_subjects(d: _Doc) -> list[tuple[int, int, str, int]]:
    """Names right after a reporting verb, closed by إن/أن, punctuation or an office."""
    cw = cue_words()
    out = []
    words = d.words
    for k in d.candidates("verbs"):
        if k + 1 >= len(words):
            continue
        span = _name_from(d, k + 1)
        if span is None or d.gap(k + 1):
            continue
        i, j = span
        nxt = words[j].w if j < len(words) else ""
        gap = d.t[words[j - 1].e:words[j].s].strip() if j < len(words) else "."
        closed = (gap and (gap[0] in "،,:." or gap[0] in _QUOTE_OPEN) or not gap and (
            nxt in cw["that"] or _in(nxt, "offices_after") or nxt == "في"))
        n_words = sum(1 for w in words[i:j] if w.w not in cw["links"])
        if _articled(words[j - 1].w) and not (gap and gap[0] in "،,:" or gap[:1] in tuple(_QUOTE_OPEN) or
                                              not gap and (nxt in cw["that"] or _in(nxt, "offices_after"))):
            continue  # وذكر غوتيرش النزاع في …: a noun with the article, not a family name
        if closed and (n_words >= 2 or gap[:1] in ("،", ",") and j < len(words)
                       and (words[j].w in cw["offices_after"] or words[j].w in cw["titles"])):
            out.append((i, j, "cue:verb", -1))
    return out


def _appositions(d: _Doc) -> list[tuple[int, int, str, int]]:
    """Names before a comma and an office or an age: ``راموش هارديناج، رئيس وزراء كوسوفو``."""
    cw = cue_words()
    out = []
    words = d.words
    for c in _COMMA_RE.finditer(d.t):
        k = bisect_left(d.starts, c.end())
        if k <= 0 or k >= len(words) or d.gap(k) not in ("،", ","):
            continue
        x = words[k]
        office = x.w in cw["offices_after"] or x.w in cw["titles"]
        age = x.w.isdigit() and k + 1 < len(words) and words[k + 1].w in cw["age_units"] and \
            (k + 2 >= len(words) or d.gap(k + 2)[:1] in ("،", ",", ")", "."))
        if not (office or age):
            continue
        span = _name_before(d, k)
        if span is None:
            continue
        i, j = span
        n_words = j - i
        prev = words[i - 1].w if i > 0 else ""
        opened = i == 0 or d.gap(i) != "" or prev in cw["stop"] or _in(prev, "verbs") or prev in ("هو", "هي")
        if opened and (n_words >= 2 or age):
            out.append((i, j, "cue:apposition", -1))
    return out


def _kinship(d: _Doc) -> list[tuple[int, int, str, int]]:
    """Names next to a kinship noun (``نجل بشير الجميل``, ``إيفانكا ابنة الرئيس``) or after ``تدعى``."""
    cw = cue_words()
    out = []
    words = d.words
    for k in d.candidates("kin_naming"):
        x = words[k]
        naming = _in(x.w, "naming") and not (x.o.endswith("ي") and x.w.endswith("ي"))  # تدّعي "claims"
        kin = _in(x.w, "kinship")
        if kin or naming:
            if k + 1 < len(words) and not d.gap(k + 1):
                span = _name_from(d, k + 1)
                if span is not None and (naming or _closed(d, span[1])):
                    out.append((*span, "cue:naming" if naming else "cue:kinship", -1))
        w = _bare(x.w, "kinship")
        nxt = words[k + 1] if k + 1 < len(words) and not d.gap(k + 1) else None
        if w in cw["kin_after"] and k > 0 and not d.gap(k) and nxt is not None and (
                nxt.cover in ("PERSON", "ROLE") or nxt.w.startswith("ال") and nxt.w in cw["title_words"]):
            span = _name_before(d, k, max_words=2)  # إيفانكا ابنة الرئيس
            if span is not None:
                out.append((*span, "cue:kinship", -1))
    return out


# ---------------------------------------------------------------------------------- organisations


def _org_rules(d: _Doc, mentions: list[EntityMention], text: str) -> tuple[list[EntityMention], set[int]]:
    """Organisations by their head noun; returns (new ORG mentions, indexes of mentions they absorb)."""
    cw = cue_words()
    mt = d.mt
    words = d.words
    out: list[EntityMention] = []
    absorbed: set[int] = set()
    taken = bytearray(len(d.t) + 1)
    by_start = {d.to_matching(m.start): (n, m) for n, m in enumerate(mentions)}

    def add(s: int, e: int, form: str, *, place: str = "", country: str = "", eat: tuple[int, ...] = ()) -> None:
        if any(taken[s:e]):
            return
        taken[s:e] = b"\x01" * (e - s)
        os_, oe = mt.to_original(s, e)
        out.append(EntityMention(
            start=os_, end=oe, text=text[os_:oe], entity_id="", canonical=re.sub(r"\s+", " ", text[os_:oe]),
            name_en="", type="ORG", subtype="", country=country, lat=None, lon=None, matched_alias="",
            form=form, place=place, origin="rule"))
        absorbed.update(eat)

    for k in d.candidates("heads"):
        x = words[k]
        head = _bare(x.w, "org_heads")
        hs = x.s + (len(x.w) - len(head))
        # head + known place (an intermediate construct word allowed): جامعة القاهرة، نيابة استئناف القاهرة
        if head in cw["place_heads_org"]:
            for step in (1, 2):
                if k + step >= len(words) or any(d.gap(k + n) for n in range(1, step + 1)):
                    break
                y = words[k + step]
                hit = by_start.get(y.s)
                if hit is not None and hit[1].type == "PLACE" and hit[1].form != "adjective" and not hit[1].clitic:
                    n, m = hit
                    e = d.to_matching(m.end)
                    nxt = next((w for w in words[k + step:] if w.s >= e), None)
                    if nxt is not None and nxt.w.isdigit() and d.t[e:nxt.s] == " ":
                        e = nxt.e  # قناة فرنسا 24
                    add(hs, e, "head+place", place=m.canonical, country=m.country, eat=(n,))
                    break
                if step == 1 and (y.cover or _articled(y.w) or y.w in cw["stop"] or not y.w.isalpha()):
                    break
        # definite institution + a country's nisba: القضاء المصري
        after_office = k > 0 and not d.gap(k) and _in(words[k - 1].w, "offices_titles")
        if x.w in cw["institutions"] and k + 1 < len(words) and words[k + 1].cover == "ADJ" and not d.gap(k + 1) \
                and not after_office:
            hit = by_start.get(words[k + 1].s)
            if hit is not None and hit[1].country:
                add(x.s, words[k + 1].e, "institution", country=hit[1].country, eat=(hit[0],))
            continue
        if head not in cw["org_heads"] or _articled(x.w):
            continue
        # head + definite complement (+ nisba | في + known place)
        j = k + 1
        while j < len(words) and j - k <= 4 and not d.gap(j) and not words[j].cover and (
                _articled(words[j].w) or words[j].w.startswith("وال")) and words[j].w not in nisba_forms():
            j += 1
        if j == k + 1:
            continue
        end = words[j - 1].e
        if j < len(words) and not d.gap(j) and words[j].cover == "ADJ":
            hit = by_start.get(words[j].s)
            add(hs, words[j].e, "head", country=hit[1].country if hit else "", eat=(hit[0],) if hit else ())
        elif j + 1 < len(words) and words[j].w == "في" and not d.gap(j) and words[j + 1].cover == "PLACE" \
                and head not in cw["strong_org_heads"]:
            hit = by_start.get(words[j + 1].s)
            if hit is not None:
                add(hs, d.to_matching(hit[1].end), "head", place=hit[1].canonical, country=hit[1].country,
                    eat=(hit[0],))
        elif head in cw["strong_org_heads"]:
            add(hs, end, "head")
    # a strong head and an indefinite proper name: منظمة بدر، جماعة بوكو حرام
    for k in d.candidates("strong_org_heads"):
        if k + 1 >= len(words):
            continue
        x = words[k]
        head = _bare(x.w, "strong_org_heads")
        if d.gap(k + 1):
            continue
        span = _name_from(d, k + 1, max_words=2)
        if span is None or any(w.w.endswith(("يه", "ي")) or w.o.endswith("ة") for w in words[span[0]:span[1]]) \
                or not _closed(d, span[1]):
            continue
        add(x.s + (len(x.w) - len(head)), words[span[1] - 1].e, "head")
    out += _quoted_orgs(d, text, taken, add)
    return out, absorbed


_QUOTED_RE = re.compile(r"[«\"“]([^«»\"“”\n]{2,60})[»\"”]")


def mt_start(d: _Doc, i: int) -> int:
    """Offset in the original text of position ``i`` of the matching form."""
    return d.mt.to_original(i, i)[0]


def _quoted_orgs(d: _Doc, text: str, taken: bytearray, add: Any) -> list[EntityMention]:
    """Quoted names after a head (``شركات الأدوية "أسترازينيكا" و"روش"``) or opening with one (``"جيش المهدي"``)."""
    cw = cue_words()
    t = d.t
    heads = cw["quoted_name_heads"]
    prev_end = -10
    prev_org = False
    for m in _QUOTED_RE.finditer(t):
        inner = m.group(1).strip()
        words = inner.split()
        if not 1 <= len(words) <= 5 or any(c in inner for c in ".؟!:"):
            continue
        quoted = m.group(1)
        s, e = m.start(1) + (len(quoted) - len(quoted.lstrip())), m.end(1) - (len(quoted) - len(quoted.rstrip()))
        before = t[max(0, m.start() - 60):m.start()]
        bw = _WORD_RE.findall(before)
        # skip adjectives with the article between the head and the quote: المجموعة الأمريكية العملاقة
        k = len(bw) - 1
        while k >= 0 and k >= len(bw) - 3 and _articled(bw[k]) and bw[k] not in heads and bw[k][2:] not in heads:
            k -= 1
        head_before = k >= 0 and (_in(bw[k], "quoted_name_heads") or bw[k][2:] in heads)
        coordinated = prev_org and re.fullmatch(r"\s*[،,]?\s*و?\s*", t[prev_end:m.start()] or "") is not None \
            and t[prev_end:m.start()].strip() in ("و", "، و", "،", ",", "")
        opens_with_head = words[0] in cw["org_heads"] and len(words) >= 2
        if head_before or coordinated or opens_with_head:
            adjective = len(words) == 1 and text[mt_start(d, s):mt_start(d, e)].rstrip().endswith("ة")
            clause = words[0] in cw["stop"] or _in(words[0], "verbs") or len(words) > 4 and not opens_with_head
            if not d.covered(s, s + 1) and not adjective and not clause and any(
                    w for w in words if name_word(w, first=False) or _articled(w)):
                add(s, e, "quoted")
                prev_end, prev_org = m.end(), True
                continue
        prev_org = False
    return []


# ---------------------------------------------------------------------------------- the layer


def rule_mentions(text: str, mt: MatchingText, mentions: list[EntityMention]) -> list[EntityMention]:
    """The gazetteer's ``mentions`` (adjectives included) with the names its cues reveal, sorted by span.

    Organisations first (a head noun takes a place into it), then persons, then the repeats of both.
    """
    d = _Doc(mt, mentions)
    orgs, absorbed = _org_rules(d, mentions, text)
    kept = [m for n, m in enumerate(mentions) if n not in absorbed]
    for n in absorbed:
        d.mark(mentions[n], "")
    for m in orgs:
        d.mark(m, "ORG")
    found: list[tuple[int, int, str, int]] = []
    for finder in (_title_persons, _verb_subjects, _appositions, _kinship):
        found += finder(d)
    found.sort(key=lambda f: (d.words[f[0]].s, -d.words[f[1] - 1].e))
    persons: list[EntityMention] = []
    last_end = -1
    for i, j, cue, title_start in found:
        s, e = d.words[i].s, d.words[j - 1].e
        if s < last_end or d.covered(s, e):
            continue
        last_end = e
        os_, oe = mt.to_original(s, e)
        role = ""
        if title_start >= 0:
            rs, _ = mt.to_original(title_start, title_start)
            role = text[rs:os_].strip(" ،,\n")
            if role[:1] in _CONJ and match_form(role)[1:] in cue_words()["titles"] | cue_words()["title_words"]:
                role = role[1:]
        persons.append(EntityMention(
            start=os_, end=oe, text=text[os_:oe], entity_id="", canonical=text[os_:oe], name_en="", type="PERSON",
            subtype="person", country="", lat=None, lon=None, matched_alias="", form=cue, role=role, origin="rule"))
    persons, kept = _join_known(text, persons, kept)
    out = _org_adjectives(text, mt, kept + orgs) + persons
    out = _repeats(text, mt, out)
    out.sort(key=lambda m: (m.start, m.end))
    return _attach_roles(text, out)


def _join_known(text: str, persons: list[EntityMention], known: list[EntityMention],
                ) -> tuple[list[EntityMention], list[EntityMention]]:
    """A given name found by a rule right before a known person's surname is that person's mention:
    ``فاسيلي نيبنزيا`` (the gazetteer knows ``نيبنزيا``) is one mention of Vassily Nebenzia."""
    by_start = {m.start: n for n, m in enumerate(known) if m.type == "PERSON" and m.form != "role"}
    keep: list[EntityMention] = []
    for p in persons:
        after = re.match(r"[ \-]", text[p.end:p.end + 1])
        n = by_start.get(p.end + 1) if after else None
        if n is not None:
            m = known[n]
            known[n] = replace(m, start=p.start, text=text[p.start:m.end], role=p.role or m.role)
        else:
            keep.append(p)
    return keep, known


def _repeats(text: str, mt: MatchingText, mentions: list[EntityMention]) -> list[EntityMention]:
    """Later (and earlier) occurrences of names the rules found: whole, by the last name, by the first name."""
    rule = [m for m in mentions if m.origin == "rule" and m.type in ("PERSON", "ORG")]
    if not rule:
        return mentions
    cw = cue_words()
    t = mt.text
    to_matching = matching_offsets(mt)
    wanted: dict[str, tuple[EntityMention, bool]] = {}  # matching form -> (mention, anywhere in the text?)
    for m in rule:
        key = match_form(m.text)
        wanted.setdefault(key, (m, True))
        if m.type == "PERSON":
            words = key.split()
            if len(words) >= 2:
                last = words[-1]
                for part in {last, last[2:] if last.startswith("ال") else "ال" + last, words[0]}:
                    if len(part) >= 3 and part not in cw["not_names"] and part not in nisba_forms():
                        wanted.setdefault(part, (m, False))
    taken = bytearray(len(t) + 1)
    for m in mentions:
        s, e = to_matching(m.start), to_matching(m.end)
        taken[s:e] = b"\x01" * (e - s)
    auto = ahocorasick.Automaton()
    for key, value in wanted.items():
        auto.add_word(key, (key, value))
    auto.make_automaton()
    first_seen = {id(m): to_matching(m.start) for m in rule}
    extra: list[EntityMention] = []
    found = [(end_idx + 1 - len(key), end_idx + 1, key, m, anywhere) for end_idx, (key, (m, anywhere)) in auto.iter(t)]
    found.sort(key=lambda f: (f[0] - f[1], f[0]))  # longest first: بشير الجميل before بشير
    for start, end, _key, m, anywhere in found:
        if end < len(t) and t[end].isalnum():
            continue
        ws = start
        while ws > 0 and t[ws - 1].isalnum() and start - ws < 2:
            ws -= 1
        if ws > 0 and t[ws - 1].isalnum() or t[ws:start] not in ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"):
            continue
        if any(taken[start:end]) or not anywhere and start < first_seen[id(m)]:
            continue
        taken[start:end] = b"\x01" * (end - start)
        os_, oe = mt.to_original(start, end)
        extra.append(replace(m, start=os_, end=oe, text=text[os_:oe], form="repeat", role="", clitic=t[ws:start]))
    return mentions + extra


_ADJ_AFTER_RE = re.compile(r" (\w+)")


def _org_adjectives(text: str, mt: MatchingText, mentions: list[EntityMention]) -> list[EntityMention]:
    """An organisation's name goes on over an adjective of ``org_adjectives`` right after it
    (``وكالة الأنباء الأردنية الرسمية``, ``الحكومة السورية المؤقتة``)."""
    adjectives = cue_words()["org_adjectives"]
    out = []
    for m in mentions:
        if m.type == "ORG" and m.form != "adjective":
            nxt = _ADJ_AFTER_RE.match(text, m.end)
            if nxt is not None and match_form(nxt.group(1)) in adjectives:
                span = text[m.start:nxt.end()]
                canonical = re.sub(r"\s+", " ", span) if m.origin == "rule" else m.canonical
                m = replace(m, end=nxt.end(), text=span, canonical=canonical)
        out.append(m)
    return out


def _attach_roles(text: str, mentions: list[EntityMention]) -> list[EntityMention]:
    """A ``form='role'`` mention right before a person found by a rule becomes that person's role."""
    out: list[EntityMention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.form == "role" and m.type == "PERSON" and m.origin == "rule" \
                and re.fullmatch(r"[\s،,]*", text[prev.end:m.start]):
            out[-1] = replace(m, role=prev.text)
        else:
            out.append(m)
    return out
