"""Throughput of analysis.numbers.find_numbers over the ANT corpus, beside a plain digit regex.

Reads every article of the ANT corpus (``analysis.paths.ANT_CORPUS``, or
``--corpus PATH``) through ``analysis.corpus.iter_articles``, keeps the
article texts in memory (loading is not timed), then times in the same run:

* ``re.finditer(r"[0-9٠-٩]+", text)`` over every article (the floor: what
  finding digit runs alone costs in Python);
* ``find_numbers(text)`` over every article.

Speeds are in MB of UTF-8 article text per second (best of ``--repeat`` runs).

Run:  python benchmarks/numbers_speed.py [--corpus PATH] [--repeat 3] [--limit N]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

from analysis.corpus import iter_articles
from analysis.numbers import find_numbers
from analysis.paths import ANT_CORPUS, relative_to_project

_DIGITS_RE = re.compile(r"[0-9٠-٩]+")


def _regex_pass(texts: list[str]) -> int:
    n = 0
    for t in texts:
        for _ in _DIGITS_RE.finditer(t):
            n += 1
    return n


def _parser_pass(texts: list[str]) -> tuple[int, Counter]:
    n = 0
    kinds: Counter = Counter()
    for t in texts:
        ms = find_numbers(t)
        n += len(ms)
        for m in ms:
            kinds[m.kind] += 1
    return n, kinds


def _best(fn, texts: list[str], repeat: int) -> tuple[float, float, object]:
    """Best wall-clock and best CPU (process) time over ``repeat`` runs, and the result."""
    best = best_cpu = float("inf")
    result = None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn(texts)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return best, best_cpu, result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--corpus", type=Path, default=ANT_CORPUS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N articles (0 = all)")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    texts = []
    for art in iter_articles(args.corpus, errors="report"):
        texts.append(art.text)
        if args.limit and len(texts) >= args.limit:
            break
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    find_numbers("تمهيد 1")  # load lexicons and compile patterns outside the timing
    t_re, c_re, n_re = _best(_regex_pass, texts, args.repeat)
    t_fn, c_fn, (n_fn, kinds) = _best(_parser_pass, texts, args.repeat)
    # the same corpus without numbers: paragraphs where find_numbers finds nothing
    plain = [p for t in texts for p in t.split("\n") if p.strip() and not find_numbers(p)]
    mb_plain = sum(len(p.encode("utf-8")) for p in plain) / 1e6
    t_pl, c_pl, (n_pl, _) = _best(_parser_pass, plain, args.repeat)
    t_pr, c_pr, _ = _best(_regex_pass, plain, args.repeat)
    print(f"corpus: {relative_to_project(args.corpus)} — {len(texts)} articles, {mb:.1f} MB of text; "
          f"best of {args.repeat} runs")
    print()
    print("| method | wall s | MB/s (wall) | CPU s | MB/s (CPU) | found | time ÷ regex time |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(f"| `re.finditer(r\"[0-9٠-٩]+\")` | {t_re:.2f} | {mb / t_re:.1f} | {c_re:.2f} | {mb / c_re:.1f} | "
          f"{n_re} digit runs | 1.0× |")
    print(f"| `analysis.numbers.find_numbers` | {t_fn:.2f} | {mb / t_fn:.1f} | {c_fn:.2f} | {mb / c_fn:.1f} | "
          f"{n_fn} mentions | {t_fn / t_re:.1f}× |")
    print()
    print(f"Paragraphs without any number ({len(plain)} paragraphs, {mb_plain:.1f} MB): what the pre-filter costs")
    print()
    print("| method | wall s | MB/s (wall) | CPU s | MB/s (CPU) | found | time ÷ regex time |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(f"| `re.finditer(r\"[0-9٠-٩]+\")` | {t_pr:.2f} | {mb_plain / t_pr:.1f} | {c_pr:.2f} | "
          f"{mb_plain / c_pr:.1f} | 0 | 1.0× |")
    print(f"| `analysis.numbers.find_numbers` | {t_pl:.2f} | {mb_plain / t_pl:.1f} | {c_pl:.2f} | "
          f"{mb_plain / c_pl:.1f} | {n_pl} | {t_pl / t_pr:.1f}× |")
    print()
    print("mentions by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
