"""Time expressions that read tense, share years, join compounds (issue 13, failure class 7).

Sentences written for these tests; each value worked out by hand from the reference date.
"""

from __future__ import annotations

from datetime import date

import pytest

from analysis.document import Document
from analysis.timex import find_time_expressions
from analysis.timex.expressions import cldr_months, cldr_weekdays

REF = date(2018, 4, 10)  # a Tuesday


@pytest.mark.parametrize(
    "text, expected",
    [
        # weekdays: the verb's tense and المقبل decide
        ("سيزور الوزير القاهرة الثلاثاء المقبل", [("الثلاثاء المقبل", "2018-04-17")]),
        ("سيعقد المجلس اجتماعه يوم الخميس", [("يوم الخميس", "2018-04-12")]),
        ("سيعقد المجلس اجتماعه يوم الثلاثاء", [("يوم الثلاثاء", "2018-04-17")]),  # today is Tuesday: next week's
        ("عقد المجلس اجتماعه يوم الخميس", [("يوم الخميس", "2018-04-05")]),
        ("قال الوزير الأحد إن الحكومة ستعلن خطتها", [("الأحد", "2018-04-08")]),  # the future comes after
        # a month without a year: the year stated nearby, else the tense
        ("في نيسان وأيار من العام الماضي", [("نيسان", "2017-04"), ("أيار من العام الماضي", "2017-05")]),
        ("انسحب الجيش في تشرين الأول/أكتوبر", [("تشرين الأول/أكتوبر", "2017-10")]),
        ("ستجري الانتخابات في تشرين الأول/أكتوبر", [("تشرين الأول/أكتوبر", "2018-10")]),
        ("انسحب الجيش في نيسان/ أبريل من عام 2005", [("نيسان/ أبريل من عام 2005", "2005-04")]),
        # a day and month without a year or tense: the nearest such day
        ("ترتبط الحملة بالانتخابات في السادس من أيار/ مايو", [("السادس من أيار/ مايو", "2018-05-06")]),
        # compounds are one expression
        ("قال المتحدث اليوم الثلاثاء إن", [("اليوم الثلاثاء", "2018-04-10")]),
        ("وصل الوفد يوم الخميس 5 نيسان الجاري", [("يوم الخميس 5 نيسان الجاري", "2018-04-05")]),
        # years glued to words, in brackets, with seasons, ranges
        ("تأسست الشركة عام2015 في دبي", [("عام2015", "2015")]),
        ("صدر التقرير (2014) عن المنظمة", [("2014", "2014")]),
        ("وفي ربيع 2016 بدأ الهجوم", [("ربيع 2016", "2016")]),
        ("قدمت أدوية بين عامي 2005 و2009", [("بين عامي 2005 و2009", "2005/2009")]),
        # منذ + a count is the point that far back, in the unit given
        ("انضم إلى القتال منذ خمس سنوات", [("منذ خمس سنوات", "2013")]),
        ("تتواصل التظاهرات منذ أسبوع", [("منذ أسبوع", "2018-04-03")]),
        # the edge of a period is that period (منذ is a signal outside the expression)
        ("الاحتجاجات القائمة منذ بداية الأسبوع", [("بداية الأسبوع", "2018-W15")]),
    ],
)
def test_points(text: str, expected: list[tuple[str, str]]) -> None:
    df = find_time_expressions(text, reference_date=REF)
    assert list(zip(df["text"], df["value"])) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("قضى في السجن ثلاث سنوات", [("ثلاث سنوات", "duration", "P3Y")]),
        ("حكم عليه بالسجن لثلاث سنوات ونصف", [("ثلاث سنوات ونصف", "duration", "P3Y6M")]),
        ("استمر الصراع ثلاثة عقود", [("ثلاثة عقود", "duration", "P30Y")]),
        ("أضرب عن الطعام خمسين يوما", [("خمسين يوما", "duration", "P50D")]),
        # ages are not time expressions
        ("كان الشاب ألبرت، 31 سنة، قد عاد", []),
        ("قتل ثمانية أطفال تقل أعمارهم عن 16 عاما", []),
        ("وصلت الفتاة في عمر 15 عاما", []),
    ],
)
def test_durations_and_ages(text: str, expected: list[tuple[str, str, str]]) -> None:
    df = find_time_expressions(text, reference_date=REF)
    assert list(zip(df["text"], df["kind"], df["duration"])) == expected


def test_day_word_inside_a_name_is_not_a_date() -> None:
    text = "وذكر موقع \"أخبار اليوم\" أن الوزير وصل اليوم"
    doc = Document(text, reference_date=REF)
    assert [(x.text, x.value) for x in doc.time_expressions] == [("اليوم", "2018-04-10")]
    assert doc.time_expressions[0].start == text.rindex("اليوم")
    assert list(find_time_expressions(text, reference_date=REF)["start"]) == [text.rindex("اليوم")]


def test_cldr_month_and_weekday_names() -> None:
    months = cldr_months()
    assert {"يوليوز", "غشت", "شتنبر", "نونبر", "دجنبر"} <= set(months[7] + months[8] + months[9] + months[11]
                                                           + months[12])
    assert "الجمعة" in cldr_weekdays()[5]
    df = find_time_expressions("وقع الاتفاق في 12 دجنبر 2017", reference_date=REF)
    assert list(zip(df["text"], df["value"])) == [("12 دجنبر 2017", "2017-12-12")]


@pytest.mark.parametrize("text", [
    "وقالت قناة روسيا اليوم إن الوفد وصل",
    "ونقلت صحيفة المصري اليوم عن مصدر",
    "وذكر موقع اليوم السابع أن",
])
def test_day_word_in_a_media_name(text: str) -> None:
    assert find_time_expressions(text, reference_date=REF).empty
