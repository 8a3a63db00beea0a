"""Tokenizer: kinds, clitic segmentation, names never split, offsets."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.text import segment, tokenize


@pytest.mark.parametrize(
    ("word", "proclitics", "stem", "enclitic"),
    [
        ("وبالإرهابيين", ("و", "ب", "ال"), "ارهابيين", ""),
        ("للمعارضة", ("ل", "ال"), "معارضه", ""),
        ("والوزير", ("و", "ال"), "وزير", ""),
        ("وسيعلن", ("و", "س"), "يعلن", ""),
        ("قواتهم", (), "قوات", "هم"),
        ("بحكومته", ("ب",), "حكومت", "ه"),
        ("منها", (), "من", "ها"),
        ("وفي", ("و",), "في", ""),
        ("بأن", ("ب",), "ان", ""),
        ("ولبنان", ("و",), "لبنان", ""),
        # never split: names and words whose first or last letters look like clitics
        ("لافروف", (), "لافروف", ""),
        ("لبنان", (), "لبنان", ""),
        ("بغداد", (), "بغداد", ""),
        ("ليبيا", (), "ليبيا", ""),
        ("وزير", (), "وزير", ""),
        ("لقاء", (), "لقاء", ""),
        ("سيطرة", (), "سيطره", ""),
        ("سورية", (), "سوريه", ""),  # ة is not the pronoun ه
        ("اتجاه", (), "اتجاه", ""),
        # closed-class words: ى is written ي before a pronoun; ة is never a pronoun
        ("إليه", (), "الي", "ه"),
        ("وإلى", ("و",), "الي", ""),
        ("والي", (), "والي", ""),  # the governor, not و + إلى
        ("آلية", (), "اليه", ""),  # a mechanism, not إلى + ه
    ],
)
def test_clitic_segmentation(word, proclitics, stem, enclitic):
    (tok,) = tokenize(word)
    assert (tok.proclitics, tok.stem, tok.enclitic) == (proclitics, stem, enclitic)


def test_kinds():
    text = "أعلنت الوزارة مقتل 200 مسلح (ISIS) بنسبة ٣٫٥% و$"
    assert [(t.text, t.kind) for t in tokenize(text)] == [
        ("أعلنت", "word"),
        ("الوزارة", "word"),
        ("مقتل", "word"),
        ("200", "number"),
        ("مسلح", "word"),
        ("(", "punctuation"),
        ("ISIS", "latin"),
        (")", "punctuation"),
        ("بنسبة", "word"),
        ("٣٫٥", "number"),
        ("%", "punctuation"),
        ("و", "word"),
        ("$", "symbol"),
    ]


def test_number_norm_is_ascii():
    (tok,) = tokenize("٢٧٠٠")
    assert tok.norm == "2700" and tok.key == "2700"


def test_stem_offsets_with_diacritics():
    text = "قال إنَّ وَبِالإِرْهَابِيِّينَ"
    tok = tokenize(text)[-1]
    assert text[tok.stem_start : tok.stem_end] == "إِرْهَابِيِّينَ"
    assert tok.splits == (2, 4)  # after وَ and after بِ; the article stays with the stem


def test_splits_mark_enclitic():
    (tok,) = tokenize("وقواتهم")
    assert tok.splits == (1, 5)


def test_invisible_characters_are_not_tokens():
    assert [t.text for t in tokenize("دير\u200f الزور")] == ["دير", "الزور"]


def test_segment_is_public_on_segmentation_form():
    seg = segment("والمعارضة")
    assert seg.proclitics == ("و", "ال") and "والمعارضة"[seg.stem_start : seg.stem_end] == "معارضة"


def test_tokenize_rejects_non_text():
    with pytest.raises(TypeError):
        tokenize(None)


_CHARS = st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآةى") + list("وبلفك") + ["ال", "لل", "هم", "ها"]
    + ["\u064e", "\u0650", "\u0651", "\u064b", "\u0640", "\u200c", "\u200f", "\ufefb", "\ufe8d"]
    + list("0123456789٠١٢٣٤٥٦٧٨٩.,٫") + list("abcXYZ-'") + list(" \n،؛؟«»!:()%$") + ["\U0001F600"]
)


@given(st.lists(_CHARS, max_size=60).map("".join))
def test_offsets_always_index_the_original(text):
    last = 0
    for t in tokenize(text):
        assert text[t.start : t.end] == t.text
        assert t.start >= last and t.end > t.start
        assert t.start <= t.stem_start <= t.stem_end <= t.end
        assert all(0 < s < len(t.text) for s in t.splits)
        last = t.end


def test_gazetteer_names_are_never_split():
    gazetteer = pytest.importorskip("analysis.entities.gazetteer")
    for form in sorted(gazetteer.name_forms()):
        words = [t for t in tokenize(form) if t.kind == "word"]
        if len(words) != 1:
            continue  # Latin names (BBC) and multi-word forms
        (tok,) = words
        assert [p for p in tok.proclitics if p != "ال"] == [] and tok.enclitic == "", form
