"""top_keywords (issue 16): candidates, ranking evidence, display forms, the background table and its command."""

from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.__main__ import main
from analysis.document import Document
from analysis.errors import LexiconError
from analysis.keywords import Background, BackgroundError, build_background, load_background, top_keywords
from analysis.keywords.background import background_csv, is_term, read_background, write_background
from analysis.keywords.top import COLUMNS, demotion_weights
from analysis.schemas import KEYWORDS
from analysis.text import lemma_key

#: Every key equally rare: the ranking then depends on counts, position and demotion only.
FLAT = Background.from_counts(1000, {})


def _displays(text, n=10, background=FLAT):
    return top_keywords(text, n=n, background=background).display.tolist()


# --- columns and the empty result ----------------------------------------------------------


def test_columns_follow_the_schema():
    df = top_keywords("ضرب زلزال قوي جنوب إيران. وقال مسؤولون إن الزلزال دمر منازل في القرى.")
    assert tuple(df.columns) == KEYWORDS.columns
    assert {c: str(t) for c, t in df.dtypes.items()} == {c: str(pd.Series([], dtype=t).dtype)
                                                         for c, t in COLUMNS.items()}
    assert df["rank"].tolist() == list(range(1, len(df) + 1))
    assert df["score"].is_monotonic_decreasing


@pytest.mark.parametrize("text", ["", "   ", "في من إلى على عن", "123 456 .", "، ؛ ؟"])
def test_no_content_word_gives_an_empty_typed_frame(text):
    df = top_keywords(text)
    assert df.empty
    assert {c: str(t) for c, t in df.dtypes.items()} == {c: str(pd.Series([], dtype=t).dtype)
                                                         for c, t in COLUMNS.items()}
    # filtering an empty result keeps the columns (the old table lost them)
    assert list(df[df.kind == "name"].columns) == list(COLUMNS)


def test_n_limits_rows_and_rejects_negative():
    text = "زلزال ضرب البلدة. الفيضان غمر القرية. الحريق أتلف الغابة."
    assert len(top_keywords(text, n=2, background=FLAT)) == 2
    assert len(top_keywords(text, n=0, background=FLAT)) == 0
    with pytest.raises(ValueError):
        top_keywords(text, n=-1)


# --- ranking evidence -----------------------------------------------------------------------


def test_position_breaks_equal_counts():
    # every word once: the first sentence (weight 1 + 6/1) before the second (1 + 6/2)
    df = top_keywords("زلزال ضرب البلدة. الفيضان غمر القرية.", background=FLAT)
    assert df.display.tolist() == ["زلزال", "ضرب", "البلدة", "الفيضان", "غمر", "القرية"]
    assert df.weighted_count.tolist() == [7.0, 7.0, 7.0, 4.0, 4.0, 4.0]
    assert df.first_offset.tolist() == [0, 6, 10, 18, 26, 30]


def test_frequency_counts_inflected_forms_under_one_key():
    text = "اجتمع الوزراء. ناقش الوزراء القرض. وافق الوزير على القرض. وزار المدارس ومدرسة."
    df = top_keywords(text, background=FLAT).set_index("key")
    assert df.loc[lemma_key("الوزير"), "count"] == 3  # الوزراء twice (a broken plural), الوزير once
    assert df.loc[lemma_key("الوزير"), "display"] == "الوزراء"
    assert df.loc[lemma_key("مدرسة"), "count"] == 2  # المدارس and ومدرسة
    assert df.loc[lemma_key("القرض"), "count"] == 2


def test_specificity_against_the_background():
    bg = Background.from_counts(1000, {lemma_key("البلدة"): 900, lemma_key("زلزال"): 3})
    # same sentence, same count: the rare word first, the common one last
    df = top_keywords("البلدة زلزال", background=bg)
    assert df.display.tolist() == ["زلزال", "البلدة"]
    assert df.set_index("display").loc["زلزال", "df"] == 3


def test_generic_news_words_are_demoted_not_dropped():
    text = "قال الوزير إن الجفاف مستمر. قال المتحدث. قال المسؤول يوم الأحد."
    df = top_keywords(text, background=FLAT)
    keys = df.key.tolist()
    # قال is three times, once in the lead (weighted 7 + 4 + 3 = 14), yet after الجفاف (once, weighted 7):
    # 14 ** 1.5 * 0.1 = 5.2 < 7 ** 1.5 = 18.5
    assert keys.index(lemma_key("قال")) > keys.index(lemma_key("الجفاف"))
    assert keys.index(lemma_key("قال")) > keys.index(lemma_key("مستمر"))
    assert df.set_index("key").loc[lemma_key("قال"), "demotion"] == pytest.approx(0.1)
    assert df.set_index("key").loc[lemma_key("الأحد"), "demotion"] == pytest.approx(0.15)
    assert df.set_index("key").loc[lemma_key("الجفاف"), "demotion"] == 1.0


@pytest.mark.parametrize(("word", "weight"), [("وأضافت", 0.1), ("يناير", 0.15), ("آذار", 0.15), ("الخميس", 0.15),
                                              ("دولار", 0.4), ("الرئيس", 0.4), ("زلزال", None)])
def test_demotion_classes_come_from_the_lexicon(word, weight):
    assert demotion_weights().get(lemma_key(word)) == weight


# --- display forms ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "key_word", "display"), [
    # the most frequent written form, one-letter proclitics dropped (وللمعارضة → المعارضة)
    ("ناقشت المعارضة الخطة. وللمعارضة رأي. والمعارضة منقسمة.", "المعارضة", "المعارضة"),
    # a tie goes to the form seen first, not to the alphabetically first
    ("حاولوا الصعود. حاول الجنود.", "حاولوا", "حاولوا"),
    ("وصلت الحكومة. حكومة جديدة.", "الحكومة", "الحكومة"),
    ("حكومة جديدة. وصلت الحكومة.", "الحكومة", "حكومة"),
    # بالقرض is shown as القرض
    ("طالب بالقرض. رفض بالقرض.", "القرض", "القرض"),
])
def test_display_is_the_most_frequent_form_ties_by_first_occurrence(text, key_word, display):
    df = top_keywords(text, background=FLAT).set_index("key")
    assert df.loc[lemma_key(key_word), "display"] == display


# --- terms replace their fragments ---------------------------------------------------------


def test_gazetteer_name_kept_whole():
    text = "قصفت الطائرات مدينة دير الزور. وتحاصر القوات دير الزور منذ أشهر."
    df = top_keywords(text, background=FLAT)
    row = df[df.key == "دير زور"].iloc[0]
    assert (row.display, row["count"], row.kind, row.n_words) == ("دير الزور", 2, "name", 2)
    assert "دير" not in df.key.tolist() and "زور" not in df.key.tolist()


def test_known_term_from_the_background_replaces_its_fragments():
    pair = f"{lemma_key('برنامج')} {lemma_key('القرض')}"
    bg = Background.from_counts(100, {lemma_key("برنامج"): 10, lemma_key("القرض"): 8, pair: 6})
    assert pair in bg.terms
    text = "وافق الصندوق على برنامج القرض. ويشمل برنامج القرض إصلاحات. وقال الوزير إن القرض ضروري."
    df = top_keywords(text, background=bg).set_index("key")
    assert df.loc[pair, "display"] == "برنامج القرض" and df.loc[pair, "count"] == 2
    assert df.loc[pair, "kind"] == "term"
    assert lemma_key("برنامج") not in df.index  # never alone
    assert df.loc[lemma_key("القرض"), "count"] == 1  # once outside the term


def test_repeated_sequence_whose_words_never_occur_apart_is_one_term():
    text = "أفرجت السلطات عن الناشطة هتون الفاسي. وكانت هتون الفاسي معتقلة منذ مايو."
    df = top_keywords(text, background=FLAT)
    row = df[df.display == "هتون الفاسي"].iloc[0]
    assert (row["count"], row.kind) == (2, "phrase")
    assert lemma_key("هتون") not in df.key.tolist()


def test_no_term_with_a_reporting_verb():
    pair = f"{lemma_key('قالت')} {lemma_key('مصادر')}"
    bg = Background.from_counts(100, {lemma_key("قالت"): 20, lemma_key("مصادر"): 10, pair: 8})
    df = top_keywords("وقالت مصادر إن الاجتماع انتهى.", background=bg)
    assert pair not in df.key.tolist()


def test_dateline_words_are_not_keywords():
    df = top_keywords("دبي، الإمارات العربية المتحدة (CNN)-- ضرب زلزال قوي جنوب إيران.")
    assert "دبي" not in df.display.tolist()
    assert df.display.tolist()[0] == "زلزال"


# --- str or Document, the layer, never empty --------------------------------------------------


def test_str_and_document_give_the_same_table_and_the_layer_holds_its_rows():
    text = "قصفت الطائرات الروسية مواقع في إدلب. وقال المرصد إن القصف استهدف إدلب."
    doc = Document(text)
    pd.testing.assert_frame_equal(top_keywords(text), top_keywords(doc))
    assert [r["key"] for r in doc.keywords] == top_keywords(text, n=15).key.tolist()


_WORDS = ["زلزال", "قرية", "مدرسة", "فيضان", "مستشفى", "طريق", "جسر", "محطة", "سوق", "مزرعة", "قال", "أضاف",
          "يوم", "الأحد", "دولار", "رئيس", "في", "من", "على", "إن", "أن", "الذي"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=30, max_size=80))
def test_never_empty_for_thirty_words_with_a_content_word(words):
    text = " ".join(words)
    df = top_keywords(text)
    has_content = any(w not in ("في", "من", "على", "إن", "أن", "الذي") for w in words)
    assert (len(df) > 0) == has_content
    assert len(df) == df.key.nunique()  # one row per key


def test_a_short_article_of_demoted_words_still_gets_keywords():
    text = " ".join(["قال", "أضاف", "أوضح", "يوم", "الأحد", "الماضي"] * 6)
    # every word but يوم (a closed-class word of stopwords.txt), one row each: no term of demoted words
    assert sorted(top_keywords(text).display) == sorted(["قال", "أضاف", "أوضح", "الأحد", "الماضي"])


# --- the background table ------------------------------------------------------------------------


def test_shipped_background_is_counts_only():
    bg = load_background()
    assert bg.documents > 5000
    assert bg.df[lemma_key("قال")] > bg.df[lemma_key("زلزال")]
    assert all(" " not in k or k in bg.terms for k in bg.df)
    assert f"{lemma_key('الغوطة')} {lemma_key('الشرقية')}" in bg.terms


@pytest.mark.parametrize(("pair", "left", "right", "expected"), [
    (30, 40, 2000, True),  # 30 of the 40 articles of the rarer word
    (30, 400, 2000, False),  # 30 of 400: a chance pair
    (4, 4, 4, False),  # too rare
    (5, 20, 20, True),  # exactly the floors: 5 articles, 25%
])
def test_is_term(pair, left, right, expected):
    assert is_term(pair, left, right) is expected


def test_build_background_counts_each_body_once_and_leaves_out_excluded_bodies():
    arts = [SimpleNamespace(doc_id="a", text="قصفت الطائرات المدينة"),
            SimpleNamespace(doc_id="b", text="قصف جديد على المدينة"),
            SimpleNamespace(doc_id="b-copy", text="قصف جديد على المدينة"),  # the same body twice
            SimpleNamespace(doc_id="held-out", text="زلزال في المدينة"),
            SimpleNamespace(doc_id="copy-of-held-out", text="زلزال في المدينة"),
            SimpleNamespace(doc_id="problem")]  # a load problem: no text
    bg = build_background(arts, exclude_ids={"held-out"})
    assert bg.documents == 2
    assert bg.df[lemma_key("قصف")] == 2 and bg.df[lemma_key("المدينة")] == 2
    assert lemma_key("زلزال") not in bg.df
    with pytest.raises(BackgroundError):
        build_background([], exclude_ids=())


def test_background_round_trip(tmp_path):
    bg = Background.from_counts(10, {"قصف": 5, "مدين": 9, "زلزال": 1, "قصف مدين": 5})
    path = write_background(bg, tmp_path / "bg.csv", comment="test table")
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[:3] == ["# test table", "# documents: 10", "key,df"]
    assert "زلزال" not in text  # below MIN_DF = 2
    back = read_background(path)
    assert back.documents == 10 and back.df == {"مدين": 9, "قصف": 5, "قصف مدين": 5}
    assert back.terms == frozenset({"قصف مدين"})
    assert background_csv(back) == background_csv(bg)


@pytest.mark.parametrize(("content", "message"), [
    ("key,df\nقصف,3\n", "documents"),
    ("# documents: 10\nword,count\n", "header"),
    ("# documents: 10\nkey,df\nقصف,three\n", ":3:"),
    ("# documents: 10\nkey,df\nقصف,30\n", "exceeds"),
])
def test_bad_background_file_names_the_problem(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        read_background(path)


def test_background_command(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("قصفت الطائرات المدينة", encoding="utf-8")
    (corpus / "b.txt").write_text("قصف جديد على المدينة", encoding="utf-8")
    (corpus / "c.txt").write_text("زلزال في المدينة", encoding="utf-8")
    (tmp_path / "ids.txt").write_text("c\n", encoding="utf-8")
    out = tmp_path / "bg.csv"
    assert main(["background", str(corpus), "--out", str(out), "--exclude-ids", str(tmp_path / "ids.txt")]) == 0
    bg = read_background(out)
    assert bg.documents == 2
    assert bg.df == {lemma_key("قصف"): 2, lemma_key("المدينة"): 2}
    df = top_keywords("زلزال في المدينة", background=bg)
    assert df.display.tolist() == ["زلزال", "المدينة"]
