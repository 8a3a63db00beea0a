"""Tests of analysis.claims.export: BOM, formula neutralisation, JSON round trip, errors."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.claims import extract_claims
from analysis.claims.export import (
    ClaimsExportError,
    claims_to_csv_text,
    export_claims,
    neutralise_cell,
    read_claims_json,
)


@pytest.mark.parametrize("value,expected", [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
    ("+972", "'+972"),
    ("-3 قتلى", "'-3 قتلى"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("أكثر من 200", "أكثر من 200"),
    ("", ""),
    (-3.5, -3.5),
    (-200, -200),
    (None, None),
])
def test_neutralise_cell(value, expected):
    assert neutralise_cell(value) == expected


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "quantity_text": ["أكثر من 200", "=1+1", "-5"],
        "value_low": pd.array([200.0, None, -5.0], dtype="Float64"),
        "value_high": pd.array([None, None, -5.0], dtype="Float64"),
        "source": ["وزارة الدفاع الروسية", "@evil", None],
        "quoted": [True, False, False],
    })


def test_csv_has_bom_and_neutralised_text_only(tmp_path):
    paths = export_claims(_frame(), "t", directory=tmp_path)
    raw = paths["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["quantity_text", "value_low", "value_high", "source", "quoted"]
    assert rows[1] == ["أكثر من 200", "200", "", "وزارة الدفاع الروسية", "true"]
    assert rows[2] == ["'=1+1", "", "", "'@evil", "false"]
    # a negative *number* stays a number; the text '-5' is neutralised
    assert rows[3] == ["'-5", "-5", "-5", "", "false"]


def test_json_round_trip(tmp_path):
    df = _frame()
    paths = export_claims(df, "t", directory=tmp_path)
    data = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert data[0]["quantity_text"] == "أكثر من 200" and data[0]["value_high"] is None
    assert data[1]["quantity_text"] == "=1+1"  # JSON keeps the text as it is
    back = read_claims_json(paths["json"])
    pd.testing.assert_frame_equal(back, df, check_dtype=False)


def test_seed_like_table_round_trips(tmp_path):
    df = extract_claims("قالت الوزارة إن أكثر من 200 مسلح قتلوا ودمرت نحو عشرين مركبة.", doc_id="x")
    paths = export_claims(df, "x", directory=tmp_path)
    back = read_claims_json(paths["json"])
    assert back["claim_id"].tolist() == df["claim_id"].tolist()
    assert back["value_low"].tolist() == df["value_low"].tolist()
    text = paths["csv"].read_text(encoding="utf-8-sig")
    assert "أكثر من 200" in text


@pytest.mark.parametrize("name", ["", "../up", "a/b", ".hidden", "x y"])
def test_unsafe_names_rejected(tmp_path, name):
    with pytest.raises(ClaimsExportError):
        export_claims(_frame(), name, directory=tmp_path)


def test_non_frame_rejected(tmp_path):
    with pytest.raises(ClaimsExportError, match="DataFrame"):
        export_claims([{"a": 1}], "t", directory=tmp_path)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=12), min_size=1, max_size=5))
def test_no_csv_text_cell_starts_with_a_formula_character(cells):
    df = pd.DataFrame({"c": cells})
    rows = list(csv.reader(io.StringIO(claims_to_csv_text(df)[1:])))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@"))
