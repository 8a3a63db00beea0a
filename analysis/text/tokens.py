"""Tokenizer with clitic segmentation and offsets into the original text.

``tokenize(text)`` returns :class:`Token` tuples; ``text[t.start:t.end] ==
t.text`` always holds, and ``text[t.stem_start:t.stem_end]`` is the stem as
written. Kinds:

* ``word``: Arabic letters (diacritics, tatweel, ZWNJ inside allowed);
* ``number``: digits (ASCII, Arabic-Indic, Persian) with inner ``. , ٫ ٬``: ``3.5``, ``٣٫٥``;
  format characters between digits (ZWNJ, ZWJ, bidi marks) belong to the number;
* ``latin``: words in Latin or another non-Arabic script (``ISIS``, ``F-16``);
* ``punctuation``: one punctuation character (``. ، ؛ ؟ « »`` …);
* ``symbol``: any other visible character that is not Unicode punctuation
  (``$``, ``+``, ``°``; note ``%`` is punctuation in Unicode).

Whitespace and invisible format characters (ZWSP, bidi controls) between
tokens are not tokens. Per-word analysis is cached, so the cost per token is
one regex match, one dictionary lookup and one tuple.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from functools import lru_cache
from itertools import accumulate, islice
from typing import NamedTuple

from analysis.lexicons import on_reload
from analysis.text.chars import ARABIC_WORD_PATTERN, ARABIC_WORD_RE, NUMBER_FORMAT_CLASS
from analysis.text.clitics import segment_forms
from analysis.text.lemmas import key_of_segmentation
from analysis.text.lexicon import SEG_TABLE
from analysis.text.normalize import DISPLAY_STEPS, normalize_with_offsets

_DIGITS = rf"\d+(?:[{NUMBER_FORMAT_CLASS}]+\d+)*"
_TOKEN_KINDS: tuple[tuple[str, str], ...] = (
    ("word", ARABIC_WORD_PATTERN),
    ("number", rf"{_DIGITS}(?:[{NUMBER_FORMAT_CLASS}]*[.,\u066b\u066c][{NUMBER_FORMAT_CLASS}]*{_DIGITS})*"),
    ("latin", r"[^\W\d_](?:[\w]|['\u2019\-](?=[^\W\d_]|\d))*"),
    ("other", r"\S"),
)
_TOKEN_RE = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _TOKEN_KINDS))
#: The same tokens as one group, for ``split``: whitespace, token, whitespace, token, …, whitespace.
_TOKEN_SPLIT_RE = re.compile("(" + "|".join(f"(?:{pattern})" for _, pattern in _TOKEN_KINDS) + ")")


class Token(NamedTuple):
    """One token.

    Attributes:
        start, end: Span in the original text (end exclusive).
        text: ``original[start:end]``.
        kind: ``word``, ``number``, ``latin``, ``punctuation`` or ``symbol``.
        norm: The token normalized for matching (``للإرهابيين`` → ``للارهابيين``).
        proclitics: Proclitics in order, normalized (``("و", "ب", "ال")``).
        stem: The stem, normalized for matching.
        enclitic: The enclitic pronoun (``"هم"``) or ``""``.
        key: The lemma key (see :func:`analysis.text.lemmas.lemma_key`); for
            numbers the ASCII digits, for Latin words the lower-cased word.
        splits: Offsets (relative to ``start``) where the word splits into
            syntactic words: after each proclitic except the article, and
            before the enclitic.
        stem_span: ``(start, end)`` of the stem relative to ``start``; use
            :attr:`stem_start` / :attr:`stem_end` for offsets into the text.
    """

    start: int
    end: int
    text: str
    kind: str
    norm: str
    proclitics: tuple[str, ...]
    stem: str
    enclitic: str
    key: str
    splits: tuple[int, ...]
    stem_span: tuple[int, int]

    @property
    def stem_start(self) -> int:
        """Start of the stem in the original text."""
        return self.start + self.stem_span[0]

    @property
    def stem_end(self) -> int:
        """End (exclusive) of the stem in the original text."""
        return self.start + self.stem_span[1]

    def boundaries(self) -> tuple[int, ...]:
        """Split points relative to the token start (see ``splits``)."""
        return self.splits


_Tail = tuple[str, str, tuple[str, ...], str, str, str, tuple[int, ...], tuple[int, int]]


#: Per-word analyses, a plain dict (faster than lru_cache in the token loop);
#: emptied when it reaches WORD_CACHE_SIZE entries so memory stays bounded.
_WORD_CACHE: dict[str, _Tail] = {}
WORD_CACHE_SIZE = 1 << 19


def analyze_word(word: str) -> _Tail:
    """Cached analysis of one Arabic word as written: the token fields after ``text``.

    Returns ``("word", norm, proclitics, stem, enclitic, key, splits, stem_span)``. Only whole
    Arabic words are cached (the tokenizer trusts the cache for any token text); anything else
    is analysed without being remembered.
    """
    tail = _WORD_CACHE.get(word)
    if tail is None:
        tail = _analyze_word(word)
        if ARABIC_WORD_RE.fullmatch(word) is not None:
            if len(_WORD_CACHE) >= WORD_CACHE_SIZE:
                _WORD_CACHE.clear()
            _WORD_CACHE[word] = tail
    return tail


@on_reload
def clear_word_cache() -> None:
    """Forget every cached word analysis (for benchmarks; :func:`analysis.lexicons.reload` calls it)."""
    _WORD_CACHE.clear()


def _analyze_word(word: str) -> _Tail:
    seg_form = word.translate(SEG_TABLE)
    norm = seg_form.replace("ة", "ه").replace("ى", "ي")  # the matching form (same length)
    if not seg_form:
        return "word", norm, (), "", "", "", (), (0, len(word))
    seg = segment_forms(seg_form, norm)
    n_plain = len(seg.proclitics) - seg.article  # one letter each; the article stays with the stem
    cuts = tuple(range(1, n_plain + 1)) + ((seg.stem_end,) if seg.enclitic else ())
    if len(seg_form) == len(word):
        rel_start, rel_end = seg.stem_start, seg.stem_end
        splits = cuts
    else:
        mapped = normalize_with_offsets(word, steps=DISPLAY_STEPS)
        rel_start, rel_end = mapped.to_original(seg.stem_start, seg.stem_end)
        splits = tuple(mapped.to_original(0, c)[1] for c in cuts)
    stem = norm[seg.stem_start : seg.stem_end]
    key = key_of_segmentation(word, seg_form, seg, norm)
    return "word", norm, seg.proclitics, stem, seg.enclitic, key, splits, (rel_start, rel_end)


@lru_cache(maxsize=4096)
def _other_kind(ch: str) -> str | None:
    cat = unicodedata.category(ch)
    if cat == "Cf":
        return None
    return "punctuation" if cat[0] == "P" else "symbol"


_NUMBER_FORMAT_RE = re.compile(f"[{NUMBER_FORMAT_CLASS}]")
_DIGIT_TABLE = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")


def tokenize(text: str) -> list[Token]:
    """Split text into tokens with offsets, kinds, normalized forms and clitics.

    Args:
        text: Arabic text as given (no prior normalization needed).

    Returns:
        Tokens in text order.

    Example:
        >>> [t.text for t in tokenize("وقال لافروف: «نعمل».")]
        ['وقال', 'لافروف', ':', '«', 'نعمل', '»', '.']
        >>> t = tokenize("وبالإرهابيين")[0]
        >>> t.proclitics, t.stem
        (('و', 'ب', 'ال'), 'ارهابيين')
    """
    if not isinstance(text, str):
        raise TypeError(f"tokenize expects str, got {type(text).__name__}")
    gc_enabled = gc.isenabled()
    gc.disable()  # tokens hold no cycles; collections triggered by our tuples are wasted work
    try:
        return _tokens(text)
    finally:
        if gc_enabled:
            gc.enable()


def _tokens(text: str) -> list[Token]:
    out: list[Token] = []
    append = out.append
    cached = _WORD_CACHE.get
    new = tuple.__new__
    # one split gives every token as a string and, by the lengths, its start: no match object per token
    parts = _TOKEN_SPLIT_RE.split(text)
    match = _TOKEN_RE.match
    for start, t in zip(islice(accumulate(map(len, parts)), 0, None, 2), parts[1::2]):
        tail = cached(t)
        if tail is not None:  # a word seen before: the common case
            append(new(Token, (start, start + len(t), t, *tail)))
            continue
        m = match(text, start)  # the same token, with its kind
        kind = m.lastgroup
        if kind == "word":
            append(new(Token, (*m.span(), t, *analyze_word(t))))
        elif kind == "number":
            norm = _NUMBER_FORMAT_RE.sub("", t).translate(_DIGIT_TABLE)
            append(new(Token, (m.start(), m.end(), t, "number", norm, (), norm, "", norm, (), (0, len(t)))))
        elif kind == "latin":
            low = t.lower()
            append(new(Token, (m.start(), m.end(), t, "latin", low, (), low, "", low, (), (0, len(t)))))
        else:
            k = _other_kind(t)
            if k is not None:
                append(new(Token, (m.start(), m.end(), t, k, t, (), t, "", t, (), (0, 1))))
    return out


def iter_word_keys(text: str) -> list[str]:
    """Lemma keys of the Arabic words of ``text`` only (fast path for counting)."""
    cached = _WORD_CACHE.get
    return [(cached(t) or analyze_word(t))[5] for t in _WORD_RE.findall(text)]


_WORD_RE = ARABIC_WORD_RE
