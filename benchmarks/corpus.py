"""Corpus-run benchmark: full pipeline throughput, scaling, memory — beside pyarabic and Tashaphyne.

Reads the ANT corpus (``analysis.paths.ANT_CORPUS`` or ``--corpus PATH``) at run
time and measures, in one run on the same machine:

1. peers on the same article texts: ``pyarabic.araby.tokenize`` alone, and
   pyarabic tokenize + Tashaphyne light stemming (on a sample: it is slow);
2. the full per-article pipeline (:func:`analysis.pipeline.process_article`)
   in one process on the first 1k, 2k, 4k and all articles (MB/s, s per MB:
   does the cost grow linearly?);
3. per-stage throughput of the pipeline (claims, entities, quotes, keywords);
4. end-to-end ``run_corpus`` (read the archive, analyse, write the tables) with
   1 and 2 jobs, each in a fresh subprocess, with peak resident memory of the
   main process and of its worker processes (``getrusage`` ``ru_maxrss``).

With ``--profile N`` it also profiles ``process_article`` on N articles with
pyinstrument and prints the time per module.

Usage::

    .venv/bin/python benchmarks/corpus.py                 # everything (a few minutes)
    .venv/bin/python benchmarks/corpus.py --quick         # 500 articles, no end-to-end runs
    .venv/bin/python benchmarks/corpus.py --profile 400   # + pyinstrument hot spots
    .venv/bin/python benchmarks/corpus.py --markdown benchmarks/results/corpus.md
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from analysis.corpus import iter_articles
from analysis.paths import ANT_CORPUS, PROJECT_ROOT

TARGET_MB_S = 3.0
TARGET_SPEEDUP = 1.6
TARGET_PEAK_MB = 1024


def _mb(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def _timed(func, texts: list[str]) -> float:
    start = time.perf_counter()
    for t in texts:
        func(t)
    return time.perf_counter() - start


def load_articles(corpus: Path, limit: int | None = None) -> list:
    arts = []
    for art in iter_articles(corpus, errors="report"):
        arts.append(art)
        if limit and len(arts) >= limit:
            break
    return arts


def bench_peers(texts: list[str], stem_sample: int) -> list[dict]:
    from pyarabic.araby import tokenize as pa_tokenize
    from tashaphyne.stemming import ArabicLightStemmer

    rows = []
    secs = _timed(pa_tokenize, texts)
    rows.append({"what": "pyarabic.araby.tokenize", "articles": len(texts), "mb": _mb(texts), "seconds": secs})
    stemmer = ArabicLightStemmer()

    def tok_stem(t: str) -> None:
        for w in pa_tokenize(t):
            stemmer.light_stem(w)

    sample = texts[:stem_sample]
    secs = _timed(tok_stem, sample)
    rows.append({"what": "pyarabic tokenize + Tashaphyne light_stem", "articles": len(sample), "mb": _mb(sample),
                 "seconds": secs})
    return rows


def bench_pipeline_scaling(articles: list, sizes: list[int]) -> list[dict]:
    """One pass over the articles; the elapsed time is read at each size (first 1k, 2k, 4k, all)."""
    from analysis.pipeline import process_article

    rows = []
    # warm-up: lexicons load once per process (reported separately, not in the rates)
    start = time.perf_counter()
    process_article(articles[0])
    warm = time.perf_counter() - start
    rows.append({"what": "pipeline warm-up (first article: lexicon loading)", "articles": 1,
                 "mb": _mb([articles[0].text]), "seconds": warm})
    marks = set(sizes)
    claims = 0
    nbytes = 0
    start = time.perf_counter()
    for i, art in enumerate(articles, start=1):
        claims += process_article(art).n_claims
        nbytes += len(art.text.encode("utf-8"))
        if i in marks:
            rows.append({"what": f"full pipeline, 1 process, first {i} articles", "articles": i,
                         "mb": nbytes / 1e6, "seconds": time.perf_counter() - start, "claims": claims})
    return rows


def bench_stages(articles: list) -> list[dict]:
    from analysis.pipeline import STAGES

    rows = []
    texts_mb = _mb([a.text for a in articles])
    for name, (_, func) in STAGES.items():
        start = time.perf_counter()
        failures = 0
        for art in articles:
            try:
                func(art)
            except Exception:  # noqa: BLE001 - counted
                failures += 1
        secs = time.perf_counter() - start
        rows.append({"what": f"stage {name}", "articles": len(articles), "mb": texts_mb, "seconds": secs,
                     "failures": failures})
    return rows


_RUN_SCRIPT = """
import json, resource, sys
from analysis.pipeline.runner import run_corpus
s = run_corpus([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[3]), progress=False,
               limit=(int(sys.argv[4]) or None))
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({**s.to_dict(),
                  "maxrss_self_mb": me.ru_maxrss / 1024, "maxrss_children_mb": kids.ru_maxrss / 1024,
                  "cpu_seconds": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime}))
"""


def bench_end_to_end(corpus: Path, jobs: int, limit: int | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as out:
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", _RUN_SCRIPT, str(corpus), out, str(jobs), str(limit or 0)],
                              capture_output=True, text=True, cwd=PROJECT_ROOT, env={**os.environ, "CI": "1"},
                              check=True)
        wall = time.perf_counter() - start
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    res["wall_seconds"] = wall
    return res


def profile_pipeline(articles: list) -> list[tuple[str, float]]:
    from pyinstrument import Profiler

    from analysis.pipeline import process_article

    process_article(articles[0])  # warm caches first: profile the steady state
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for art in articles:
        process_article(art)
    profiler.stop()
    session = profiler.last_session
    per_module: dict[str, float] = defaultdict(float)
    root = session.root_frame()

    def owner_of(frame) -> str | None:
        path = frame.file_path or ""
        if "/analysis/" in path:
            return "analysis/" + path.split("/analysis/")[-1]
        for lib in ("pandas", "numpy", "pyarrow"):
            if f"/{lib}/" in path:
                return lib
        return None

    def walk(frame, owner: str) -> None:
        # exclusive time of the frame, attributed to the innermost project module (or pandas/numpy)
        # on the stack, so that str.translate or re calls count for the module that made them
        own = owner_of(frame) or owner
        if own in ("pandas", "numpy", "pyarrow") and owner.startswith("analysis/"):
            own = f"{own} (called from {owner})"
        elif own in ("pandas", "numpy", "pyarrow") and " (called from " in owner:
            own = owner
        exclusive = frame.time - sum(child.time for child in frame.children)
        per_module[own] += max(exclusive, 0.0)
        for child in frame.children:
            walk(child, own)

    walk(root, "(other)")
    print(profiler.output_text(unicode=False, color=False, show_all=False)[:6000])
    return sorted(per_module.items(), key=lambda kv: -kv[1])


def _fmt_rows(rows: list[dict]) -> list[str]:
    lines = ["| measurement | articles | MB | seconds | MB/s | s per MB |", "|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        rate = r["mb"] / r["seconds"] if r["seconds"] else float("inf")
        lines.append(f"| {r['what']} | {r['articles']} | {r['mb']:.2f} | {r['seconds']:.2f} | {rate:.2f} | "
                     f"{r['seconds'] / r['mb']:.3f} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ANT_CORPUS)
    ap.add_argument("--quick", action="store_true", help="500 articles, no end-to-end runs")
    ap.add_argument("--stem-sample", type=int, default=500, help="articles for the slow Tashaphyne peer")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="profile process_article on N articles")
    ap.add_argument("--no-e2e", action="store_true", help="skip the end-to-end runs")
    ap.add_argument("--e2e-limit", type=int, default=None, metavar="N", help="end-to-end runs on N articles only")
    ap.add_argument("--markdown", type=Path, help="also write the results as Markdown here")
    args = ap.parse_args(argv)

    load0 = os.getloadavg()
    t0 = time.perf_counter()
    articles = load_articles(args.corpus, 500 if args.quick else None)
    load_secs = time.perf_counter() - t0
    texts = [a.text for a in articles]
    print(f"loaded {len(articles)} articles, {_mb(texts):.2f} MB of text in {load_secs:.2f} s; "
          f"load average {load0[0]:.2f}")

    sizes = [n for n in (1000, 2000, 4000) if n < len(articles)] + [len(articles)]
    if args.quick:
        sizes = [len(articles)]
    rows = bench_peers(texts, args.stem_sample)
    rows += bench_pipeline_scaling(articles, sizes)
    stage_rows = bench_stages(articles[: min(1000, len(articles))])
    rows += stage_rows
    table = _fmt_rows(rows)
    print("\n".join(table))

    e2e = []
    if not args.no_e2e and (not args.quick or args.e2e_limit):
        for jobs in (1, 2):
            before = os.getloadavg()[0]
            res = bench_end_to_end(args.corpus, jobs, args.e2e_limit)
            res["load_before"], res["load_after"] = before, os.getloadavg()[0]
            e2e.append(res)
            print(json.dumps(res, sort_keys=True))
    load1 = os.getloadavg()

    hot = []
    if args.profile:
        hot = profile_pipeline(articles[: args.profile])
        print("self time per module (s):")
        for mod, secs in hot[:25]:
            print(f"  {secs:7.3f}  {mod}")

    lines = ["## Corpus runs (`benchmarks/corpus.py`)", "",
             "Command: `.venv/bin/python benchmarks/corpus.py"
             f"{' --profile ' + str(args.profile) if args.profile else ''}`",
             "", f"Corpus: {args.corpus.name}, {len(articles)} articles, {_mb(texts):.2f} MB of article text "
             f"(loading and decoding: {load_secs:.2f} s). Machine: {os.cpu_count()} cores shared with other "
             f"sessions; load average {load0[0]:.2f} at start, {load1[0]:.2f} at end.", "", *table, ""]
    pipe_all = [r for r in rows if r["what"].startswith("full pipeline") and r["articles"] == len(articles)]
    if pipe_all:
        rate = pipe_all[0]["mb"] / pipe_all[0]["seconds"]
        lines.append(f"Full pipeline, one process: **{rate:.2f} MB/s** (target >= {TARGET_MB_S} MB/s: "
                     f"{'met' if rate >= TARGET_MB_S else 'NOT met'}).")
    if e2e:
        lines += ["", "End-to-end `run_corpus` (read the tar.gz, analyse, write CSV + Parquet), fresh subprocess:", "",
                  "| jobs | articles | errors | claims | wall s | MB/s | speed-up | CPU s (all processes) | "
                  "MB per CPU-second | peak RSS main (MB) | peak RSS largest worker (MB) | load avg before/after |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
        base = e2e[0]["seconds"]
        for res in e2e:
            lines.append(f"| {res['jobs']} | {res['articles_processed']} | {res['errors']} | {res['claims']} | "
                         f"{res['seconds']:.1f} | {res['mb_per_s']:.2f} | {base / res['seconds']:.2f}x | "
                         f"{res['cpu_seconds']:.1f} | {res['megabytes'] / res['cpu_seconds']:.2f} | "
                         f"{res['maxrss_self_mb']:.0f} | {res['maxrss_children_mb']:.0f} | "
                         f"{res['load_before']:.1f} / {res['load_after']:.1f} |")
    if hot:
        lines += ["", f"Profile of `process_article` on {args.profile} articles (pyinstrument, self time per module):",
                  "", "| module | self seconds |", "|---|---:|"]
        lines += [f"| {mod} | {secs:.2f} |" for mod, secs in hot[:15]]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
