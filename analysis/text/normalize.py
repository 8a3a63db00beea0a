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

import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# --- character classes ------------------------------------------------------

#: Harakat, tanwin, shadda, sukun, maddah/hamza above/below marks, dagger alef
#: and the small Quranic annotation signs.
DIACRITICS: frozenset[str] = frozenset(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E5)]
    + [chr(c) for c in range(0x06E7, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
)
TATWEEL = "\u0640"
ALEF_VARIANTS: dict[str, str] = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"}
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
INVISIBLE: frozenset[str] = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u061c\u00ad\ufeff\u2060"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
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
    """Fold Arabic presentation forms (PDF copy-paste) back to letters by NFKC: ``\\ufefb`` (the lam-alef ligature) → ``لا``."""
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
    """Normalized text plus the map back into the original.

    Attributes:
        original: The unmodified input.
        text: The normalized text.
        offsets: ``len(text) + 1`` integers; ``offsets[i]`` is the index in
            ``original`` of the character that produced ``text[i]``, and the
            last entry is ``len(original)``.
    """

    original: str
    text: str
    offsets: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span ``[start, end)`` of the normalized text to the original text.

        The returned span covers every original character that produced the
        normalized span, including removed characters (diacritics, tatweel)
        lying inside it.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) outside normalized text of length {len(self.text)}")
        o_start = self.offsets[start]
        if end == start:
            return o_start, o_start
        o_end = self.offsets[end - 1] + 1
        limit = self.offsets[end]
        # marks removed right after the span (harakat on its last letter) belong to it
        while o_end < limit and _is_mark(self.original[o_end]):
            o_end += 1
        return o_start, o_end

    def from_original(self, index: int) -> int:
        """Index in the normalized text of the first character produced at or after ``index``."""
        return bisect_right(self.offsets, index - 1) if index > 0 else 0


def _is_mark(ch: str) -> bool:
    return ch in DIACRITICS or ch == TATWEEL


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
    table = _combined_table(chosen)
    if not any(ord(c) in table for c in set(text)):
        return NormalizedText(text, text, tuple(range(len(text) + 1)))
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        rep = table.get(ord(ch))
        if rep is None:
            out.append(ch)
            offsets.append(i)
        else:
            out.append(rep)
            offsets.extend([i] * len(rep))
    offsets.append(len(text))
    return NormalizedText(text, "".join(out), tuple(offsets))

