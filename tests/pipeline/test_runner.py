"""Corpus runs: same tables whatever the engine, resume without duplicates, atomic writes, progress."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd
import pytest

from analysis.pipeline import TABLE_SCHEMAS
from analysis.pipeline import tables as tables_mod
from analysis.pipeline.progress import progress_enabled
from analysis.pipeline.runner import RunError, estimate_items, run_corpus
from analysis.pipeline.tables import PartStore, atomic_write_text, parquet_available, read_table_csv, write_table
from tests.support.runs_factory import article_text, make_bad_corpus, make_good_corpus, stub_process

TABLES = tuple(TABLE_SCHEMAS)


def _read_all(out: Path) -> dict[str, bytes]:
    return {name: (out / f"{name}.csv").read_bytes() for name in TABLES}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    make_good_corpus(root / "good", n=16)
    make_bad_corpus(root / "bad")
    return root


@pytest.fixture(scope="module")
def jobs1(corpus, tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("jobs1")
    summary = run_corpus([corpus / "good", corpus / "bad"], out, jobs=1, batch_size=3, chunk_items=7,
                         progress=False)
    return out, summary


def test_jobs1_writes_every_table(jobs1):
    out, summary = jobs1
    assert summary.completed
    for name in TABLES:
        assert (out / f"{name}.csv").is_file()
        if parquet_available():
            assert (out / f"{name}.parquet").is_file()
    arts = read_table_csv(out / "articles.csv", TABLE_SCHEMAS["articles"])
    # 16 TREC + 2 txt good articles; bad folder: 9 articles (see runs_factory.make_bad_corpus)
    assert len(arts) == 18 + 9 == summary.articles_processed
    assert arts["article_key"].is_unique
    assert (out / "summary.json").is_file()


def test_output_order_is_input_order(jobs1):
    out, _ = jobs1
    arts = read_table_csv(out / "articles.csv")
    good = arts[arts["path"].str.contains("/good/")]["doc_id"].tolist()
    assert good == [f"DOC-{i:03d}" for i in range(16)] + ["note_a", "note_b"]


def test_jobs2_gives_identical_tables(corpus, jobs1, tmp_path):
    out1, s1 = jobs1
    s2 = run_corpus([corpus / "good", corpus / "bad"], tmp_path, jobs=2, batch_size=2, chunk_items=5,
                    progress=False)
    assert _read_all(tmp_path) == _read_all(out1)
    assert (s2.articles_processed, s2.errors, s2.claims) == (s1.articles_processed, s1.errors, s1.claims)


def test_dask_local_cluster_of_two_workers_gives_identical_tables(corpus, jobs1, tmp_path):
    distributed = pytest.importorskip("distributed")
    out1, _ = jobs1
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        summary = run_corpus([corpus / "good", corpus / "bad"], tmp_path, engine="dask", jobs=2, client=client,
                             batch_size=2, chunk_items=5, progress=False)
    assert summary.engine == "dask"
    assert _read_all(tmp_path) == _read_all(out1)


def test_resume_after_interruption_completes_without_duplicates(corpus, jobs1, tmp_path):
    out1, s1 = jobs1
    inputs = [corpus / "good", corpus / "bad"]
    with pytest.raises(KeyboardInterrupt):
        run_corpus(inputs, tmp_path, jobs=1, batch_size=3, chunk_items=4, stop_after=10, progress=False)
    # interrupted: no final table, only committed chunks
    assert not any((tmp_path / f"{name}.csv").exists() for name in TABLES)
    committed = sorted(p.name for p in (tmp_path / "_parts").iterdir())
    assert committed and all(name.isdigit() for name in committed)
    # a chunk half-written when the process died is discarded on resume
    (tmp_path / "_parts" / "999999.tmp").mkdir()
    (tmp_path / "_parts" / "999999.tmp" / "articles.csv").write_text("article_key\nhalf-written\n")

    s2 = run_corpus(inputs, tmp_path, jobs=2, resume=True, batch_size=3, chunk_items=4, progress=False)
    assert s2.completed and s2.articles_skipped > 0
    assert s2.articles_processed + s2.articles_skipped == s1.articles_processed
    assert _read_all(tmp_path) == _read_all(out1)
    arts = read_table_csv(tmp_path / "articles.csv")
    assert arts["article_key"].is_unique
    assert not (tmp_path / "_parts" / "999999.tmp").exists()


def test_resume_of_a_complete_run_changes_nothing(corpus, jobs1, tmp_path):
    inputs = [corpus / "good"]
    run_corpus(inputs, tmp_path, progress=False)
    before = _read_all(tmp_path)
    s = run_corpus(inputs, tmp_path, resume=True, progress=False)
    assert s.articles_processed == 0 and s.articles_skipped == 18 and s.load_errors == 0
    assert _read_all(tmp_path) == before


def test_resume_with_new_input_adds_only_new_articles(tmp_path):
    make_good_corpus(tmp_path / "in", n=8)
    run_corpus([tmp_path / "in"], tmp_path / "out", process=stub_process, progress=False)
    (tmp_path / "in" / "late.txt").write_text(article_text(55), encoding="utf-8")
    s = run_corpus([tmp_path / "in"], tmp_path / "out", process=stub_process, resume=True, progress=False)
    assert (s.articles_processed, s.articles_skipped) == (1, 10)
    arts = read_table_csv(tmp_path / "out" / "articles.csv")
    assert len(arts) == 11 and arts["doc_id"].tolist()[-1] == "late"


def test_fresh_run_replaces_earlier_outputs(tmp_path):
    make_good_corpus(tmp_path / "in", n=4)
    run_corpus([tmp_path / "in"], tmp_path / "out", process=stub_process, progress=False)
    run_corpus([tmp_path / "in"], tmp_path / "out", process=stub_process, progress=False)
    arts = read_table_csv(tmp_path / "out" / "articles.csv")
    assert len(arts) == 6 and arts["article_key"].is_unique


def test_limit_and_summary(tmp_path):
    make_good_corpus(tmp_path / "in", n=12)
    s = run_corpus([tmp_path / "in"], tmp_path / "out", process=stub_process, limit=5, progress=False)
    assert s.articles_processed == 5
    claims = read_table_csv(tmp_path / "out" / "claims.csv", TABLE_SCHEMAS["claims"])
    # stub: one claim per digit run; each generated article has exactly the digits of its sentences
    assert s.claims == len(claims) > 0
    assert s.text_bytes == sum(len(article_text(i).strip().encode("utf-8")) for i in range(5))  # TREC text is stripped
    assert s.files_read == 2  # 4 articles per file


def test_bad_options_raise_run_error(tmp_path):
    with pytest.raises(RunError):
        run_corpus([tmp_path], tmp_path / "o", jobs=0)
    with pytest.raises(RunError):
        run_corpus([tmp_path], tmp_path / "o", engine="spark")
    with pytest.raises(RunError):
        run_corpus([tmp_path], tmp_path / "o", scheduler="tcp://127.0.0.1:1")


def test_estimate_items_counts_files_and_archive_members(corpus):
    # good: 4 xml + 2 txt; bad: 15 files, one of them bundle.tar.gz holding 3 members
    assert estimate_items([corpus / "good"]) == 6
    assert estimate_items([corpus / "bad"]) == 14 + 3


# --- atomic writes ----------------------------------------------------------


def test_atomic_write_keeps_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "t.csv"
    target.write_text("old,complete\n", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        atomic_write_text(target, "new,partial\n" + "\ud800")  # lone surrogate fails mid-write
    assert target.read_text(encoding="utf-8") == "old,complete\n"
    assert os.listdir(tmp_path) == ["t.csv"]


def test_finalize_interrupted_at_rename_leaves_previous_table(tmp_path, monkeypatch):
    schema = {"article_key": "str", "n": "int"}
    store = PartStore(tmp_path, {"t": schema})
    store.reset()
    store.write_chunk({"t": [{"article_key": "a", "n": 1}]})
    store.finalize(parquet=False)
    assert (tmp_path / "t.csv").read_text(encoding="utf-8-sig") == "article_key,n\na,1\n"
    store.write_chunk({"t": [{"article_key": "b", "n": 2}]})

    def crash(src, dst):
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(tables_mod.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        store.finalize(parquet=False)
    monkeypatch.undo()
    assert (tmp_path / "t.csv").read_text(encoding="utf-8-sig") == "article_key,n\na,1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_parts", "t.csv"]
    store.finalize(parquet=False)
    assert (tmp_path / "t.csv").read_text(encoding="utf-8-sig") == "article_key,n\na,1\nb,2\n"


def test_chunk_interrupted_before_commit_is_invisible(tmp_path, monkeypatch):
    store = PartStore(tmp_path, {"articles": {"article_key": "str"}, "errors": {"article_key": "str"}})
    store.reset()
    store.write_chunk({"articles": [{"article_key": "k1"}]})
    monkeypatch.setattr(tables_mod.os, "replace", lambda s, d: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        store.write_chunk({"articles": [{"article_key": "k2"}]})
    monkeypatch.undo()
    reopened = PartStore(tmp_path, store.schemas)
    reopened.open_existing()
    assert reopened.done_keys() == {"k1"}


def test_write_table_roundtrip_with_types(tmp_path):
    schema = {"doc_id": "str", "n": "int", "v": "float", "q": "bool"}
    frame = pd.DataFrame({"doc_id": ["أ", None], "n": [3, None], "v": [2.5, None], "q": [True, None]})
    write_table(frame, tmp_path / "x", schema)
    back = read_table_csv(tmp_path / "x.csv", schema)
    assert back["doc_id"].tolist()[0] == "أ" and pd.isna(back["doc_id"][1])
    assert back["n"].tolist()[0] == 3 and pd.isna(back["n"][1])
    assert back["v"].tolist()[0] == 2.5 and back["q"].tolist()[0] is True
    if parquet_available():
        pq = pd.read_parquet(tmp_path / "x.parquet")
        assert pq["n"].tolist()[0] == 3 and pq["doc_id"].tolist()[0] == "أ"


def test_parquet_matches_csv(jobs1):
    if not parquet_available():
        pytest.skip("pyarrow not installed")
    out, _ = jobs1
    for name, schema in TABLE_SCHEMAS.items():
        from_csv = read_table_csv(out / f"{name}.csv", schema)
        from_pq = pd.read_parquet(out / f"{name}.parquet")
        assert list(from_pq.columns) == list(schema)
        assert len(from_pq) == len(from_csv), name


# --- progress ---------------------------------------------------------------


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@pytest.mark.parametrize(
    ("ci", "tty", "expected"),
    [(None, True, True), (None, False, False), ("true", True, False), ("1", False, False)],
)
def test_progress_only_on_terminal_outside_ci(monkeypatch, ci, tty, expected):
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    assert progress_enabled(_Stream(tty)) is expected


# --- the keywords table of one article ---------------------------------------


def test_keywords_table_rows_are_top_keywords():
    from analysis.corpus import Article
    from analysis.keywords import top_keywords
    from analysis.pipeline import process_article
    from analysis.schemas import KEYWORDS
    from analysis.text import lemma_key

    text = ("قصفت الطائرات الروسية مواقع في إدلب. وقال المرصد إن الطائرات الروسية قصفت إدلب مجدداً، "
            "وأضاف أن الطائرة أصابت مستشفى في إدلب.")
    rows = process_article(Article(doc_id="k", text=text)).rows["keywords"]
    got = {r["key"]: (r["count"], r["display"], r["kind"]) for r in rows}
    # إدلب three times, a gazetteer name, first in the lead
    assert rows[0]["key"] == lemma_key("إدلب") and got[lemma_key("إدلب")] == (3, "إدلب", "name")
    # قصفت twice (once in the lead)
    assert got[lemma_key("قصفت")] == (2, "قصفت", "word")
    # function words are never keywords; reporting verbs come last
    for word in ("في", "إن", "أن"):
        assert lemma_key(word) not in got
    assert [r["key"] for r in rows[-2:]] == [lemma_key("وأضاف"), lemma_key("وقال")]
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    # the run's rows are top_keywords' rows, with the columns of the schema
    table = top_keywords(text, n=len(rows))
    assert [r["key"] for r in rows] == table.key.tolist()
    assert all(set(KEYWORDS.columns) <= set(r) for r in rows)
