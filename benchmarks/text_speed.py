"""Throughput of tokenize + lemma_key over the ANT corpus, beside pyarabic, same run.

Reads every article of the corpus (``analysis.paths.ANT_CORPUS`` or a path
given with ``--corpus``) into memory first, so only text processing is timed,
then times over all article texts:

* ``pyarabic.araby.tokenize`` (regex split, no analysis): the reference peer;
* ``analysis.text.tokenize`` (offsets, kinds, normalized form, clitics, stem
  offsets and lemma key per token), one pass from cold per-word caches;
* ``tokenize`` plus an explicit ``lemma_key(token.text)`` call per word;
* a second pass with warm caches (what later articles of a long run see);
* ``iter_word_keys`` (keys only, the fast path for counting).

MB/s are megabytes (10^6) of UTF-8 article text per second. The systems run
one after another in each of three rounds (cold-cache passes start from
emptied caches); the table gives the median time and the median of the
per-round ratios to pyarabic, which is robust to load from other processes,
and the CPU time of this process (``time.process_time``), which other
processes on a shared machine disturb less than wall-clock time.

Run:
    .venv/bin/python benchmarks/text_speed.py [--corpus PATH] [--limit N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from analysis.corpus import iter_articles
from analysis.paths import ANT_CORPUS

#: Interleaved rounds; medians are reported (the machine is shared, single runs are noisy).
ROUNDS = 3


def _clear_caches() -> None:
    from analysis.text.clitics import segment
    from analysis.text.lemmas import lemma_key
    from analysis.text.tokens import clear_word_cache

    lemma_key("تجربة")  # lexicons loaded once, outside the timing
    lemma_key.cache_clear()
    segment.cache_clear()
    clear_word_cache()


def _pass(fn: Callable[[str], object], texts: list[str]) -> tuple[float, float, int]:
    """Wall-clock seconds, CPU seconds of this process, and tokens produced."""
    t0, c0 = time.perf_counter(), time.process_time()
    n = 0
    for text in texts:
        n += len(fn(text))  # type: ignore[arg-type]
    return time.perf_counter() - t0, time.process_time() - c0, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(ANT_CORPUS))
    ap.add_argument("--limit", type=int, default=0, help="first N articles only (0 = all)")
    args = ap.parse_args()

    texts = []
    for i, art in enumerate(iter_articles(args.corpus, errors="report")):
        if args.limit and i >= args.limit:
            break
        texts.append(art.text)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    from pyarabic.araby import tokenize as pyarabic_tokenize

    from analysis.text import iter_word_keys, lemma_key, tokenize

    def tokenize_and_keys(text: str) -> list[str]:
        return [lemma_key(t.text) for t in tokenize(text) if t.kind == "word"]

    systems: list[tuple[str, Callable[[str], object], bool]] = [
        ("pyarabic.araby.tokenize", pyarabic_tokenize, False),
        ("ours: tokenize + lemma_key per word (cold caches)", tokenize_and_keys, True),
        ("ours: tokenize (cold caches; tokens carry their lemma key)", tokenize, True),
        ("ours: tokenize (warm caches)", tokenize, False),
        ("ours: tokenize + lemma_key per word (warm caches)", tokenize_and_keys, False),
        ("ours: iter_word_keys (warm caches; keys only)", iter_word_keys, False),
    ]
    seconds: dict[str, list[float]] = {name: [] for name, _, _ in systems}
    cpu: dict[str, list[float]] = {name: [] for name, _, _ in systems}
    ratios: dict[str, list[float]] = {name: [] for name, _, _ in systems}
    tokens: dict[str, int] = {}
    for _ in range(ROUNDS):
        base = None
        for name, fn, cold in systems:
            if cold:
                _clear_caches()
            secs, cpu_secs, tokens[name] = _pass(fn, texts)
            base = secs if base is None else base
            seconds[name].append(secs)
            cpu[name].append(cpu_secs)
            ratios[name].append(secs / base)

    print(f"ANT corpus: {len(texts)} articles, {mb:.1f} MB of UTF-8 article text\n")
    print(f"median of {ROUNDS} interleaved rounds; ratio = our time / pyarabic time in the same round\n")
    print("| system | seconds | tokens | MB/s | time vs pyarabic | CPU seconds | MB per CPU second |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, _, _ in systems:
        secs, cpu_secs = statistics.median(seconds[name]), statistics.median(cpu[name])
        print(
            f"| {name} | {secs:.2f} | {tokens[name]:,} | {mb / secs:.2f} | {statistics.median(ratios[name]):.2f}x"
            f" | {cpu_secs:.2f} | {mb / cpu_secs:.2f} |"
        )


if __name__ == "__main__":
    main()
