"""`make article` on articles that are not the seed, and its HTML report in headless Chromium.

The articles: two shipped fixtures (``tests/fixtures/articles/``, written for these
tests) and one ANT article read from ``../shared`` when it is there. Each runs through
the real ``make article`` (papermill over notebooks 01–04, then the report); the
committed ``figures/`` and ``tables/`` must not change (``git status`` is compared
before and after).

The Chromium test opens a report with Debian's ``chromium`` (installed by ``.ci/run``),
takes a screenshot, and checks that the page logs no error and that every table cell
whose first strong character is Arabic is laid out right-to-left: its computed
direction is ``rtl``, and when its text starts with an Arabic letter, that letter
stands at the right edge of the cell's content box (the start edge of a right-to-left
line; in a left-to-right cell the first letter stands left of the rest of the text,
whatever the alignment). It is skipped only when no Chromium is
installed, except under ``ANALYSIS_REQUIRE_CHROMIUM=1`` (set by ``.ci/run``), where a
missing Chromium fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from analysis.csvio import read_csv
from analysis.paths import ANT_CORPUS, ARTICLE_BUILDS_DIR, PROJECT_ROOT, TESTS_DIR

FIXTURES = TESTS_DIR / "fixtures" / "articles"
ANT_DOC_ID = "SK-middleEast-3177-20180730"
NOTEBOOKS = ("01_article_overview", "02_keywords", "03_claims", "04_actors")


def _git_status() -> str | None:
    if shutil.which("git") is None or not (PROJECT_ROOT / ".git").exists():
        return None
    proc = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, check=True)
    return proc.stdout


def _make_article(article: Path, doc_id: str | None) -> subprocess.CompletedProcess:
    cmd = ["make", "--no-print-directory", "article", f"ARTICLE={article}"]
    if doc_id:
        cmd.append(f"DOC_ID={doc_id}")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    return subprocess.run(cmd, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=1200, env=env)


CASES = [
    pytest.param(FIXTURES / "libya_port.txt", None, "fixture-libya-port", id="front-matter-txt"),
    pytest.param(FIXTURES / "two_reports.jsonl", "fixture-jsonl-1", "fixture-jsonl-1", id="jsonl-record"),
    pytest.param(ANT_CORPUS, ANT_DOC_ID, ANT_DOC_ID, id="ant-archive-member",
                 marks=pytest.mark.skipif(not ANT_CORPUS.is_file(), reason="ANT corpus not in ../shared")),
]


@pytest.fixture(scope="module")
def builds() -> dict[str, tuple[subprocess.CompletedProcess, str | None, str | None]]:
    """doc_id -> (make's result, git status before, after), run lazily once per article."""
    return {}


def _build(builds, article: Path, doc_id: str | None, expected_id: str):
    if expected_id not in builds:
        shutil.rmtree(ARTICLE_BUILDS_DIR / expected_id, ignore_errors=True)
        before = _git_status()
        proc = _make_article(article, doc_id)
        builds[expected_id] = (proc, before, _git_status())
    return builds[expected_id]


@pytest.mark.parametrize(("article", "doc_id", "expected_id"), CASES)
def test_make_article_runs_every_notebook_without_error(builds, article, doc_id, expected_id):
    proc, before, after = _build(builds, article, doc_id, expected_id)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    out = ARTICLE_BUILDS_DIR / expected_id
    assert (out / "index.html").is_file()
    for name in NOTEBOOKS:
        nb = nbformat.read(out / "notebooks" / f"{name}.ipynb", as_version=4)
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
        assert errors == [], (name, errors)
        stderr = [o.get("text", "") for c in nb.cells for o in c.get("outputs", [])
                  if o.get("output_type") == "stream" and o.get("name") == "stderr"]
        assert stderr == [], (name, stderr)
        assert not any("seed-reading" in c.metadata.get("tags", []) for c in nb.cells), name
    assert (out / "figures" / "01_words_per_sentence.png").is_file()
    claims = read_csv(out / "tables" / "claims" / f"{expected_id}.csv")
    assert list(claims.columns)[:2] == ["doc_id", "claim_id"]
    assert set(claims["doc_id"]) <= {expected_id}
    # the committed figures/ and tables/ (and everything else tracked) are untouched
    if before is not None:
        assert after == before


def test_fixture_report_names_the_article_and_resolves_its_dates(builds):
    proc, _, _ = _build(builds, FIXTURES / "libya_port.txt", None, "fixture-libya-port")
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = ARTICLE_BUILDS_DIR / "fixture-libya-port"
    overview = nbformat.read(out / "notebooks" / "01_article_overview.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in overview.cells for o in c.get("outputs", [])
                      if o.get("output_type") == "stream")
    assert "Article fixture-libya-port (Test Wire, 2019-04-12), file libya_port.txt" in printed
    actors = nbformat.read(out / "notebooks" / "04_actors.ipynb", as_version=4)
    html = "".join(o.get("data", {}).get("text/html", "") for c in actors.cells for o in c.get("outputs", []))
    # "أمس" in a report published on 2019-04-12 is 2019-04-11 (the reference date is the article's)
    assert "2019-04-11" in html
    # speakers missing from the gazetteer are charted under their written name
    assert (out / "figures" / "04_quotes_by_speaker.png").is_file()
    # the map's extent comes from the data: the Libyan cities are drawn, New York and Washington listed
    assert (out / "figures" / "04_places_map.png").is_file()
    assert "واشنطن" in html and "نيويورك" in html
    report = (out / "index.html").read_text(encoding="utf-8")
    assert report.index('id="claims"') < report.index("01 — Article overview")
    assert "fixture-libya-port" in report and "https://cdn" not in report


def test_make_article_without_an_article_is_a_usage_error():
    proc = subprocess.run(["make", "--no-print-directory", "article"], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode != 0 and "usage: make article ARTICLE=" in proc.stderr


def test_article_run_of_a_missing_record_is_one_line(capsys):
    from analysis.nbrun import main

    assert main(["--article", str(FIXTURES / "two_reports.jsonl")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "choose one with DOC_ID" in err
    assert main(["--article", str(FIXTURES / "two_reports.jsonl"), "--doc-id", "nope"]) == 1
    assert "no article with doc_id 'nope'" in capsys.readouterr().err


# --- the report in a real browser --------------------------------------------------------------

_ARABIC_CELLS_JS = r"""
(() => {
  // first strong character Arabic (digits and punctuation may come before it)
  const arabicFirst = /^[^A-Za-z\u00C0-\u024F\u0590-\u08FF]*[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]/;
  // the text itself starts with an Arabic letter (after spaces, quotation marks, brackets)
  const letterFirst = /^[\s\u00AB\u00BB"'(\[]*[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]/;
  const out = [];
  for (const cell of document.querySelectorAll("td, th")) {
    const text = cell.textContent.trim();
    if (!arabicFirst.test(text)) continue;
    const box = cell.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node = walker.nextNode();
    while (node && !node.textContent.trim()) node = walker.nextNode();
    if (!node) continue;
    const i = node.textContent.search(/\S/);
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    const first = range.getBoundingClientRect();
    const style = getComputedStyle(cell);
    const contentRight = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
    const contentLeft = box.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth);
    out.push({text: text.slice(0, 40), direction: style.direction, firstRight: first.right,
              firstLeft: first.left, contentRight: contentRight, contentLeft: contentLeft,
              inClaims: !!cell.closest("#claims"), letterFirst: letterFirst.test(text)});
  }
  return out;
})()
"""


@pytest.fixture(scope="module")
def chromium_binary() -> str:
    from tests.support.chromium_cdp import find_chromium

    binary = find_chromium()
    if binary is None:
        if os.environ.get("ANALYSIS_REQUIRE_CHROMIUM") == "1":
            pytest.fail("chromium is required here (ANALYSIS_REQUIRE_CHROMIUM=1) but not installed")
        pytest.skip("no chromium on this machine (.ci/run installs Debian's chromium with apt-get)")
    return binary


def test_report_in_headless_chromium_is_right_to_left_without_console_errors(builds, chromium_binary):
    from tests.support.chromium_cdp import Chromium

    proc, _, _ = _build(builds, FIXTURES / "libya_port.txt", None, "fixture-libya-port")
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = ARTICLE_BUILDS_DIR / "fixture-libya-port"
    n_claims = len(read_csv(out / "tables" / "claims" / "fixture-libya-port.csv"))
    assert n_claims >= 3
    with Chromium(chromium_binary) as browser:
        browser.open((out / "index.html").resolve().as_uri())
        # the claims table is drawn by DataTables from the embedded bundle (no network)
        browser.wait_until("document.querySelectorAll('#claims tbody tr').length > 0")
        assert browser.evaluate("document.querySelectorAll('#claims tbody tr').length") == n_claims
        shot = browser.screenshot(out / "report-screenshot.png")
        assert shot.stat().st_size > 20_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        cells = browser.evaluate(_ARABIC_CELLS_JS)
        # filtering works offline: the search box keeps only the rows that match
        table = read_csv(out / "tables" / "claims" / "fixture-libya-port.csv")
        linked = set(table["duplicate_of"].dropna()) | set(table["conflicts_with"].dropna())
        # a claim id that no other row mentions (restatements name the claim they restate)
        first_id = next(i for i in table["claim_id"] if i not in linked)
        browser.evaluate(f"""(() => {{ const box = document.querySelector('.dt-search input, .dataTables_filter input');
                                     box.value = {first_id!r}; box.dispatchEvent(new Event('input')); }})()""")
        browser.wait_until("document.querySelectorAll('#claims tbody tr').length === 1")
        problems = browser.problems()
    assert problems == []
    assert len(cells) >= 20 and any(c["inClaims"] for c in cells)
    wrong_direction = [c["text"] for c in cells if c["direction"] != "rtl"]
    assert wrong_direction == []
    # right-to-left layout: a text that starts with an Arabic letter starts at the right edge of the
    # content box (left-to-right, its first letter would stand left of the rest of the text)
    starting = [c for c in cells if c["letterFirst"]]
    assert len(starting) >= 10 and any(c["inClaims"] for c in starting)
    not_from_right = [(c["text"], c["firstRight"], c["contentRight"]) for c in starting
                      if abs(c["firstRight"] - c["contentRight"]) > 3]
    assert not_from_right == []
