"""Nothing lost: every generated bad input ends up in `articles` or in `errors`; fuzzing never raises."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.corpus import Article
from analysis.pipeline import MAX_ARTICLE_CHARS, TABLE_SCHEMAS, process_article
from analysis.pipeline.runner import run_corpus
from analysis.pipeline.tables import read_table_csv
from tests.support.runs_factory import failing_process, make_bad_corpus, make_good_corpus


def _file_of(path: str) -> str:
    """Top-level input file of a row's path (archive members belong to their archive)."""
    return Path(path.split("!", 1)[0]).name


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    expected = make_bad_corpus(root / "in")
    out = root / "out"
    summary = run_corpus([root / "in"], out, jobs=1, progress=False)
    tables = {name: read_table_csv(out / f"{name}.csv", schema) for name, schema in TABLE_SCHEMAS.items()}
    return expected, summary, tables, root


def test_every_input_file_is_accounted_for(bad_run):
    expected, _, tables, root = bad_run
    articles = tables["articles"]["path"].map(lambda p: _file_of(p)).value_counts().to_dict()
    load_errors = tables["errors"][tables["errors"]["stage"] == "load"]
    problems = load_errors["path"].map(lambda p: _file_of(p)).value_counts().to_dict()
    got = {name: (articles.get(name, 0), problems.get(name, 0)) for name in expected}
    assert got == expected
    # and nothing that was not an input appears
    assert set(articles) | set(problems) <= set(expected)


def test_summary_counts_match_tables(bad_run):
    expected, summary, tables, _ = bad_run
    assert summary.completed
    assert summary.articles_processed == sum(a for a, _ in expected.values()) == len(tables["articles"])
    assert summary.load_errors == sum(e for _, e in expected.values())
    assert summary.errors == len(tables["errors"])
    assert summary.claims == len(tables["claims"])


def test_error_rows_name_file_record_and_reason(bad_run):
    _, _, tables, _ = bad_run
    errors = tables["errors"]
    assert errors["reason"].notna().all() and errors["path"].notna().all() and errors["stage"].notna().all()
    by_file = {(_file_of(p), r): reason for p, r, reason in
               zip(errors["path"], errors["record"].fillna(""), errors["reason"])}
    assert "truncated" in by_file[("truncated.xml", "T-2")]
    assert "binary" in by_file[("binary.txt", "")]
    assert "malformed JSON" in by_file[("records.jsonl", "line 3")]
    assert "unsupported" in by_file[("photo.jpg", "")]


def test_windows_1256_and_utf16_are_decoded(bad_run):
    _, _, tables, _ = bad_run
    arts = tables["articles"].assign(file=lambda t: t["path"].map(lambda p: _file_of(p)))
    chars = dict(zip(arts["file"], arts["n_chars"]))
    # the same kind of article text, decoded from three encodings, has the expected length
    from tests.support.runs_factory import article_text

    assert chars["cp1256.txt"] == len(article_text(3))
    assert chars["utf16.txt"] == len(article_text(4))
    assert chars["utf8bom.txt"] == len(article_text(5))


def test_enormous_article_is_recorded_not_analysed(bad_run):
    _, summary, tables, _ = bad_run
    arts = tables["articles"].assign(file=lambda t: t["path"].map(lambda p: _file_of(p)))
    row = arts[arts["file"] == "enormous_line.txt"].iloc[0]
    assert row["status"] == "too_long" and row["n_chars"] == MAX_ARTICLE_CHARS + 1 + len(" 12 قتيلا")
    assert row["n_claims"] == 0
    errs = tables["errors"][tables["errors"]["article_key"] == row["article_key"]]
    assert errs[["stage", "error_type"]].values.tolist() == [["size", "ArticleTooLong"]]
    # the long (but not enormous) single line is analysed like any article
    one = arts[arts["file"] == "one_line.txt"].iloc[0]
    assert one["status"] == "ok" and one["n_claims"] > 0
    assert summary.analysis_errors == 1


def test_truncated_record_in_the_middle_loses_nothing(tmp_path):
    from tests.support.runs_factory import article_text, stub_process, trec_doc

    cut = trec_doc("MID-1", article_text(1), closed=False).replace("</TEXT>", "")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "mid.xml").write_text(
        cut + trec_doc("MID-2", article_text(2)) + trec_doc("MID-3", article_text(3)), encoding="utf-8"
    )
    run_corpus([tmp_path / "in"], tmp_path / "out", process=stub_process, progress=False)
    arts = read_table_csv(tmp_path / "out" / "articles.csv")
    errs = read_table_csv(tmp_path / "out" / "errors.csv")
    # three records: each is an article or an error row naming it (the loader decides which)
    # (which of them is blamed for the cut is the loader's decision)
    assert sorted([*arts["doc_id"].dropna(), *errs["record"].dropna()]) == ["MID-1", "MID-2", "MID-3"]


def test_failing_analyser_loses_nothing(tmp_path):
    make_good_corpus(tmp_path / "in", n=12)
    summary = run_corpus([tmp_path / "in"], tmp_path / "out", process=failing_process, progress=False)
    arts = read_table_csv(tmp_path / "out" / "articles.csv")
    errs = read_table_csv(tmp_path / "out" / "errors.csv")
    # DOC-000, 003, 006, 009 (doc_id digits divisible by 3) fail; note_a/note_b have no digits in doc_id
    failed = sorted(errs["doc_id"])
    assert failed == ["DOC-000", "DOC-003", "DOC-006", "DOC-009"]
    assert set(errs["stage"]) == {"pipeline"} and errs["reason"].str.contains("exploded").all()
    assert len(arts) == 14 - 4 and summary.analysis_errors == 4
    assert set(arts["doc_id"]).isdisjoint(failed)


def test_failing_stage_becomes_error_row_and_partial_article():
    def boom(article):
        raise RuntimeError("gazetteer missing")

    stages = {"claims": ("claims", lambda a: [{"claim_id": "c1", "value_low": 5.0}]),
              "entities": ("entities", boom)}
    result = process_article(Article(doc_id="x1", text="قتل 5 أشخاص.", path="in/x1.txt"), stages=stages)
    assert result.rows["articles"][0]["status"] == "partial"
    assert result.rows["articles"][0]["failed_stages"] == "entities"
    assert result.rows["articles"][0]["n_claims"] == 1
    (err,) = result.rows["errors"]
    assert (err["stage"], err["error_type"], err["doc_id"], err["path"]) == ("entities", "RuntimeError", "x1",
                                                                           "in/x1.txt")
    assert err["reason"].startswith("gazetteer missing")


_ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
_ANY = st.characters(codec="utf-8")
_TEXTS = st.one_of(
    st.text(_ANY, max_size=300),
    st.text(st.one_of(_ARABIC, st.sampled_from(" \n.،؛؟«»\"0123456789٠١٢٣%٪-")), max_size=400),
    st.lists(st.sampled_from(["قتل", "أكثر من", "200", "٣٫٥", "مليون", "«", "»", "قال", "إن", "\n", " ", "نحو",
                              "عشرات", "بين", "و", "إلى", "%", "\u200f", "ـ", "ً"]), max_size=80).map("".join),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXTS)
def test_process_article_never_raises_on_random_unicode(text):
    result = process_article(Article(doc_id="fuzz", text=text, path="fuzz.txt"))
    assert result.rows["articles"], "the article row is always there"
    art = result.rows["articles"][0]
    assert art["n_chars"] == len(text)
    errors = result.rows.get("errors", [])
    # a failing analyser is recorded (stage, type, reason) and flagged on the article row
    assert art["status"] == ("partial" if errors else "ok")
    assert all(e["stage"] and e["error_type"] and e["reason"] for e in errors)
    for table, rows in result.rows.items():
        assert all(r["article_key"] == result.key for r in rows), table
    # spans of extracted items index the article text
    for table in ("claims", "entities", "quotes"):
        for r in result.rows.get(table, []):
            if r.get("start") is not None and r.get("end") is not None:
                assert 0 <= r["start"] <= r["end"] <= len(text)


@settings(max_examples=25, deadline=None)
@given(text=st.text(_ANY, max_size=200), message=st.text(max_size=50))
def test_process_article_records_any_stage_exception(text, message):
    def boom(article):
        raise KeyError(message)

    result = process_article(Article(doc_id="f", text=text), stages={"claims": ("claims", boom)})
    (err,) = result.rows["errors"]
    assert err["stage"] == "claims" and err["error_type"] == "KeyError"
    assert result.rows["articles"][0]["status"] == "partial"


def test_tables_have_fixed_columns_even_when_empty(bad_run):
    _, _, tables, _ = bad_run
    for name, schema in TABLE_SCHEMAS.items():
        assert list(tables[name].columns) == list(schema), name
    frame = pd.read_csv(bad_run[3] / "out" / "quotes.csv", dtype=str)
    assert list(frame.columns) == list(TABLE_SCHEMAS["quotes"])
