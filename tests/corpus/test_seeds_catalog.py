"""The seed inputs are immutable: every catalog checksum must match the file's bytes."""

import csv
import hashlib

import pytest

from analysis.corpus import loader as corpus
from analysis.errors import CorpusError
from analysis.paths import SEED_CATALOG, SEEDS_DIR

ROWS = list(csv.DictReader(SEED_CATALOG.open(encoding="utf-8", newline="")))


def test_catalog_has_the_documented_columns():
    with SEED_CATALOG.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert tuple(header) == corpus.CATALOG_FIELDS


@pytest.mark.parametrize("row", ROWS, ids=[r["doc_id"] for r in ROWS])
def test_catalog_checksum_matches_file(row):
    data = (SEEDS_DIR / row["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == row["sha256"]


def test_every_seed_file_is_catalogued():
    listed = {r["file"] for r in ROWS}
    on_disk = {p.name for p in SEEDS_DIR.iterdir() if p.suffix in {".txt", ".xml", ".jsonl", ".json"}}
    assert on_disk == listed


def test_seed_is_the_shared_original():
    # the shared copy (when present) and ours are byte-identical
    from analysis.paths import SHARED_DIR

    shared = SHARED_DIR / "seeds" / "000_59786d66bf5a77f6.txt"
    if not shared.exists():
        pytest.skip("../shared not present")
    assert shared.read_bytes() == (SEEDS_DIR / "000_59786d66bf5a77f6.txt").read_bytes()


def test_unknown_fields_stay_empty():
    # the seed file names no outlet, date or headline: the catalog must not invent them
    row = next(r for r in ROWS if r["doc_id"] == "000_59786d66bf5a77f6")
    assert (row["outlet"], row["published"], row["headline"]) == ("", "", "")
    assert row["language"] == "ar"


def test_load_seeds_returns_catalogued_articles():
    seeds = corpus.load_seeds()
    assert [a.doc_id for a in seeds] == [r["doc_id"] for r in ROWS]
    seed = seeds[0]
    assert seed.text.startswith("أكد وزير الخارجية الروسي سيرغي لافروف")
    assert seed.text.endswith("30- 40 كيلومتراً يومياً.")
    assert seed.source is None and seed.published is None and seed.title is None
    assert seed.meta["language"] == "ar"


def test_load_seeds_detects_modified_input(monkeypatch, tmp_path):
    catalog = tmp_path / "catalog.csv"
    rows = [dict(r, sha256="0" * 64) for r in ROWS]
    with catalog.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=corpus.CATALOG_FIELDS)
        w.writeheader()
        w.writerows(rows)
    monkeypatch.setattr(corpus, "read_catalog", lambda: _read(catalog))
    with pytest.raises(CorpusError, match="checksum"):
        corpus.load_seeds()


def _read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("row", ROWS, ids=[r["doc_id"] for r in ROWS])
def test_catalog_dates_are_iso_dates_or_empty(row):
    import datetime
    import re

    for column in ("published", "reference_date"):
        value = row[column]
        if value:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), (column, value)
            datetime.date.fromisoformat(value)  # a real calendar date (no 2018-02-30)


@pytest.mark.parametrize(("column", "value"), [("published", "30/07/2018"), ("published", "2018-02-30"),
                                               ("published", "Mon, 30 Jul 2018"), ("reference_date", "2017-8-22")])
def test_catalog_with_a_date_that_is_not_iso_is_refused(tmp_path, column, value):
    rows = [dict(r, **{column: value}) for r in ROWS]
    catalog = tmp_path / "catalog.csv"
    with catalog.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=corpus.CATALOG_FIELDS)
        w.writeheader()
        w.writerows(rows)
    with pytest.raises(CorpusError, match=f"{column} must be an ISO date") as err:
        corpus.read_catalog(catalog)
    assert err.value.record == f"line 2, doc_id {ROWS[0]['doc_id']}"


def test_every_catalog_column_is_documented_in_the_readme():
    readme = (SEEDS_DIR.parent / "README.md").read_text(encoding="utf-8")
    missing = [c for c in corpus.CATALOG_FIELDS if f"`{c}`" not in readme]
    assert missing == []
