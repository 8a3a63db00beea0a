"""Arabic orthographic normalization, as small composable steps with offset maps.

Every step works character by character: each character of the input becomes
zero, one or several characters of the output. That keeps them composable and
lets :func:`normalize_with_offsets` return, for every output character, the
index of the input character it came from, so that spans found in normalized
text point back into the unmodified original.

Steps (all pure ``str -> str`` functions):

=========================  ===================================================
``remove_diacritics``      harakat, tanwin, shadda, sukun, dagger alef and
                           Quranic annotation marks are dropped: ``مُحَمَّد`` → ``محمد``
``remove_tatweel``         the kashida U+0640 is dropped: ``الـمـوصـل`` → ``الموصل``
``unify_alef``             ``أ إ آ ٱ`` → ``ا`` (hamza-on-alef variants)
``alef_maqsura_to_yaa``    ``ى`` → ``ي`` (matching only: changes spelling)
``taa_marbuta_to_haa``     ``ة`` → ``ه`` (matching only: changes spelling)
``normalize_digits``       Arabic-Indic ``٠-٩`` and Persian ``۰-۹`` → ``0-9``;
                           ``٫`` → ``.``, ``٬`` → ``,`` only between digits is
                           left to the number parser (here they stay)
``normalize_punctuation``  typographic variants → one form: curly and low
                           quotes → ``"`` / ``'``, dashes → ``-``, ``٪`` → ``%``;
                           Arabic ``، ؛ ؟`` and ``« »`` are kept
``remove_invisible``       zero-width (ZWSP, ZWNJ, ZWJ, BOM), soft hyphen and
                           bidi controls (LRM, RLM, ALM, embeddings, isolates)
``repair_presentation``    Arabic presentation forms (U+FB50–U+FDFF,
                           U+FE70–U+FEFF, e.g. text copied from PDFs) are
                           folded by NFKC: ``\\ufefb`` (lam-alef ligature) → ``لا``
=========================  ===================================================

Example:
    >>> normalize("أعلنت الوزارةُ")
    'اعلنت الوزارة'
    >>> normalize_for_matching("أعلنت الوزارةُ")
    'اعلنت الوزاره'
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from analysis.errors import TextInputError
from analysis.text.chars import ARABIC_INDIC_DIGITS, DIACRITICS, INVISIBLE, MARKS, PERSIAN_DIGITS, TATWEEL

# --- character classes ------------------------------------------------------

ALEF_VARIANTS: dict[str, str] = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"}
PUNCTUATION_VARIANTS: dict[str, str] = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\uff02": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u066a": "%", "\ufe6a": "%", "\uff05": "%",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
}
PRESENTATION_RANGES: tuple[tuple[int, int], ...] = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))

CharMap = dict[str, str]


def _diacritics_map() -> CharMap:
    return {c: "" for c in DIACRITICS}


def _presentation_map() -> CharMap:
    table: CharMap = {}
    for lo, hi in PRESENTATION_RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            folded = unicodedata.normalize("NFKC", ch)
            if folded != ch:
                table[ch] = folded
    table.pop("\ufeff", None)  # BOM is handled by remove_invisible
    return table


#: Step name -> per-character map, in the order they are applied.
STEP_MAPS: dict[str, CharMap] = {
    "presentation": _presentation_map(),
    "invisible": {c: "" for c in INVISIBLE},
    "diacritics": _diacritics_map(),
    "tatweel": {TATWEEL: ""},
    "alef": dict(ALEF_VARIANTS),
    "alef_maqsura": {"ى": "ي"},
    "taa_marbuta": {"ة": "ه"},
    "digits": {**dict(zip(ARABIC_INDIC_DIGITS, "0123456789")), **dict(zip(PERSIAN_DIGITS, "0123456789"))},
    "punctuation": dict(PUNCTUATION_VARIANTS),
}
STEP_ORDER: tuple[str, ...] = tuple(STEP_MAPS)

#: Options for display-safe normalization: spelling is preserved.
DISPLAY_STEPS: frozenset[str] = frozenset(STEP_ORDER) - {"alef_maqsura", "taa_marbuta"}
#: Options for matching: every step on.
MATCHING_STEPS: frozenset[str] = frozenset(STEP_ORDER)


@lru_cache(maxsize=64)
def _combined_table(steps: frozenset[str]) -> dict[int, str]:
    """Compose the chosen per-character maps into one ``str.translate`` table."""
    unknown = steps - set(STEP_ORDER)
    if unknown:
        raise ValueError(f"unknown normalization step(s): {sorted(unknown)}")
    chosen = [STEP_MAPS[name] for name in STEP_ORDER if name in steps]
    keys: set[str] = set()
    for m in chosen:
        keys.update(m)
    table: dict[int, str] = {}
    for ch in keys:
        out = ch
        for m in chosen:
            out = "".join(m.get(c, c) for c in out)
        if out != ch:
            table[ord(ch)] = out
    return table


def translation_table(steps: Iterable[str]) -> dict[int, str]:
    """The composed ``str.translate`` table for the given step names (cached).

    Lets hot loops translate many short strings without rebuilding the table:

    Example:
        >>> table = translation_table(DISPLAY_STEPS)
        >>> "إدلبُ".translate(table)
        'ادلب'
    """
    return _combined_table(frozenset(steps))


def _apply(text: str, steps: Iterable[str]) -> str:
    return text.translate(_combined_table(frozenset(steps)))


def remove_diacritics(text: str) -> str:
    """Drop harakat, tanwin, shadda, sukun and dagger alef: ``كِتَابٌ`` → ``كتاب``."""
    return _apply(text, {"diacritics"})


def remove_tatweel(text: str) -> str:
    """Drop the kashida (U+0640): ``الـرقـة`` → ``الرقة``."""
    return _apply(text, {"tatweel"})


def unify_alef(text: str) -> str:
    """Map ``أ إ آ ٱ`` to bare ``ا``: ``إدلب`` → ``ادلب``."""
    return _apply(text, {"alef"})


def alef_maqsura_to_yaa(text: str) -> str:
    """Map ``ى`` to ``ي`` (for matching only): ``حوالى`` → ``حوالي``."""
    return _apply(text, {"alef_maqsura"})


def taa_marbuta_to_haa(text: str) -> str:
    """Map ``ة`` to ``ه`` (for matching only): ``سورية`` → ``سوريه``."""
    return _apply(text, {"taa_marbuta"})


def normalize_digits(text: str) -> str:
    """Map Arabic-Indic and Persian digits to ASCII: ``٢٠٠`` → ``200``."""
    return _apply(text, {"digits"})


def normalize_punctuation(text: str) -> str:
    """Unify quote, dash, percent and space variants: ``“داعش”`` → ``"داعش"``."""
    return _apply(text, {"punctuation"})


def remove_invisible(text: str) -> str:
    """Drop zero-width characters, soft hyphens and bidi control characters."""
    return _apply(text, {"invisible"})


def repair_presentation(text: str) -> str:
    """Fold Arabic presentation forms (PDF copy-paste) back to letters by NFKC.

    ``\\ufefb`` (the lam-alef ligature) → ``لا``.
    """
    return _apply(text, {"presentation"})


def _steps_from_options(
    *,
    diacritics: bool,
    tatweel: bool,
    alef: bool,
    alef_maqsura: bool,
    taa_marbuta: bool,
    digits: bool,
    punctuation: bool,
    invisible: bool,
    presentation: bool,
) -> frozenset[str]:
    flags = {
        "diacritics": diacritics,
        "tatweel": tatweel,
        "alef": alef,
        "alef_maqsura": alef_maqsura,
        "taa_marbuta": taa_marbuta,
        "digits": digits,
        "punctuation": punctuation,
        "invisible": invisible,
        "presentation": presentation,
    }
    return frozenset(name for name, on in flags.items() if on)


def normalize(
    text: str,
    *,
    diacritics: bool = True,
    tatweel: bool = True,
    alef: bool = True,
    alef_maqsura: bool = False,
    taa_marbuta: bool = False,
    digits: bool = True,
    punctuation: bool = True,
    invisible: bool = True,
    presentation: bool = True,
) -> str:
    """Normalize Arabic text with explicit options (defaults keep spelling for display).

    Args:
        text: Input text in logical order.
        diacritics: Remove harakat, tanwin, shadda, sukun, dagger alef.
        tatweel: Remove the kashida.
        alef: Map ``أ إ آ ٱ`` to ``ا``.
        alef_maqsura: Map ``ى`` to ``ي`` (matching only).
        taa_marbuta: Map ``ة`` to ``ه`` (matching only).
        digits: Map Arabic-Indic and Persian digits to ASCII.
        punctuation: Unify quote, dash, percent and space variants.
        invisible: Remove zero-width and bidi control characters.
        presentation: Fold presentation forms by NFKC.

    Returns:
        The normalized text.

    Example:
        >>> normalize("قُتِلَ ٢٠٠ مسلّح")
        'قتل 200 مسلح'
    """
    steps = _steps_from_options(
        diacritics=diacritics, tatweel=tatweel, alef=alef, alef_maqsura=alef_maqsura,
        taa_marbuta=taa_marbuta, digits=digits, punctuation=punctuation,
        invisible=invisible, presentation=presentation,
    )
    return text.translate(_combined_table(steps))


def normalize_for_matching(text: str) -> str:
    """Every step on, including ``ى→ي`` and ``ة→ه``: the form used to compare words.

    Example:
        >>> normalize_for_matching("سوريّة") == normalize_for_matching("سورية")
        True
    """
    return text.translate(_combined_table(MATCHING_STEPS))


@dataclass(frozen=True)
class NormalizedText:
    """Normalized text plus the one map back into the original, used by every layer.

    Most characters map one to one; only deleted characters (diacritics,
    tatweel, invisible controls) and expanded ones (presentation-form
    ligatures) are recorded, as *events*: ``(position in the normalized text,
    index in the original, output length)``. Spans found in ``text`` map back
    with :meth:`to_original`.

    Attributes:
        original: The unmodified input.
        text: The normalized text.
        norm_starts, orig_index, out_len: The events (empty when the map is the identity).
    """

    original: str
    text: str
    norm_starts: tuple[int, ...] = ()
    orig_index: tuple[int, ...] = ()
    out_len: tuple[int, ...] = ()

    def offset(self, j: int) -> int:
        """Index in the original of the character that produced ``text[j]`` (``len(original)`` at the end)."""
        k = bisect_right(self.norm_starts, j) - 1
        if k < 0:
            return j
        if j < self.norm_starts[k] + self.out_len[k]:
            return self.orig_index[k]
        return j + self.orig_index[k] + 1 - self.norm_starts[k] - self.out_len[k]

    @property
    def offsets(self) -> tuple[int, ...]:
        """``len(text) + 1`` integers.

        ``offsets[i]`` is the original index of ``text[i]``; the last is ``len(original)``.
        """
        return tuple(self.offset(j) for j in range(len(self.text))) + (len(self.original),)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span ``[start, end)`` of the normalized text to the original text.

        The returned span covers every original character that produced the
        normalized span, including removed marks (diacritics, tatweel) right
        after its last letter.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) outside normalized text of length {len(self.text)}")
        starts = self.norm_starts
        if not starts:
            return start, end
        # offset() three times, inlined (this runs for every span reported by every layer)
        index, lengths = self.orig_index, self.out_len
        k = bisect_right(starts, start) - 1
        if k < 0:
            o_start = start
        elif start < starts[k] + lengths[k]:
            o_start = index[k]
        else:
            o_start = start + index[k] + 1 - starts[k] - lengths[k]
        if end == start:
            return o_start, o_start
        j = end - 1
        k = bisect_right(starts, j) - 1
        if k < 0:
            o_end = end
        elif j < starts[k] + lengths[k]:
            o_end = index[k] + 1
        else:
            o_end = end + index[k] + 1 - starts[k] - lengths[k]
        if k + 1 < len(starts) and starts[k + 1] <= end:
            limit = self.offset(end)
        elif k < 0:
            limit = end
        elif end < starts[k] + lengths[k]:
            limit = index[k]
        else:
            limit = end + index[k] + 1 - starts[k] - lengths[k]
        original = self.original
        while o_end < limit and original[o_end] in MARKS:
            o_end += 1
        return o_start, o_end

    def from_original(self, index: int) -> int:
        """Index in the normalized text of the first character produced at or after ``index``."""
        if not self.norm_starts:
            return min(max(index, 0), len(self.text))
        lo, hi = 0, len(self.text)
        while lo < hi:  # first j with offset(j) >= index
            mid = (lo + hi) // 2
            if self.offset(mid) < index:
                lo = mid + 1
            else:
                hi = mid
        return lo


#: The matching form maps line breaks and tabs to spaces too (one to one), so names match across a wrapped line.
_WHITESPACE_AS_SPACE: dict[str, str] = {"\n": " ", "\r": " ", "\t": " "}


@lru_cache(maxsize=16)
def _event_tables(steps: frozenset[str], spaces: bool) -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str]]:
    """(char -> replacement, regex of changed chars, regex of chars whose replacement is not one char)."""
    table = {chr(k): v for k, v in _combined_table(steps).items()}
    if spaces:
        table.update(_WHITESPACE_AS_SPACE)
    changed = re.compile("[" + re.escape("".join(sorted(table))) + "]") if table else re.compile("(?!)")
    non_unit = "".join(sorted(ch for ch, rep in table.items() if len(rep) != 1))
    non_unit_re = re.compile("[" + re.escape(non_unit) + "]") if non_unit else re.compile("(?!)")
    return table, changed, non_unit_re


def _with_events(text: str, steps: frozenset[str], spaces: bool) -> NormalizedText:
    table, changed, non_unit = _event_tables(steps, spaces)
    norm = changed.sub(lambda m: table[m.group()], text)
    if len(norm) == len(text) and non_unit.search(text) is None:
        return NormalizedText(text, norm)
    starts: list[int] = []
    index: list[int] = []
    lengths: list[int] = []
    shift = 0  # len(normalized prefix) - len(original prefix)
    for m in non_unit.finditer(text):
        i = m.start()
        n_out = len(table[text[i]])
        starts.append(i + shift)
        index.append(i)
        lengths.append(n_out)
        shift += n_out - 1
    return NormalizedText(text, norm, tuple(starts), tuple(index), tuple(lengths))


def normalize_with_offsets(
    text: str,
    *,
    steps: Iterable[str] | None = None,
    matching: bool = True,
) -> NormalizedText:
    """Normalize and keep the offset map (see :class:`NormalizedText`).

    Args:
        text: Input text.
        steps: Step names to apply (``STEP_ORDER`` lists them); overrides ``matching``.
        matching: When ``steps`` is None, use every step (True) or the display-safe set (False).

    Example:
        >>> n = normalize_with_offsets("الـمـوصـل")
        >>> n.text
        'الموصل'
        >>> n.to_original(0, len(n.text))
        (0, 9)
    """
    chosen = frozenset(steps) if steps is not None else (MATCHING_STEPS if matching else DISPLAY_STEPS)
    return _with_events(text, chosen, False)


def matching_text(text: str) -> NormalizedText:
    """The matching form of a whole text (every step, line breaks and tabs as spaces) with its offset map.

    The form every layer searches: the gazetteer, reporting verbs, time
    expressions. A :class:`~analysis.document.Document` computes it once.

    Raises:
        TextInputError: ``text`` is not a ``str``.

    Example:
        >>> mt = matching_text("إدلبُ")
        >>> mt.text, mt.to_original(0, 4)
        ('ادلب', (0, 5))
    """
    if not isinstance(text, str):
        raise TextInputError(f"expected text as str, got {type(text).__name__}")
    return _with_events(text, MATCHING_STEPS, True)


#: Kept for code written against the gazetteer's former class name.
MatchingText = NormalizedText

_MULTI_SPACE_RE = re.compile(r"\s+")


def match_form(name: str) -> str:
    """Matching form of a name or phrase: normalized, single spaces, no surrounding space.

    Example:
        >>> match_form("  وزارةُ   الدفاع ")
        'وزاره الدفاع'
    """
    return _MULTI_SPACE_RE.sub(" ", normalize_for_matching(name)).strip()
