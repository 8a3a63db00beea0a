"""Lemma keys: inflected and clitic-bearing forms share a key; different words do not."""

import pytest

from analysis.text import lemma_key, nisba_country

SAME_KEY = [
    ["الإرهابيين", "الإرهابيون", "للإرهابيين", "الإرهابية", "إرهابي", "والإرهابي"],
    ["منطقة", "المنطقة", "مناطق", "بمناطق", "المناطق", "ومنطقة"],
    ["القوات", "قوات", "قواتهم", "والقوات", "قوة"],
    ["سورية", "سوريا", "وسوريا", "بسورية", "لسورية"],
    ["الروسي", "الروسية", "روسي", "الروس"],
    ["قتلت", "قتل", "يقتل", "وقتلوا"],
    ["قال", "يقول", "وقال", "قالت"],
    ["حكومة", "الحكومة", "حكومته", "حكومات", "الحكومات"],
    ["وفد", "الوفد", "وفود", "الوفود", "بوفد"],
    ["المسلحين", "مسلحون", "مسلح", "مسلحي"],
    ["قريباً", "قريب"],
    ["يومياً", "يومي", "اليومي"],
    ["في", "وفي", "ففي"],
    ["من", "منها", "ومنه"],
    ["كان", "كانت", "يكون", "وكانت"],
]


@pytest.mark.parametrize("forms", SAME_KEY, ids=[g[0] for g in SAME_KEY])
def test_forms_share_a_key(forms):
    keys = {lemma_key(f) for f in forms}
    assert len(keys) == 1, {f: lemma_key(f) for f in forms}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("سوري", "سوريا"),  # Syrian vs Syria
        ("إرهاب", "إرهابي"),  # terrorism vs terrorist
        ("وزير", "وزارة"),
        ("عمل", "عملية"),
        ("لبنان", "بنان"),
        ("قوات", "قال"),
    ],
)
def test_different_words_keep_different_keys(a, b):
    assert lemma_key(a) != lemma_key(b)


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("لافروف", "لافروف"),
        ("بغداد", "بغداد"),
        ("ليبيا", "ليبيا"),
        ("ولافروف", "لافروف"),
        ("داعش", "داعش"),
        ("بإدلب", "ادلب"),
        ("الإرهابيين", "ارهابي"),
        ("ISIS", "isis"),
        ("", ""),
    ],
)
def test_known_keys(word, key):
    assert lemma_key(word) == key


def test_nisba_country():
    assert nisba_country(lemma_key("الروسية")) == ("روسيا", "Russia")
    assert nisba_country(lemma_key("داعش")) is None


def test_lemma_key_rejects_non_text():
    with pytest.raises(TypeError):
        lemma_key(None)
