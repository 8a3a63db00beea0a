"""Who says what: quotation spans, reporting verbs and their sources, quotations with speakers."""

from analysis.attribution.quotes import (
    QUOTE_COLUMNS,
    Attribution,
    Quote,
    QuoteSpan,
    attribute_sentences,
    find_attributions,
    find_quotes,
    quote_records,
    quote_spans,
    source_at,
)

__all__ = ["QUOTE_COLUMNS", "Attribution", "Quote", "QuoteSpan", "attribute_sentences", "find_attributions",
           "find_quotes", "quote_records", "quote_spans", "source_at"]
