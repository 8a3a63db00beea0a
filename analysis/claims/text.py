"""Tokens and sentences in the shape the claims layer uses, from :mod:`analysis.text`.

Tokenization and sentence splitting are the text core's (:func:`analysis.text.tokenize`,
:func:`analysis.text.split_sentences`); this module only maps them to the small
:class:`Token` the claims code matches on (kinds ``word``, ``num``, ``latin``,
``punct``) and adds the claims-specific clitic readings (:func:`clitic_variants`,
:func:`strip_clitics`) used against the claims lexicons.

Every token keeps ``start``/``end`` into the unmodified input; ``norm`` is the
token after :func:`analysis.text.normalize.normalize_for_matching`, and ``bare`` is
``norm`` without leading clitics (و ف ب ل ك) and the article ال.

Example:
    >>> toks = tokenize("وقتلت 200 مسلح")
    >>> [(t.text, t.bare) for t in toks]
    [('وقتلت', 'قتلت'), ('200', '200'), ('مسلح', 'مسلح')]
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from analysis.text.normalize import normalize_for_matching
from analysis.text import split_sentences
from analysis.text import tokenize as _core_tokenize

_PROCLITICS = ("وبال", "وال", "فال", "بال", "كال", "ولل", "لل", "وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك", "ال")
_PROCLITICS_NORM = tuple(normalize_for_matching(p) for p in _PROCLITICS)
_KINDS = {"word": "word", "number": "num", "latin": "latin", "punctuation": "punct", "symbol": "punct"}


class Token(NamedTuple):
    """One token of the input.

    Attributes:
        text: The token as written (``text == source[start:end]``).
        start: Offset of its first character in the input.
        end: Offset after its last character.
        kind: ``num`` (digits), ``word`` (Arabic letters), ``latin`` or ``punct``.
        norm: The token normalized for matching (digits as ASCII).
    """

    text: str
    start: int
    end: int
    kind: str
    norm: str

    @property
    def bare(self) -> str:
        """``norm`` without proclitics and the article (``وبالمدنيين`` → ``مدنيين``)."""
        return strip_clitics(self.norm)


@lru_cache(maxsize=65536)
def strip_clitics(norm: str, *, keep: int = 2) -> str:
    """Remove the longest proclitic (و ف ب ل ك، ال and combinations), keeping ``keep`` letters.

    ``norm`` must already be normalized for matching.

    Example:
        >>> strip_clitics("والمدنيين")
        'مدنيين'
    """
    for pn in _PROCLITICS_NORM:
        if norm.startswith(pn) and len(norm) - len(pn) >= keep:
            return norm[len(pn):]
    return norm


@lru_cache(maxsize=131072)
def clitic_variants(norm: str) -> tuple[str, ...]:
    """Every reading of ``norm`` with a proclitic (و ف ب ل ك، ال and combinations) removed.

    The unstripped form comes first. Used where stripping too much would be wrong
    (``بلدة`` is not ``ب`` + ``لدة``): callers try each reading against their lexicon.
    """
    out = [norm]
    for pn in _PROCLITICS_NORM:
        if norm.startswith(pn) and len(norm) - len(pn) >= 2:
            out.append(norm[len(pn):])
    return tuple(dict.fromkeys(out))


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` (:func:`analysis.text.tokenize`) as claims :class:`Token` objects."""
    kinds = _KINDS
    return [Token(t[2], t[0], t[1], kinds.get(t[3], "punct"), t[4]) for t in _core_tokenize(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` spans of :func:`analysis.text.split_sentences` (one span for a text without a break)."""
    spans = [(int(s.start), int(s.end)) for s in split_sentences(text)]
    if not spans and text.strip():
        s = len(text) - len(text.lstrip())
        spans = [(s, len(text.rstrip()))]
    return spans
