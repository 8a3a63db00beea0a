"""Numbers written with digits: Western, Arabic-Indic and Persian; separators told apart.

A *digit run* is what the tokenizer of :mod:`analysis.numbers` matches:
digits, possibly joined by separators (``. , ٫ ٬ ،``), optionally followed by an
exponent (``1e10``, ``1.1^23``). :func:`interpret_digit_run` decides what the
separators mean:

* ``٫`` is always a decimal point, ``٬`` always a thousands separator;
* ``,`` ``٬`` ``،`` (and ``.`` when repeated, ``1.473.659``) separate thousands
  when every group after the first has exactly three digits and the first
  group has one to three digits not starting with 0: ``1,500`` = 1500,
  ``١٬٥٠٠`` = 1500, ``١،٢٣٤،٥٦٧`` = 1234567;
* a single ``.`` is a decimal point (``2.5``); a single ``,`` not followed by
  exactly three digits is a decimal comma (``10,8`` = 10.8, ``٤,٨`` = 4.8);
* when two kinds of separator appear, the last one is the decimal point if
  the others group thousands (``1,234.5``, ``1.234,5``, ``45،300,25``);
* anything else (``10.20.30.40``, ``3،4``) is several numbers, one per group.

Format characters (ZWNJ, ZWJ, LRM, RLM, ALM and the other bidi controls) between
digits, or between digits and separators, are part of the number and ignored
when reading it: ``١‌٢`` is 12. Runs with a
group of more than ``MAX_DIGITS`` digits (hashes, dumps) or an exponent
beyond ±``MAX_EXPONENT`` are not numbers.

Example:
    >>> [n.value for n in interpret_digit_run("١٬٥٠٠", 0)]
    [Fraction(1500, 1)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from analysis.text.chars import DIGITS_CLASS, NUMBER_FORMAT_CHARS, NUMBER_FORMAT_CLASS

DIGITS = DIGITS_CLASS
INVISIBLE = NUMBER_FORMAT_CLASS
_DIGIT_MAP = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789", NUMBER_FORMAT_CHARS)
DECIMAL_ONLY = "٫"
#: Digits with format characters inside (``١‌٢``).
_DIGIT_GROUP = rf"[{DIGITS}]+(?:[{INVISIBLE}]+[{DIGITS}]+)*"
#: Pattern of a digit run (used inside the tokenizer's regex).
DIGIT_RUN_PATTERN = (
    rf"{_DIGIT_GROUP}(?:[{INVISIBLE}]*[.,٫٬،][{INVISIBLE}]*{_DIGIT_GROUP})*"
    rf"(?:[eE][+-]?[{DIGITS}]+|\^[+-]{{0,2}}[{DIGITS}]+(?:[.,٫][{DIGITS}]+)?)?"
)
MAX_DIGITS = 300
MAX_EXPONENT = 300
_GROUP_RE = re.compile(rf"{_DIGIT_GROUP}|[.,٫٬،]")
_EXP_RE = re.compile(rf"(?:[eE]([+-]?[{DIGITS}]+)|\^([+-]{{0,2}}[{DIGITS}]+(?:[.,٫][{DIGITS}]+)?))$")


@dataclass(frozen=True)
class DigitNumber:
    """One number read from a digit run.

    Attributes:
        start: Offset of its first character in the text.
        end: Offset after its last character.
        value: Exact value.
        decimal: Written with a fractional part (``2.5``, ``5.00``) or an exponent.
        digits: The integer part as ASCII digits (``"0025"`` keeps leading zeros).
        grouped: Written with thousands separators.
    """

    start: int
    end: int
    value: Fraction
    decimal: bool
    digits: str
    grouped: bool = False

    @property
    def leading_zero(self) -> bool:
        """True for ``007``-style numbers (identifiers, codes)."""
        return len(self.digits) > 1 and self.digits[0] == "0"


def ascii_digits(s: str) -> str:
    """Map Arabic-Indic and Persian digits to ASCII, dropping format characters: ``٢٠٢٣`` -> ``2023``."""
    return s.translate(_DIGIT_MAP)


def _valid_thousands(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and groups[0][0] != "0" and all(len(g) == 3 for g in groups[1:])


def interpret_digit_run(run: str, start: int) -> list[DigitNumber]:
    """Read a digit run (as matched by ``DIGIT_RUN_PATTERN``) into one or more numbers.

    Args:
        run: The matched text.
        start: Its offset in the full text (spans are returned in text offsets).

    Returns:
        One number, or several when the separators are not number-internal
        (``10.20.30.40`` gives four); empty for runs that are not numbers
        (a group longer than ``MAX_DIGITS``, an exponent beyond ``MAX_EXPONENT``).
    """
    exp_value: Fraction | None = None
    body = run
    m = _EXP_RE.search(run)
    if m:
        body = run[: m.start()]
        exp_text = ascii_digits(m.group(1) if m.group(1) is not None else m.group(2))
        try:
            if abs(float(exp_text.lstrip("+-").replace(",", ".").replace("٫", "."))) > MAX_EXPONENT:
                return []
        except ValueError:
            return []
        if m.group(1) is not None:
            exp_value = Fraction(10) ** int(exp_text)
    parts = [(g.group(), g.start()) for g in _GROUP_RE.finditer(body)]
    if any(len(p) > MAX_DIGITS for p, _ in parts):
        return []
    groups = [ascii_digits(p) for p, _ in parts[0::2]]
    seps = [p for p, _ in parts[1::2]]
    if not seps:
        value = Fraction(int(groups[0]))
        decimal = False
        if m:
            value, decimal = _apply_exponent(value, m, exp_value), True
        return [DigitNumber(start, start + len(run), value, decimal, groups[0])]
    reading = _read_separators(groups, seps)
    if reading is None:
        # several numbers, one per group
        out = []
        for (text, off) in parts[0::2]:
            digits = ascii_digits(text)
            out.append(DigitNumber(start + off, start + off + len(text), Fraction(int(digits)), False, digits))
        if m:  # an exponent belongs to the last group only
            last = out[-1]
            out[-1] = DigitNumber(last.start, start + len(run), _apply_exponent(last.value, m, exp_value), True,
                                  last.digits)
        return out
    int_part, frac_part, grouped = reading
    value = Fraction(int(int_part))
    if frac_part:
        value += Fraction(int(frac_part), 10 ** len(frac_part))
    decimal = bool(frac_part)
    if m:
        value, decimal = _apply_exponent(value, m, exp_value), True
    return [DigitNumber(start, start + len(run), value, decimal, int_part, grouped)]


def _apply_exponent(value: Fraction, m: re.Match[str], exp10: Fraction | None) -> Fraction:
    if exp10 is not None:
        return value * exp10
    raw = ascii_digits(m.group(2)).replace(",", ".").replace("٫", ".")
    sign = -1 if raw[: len(raw) - len(raw.lstrip("+-"))].count("-") % 2 else 1
    power = str(sign * float(raw.lstrip("+-")))
    try:
        result = float(value) ** float(power)
    except (OverflowError, ZeroDivisionError, ValueError):
        return value
    if isinstance(result, complex) or result != result or result in (float("inf"), float("-inf")):
        return value
    return Fraction(result).limit_denominator(10**12)


def _read_separators(groups: list[str], seps: list[str]) -> tuple[str, str, bool] | None:
    """Return (integer digits, fraction digits, grouped) or None for 'several numbers'."""
    kinds = set(seps)
    if kinds == {DECIMAL_ONLY}:
        return (groups[0], groups[1], False) if len(seps) == 1 else None
    if len(kinds) == 1:
        sep = seps[0]
        if _valid_thousands(groups) and (sep != "." or len(seps) > 1):
            return "".join(groups), "", True
        if len(seps) == 1 and sep in ".,":
            return groups[0], groups[1], False
        return None
    # two kinds: the last separator is the decimal point when it appears once
    last = seps[-1]
    if seps.count(last) == 1 and last in ".,٫" and _valid_thousands(groups[:-1]):
        return "".join(groups[:-1]), groups[-1], True
    return None
