"""Draw the blind evaluation samples of issues 12, 13 and 16 from the ANT Middle East archive.

The rule, fixed before any annotation (2026-12-02):

1. Pool: every article of the ANT Middle East archive whose body is at least
   400 characters long, first occurrence of each distinct body only, and whose
   doc id is not in ``annotations/previously_used_doc_ids.txt`` (every id that
   any earlier benchmark, test, notebook or table of the project used: those
   articles may have been tuned on).
2. Per outlet, the pool's doc ids are sorted and shuffled with
   ``random.Random(f"20261202-{outlet}")``.
3. Each outlet's shuffled list is cut in order into the samples of ``QUOTAS``:
   claims test, claims development, entities/time test, entities/time
   development, keyword test, keyword development, and a claims test
   extension (``claims_test_extra``, 16 per outlet, fixed before annotation in
   case the first 68 test articles held fewer than 300 claims, as the first two
   annotated batches suggested; it is part of
   the claims test set).

The claims and entities samples were annotated blind, by annotators who had not
read the package's code, before the code ran on them. Usage::

    .venv/bin/python benchmarks/select_samples.py            # print sample sizes
    .venv/bin/python benchmarks/select_samples.py --list claims_test
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict
from pathlib import Path

from analysis.corpus import iter_articles
from analysis.paths import ANT_CORPUS

SEED = "20261202"
MIN_CHARS = 400
HERE = Path(__file__).resolve().parent
USED_IDS = HERE / "annotations" / "previously_used_doc_ids.txt"
#: (sample, articles per outlet), in the order they are cut from each outlet's shuffled list.
QUOTAS: tuple[tuple[str, int], ...] = (
    ("claims_test", 17),
    ("claims_dev", 5),
    ("entities_test", 6),
    ("entities_dev", 2),
    ("keywords_test", 100),
    ("keywords_dev", 50),
    ("claims_test_extra", 16),
)


def draw_samples(articles=None) -> dict[str, list]:
    """Apply the rule above; returns ``{sample: [Article, ...]}`` sorted by doc id."""
    if articles is None:
        articles = iter_articles([ANT_CORPUS], errors="report")
    used = set(USED_IDS.read_text(encoding="utf-8").split())
    seen_bodies: set[str] = set()
    by_outlet: dict[str, dict[str, object]] = defaultdict(dict)
    for art in articles:
        if not hasattr(art, "doc_id") or len(art.text) < MIN_CHARS or art.doc_id in used:
            continue
        if art.content_hash in seen_bodies:
            continue
        seen_bodies.add(art.content_hash)
        by_outlet[art.source or "unknown"][art.doc_id] = art
    samples: dict[str, list] = {name: [] for name, _ in QUOTAS}
    for outlet in sorted(by_outlet):
        ids = sorted(by_outlet[outlet])
        random.Random(f"{SEED}-{outlet}").shuffle(ids)
        pos = 0
        for name, quota in QUOTAS:
            samples[name].extend(by_outlet[outlet][i] for i in ids[pos:pos + quota])
            pos += quota
    return {name: sorted(arts, key=lambda a: a.doc_id) for name, arts in samples.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", metavar="SAMPLE", help="print the doc ids of one sample")
    args = ap.parse_args(argv)
    samples = draw_samples()
    if args.list:
        print("\n".join(a.doc_id for a in samples[args.list]))
        return 0
    for name, arts in samples.items():
        print(f"{name}: {len(arts)} articles, {sum(len(a.text) for a in arts):,} characters")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
