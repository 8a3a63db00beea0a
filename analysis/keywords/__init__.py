"""Keyword frequencies, multi-word terms and distinctiveness (see :mod:`analysis.keywords.terms`)."""

from analysis.keywords.article import KEYWORDS_PER_ARTICLE, article_keywords
from analysis.keywords.terms import (
    LEVELS,
    LLR_P001,
    KeyAnalyzer,
    KeywordError,
    collocations,
    display_forms,
    distinctive_terms,
    keyword_table,
    log_likelihood,
    sentence_runs,
    stopwords_as_written,
    term_matrix,
)

__all__ = ["KEYWORDS_PER_ARTICLE", "LEVELS", "LLR_P001", "KeyAnalyzer", "KeywordError", "collocations", "display_forms", "distinctive_terms",
           "keyword_table", "log_likelihood", "article_keywords", "sentence_runs", "stopwords_as_written", "term_matrix"]
