"""Speed of the full per-article pipeline beside ``pyarabic.araby.tokenize``, in one run (issue 11).

What it measures, on ANT Middle East articles (``analysis.paths.ANT_CORPUS`` or ``--corpus``):

1. **One process, unseen texts**: ``process_article`` (one ``Document`` per article, every
   stage) on N articles drawn by a fixed seed, after warming the lexicons on another article,
   so the per-word caches have not seen those texts; ``pyarabic.araby.tokenize`` on the same
   texts in the same run. Reported: MB/s of each and the ratio (target ≥ 0.15× pyarabic),
   and the ratio to the issue's baseline (0.043×).
2. **Per layer**: the time of each Document layer on the same articles (where the time goes).
3. **Jobs**: ``run_corpus`` over the same articles with 1 and 2 worker processes, each in a
   fresh subprocess (target: 2 jobs ≥ 1.8× one job), and the peak resident memory of the
   worker processes (``getrusage(RUSAGE_CHILDREN)``; target < 500 MB).

The machine has 2 cores and may be shared: the ratios measured in one run are the figures
to compare, absolute MB/s move with the load (the load average is printed).

Usage::

    .venv/bin/python benchmarks/pipeline_speed.py [--articles 300] [--seed 5] [--markdown PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.corpus import iter_articles
from analysis.paths import ANT_CORPUS, PROJECT_ROOT

TARGET_RATIO = 0.15
BASELINE_RATIO = 0.043
TARGET_JOBS = 1.8
TARGET_PEAK_MB = 500
LAYERS = ("tokens", "sentences", "matching", "numbers", "gazetteer_hits", "entities", "time_expressions",
          "quotation_spans", "attributions", "quotes", "claims", "keywords")


def _sample(corpus: Path, n: int, seed: int) -> tuple[object, list, list]:
    """(warm-up article, the n articles measured, every other article in the same shuffled order)."""
    arts = [a for a in iter_articles([corpus], errors="report") if hasattr(a, "doc_id")]
    arts.sort(key=lambda a: a.doc_id)
    random.Random(seed).shuffle(arts)
    return arts[0], arts[1:n + 1], arts[1:]


def _mb(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def _write_inputs(articles: list, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "articles.jsonl").open("w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps({"doc_id": a.doc_id, "text": a.text, "published": a.published,
                                 "source": a.source, "title": a.title}, ensure_ascii=False) + "\n")


_JOB_SCRIPT = """
import json, resource, sys, time
from analysis.pipeline.runner import run_corpus
start = time.perf_counter()
run_corpus([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[3]), progress=False)
seconds = time.perf_counter() - start
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "children_peak_mb": children, "main_peak_mb": me}))
"""


def _run_jobs(inputs: Path, jobs: int) -> dict:
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.run([sys.executable, "-c", _JOB_SCRIPT, str(inputs), out, str(jobs)],
                              capture_output=True, text=True, check=True, cwd=PROJECT_ROOT)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ANT_CORPUS)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--job-articles", type=int, default=2000,
                    help="articles of the 1-job/2-job runs (more than --articles: start-up costs seconds)")
    ap.add_argument("--no-jobs", action="store_true", help="skip the 1-job/2-job runs")
    ap.add_argument("--markdown", type=Path)
    args = ap.parse_args(argv)

    from pyarabic.araby import tokenize as pyarabic_tokenize

    import analysis.document  # noqa: F401 - every layer
    from analysis.document import Document
    from analysis.pipeline import process_article

    warm, sample, pool = _sample(args.corpus, args.articles, args.seed)
    texts = [a.text for a in sample]
    mb = _mb(texts)
    # lexicons, automata, caches of the warm-up article only: process_article, then every layer of
    # it (process_article asks some layers, e.g. time expressions, only when a claim needs them, so
    # their patterns would otherwise be compiled inside the timed loop)
    process_article(warm)
    warm_doc = Document(warm.text, doc_id=warm.doc_id, reference_date=warm.published, title=warm.title)
    for layer in LAYERS:
        getattr(warm_doc, layer)
    start = time.perf_counter()
    for a in sample:
        process_article(a)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    for t in texts:
        pyarabic_tokenize(t)
    peer = time.perf_counter() - start
    ratio = peer / ours
    lines = [f"### pipeline speed: {len(sample)} ANT Middle East articles (seed {args.seed}), {mb:.2f} MB; "
             f"load average {os.getloadavg()[0]:.1f}", "",
             "| what | seconds | MB/s | ratio to pyarabic tokenize |", "|---|---:|---:|---:|",
             f"| `process_article` (unseen texts, every stage) | {ours:.2f} | {mb / ours:.2f} | {ratio:.3f} |",
             f"| `pyarabic.araby.tokenize` (same texts) | {peer:.2f} | {mb / peer:.2f} | 1 |", "",
             f"Target ≥ {TARGET_RATIO}×: {'met' if ratio >= TARGET_RATIO else 'not met'} "
             f"({ratio / TARGET_RATIO:.2f} of the target; {ratio / BASELINE_RATIO:.2f}× the issue's baseline "
             f"of {BASELINE_RATIO}×).", ""]
    # per layer, on fresh documents (the caches have seen these texts now: warm figures)
    docs = [Document(a.text, doc_id=a.doc_id, reference_date=a.published, title=a.title) for a in sample]
    lines += ["| layer (warm caches) | seconds | share |", "|---|---:|---:|"]
    times = {}
    for layer in LAYERS:
        start = time.perf_counter()
        for d in docs:
            getattr(d, layer)
        times[layer] = time.perf_counter() - start
    total = sum(times.values())
    lines += [f"| {k} | {v:.2f} | {v / total:.0%} |" for k, v in times.items()]
    if not args.no_jobs:
        with tempfile.TemporaryDirectory() as tmp:
            inputs = Path(tmp) / "inputs"
            _write_inputs(pool[:args.job_articles], inputs)
            one, two = _run_jobs(inputs, 1), _run_jobs(inputs, 2)
        speedup = one["seconds"] / two["seconds"]
        lines += ["",
                  f"`run_corpus` over {min(args.job_articles, len(pool))} articles, each run in a fresh process:",
                  "",
                  "| run_corpus | seconds | speed-up | peak memory of workers (MB) | main process (MB) |",
                  "|---|---:|---:|---:|---:|",
                  f"| 1 job | {one['seconds']:.2f} | 1 | {one['children_peak_mb']:.0f} | {one['main_peak_mb']:.0f} |",
                  f"| 2 jobs | {two['seconds']:.2f} | {speedup:.2f} | {two['children_peak_mb']:.0f} | "
                  f"{two['main_peak_mb']:.0f} |", "",
                  f"2 jobs ≥ {TARGET_JOBS}×: {'met' if speedup >= TARGET_JOBS else 'not met'}; workers < "
                  f"{TARGET_PEAK_MB} MB: {'met' if two['children_peak_mb'] < TARGET_PEAK_MB else 'not met'}."]
    print("\n".join(lines))
    if args.markdown:
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
