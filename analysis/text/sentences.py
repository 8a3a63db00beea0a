"""Sentence and paragraph spans with offsets into the original text.

A sentence ends after ``. ! ? ؟ ؛ …`` (and runs of them) when whitespace, a
line break or the end of the text follows, taking closing quotes and brackets
with it; a line break always ends a sentence. It does not end

* inside a guillemet quotation ``«…»`` (nested ones too) that closes within
  the same paragraph; an unmatched ``«`` or ``»`` is ignored;
* inside numbers (``3.5``, ``٣٫٥``: no space follows the point);
* after common abbreviations (``د.`` doctor, ``م.``/``هـ.`` in dates,
  ``ق.م.``, single Latin capitals, ``Mr.``, ``U.S.`` …).

Sentence length is capped, so that the cost of everything done per sentence
stays bounded whatever the input (an article without full stops is one
"sentence" otherwise): a sentence longer than :data:`MAX_SENTENCE_CHARS` is cut
after the last comma (``،`` ``,``) or semicolon before the cap, else at the last
space, else at the cap itself. In the ANT corpus 31 of 80,937 sentences (0.04 %)
are longer than the cap.

:func:`context_window` gives a bounded excerpt around a span (the context
column of claim rows).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from analysis.text.chars import QUOTE_CLOSERS, QUOTE_OPENERS, SENTENCE_TERMINATORS

_TERMINATOR_RE = re.compile(rf"(?:[{re.escape(SENTENCE_TERMINATORS)}]+)[\"'{QUOTE_CLOSERS}’)\]]*(?=\s|$)")
_PARAGRAPH_RE = re.compile(r"[^\n]+")
#: Longest sentence, in characters (see the module docstring).
MAX_SENTENCE_CHARS = 600
#: Longest excerpt returned by :func:`context_window` by default.
MAX_CONTEXT_CHARS = 400
#: Where an over-long sentence is cut first: after a comma or semicolon (Arabic or Latin).
_CLAUSE_END_RE = re.compile(r"[،,؛;]")
_SPACE_RE = re.compile(r"\s")
_QUOTE_OPEN, _QUOTE_CLOSE = QUOTE_OPENERS, QUOTE_CLOSERS
_QUOTE_MARK_RE = re.compile(f"[{QUOTE_OPENERS}{QUOTE_CLOSERS}]")
#: Words that end with a point without ending the sentence (matched before the point).
_ABBREVIATION_RE = re.compile(
    r"(?:^|[\s(«\"])(?:د|م|هـ|ه|ق\.م|ص|ج|ت|أ|ا|س|Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Col|Lt|No|vs|etc|[A-Z]|(?:[A-Z]\.)+[A-Z])$"
)


class Sentence(NamedTuple):
    """A sentence span: ``original[start:end] == text`` (no surrounding whitespace)."""

    start: int
    end: int
    text: str


def _quoted_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Matched guillemet spans ``[open, close]`` (outermost) inside ``text[lo:hi]``."""
    stack: list[int] = []
    spans: list[tuple[int, int]] = []
    for m in _QUOTE_MARK_RE.finditer(text, lo, hi):  # visit only the marks, not every character
        i = m.start()
        if m.group() in _QUOTE_OPEN:
            stack.append(i)
        elif stack:
            start = stack.pop()
            if not stack:
                spans.append((start, i))
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in spans)


def _trimmed(text: str, start: int, end: int) -> Sentence | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, text[start:end]) if end > start else None


def _capped(text: str, start: int, end: int, cap: int = MAX_SENTENCE_CHARS) -> list[Sentence]:
    """The trimmed span ``text[start:end]``, cut into pieces of at most ``cap`` characters."""
    out: list[Sentence] = []
    while True:
        span = _trimmed(text, start, end)
        if span is None:
            return out
        start = span.start
        if span.end - start <= cap:
            out.append(span)
            return out
        limit = start + cap
        floor = start + cap // 3  # no tiny pieces: cut in the last two thirds of the window
        cut = None
        for pattern in (_CLAUSE_END_RE, _SPACE_RE):
            last = None
            for m in pattern.finditer(text, floor, limit):
                last = m
            if last is not None:
                cut = last.end()
                break
        if cut is None:
            cut = limit
        piece = _trimmed(text, start, cut)
        if piece is not None:
            out.append(piece)
        start = cut


def context_window(text: str, start: int, end: int, max_chars: int = MAX_CONTEXT_CHARS, *,
                   lo: int = 0, hi: int | None = None) -> str:
    """A bounded excerpt of ``text[lo:hi]`` around the span ``[start, end)``.

    The whole of ``text[lo:hi]`` when it is at most ``max_chars`` long; otherwise a
    window of at most ``max_chars`` characters holding the span, centred on it where
    the bounds allow and cut at spaces rather than inside words. The excerpt is a
    slice of ``text`` (no ellipsis added), so it can be found in the text again.

    Args:
        text: The text.
        start, end: The span the excerpt must hold (e.g. a quantity).
        max_chars: Longest excerpt (the span itself is kept whole even if longer).
        lo, hi: Bounds of the excerpt (e.g. the sentence); default the whole text.

    Example:
        >>> context_window("قتل 12 شخصاً في القصف", 4, 6)
        'قتل 12 شخصاً في القصف'
        >>> context_window("أ " * 50 + "قتل 12 شخصاً" + " ب" * 50, 104, 106, 20)
        'أ أ قتل 12 شخصاً ب'
    """
    hi = len(text) if hi is None else hi
    lo, hi = max(0, lo), min(len(text), hi)
    start, end = max(lo, min(start, hi)), min(hi, max(end, lo))
    if hi - lo <= max_chars:
        return text[lo:hi]
    room = max(0, max_chars - (end - start))
    left = min(room // 2, start - lo)
    right = min(room - left, hi - end)
    left = min(room - right, start - lo)
    a, b = start - left, end + right
    if a > lo and not text[a - 1].isspace():  # do not start inside a word
        space = _SPACE_RE.search(text, a, start)
        a = space.end() if space else a
    if b < hi and not text[b].isspace():  # do not end inside a word
        last = None
        for m in _SPACE_RE.finditer(text, end, b):
            last = m
        b = last.start() if last else b
    return text[a:b].strip() or text[start:end]


def split_paragraphs(text: str) -> list[Sentence]:
    """Paragraph spans: text between line breaks (one or more), whitespace trimmed.

    Example:
        >>> [p.text for p in split_paragraphs("الفقرة الأولى.\\n\\nالفقرة الثانية.")]
        ['الفقرة الأولى.', 'الفقرة الثانية.']
    """
    out = []
    for m in _PARAGRAPH_RE.finditer(text):
        span = _trimmed(text, m.start(), m.end())
        if span is not None:
            out.append(span)
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Sentence spans of ``text`` (see the module docstring for the rules), each at most
    :data:`MAX_SENTENCE_CHARS` characters long.

    Example:
        >>> [s.text for s in split_sentences("قال «نعمل. وسنواصل». ثم غادر؟ نعم")]
        ['قال «نعمل. وسنواصل».', 'ثم غادر؟', 'نعم']
    """
    if not isinstance(text, str):
        raise TypeError(f"split_sentences expects str, got {type(text).__name__}")
    out: list[Sentence] = []
    for para in _PARAGRAPH_RE.finditer(text):
        lo, hi = para.span()
        quotes = _quoted_spans(text, lo, hi)
        start = lo
        for m in _TERMINATOR_RE.finditer(text, lo, hi):
            if quotes and _inside(m.start(), quotes):
                continue
            if text[m.start()] == "." and m.end() - m.start() == 1:
                before = text[max(lo, m.start() - 12) : m.start()]
                if _ABBREVIATION_RE.search(before):
                    continue
            out.extend(_capped(text, start, m.end()))
            start = m.end()
        out.extend(_capped(text, start, hi))
    return out
