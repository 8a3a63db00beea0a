"""Throughput of entities, quotes and time expressions on the ANT corpus, beside a regex gazetteer baseline.

The baseline is what a gazetteer matcher usually looks like: one Python ``re``
alternation of every alias (matching form, longest first, word boundaries,
optional proclitic chain) over the normalized text. It finds the same names as
our automaton but without the لل forms, short aliases, adjective handling or
candidates, so it is a lower bound on the work; the ratio shows what the
Aho–Corasick pass buys.

Run:
    .venv/bin/python benchmarks/entities_speed.py            # whole corpus (ours), 1,000 articles (baseline)
    .venv/bin/python benchmarks/entities_speed.py --limit 500
"""

from __future__ import annotations

import argparse
import re
import sys
import time

from analysis.attribution.quotes import quote_records
from analysis.corpus import iter_articles
from analysis.entities import entity_mentions
from analysis.entities.gazetteer import load_gazetteer
from analysis.paths import ANT_CORPUS
from analysis.text.normalize import matching_text
from analysis.timex import time_expressions


def _baseline_regex() -> re.Pattern[str]:
    keys = sorted(load_gazetteer().keys(), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:[وف]?[بلك]?)(" + "|".join(re.escape(k) for k in keys) + r")(?!\w)")


def _time(fn, texts: list[str]) -> tuple[float, int]:
    t0 = time.perf_counter()
    n = 0
    for t in texts:
        n += len(fn(t))
    return time.perf_counter() - t0, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="use only the first N articles (sorted by doc_id)")
    ap.add_argument("--baseline-articles", type=int, default=1000, help="articles for the slow regex baseline")
    args = ap.parse_args(argv)
    articles = sorted(iter_articles(ANT_CORPUS, errors="report"), key=lambda a: a.doc_id)
    texts = [a.text for a in articles][: args.limit or None]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    load_gazetteer()
    entity_mentions("تحميل")  # warm the caches (lexicons, automata)
    quote_records("قال «تحميل»")
    time_expressions("أمس")

    rows = []
    for name, fn in [
        ("gazetteer match (Aho–Corasick)", lambda t: load_gazetteer().match(t)),
        ("entity_mentions (+ candidates)", entity_mentions),
        ("quote_records (entities + sentences + speakers)", quote_records),
        ("time_expressions", time_expressions),
    ]:
        dt, n = _time(fn, texts)
        rows.append((name, len(texts), mb, n, dt))

    # quote_records given the entity mentions and sentence spans a pipeline already has (they are
    # computed outside the timer): the attribution work alone
    from analysis.text import split_sentences

    prepared = [(t, entity_mentions(t, adjectives=False, candidates=True),
                 [(s.start, s.end) for s in split_sentences(t)]) for t in texts]
    t0 = time.perf_counter()
    n_reused = sum(len(quote_records(t, mentions=m, sentences=s)) for t, m, s in prepared)
    rows.append(("quote_records (mentions + sentences passed in)", len(texts), mb, n_reused,
                 time.perf_counter() - t0))
    del prepared

    sub = texts[: args.baseline_articles]
    sub_mb = sum(len(t.encode("utf-8")) for t in sub) / 1e6
    pattern = _baseline_regex()
    dt_base, n_base = _time(lambda t: pattern.findall(matching_text(t).text), sub)
    dt_ours, n_ours = _time(lambda t: load_gazetteer().match(t), sub)

    print(f"ANT corpus: {len(texts)} articles, {mb:.1f} MB of article text\n")
    print("| step | articles | MB | items | seconds | MB/s |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, n_art, m, n, dt in rows:
        print(f"| {name} | {n_art} | {m:.1f} | {n} | {dt:.2f} | {m / dt:.2f} |")
    print()
    print(f"Same {len(sub)} articles ({sub_mb:.2f} MB), gazetteer only:\n")
    print("| matcher | items | seconds | MB/s | ratio |")
    print("|---|---:|---:|---:|---:|")
    print(f"| regex alternation of {len(load_gazetteer().keys())} keys (baseline) | {n_base} | {dt_base:.2f} | "
          f"{sub_mb / dt_base:.2f} | 1.0 |")
    print(f"| ours: Aho–Corasick + boundary checks | {n_ours} | {dt_ours:.2f} | {sub_mb / dt_ours:.2f} | "
          f"{dt_base / dt_ours:.1f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
