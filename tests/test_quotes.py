"""find_quotes / attribute_sentences: spans, nested marks, speakers, carry-over, anaphors."""

from __future__ import annotations

import pytest

from analysis.paths import SEEDS_DIR
from analysis.quotes import (
    QUOTE_COLUMNS,
    QuoteInputError,
    attribute_sentences,
    fallback_sentences,
    find_attributions,
    find_quotes,
    quote_spans,
    source_at,
)

SEED = (SEEDS_DIR / "000_59786d66bf5a77f6.txt").read_text(encoding="utf-8")

LAVROV, MOD, SHOIGU, RUDSKOY = "سيرغي لافروف", "وزارة الدفاع الروسية", "سيرغي شويغو", "سيرغي رودسكوي"

#: Every quotation of the seed (its first words) and its speaker, worked out by reading the article.
SEED_QUOTES = [
    ("جهد مكثف", LAVROV),
    ("مشاورات جارية مع السعودية", LAVROV),
    ("الدور المصري المهم", LAVROV),
    ("تعمل مع شركاء آخرين", LAVROV),
    ("يجب أن تتم على أساس", LAVROV),
    ("حرص مشترك", LAVROV),
    ("نتائج الجهود الجارية", LAVROV),
    ("توجد صعوبات هناك", LAVROV),
    ("الطيران التابع للقوات الجوية الروسية", MOD),
    ("هزيمة داعش في دير الزور", MOD),
    ("نقطة تحول أساسية", SHOIGU),
    ("القوات الحكومية السورية تمكنت", RUDSKOY),
    ("ضربة قوية في مناطق", RUDSKOY),
    ("تحرير 50 بلدة", RUDSKOY),
    ("الطيران الروسي زاد طلعاته", RUDSKOY),
]


def test_seed_quotes_and_speakers() -> None:
    df = find_quotes(SEED)
    got = [(q, s) for q, s in zip(df["quote"], df["speaker_canonical"])]
    assert len(got) == len(SEED_QUOTES)
    for (quote, speaker), (start, expected) in zip(got, SEED_QUOTES):
        assert quote.startswith(start)
        assert speaker == expected, quote


def test_seed_nested_quote_is_one_quotation() -> None:
    df = find_quotes(SEED)
    nested = df[df["quote"].str.startswith("تحرير 50 بلدة")].iloc[0]
    assert "تنظيم «داعش» وتم فرض طوق" in nested["quote"]
    assert nested["quote"].endswith("قريباً")
    assert SEED[nested["start"]:nested["end"]] == nested["quote"]


def test_seed_name_marks_are_not_speech() -> None:
    assert "داعش" not in set(find_quotes(SEED)["quote"])
    marks = find_quotes(SEED, include_marks=True)
    assert (marks["quote"] == "داعش").sum() == 5


@pytest.mark.parametrize(
    "text, expected",
    [
        # VSO with the subject between verb and complement
        ("قال وزير الخارجية الإيراني محمد جواد ظريف إن «الاتفاق ما زال قائماً».", [("محمد جواد ظريف", "قال", False)]),
        # SVO: the entity right before the verb, with كان between
        ("وكان أردوغان قد أكد أن «العملية ستستمر حتى النهاية».", [("رجب طيب أردوغان", "أكد", False)]),
        # quotation first, verb after it
        ("«لن نقبل بأي تقسيم لسوريا»، قال بشار الجعفري في نيويورك.", [("بشار الجعفري", "قال", False)]),
        # straight and curly quotation marks
        ('وقال ماكرون إن "الرد سيكون حازماً ومنسقاً".', [("إيمانويل ماكرون", "قال", False)]),
        ("وقال ماكرون إن “الرد سيكون حازماً ومنسقاً”.", [("إيمانويل ماكرون", "قال", False)]),
        # a carried-over speaker across sentences
        ("أكد حيدر العبادي أن الانتخابات ستجري في موعدها. وأضاف أن «الأمن مستتب في كل المحافظات».",
         [("حيدر العبادي", "أضاف", True)]),
        # the ministry / the statement resolved to the organisation named before
        ("أعلنت وزارة الخارجية الأمريكية فرض عقوبات. وقالت الوزارة إن «العقوبات تستهدف شبكات التمويل».",
         [("وزارة الخارجية الأمريكية", "قال", False)]),
        ("وأصدر المرصد السوري لحقوق الإنسان بياناً. ولفت البيان إلى أن «القصف طال أحياء سكنية مكتظة».",
         [("المرصد السوري لحقوق الإنسان", "لفت", False)]),
        # an unknown speaker as a phrase
        ("وقال مصدر عسكري إن «الهجوم صُدّ بعد ساعات من القتال».", [("", "قال", False)]),
        # a name in marks after a noun is not a quotation
        ("وسيطرت «هيئة تحرير الشام» على البلدة.", []),
    ],
)
def test_speakers_table(text: str, expected: list[tuple[str, str, bool]]) -> None:
    df = find_quotes(text)
    assert list(zip(df["speaker_canonical"], df["verb"], df["carried_over"])) == expected
    for row in df.itertuples():
        assert text[row.start:row.end] == row.quote


def test_phrase_speaker_is_kept_as_written() -> None:
    df = find_quotes("وقال مصدر عسكري إن «الهجوم صُدّ بعد ساعات من القتال».")
    assert df.iloc[0]["speaker"] == "مصدر عسكري" and df.iloc[0]["speaker_type"] == "PHRASE"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("قال «أولاً «داعش» ثم «النصرة» انتهيا»", ["أولاً «داعش» ثم «النصرة» انتهيا"]),
        ("«أ ب ج» و«د ه و»", ["أ ب ج", "د ه و"]),
        ("تعليق » زائد ثم «نص كامل هنا»", ["نص كامل هنا"]),
        ("«غير مغلق\nسطر آخر «مغلق هنا الآن»", ["مغلق هنا الآن"]),
        ('قال "نص أول" ثم "نص ثان"', ["نص أول", "نص ثان"]),
    ],
)
def test_quote_spans(text: str, expected: list[str]) -> None:
    assert [text[s.start:s.end] for s in quote_spans(text)] == expected


def test_attribute_sentences_seed() -> None:
    atts = attribute_sentences(SEED)
    assert [a.sentence_index for a in atts] == list(range(len(atts)))
    first = atts[0]
    assert (first.source, first.verb, first.carried_over) == (LAVROV, "أكد", False)
    mod = [a for a in atts if a.verb_text == "أعلنت"][0]
    assert mod.source == MOD
    rud = [a for a in atts if a.source == RUDSKOY]
    assert rud and not rud[0].carried_over and all(a.carried_over for a in rud[1:])


def test_source_at_finds_the_governing_verb() -> None:
    text = "قال لافروف إن الحل سياسي. وأعلنت وزارة الدفاع الروسية أنها قتلت 200 مسلح."
    atts = find_attributions(text)
    a = source_at(atts, text.index("200"))
    assert a is not None and a.source == "وزارة الدفاع الروسية"
    assert source_at(atts, text.index("الحل")).source == "سيرغي لافروف"


def test_impersonal_and_marker() -> None:
    atts = find_attributions("ويذكر أن الهجوم وقع ليلاً. وقتل 20 شخصاً بحسب المرصد السوري لحقوق الإنسان.")
    assert [(a.verb, a.source) for a in atts] == [("بحسب", "المرصد السوري لحقوق الإنسان")]


def test_fallback_sentences_keep_quotes_and_numbers() -> None:
    text = "قال «نعم. لا». ارتفع 3.5 في المئة؟ نعم"
    assert [text[s:e] for s, e in fallback_sentences(text)] == ["قال «نعم. لا».", "ارتفع 3.5 في المئة؟", "نعم"]


def test_columns_and_bad_input() -> None:
    assert list(find_quotes("").columns) == list(QUOTE_COLUMNS)
    with pytest.raises(QuoteInputError):
        find_quotes(b"bytes")  # type: ignore[arg-type]


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from(["قال لافروف", "إن", "«", "»", '"', "“", "”", "وأضاف أن", "داعش", "نص", "\n", ".", "الوزارة"])


@given(st.lists(_PIECES, max_size=20))
def test_quotes_always_index_the_original(parts: list[str]) -> None:
    text = " ".join(parts)
    for q in find_quotes(text, include_marks=True).itertuples():
        assert text[q.start:q.end] == q.quote
        assert 0 < q.start <= q.end < len(text)
    for a in find_attributions(text):
        assert text[a.verb_start:a.verb_end] == a.verb_text


def test_statement_of_the_current_speaker_is_not_an_anaphor() -> None:
    text = ("وقال لافروف إن الحل سياسي. وأعلنت وزارة الخارجية الأمريكية فرض عقوبات. "
            "وقال بومبيو في بيان إن «العقوبات ستستمر حتى تغير طهران سلوكها». وأضاف في بيان أن «الباب مفتوح للحوار».")
    df = find_quotes(text)
    assert list(df["speaker_canonical"]) == ["مايك بومبيو", "مايك بومبيو"]
