"""find_time_expressions: kinds, ISO values with a reference date, month-name variants."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.paths import SEEDS_DIR
from analysis.timex import TIMEX_COLUMNS, TimexInputError, find_time_expressions

REF = date(2017, 8, 22)  # a Tuesday


@pytest.mark.parametrize(
    "text, expected",
    [
        ("التقى الوزيران أمس", [("أمس", "relative_date", "2017-08-21")]),
        ("وصل أول أمس", [("أول أمس", "relative_date", "2017-08-20")]),
        ("يبدأ الاجتماع غداً", [("غداً", "relative_date", "2017-08-23")]),
        ("سيعقد الشهر المقبل", [("الشهر المقبل", "relative_date", "2017-09")]),
        ("تنعقد في التاسع من الشهر المقبل", [("التاسع من الشهر المقبل", "relative_date", "2017-09-09")]),
        ("منذ الخامس من الشهر الجاري", [("الخامس من الشهر الجاري", "relative_date", "2017-08-05")]),
        ("في أيار (مايو) الماضي", [("أيار (مايو) الماضي", "relative_date", "2017-05")]),
        ("في سبتمبر الماضي", [("سبتمبر الماضي", "relative_date", "2016-09")]),
        ("في نوفمبر المقبل", [("نوفمبر المقبل", "relative_date", "2017-11")]),
        ("قبل نهاية الشهر", [("قبل نهاية الشهر", "relative_date", "2017-08-22/2017-08-31")]),
        ("خلال الشهر الأخير", [("خلال الشهر الأخير", "duration", "2017-07-22/2017-08-22")]),
        ("60 طلعة يومياً", [("يومياً", "frequency", "R/P1D")]),
        ("في 30 أيلول (سبتمبر) 2015", [("30 أيلول (سبتمبر) 2015", "date", "2015-09-30")]),
        ("في 3 تشرين الأول 2016", [("3 تشرين الأول 2016", "date", "2016-10-03")]),
        ("منذ آذار/مارس 2011", [("آذار/مارس 2011", "date", "2011-03")]),
        ("في جانفي 2018", [("جانفي 2018", "date", "2018-01")]),
        ("منذ عام 2014", [("عام 2014", "date", "2014")]),
        ("الأسبوع الماضي", [("الأسبوع الماضي", "relative_date", "2017-W33")]),
        ("العام المقبل", [("العام المقبل", "relative_date", "2018")]),
        ("يوم الجمعة", [("يوم الجمعة", "relative_date", "2017-08-18")]),
        ("الخميس المقبل", [("الخميس المقبل", "relative_date", "2017-08-24")]),
        ("قبل ثلاثة أيام", [("قبل ثلاثة أيام", "relative_date", "2017-08-19")]),
        ("بعد يومين", [("بعد يومين", "relative_date", "2017-08-24")]),
        ("لمدة أسبوعين", [("لمدة أسبوعين", "duration", "P2W")]),
        ("خلال الساعات الـ24 الماضية", [("خلال الساعات الـ24 الماضية", "duration", "2017-08-21/2017-08-22")]),
        ("سيتم الإعلان قريباً", [("قريباً", "relative_date", "FUTURE_REF")]),
        # not time expressions
        ("مارس الجيش ضغوطاً", []),
        ("قال الأب إن ابنه قتل", []),
        ("اليوم الوطني", [("اليوم", "relative_date", "2017-08-22")]),
    ],
)
def test_resolution_table(text: str, expected: list[tuple[str, str, str]]) -> None:
    df = find_time_expressions(text, reference_date=REF)
    assert list(zip(df["text"], df["kind"], df["value"])) == expected
    for row in df.itertuples():
        assert text[row.start:row.end] == row.text


@pytest.mark.parametrize(
    "text, kind, value, duration",
    [
        ("أمس", "relative_date", None, None),
        ("خلال شهر", "duration", "P1M", "P1M"),
        ("منذ سنوات", "duration", "PXY", "PXY"),
        ("في 30 أيلول (سبتمبر) 2015", "date", "2015-09-30", None),
        ("كل أسبوع", "frequency", "R/P1W", "P1W"),
        ("خلال الساعات الـ24 الماضية", "duration", "PT24H", "PT24H"),
    ],
)
def test_without_reference_date(text: str, kind: str, value: str | None, duration: str | None) -> None:
    df = find_time_expressions(text)
    assert len(df) == 1
    row = df.iloc[0]
    assert row["kind"] == kind
    assert (row["value"] if row["value"] is not None else None) == value
    assert (row["duration"] if row["duration"] is not None else None) == duration


def test_seed_expressions() -> None:
    text = (SEEDS_DIR / "000_59786d66bf5a77f6.txt").read_text(encoding="utf-8")
    df = find_time_expressions(text, reference_date="2017-08-22")
    got = dict(zip(df["text"], df["value"]))
    assert got["التاسع من الشهر المقبل"] == "2017-09-09"
    assert got["أيار (مايو) الماضي"] == "2017-05"
    assert got["قبل نهاية الشهر"] == "2017-08-22/2017-08-31"
    assert got["خلال الشهر الأخير"] == "2017-07-22/2017-08-22"
    assert got["أمس"] == "2017-08-21"
    assert got["يومياً"] == "R/P1D"
    assert set(df["kind"]) <= {"date", "relative_date", "duration", "frequency"}


def test_columns_and_errors() -> None:
    assert list(find_time_expressions("").columns) == list(TIMEX_COLUMNS)
    with pytest.raises(TimexInputError):
        find_time_expressions("أمس", reference_date="yesterday")
    with pytest.raises(TimexInputError):
        find_time_expressions(3)  # type: ignore[arg-type]


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from(["أمس", "في", "30", "أيلول", "(سبتمبر)", "2015", "الشهر", "المقبل", "خلال", "يومياً",
                           "ـ", "ُ", "التاسع", "من", "قبل", "نهاية", "منذ", "ثلاثة", "أيام", "مارس"])


@given(st.lists(_PIECES, max_size=15))
def test_expressions_always_index_the_original(parts: list[str]) -> None:
    text = " ".join(parts)
    for x in find_time_expressions(text, reference_date="2018-03-15").itertuples():
        assert text[x.start:x.end] == x.text
        assert x.kind in {"date", "relative_date", "duration", "frequency"}


def test_date_outside_the_calendar_stays_unresolved():
    # 14,500 years before 2018 is before year 1: kept as an expression, value left empty, no crash
    df = find_time_expressions("عثر باحثون على بقايا خبز يعود إلى ما قبل 14500 عام في الأردن.",
                               reference_date="2018-07-17")
    row = df[df["text"].str.contains("14500")]
    assert len(row) == 1
    assert row.iloc[0]["value"] is None or row.iloc[0]["value"] != row.iloc[0]["value"]
