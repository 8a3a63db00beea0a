"""No reshaped text is stored anywhere: data, tables and notebooks keep logical-order Unicode.

Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE) only exist in text
prepared for drawing (``analysis.viz.display.label`` / ``visual``). Found in a
data file, a table or a notebook output they mean that display text leaked
into data (or that PDF-pasted text was not repaired with
``analysis.text.normalize.repair_presentation``). U+FEFF, the byte-order mark that
Excel-friendly CSV exports start with, sits in the same block but is not a
presentation form and is not reported.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from analysis.paths import PROJECT_ROOT

_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")

#: Folders whose every text file is scanned.
SCANNED_DIRS = ("seeds", "analysis/lexicons", "tables", "notebooks", "benchmarks/results")
#: Data files scanned wherever they are in the project.
DATA_SUFFIXES = frozenset({".csv", ".tsv", ".json", ".jsonl", ".yaml", ".yml", ".ipynb"})
_SKIPPED_DIR_NAMES = frozenset({".git", "__pycache__", ".ipynb_checkpoints", ".pytest_cache", ".hypothesis",
                                "node_modules", "build", "dist", "baseline_images"})


def _skipped_dir(name: str) -> bool:
    return name in _SKIPPED_DIR_NAMES or name.startswith(".venv") or name.endswith(".egg-info")


def _walk(folder: Path):
    """Files under ``folder``, not descending into virtual environments, caches or build output."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not _skipped_dir(d))
        for name in filenames:
            yield Path(dirpath) / name


def files_to_scan(root: Path) -> list[Path]:
    """Every text file of :data:`SCANNED_DIRS` and every data file (:data:`DATA_SUFFIXES`) under ``root``."""
    found: set[Path] = set()
    for name in SCANNED_DIRS:
        if (root / name).is_dir():
            found.update(_walk(root / name))
    found.update(p for p in _walk(root) if p.suffix.lower() in DATA_SUFFIXES)
    return sorted(p for p in found if p.is_file())


def presentation_forms(path: Path, root: Path) -> list[str]:
    """``file:line:column U+XXXX`` for every presentation-form character of a text file (binary files: none)."""
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        return []  # binary (images, parquet …)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return []  # not UTF-8 text; nothing Arabic can be read from it either
    if not _PRESENTATION_RE.search(text):
        return []
    rel = path.relative_to(root).as_posix()
    hits = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        for match in _PRESENTATION_RE.finditer(line):
            hits.append(f"{rel}:{line_no}:{match.start() + 1} U+{ord(match.group()):04X}")
    return hits


def scan(root: Path) -> list[str]:
    return [hit for path in files_to_scan(root) for hit in presentation_forms(path, root)]


def test_project_stores_no_presentation_forms() -> None:
    hits = scan(PROJECT_ROOT)
    assert not hits, "reshaped (presentation-form) Arabic stored in:\n" + "\n".join(hits[:50])


def test_seed_article_is_scanned() -> None:
    scanned = {p.relative_to(PROJECT_ROOT).as_posix() for p in files_to_scan(PROJECT_ROOT)}
    assert any(p.startswith("seeds/") and p.endswith(".txt") for p in scanned)


@pytest.mark.parametrize(
    ("relative", "content", "expected"),
    [
        # U+FEFB is the lam-alef ligature: display text leaked into a table.
        ("tables/terms.csv", "term,count\nداعش,9\n\ufefb,3\n", ["tables/terms.csv:3:1 U+FEFB"]),
        # U+FDF2 (the Allah ligature) is in the Forms-A block.
        ("notebooks/x.ipynb", '{"cells": []}\n{"text": "حزب \ufdf2"}', ["notebooks/x.ipynb:2:15 U+FDF2"]),
        ("analysis/lexicons/topic/words.yaml", "- \ufe8d\ufedf\n", ["analysis/lexicons/topic/words.yaml:1:3 U+FE8D",
                                                                 "analysis/lexicons/topic/words.yaml:1:4 U+FEDF"]),
        ("anywhere/export.json", '["\ufeb6"]', ["anywhere/export.json:1:3 U+FEB6"]),
        # A leading byte-order mark (UTF-8 with BOM CSV) is not a presentation form.
        ("tables/claims.csv", "\ufeffquantity_text\nأكثر من 200\n", []),
        # Files in ignored places are not scanned.
        (".venv/lib/data.json", '["\ufefb"]', []),
    ],
    ids=["table", "notebook", "lexicon", "json anywhere", "bom", "venv ignored"],
)
def test_scan_reports_file_line_and_code_point(tmp_path: Path, relative: str, content: str,
                                               expected: list[str]) -> None:
    target = tmp_path / relative
    target.parent.mkdir(parents=True)
    target.write_text(content, encoding="utf-8")
    assert scan(tmp_path) == expected
