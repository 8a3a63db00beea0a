"""Tokens for the number parser, and matching of word phrases against them.

:func:`tokenize` cuts a stretch of text into digit runs (read by
:mod:`analysis.numbers.digits`; several numbers when the separators are not
number-internal; an Arabic comma between digits with no space, one or two
digits after it and a percent marker or scale word right after, as in
``96،9%`` or ``4،8 مليار``, is a decimal comma), Arabic words (diacritics and tatweel kept inside the word),
Latin words, symbols and punctuation, each with offsets into the text. It
then joins digit patterns: space-grouped thousands (``2 345 678``), proper
slash fractions (``3/4``, ``2 1/4``), ``.25``, and marks dates, clock times
and identifiers written as ``5/17/2018``, ``10:30``, ``+1-222-2222``.

:class:`PhraseIndex` finds lexicon phrases (tuples of normalized words) that
start or end at a token; the first word of a phrase may carry clitics
(``بنحو`` matches ``نحو``).
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache

from analysis.lexicons import on_reload
from analysis.numbers.digits import DIGIT_RUN_PATTERN, DigitNumber, ascii_digits, interpret_digit_run
from analysis.numbers.lexicons import Phrase, comma_decimal_scales
from analysis.numbers.words import WordMatch, analyze_word, damma_fraction_matches
from analysis.text.chars import ARABIC_WORD_PATTERN, INVISIBLE_CLASS, MARKS
from analysis.text.lexicon import stopword_forms
from analysis.text.normalize import normalize_for_matching

_INVISIBLE = INVISIBLE_CLASS


_TOKEN_RE = re.compile(
    rf"(?P<num>{DIGIT_RUN_PATTERN})"
    rf"|(?P<word>{ARABIC_WORD_PATTERN})"
    r"|(?P<latin>[A-Za-z_]+)"
    r"|(?P<nl>\n)"
    r"|(?P<sym>[%٪﹪％\-–—‒−~～/<>=+:$\u2010\u2011])"
    rf"|(?P<punct>[^\s{_INVISIBLE}])"
)




MARK_CHARS = MARKS


_NORM_CACHE: dict[str, str] = {}
on_reload(_NORM_CACHE.clear)


def norm_word(raw: str) -> str:
    """The matching form of a word (:func:`normalize_for_matching`), cached."""
    n = _NORM_CACHE.get(raw)
    if n is None:
        if len(_NORM_CACHE) > 200_000:
            _NORM_CACHE.clear()
        n = _NORM_CACHE[raw] = normalize_for_matching(raw)
    return n


class Token:
    """A token of the text: kind (num, word, latin, sym, punct, nl), offsets, text.

    ``norm`` and ``matches()`` are computed on first use.
    """
    __slots__ = ("kind", "start", "end", "text", "_norm", "num", "frac", "chain_role", "_matches")

    def __init__(self, kind: str, start: int, end: int, text: str, norm: str | None) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.text = text
        self._norm = norm
        self.num: DigitNumber | None = None
        self.frac = False
        self.chain_role: str | None = None
        self._matches: tuple[WordMatch, ...] | None = None

    @property
    def norm(self) -> str:
        """Matching form (computed on first use: most tokens of a window are never looked at)."""
        n = self._norm
        if n is None:
            n = self._norm = norm_word(self.text)
        return n

    def matches(self) -> tuple[WordMatch, ...]:
        if self._matches is None:
            if self.kind != "word":
                self._matches = ()
            elif "\u064F" in self.text and (marked := damma_fraction_matches(self.text, self.norm)):
                self._matches = marked  # خُمس a fifth, خُمسَين two fifths (not five, fifty)
            elif len(self.text) > 2 and self.text[0] == "و" and self.text[1] in "أإآ":
                # "وأحد" is و + أحد, although it normalizes to "واحد" (one)
                self._matches = tuple(WordMatch(m.info, "و" + m.prefix, m.definite, m.stem)
                                      for m in analyze_word(self.norm[1:])) or analyze_word(self.norm)
            else:
                self._matches = analyze_word(self.norm)
        return self._matches

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"<{self.kind} {self.text!r} {self.start}:{self.end}>"


def tokenize(text: str, lo: int, hi: int) -> list[Token]:
    """Tokens of ``text[lo:hi]`` with offsets into ``text``, digit patterns joined (see the module docstring)."""
    toks: list[Token] = []
    append = toks.append
    has_num = False
    for m in _TOKEN_RE.finditer(text, lo, hi):
        kind = m.lastgroup
        if kind != "num":
            s, e = m.span()
            append(Token(kind, s, e, text[s:e], None if kind == "word" or kind == "sym" else text[s:e]))
            continue
        has_num = True
        s, e = m.span()
        raw = m.group()
        parts = interpret_digit_run(raw, s)
        if len(parts) == 2 and "،" in raw:
            parts = _arabic_comma_decimal(text, raw, s, e, parts)
        prev_end = None
        for p in parts:
            if prev_end is not None and p.start > prev_end:
                sep = text[prev_end:p.start]
                toks.append(Token("punct", prev_end, p.start, sep, sep))
            t = Token("num", p.start, p.end, text[p.start:p.end], "")
            t.num = p
            toks.append(t)
            prev_end = p.end
    if has_num:
        merge_digit_patterns(text, toks)
    return toks


_COMMA_DECIMAL_RE = re.compile(r"[0-9٠-٩۰-۹]+،([0-9٠-٩۰-۹]{1,2})$")


@lru_cache(maxsize=1)
def _comma_decimal_after_re() -> re.Pattern[str]:
    """What makes ``96،9`` one decimal number: a percent sign or word, or a scale word, right after it.

    The scale words are ``comma_decimal_scales`` of ``numbers/number_words.yaml``.
    """
    scales = "|".join(re.escape(w) for w in comma_decimal_scales())
    return re.compile(r"[ \u00a0]?(?:[%٪]|(?:[وفب]?(?:ب|ل)?ال|في ال|في ا?ل)م[ئا]ئ?[ةه](?!\w)|[وب]?(?:" + scales + r")"
                      r"(?:ا|اً)?(?!\w))")


def _arabic_comma_decimal(text: str, raw: str, s: int, e: int, parts: list[DigitNumber]) -> list[DigitNumber]:
    """``96،9%`` / ``4،8 مليار``: an Arabic comma between digits, with no space, used as a decimal point.

    Only when one or two digits follow the comma and a percent marker or a
    scale word comes right after; ``3،4`` alone and ``1، 9`` stay two numbers.
    """
    m = _COMMA_DECIMAL_RE.match(raw)
    if m is None or not _comma_decimal_after_re().match(text, e):
        return parts
    whole, frac = parts[0], m.group(1)
    value = whole.value + Fraction(int(ascii_digits(frac)), 10 ** len(frac))
    return [DigitNumber(s, e, value, True, whole.digits)]


_SPACE_GROUP = frozenset(" \u00a0\u202f")


def merge_digit_patterns(text: str, toks: list[Token]) -> None:
    """Space-grouped thousands (``2 345 678``), slash fractions, dates, clock times."""
    i = 0 if toks and "." in text[toks[0].start:toks[-1].end] else len(toks)
    while i + 1 < len(toks):  # ".25" written without the leading zero
        t, n = toks[i], toks[i + 1]
        if t.kind == "punct" and t.text == "." and n.kind == "num" and n.start == t.end and n.num is not None \
                and not n.num.decimal and not n.num.grouped and (t.start == 0 or text[t.start - 1].isspace()):
            digits = n.num.digits
            merged = Token("num", t.start, n.end, text[t.start:n.end], "")
            merged.num = DigitNumber(t.start, n.end, Fraction(int(digits), 10 ** len(digits)), True, "0")
            toks[i:i + 2] = [merged]
        i += 1
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.kind != "num" or t.num is None:
            i += 1
            continue
        # space-grouped thousands: 1-3 digits, then groups of exactly 3 digits
        if not t.num.decimal and not t.num.grouped and 1 <= len(t.num.digits) <= 3 and t.num.digits[0] != "0" \
                and not (i > 0 and toks[i - 1].norm == "+" and toks[i - 1].end == t.start):
            j = i
            digits = t.num.digits
            frac = Fraction(0)
            while j + 1 < len(toks):
                n = toks[j + 1]
                gap = text[toks[j].end:n.start]
                if n.kind != "num" or n.num is None or len(gap) != 1 or gap not in _SPACE_GROUP or n.num.grouped:
                    break
                if len(n.num.digits) != 3:
                    break
                digits += n.num.digits
                frac = n.num.value - int(n.num.value)
                j += 1
                if n.num.decimal:
                    break
            if j > i and not (j + 1 < len(toks) and toks[j + 1].kind == "num"
                              and text[toks[j].end:toks[j + 1].start] in _SPACE_GROUP):
                merged = Token("num", t.start, toks[j].end, text[t.start:toks[j].end], "")
                merged.num = DigitNumber(t.start, toks[j].end, Fraction(int(digits)) + frac, frac != 0, digits, True)
                toks[i:j + 1] = [merged]
                t = merged
        # chains joined by / - : without spaces
        j = i
        seps: list[str] = []
        while j + 2 < len(toks) and toks[j + 1].kind == "sym" and toks[j + 1].norm in ("/", "-", ":") \
                and toks[j + 1].start == toks[j].end and toks[j + 2].start == toks[j + 1].end \
                and toks[j + 2].kind == "num":
            seps.append(toks[j + 1].norm)
            j += 2
        if seps:
            nums = [toks[k] for k in range(i, j + 1, 2)]
            plus = i > 0 and toks[i - 1].norm == "+"
            if len(seps) == 1 and seps[0] == "/" and not plus:
                a, b = nums[0].num, nums[1].num
                assert a is not None and b is not None
                if not a.decimal and not b.decimal and 0 < b.value <= 100 and a.value < b.value:
                    value = a.value / b.value
                    start = nums[0].start
                    # mixed number: "2 1/4"
                    if i > 0 and toks[i - 1].kind == "num" and toks[i - 1].num is not None \
                            and not toks[i - 1].num.decimal and text[toks[i - 1].end:start] == " ":
                        value += toks[i - 1].num.value
                        start = toks[i - 1].start
                        i -= 1
                    merged = Token("num", start, nums[1].end, text[start:nums[1].end], "")
                    merged.num = DigitNumber(start, nums[1].end, value, False, str(int(value)))
                    merged.frac = True
                    toks[i:j + 1] = [merged]
                    i += 1
                    continue
                role = "date" if len(seps) == 1 and a.value <= 31 and b.value <= 12 else "identifier"
            elif len(seps) == 1 and seps[0] == ":":
                a, b = nums[0].num, nums[1].num
                assert a is not None and b is not None
                role = "time" if a.value <= 24 and len(b.digits) == 2 and b.value < 60 else "identifier"
            elif len(seps) == 1 and seps[0] == "-" and not plus:
                b = nums[1].num
                a = nums[0].num
                assert a is not None and b is not None
                role = "date" if (b.leading_zero and len(a.digits) == 4) else None
                if role is None:
                    i += 1
                    continue
            else:
                role = "date" if not plus and looks_like_date([n.num for n in nums]) else "identifier"
            for n in nums:
                n.chain_role = role
            i = j + 1
            continue
        i += 1


def looks_like_date(nums: list[DigitNumber | None]) -> bool:
    """Three integers that read as day/month/year or year/month/day."""
    if len(nums) != 3 or any(n is None or n.decimal for n in nums):
        return False
    vals = [int(n.value) for n in nums if n is not None]
    return (1 <= vals[0] <= 31 and 1 <= vals[1] <= 31 and 1000 <= vals[2] <= 2100) or \
        (1000 <= vals[0] <= 2100 and 1 <= vals[1] <= 12 and 1 <= vals[2] <= 31)


def skip_prefix(text: str, start: int, end: int, nletters: int) -> int:
    """Offset after ``nletters`` letters (marks and tatweel skipped) from ``start``."""
    i = start
    seen = 0
    while i < end and seen < nletters:
        if text[i] not in MARK_CHARS:
            seen += 1
        i += 1
    while i < end and text[i] in MARK_CHARS:
        i += 1
    return i


def strip_clitic(norm: str) -> str:
    """The word without one or two leading clitic letters (و ف ب ل ك), when long enough."""
    if len(norm) > 3 and norm[:2] in ("وب", "ول", "فب", "فل", "وك"):
        return norm[2:]
    if len(norm) > 2 and norm[0] in "وفبلك":
        return norm[1:]
    return norm


def word_eq(tok: Token, w: str, allow_clitic: bool) -> bool:
    """Token equals the normalized word ``w`` (with ``allow_clitic``, also after up to two clitic letters)."""
    if tok.norm == w:
        return True
    if not allow_clitic or tok.kind != "word":
        return False
    n = tok.norm
    return (len(n) > len(w) and n.endswith(w) and len(n) - len(w) <= 2
            and all(c in "وفبلك" for c in n[: len(n) - len(w)]))


def definite_word(n: str) -> bool:
    """A normalized word with the article, after at most one clitic (``الزائر``, ``وللمرة``, ``بالسجن``)."""
    return len(n) > 3 and (n.startswith(("ال", "لل")) or (n[0] in "وفبكل" and n[1:3] in ("ال", "لل")))


def function_word(n: str) -> bool:
    """A closed-class word of ``text/stopwords.txt`` as written, maybe after و/ف (``التي``, ``والذي``)."""
    forms = stopword_forms()
    return n in forms or (len(n) > 2 and n[0] in "وف" and n[1:] in forms)


def clitic_keys(norm: str) -> tuple[str, ...]:
    """The word and its forms without one and two leading clitic letters."""
    keys = [norm]
    if len(norm) > 2 and norm[0] in "وفبلك":
        keys.append(norm[1:])
        if len(norm) > 3 and norm[1] in "وفبلك":
            keys.append(norm[2:])
    return tuple(keys)


class PhraseIndex:
    """Phrases (tuples of normalized words) indexed by first and last word, longest first."""

    def __init__(self, items: list[tuple[Phrase, object]]) -> None:
        self.by_first: dict[str, list[tuple[Phrase, object]]] = {}
        self.by_last: dict[str, list[tuple[Phrase, object]]] = {}
        for ph, payload in sorted(items, key=lambda it: -len(it[0])):
            self.by_first.setdefault(ph[0], []).append((ph, payload))
            self.by_last.setdefault(ph[-1], []).append((ph, payload))

    def forward(self, toks: list[Token], i: int, first_clitic: bool = False) -> tuple[Phrase, object] | None:
        """Longest phrase starting at token ``i``."""
        if i >= len(toks):
            return None
        keys = clitic_keys(toks[i].norm) if first_clitic and toks[i].kind == "word" else (toks[i].norm,)
        best: tuple[Phrase, object] | None = None
        for key in keys:
            for ph, payload in self.by_first.get(key, ()):
                if best is not None and len(ph) <= len(best[0]):
                    break
                if i + len(ph) <= len(toks) and all(toks[i + k].norm == w for k, w in enumerate(ph[1:], 1)):
                    best = (ph, payload)
                    break
        return best

    def backward(self, toks: list[Token], end: int) -> tuple[int, Phrase, object] | None:
        """Longest phrase ending right before token ``end`` (its first word may carry clitics)."""
        if end <= 0:
            return None
        last = toks[end - 1]
        keys = clitic_keys(last.norm) if last.kind == "word" else (last.norm,)
        best: tuple[int, Phrase, object] | None = None
        for n, key in enumerate(keys):
            for ph, payload in self.by_last.get(key, ()):
                if n > 0 and len(ph) > 1:
                    continue  # a clitic is allowed on the first word only
                if best is not None and len(ph) <= len(best[1]):
                    break
                s = end - len(ph)
                if s < 0:
                    continue
                if len(ph) > 1 and not (word_eq(toks[s], ph[0], True)
                                        and all(toks[s + k].norm == w for k, w in enumerate(ph[1:-1], 1))):
                    continue
                best = (s, ph, payload)
                break
        return best


def start_after_clitics(tok: Token, word: str) -> int:
    """Start of ``word`` inside ``tok`` (after its conjunction/preposition clitics)."""
    extra = len(tok.norm) - len(word)
    if extra <= 0 or tok.kind != "word":
        return tok.start
    return skip_prefix(tok.text, 0, len(tok.text), extra) + tok.start
