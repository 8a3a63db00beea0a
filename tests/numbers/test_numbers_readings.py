"""Table-driven tests of the number readings added for issue 12 (item 11).

Whole numbers before a spelled-out fraction, fractions told apart by a damma,
a fifth or a tenth of something definite, definite scale words as ordinals,
"X من Y" ratios, two bounds joined by أو, present-tense "reach" verbs as "up
to" and the "less/greater or equal" hedges. Every sentence is written for this
project in news style; every expected value is worked out by hand.
"""

from __future__ import annotations

import pytest

from analysis.numbers import find_numbers
from tests.support.number_mentions import only_mention

# --- a spelled-out numerator not below its denominator: whole + proper fraction;
# --- one part of N parts ------------------------------------------------------------

SPLIT_CASES = [
    # 300 + 12/100
    ("قطع العداء ثلاثمئة واثني عشر جزءا من مئة من الميل", "ثلاثمئة واثني عشر جزءا من مئة", 300.12),
    # 1000 + 5/100
    ("بلغت الحصة ألف وخمسة أجزاء من مئة", "ألف وخمسة أجزاء من مئة", 1000.05),
    # 600 + 4/5 (singular denominator)
    ("زاد المخزون ستمئة وأربعة خمس", "ستمئة وأربعة خمس", 600.8),
    # 407 < 1000: one numerator, 407/1000
    ("قدر الخبراء التسرب بأربعمئة وسبعة أجزاء من ألف", "أربعمئة وسبعة أجزاء من ألف", 0.407),
    # no cut leaves a part below 5 (عشرون alone is not): 27/5
    ("بلغ الناتج سبعة وعشرون خمس", "سبعة وعشرون خمس", 5.4),
    # 25 < 100: 25/100
    ("صوت خمسة وعشرون جزءا من مئة من الناخبين", "خمسة وعشرون جزءا من مئة", 0.25),
    # one part of ten parts, of 20 parts
    ("قسم الإرث فكان له جزء من عشرة أجزاء", "جزء من عشرة أجزاء", 0.1),
    ("وخصص جزءا من 20 جزءا للتعليم", "جزءا من 20 جزءا", 0.05),
]


@pytest.mark.parametrize("sentence,text,value", SPLIT_CASES)
def test_spelled_out_fractions(sentence: str, text: str, value: float) -> None:
    m = only_mention(sentence, text)
    assert m.kind == "fraction"
    assert m.value == pytest.approx(value)


def test_a_part_of_counted_things_is_not_a_fraction() -> None:
    assert [(m.text, m.value) for m in find_numbers("شكل الاتفاق جزءا من 11 هدفا")] == [("11", 11)]


# --- fractions told apart by the damma on their first letter ---------------------------

DAMMA_CASES = [
    ("حصلت البلدية على خُمس الميزانية", "خُمس", 0.2, "fraction"),
    ("ورثت الزوجة الثُّمن من التركة", "الثُّمن", 0.125, "fraction"),
    ("أنفقت الوزارة سُدس المخصصات", "سُدس", 1 / 6, "fraction"),
    ("يعيش عُشر السكان في المخيمات", "عُشر", 0.1, "fraction"),
    # three and two fifths: the dual خُمسَين joined to a whole number
    ("بلغ الوزن ثلاثة وخُمسَين كيلوغراما", "ثلاثة وخُمسَين", 3.4, "fraction"),
    # a fatha, or no mark: five, fifty
    ("سافر خَمس مرات إلى العاصمة", "خَمس", 5, "cardinal"),
    ("قتل خمسين مسلحا في المعارك", "خمسين", 50, "cardinal"),
]


@pytest.mark.parametrize("sentence,text,value,kind", DAMMA_CASES)
def test_fractions_marked_with_a_damma(sentence: str, text: str, value: float, kind: str) -> None:
    m = only_mention(sentence, text)
    assert m.kind == kind
    assert m.value == pytest.approx(value)


def test_price_with_a_fatha_is_not_an_eighth() -> None:
    assert find_numbers("دفع ثَمن الخبز") == []


# --- a fifth or a tenth of something definite --------------------------------------------

OF_DEFINITE_CASES = [
    ("تلقت الوكالة خمس التمويل المطلوب فقط", "خمس", 0.2, "fraction"),
    ("يعيش عشر السكان تحت خط الفقر", "عشر", 0.1, "fraction"),
    # a fifth of the fifty
    ("وزع خمس الخمسين على القرى", "خمس الخمسين", 10, "cardinal"),
    # cardinals: an indefinite noun, a definite number before its noun, a compound, آلاف misspelt
    ("قضى خمس سنوات في السجن", "خمس", 5, "cardinal"),
    ("وقعت الدول الخمس التي شاركت", "الخمس", 5, "cardinal"),
    ("في الأعوام الخمسة عشر الماضية", "الخمسة عشر", 15, "cardinal"),
    ("تظاهر خمس الاف شخص", "خمس الاف", 5000, "cardinal"),
]


@pytest.mark.parametrize("sentence,text,value,kind", OF_DEFINITE_CASES)
def test_fraction_of_something_definite(sentence: str, text: str, value: float, kind: str) -> None:
    m = only_mention(sentence, text)
    assert m.kind == kind
    assert m.value == pytest.approx(value)


def test_ten_before_a_relative_pronoun_stays_ten() -> None:
    m = only_mention("اختار عشر التي وصلت أولا", "عشر")
    assert (m.kind, m.value) == ("cardinal", 10)


# --- a definite scale word after a definite noun is an ordinal ---------------------------

DEFINITE_SCALE_CASES = [
    ("احتفل المتحف بالزائر المليون أمس", "المليون", 1_000_000, "ordinal"),
    ("يكرر الوزير الوعد للمرة الألف", "الألف", 1000, "ordinal"),
    # before a counted noun, after a counting word, after a fraction: the number
    ("تجاوزت الخسائر المليون دولار", "المليون", 1_000_000, "cardinal"),
    ("تجاوز عدد الضحايا الألف", "الألف", 1000, "cardinal"),
    ("وصل مليون ونصف المليون لاجئ", "مليون ونصف المليون", 1_500_000, "cardinal"),
]


@pytest.mark.parametrize("sentence,text,value,kind", DEFINITE_SCALE_CASES)
def test_definite_scale_words(sentence: str, text: str, value: int, kind: str) -> None:
    m = only_mention(sentence, text)
    assert (m.kind, m.value) == (kind, value)


# --- "X من Y" with nothing counted after Y is a ratio -----------------------------------

RATIO_CASES = [
    ("نجح الطالب في أربعة من خمسة.", "أربعة من خمسة", 0.8, 0.8, 0.8, "exact", None),
    ("أصاب الرامي 7 من 10، ثم توقف", "7 من 10", 0.7, 0.7, 0.7, "exact", None),
    ("أجاب عن 3 من 4 أو أكثر", "3 من 4 أو أكثر", 0.75, 0.75, None, "at_least", "أو أكثر"),
    ("فاز نحو ثلاثة من عشرة", "نحو ثلاثة من عشرة", 0.3, 0.3, 0.3, "approx", "نحو"),
]


@pytest.mark.parametrize("sentence,text,value,low,high,qualifier,qtext", RATIO_CASES)
def test_ratios(sentence: str, text: str, value, low, high, qualifier, qtext) -> None:
    m = only_mention(sentence, text)
    assert m.kind == "fraction"
    assert m.value == pytest.approx(value) and m.low == pytest.approx(low)
    assert m.high is None if high is None else m.high == pytest.approx(high)
    assert (m.qualifier, m.qualifier_text) == (qualifier, qtext)


NOT_RATIO_CASES = [
    ("قتل اثنان من خمسة جنود", [2, 5]),  # a counted noun after Y
    ("هو واحد من ثلاثة مرشحين", [1, 3]),
    ("وهي واحدة من أربع من بناته", [1, 4]),  # partitive من
    ("احتلت البلاد المرتبة 120 من 180.", [120, 180]),  # a rank
    ("في 12 من 2017.", [12, 2017]),  # a date
    ("عاد خمسة من ثلاثة.", [5, 3]),  # X not below Y
]


@pytest.mark.parametrize("sentence,values", NOT_RATIO_CASES)
def test_not_ratios(sentence: str, values: list[int]) -> None:
    ms = find_numbers(sentence)
    assert [m.value for m in ms] == values
    assert all(m.kind == "cardinal" for m in ms)


# --- a lower and an upper bound joined by و or أو ------------------------------------------

BOUND_CASES = [
    ("يكون العدد أكبر أو يساوي خمسين، أو أقل أو يساوي مئة",
     "أكبر أو يساوي خمسين، أو أقل أو يساوي مئة", 50, 100),
    ("بلغ أكثر من 10، وأقل من 20", "أكثر من 10، وأقل من 20", 10, 20),
]


@pytest.mark.parametrize("sentence,text,low,high", BOUND_CASES)
def test_two_bounds_make_a_range(sentence: str, text: str, low: int, high: int) -> None:
    m = only_mention(sentence, text)
    assert (m.kind, m.low, m.high, m.qualifier) == ("range", low, high, "range")


def test_bounds_that_exclude_each_other_stay_apart() -> None:
    ms = find_numbers("أقل من 10 أو أكثر من 50")
    assert [(m.value, m.qualifier) for m in ms] == [(10, "less_than"), (50, "more_than")]


# --- present-tense "reach" verbs and the "or equal" hedges ----------------------------------

REACH_CASES = [
    ("يواجه عقوبة بالسجن لمدة تصل إلى خمس سنوات", "تصل إلى خمس", 5, None, 5, "at_most", "تصل إلى"),
    ("وغرامة تصل إلى 2000 دينار", "تصل إلى 2000", 2000, None, 2000, "at_most", "تصل إلى"),
    ("قال إن الرقم قد يصل إلى 30 قتيلا", "يصل إلى 30", 30, None, 30, "at_most", "يصل إلى"),
    ("في موجة حر التي تصل إلى 40 درجة", "تصل إلى 40", 40, None, 40, "at_most", "تصل إلى"),
    # the value reached: ل on the verb, a definite subject right before it, the past
    ("ارتفعت الحصيلة لتصل إلى 80 قتيلا", "80", 80, 80, 80, "exact", None),
    ("نسبة البطالة تصل إلى 12 بالمئة", "12 بالمئة", 12, 12, 12, "exact", None),
    ("وصلت إلى 30 مليار دولار", "30 مليار", 30_000_000_000, 30_000_000_000, 30_000_000_000, "exact", None),
    # negated: fewer than
    ("لم يصل إلى 20 شخصا عدد الحضور", "لم يصل إلى 20", 20, None, 20, "less_than", "لم يصل إلى"),
    # "less / greater or equal" without من
    ("درجة الحرارة أخفض أو يساوي 5 درجات", "أخفض أو يساوي 5", 5, None, 5, "at_most", "أخفض أو يساوي"),
    ("يشارك من هو أكبر أو يساوي 18 عاما", "أكبر أو يساوي 18", 18, 18, None, "at_least", "أكبر أو يساوي"),
]


@pytest.mark.parametrize("sentence,text,value,low,high,qualifier,qtext", REACH_CASES)
def test_reach_verbs_and_equal_hedges(sentence: str, text: str, value, low, high, qualifier, qtext) -> None:
    m = only_mention(sentence, text)
    assert (m.value, m.low, m.high, m.qualifier, m.qualifier_text) == (value, low, high, qualifier, qtext)
    if qtext is not None:
        assert sentence[m.qualifier_start:m.qualifier_end] == qtext
