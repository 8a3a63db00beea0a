"""Normalization steps, options and the offset map (analysis.text.normalize via analysis.text)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.text import (
    alef_maqsura_to_yaa,
    normalize,
    normalize_digits,
    normalize_for_matching,
    normalize_punctuation,
    normalize_with_offsets,
    remove_diacritics,
    remove_invisible,
    remove_tatweel,
    repair_presentation,
    taa_marbuta_to_haa,
    unify_alef,
)
from analysis.text.normalize import DISPLAY_STEPS, translation_table


@pytest.mark.parametrize(
    ("step", "text", "expected"),
    [
        (remove_diacritics, "مُحَمَّدٌ", "محمد"),
        (remove_diacritics, "قريباً", "قريبا"),
        (remove_tatweel, "الـمـوصـل", "الموصل"),
        (unify_alef, "أإآٱ", "اااا"),
        (alef_maqsura_to_yaa, "مستشفى", "مستشفي"),
        (taa_marbuta_to_haa, "مدينة", "مدينه"),
        (normalize_digits, "٢٠١٧ و۱۲", "2017 و12"),
        (normalize_punctuation, "“داعش” – ٪", '"داعش" - %'),
        (remove_invisible, "دير\u200f الزور\u200b", "دير الزور"),
        (repair_presentation, "ﻻ", "لا"),
    ],
)
def test_each_step(step, text, expected):
    assert step(text) == expected


def test_display_normalization_keeps_spelling_matching_does_not():
    assert normalize("إلى المدينةِ") == "الى المدينة"
    assert normalize_for_matching("إلى المدينةِ") == "الي المدينه"


def test_options_switch_steps_off():
    assert normalize("إِدلب", alef=False) == "إدلب"
    assert normalize("مُسلّح ٣", diacritics=False, digits=False) == "مُسلّح ٣"


def test_translation_table_is_the_display_normalization():
    assert "الـمُـدنُ".translate(translation_table(DISPLAY_STEPS)) == normalize("الـمُـدنُ")


def test_offsets_map_back_over_removed_marks():
    n = normalize_with_offsets("قُتِلَ ٣ مسلحين")
    assert n.text == "قتل 3 مسلحين"
    assert n.to_original(0, 3) == (0, 6)  # the fatha after ل belongs to the word
    assert n.to_original(4, 5) == (7, 8)


_ALPHABET = st.sampled_from(
    list("قتلمسحينوابةىأإ") + ["\u064e", "\u0650", "\u0651", "\u0640", "\u200f", " ", "٣", "7", "،"]
)


@given(st.lists(_ALPHABET, max_size=40).map("".join), st.data())
def test_offset_spans_normalize_to_the_normalized_span(text, data):
    n = normalize_with_offsets(text)
    start = data.draw(st.integers(0, len(n.text)))
    end = data.draw(st.integers(start, len(n.text)))
    a, b = n.to_original(start, end)
    assert 0 <= a <= b <= len(text)
    assert normalize_for_matching(text[a:b]) == n.text[start:end]
