"""The failure classes of issue 12, one table per class, with sentences written for these tests.

Each expected row is (quantity as written, low, high, unit, category, event), worked out by hand
from the sentence: what is counted, by the word the counted noun depends on.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.claims import extract_claims

NA = None


def _value(v) -> float | None:
    return None if pd.isna(v) else float(v)


def _rows(text: str, **kw) -> list[tuple]:
    df = extract_claims(text, **kw)
    return [(r.quantity_text, _value(r.value_low), _value(r.value_high), r.unit, r.category, r.event)
            for r in df.itertuples()]


def _check(cases):
    for text, expected in cases:
        got = _rows(text)
        want = [(q, None if lo is None else float(lo), None if hi is None else float(hi), u, c, e)
                for q, lo, hi, u, c, e in expected]
        assert got == want, text


# 0. any counted noun, not only those of the units lexicon
ANY_NOUN = [
    ("رصدت الشركة 45 كاميرا جديدة في الشوارع.", [("45", 45, 45, "cameras", "other", None)]),
    ("حفر المتطوعون 12 بئرا في القرية.", [("12", 12, 12, "wells", "other", None)]),
    # a noun no lexicon lists: the claim stays, unit 'other', the noun as written
    ("نصبت البلدية 80 مظلة في الساحة.", [("80", 80, 80, "other", "other", None)]),
    ("استمع المحققون إلى 15 شاهدا.", [("15", 15, 15, "witnesses", "other", None)]),
]

# 1. word-only quantities, duals that count, "one of"
WORDS = [
    ("ضبطت البحرية ثلاثة قوارب قرب الساحل.", [("ثلاثة", 3, 3, "boats", "materiel", "seized")]),
    ("اعتقل الجيش جنديين فارين.", [("جنديين", 2, 2, "soldiers", "detentions", "detained")]),
    ("أُصيب مسعفان في القصف.", [("مسعفان", 2, 2, "paramedics", "injuries", "injured")]),
    ("قتل أحد الجنود في الانفجار.", [("أحد", 1, 1, "soldiers", "casualties", "killed")]),
    # "one of" as an idiom or after a preposition is no count
    ("وهو أحد أبرز القادة في الحزب.", []),
    ("سقطت قذيفة في أحد المنازل.", []),
]

# 2. vague quantities with any noun, without a noun, and post-nominal عدة
VAGUE = [
    ("خرج آلاف المتظاهرين إلى الشوارع.", [("آلاف", NA, NA, "protesters", "other", None)]),
    ("تظاهر الآلاف في الساحة.", [("الآلاف", NA, NA, "people", "politics", "protested")]),
    ("اعتقلت الشرطة عشرات من الناشطين.", [("عشرات", NA, NA, "activists", "detentions", "detained")]),
    ("أغلقت السلطات طرقا عدة في العاصمة.", [("عدة", NA, NA, "roads", "other", None)]),
    # where, not how many: a place after a preposition
    ("وانتشرت القوات في مناطق عدة من المدينة.", []),
]

# 3. fractions are shares, never "0.5 people"
FRACTIONS = [
    ("غادر نحو نصف الأطباء البلاد.", [("نحو نصف", 0.5, 0.5, "share", "other", None)]),
    ("خصصت الحكومة أكثر من ربع الميزانية للدفاع.", [("أكثر من ربع", 0.25, NA, "share", "economy", None)]),
    # annexed to a name: still a share; half of one indefinite thing is no claim
    ("ودمر الإسرائيليون نصف منظومة سوريا للدفاع الجوي.", [("نصف", 0.5, 0.5, "share", "materiel", "destroyed")]),
    ("واستخدم المحتجون نصف عبوة بلاستيكية كقناع.", []),
]

# 4. the noun before the number
NOUN_BEFORE = [
    ("فاز نواب الحزب الـ45 بمقاعدهم.", [("45", 45, 45, "mps", "politics", None)]),
    ("ارتفع عدد القتلى إلى 37.", [("37", 37, 37, "people", "casualties", "killed")]),
    ("حصل الحزب على 45 مقعدا من أصل 120 مقعدا.",
     [("45", 45, 45, "seats", "politics", None), ("120", 120, 120, "seats", "politics", None)]),
]

# 5. lists and ellipsis
LISTS = [
    ("دمرت القوات 4 دبابات و7 مدرعات وطائرتين.",
     [("4", 4, 4, "tanks", "materiel", "destroyed"), ("7", 7, 7, "armoured_vehicles", "materiel", "destroyed"),
      ("طائرتين", 2, 2, "aircraft", "materiel", "destroyed")]),
    ("ستوفر الخطة 3 ملايين و5 ملايين فرصة عمل.",
     [("3 ملايين", 3e6, 3e6, "jobs", "economy", None), ("5 ملايين", 5e6, 5e6, "jobs", "economy", None)]),
    ("طلبوا 5 ملايين دولار فعرضنا 3.",
     [("5 ملايين", 5e6, 5e6, "usd", "economy", None), ("3", 3, 3, "usd", "economy", None)]),
]

# 6. measures
MEASURES = [
    ("سقطت القذيفة على بعد 60 كيلومترا من الحدود.", [("60", 60, 60, "km", "other", "measured")]),
    ("حلقت الطائرة على ارتفاع 500 قدم.", [("500", 500, 500, "feet", "other", "measured")]),
    ("اقتربت السفينة إلى مسافة 40 ميلا بحريا من الشاطئ.",
     [("40", 40, 40, "nautical_miles", "other", "measured")]),
]

# 7. category and event from the governing word
GOVERNOR = [
    ("أطلقت وزارة الصحة حملة لتطعيم 200 ألف طفل.", [("200 ألف", 2e5, 2e5, "children", "other", None)]),
    ("وجهت إليه 6 تهم بالقتل.", [("6", 6, 6, "charges", "other", None)]),
    ("تقدم 15 نائبا بطلب لاستجواب الوزير.", [("15", 15, 15, "mps", "other", "applied")]),
    ("أسقطت المحكمة التهم عن 8 متهمين.", [("8", 8, 8, "defendants", "other", None)]),
    ("تبلغ مساحة البلاد 11 ألف كيلومتر مربع.", [("11 ألف", 11000, 11000, "km2", "other", "measured")]),
    ("يبلغ مدى الصاروخ 400 كيلومتر.", [("400", 400, 400, "km", "other", "measured")]),
    # the governor is the verb before the subject; a container passes to the verb governing it
    ("اعتقلت قوات الأمن 48 شخصا.", [("48", 48, 48, "people", "detentions", "detained")]),
    ("دمرت الطائرات قافلة تضم 20 شاحنة.", [("20", 20, 20, "trucks", "materiel", "destroyed")]),
    # an event word matches with an inflection ending only: توفير (providing) is not توفي (died)
    ("أعلنت الوزارة توفير 500 سرير في المستشفيات.", [("500", 500, 500, "other", "other", None)]),
    ("وتوفيت 3 نساء في الحادث.", [("3", 3, 3, "women", "casualties", "killed")]),
    # a second event noun after و governs its own quantity: the displaced are not killed
    ("أدت الحرب إلى مقتل الآلاف وتشريد مليوني شخص.", [("الآلاف", None, None, "people", "casualties", "killed"),
                                                     ("مليوني", 2e6, 2e6, "people", "displacement", "displaced")]),
    ("وشردت السيول 300 عائلة في المحافظة.", [("300", 300, 300, "families", "displacement", "displaced")]),
    # تقدم + بشكاوى: people filed complaints, nobody advanced
    ("وتقدم 40 ألف مواطن بشكاوى إلى الهيئة.", [("40 ألف", 40000, 40000, "people", "other", "applied")]),
    # إصابة + a disease: infected, not injured
    ("وسجلت إصابة 30 طفلا بالكوليرا في المخيم.", [("30", 30, 30, "children", "other", "infected")]),
    ("وأسفر الانفجار عن إصابة 30 طفلا بجروح.", [("30", 30, 30, "children", "injuries", "injured")]),
    # a noun of measure right before a quantity in words measures it (altitude), it is no rise
    ("كانت الطائرة تحلق على ارتفاع ثلاثين ألف قدم.", [("ثلاثين ألف", 30000, 30000, "feet", "other", "measured")]),
]


# duals the spelling makes unambiguous, derived from the singular of the units lexicon (feminine تان/تين,
# masculine ان); a dual that only describes two people already named, or that a numeral counts, is no count
DUALS = [
    ("اعتقلت الشرطة ناشطتين في الرياض.", [("ناشطتين", 2, 2, "activists", "detentions", "detained")]),
    ("وقتل مراهقان في الاشتباكات.", [("مراهقان", 2, 2, "teenagers", "casualties", "killed")]),
    ("وأصيب آخران بجروح.", [("آخران", 2, 2, "people", "injuries", "injured")]),
    ("وأصيب اثنان آخران بجروح.", [("اثنان", 2, 2, "people", "injuries", "injured")]),
    ("وتقول إسرائيل إنهما محتجزان لدى حماس.", []),
    ("وانتقد الوزير حركة طالبان في أفغانستان.", []),
]

# a currency named by a word several countries use is not given one country's code
CURRENCIES = [
    ("بلغت كلفة المشروع 150 ترليون ريال.", [("150 ترليون", 1.5e14, 1.5e14, "riyals", "economy", "cost")]),
    ("دفعت الشركة 3 ملايين ريال قطري.", [("3 ملايين", 3e6, 3e6, "qar", "economy", None)]),
    ("تبرع بمبلغ 500 درهم مغربي.", [("500", 500, 500, "mad", "economy", None)]),
    ("وتراوحت الغرامة بين 200 و500 درهم.", [("بين 200 و500", 200, 500, "dirhams", "economy", None)]),
]


@pytest.mark.parametrize(
    "cases",
    [ANY_NOUN, WORDS, VAGUE, FRACTIONS, NOUN_BEFORE, LISTS, MEASURES, GOVERNOR, DUALS, CURRENCIES],
    ids=["any_noun", "words", "vague", "fractions", "noun_before", "lists", "measures", "governor", "duals",
         "currencies"],
)
def test_claim_classes(cases) -> None:
    _check(cases)


def test_category_cue_names_the_deciding_word_with_offsets() -> None:
    text = "أطلقت وزارة الصحة حملة لتطعيم 200 ألف طفل."
    row = extract_claims(text).iloc[0]
    assert row.category_cue == "لتطعيم"
    assert text[row.category_cue_start:row.category_cue_end] == "لتطعيم"
    no_cue = extract_claims("نصبت البلدية 80 مظلة.").iloc[0]
    assert no_cue.category_cue == "" and no_cue.category_cue_start == -1


# 8. sources only from attribution
SOURCES = [
    ("أجلت السلطات 300 عائلة من الحي.", [""]),  # the authorities act; nobody reports
    ("قال الوزير للصحفيين إن 30 مدنيا قتلوا.", ["الوزير"]),
    ("اتهم الحزب منافسيه بشراء 200 صوت.", ["الحزب"]),
    ("قتل 12 شخصا في الهجوم، بحسب المرصد السوري لحقوق الإنسان.", ["المرصد السوري لحقوق الإنسان"]),
    # a participle after the claim speaks of what follows it, not of the claim
    ("ويستضيف الأردن أكثر من مليون لاجئ، قائلا إنه لا يستوعب المزيد.", [""]),
    # an addressee after a marker is the source: وفقا لوكالة …
    ("وبلغت نسبة البطالة 10 بالمئة، وفقا لوكالة الأنباء الرسمية.", ["وكالة الأنباء الرسمية"]),
    # a quoted name after عبر is not a statement: عبر is "via" here, the army speaks
    ('وكتب الجيش في تغريدة عبر حسابه في "تويتر"، أنه قصف 40 هدفا.', ["الجيش"]),
]


@pytest.mark.parametrize("text,sources", SOURCES, ids=[t[:25] for t, _ in SOURCES])
def test_sources_only_from_attribution(text: str, sources: list[str]) -> None:
    assert extract_claims(text)["source"].tolist() == sources


# 9. restatements, updates, conflicts
def test_compatible_hedges_restate() -> None:
    df = extract_claims("قتل 30 مدنيا على الأقل في القصف. وقال المسعفون إن نحو ثلاثين مدنيا قتلوا.", doc_id="d")
    assert df["duplicate_of"].tolist() == [None, "d-c001"] and df["conflicts_with"].isna().all()


def test_two_sources_with_different_figures_conflict() -> None:
    df = extract_claims("قالت الوزارة إن 25 مدنيا قتلوا. لكن المستشفى قال إن 40 مدنيا قتلوا.", doc_id="d")
    assert df["conflicts_with"].tolist() == [None, "d-c001"]
    assert "الوزارة" in df.loc[1, "note"] and "المستشفى" in df.loc[1, "note"]


def test_a_rising_toll_is_an_update_not_a_conflict() -> None:
    df = extract_claims("قتل 20 شخصا في الانفجار. وارتفعت حصيلة القتلى لاحقا إلى 40 شخصا.", doc_id="d")
    assert df["conflicts_with"].isna().all() and df["duplicate_of"].isna().all()
    assert df.loc[1, "note"].startswith("update of d-c001")


def test_a_conditional_figure_is_never_linked() -> None:
    df = extract_claims("حصل المرشح على 40 بالمئة. وإذا تجاوز 50 بالمئة فسيفوز.", doc_id="d")
    assert df["conflicts_with"].isna().all() and df["duplicate_of"].isna().all()


# 10. headlines
def test_headline_claims_come_first_flagged_in_title() -> None:
    df = extract_claims("قتل 12 شخصا في غارة على المدينة.", doc_id="d", title="مقتل 12 في غارة")
    assert df["in_title"].tolist() == [True, False]
    assert df["claim_id"].tolist() == ["d-t001", "d-c001"]
    assert df.loc[0, "quantity_text"] == "12" and df["duplicate_of"].isna().all()
