"""Character classes of Arabic text: letters, marks, digits, invisible controls, punctuation, quotation marks.

The one place where the package says what a letter, a mark or a quotation
mark is. Tokenizers, the number lexer, the sentence splitter, the quotation
finder and normalization all build their patterns from these constants, so
they cut words the same way.

Class strings (``*_CLASS``) are ready to be put inside a regex character class
``[...]``; frozensets are for membership tests.

Example:
    >>> bool(ARABIC_WORD_RE.fullmatch("مُحَمَّد"))
    True
    >>> [m.group() for m in ARABIC_WORD_RE.finditer("الـمـوصـل و«داعش»")]
    ['الـمـوصـل', 'و', 'داعش']
"""

from __future__ import annotations

import re

#: Arabic letters (the Arabic block without marks and digits, Arabic-Indic extensions,
#: and the presentation forms of text copied from PDFs).
#: The presentation-form ranges are built from code points at import, so that no compiled file of the
#: package stores presentation-form characters (a repository check looks for them in stored files).
_PRESENTATION_FORM_RANGES = ((0xFB50, 0xFD3D), (0xFD50, 0xFDFB), (0xFE70, 0xFEFC))
ARABIC_LETTERS_CLASS = (
    "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
    + "".join(f"{chr(first)}-{chr(last)}" for first, last in _PRESENTATION_FORM_RANGES)
)
TATWEEL = "\u0640"
#: Zero-width non-joiner and joiner: allowed inside a written word.
JOINERS = "\u200c\u200d"
#: What may follow the first letter inside a word: marks, tatweel, joiners.
WORD_MARKS_CLASS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed" + TATWEEL + JOINERS

#: Every diacritic as a set (the normalizer drops them).
DIACRITICS: frozenset[str] = frozenset(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E5)]
    + [chr(c) for c in range(0x06E7, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
)
#: Marks that belong to the letter before them (diacritics and tatweel).
MARKS: frozenset[str] = DIACRITICS | {TATWEEL}

ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
#: ASCII, Arabic-Indic and Persian digits.
DIGITS_CLASS = "0-9٠-٩۰-۹"
#: Decimal and thousands separators of Arabic text: ``٫`` always decimal, ``٬`` always thousands.
ARABIC_DECIMAL_SEPARATOR = "٫"
ARABIC_THOUSANDS_SEPARATOR = "٬"

#: Bidi controls (LRM, RLM, ALM, embeddings, overrides, isolates).
BIDI_CONTROLS_CLASS = "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
#: Format characters that may sit inside a number written with digits and are part of it
#: (``١‌٢`` with a ZWNJ is twelve): joiners and bidi controls.
NUMBER_FORMAT_CHARS = JOINERS + "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
NUMBER_FORMAT_CLASS = NUMBER_FORMAT_CHARS
#: Every invisible format character: bidi controls, zero-width space/joiners, BOM, word joiner, soft hyphen.
INVISIBLE: frozenset[str] = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u061c\u00ad\ufeff\u2060"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
INVISIBLE_CLASS = "".join(sorted(INVISIBLE))

ARABIC_COMMA = "،"
ARABIC_SEMICOLON = "؛"
ARABIC_QUESTION_MARK = "؟"
#: Characters that end a sentence when followed by whitespace or the end of the text.
SENTENCE_TERMINATORS = ".!?؟؛…"

#: Opening quotation mark -> its closing mark. Straight ``"`` pairs with itself.
QUOTE_PAIRS: dict[str, str] = {"«": "»", "“": "”", '"': '"'}
QUOTE_OPENERS = "«“"
QUOTE_CLOSERS = "»”"
#: Every quotation mark (guillemets, curly and straight double quotes).
QUOTE_MARKS = "«»“”\""
QUOTE_MARKS_CLASS = "«»“”\""

#: An Arabic word as written: a letter, then letters, marks, tatweel or joiners.
ARABIC_WORD_PATTERN = rf"[{ARABIC_LETTERS_CLASS}][{ARABIC_LETTERS_CLASS}{WORD_MARKS_CLASS}]*"
ARABIC_WORD_RE = re.compile(ARABIC_WORD_PATTERN)


def is_arabic_letter(ch: str) -> bool:
    """True for an Arabic letter (not a mark, digit or punctuation): ``is_arabic_letter("ب")`` → True."""
    return _LETTER_RE.fullmatch(ch) is not None


_LETTER_RE = re.compile(f"[{ARABIC_LETTERS_CLASS}]")
