"""`python -m analysis run|claims|aggregate`, and the aggregated tables (no article text)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.__main__ import main
from analysis.paths import PROJECT_ROOT, SEEDS_DIR
from analysis.pipeline import TABLE_SCHEMAS
from analysis.pipeline.aggregates import AggregateError, aggregate_run
from analysis.pipeline.tables import PartStore
from tests.support.runs_factory import SENTENCES, make_bad_corpus, make_good_corpus

SEED = SEEDS_DIR / "000_59786d66bf5a77f6.txt"


def test_run_command_writes_tables_and_prints_summary(tmp_path, capsys):
    make_good_corpus(tmp_path / "in", n=8)
    status = main(["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--jobs", "1", "--no-progress"])
    assert status == 0
    printed = capsys.readouterr().out
    assert "files read:          4" in printed  # 2 xml files of 4 articles + 2 txt files
    assert "articles processed:  10" in printed
    assert "MB/s" in printed and "claims found:" in printed
    for name in TABLE_SCHEMAS:
        assert (tmp_path / "out" / f"{name}.csv").is_file()


def test_run_command_resume_and_limit(tmp_path, capsys):
    make_good_corpus(tmp_path / "in", n=8)
    out = str(tmp_path / "out")
    assert main(["run", str(tmp_path / "in"), "--out", out, "--limit", "3", "--no-progress"]) == 0
    assert "articles processed:  3" in capsys.readouterr().out
    assert main(["run", str(tmp_path / "in"), "--out", out, "--resume", "--no-progress"]) == 0
    assert "articles processed:  7 (+3 already done, skipped)" in capsys.readouterr().out
    arts = pd.read_csv(tmp_path / "out" / "articles.csv")
    assert len(arts) == 10 and arts["article_key"].is_unique


def test_run_as_module_subprocess(tmp_path):
    make_bad_corpus(tmp_path / "in")
    proc = subprocess.run([sys.executable, "-m", "analysis", "run", str(tmp_path / "in"), "--out",
                           str(tmp_path / "out"), "--jobs", "2"], capture_output=True, text=True, timeout=120,
                          cwd=PROJECT_ROOT, env={"PATH": "/usr/bin:/bin", "CI": "1"})
    assert proc.returncode == 0, proc.stderr
    assert "articles processed:  9" in proc.stdout
    assert "(load 13, analysis 1;" in proc.stdout  # the hand count of make_bad_corpus; 1 too-long article
    assert proc.stderr == ""  # no progress bar outside a terminal


@pytest.mark.parametrize("argv", [
    ["run", "x", "--out", "o", "--jobs", "0"],
    ["run", "x", "--out", "o", "--engine", "spark"],
    ["run", "x"],
    ["run", "--out", "o"],
    ["nothing"],
])
def test_bad_usage_exits_2(argv):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2


def test_scheduler_without_dask_engine_is_an_error(tmp_path, capsys):
    assert main(["run", str(tmp_path), "--out", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:1"]) == 1
    assert "--engine dask" in capsys.readouterr().err


def test_interrupt_exits_130_with_resume_hint(tmp_path, capsys, monkeypatch):
    import analysis.pipeline.runner

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(analysis.pipeline.runner, "run_corpus", interrupted)
    assert main(["run", str(tmp_path), "--out", str(tmp_path / "o")]) == 130
    assert "--resume" in capsys.readouterr().err


def test_claims_command_on_the_seed(capsys):
    assert main(["claims", str(SEED)]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.startswith("000_59786d66bf5a77f6:") and first.endswith("claims")
    assert int(first.split(":")[1].split()[0]) >= 7  # the seven claims of the seed (issue 7) at least
    assert "2700" in out.replace(",", "") and "sorties" in out


def test_claims_command_csv(capsys):
    assert main(["claims", str(SEED), "--csv"]) == 0
    header = capsys.readouterr().out.splitlines()[0].split(",")
    assert {"claim_id", "value_low", "value_high", "unit", "category", "source"} <= set(header)


def test_claims_command_needs_doc_id_for_multi_article_files(tmp_path, capsys):
    make_good_corpus(tmp_path, n=4)
    assert main(["claims", str(tmp_path / "batch_00.xml")]) == 1
    assert "--doc-id" in capsys.readouterr().err
    assert main(["claims", str(tmp_path / "batch_00.xml"), "--doc-id", "DOC-002"]) == 0
    assert capsys.readouterr().out.startswith("DOC-002:")
    assert main(["claims", str(tmp_path / "batch_00.xml"), "--doc-id", "NOPE"]) == 1


def test_claims_command_reports_unreadable_file(tmp_path, capsys):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01")
    assert main(["claims", str(tmp_path / "bin.txt")]) == 1
    assert "binary" in capsys.readouterr().err


# --- aggregates on a hand-made run -----------------------------------------


def _hand_made_run(run: Path) -> None:
    """Four articles, five claims, entities, keywords: small enough to count by hand."""
    store = PartStore(run, TABLE_SCHEMAS)
    store.reset()
    arts = [
        {"article_key": "k1", "doc_id": "d1", "source": "BBC", "category": "middleEast", "month": "2018-02",
         "published": "2018-02-10", "n_bytes": 1_000_000, "n_claims": 3, "status": "ok",
         "title": "عنوان سري لا ينشر"},
        {"article_key": "k2", "doc_id": "d2", "source": "BBC", "category": "middleEast", "month": "2018-03",
         "published": "2018-03-01", "n_bytes": 500_000, "n_claims": 1, "status": "partial"},
        {"article_key": "k3", "doc_id": "d3", "source": "CNN", "category": "middleEast", "month": "2018-03",
         "published": "2018-03-05", "n_bytes": 500_000, "n_claims": 1, "status": "ok"},
        {"article_key": "k4", "doc_id": "d4", "source": "CNN", "category": "world", "month": "2018-03",
         "published": "2018-03-09", "n_bytes": 1_000_000, "n_claims": 0, "status": "ok"},
    ]
    claim = {"qualifier": "exact", "event": "killed"}
    claims = [
        {**claim, "article_key": "k1", "doc_id": "d1", "claim_id": "d1-1", "value_low": 200.0, "unit": "militants",
         "unit_ar": "مسلح", "category": "casualties", "source": "وزارة الدفاع الروسية",
         "source_en": "Russian Ministry of Defence", "sentence": SENTENCES[0]},
        {**claim, "article_key": "k1", "doc_id": "d1", "claim_id": "d1-2", "value_low": 200.0, "unit": "militants",
         "unit_ar": "مسلح", "category": "casualties", "source": "وزارة الدفاع الروسية", "duplicate_of": "d1-1"},
        {**claim, "article_key": "k1", "doc_id": "d1", "claim_id": "d1-3", "value_low": 60.0, "value_high": 70.0,
         "unit": "sorties", "category": "air_operations", "source": "وزارة الدفاع الروسية", "event": "flew"},
        {**claim, "article_key": "k2", "doc_id": "d2", "claim_id": "d2-1", "value_low": 14.0, "value_high": 14.0,
         "unit": "civilians", "category": "casualties", "source": "المرصد السوري"},
        {**claim, "article_key": "k3", "doc_id": "d3", "claim_id": "d3-1", "value_low": 50.0, "value_high": 50.0,
         "unit": "towns", "category": "territory"},
    ]
    entities = [
        {"article_key": "k1", "canonical": "وزارة الدفاع الروسية", "name_en": "Russian Ministry of Defence",
         "type": "ORG"},
        {"article_key": "k1", "canonical": "وزارة الدفاع الروسية", "name_en": "Russian Ministry of Defence",
         "type": "ORG"},
        {"article_key": "k3", "canonical": "دير الزور", "name_en": "Deir ez-Zor", "type": "PLACE"},
    ]
    keywords = [
        {"article_key": "k1", "rank": 1, "key": "داعش", "display": "داعش", "count": 4},
        {"article_key": "k1", "rank": 2, "key": "روسي", "display": "الروسية", "count": 2},
        {"article_key": "k3", "rank": 1, "key": "روسي", "display": "الروسي", "count": 3},
        {"article_key": "k4", "rank": 1, "key": "داعش", "display": "لداعش", "count": 1},
    ]
    quotes = [{"article_key": "k1", "quote": "نص مقتبس سري", "speaker": "الوزارة",
               "speaker_canonical": "وزارة الدفاع الروسية"}]
    errors = [{"article_key": "k2", "stage": "quotes", "error_type": "ValueError", "reason": "boom"},
              {"article_key": "p1", "stage": "load", "error_type": "CorpusError", "reason": "binary file"}]
    store.write_chunk({"articles": arts, "claims": claims, "entities": entities, "keywords": keywords,
                       "quotes": quotes, "errors": errors})
    store.finalize(parquet=False)


@pytest.fixture
def aggregates(tmp_path) -> Path:
    _hand_made_run(tmp_path / "run")
    assert main(["aggregate", str(tmp_path / "run"), "--out", str(tmp_path / "agg")]) == 0
    return tmp_path / "agg"


def _csv(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)


def test_aggregate_counts(aggregates):
    overview = dict(_csv(aggregates, "run_overview").values)
    assert overview == {"articles": "4", "articles_partly_analysed": "1", "load_errors": "1", "analysis_errors": "1",
                        "claims": "5", "entities": "3", "quotes": "1", "outlets": "2", "months": "2",
                        "text_megabytes": "3"}
    by_month = _csv(aggregates, "articles_by_outlet_month").values.tolist()
    assert by_month == [["BBC", "2018-02", "1", "3"], ["BBC", "2018-03", "1", "1"], ["CNN", "2018-03", "2", "1"]]
    cm = _csv(aggregates, "claims_by_outlet_month").values.tolist()
    assert cm == [["BBC", "2018-02", "air_operations", "1"], ["BBC", "2018-02", "casualties", "2"],
                  ["BBC", "2018-03", "casualties", "1"], ["CNN", "2018-03", "territory", "1"]]


def test_aggregate_largest_claims_skip_restatements(aggregates):
    largest = _csv(aggregates, "largest_claims")
    cas = largest[largest["category"] == "casualties"]
    # d1-2 restates d1-1 and is skipped; militants and civilians are ranked separately
    assert cas[["unit", "rank", "claim_id", "figure", "outlet", "published"]].values.tolist() == [
        ["civilians", "1", "d2-1", "14", "BBC", "2018-03-01"], ["militants", "1", "d1-1", "200", "BBC", "2018-02-10"]]
    air = largest[largest["category"] == "air_operations"]
    assert air["figure"].tolist() == ["70"]  # a range counts by its upper bound
    assert len(largest) == 4  # casualties x2, air_operations, territory


def test_aggregate_sources_terms_trends_themes(aggregates):
    src = _csv(aggregates, "claim_sources")
    assert src.loc[1, "source_en"] == "Russian Ministry of Defence"
    assert src.loc[0, "source_en"] == "(unknown)"
    assert src[["category", "source", "claims"]].values.tolist() == [
        ["air_operations", "وزارة الدفاع الروسية", "1"],
        ["casualties", "وزارة الدفاع الروسية", "2"], ["casualties", "المرصد السوري", "1"]]
    terms = _csv(aggregates, "top_terms")
    assert terms[["rank", "key", "display", "count", "documents"]].values.tolist() == [
        ["1", "داعش", "داعش", "5", "2"], ["2", "روسي", "الروسي", "5", "2"]]
    trends = _csv(aggregates, "keyword_trends")
    march = trends[trends["month"] == "2018-03"].set_index("key")
    assert march.loc["داعش", "count"] == "1" and march.loc["روسي", "count"] == "3"
    assert march.loc["روسي", "articles_in_month"] == "3" and march.loc["روسي", "documents_share"] == "0.3333"
    themes = _csv(aggregates, "seed_themes_by_outlet")
    got = {(t, o, m): c for t, o, m, c in themes[["theme", "outlet", "month", "count"]].values}
    assert got[("russian_mod_claims", "BBC", "2018-02")] == "3"
    assert got[("russian_mod_air_operations_claims", "BBC", "2018-02")] == "1"
    assert got[("territory_claims", "CNN", "2018-03")] == "1"
    assert got[("russian_mod_mentions", "BBC", "2018-02")] == "2"
    # every outlet and month of the corpus has a row, zero included: 6 themes x 3 (outlet, month) groups
    assert got[("territory_claims", "BBC", "2018-02")] == "0" and len(themes) == 6 * 3
    speakers = _csv(aggregates, "quote_speakers")
    assert speakers.values.tolist() == [["وزارة الدفاع الروسية", "1", "1", "1"]]


def test_aggregates_hold_no_article_text_and_are_deterministic(tmp_path, aggregates):
    everything = "".join(p.read_text(encoding="utf-8") for p in sorted(aggregates.glob("*.csv")))
    for secret in ("عنوان سري", "نص مقتبس", SENTENCES[0][:20], "boom"):
        assert secret not in everything
    readme = (aggregates / "README.md").read_text(encoding="utf-8")
    assert all(f"`{p.name}`" in readme for p in aggregates.glob("*.csv"))
    again = tmp_path / "again"
    aggregate_run(tmp_path / "run", again)
    for p in [*aggregates.glob("*.csv"), aggregates / "README.md"]:
        assert (again / p.name).read_bytes() == p.read_bytes()


def test_terms_tie_order_is_by_key(aggregates):
    terms = _csv(aggregates, "top_terms")
    # equal counts and documents: sorted by key (داعش < روسي in code point order)
    assert terms["key"].tolist() == ["داعش", "روسي"]


def test_aggregate_of_missing_run_is_an_error(tmp_path):
    with pytest.raises(AggregateError):
        aggregate_run(tmp_path / "nothing", tmp_path / "agg")
