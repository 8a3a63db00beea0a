"""Time-expression patterns run over the matching form, where ى is ي: words spelt with ى must still match.

Sentences written for this test; expected spans and values worked out by hand (reference date 1 May 2018).
"""

from __future__ import annotations

import pytest

from analysis.timex import find_time_expressions

REFERENCE = "2018-05-01"

CASES = [
    # حتى joins two years into one range
    ("استمرت الحرب من عام 2011 حتى 2018.", "عام 2011 حتى 2018", "date", "2011/2018"),
    # إلى between two years after بين
    ("استمرت الحرب بين 2011 إلى 2018.", "بين 2011 إلى 2018", "date", "2011/2018"),
    # حتى before an edge of a period: from the reference date to the end of the year
    ("وسيبقى الاتفاق ساريا حتى نهاية العام.", "حتى نهاية العام", "relative_date", "2018-05-01/2018-12-31"),
    # على مدى / على مدار open a duration
    ("وتواصل القصف على مدى ثلاثة أيام.", "على مدى ثلاثة أيام", "duration", "P3D"),
    ("وتواصل القصف على مدار يومين.", "على مدار يومين", "duration", "P2D"),
]


@pytest.mark.parametrize("sentence,text,kind,value", CASES, ids=[c[1] for c in CASES])
def test_words_with_alef_maqsura_match(sentence: str, text: str, kind: str, value: str) -> None:
    df = find_time_expressions(sentence, reference_date=REFERENCE)
    rows = [(r.text, r.kind, r.value) for r in df.itertuples()]
    assert rows == [(text, kind, value)]
    start = sentence.index(text)
    assert (int(df.iloc[0]["start"]), int(df.iloc[0]["end"])) == (start, start + len(text))
