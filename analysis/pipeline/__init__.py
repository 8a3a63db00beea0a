"""Corpus runs: the per-article pipeline, the runner, tables and aggregates."""

from analysis.pipeline.article import (
    MAX_ARTICLE_CHARS,
    STAGES,
    TABLE_SCHEMAS,
    ArticleResult,
    article_key,
    process_article,
    process_batch,
    process_item,
)

__all__ = ["MAX_ARTICLE_CHARS", "STAGES", "TABLE_SCHEMAS", "ArticleResult", "article_key", "process_article",
           "process_batch", "process_item"]
