"""keyword_table, collocations, the association measure, the scikit-learn analyzer."""

import math
import pickle

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.errors import LexiconError
from analysis.keywords import (
    KeyAnalyzer,
    KeywordError,
    collocations,
    distinctive_terms,
    keyword_table,
    log_likelihood,
    term_matrix,
)
from analysis.text import lemma_key, tokenize
from analysis.text.glossary import gloss
from analysis.text.stopwords import is_stopword, stopword_keys

DOCS = [
    "قصفت الطائرات الروسية مدينة دير الزور.",
    "وقالت وزارة الدفاع إن الطائرات الروسية دمرت مواقع في دير الزور.",
    "ويحاصر الجيش دير الزور منذ أشهر.",
]


def test_log_likelihood_hand_computed():
    # [[10, 0], [0, 990]]: G2 = 2 (10 ln 100 + 990 ln(1000/990)) = 112.003
    assert log_likelihood(10, 10, 10, 1000) == pytest.approx(112.003, abs=0.01)
    # observed equals expected: no association
    assert log_likelihood(1, 10, 100, 1000) == pytest.approx(0.0, abs=1e-9)
    # fewer joint occurrences than expected: negative sign
    assert log_likelihood(0, 100, 100, 1000) < 0


def test_keyword_table_counts_and_order():
    df = keyword_table(DOCS)
    # content words: 6 + 9 + 5 = 20 (إن، في، منذ are stopwords)
    assert df.key.tolist() == ["دير", "دير زور", "زور", "روسي", "طائر", "طائر روسي"]
    assert df["count"].tolist() == [3, 3, 3, 2, 2, 2]
    assert df["n"].tolist() == [1, 2, 1, 1, 1, 2]
    row = df.set_index("key").loc["دير زور"]
    assert row["display"] == "دير الزور"
    assert row["documents"] == 3
    assert row["share"] == pytest.approx(3 / 20)
    # G2 = 2 (3 ln(20/3) + 17 ln(20/17)) = 16.908
    assert row["llr"] == pytest.approx(16.908, abs=0.01)
    assert row["example"] == DOCS[0]
    assert df.set_index("key").loc["طائر روسي", "display"] == "الطائرات الروسية"
    assert math.isnan(df.set_index("key").loc["دير", "llr"])
    # دير and زور never occur outside دير الزور; روسي and طائر never outside طائر روسي
    assert df.subsumed.tolist() == [True, False, True, True, True, False]


def test_keyword_table_columns_and_determinism():
    a, b = keyword_table(DOCS), keyword_table(list(DOCS))
    assert {"key", "display", "n", "count", "share", "documents", "example"} <= set(a.columns)
    pd.testing.assert_frame_equal(a, b)


def test_top_and_ngram_range():
    assert len(keyword_table(DOCS, top=2)) == 2
    assert set(keyword_table(DOCS, ngram_range=(2, 2)).n) == {2}


def test_surface_level_keeps_written_forms():
    df = keyword_table(DOCS, level="surface", ngram_range=(1, 1))
    assert "الطائرات" in df.key.tolist()


def test_stopwords_off_and_classes():
    df = keyword_table(DOCS, ngram_range=(1, 1), min_count=1, stopwords=False)
    assert "في" in df.key.tolist()
    keys = stopword_keys(classes=("reporting_verbs",))
    assert is_stopword("وقالت", keys) and not is_stopword("وقالت")
    df = keyword_table(DOCS, ngram_range=(1, 1), min_count=1, stopwords=keys)
    assert "قال" not in df.key.tolist()
    with pytest.raises(LexiconError):
        stopword_keys(classes=("no_such_class",))


@pytest.mark.parametrize(
    "kwargs",
    [{"level": "roots"}, {"ngram_range": (2, 1)}, {"ngram_range": (0, 2)}, {"min_count": 0}],
)
def test_bad_arguments_raise(kwargs):
    with pytest.raises(KeywordError):
        keyword_table(DOCS, **kwargs)


def test_bad_input_raises():
    with pytest.raises(KeywordError):
        keyword_table([DOCS[0], 42])


def test_collocations_ordered_by_llr():
    df = collocations(DOCS)
    assert df.display.tolist() == ["دير الزور", "الطائرات الروسية"]


def test_analyzer_for_scikit_learn_and_pickle():
    analyzer = KeyAnalyzer(ngram_range=(1, 2))
    assert analyzer("وقصفت القوات الروسية دير الزور") == [
        "قصف", "قوات", "روسي", "دير", "زور", "قصف قوات", "قوات روسي", "روسي دير", "دير زور",
    ]
    vec = TfidfVectorizer(analyzer=pickle.loads(pickle.dumps(analyzer)))
    vec.fit(DOCS)
    assert "دير زور" in vec.vocabulary_


def test_ngrams_do_not_cross_punctuation_or_numbers():
    bigrams = KeyAnalyzer(ngram_range=(2, 2))("قصفت الطائرات، دير الزور 3 مرات")
    assert bigrams == ["قصف طائر", "دير زور"]  # nothing across "،" or "3"


def test_distinctive_terms_and_term_matrix():
    units = ["المفاوضات في جنيف بين الوفود. جنيف تستضيف المفاوضات.", "القصف في دير الزور. الطائرات تقصف دير الزور."]
    df = distinctive_terms(units, top=1)
    assert df.key.tolist() == ["جنيف", "دير"]  # both occur twice; ties broken by key
    matrix = term_matrix(units, ["جنيف", "دير زور"])
    assert matrix.values.tolist() == [[2, 0], [0, 2]]


def test_glossary():
    assert gloss("داعش") == "ISIS"
    assert gloss("بدير الزور") == "Deir ez-Zor"
    assert gloss("كلمة غير معروفة") is None


_VOCAB = ["القوات", "الروسية", "دير", "الزور", "وفي", "من", "داعش", "قصفت", "،", ".", "3", "المعارضة", "لافروف"]


@given(st.lists(st.lists(st.sampled_from(_VOCAB), max_size=25).map(" ".join), min_size=1, max_size=4))
def test_keyword_table_invariants(texts):
    df = keyword_table(texts, ngram_range=(1, 2), min_count=1, min_llr=float("-inf"))
    # ordering: count descending, then key ascending
    assert list(zip(-df["count"], df.key)) == sorted(zip(-df["count"], df.key))
    # single-word counts add up to the number of content words
    content = [t for text in texts for t in tokenize(text)
               if t.kind in ("word", "latin") and t.key not in stopword_keys()]
    assert df.loc[df.n == 1, "count"].sum() == len(content)
    assert (df.documents <= len(texts)).all() and (df.documents >= 1).all()


def test_keyword_table_display_ties_go_to_the_first_form_seen():
    # حاولوا and حاول share a key, once each: the form seen first is shown, not the alphabetically first
    df = keyword_table(["حاولوا الصعود. حاول الجنود."], ngram_range=(1, 1), min_count=1)
    assert df.set_index("key").loc[lemma_key("حاولوا"), "display"] == "حاولوا"
    df = keyword_table(["حاول الجنود. حاولوا الصعود."], ngram_range=(1, 1), min_count=1)
    assert df.set_index("key").loc[lemma_key("حاولوا"), "display"] == "حاول"


def test_empty_keyword_table_keeps_typed_columns():
    df = keyword_table(["في من إلى"])
    assert df.empty
    kept = df[~df.subsumed]
    assert list(kept.columns) == list(df.columns)
    assert df.dtypes["count"] == "int64" and df.dtypes["subsumed"] == "bool"
