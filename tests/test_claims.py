"""Tests of analysis.claims: the seed's claims, hand-written news sentences, non-claims,
sources, duplicates and conflicts, many-article tables, bad input, properties.

Every expectation below was worked out by hand from the sentence, not copied
from the extractor's output.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.claims import COLUMNS, ClaimsInputError, claims_table, explain_quantities, extract_claims
from analysis.paths import SEEDS_DIR

SEED = SEEDS_DIR / "000_59786d66bf5a77f6.txt"
NA = None


def _bound(v):
    return None if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) else float(v)


def _claims(text, **kw):
    return extract_claims(text, **kw)


# --- the seed ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_claims() -> pd.DataFrame:
    return extract_claims(SEED.read_text(encoding="utf-8"), doc_id="seed")


def test_seed_has_every_column(seed_claims):
    assert list(seed_claims.columns) == list(COLUMNS)


def test_seed_claims_exactly(seed_claims):
    # (quantity as written, low, high, qualifier, unit, category, event, rate)
    expected = [
        ("أكثر من 200", 200, None, "more_than", "militants", "casualties", "killed", None),
        ("نحو عشرين", 20, 20, "approx", "vehicles", "materiel", "destroyed", None),
        ("أكثر من 200", 200, None, "more_than", "militants", "casualties", "killed", None),
        ("أكثر من 20", 20, None, "more_than", "vehicles", "materiel", "destroyed", None),
        ("50", 50, 50, "exact", "towns", "territory", "liberated", None),
        ("2700", 2700, 2700, "exact", "km2", "territory", "liberated", None),
        ("60 إلى 70", 60, 70, "range", "sorties", "air_operations", "flew", "per_day"),
        ("30- 40", 30, 40, "range", "km", "movement", "advanced", "per_day"),
    ]
    got = [
        (_bound(r.value_low), _bound(r.value_high), r.qualifier, r.unit, r.category, r.event, r.rate)
        for r in seed_claims.itertuples()
    ]
    assert got == [(_bound(lo), _bound(hi), ql, u, c, e, rt) for _, lo, hi, ql, u, c, e, rt in expected]
    # the quantity as written ends with the number ('ما يعادل 2700' is as good as '2700')
    for (written, *_), r in zip(expected, seed_claims.itertuples()):
        assert r.quantity_text.endswith(written), (r.quantity_text, written)


def test_seed_offsets_index_the_text(seed_claims):
    text = SEED.read_text(encoding="utf-8")
    for r in seed_claims.itertuples():
        assert text[r.start:r.end] == r.quantity_text
        assert r.sentence in text


def test_seed_sources(seed_claims):
    sources = seed_claims["source"].tolist()
    assert all("الدفاع" in s for s in sources[:4]), sources
    assert all("رودسكوي" in s for s in sources[4:]), sources


def test_seed_duplicate_and_conflict(seed_claims):
    ids = seed_claims["claim_id"].tolist()
    assert seed_claims.loc[2, "duplicate_of"] == ids[0]
    assert seed_claims.loc[3, "conflicts_with"] == ids[1]
    assert seed_claims.loc[3, "note"]
    others = seed_claims.drop(index=[2, 3])
    assert others["duplicate_of"].isna().all() and others["conflicts_with"].isna().all()


def test_seed_rudskoy_claims_are_quoted_and_one_event(seed_claims):
    towns, area = seed_claims.iloc[4], seed_claims.iloc[5]
    assert towns.quoted and area.quoted
    assert towns.sentence_index == area.sentence_index and towns.event == area.event == "liberated"


@pytest.mark.parametrize("phrase", ["التاسع من الشهر المقبل", "منطقة خفض التوتر الرابعة", "أيار (مايو)", "الأطراف الثلاثة"])
def test_seed_non_claims(seed_claims, phrase):
    text = SEED.read_text(encoding="utf-8")
    at = text.index(phrase)
    span = (at, at + len(phrase))
    assert not any(r.start < span[1] and span[0] < r.end for r in seed_claims.itertuples())


# --- news sentences of our own ----------------------------------------------------------

# sentence -> list of (low, high, qualifier, unit, category, event)
CLAIM_CASES = [
    ("قال المرصد السوري لحقوق الإنسان إن 35 مدنياً على الأقل قتلوا في غارات على ريف إدلب.",
     [(35, None, "at_least", "civilians", "casualties", "killed")]),
    ("وأعلنت الأمم المتحدة أن نحو 120 ألف شخص نزحوا من منازلهم خلال أسبوعين.",
     [(120000, 120000, "approx", "people", "displacement", "displaced")]),
    ("أصيب ١٥ شخصاً بجروح في انفجار سيارة مفخخة.",
     [(15, 15, "exact", "people", "injuries", "injured")]),
    ("اعتقلت قوات الأمن 48 مشتبهاً بهم في حملة مداهمات.",
     [(48, 48, "exact", "suspects", "detentions", "detained")]),
    ("دمرت الطائرات دبابتين للمسلحين قرب الحدود.",
     [(2, 2, "exact", "tanks", "materiel", "destroyed")]),
    ("ارتفعت نسبة البطالة إلى 12.5 في المئة العام الماضي.",
     [(12.5, 12.5, "exact", "percent", "economy", "rose")]),
    ("تعهد المانحون بتقديم 4.4 مليار دولار لدعم اللاجئين.",
     [(4.4e9, 4.4e9, "exact", "usd", "aid", "pledged")]),
    ("فر عشرات الآلاف من السكان باتجاه الحدود.",
     [(None, None, "vague", "people", "displacement", "displaced")]),
    ("وقتل ما بين 20 و25 مسلحاً في الاشتباكات.",
     [(20, 25, "range", "militants", "casualties", "killed")]),
    ("سقط أكثر من ثلاثمئة وخمسين قتيلاً منذ بداية الهجوم.",
     [(350, None, "more_than", "people", "casualties", "killed")]),
    ("سيطرت القوات على 12 قرية ومساحة تزيد على 300 كيلومتر مربع.",
     [(12, 12, "exact", "villages", "territory", "captured"), (300, None, "more_than", "km2", "territory", "captured")]),
    ("بلغت خسائر الاقتصاد نحو 226 مليار دولار.",
     [(226e9, 226e9, "approx", "usd", "economy", "lost")]),
    ("أطلقت الفصائل 7 صواريخ على المدينة.",
     [(7, 7, "exact", "missiles", "materiel", "fired")]),
    ("قتل 5 مدنيين و3 أطفال في القصف.",
     [(5, 5, "exact", "civilians", "casualties", "killed"), (3, 3, "exact", "children", "casualties", "killed")]),
    ("قتل أربعة جنود وأصيب ثلاثة آخرون في هجوم انتحاري.",
     [(4, 4, "exact", "soldiers", "casualties", "killed"), (3, 3, "exact", "soldiers", "injuries", "injured")]),
    ("وأجلي أقل من 500 مدني من الأحياء المحاصرة.",
     [(None, 500, "less_than", "civilians", "displacement", "displaced")]),
    ("ووثقت المنظمة ما لا يقل عن ٢٬٥٠٠ حالة اعتقال تعسفي.",
     [(2500, None, "at_least", "cases", "detentions", "detained")]),
    ("وتضم القافلة 45 شاحنة محملة بالمساعدات الإنسانية.",
     [(45, 45, "exact", "trucks", "aid", "delivered")]),
    ("قالت المفوضية إن أكثر من 6.6 مليون سوري فروا من البلاد منذ عام 2011.",
     [(6.6e6, None, "more_than", "people", "displacement", "displaced")]),
    ("ذكرت وزارة الصحة أن 58 فلسطينياً قتلوا وأصيب نحو 2700 آخرين.",
     [(58, 58, "exact", "people", "casualties", "killed"), (2700, 2700, "approx", "people", "injuries", "injured")]),
    ("وأسقطت الدفاعات الجوية صاروخين باليستيين أطلقهما المتمردون.",
     [(2, 2, "exact", "missiles", "materiel", "downed")]),
    ("وبلغ عدد النازحين داخلياً نحو ثلاثة ملايين شخص.",
     [(3e6, 3e6, "approx", "people", "displacement", "displaced")]),
    ("وأفرجت السلطات عن 350 معتقلاً بموجب عفو رئاسي.",
     [(350, 350, "exact", "detainees", "detentions", "released")]),
    ("وصوت 14 عضواً في مجلس الأمن لصالح القرار 2401 الذي يطالب بهدنة لمدة 30 يوماً.",
     [(14, 14, "exact", "members", "other", None)]),
    ("ويحتجز الاحتلال في سجونه نحو 6500 أسير، بينهم 350 طفلاً.",
     [(6500, 6500, "approx", "prisoners", "detentions", "detained"), (350, 350, "exact", "children", "detentions", "detained")]),
    ("وارتفع عدد ضحايا الزلزال إلى 407 قتلى و7000 جريح.",
     [(407, 407, "exact", "people", "casualties", "killed"), (7000, 7000, "exact", "people", "injuries", "injured")]),
    ("وشنت المقاتلات غارتين على مواقع للمسلحين.",
     [(2, 2, "exact", "strikes", "air_operations", "struck")]),
    ("أسفر الهجوم عن 20 قتيلاً و35 جريحاً.",
     [(20, 20, "exact", "people", "casualties", "killed"), (35, 35, "exact", "people", "injuries", "injured")]),
]


@pytest.mark.parametrize("sentence,expected", CLAIM_CASES, ids=[c[0][:30] for c in CLAIM_CASES])
def test_claim_sentences(sentence, expected):
    df = _claims(sentence)
    got = [(_bound(r.value_low), _bound(r.value_high), r.qualifier, r.unit, r.category, r.event) for r in df.itertuples()]
    assert got == [(_bound(lo), _bound(hi), q, u, c, e) for lo, hi, q, u, c, e in expected]
    for r in df.itertuples():
        assert sentence[r.start:r.end] == r.quantity_text


RATE_CASES = [
    ("ينفذ التحالف نحو 15 غارة يومياً على مواقع التنظيم.", "per_day", "strikes"),
    ("يعبر الحدود 300 لاجئ في اليوم الواحد.", "per_day", "refugees"),
    ("تنتج المصفاة 20 ألف برميل شهرياً.", "per_month", "barrels"),
]


@pytest.mark.parametrize("sentence,rate,unit", RATE_CASES)
def test_rates(sentence, rate, unit):
    df = _claims(sentence)
    assert df["rate"].tolist() == [rate]
    assert df["unit"].tolist() == [unit]


NON_CLAIMS = [
    "تبنى مجلس الأمن القرار 2254 في كانون الأول 2015.",
    "وتعقد الجولة الرابعة من المحادثات في 15 أيار (مايو) المقبل.",
    "وصل الوفد في الساعة 10:30 صباحاً.",
    "توفي الرجل البالغ من العمر 67 عاماً.",
    "استمرت المعارك 3 أيام متواصلة.",
    "خلال الساعات الـ24 الماضية شن الطيران غارات على المنطقة.",
    "وانضمت تركيا إلى الحلف عام 1952.",
    "منذ 2011 يعيش البلد حرباً طويلة.",
    "انظر الصفحة 12 من التقرير.",
    "عقد الاجتماع الثالث في جنيف.",
    "تنعقد الجلسة في التاسع من الشهر المقبل.",
    "وتقع القرية على بعد 20 كيلومتراً من الحدود.",
    "ولد في دمشق عام ١٩٨٠.",
    "وهي المرة الثالثة خلال شهر واحد.",
    "سلمت روسيا منظومة إس 300 إلى سوريا.",
    "احتفل الجيش بالذكرى الـ70 لتأسيسه.",
    "وتطورت المواجهات في 3 تشرين الثاني الماضي.",
    "اجتمع القادة في 12/5/2018 في عمان.",
    "وقضت الشابة ثمانية أشهر في السجن.",
    "وتحدث الأطراف الثلاثة عن الاتفاق.",
    "وقال إن الهجوم جاء من ثلاثة محاور.",
    "وحاول المسلحون عدة مرات اقتحام البلدة.",
    "ولد الرئيس عام 1952 وتولى السلطة في 10 حزيران 2000 عن عمر يناهز 34 عاماً.",
    "وأطلق الجيش المرحلة الثالثة من العملية في الساعة الخامسة فجراً.",
    "وأثنى رئيس الوزراء على جهود الوسطاء.",
    "وقالت الشرطة إن العنصرين قتلا في الاشتباك.",
    "هذا خطر واحد يهدد المنطقة كلها.",
    "وتراجعت الأسعار في الربع الأول من العام.",
]


@pytest.mark.parametrize("sentence", NON_CLAIMS)
def test_non_claims(sentence):
    df = _claims(sentence)
    assert df.empty, df[["quantity_text", "unit_ar"]].to_dict("records")


# --- sources -----------------------------------------------------------------------------

def test_source_carried_over_from_previous_sentence():
    text = ("قال المتحدث باسم الجيش العميد يحيى رسول إن القوات تقدمت في المحور الشمالي. "
            "وأضاف أن 40 مسلحاً قتلوا في المعارك.")
    df = _claims(text)
    assert len(df) == 1
    assert "رسول" in df.loc[0, "source"]


def test_source_after_claim_with_preposition():
    df = _claims("قتل 12 مدنياً في قصف على البلدة، بحسب المرصد السوري لحقوق الإنسان.")
    assert len(df) == 1 and "المرصد" in df.loc[0, "source"]


def test_narrator_claim_has_no_source():
    df = _claims("قتل 12 مدنياً في قصف على البلدة.")
    assert df.loc[0, "source"] in ("", None)


def test_quoted_flag():
    df = _claims("وقال الوزير: «دمرنا 14 دبابة خلال يومين». ثم غادر 3 وزراء القاعة غاضبين بعد 10 دقائق.")
    first = df[df["unit"] == "tanks"].iloc[0]
    assert bool(first["quoted"]) is True


# --- repeats ------------------------------------------------------------------------------

def test_duplicate_same_source():
    text = "قالت الوزارة إن 30 مسلحاً قتلوا في الغارة. وأضافت الوزارة أن 30 مسلحاً قتلوا في الغارة نفسها."
    df = _claims(text, doc_id="d")
    assert df["duplicate_of"].tolist() == [None, "d-c001"]
    assert df["conflicts_with"].isna().all()


def test_conflict_close_values():
    text = "أعلن المرصد مقتل 100 مدني في القصف. وقال المرصد لاحقاً إن القصف أدى إلى مقتل 104 مدنيين."
    df = _claims(text, doc_id="d")
    assert df["conflicts_with"].tolist() == [None, "d-c001"]
    assert "100" in df.loc[1, "note"] and "104" in df.loc[1, "note"]


def test_different_events_are_not_linked():
    text = "قتل 40 شخصاً في دوما. وأصيب 40 شخصاً في حرستا. وقتل 3 أشخاص في دمشق."
    df = _claims(text)
    assert df["duplicate_of"].isna().all() and df["conflicts_with"].isna().all()


# --- many articles, errors -----------------------------------------------------------------

def test_claims_table_accepts_pairs_articles_and_mappings():
    from analysis.corpus import Article

    items = [
        ("a", "قتل 5 مدنيين في القصف."),
        Article(doc_id="b", text="دمرت الطائرات 3 دبابات."),
        {"doc_id": "c", "text": "لا أرقام هنا."},
    ]
    df = claims_table(items)
    assert df["doc_id"].tolist() == ["a", "b"]
    assert df["claim_id"].tolist() == ["a-c001", "b-c001"]


def test_claims_table_empty():
    df = claims_table([])
    assert df.empty and list(df.columns) == list(COLUMNS)


@pytest.mark.parametrize("bad", [None, 42, b"\xd9\x82"])
def test_bad_text_raises_typed_error(bad):
    with pytest.raises(ClaimsInputError):
        extract_claims(bad)


def test_bad_article_item_raises():
    with pytest.raises(ClaimsInputError, match="item 0"):
        claims_table([42])


def test_explain_quantities_gives_reasons():
    ex = explain_quantities("تبنى مجلس الأمن القرار 2254 وقتل 7 مدنيين.")
    decisions = dict(zip(ex["quantity_text"], ex["decision"]))
    assert decisions["2254"] != "claim"
    assert decisions["7"] == "claim"


# --- properties ------------------------------------------------------------------------------

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@settings(max_examples=60, deadline=None)
@given(n=st.integers(min_value=1, max_value=10**7), indic=st.booleans())
def test_any_count_of_civilians_killed(n, indic):
    digits = str(n).translate(_ARABIC_INDIC) if indic else str(n)
    if 1900 <= n <= 2100:
        return  # a bare year-like number: covered by the year tests
    df = _claims(f"قتل {digits} مدنياً في القصف.")
    assert len(df) == 1
    assert df.loc[0, "value_low"] == n and df.loc[0, "unit"] == "civilians"


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("قتل 0123456789٠١٢٣ مدنيا أكثر من نحو عام في ،.«»\"-:/%٪ابة")), max_size=80))
def test_never_raises_and_spans_index_input(text):
    df = _claims(text)
    for r in df.itertuples():
        assert text[r.start:r.end] == r.quantity_text


def test_source_is_the_apposed_name_not_the_addressee():
    text = "وقال رئيس اللجنة الدولية للإغاثة، جون سميث، لوكالة الأنباء إن 300 لاجئ وصلوا إلى المخيم."
    df = _claims(text)
    assert len(df) == 1 and "سميث" in df.loc[0, "source"]


def test_source_phrase_stops_at_time_words():
    df = _claims("وذكر المرصد منذ الصباح أن 9 مدنيين قتلوا في القصف.")
    assert df.loc[0, "source"].strip() == "المرصد" or "Observatory" in (df.loc[0, "source_en"] or "")


def test_rate_with_money_and_post_hedge_after_comma():
    df = _claims("وقالت الحكومة إن الميناء يدر نحو 40 مليون دولار شهرياً. وأحصى المرصد 60 غارة، على الأقل، أمس.")
    assert df["rate"].tolist() == ["per_month", None]
    assert df["qualifier"].tolist() == ["approx", "at_least"]
    assert _bound(df.loc[1, "value_high"]) is None


def test_precomputed_tables_give_the_same_claims(seed_claims):
    find_entities = pytest.importorskip("analysis.entities").find_entities
    find_quotes = pytest.importorskip("analysis.quotes").find_quotes
    find_time_expressions = pytest.importorskip("analysis.timex").find_time_expressions

    text = SEED.read_text(encoding="utf-8")
    again = extract_claims(text, doc_id="seed", entities=find_entities(text), quotes=find_quotes(text),
                           time_expressions=find_time_expressions(text))
    pd.testing.assert_frame_equal(again, seed_claims)
