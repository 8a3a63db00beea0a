"""One article, analysed once: the :class:`Document` every analyser reads.

A ``Document`` holds the original text and what the text core computes from it
once: the matching form with its offset map, sentences, paragraphs and tokens.
Everything else is a *layer*, computed on first use and cached on the document:
gazetteer hits, entities, numbers, time expressions, quotation spans,
attributions (who says what), quotes, claims, keywords. Each layer is computed
by the subpackage that owns it, which registers a factory for it here
(:func:`register_layer`) when it is imported, the way spaCy components annotate a
``Doc``: the text core never imports the layers above it.

``from analysis.document import Document`` imports every layer, so every
property works. Offsets of every layer index :attr:`Document.text`.

Example:
    >>> doc = Document("قال المرصد إن 12 مدنياً قتلوا. وأضاف أن الغارات مستمرة.", doc_id="d1")
    >>> [s.text for s in doc.sentences]
    ['قال المرصد إن 12 مدنياً قتلوا.', 'وأضاف أن الغارات مستمرة.']
    >>> doc.tokens[0].text, doc.tokens[3].kind
    ('قال', 'number')
    >>> doc.sentence_index(20)
    0
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from datetime import date, datetime
from functools import cached_property
from typing import Any

from analysis.errors import AnalysisError, TextInputError
from analysis.text.normalize import NormalizedText, matching_text
from analysis.text.sentences import Sentence, split_paragraphs, split_sentences
from analysis.text.tokens import Token, tokenize


class DocumentError(AnalysisError):
    """A layer was asked of a :class:`Document` that no imported subpackage provides, or a bad reference date."""


#: Layer name -> (factory, the subpackage that provides it).
_LAYERS: dict[str, tuple[Callable[["Document"], Any], str]] = {}


def register_layer(name: str, factory: Callable[["Document"], Any], *, provider: str) -> None:
    """Declare how a layer is computed from a document (called by the subpackage owning the layer).

    Args:
        name: Layer name (``"entities"``, ``"claims"`` …).
        factory: Function of the document returning the layer's value (light objects, not DataFrames).
        provider: Module path that registers it, named in errors.
    """
    _LAYERS[name] = (factory, provider)


def registered_layers() -> dict[str, str]:
    """Registered layer names and the module providing each."""
    return {name: provider for name, (_, provider) in sorted(_LAYERS.items())}


def parse_reference_date(value: Any) -> date | None:
    """A publication date as :class:`datetime.date`: from a date, datetime, pandas Timestamp or ISO string.

    Raises:
        DocumentError: A string that is not an ISO date (``YYYY-MM-DD``), or another type.

    Example:
        >>> parse_reference_date("2017-09-05T10:00:00")
        datetime.date(2017, 9, 5)
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "date") and callable(value.date):  # pandas Timestamp
        return value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise DocumentError(f"reference date {value!r} is not an ISO date (YYYY-MM-DD)") from None
    raise DocumentError(f"reference date must be a date or an ISO string, got {type(value).__name__}")


class Document:
    """An article tokenized once, with lazily computed, cached analysis layers.

    Args:
        text: The article text (logical-order Unicode); every offset indexes it.
        doc_id: Identifier used in tables (``claim_id`` = ``<doc_id>-c001``).
        reference_date: Publication date (date, datetime or ISO string) for relative time expressions.
        title: Headline, when known.

    Raises:
        TextInputError: ``text`` is not a string.
        DocumentError: ``reference_date`` cannot be read as a date.
    """

    def __init__(self, text: str, *, doc_id: str | None = None, reference_date: Any = None,
                 title: str | None = None) -> None:
        if not isinstance(text, str):
            raise TextInputError(f"Document expects text as str, got {type(text).__name__}")
        self.text = text
        self.doc_id = doc_id
        self.reference_date = parse_reference_date(reference_date)
        self.title = title
        self._layers: dict[str, Any] = {}

    def __repr__(self) -> str:
        return f"Document(doc_id={self.doc_id!r}, chars={len(self.text)}, layers={sorted(self._layers)})"

    # ------------------------------------------------------------------ the text core
    @cached_property
    def matching(self) -> NormalizedText:
        """The matching form (:func:`analysis.text.normalize.matching_text`) with the one offset map."""
        return matching_text(self.text)

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentence spans (:func:`analysis.text.sentences.split_sentences`)."""
        return split_sentences(self.text)

    @cached_property
    def sentence_spans(self) -> list[tuple[int, int]]:
        """``(start, end)`` of every sentence; one span for a non-empty text without a break."""
        spans = [(s.start, s.end) for s in self.sentences]
        if not spans and self.text.strip():
            s = len(self.text) - len(self.text.lstrip())
            spans = [(s, len(self.text.rstrip()))]
        return spans

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentence_spans]

    @cached_property
    def paragraphs(self) -> list[Sentence]:
        """Paragraph spans (text between line breaks)."""
        return split_paragraphs(self.text)

    @cached_property
    def tokens(self) -> list[Token]:
        """Tokens with clitics and lemma keys (:func:`analysis.text.tokens.tokenize`)."""
        return tokenize(self.text)

    @cached_property
    def token_starts(self) -> list[int]:
        """Start offset of every token (for bisecting)."""
        return [t.start for t in self.tokens]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing (or last starting before) ``offset``; 0 for an offset before the first."""
        return max(bisect_right(self._sentence_starts, offset) - 1, 0)

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """``(first, after)`` indexes of the tokens starting inside ``[start, end)``."""
        starts = self.token_starts
        return bisect_right(starts, start - 1), bisect_right(starts, end - 1)

    # ------------------------------------------------------------------ layers
    def layer(self, name: str) -> Any:
        """The value of a layer, computed on first use by its registered factory.

        Raises:
            DocumentError: No imported subpackage provides ``name``.
        """
        try:
            return self._layers[name]
        except KeyError:
            pass
        try:
            factory, _ = _LAYERS[name]
        except KeyError:
            known = ", ".join(sorted(_LAYERS)) or "none"
            raise DocumentError(
                f"no layer {name!r} is registered (registered: {known}); "
                "import analysis.document to load every layer") from None
        value = self._layers[name] = factory(self)
        return value

    def has_layer(self, name: str) -> bool:
        """Whether the layer was computed already."""
        return name in self._layers

    def set_layer(self, name: str, value: Any) -> None:
        """Store a layer computed elsewhere (e.g. a table passed by the caller)."""
        self._layers[name] = value

    @property
    def gazetteer_hits(self) -> Any:
        """Gazetteer matches over the matching form (one scan)."""
        return self.layer("gazetteer_hits")

    @property
    def entities(self) -> Any:
        """Entity mentions (gazetteer, nisba adjectives, candidate names)."""
        return self.layer("entities")

    @property
    def numbers(self) -> Any:
        """Number mentions (:class:`analysis.numbers.NumberMention`)."""
        return self.layer("numbers")

    @property
    def time_expressions(self) -> Any:
        """Time expressions resolved against :attr:`reference_date`."""
        return self.layer("time_expressions")

    @property
    def quotation_spans(self) -> Any:
        """Quotation-mark pairs."""
        return self.layer("quotation_spans")

    @property
    def attributions(self) -> Any:
        """Reporting verbs and source markers with their sources (who says what)."""
        return self.layer("attributions")

    @property
    def quotes(self) -> Any:
        """Quotations with their speakers."""
        return self.layer("quotes")

    @property
    def claims(self) -> Any:
        """Claim rows (dicts with the claims table's columns)."""
        return self.layer("claims")

    @property
    def keywords(self) -> Any:
        """Keyword rows of the article."""
        return self.layer("keywords")


def as_document(text_or_doc: "str | Document", **kwargs: Any) -> Document:
    """The document itself, or a new :class:`Document` of a string (``kwargs`` passed on).

    Lets every public analyser accept either; a document given keeps its own ``doc_id`` and date.
    """
    if isinstance(text_or_doc, Document):
        return text_or_doc
    return Document(text_or_doc, **kwargs)
