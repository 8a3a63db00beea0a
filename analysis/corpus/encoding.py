"""Decoding article bytes: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1256.

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


def _is_arabic_char(ch: str) -> bool:
    cp = ord(ch)
    return 0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or ch in "\u200c\u200d\u200e\u200f"


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _ALLOWED_CONTROLS)
    return controls / len(text)


def normalize_newlines(text: str) -> str:
    """Convert Windows (CRLF) and old Mac (CR) line endings to ``\\n``."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def detect_encoding(data: bytes, path: object = "<bytes>") -> str:
    """Return the codec name for ``data``: ``utf-8-sig``, ``utf-16``, ``utf-8`` or ``cp1256``.

    Raises:
        CorpusError: Empty data, binary data, or bytes that are neither UTF-8
            nor plausible Windows-1256 Arabic.
    """
    if not data:
        raise CorpusError(path, "empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    if b"\x00" in data:
        raise CorpusError(path, "binary file (contains NUL bytes)")
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
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
