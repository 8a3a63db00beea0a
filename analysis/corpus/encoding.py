"""Decoding article bytes: UTF-8 (with or without BOM), UTF-16 (with or without BOM), Windows-1256.

UTF-16 without a byte-order mark is recognised when the bytes, read as UTF-16
little- or big-endian, give plausible text (letters of the Arabic and Latin
scripts, digits, punctuation and spaces, almost nothing else); an odd number of
bytes that otherwise reads so is reported as truncated UTF-16, not as binary.

Windows-1256 is still common for Arabic text. It is not guessed blindly: bytes
that are not valid UTF-8 are decoded as Windows-1256 only when the result is
plausible Arabic text (most non-ASCII characters are Arabic letters or Arabic
punctuation); otherwise the input is rejected with the offset of the first
byte that is not UTF-8.

Example:
    >>> decode_bytes("سورية".encode("cp1256"), "x.txt")
    'سورية'
"""

from __future__ import annotations

import codecs

from analysis.errors import CorpusError

#: Share of non-ASCII characters that must be Arabic for a Windows-1256 reading to be accepted.
MIN_ARABIC_SHARE_CP1256 = 0.8
#: Share of control characters (other than tab, newline, carriage return, form feed) that marks binary data.
MAX_CONTROL_SHARE = 0.01

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
#: Share of characters that must be plausible text for UTF-16 without BOM to be accepted.
MIN_PLAUSIBLE_SHARE_UTF16 = 0.95
#: Code point ranges of plausible news text (Latin, Arabic, punctuation, presentation forms).
_PLAUSIBLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x20, 0x7E), (0xA0, 0x24F), (0x600, 0x6FF), (0x750, 0x77F), (0x8A0, 0x8FF), (0x2000, 0x206F),
    (0x20A0, 0x20CF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF),
)


def _is_arabic_char(ch: str) -> bool:
    cp = ord(ch)
    return 0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or ch in "\u200c\u200d\u200e\u200f"


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _ALLOWED_CONTROLS)
    return controls / len(text)


def _plausible_share(text: str) -> float:
    if not text:
        return 0.0
    good = 0
    for ch in text:
        cp = ord(ch)
        if ch in _ALLOWED_CONTROLS or any(lo <= cp <= hi for lo, hi in _PLAUSIBLE_RANGES):
            good += 1
    return good / len(text)


def _utf16_without_bom(data: bytes, path: object) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``data`` reads as plausible text in that byte order."""
    if len(data) < 4:
        return None
    even = data[: len(data) - len(data) % 2]
    best, best_share = None, 0.0
    for codec in ("utf-16-le", "utf-16-be"):
        text = even.decode(codec, errors="replace")
        share = _plausible_share(text)
        if share > best_share:
            best, best_share = codec, share
    if best is None or best_share < MIN_PLAUSIBLE_SHARE_UTF16:
        return None
    if len(data) % 2:
        raise CorpusError(path, f"truncated {best.upper()} text without byte-order mark (odd number of bytes)")
    try:
        data.decode(best)
    except UnicodeDecodeError as exc:
        raise CorpusError(path, f"{best.upper()} text without byte-order mark, "
                                f"undecodable at offset {exc.start}") from None
    return best


def normalize_newlines(text: str) -> str:
    """Convert Windows (CRLF) and old Mac (CR) line endings to ``\\n``."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def detect_encoding(data: bytes, path: object = "<bytes>") -> str:
    """Return the codec name for ``data``: ``utf-8-sig``, ``utf-16``, ``utf-8``, ``utf-16-le``,
    ``utf-16-be`` (UTF-16 without BOM) or ``cp1256``.

    Raises:
        CorpusError: Empty data, binary data, or bytes that are neither UTF-8,
            UTF-16 nor plausible Windows-1256 Arabic.

    Example:
        >>> detect_encoding("قال الوزير".encode("utf-16-le"))
        'utf-16-le'
    """
    if not data:
        raise CorpusError(path, "empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    utf8: str | None
    try:
        utf8 = data.decode("utf-8")
        first_bad = -1
    except UnicodeDecodeError as exc:
        utf8, first_bad = None, exc.start
    if utf8 is not None and b"\x00" not in data and _control_share(utf8) <= MAX_CONTROL_SHARE:
        return "utf-8"
    utf16 = _utf16_without_bom(data, path)
    if utf16 is not None:
        return utf16
    if b"\x00" in data:
        raise CorpusError(path, "binary file (contains NUL bytes)")
    if utf8 is not None:
        return "utf-8"  # valid UTF-8 full of control characters: decode_bytes names it binary
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = ""
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if non_ascii:
        arabic = sum(1 for ch in non_ascii if _is_arabic_char(ch))
        if arabic / len(non_ascii) >= MIN_ARABIC_SHARE_CP1256 and _control_share(text) <= MAX_CONTROL_SHARE:
            return "cp1256"
    raise CorpusError(
        path,
        f"undecodable bytes: not UTF-8 (first invalid byte at offset {first_bad}) "
        "and not plausible Windows-1256 Arabic text",
    )


def decode_bytes(data: bytes, path: object = "<bytes>") -> str:
    """Decode article bytes to text with normalized line endings.

    Args:
        data: Raw file content.
        path: Used in error messages.

    Returns:
        The decoded text, ``\\n`` line endings, without BOM.

    Raises:
        CorpusError: Empty, binary or undecodable input.
    """
    codec = detect_encoding(data, path)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise CorpusError(path, f"undecodable bytes for {codec} at offset {exc.start}") from exc
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise CorpusError(path, "binary file (control characters)")
    text = normalize_newlines(text)
    if not text.strip():
        raise CorpusError(path, "empty file (only whitespace)")
    return text
