"""Sentence and paragraph spans with offsets into the original text.

A sentence ends after ``. ! ? ؟ ؛ …`` (and runs of them) when whitespace, a
line break or the end of the text follows, taking closing quotes and brackets
with it; a line break always ends a sentence. It does not end

* inside a guillemet quotation ``«…»`` (nested ones too) that closes within
  the same paragraph; an unmatched ``«`` or ``»`` is ignored;
* inside numbers (``3.5``, ``٣٫٥``: no space follows the point);
* after common abbreviations (``د.`` doctor, ``م.``/``هـ.`` in dates,
  ``ق.م.``, single Latin capitals, ``Mr.``, ``U.S.`` …).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from analysis.text.chars import QUOTE_CLOSERS, QUOTE_OPENERS, SENTENCE_TERMINATORS

_TERMINATOR_RE = re.compile(rf"(?:[{re.escape(SENTENCE_TERMINATORS)}]+)[\"'{QUOTE_CLOSERS}’)\]]*(?=\s|$)")
_PARAGRAPH_RE = re.compile(r"[^\n]+")
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
    """Sentence spans of ``text`` (see the module docstring for the rules).

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
            span = _trimmed(text, start, m.end())
            if span is not None:
                out.append(span)
            start = m.end()
        span = _trimmed(text, start, hi)
        if span is not None:
            out.append(span)
    return out
