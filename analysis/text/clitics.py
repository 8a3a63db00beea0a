"""Clitic segmentation of one Arabic orthographic word.

A written word is ``[conjunction] [preposition | future س] [article] stem
[pronoun]``: ``وبالإرهابيين`` = و + ب + ال + إرهابيين; ``لقواتهم`` = ل + قوات +
هم. We split only when what remains is a plausible stem:

* length floors (two letters after the article, three otherwise);
* a do-not-split lexicon (``protected.txt``: ``وزير``, ``لقاء``, ``بلد*`` …;
  a ``stem*`` entry protects the stem followed by an inflectional ending or
  pronoun, so ``وجه*`` protects ``وجهة`` but not و + ``جهود``), broken-plural
  pairs, our list of names and the gazetteer's (``لافروف``, ``لبنان``,
  ``بغداد`` are not ل/ب + …);
* closed-class words (``وفي`` = و + في, ``ولديه`` = و + لدى + ه) are split
  regardless of length, from a table built once from the stopword list;
* a pronoun is stripped only from a content word of at least three letters
  that is not listed whole, and never after the article.

Works on the *segmentation form* (diacritics, tatweel and alef variants
removed; ``ة`` and ``ى`` kept, so ``سورية`` never loses a "pronoun" ``ه``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from analysis.lexicons import load_wordlist
from analysis.text.lexicon import (
    MATCH_EXTRA,
    SEG_TABLE,
    closed_class_words,
    name_forms,
    own_whole_words_as_written,
    protected_words,
    stopword_forms,
)

_CONJ = ("", "و", "ف")
# (parts, written form, has article); the article after ل is written لل
_MIDDLE: tuple[tuple[tuple[str, ...], str, bool], ...] = (
    (("ب", "ال"), "بال", True),
    (("ك", "ال"), "كال", True),
    (("ل", "ال"), "لل", True),
    (("ال",), "ال", True),
    (("ب",), "ب", False),
    (("ك",), "ك", False),
    (("ل",), "ل", False),
    (("س",), "س", False),
    ((), "", False),
)
#: Every legal proclitic chain, longest written form first.
PROCLITIC_CHAINS: tuple[tuple[tuple[str, ...], str, bool], ...] = tuple(
    sorted(
        [(((c,) if c else ()) + parts, c + written, art) for c in _CONJ for parts, written, art in _MIDDLE],
        key=lambda chain: -len(chain[1]),
    )
)
#: Enclitic pronouns we strip from content words, longest first. ``ي``, ``ني``,
#: ``ك``, ``كن``, ``كما`` are left alone: in news they are rare, and nouns ending
#: in those letters (nisbas in ـاني، ـوني; مشترك) are not. Closed-class words
#: take them all (إنني، لديك).
ENCLITICS: tuple[str, ...] = ("هما", "هم", "هن", "ها", "كم", "نا", "ه")
_IMPERFECT = frozenset("يتن")  # 1sg سأ… is rare in news and ambiguous with سا… nouns


class Segmentation(NamedTuple):
    """Split of a segmentation-form word: ``word[stem_start:stem_end]`` is the stem."""

    proclitics: tuple[str, ...]
    stem_start: int
    stem_end: int
    enclitic: str
    article: bool


#: What may follow a protected stem (matching form): inflection and pronouns.
#: ``وزار*`` protects وزارة، وزارات، وزاري but not و + زارت…; ``وجه*`` protects
#: وجهة، وجهات but not و + جهود.
STEM_ENDINGS: frozenset[str] = frozenset(
    ["", "ه", "ات", "ي", "يه", "يات", "يين", "يون", "يا", "ين", "ون", "ان", "تين", "تان", "ا", "ت", "تا", "وا",
     "ها", "هم", "هما", "نا", "ته", "تها", "تهم", "اته", "اتها", "اتهم", "يته", "يتها", "تي", "ية", "اء", "يان"]
)


@lru_cache(maxsize=1)
def _protection() -> tuple[frozenset[str], frozenset[str], frozenset[str], tuple[int, ...]]:
    """(whole words incl. names, stems, first three letters of stems, stem lengths)."""
    exact, stems, lengths = protected_words()
    return exact | name_forms(), stems, frozenset(s[:3] for s in stems), lengths


def is_listed_whole(m: str) -> bool:
    """True when ``m`` is a listed word, a name, or exactly a protected stem (``اتجاه``)."""
    whole, stems, _heads, _lengths = _protection()
    return m in whole or m in stems


def is_protected(m: str) -> bool:
    """True when ``m`` (matching form) is a known word, name, or starts with a protected stem."""
    whole, stems, heads, lengths = _protection()
    if m in whole:
        return True
    if m[:3] not in heads:
        return False
    for n in lengths:
        if len(m) < n:
            break
        if m[:n] in stems and m[n:] in STEM_ENDINGS:
            return True
    return False


_FUNCTION_PREFIXES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("و", "ب"), "وب"), (("و", "ل"), "ول"), (("ف", "ب"), "فب"), (("ف", "ل"), "فل"),
    (("و",), "و"), (("ف",), "ف"), (("ب",), "ب"), (("ل",), "ل"), ((), ""),
)
#: Pronouns that attach to closed-class words (منه، لديك، إنني، بي).
_FUNCTION_ENCLITICS: tuple[str, ...] = ("هما", "هم", "هن", "ها", "كم", "كن", "نا", "ني", "ه", "ك", "ي")
_THIRD_PERSON = frozenset(["ه", "ها", "هم", "هما", "هن"])
#: Prepositions written as one letter, which take pronouns: له، بها، لهم.
_LETTER_PREPOSITIONS = frozenset("بلك")




@lru_cache(maxsize=1)
def _closed_class_table() -> dict[str, Segmentation]:
    """Every conjunction/preposition + function word + pronoun combination, by written (segmentation) form.

    Built once from the stopword list: وفي، بأن، منها، ولديه، لهم، إليه (ى is written ي
    before a pronoun, and only there: ``والي`` is not و + إلى). Preference when two readings give
    the same string: longer prefix first, then no pronoun, then the longer pronoun.
    """
    hosts = sorted({w.translate(SEG_TABLE) for w in load_wordlist("text/stopwords.txt") if " " not in w})
    pronoun_hosts = closed_class_words("pronoun_hosts")
    table: dict[str, Segmentation] = {}
    for parts, written in sorted(_FUNCTION_PREFIXES, key=lambda p: -len(p[1])):
        n = len(written)
        if n:
            for host in hosts:
                table.setdefault(written + host, Segmentation(parts, n, n + len(host), "", False))
        for e in sorted(_FUNCTION_ENCLITICS, key=len, reverse=True):
            candidates = list(hosts) + (sorted(_LETTER_PREPOSITIONS) if not parts else [])
            for host in candidates:
                form = host.replace("ى", "ي")
                if e not in _THIRD_PERSON and form.translate(MATCH_EXTRA) not in pronoun_hosts:
                    continue  # اليومي is not اليوم + ي, أمني not أم + ني, تمكن not تم + كن
                size = n + len(form)
                table.setdefault(written + form + e, Segmentation(parts, n, size, e, False))
    return table


_CHAINS_BY_WRITTEN: dict[str, tuple[tuple[str, ...], bool]] = {
    written: (parts, art) for parts, written, art in PROCLITIC_CHAINS}
_MAX_CHAIN = max(len(w) for w in _CHAINS_BY_WRITTEN)


@lru_cache(maxsize=1 << 18)
def segment(w: str) -> Segmentation:
    """Segment a word given in segmentation form (cached; see :func:`segment_forms`)."""
    return segment_forms(w, w.translate(MATCH_EXTRA))


def segment_forms(w: str, m: str) -> Segmentation:
    """Segment a word given in segmentation form ``w`` and matching form ``m`` (uncached).

    Example:
        >>> segment("والمعارضة")
        Segmentation(proclitics=('و', 'ال'), stem_start=3, stem_end=9, enclitic='', article=True)
        >>> segment("لافروف").proclitics
        ()
    """
    function = stopword_forms()
    size = len(w)
    if m in function:
        return Segmentation((), 0, size, "", False)
    closed = _closed_class_table().get(w)
    # a closed-class reading wins unless the word as written is listed whole (والي
    # governor, not و + إلى), is exactly a protected stem (فهم, not ف + هم) or a name (وام)
    if (closed is not None and w not in own_whole_words_as_written() and m not in _protection()[1]
            and m not in name_forms()):
        return closed
    if is_protected(m):
        return Segmentation((), 0, size, "", False)
    whole, stems, _heads, _lengths = _protection()
    if w[0] in _CLITIC_LETTERS:
        for n in range(min(_MAX_CHAIN, size - 1), 0, -1):
            chain = _CHAINS_BY_WRITTEN.get(w[:n])
            if chain is None:
                continue
            parts, art = chain
            rest = m[n:]
            last = parts[-1]
            if last == "س" and rest[0] not in _IMPERFECT:
                continue
            if rest in function and not art:
                return Segmentation(parts, n, size, "", False)
            if len(rest) < (2 if art else 3) or (art and rest in _BARE_ENDINGS):
                continue
            if last == "ك" and rest[0] == "ا":
                continue  # كاثرين، كاليفورنيا: ك + alef-initial word is rare, names are not
            # a protected word starting at the second or third clitic (the whole word was checked above)
            if len(parts) > 1 and is_protected(m[1:]) or len(parts) > 2 and is_protected(m[2:]):
                continue
            return _with_enclitic(w, m, n, parts, art, whole, stems)
    return _with_enclitic(w, m, 0, (), False, whole, stems)


#: What is left after ال in آلية، آليات is an ending, not a stem.
_BARE_ENDINGS = frozenset(["يه", "يات", "ات", "ون", "ين", "ان", "يا"])
_CLITIC_LETTERS = frozenset(w[0] for w in _CHAINS_BY_WRITTEN if w)
_ENCLITIC_SET = frozenset(ENCLITICS)


def _with_enclitic(
    w: str, m: str, n: int, parts: tuple[str, ...], art: bool, whole: frozenset[str], stems: frozenset[str]
) -> Segmentation:
    """Finish a segmentation after ``n`` proclitic letters: strip an enclitic pronoun if plausible."""
    size = len(w)
    if art:
        return Segmentation(parts, n, size, "", True)
    rest = m[n:]
    if rest in whole or rest in stems:
        return Segmentation(parts, n, size, "", False)
    stem_len = size - n
    for k in (3, 2, 1):  # longest pronoun first
        if stem_len - k >= 3 and w[size - k :] in _ENCLITIC_SET:
            return Segmentation(parts, n, size - k, w[size - k :], False)
    return Segmentation(parts, n, size, "", False)


#: Proclitic chains that may stand before any word (the future ``س`` only before imperfect verbs, so
#: not here), longest first: the written forms of :data:`PROCLITIC_CHAINS`.
_READING_CHAINS: tuple[str, ...] = tuple(
    sorted({written for parts, written, _ in PROCLITIC_CHAINS if written and "س" not in parts},
           key=lambda w: (-len(w), w))
)


_READING_CHAIN_SET: frozenset[str] = frozenset(_READING_CHAINS)
_READING_LENGTHS: tuple[int, ...] = tuple(sorted({len(c) for c in _READING_CHAINS}, reverse=True))


@lru_cache(maxsize=1 << 17)
def proclitic_readings(norm: str, keep: int = 2) -> tuple[str, ...]:
    """``norm`` and every reading of it with a proclitic chain removed, leaving at least ``keep`` letters.

    For matching words of a lexicon whatever is glued in front (``و ف``, ``ب ل ك``,
    the article and their combinations); callers try each reading, so a word is
    never wrongly cut for good (``بلدة`` is also read as itself). ``norm`` is in
    matching form. The unstripped form comes first, then the longest chain removed.

    Example:
        >>> proclitic_readings("وبالمدنيين")[:3]
        ('وبالمدنيين', 'مدنيين', 'المدنيين')
    """
    out = [norm]
    # _READING_CHAINS is ordered longest first and at most one chain of each length is a prefix:
    # one set lookup per length gives the same readings in the same order
    for n in _READING_LENGTHS:
        if len(norm) - n >= keep and norm[:n] in _READING_CHAIN_SET:
            out.append(norm[n:])
    return tuple(dict.fromkeys(out))


def strip_proclitics(norm: str, keep: int = 2) -> str:
    """``norm`` without its longest proclitic chain (keeping at least ``keep`` letters).

    Example:
        >>> strip_proclitics("والمدنيين"), strip_proclitics("بلد", keep=3)
        ('مدنيين', 'بلد')
    """
    readings = proclitic_readings(norm, keep)
    return readings[1] if len(readings) > 1 else norm


#: Written proclitic chains that end with the article (``ال``، ``وال``، ``بال``، ``لل`` …), longest first:
#: a word starting with one of them is definite.
DEFINITE_PREFIXES: tuple[str, ...] = tuple(
    sorted({written for parts, written, art in PROCLITIC_CHAINS if art and "س" not in parts},
           key=lambda w: (-len(w), w))
)


def is_definite(norm: str, min_stem: int = 2) -> bool:
    """Whether a word (matching form) carries the article, maybe after و/ف and ب/ك/ل (``والمدنيين``، ``للموانئ``).

    Example:
        >>> is_definite("والمدنيين"), is_definite("مدنيين"), is_definite("الى")
        (True, False, False)
    """
    return (any(norm.startswith(p) and len(norm) - len(p) >= min_stem for p in DEFINITE_PREFIXES)
            and norm not in closed_class_words("not_definite"))
