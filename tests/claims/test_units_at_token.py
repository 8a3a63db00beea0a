"""Counted nouns, rates and month names found at a token: one and several words, with clitics and tanwin."""

import pytest

from analysis.claims.units import is_month_at, rate_at, unit_at
from analysis.text import tokenize


@pytest.mark.parametrize(
    ("text", "index", "unit", "length"),
    [
        ("قتل 5 أشخاص", 2, "people", 1),
        ("بلغ 3 ملايين برميل يومياً", 3, "barrels", 1),
        # two words, the second with the accusative tanwin alef (مربعاً → مربع)
        ("نحو 20 كيلومتراً مربعاً", 2, "km2", 2),
        # not at the number, nor at a verb
        ("قتل 5 أشخاص", 1, None, 0),
        ("قتل 5 أشخاص", 0, None, 0),
    ],
)
def test_unit_at(text: str, index: int, unit: str | None, length: int) -> None:
    m = unit_at(tokenize(text), index)
    assert (m.payload.unit if m else None, m.length if m else 0) == (unit, length)


@pytest.mark.parametrize(
    ("text", "index", "rate"),
    [
        ("بلغ 3 ملايين برميل يومياً", 4, "per_day"),
        ("يعبر 500 لاجئ كل يوم", 3, "per_day"),
        ("يعبر 500 لاجئ كل", 3, None),  # a two-word rate cut short by the end of the text
        ("بلغ 3 ملايين برميل يومياً", 3, None),
    ],
)
def test_rate_at(text: str, index: int, rate: str | None) -> None:
    m = rate_at(tokenize(text), index)
    assert (m.payload if m else None) == rate


@pytest.mark.parametrize(
    ("text", "index", "length"),
    [
        ("في 5 كانون الثاني", 2, 2),
        ("في 5 كانون", 2, 0),  # كانون alone is not a month
        ("في 5 مايو", 2, 1),
        ("في 5 أيام", 2, 0),
    ],
)
def test_is_month_at(text: str, index: int, length: int) -> None:
    assert is_month_at(tokenize(text), index) == length
