"""Typed exceptions raised by the analysis package."""

from __future__ import annotations


class AnalysisError(Exception):
    """Base class of every error this package raises on purpose."""


class CorpusError(AnalysisError):
    """An input file or record could not be loaded.

    Attributes:
        path: The file that failed (as given by the caller).
        reason: A short, human-readable reason (``"empty file"``, ``"binary file"`` ...).
        record: The record inside the file (e.g. a ``DOCNO`` or line number), if any.
    """

    def __init__(self, path: object, reason: str, record: str | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.record = record
        where = f"{self.path}" + (f" [{record}]" if record else "")
        super().__init__(f"{where}: {reason}")


class LexiconError(AnalysisError):
    """A lexicon data file is missing or malformed."""


class TextInputError(AnalysisError, TypeError):
    """A text given to the package is not a string (names what was given instead)."""
