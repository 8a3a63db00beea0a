"""Sentence and paragraph splitting."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.text import split_paragraphs, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "قال الوزير إن القوات تقدمت. وأضاف أن المعارك مستمرة.",
            ["قال الوزير إن القوات تقدمت.", "وأضاف أن المعارك مستمرة."],
        ),
        (
            "وقال: «لن نتراجع. سنواصل القتال». ثم غادر.",
            ["وقال: «لن نتراجع. سنواصل القتال».", "ثم غادر."],
        ),
        (
            "وأضاف أن «تحرير 12 قرية من تنظيم «داعش». تم أمس». وانتهى المؤتمر.",
            ["وأضاف أن «تحرير 12 قرية من تنظيم «داعش». تم أمس».", "وانتهى المؤتمر."],
        ),
        ("ارتفع المؤشر 3.5 في المئة و٣٫٥ أخرى. ثم هبط.", ["ارتفع المؤشر 3.5 في المئة و٣٫٥ أخرى.", "ثم هبط."]),
        ("التقى د. أحمد الوزير. وبحثا الأزمة.", ["التقى د. أحمد الوزير.", "وبحثا الأزمة."]),
        (
            "هل انتهت الحرب؟ لا! الاشتباكات مستمرة؛ والقصف أيضاً",
            ["هل انتهت الحرب؟", "لا!", "الاشتباكات مستمرة؛", "والقصف أيضاً"],
        ),
        ("عنوان الخبر\nنص الخبر هنا.", ["عنوان الخبر", "نص الخبر هنا."]),
        ("وتابع… ثم سكت.", ["وتابع…", "ثم سكت."]),
        ("قال «بدأنا. ثم توقف.", ["قال «بدأنا.", "ثم توقف."]),  # unmatched « is ignored
        ("  \n ", []),
    ],
)
def test_split_sentences(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_sentence_offsets_point_into_the_text():
    text = "  أعلنت الوزارة النتائج.  وأكدت صحتها. "
    spans = [(s.start, s.end) for s in split_sentences(text)]
    assert spans == [(2, 24), (26, 38)]


def test_split_paragraphs():
    text = "الفقرة الأولى.\n\n  الفقرة الثانية.\nالثالثة"
    assert [p.text for p in split_paragraphs(text)] == ["الفقرة الأولى.", "الفقرة الثانية.", "الثالثة"]


def test_split_sentences_rejects_non_text():
    with pytest.raises(TypeError):
        split_sentences(b"bytes")


_PIECES = st.sampled_from(
    ["قال", "الوزير", " ", " ", ".", "؟", "!", "؛", "…", "«", "»", "\n", "3.5", "د.", "ISIS", "،"]
)


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_sentences_cover_the_text_in_order(text):
    sentences = split_sentences(text)
    last = 0
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= last
        last = s.end
    assert "".join(s.text for s in sentences).replace(" ", "") == "".join(text.split())
