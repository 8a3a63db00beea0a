"""Bounded resources: capped sentences, bounded claim context, numbers with format characters,
and output that grows linearly with an article without full stops."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.claims import extract_claims
from analysis.numbers import find_numbers
from analysis.pipeline.runner import run_corpus
from analysis.text import split_sentences, tokenize
from analysis.text.sentences import MAX_CONTEXT_CHARS, MAX_SENTENCE_CHARS, context_window
from tests.support.runs_factory import SENTENCES

#: Clauses without numbers, written for these tests (news style, invented facts).
FILLER = (
    "وأشار المسؤول إلى أن الوضع الإنساني في المنطقة يزداد سوءاً مع استمرار المعارك",
    "ودعت المنظمات الدولية الأطراف كافة إلى احترام القانون الدولي وحماية المدنيين",
    "ولفت الناشطون إلى صعوبة الوصول إلى القرى المحاصرة بسبب الطرق المدمرة",
    "وتحدث السكان عن نقص حاد في الخبز والدواء والمياه النظيفة منذ بداية الحصار",
    "وقال شهود عيان إن الطائرات حلقت فوق المدينة طوال الليل",
    "وأكدت مصادر محلية أن المفاوضات بين الجانبين لم تسفر عن نتيجة حتى الآن",
)


def unpunctuated_article(n_bytes: int) -> str:
    """An article without full stops: clauses joined by Arabic commas only, one clause in four with a number
    (the ANT corpus has about one claim per 1,350 bytes of text; this has one per ~500)."""
    clauses = [s.rstrip(".") for s in SENTENCES]
    out, size, i = [], 0, 0
    while size < n_bytes:
        clause = clauses[(i // 4) % len(clauses)] if i % 4 == 0 else FILLER[i % len(FILLER)]
        piece = clause + "، "
        out.append(piece)
        size += len(piece.encode("utf-8"))
        i += 1
    return "".join(out)


# --- sentence cap ------------------------------------------------------------------------------


def test_long_sentence_is_cut_after_a_comma_before_the_cap():
    text = unpunctuated_article(20_000)
    sentences = split_sentences(text)
    assert len(sentences) > 20_000 / 2 / MAX_SENTENCE_CHARS
    for s in sentences[:-1]:
        assert len(s.text) <= MAX_SENTENCE_CHARS
        assert s.text.endswith("،")  # cut after a clause, not inside one
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_text_without_any_break_is_cut_at_spaces_then_at_the_cap():
    words = ("كلمة " * 400).strip()
    sentences = split_sentences(words)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS and s.text.endswith("كلمة") for s in sentences)
    solid = "ا" * (3 * MAX_SENTENCE_CHARS + 10)
    assert [len(s.text) for s in split_sentences(solid)] == [MAX_SENTENCE_CHARS] * 3 + [10]


def test_normal_sentences_are_not_touched():
    text = " ".join(SENTENCES)
    assert [s.text for s in split_sentences(text)] == list(SENTENCES)


_PIECES = st.sampled_from(["قال", "الوزير", " ", " ", "،", ",", "12", "ا" * 50, "\n", ".", "؟"])


@given(st.lists(_PIECES, max_size=200).map("".join))
def test_capped_sentences_cover_the_text_in_order(text):
    last = 0
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text and s.text == s.text.strip() and s.text
        assert len(s.text) <= MAX_SENTENCE_CHARS
        assert s.start >= last
        last = s.end
    assert "".join(s.text for s in split_sentences(text)).replace(" ", "") == "".join(text.split())


# --- context window ----------------------------------------------------------------------------


def test_context_window_of_a_short_sentence_is_the_sentence():
    text = "مقدمة. قتل 12 شخصاً في القصف. خاتمة."
    start = text.index("12")
    s = next(s for s in split_sentences(text) if s.start <= start < s.end)
    assert context_window(text, start, start + 2, lo=s.start, hi=s.end) == "قتل 12 شخصاً في القصف."


@pytest.mark.parametrize("where", [0.0, 0.5, 1.0])
def test_context_window_is_bounded_holds_the_span_and_cuts_at_spaces(where):
    words = [f"كلمة{i:04d}" for i in range(2000)]  # every word different: the window is found once
    text = " ".join(words)
    target = words[int(where * (len(words) - 1))]
    start = text.index(target)
    window = context_window(text, start, start + len(target), 100)
    assert len(window) <= 100 and target in window
    assert window == window.strip() and text.count(window) == 1
    assert window.split()[0] in words and window.split()[-1] in words  # whole words at both ends
    offset = text.index(window)
    assert offset <= start and start + len(target) <= offset + len(window)


def test_claim_rows_carry_a_bounded_context():
    text = unpunctuated_article(30_000)
    claims = extract_claims(text)
    assert len(claims) > 10
    assert claims["sentence"].str.len().max() <= MAX_CONTEXT_CHARS
    for row in claims.itertuples():
        assert row.quantity_text in row.sentence and row.sentence in text


# --- format characters inside numbers ----------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("قتل ١\u200c٢ شخصاً في القصف.", 12),        # ZWNJ
    ("قتل 1\u200d2 شخصاً في القصف.", 12),        # ZWJ
    ("قتل ١٢\u200e٠ شخصاً في القصف.", 120),      # LRM
    ("قتل 4\u200f5 شخصاً في القصف.", 45),        # RLM
    ("قتل 1\u061c500 شخص في القصف.", 1500),      # ALM
    ("قتل 1,\u200f500 شخص في القصف.", 1500),     # RLM after a thousands separator
])
def test_format_characters_inside_a_number_are_part_of_it(text, value):
    (number,) = find_numbers(text)
    assert number.value == value and number.text == text[4:text.index(" ", 4)]
    (token,) = [t for t in tokenize(text) if t.kind == "number"]
    assert token.text == number.text
    claims = extract_claims(text)
    assert claims["value_low"].tolist() == [value] and claims["quantity_text"].tolist() == [number.text]


def test_format_character_between_numbers_and_words_still_separates():
    assert [n.value for n in find_numbers("قتل 3 و\u200f4 أشخاص")] == [3, 4]


# --- output grows linearly -----------------------------------------------------------------------


def test_unpunctuated_article_gives_output_linear_in_its_size(tmp_path):
    text = unpunctuated_article(200_000)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long.txt").write_text(text, encoding="utf-8")
    size_in = (tmp_path / "in" / "long.txt").stat().st_size
    summary = run_corpus([tmp_path / "in"], tmp_path / "out", progress=False)
    assert summary.articles_processed == 1 and summary.analysis_errors == 0 and summary.claims > 50
    size_out = sum(p.stat().st_size for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert size_out < 20 * size_in
