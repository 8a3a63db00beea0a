"""Arabic number words: the lexicon, word lookup with clitics, and :func:`to_words`.

The word lists live in ``analysis/lexicons/numbers/number_words.yaml`` (see
the README there). This module turns them into one lookup table keyed by the
matching form of a word (:func:`analysis.text.normalize.normalize_for_matching`),
strips the clitics news Arabic glues to numbers (``و ف ب ل ك`` and the article
``ال``: ``والعشرين``، ``بألفين``، ``للمئة``) and writes integers back as words.

Example:
    >>> [m.info.value for m in analyze_word(normalize_for_matching("والعشرين"))]
    [20]
    >>> to_words(2254)
    'ألفان ومئتان وأربعة وخمسون'
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from analysis.errors import AnalysisError, LexiconError
from analysis.lexicons import lexicon_path, load_yaml
from analysis.text.normalize import normalize_for_matching

LEXICON_FILE = "numbers/number_words.yaml"


class NumberWordsError(AnalysisError):
    """Bad argument to :func:`to_words` (negative, not an integer, too large)."""


@dataclass(frozen=True)
class WordInfo:
    """What a number word means.

    Attributes:
        kind: ``unit`` (0-9), ``ten`` (عشر/عشرة), ``tens`` (20-90),
            ``hundred`` (100-900), ``scale`` (ألف، مليون …, دزينة),
            ``fraction`` (نصف، ثلث، ربع، ثلثان), ``denominator`` (أرباع …),
            ``ordinal`` (الأول … العاشر), ``vague`` (عشرات، عدة …),
            ``negative`` (سالب، ناقص) or ``decimal_point`` (فاصلة).
        value: The number (``Fraction`` for fractions, the scale for scales).
        form: For scales ``singular``, ``singular_after_number``, ``dual`` or
            ``plural``; for units ``compound_only`` when the form counts only
            before عشر (أحد عشر); for vague words their order (``tens`` …).
        need_definite: The form counts only with ``ال`` (ordinals such as ثان)
            or must not stand alone with ``ال`` (``not_alone_definite``: الاثنين).
    """

    kind: str
    value: int | Fraction
    form: str = ""
    need_definite: bool = False
    not_alone_definite: bool = False


@dataclass(frozen=True)
class WordMatch:
    """A word of running text recognised as a number word.

    Attributes:
        info: The meaning.
        prefix: Normalized conjunction/preposition clitics stripped from the
            front (``"و"``, ``"ب"``, ``"وب"``); the article ``ال`` is not among them.
        definite: The word carried the article (``الرابعة``، ``والعشرين``).
        stem: The normalized stem without clitics and article.
    """

    info: WordInfo
    prefix: str
    definite: bool
    stem: str


def _norm(word: str) -> str:
    return normalize_for_matching(word).strip()


def _forms(entry: object, where: str) -> list[str]:
    if not isinstance(entry, list) or not all(isinstance(f, str) for f in entry):
        raise LexiconError(f"{LEXICON_FILE}: {where} must be a list of words, got {entry!r}")
    return [_norm(f) for f in entry]


@lru_cache(maxsize=1)
def number_lexicon() -> dict[str, tuple[WordInfo, ...]]:
    """Matching form -> meanings (a form may have two, e.g. a unit and an ordinal)."""
    data = load_yaml(LEXICON_FILE)
    if not isinstance(data, dict):
        raise LexiconError(f"{LEXICON_FILE}: expected a mapping at top level")
    table: dict[str, list[WordInfo]] = {}

    def add(form: str, info: WordInfo) -> None:
        table.setdefault(form, [])
        if info not in table[form]:
            table[form].append(info)

    not_alone = set(_forms(data.get("not_alone_when_definite", []), "not_alone_when_definite"))
    for value, forms in data["units"].items():
        for f in _forms(forms, f"units[{value}]"):
            add(f, WordInfo("unit", int(value), not_alone_definite=f in not_alone))
    for value, forms in data.get("compound_only_units", {}).items():
        for f in _forms(forms, "compound_only_units"):
            add(f, WordInfo("unit", int(value), form="compound_only", not_alone_definite=True))
    for value, forms in data.get("compound_only_ordinals", {}).items():
        for f in _forms(forms, "compound_only_ordinals"):
            add(f, WordInfo("ordinal", int(value), form="compound_only"))
    for f in _forms(data["ten"], "ten"):
        add(f, WordInfo("ten", 10))
    for value, forms in data["tens"].items():
        for f in _forms(forms, f"tens[{value}]"):
            add(f, WordInfo("tens", int(value)))
    for value, forms in data["hundreds"].items():
        for f in _forms(forms, f"hundreds[{value}]"):
            add(f, WordInfo("hundred", int(value)))
    for scale in data["scales"]:
        value = int(scale["value"])
        for form in ("singular", "singular_after_number", "dual", "plural"):
            for f in _forms(scale.get(form, []), f"scales[{value}].{form}"):
                add(f, WordInfo("scale", value, form=form))
    for frac, forms in data["fractions"].items():
        value = Fraction(str(frac).strip())
        for f in _forms(forms, f"fractions[{frac}]"):
            add(f, WordInfo("fraction", value))
    for den, forms in data["denominators"].items():
        for f in _forms(forms, f"denominators[{den}]"):
            add(f, WordInfo("denominator", int(den)))
    need_def = set(_forms(data.get("ordinal_need_definite", []), "ordinal_need_definite"))
    for value, forms in data["ordinals"].items():
        for f in _forms(forms, f"ordinals[{value}]"):
            add(f, WordInfo("ordinal", int(value), need_definite=f in need_def))
    for word, order in data["vague"].items():
        add(_norm(word), WordInfo("vague", 0, form=str(order)))
    for f in _forms(data.get("negative", []), "negative"):
        add(f, WordInfo("negative", -1))
    for f in _forms(data.get("decimal_point", []), "decimal_point"):
        add(f, WordInfo("decimal_point", 0))
    return {k: tuple(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def damma_fractions() -> dict[str, Fraction]:
    """Matching form -> value of the fraction words that need a written damma (``fractions_with_damma``)."""
    data = load_yaml(LEXICON_FILE)
    entries = data.get("fractions_with_damma") or {}
    if not isinstance(entries, dict):
        raise LexiconError(f"{LEXICON_FILE}: fractions_with_damma must be a mapping, got {entries!r}")
    out: dict[str, Fraction] = {}
    for frac, forms in entries.items():
        try:
            value = Fraction(str(frac).strip())
        except ValueError as exc:
            raise LexiconError(f"{LEXICON_FILE}: fractions_with_damma key {frac!r} is not a fraction") from exc
        for f in _forms(forms, f"fractions_with_damma[{frac}]"):
            out[f] = value
    return out


_DAMMA = "\u064F"
_MARKS = frozenset(chr(c) for c in range(0x064B, 0x0660)) | {"\u0670", "\u0640"}


def damma_fraction_matches(text: str, norm: str) -> tuple[WordMatch, ...]:
    """Readings of a word as a fraction told apart by the damma on its first letter.

    ``خُمس`` is a fifth and ``خَمس`` or ``خمس`` five; ``وخُمسَين`` is and two
    fifths, ``خمسين`` fifty. Returns the fraction reading (empty when the word
    is not one of ``fractions_with_damma`` or its first letter has no damma).

    Args:
        text: The word as written (with its diacritics).
        norm: Its matching form.

    Example:
        >>> [m.info.value for m in damma_fraction_matches("خُمس", "خمس")]
        [Fraction(1, 5)]
        >>> damma_fraction_matches("خَمس", "خمس")
        ()
    """
    if _DAMMA not in text:
        return ()
    table = damma_fractions()
    for prefix, rest in _clitic_splits(norm):
        for definite, stem in ((False, rest), (True, rest[2:] if rest.startswith("ال") else "")):
            value = table.get(stem)
            if value is None:
                continue
            letters = [i for i, c in enumerate(text) if c not in _MARKS]
            first = len(prefix) + (2 if definite else 0)
            if first >= len(letters):
                continue
            marks_end = letters[first + 1] if first + 1 < len(letters) else len(text)
            if _DAMMA in text[letters[first] + 1:marks_end]:  # also after a shadda: الثُّمن
                return (WordMatch(WordInfo("fraction", value), prefix, definite, stem),)
    return ()


_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")


@lru_cache(maxsize=65536)
def analyze_word(norm: str) -> tuple[WordMatch, ...]:
    """Every reading of a normalized word as a number word, longest stem first.

    Args:
        norm: The word after :func:`normalize_for_matching`.

    Returns:
        Readings (possibly several meanings of the same stem); empty when the
        word is not a number word.

    Example:
        >>> [m.info.value for m in analyze_word(normalize_for_matching("بألفين"))]
        [1000]
    """
    lex = number_lexicon()
    out: list[WordMatch] = []
    for prefix, rest in _clitic_splits(norm):
        candidates = [(False, rest)]
        if rest.startswith("ال") and len(rest) > 3:
            candidates.append((True, rest[2:]))
        elif prefix.endswith("ل") and rest.startswith("ل") and len(rest) > 2:
            # لل + stem = ل + ال + stem (للعشرين، للمئة)
            candidates.append((True, rest[1:]))
        for definite, stem in candidates:
            infos = lex.get(stem)
            if infos is None:
                continue
            if prefix and prefix[-1] in _PREP and len(stem) < 3 and not definite:
                continue  # لست = "I am not", not ل + ست
            for info in infos:
                out.append(WordMatch(info, prefix, definite, stem))
            return tuple(out)
    return tuple(out)


def _clitic_splits(norm: str) -> list[tuple[str, str]]:
    splits = [("", norm)]
    for c in _CONJ:
        if norm.startswith(c) and len(norm) > 2:
            splits.append((c, norm[1:]))
            rest = norm[1:]
            for p in _PREP:
                if rest.startswith(p) and len(rest) > 2:
                    splits.append((c + p, rest[1:]))
    for p in _PREP:
        if norm.startswith(p) and len(norm) > 2:
            splits.append((p, norm[1:]))
    return splits


# --- to_words ---------------------------------------------------------------

@dataclass(frozen=True)
class _Spelling:
    """The words of ``numbers/spelling.yaml``: lists indexed by digit, scales largest first."""

    zero: str
    units: tuple[str, ...]
    teens: dict[int, str]
    teen_ten: str
    tens: tuple[str, ...]
    hundreds: tuple[str, ...]
    scales: tuple[tuple[int, str, str, str, str], ...]  # (value, singular, dual, plural, accusative after 11-99)


@lru_cache(maxsize=1)
def _spelling() -> _Spelling:
    name = "numbers/spelling.yaml"
    data = load_yaml(name)
    try:
        spelling = _Spelling(
            zero=str(data["zero"]),
            units=tuple(str(w) for w in data["units"]),
            teens={int(k): str(v) for k, v in data["teens"].items()},
            teen_ten=str(data["teen_ten"]),
            tens=tuple(str(w) for w in data["tens"]),
            hundreds=tuple(str(w) for w in data["hundreds"]),
            scales=tuple((int(s["value"]), str(s["singular"]), str(s["dual"]), str(s["plural"]), str(s["accusative"]))
                         for s in data["scales"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise LexiconError(f"{lexicon_path(name)}: malformed spelling table ({exc!r})") from exc
    if not (len(spelling.units) == len(spelling.tens) == len(spelling.hundreds) == 10):
        raise LexiconError(f"{lexicon_path(name)}: units, tens and hundreds need 10 entries each")
    return spelling


def _below_thousand(n: int) -> str:
    sp = _spelling()
    parts: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        parts.append(sp.hundreds[hundreds])
    if rest:
        if rest < 10:
            parts.append(sp.units[rest])
        elif rest in sp.teens:
            parts.append(sp.teens[rest])
        elif rest < 20:
            parts.append(f"{sp.units[rest - 10]} {sp.teen_ten}")
        else:
            tens, unit = divmod(rest, 10)
            parts.append(f"{sp.units[unit]} و{sp.tens[tens]}" if unit else sp.tens[tens])
    return " و".join(parts)


def to_words(n: int) -> str:
    """Write a non-negative integer in Arabic words (masculine, nominative).

    Args:
        n: An integer, ``0 <= n < 10**15``.

    Returns:
        The number in words, groups joined by ``و``.

    Raises:
        NumberWordsError: ``n`` is not an integer, is negative or too large.

    Example:
        >>> to_words(325)
        'ثلاثمئة وخمسة وعشرون'
        >>> to_words(12000)
        'اثنا عشر ألفاً'
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise NumberWordsError(f"to_words needs an int, got {n!r}")
    if n < 0 or n >= 10**15:
        raise NumberWordsError(f"to_words supports 0 <= n < 10**15, got {n}")
    sp = _spelling()
    if n == 0:
        return sp.zero
    parts: list[str] = []
    rest = n
    for value, singular, dual, plural, accusative in sp.scales:
        count, rest = divmod(rest, value)
        if not count:
            continue
        if count == 1:
            parts.append(singular)
        elif count == 2:
            parts.append(dual)
        elif 3 <= count <= 10:
            parts.append(f"{_below_thousand(count)} {plural}")
        elif count % 100 >= 11:
            parts.append(f"{_below_thousand(count)} {accusative}")
        else:
            parts.append(f"{_below_thousand(count)} {singular}")
    if rest:
        parts.append(_below_thousand(rest))
    return " و".join(parts)
