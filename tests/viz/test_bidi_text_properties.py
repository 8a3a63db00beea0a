"""Property tests of analysis.viz.bidi_text.visual (main environment only: needs hypothesis)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from analysis.viz.bidi_text import visual

_ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x063B)] + [chr(c) for c in range(0x0641, 0x064B)]
_HARAKAT = ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b"]

arabic_lines = st.lists(st.text(st.sampled_from(_ARABIC_LETTERS), min_size=1, max_size=8), min_size=1,
                        max_size=5).map(" ".join)
mixed_text = st.text(st.sampled_from(_ARABIC_LETTERS + _HARAKAT + list("0123456789٠١٢٣ ISRT()[]«»:-،.\n")),
                     max_size=40)


def _glyphs_to_letters(shown: str) -> str:
    """Read glyphs right to left and undo the presentation forms (a ligature gives two letters)."""
    return "".join(unicodedata.normalize("NFKC", glyph) for glyph in reversed(shown))


@given(st.lists(arabic_lines, min_size=1, max_size=3))
def test_each_arabic_line_reads_back_right_to_left(lines: list[str]) -> None:
    shown = visual("\n".join(lines)).split("\n")
    assert [_glyphs_to_letters(line) for line in shown] == lines


@given(mixed_text)
def test_every_arabic_letter_is_shaped_and_lines_are_kept(text: str) -> None:
    shown = visual(text)
    assert shown.count("\n") == text.count("\n")
    assert not any("\u0621" <= c <= "\u065f" for c in shown), "unshaped letter or haraka left"
    # digits and Latin letters are neither lost nor invented
    for kept in "0123456789٠١٢٣ISRT":
        assert shown.count(kept) == text.count(kept)
