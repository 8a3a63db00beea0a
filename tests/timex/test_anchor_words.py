"""Words that anchor a time expression: a year glued to its noun counts only as a whole word."""

import pytest

from analysis.timex import time_expressions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أعلن في عام2015 أن", [("عام2015", "date", "2015")]),
        ("عام2015", [("عام2015", "date", "2015")]),
        ("xعام2015", []),  # glued to a Latin letter: not a word of its own
        ("عام20155", []),  # five digits: not a year
    ],
)
def test_glued_year_as_a_whole_word(text: str, expected: list[tuple[str, str, str]]) -> None:
    got = [(t.text, t.kind, t.value) for t in time_expressions(text, "2018-01-01")]
    assert got == expected
