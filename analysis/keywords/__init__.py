"""Keywords of one article (:func:`top_keywords`), keyword frequencies, multi-word terms and distinctiveness.

:mod:`analysis.keywords.top` ranks one article's keywords against a background of document
frequencies (:mod:`analysis.keywords.background`); :mod:`analysis.keywords.terms` counts terms
over collections of texts.
"""

from analysis.keywords.article import KEYWORDS_PER_ARTICLE, article_keywords
from analysis.keywords.background import Background, BackgroundError, build_background, load_background
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
from analysis.keywords.top import keyword_rows, top_keywords

__all__ = ["Background", "BackgroundError", "build_background", "keyword_rows", "load_background", "top_keywords",
           "KEYWORDS_PER_ARTICLE", "LEVELS", "LLR_P001", "KeyAnalyzer", "KeywordError", "collocations",
           "display_forms", "distinctive_terms", "keyword_table", "log_likelihood", "article_keywords",
           "sentence_runs", "stopwords_as_written", "term_matrix"]
