"""Visual-order Arabic for renderers that do not shape text themselves.

Data, tables and DataFrames always hold Arabic in *logical* order (the order in
which it is typed and stored). A renderer without complex-text layout
(matplotlib < 3.11, Pillow without raqm, a plain terminal) draws code points
one by one from left to right, so Arabic comes out as disconnected letters in
reverse order. :func:`visual` prepares text for such renderers:

1. NFC composition, so that a hamza or madda typed as a combining mark becomes
   its letter (``ا`` + U+0654 → ``أ``);
2. harakat removed (see *Harakat policy*);
3. reshaping with ``arabic_reshaper``: every letter replaced by its contextual
   presentation form (isolated, initial, medial, final) and lam + alef by the
   mandatory lam-alef ligature (``لا`` → U+FEFB);
4. bidi reordering with python-bidi's pure-Python implementation
   (``bidi.algorithm.get_display``), which also mirrors paired characters in
   right-to-left runs: ``«داعش»`` keeps its guillemets pointing outwards and
   ``(200)`` inside Arabic keeps its parentheses the right way round. (The Rust
   implementation behind ``from bidi import get_display`` in python-bidi 0.6
   does not mirror them, so it is not used.)

Each line is processed on its own, with its base direction taken from its first
strong character (Unicode rules P2/P3), the same rule the native shaper of
matplotlib 3.11 (libraqm) applies.

Harakat policy:
    ``visual()`` drops harakat (fatha, damma, kasra, sukun, shadda, tanwin,
    superscript alef and the Quranic annotation marks). Without a shaping
    engine a mark is drawn at a fixed offset from the pen position instead of
    over its letter, and after reordering it lands on the neighbouring letter
    or collides with it. News text is rarely vocalised and the unvocalised word
    is what readers expect, so the marks are removed rather than misplaced.
    Where matplotlib shapes natively, :func:`analysis.viz.display.label` leaves the
    text unchanged and the harakat are drawn in place.

Never store the result: it is for drawing only.

Example:
    >>> visual("لا") == "\\ufefb"
    True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import arabic_reshaper
from bidi.algorithm import get_display

from analysis.errors import AnalysisError

__all__ = ["LabelTypeError", "strip_harakat", "visual"]

#: Harakat and Quranic marks removed by :func:`visual` (after NFC composition).
_HARAKAT_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u08d3-\u08ff]")

#: Reshaper settings made explicit, so an environment variable pointing at a
#: configuration file cannot change what our figures look like. Only the four
#: mandatory lam-alef ligatures are used; the ``الله`` word ligature is off so
#: that names such as ``حزب الله`` and ``عبد الله`` are drawn letter by letter,
#: as the native shaper draws them.
_RESHAPER_CONFIG = {
    "language": "Arabic",
    "delete_harakat": True,
    "shift_harakat_position": False,
    "delete_tatweel": False,
    "support_zwj": True,
    "use_unshaped_instead_of_isolated": False,
    "support_ligatures": True,
    "ARABIC LIGATURE ALLAH": False,
    "ARABIC LIGATURE LAM WITH ALEF": True,
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE": True,
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW": True,
    "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE": True,
}
_RESHAPER = arabic_reshaper.ArabicReshaper(configuration=_RESHAPER_CONFIG)


class LabelTypeError(AnalysisError, TypeError):
    """A label was not a string."""

    def __init__(self, value: object) -> None:
        super().__init__(f"label text must be str, got {type(value).__name__}: {value!r}")
        self.value = value


def strip_harakat(text: str) -> str:
    """Compose with NFC, then remove harakat, as :func:`visual` does.

    Example:
        >>> strip_harakat("مُحَمَّد")
        'محمد'
    """
    return _HARAKAT_RE.sub("", unicodedata.normalize("NFC", text))


@lru_cache(maxsize=8192)
def _visual_line(line: str) -> str:
    if not line:
        return line
    return get_display(_RESHAPER.reshape(strip_harakat(line)))


def visual(text: str) -> str:
    """Return ``text`` reshaped and in visual (left-to-right drawing) order.

    Arabic letters become their contextual presentation forms (U+FE70–U+FEFC),
    lam-alef becomes one ligature, right-to-left runs are reversed with digits
    and Latin words kept left-to-right inside them, and brackets and
    guillemets in right-to-left runs are mirrored. Lines (``\\n``) are handled
    one by one. Harakat are dropped (module docstring: *Harakat policy*).

    For renderers that do not shape text. With matplotlib use
    :func:`analysis.viz.display.label`, which calls this only where needed.

    Args:
        text: Text in logical order.

    Returns:
        The text for a left-to-right, glyph-by-glyph renderer. Never store it.

    Raises:
        LabelTypeError: ``text`` is not a string.

    Example:
        >>> [f"{ord(c):04X}" for c in visual("دير")]
        ['FEAE', 'FEF3', 'FEA9']
    """
    if not isinstance(text, str):
        raise LabelTypeError(text)
    if "\n" not in text:
        return _visual_line(text)
    return "\n".join(_visual_line(line) for line in text.split("\n"))
