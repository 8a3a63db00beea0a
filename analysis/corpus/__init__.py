"""Loading articles from files, folders and archives (see :mod:`analysis.corpus.loader`)."""

from analysis.corpus.loader import (
    ARCHIVE_SEPARATOR,
    ARCHIVE_SUFFIXES,
    CATALOG_FIELDS,
    MAX_ARCHIVE_BYTES,
    MAX_FILE_BYTES,
    SUPPORTED_SUFFIXES,
    Article,
    ArticleIterator,
    LoadProblem,
    file_sha256,
    iter_articles,
    iter_sources,
    load_article,
    load_seeds,
    parse_bytes,
    read_catalog,
)
from analysis.corpus.select import safe_name, select_article

__all__ = ["ARCHIVE_SEPARATOR", "ARCHIVE_SUFFIXES", "CATALOG_FIELDS", "MAX_ARCHIVE_BYTES", "MAX_FILE_BYTES",
           "SUPPORTED_SUFFIXES", "Article", "ArticleIterator", "LoadProblem", "file_sha256", "iter_articles",
           "iter_sources", "load_article", "load_seeds", "parse_bytes", "read_catalog", "safe_name", "select_article"]
