"""Property tests of analysis.numbers: round trips through words and digit scripts, and fuzzing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.numbers import find_numbers
from analysis.numbers.words import to_words

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

numbers = st.integers(min_value=0, max_value=10**10 - 1)


def _single_value(text: str) -> int | float | None:
    ms = find_numbers(text)
    assert len(ms) == 1, (text, [(m.text, m.value) for m in ms])
    return ms[0].value


@settings(max_examples=300, deadline=None)
@given(numbers)
def test_words_round_trip(n: int) -> None:
    assert _single_value(to_words(n)) == n


@settings(max_examples=100, deadline=None)
@given(numbers)
def test_words_round_trip_in_a_sentence(n: int) -> None:
    sentence = f"قالت الوزارة إن {to_words(n)} شخص وصلوا أمس."
    ms = find_numbers(sentence)
    assert [m.value for m in ms] == [n]


@settings(max_examples=200, deadline=None)
@given(numbers, st.sampled_from(["western", "arabic-indic", "persian"]))
def test_digit_scripts(n: int, script: str) -> None:
    s = str(n)
    if script == "arabic-indic":
        s = s.translate(_ARABIC_INDIC)
    elif script == "persian":
        s = s.translate(_PERSIAN)
    assert _single_value(s) == n


@settings(max_examples=100, deadline=None)
@given(numbers, st.sampled_from([",", "٬"]))
def test_thousands_separators(n: int, sep: str) -> None:
    s = f"{n:,}".replace(",", sep)
    assert _single_value(f"بلغ العدد {s} شخص") == n


_PIECES = st.sampled_from([
    " ", "  ", "\n", "،", ",", ".", "٫", "٬", "%", "٪", "-", "–", "/", ":", "(", ")", "«", "»", "+", "<", ">", "=", "~",
    "و", "ب", "ل", "ال", "الـ", "بـ", "ـ", "ً", "ُ", "\u200f", "\u202a",
    "0", "7", "12", "٣", "۴", "1,500", "2.5", "٣٫٢",
    "ثلاثة", "عشر", "عشرين", "مئة", "مائتين", "ألف", "ألفاً", "آلاف", "مليون", "مليار", "نصف", "ربع", "أخماس",
    "الأول", "الحادي", "والعشرون", "عشرات", "بضعة", "عدة", "سالب", "فاصلة", "دبابتين", "يومين",
    "نحو", "أكثر", "من", "أقل", "ما", "لا", "يقل", "عن", "على", "الأقل", "بين", "إلى", "أو", "في", "المئة", "بالمئة",
    "نسبة", "جزء", "كل", "ساعة", "عام", "القرار", "أيار", "الشهر", "https://x.org/1%20", "قال", "الوزارة",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_fuzz_structured(text: str) -> None:
    _check_invariants(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_fuzz_any_text(text: str) -> None:
    _check_invariants(text)


def _check_invariants(text: str) -> None:
    ms = find_numbers(text)
    last_end = -1
    for m in ms:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= last_end, "mentions overlap or are out of order"
        last_end = m.end
        if m.qualifier_text is not None:
            assert m.qualifier_start is not None and m.qualifier_end is not None
            assert 0 <= m.qualifier_start < m.qualifier_end <= len(text)
            assert text[m.qualifier_start:m.qualifier_end] == m.qualifier_text
        else:
            assert m.qualifier_start is None and m.qualifier_end is None
        assert m.kind in {"cardinal", "decimal", "fraction", "ordinal", "percent", "range"}
        assert m.qualifier in {"exact", "approx", "more_than", "at_least", "less_than", "at_most", "range", "vague"}
        if m.qualifier in ("exact", "approx"):
            assert m.low == m.high == m.value
        if m.qualifier in ("more_than", "at_least"):
            assert m.high is None and m.low == m.value
        if m.qualifier in ("less_than", "at_most"):
            assert m.low is None and m.high == m.value
        if m.qualifier == "range":
            assert m.value is None and m.low is not None and m.high is not None and m.low < m.high
