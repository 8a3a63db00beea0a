"""Aggregated tables of a corpus run — counts, keys and short terms, never article text.

:func:`aggregate_run` reads the tables written by ``python -m analysis run``
(``articles``, ``claims``, ``entities``, ``quotes``, ``keywords``, ``errors``)
and writes small CSV tables that can be committed and published even when the
corpus itself cannot: no sentence, quotation, title or URL leaves the run
folder; only counts, dates, outlet names, category keys, gazetteer names,
counted nouns (``unit_ar``) and keyword keys/display forms.

Every table is sorted on all its key columns and has no timestamps, so running
the aggregation twice on the same run gives byte-identical files.

Tables (``<out>/<name>.csv``):

======================================  ===========================================================
``run_overview``                        articles, errors, claims, entities, quotes, MB of text
``errors_by_stage``                     errors per stage (load, claims, ...) and exception type
``articles_by_outlet_month``            articles and claims per outlet and month
``articles_by_outlet_category``         articles and claims per outlet and corpus category
``claims_by_outlet_month``              claims per outlet, month and claim category
``claims_by_category_unit``             claims per claim category and unit (articles, outlets)
``claim_sources``                       who claims are attributed to, per category and outlet count
``largest_claims``                      the largest figures per category and unit, with outlet, date
``top_terms``                           most frequent keyword keys over the corpus
``top_terms_by_outlet``                 the same per outlet
``keyword_trends``                      monthly counts of the overall top terms
``top_entities``                        most mentioned gazetteer entities per type
``quote_speakers``                      speakers of quotations
``seed_themes_by_outlet``               the seed's kinds of claims (Russian MoD, air operations,
                                        territory, casualties) per outlet and month
``events_multi_outlet`` …               events reported by several outlets, their figures, same-day
                                        disagreements and sources, when the run has event tables
                                        (:mod:`analysis.pipeline.event_aggregates`)
======================================  ===========================================================

Example:
    >>> aggregate_run("build/corpus-run", "tables/corpus")  # doctest: +SKIP
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis.csvio import frame_to_csv_text, read_csv
from analysis.errors import AnalysisError
from analysis.pipeline.article import TABLE_SCHEMAS
from analysis.pipeline.event_aggregates import EVENT_TABLE_DOCS, event_builders
from analysis.pipeline.tables import atomic_write_text, coerce_frame

#: Rows kept in the top-N tables (per group where the table is grouped).
DEFAULT_TOP = 30
#: Terms followed month by month in ``keyword_trends``.
TREND_TERMS = 25
#: Largest claims kept per (category, unit).
LARGEST_PER_GROUP = 5
#: Longest string kept in a key cell (sources, speakers); longer ones are cut with "…".
MAX_KEY_CHARS = 60
#: Names under which the Russian Ministry of Defence appears as a claim source or actor.
RUSSIAN_MOD_NAMES = frozenset({"وزارة الدفاع الروسية", "الدفاع الروسية", "Russian Ministry of Defence",
                               "russian_mod"})
#: Claim categories followed in ``seed_themes_by_outlet`` (besides the Russian MoD).
THEME_CATEGORIES = {"air_operations": "air_operations", "territory": "territory", "casualties": "casualties"}

UNKNOWN = "(unknown)"

#: One line per aggregated table, written to the README.md of the output folder.
TABLE_DOCS: dict[str, str] = {
    "run_overview": "metric, value — articles, articles partly analysed, load and analysis errors, claims, "
                    "entities, quotes, outlets, months, MB of article text",
    "errors_by_stage": "stage, error_type, errors — why inputs or analysers failed (no messages, no text)",
    "articles_by_outlet_month": "outlet, month, articles, claims",
    "articles_by_outlet_category": "outlet, category (the corpus's own section), articles, claims",
    "claims_by_outlet_month": "outlet, month, category (claim category), claims",
    "claims_by_category_unit": "category, unit, claims, articles, outlets",
    "claim_sources": "category, source (as attributed in the text, or the gazetteer name), source_en, claims, "
                     "articles, outlets — top N per category",
    "largest_claims": "category, unit, rank, figure (upper bound, else lower bound), value_low, value_high, "
                      "qualifier, quantity_text (the figure as written), unit_ar, category_cue (the word that set "
                      "the category, e.g. مقتل), event, source, source_en, outlet, published, doc_id, claim_id — the "
                      "largest first mentions per category and unit (restatements skipped)",
    "top_terms": "rank, key (lemma keys; a name or term: its words' keys), display (most frequent written form), "
                 "count, documents — summed over each article's top keywords (analysis.keywords.top_keywords)",
    "top_terms_by_outlet": "outlet, rank, key, display, count, documents",
    "keyword_trends": "month, key, count, documents, articles_in_month, documents_share — for the overall top "
                      "terms",
    "top_entities": "type, canonical, name_en, mentions, articles, outlets — top N per entity type",
    "quote_speakers": "speaker (canonical where known), quotes, articles, outlets",
    "seed_themes_by_outlet": "theme, outlet, month, count, articles, articles_in_group — Russian MoD claims and "
                             "mentions, air operations, territory and casualty claims; zero rows included",
    **EVENT_TABLE_DOCS,
}


class AggregateError(AnalysisError):
    """The run folder lacks a table the aggregation needs."""


def _read(run_dir: Path, name: str, columns: list[str]) -> pd.DataFrame:
    path = run_dir / f"{name}.csv"
    if not path.is_file():
        raise AggregateError(f"{path}: missing (run `python -m analysis run ... --out {run_dir}` first)")
    schema = {c: TABLE_SCHEMAS[name][c] for c in columns}
    frame = read_csv(path, usecols=lambda c: c in schema)
    return coerce_frame(frame, schema)


def _short(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return UNKNOWN
    s = " ".join(str(value).split())
    if not s:
        return UNKNOWN
    return s if len(s) <= MAX_KEY_CHARS else s[: MAX_KEY_CHARS - 1] + "…"


def _fill(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    frame = frame.copy()
    for col in columns:
        frame[col] = frame[col].map(_short).astype(str)
    return frame


def _sorted(frame: pd.DataFrame, by: list[str], ascending: list[bool] | bool = True) -> pd.DataFrame:
    return frame.sort_values(by, ascending=ascending, kind="mergesort").reset_index(drop=True)


def _write(frame: pd.DataFrame, out: Path, name: str) -> Path:
    return atomic_write_text(out / f"{name}.csv", frame_to_csv_text(frame))


# --- the tables -------------------------------------------------------------


def _with_article_info(frame: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    info = articles[["article_key", "outlet", "month", "published", "category"]]
    info = info.rename(columns={"category": "corpus_category"})
    return frame.merge(info, on="article_key", how="left")


def run_overview(articles: pd.DataFrame, errors: pd.DataFrame, n_claims: int, n_entities: int, n_quotes: int,
                 ) -> pd.DataFrame:
    rows = [
        ("articles", len(articles)),
        ("articles_partly_analysed", int((articles["status"] == "partial").sum())),
        ("load_errors", int((errors["stage"] == "load").sum())),
        ("analysis_errors", int((errors["stage"] != "load").sum())),
        ("claims", n_claims),
        ("entities", n_entities),
        ("quotes", n_quotes),
        ("outlets", int(articles["outlet"].nunique())),
        ("months", int(articles.loc[articles["month"] != UNKNOWN, "month"].nunique())),
        ("text_megabytes", round(float(articles["n_bytes"].fillna(0).sum()) / 1e6, 2)),
    ]
    return pd.DataFrame(rows, columns=["metric", "value"])


def errors_by_stage(errors: pd.DataFrame) -> pd.DataFrame:
    e = _fill(errors, ["stage", "error_type"])
    out = e.groupby(["stage", "error_type"]).size().rename("errors").reset_index()
    return _sorted(out, ["stage", "error_type"])


def articles_by(articles: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    out = articles.groupby(keys).agg(articles=("article_key", "size"), claims=("n_claims", "sum")).reset_index()
    out["claims"] = out["claims"].astype(int)
    return _sorted(out, keys)


def claims_by_outlet_month(claims: pd.DataFrame) -> pd.DataFrame:
    out = claims.groupby(["outlet", "month", "category"]).size().rename("claims").reset_index()
    return _sorted(out, ["outlet", "month", "category"])


def claims_by_category_unit(claims: pd.DataFrame) -> pd.DataFrame:
    out = claims.groupby(["category", "unit"]).agg(
        claims=("article_key", "size"), articles=("article_key", "nunique"), outlets=("outlet", "nunique"),
    ).reset_index()
    return _sorted(out, ["claims", "category", "unit"], [False, True, True])


def _mode_per(frame: pd.DataFrame, keys: list[str], column: str) -> pd.DataFrame:
    """The most frequent value of ``column`` per ``keys`` (ties: smallest value), unknowns last."""
    counts = frame.groupby([*keys, column]).size().rename("_n").reset_index()
    counts["_unknown"] = counts[column] == UNKNOWN
    counts = counts.sort_values([*keys, "_unknown", "_n", column], ascending=[*([True] * len(keys)), True, False, True],
                                kind="mergesort")
    return counts.drop_duplicates(keys)[[*keys, column]]


def claim_sources(claims: pd.DataFrame, top: int) -> pd.DataFrame:
    known = claims[claims["source"] != UNKNOWN]
    out = known.groupby(["category", "source"]).agg(
        claims=("article_key", "size"), articles=("article_key", "nunique"), outlets=("outlet", "nunique"),
    ).reset_index()
    out = out.merge(_mode_per(known, ["category", "source"], "source_en"), on=["category", "source"], how="left")
    out = out[["category", "source", "source_en", "claims", "articles", "outlets"]]
    out = _sorted(out, ["category", "claims", "source"], [True, False, True])
    return out.groupby("category", sort=True).head(top).reset_index(drop=True)


def largest_claims(claims: pd.DataFrame, per_group: int) -> pd.DataFrame:
    """The largest figures per claim category and unit (first mentions; restatements skipped)."""
    c = claims[claims["duplicate_of"] == UNKNOWN].copy()  # one row per claim, not per restatement
    c["figure"] = c[["value_low", "value_high"]].max(axis=1, skipna=True)
    c = c[c["figure"].notna()]
    cols = ["category", "unit", "figure", "value_low", "value_high", "qualifier", "quantity_text", "unit_ar",
            "category_cue", "event", "source", "source_en", "outlet", "published", "doc_id", "claim_id"]
    c = _sorted(c[cols], ["category", "unit", "figure", "outlet", "published", "doc_id", "claim_id"],
                [True, True, False, True, True, True, True])
    out = c.groupby(["category", "unit"], sort=True).head(per_group).reset_index(drop=True)
    out.insert(2, "rank", out.groupby(["category", "unit"]).cumcount() + 1)
    return out


def top_terms(keywords: pd.DataFrame, top: int, by: list[str] | None = None) -> pd.DataFrame:
    """Keywords summed over the articles' keyword lists: occurrences and articles per key (and group).

    ``display`` is the key's most frequent display form over the articles (ties: the smallest form).
    """
    by = by or []
    grouped = keywords.groupby([*by, "key"]).agg(count=("count", "sum"), documents=("article_key", "nunique"))
    grouped = grouped.reset_index()
    display = (keywords.groupby([*by, "key", "display"])["count"].sum().reset_index()
               .sort_values([*by, "key", "count", "display"], ascending=[*([True] * len(by)), True, False, True],
                            kind="mergesort")
               .drop_duplicates([*by, "key"])[[*by, "key", "display"]])
    out = grouped.merge(display, on=[*by, "key"], how="left")
    out = _sorted(out, [*by, "count", "documents", "key"], [*([True] * len(by)), False, False, True])
    if by:
        out = out.groupby(by, sort=True).head(top).reset_index(drop=True)
        out.insert(len(by), "rank", out.groupby(by).cumcount() + 1)
    else:
        out = out.head(top).reset_index(drop=True)
        out.insert(0, "rank", range(1, len(out) + 1))
    out["count"] = out["count"].astype(int)
    return out[[*by, "rank", "key", "display", "count", "documents"]]


def keyword_trends(keywords: pd.DataFrame, articles: pd.DataFrame, terms: list[str]) -> pd.DataFrame:
    k = keywords[keywords["key"].isin(terms) & (keywords["month"] != UNKNOWN)]
    out = k.groupby(["month", "key"]).agg(count=("count", "sum"), documents=("article_key", "nunique")).reset_index()
    per_month = articles[articles["month"] != UNKNOWN].groupby("month").size().rename("articles_in_month")
    out = out.merge(per_month.reset_index(), on="month", how="left")
    out["count"] = out["count"].astype(int)
    out["documents_share"] = (out["documents"] / out["articles_in_month"]).round(4)
    return _sorted(out, ["month", "key"])


def top_entities(entities: pd.DataFrame, top: int) -> pd.DataFrame:
    e = entities[entities["canonical"] != UNKNOWN]
    out = e.groupby(["type", "canonical", "name_en"]).agg(
        mentions=("article_key", "size"), articles=("article_key", "nunique"), outlets=("outlet", "nunique"),
    ).reset_index()
    out = _sorted(out, ["type", "mentions", "canonical"], [True, False, True])
    return out.groupby("type", sort=True).head(top).reset_index(drop=True)


def quote_speakers(quotes: pd.DataFrame, top: int) -> pd.DataFrame:
    q = quotes.copy()
    q["speaker"] = q["speaker_canonical"].where(q["speaker_canonical"] != UNKNOWN, q["speaker"])
    q = q[q["speaker"] != UNKNOWN]
    out = q.groupby("speaker").agg(quotes=("article_key", "size"), articles=("article_key", "nunique"),
                                   outlets=("outlet", "nunique")).reset_index()
    return _sorted(out, ["quotes", "speaker"], [False, True]).head(top).reset_index(drop=True)


def seed_themes_by_outlet(claims: pd.DataFrame, entities: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Claims of the seed's kinds, and articles naming the Russian MoD, per outlet and month.

    Every (theme, outlet, month) of the corpus has a row (zero counts included), with
    ``articles_in_group`` (articles of that outlet and month) so shares can be computed.
    """
    mod = (claims["source"].isin(RUSSIAN_MOD_NAMES) | claims["source_en"].isin(RUSSIAN_MOD_NAMES)
           | claims["actor"].isin(RUSSIAN_MOD_NAMES))
    themes: dict[str, tuple[pd.DataFrame, pd.Series]] = {"russian_mod_claims": (claims, mod)}
    for theme, category in THEME_CATEGORIES.items():
        themes[f"{theme}_claims"] = (claims, claims["category"] == category)
    themes["russian_mod_air_operations_claims"] = (claims, mod & (claims["category"] == "air_operations"))
    themes["russian_mod_mentions"] = (entities, entities["canonical"].isin(RUSSIAN_MOD_NAMES)
                                      | entities["name_en"].isin(RUSSIAN_MOD_NAMES))
    groups = articles.groupby(["outlet", "month"]).size().rename("articles_in_group").reset_index()
    frames = []
    for theme, (frame, mask) in themes.items():
        sub = frame[mask]
        g = sub.groupby(["outlet", "month"]).agg(count=("article_key", "size"),
                                                 articles=("article_key", "nunique")).reset_index()
        g = groups.merge(g, on=["outlet", "month"], how="left").fillna({"count": 0, "articles": 0})
        g.insert(0, "theme", theme)
        frames.append(g)
    out = pd.concat(frames, ignore_index=True)
    out["count"] = out["count"].astype(int)
    out["articles"] = out["articles"].astype(int)
    return _sorted(out[["theme", "outlet", "month", "count", "articles", "articles_in_group"]],
                   ["theme", "outlet", "month"])


# --- driver -----------------------------------------------------------------


def aggregate_run(run_dir: str | os.PathLike[str], out_dir: str | os.PathLike[str], *, top: int = DEFAULT_TOP,
                  ) -> list[Path]:
    """Write the aggregated tables of one run (see the module docstring).

    Args:
        run_dir: Output folder of ``python -m analysis run``.
        out_dir: Folder for the aggregated CSV tables (created).
        top: Rows kept in top-N tables.

    Returns:
        The files written, sorted.

    The tables are computed first and written into a temporary folder beside
    ``out_dir``, which then replaces ``out_dir`` as a whole: a failing or empty run
    never leaves a folder of empty or half-written tables.

    Raises:
        AggregateError: A run table is missing, or the run holds no article.
    """
    run = Path(run_dir)
    out = Path(out_dir)

    articles = _read(run, "articles", ["article_key", "source", "category", "published", "month", "n_bytes",
                                       "n_claims", "status"])
    articles = articles.rename(columns={"source": "outlet"})
    articles = _fill(articles, ["outlet", "category", "month", "published"])
    articles["n_claims"] = articles["n_claims"].fillna(0).astype(int)
    errors = _fill(_read(run, "errors", ["article_key", "stage", "error_type"]), ["stage", "error_type"])

    claims = _read(run, "claims", ["article_key", "doc_id", "claim_id", "value_low", "value_high", "qualifier",
                                   "unit_ar", "unit", "category", "category_cue", "event", "actor", "source",
                                   "source_en", "duplicate_of", "quantity_text"])
    claims = _fill(claims, ["doc_id", "claim_id", "qualifier", "unit_ar", "unit", "category", "category_cue", "event",
                            "actor", "source", "source_en", "duplicate_of", "quantity_text"])
    claims = _with_article_info(claims, articles)
    entities = _read(run, "entities", ["article_key", "canonical", "name_en", "type"])
    entities = _with_article_info(_fill(entities, ["canonical", "name_en", "type"]), articles)
    quotes = _read(run, "quotes", ["article_key", "speaker", "speaker_canonical"])
    quotes = _with_article_info(_fill(quotes, ["speaker", "speaker_canonical"]), articles)
    keywords = _read(run, "keywords", ["article_key", "key", "display", "count"])
    keywords = _with_article_info(_fill(keywords, ["key", "display"]), articles)
    keywords["count"] = keywords["count"].fillna(0).astype(int)

    if len(articles) == 0:
        raise AggregateError(f"{run}: the run holds no article; {out} left unchanged")
    overall_terms = top_terms(keywords, max(top, TREND_TERMS))
    builders: dict[str, Callable[[], pd.DataFrame]] = {
        "run_overview": lambda: run_overview(articles, errors, len(claims), len(entities), len(quotes)),
        "errors_by_stage": lambda: errors_by_stage(errors),
        "articles_by_outlet_month": lambda: articles_by(articles, ["outlet", "month"]),
        "articles_by_outlet_category": lambda: articles_by(articles, ["outlet", "category"]),
        "claims_by_outlet_month": lambda: claims_by_outlet_month(claims),
        "claims_by_category_unit": lambda: claims_by_category_unit(claims),
        "claim_sources": lambda: claim_sources(claims, top),
        "largest_claims": lambda: largest_claims(claims, LARGEST_PER_GROUP),
        "top_terms": lambda: overall_terms.head(top),
        "top_terms_by_outlet": lambda: top_terms(keywords, top, by=["outlet"]),
        "keyword_trends": lambda: keyword_trends(keywords, articles, overall_terms["key"].head(TREND_TERMS).tolist()),
        "top_entities": lambda: top_entities(entities, top),
        "quote_speakers": lambda: quote_speakers(quotes, top),
        "seed_themes_by_outlet": lambda: seed_themes_by_outlet(claims, entities, articles),
    }
    builders.update(event_builders(run, _read))  # events linked across articles (runs with event tables)
    tables = {name: build() for name, build in builders.items()}  # all computed before anything is written
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for name, frame in tables.items():
            _write(frame, staging, name)
        atomic_write_text(staging / "README.md", _readme(list(tables)))
        _replace_folder(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sorted([*(out / f"{name}.csv" for name in tables), out / "README.md"])


def _replace_folder(new: Path, target: Path) -> None:
    """Put the complete folder ``new`` in place of ``target`` (renames; the old one goes last)."""
    os.chmod(new, 0o777 & ~_umask())
    if not target.exists():
        os.replace(new, target)
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    os.replace(target, old)
    try:
        os.replace(new, target)
    except BaseException:
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _readme(names: list[str]) -> str:
    lines = [
        "# Aggregated tables of a corpus run",
        "",
        "Written by `python -m analysis aggregate RUN_DIR --out DIR` (`make corpus`) from the tables of",
        "`python -m analysis run`. They hold counts, dates, outlet names, gazetteer names, counted nouns,",
        "keyword keys, and for events their figures, places, sources and doc_ids only: no sentence, quotation,",
        "title or URL of the corpus. Sorted, no timestamps: regenerating them from the same run gives the same",
        "bytes. `(unknown)` marks a missing value.",
        "",
        "| table | columns and meaning |",
        "|---|---|",
        *[f"| `{name}.csv` | {TABLE_DOCS.get(name, '')} |" for name in names],
        "",
        "Corpus used for the committed tables: the Middle East section of the ANT corpus v2.1 —",
        "A. Chouigui, O. Ben Khiroun, B. Elayeb, \"An Arabic Multi-source News Corpus: Experimenting on",
        "Single-document Extractive Summarization\", Arabian Journal for Science and Engineering 46(8), 2021",
        "(Apache-2.0). All figures are automatic extractions; see benchmarks/README.md for their accuracy.",
        "",
    ]
    return "\n".join(lines)
