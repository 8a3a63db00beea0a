"""Every lexicon file loads, and a broken CSV lexicon is reported with its file and line."""

from __future__ import annotations

import pytest

import analysis.lexicons as lexicons
from analysis.errors import LexiconError

CSV_FILES = sorted(str(p.relative_to(lexicons.LEXICONS_DIR)) for p in lexicons.LEXICONS_DIR.rglob("*.csv"))
YAML_FILES = sorted(str(p.relative_to(lexicons.LEXICONS_DIR)) for p in lexicons.LEXICONS_DIR.rglob("*.yaml"))


@pytest.mark.parametrize("name", CSV_FILES)
def test_every_csv_lexicon_loads_without_repeated_rows(name: str) -> None:
    rows = lexicons.load_csv(name)
    assert rows, f"{name} has no rows"


@pytest.mark.parametrize("name", YAML_FILES)
def test_every_yaml_lexicon_loads(name: str) -> None:
    assert lexicons.load_yaml(name) is not None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("form,unit\nشهيد,people\nجريح,people\nشهيد,people\n", r"bad\.csv:4: repeats line 2"),
        ("# a comment\nform,unit\nشهيد,people,killed\n", r"bad\.csv:3: expected 2 fields"),
    ],
)
def test_broken_csv_lexicon_names_file_and_line(tmp_path, monkeypatch, content: str, message: str) -> None:
    (tmp_path / "bad.csv").write_text(content, encoding="utf-8")
    monkeypatch.setattr(lexicons, "LEXICONS_DIR", tmp_path)
    with pytest.raises(LexiconError, match=message):
        lexicons.load_csv.__wrapped__("bad.csv")
