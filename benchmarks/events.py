"""Score ``analysis.events.link_events`` on the blind event gold sets (issue 14), beside the naive rule.

Gold (``annotations/events_blind_*.csv``, ``event_mentions_blind_*.csv``,
``event_near_misses_blind_*.csv``; annotated blind, see ``annotations/README.md`` and
``annotations/guides/events-guide.md``): events reported by several outlets, every figure
mention about each (doc_id and character offsets into the article body), and near-miss
pairs of different events easy to confuse. ``dev`` (Feb–Mar 2018) is for error analysis;
``test`` (Apr–Oct 2018) is scored once.

The linker runs on the claims table of a corpus run (``python -m analysis run`` over the
ANT Middle East archive). A gold mention is mapped to the claim row of its article whose
span overlaps it most (mentions no claim overlaps are *unmatched*: the claims extractor
missed them).

Measures, over pairs of gold mentions in **different articles**:

* precision and recall of "same event" (a pair is predicted linked when both claims have the
  same non-empty ``event_id``), over matched mentions; recall also over all gold pairs
  (unmatched mentions count as not linked: end to end);
* near misses wrongly linked: near-miss pairs (two different events) of which at least one
  mention of each, in any articles (the same article too), got the same event id;
* the naive rule beside it: two claims are one event when they have the same category and the
  same publication day;
* the time to link the whole corpus (``link_events`` on the run's claims and articles tables,
  wall and CPU seconds, best of ``--repeat``, in this process: lexicons already loaded), and
  on the corpus twice (a second copy of every article one year later, its sentences made
  distinct: twice the claims and sentences, the same density per day).

Usage::

    .venv/bin/python -m analysis run ../shared/corpora/ant-multisource-v2.1-middleEast.tar.gz --out /tmp/run --jobs 2
    .venv/bin/python benchmarks/events.py --run /tmp/run --split dev [--errors] [--markdown PATH]
"""

from __future__ import annotations

import argparse
import os
import time
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
ANNOTATIONS = HERE / "annotations"


def gold_files(split: str) -> tuple[Path, Path, Path]:
    """(events, mentions, near misses) of a split."""
    return (ANNOTATIONS / f"events_blind_{split}.csv", ANNOTATIONS / f"event_mentions_blind_{split}.csv",
            ANNOTATIONS / f"event_near_misses_blind_{split}.csv")


def read_run(run: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The claims and articles tables of a corpus run (Parquet when present, else CSV)."""
    from analysis.pipeline.article import TABLE_SCHEMAS
    from analysis.pipeline.tables import read_table_csv

    out = []
    for name in ("claims", "articles"):
        pq = run / f"{name}.parquet"
        if pq.exists():
            out.append(pd.read_parquet(pq))
        else:
            out.append(read_table_csv(run / f"{name}.csv", TABLE_SCHEMAS[name]))
    return out[0], out[1]


def map_mentions(mentions: pd.DataFrame, claims: pd.DataFrame) -> list[int | None]:
    """The claim row (position) each gold mention overlaps most, None when none overlaps."""
    by_doc: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for pos, (doc, s, e) in enumerate(zip(claims["doc_id"], claims["start"], claims["end"])):
        if pd.notna(s) and pd.notna(e):
            by_doc[doc].append((pos, int(s), int(e)))
    out: list[int | None] = []
    for doc, s, e in zip(mentions["doc_id"], mentions["start"], mentions["end"]):
        best, overlap = None, 0
        for pos, cs, ce in by_doc.get(doc, ()):
            o = min(ce, int(e)) - max(cs, int(s))
            if o > overlap:
                best, overlap = pos, o
        out.append(best)
    return out


@dataclass
class Scores:
    pairs_gold: int  # same-event pairs of gold mentions in different articles (all mentions)
    pairs_gold_matched: int  # ... both matched to a claim
    pairs_predicted: int  # matched pairs in different articles predicted linked
    true_positive: int
    near_linked: int
    near_total: int

    @property
    def precision(self) -> float:
        return self.true_positive / self.pairs_predicted if self.pairs_predicted else float("nan")

    @property
    def recall(self) -> float:
        return self.true_positive / self.pairs_gold_matched if self.pairs_gold_matched else float("nan")

    @property
    def recall_end_to_end(self) -> float:
        return self.true_positive / self.pairs_gold if self.pairs_gold else float("nan")


def score(mentions: pd.DataFrame, rows: list[int | None], same: callable, near: pd.DataFrame) -> Scores:
    """Pairwise scores of a linking given as ``same(row_a, row_b) -> bool`` over claim rows."""
    items = list(zip(mentions["event_id"], mentions["doc_id"], rows))
    gold_pairs = gold_matched = predicted = tp = 0
    for (ea, da, ra), (eb, db, rb) in combinations(items, 2):
        if da == db:
            continue
        gold_same = ea == eb
        gold_pairs += gold_same
        if ra is None or rb is None:
            continue
        gold_matched += gold_same
        if same(ra, rb):
            predicted += 1
            tp += gold_same
    by_event: dict[str, list[int]] = defaultdict(list)
    for e, _, r in items:
        if r is not None:
            by_event[e].append(r)
    linked = 0
    for a, b in zip(near["event_id_a"], near["event_id_b"]):
        if any(same(x, y) for x in by_event.get(a, ()) for y in by_event.get(b, ()) if x != y):
            linked += 1
    return Scores(gold_pairs, gold_matched, predicted, tp, linked, len(near))


def time_linking(claims: pd.DataFrame, articles: pd.DataFrame, repeat: int) -> tuple[float, float]:
    """Best wall and CPU seconds of ``link_events`` over the tables."""
    from analysis.events import link_events

    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        link_events(claims, articles=articles)
        best_wall = min(best_wall, time.perf_counter() - w)
        best_cpu = min(best_cpu, time.process_time() - c)
    return best_wall, best_cpu


def doubled(claims: pd.DataFrame, articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The corpus twice: a copy of every article and claim, published 364 days later (same weekday).

    The copies' sentences and titles get a word appended, so that no sentence is read from the
    linker's per-sentence cache: twice the claims and twice the distinct sentences.
    """
    def shift(frame: pd.DataFrame) -> pd.DataFrame:
        copy = frame.copy()
        copy["doc_id"] = copy["doc_id"].astype("string") + "-copy"
        dates = pd.to_datetime(copy["published"], errors="coerce") + pd.Timedelta(days=364)
        copy["published"] = dates.dt.strftime("%Y-%m-%d").astype("string")
        for col in ("sentence", "title"):
            if col in copy.columns:
                copy[col] = copy[col].astype("string") + " نسخة"
        return copy

    return (pd.concat([claims, shift(claims)], ignore_index=True),
            pd.concat([articles, shift(articles)], ignore_index=True))


def errors_report(mentions: pd.DataFrame, rows: list[int | None], linked: pd.DataFrame) -> str:
    """Per gold event: mentions, matched, the predicted events of its mentions (for error analysis)."""
    lines = []
    ids = linked["event_id"].tolist()
    for event, group in mentions.groupby("event_id", sort=True):
        got = [ids[r] if r is not None else "UNMATCHED" for r in (rows[i] for i in group.index)]
        counts = pd.Series([g if isinstance(g, str) else "NONE" for g in got]).value_counts()
        lines.append(f"{event}: {len(group)} mentions in {group['doc_id'].nunique()} articles -> "
                     + ", ".join(f"{k} x{v}" for k, v in counts.items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--run", type=Path, required=True, help="folder of a corpus run over the ANT archive")
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--repeat", type=int, default=2, help="timing repetitions (best kept); 0: no timing")
    parser.add_argument("--errors", action="store_true", help="print the predicted events of each gold event")
    parser.add_argument("--markdown", type=Path, help="append the results as a Markdown section to this file")
    args = parser.parse_args(argv)

    from analysis.events import link_events

    claims, articles = read_run(args.run)
    events_path, mentions_path, near_path = gold_files(args.split)
    mentions = pd.read_csv(mentions_path, keep_default_na=False, dtype={"doc_id": str, "event_id": str})
    near = pd.read_csv(near_path, keep_default_na=False, dtype=str)
    n_events = len(pd.read_csv(events_path, keep_default_na=False))

    linked = link_events(claims, articles=articles)
    rows = map_mentions(mentions, linked)
    ids = [x if isinstance(x, str) else None for x in linked["event_id"].tolist()]
    cats = [x if isinstance(x, str) else None for x in linked["category"].tolist()]
    days = [x[:10] if isinstance(x, str) else None for x in linked["published"].tolist()]

    def ours(a: int, b: int) -> bool:
        return ids[a] is not None and ids[a] == ids[b]

    def naive(a: int, b: int) -> bool:
        return cats[a] is not None and cats[a] == cats[b] and days[a] is not None and days[a] == days[b]

    results = {"link_events": score(mentions, rows, ours, near), "naive (same category, same day)":
               score(mentions, rows, naive, near)}
    matched = sum(r is not None for r in rows)
    lines = [
        f"### Events, {args.split} split (`benchmarks/events.py --split {args.split}`)",
        "",
        f"Gold: {n_events} events, {len(mentions)} figure mentions in {mentions['doc_id'].nunique()} articles, "
        f"{len(near)} near-miss pairs; {matched} mentions ({matched / len(mentions):.1%}) overlap a claim of the run "
        f"({len(claims)} claims, {claims['doc_id'].nunique()} articles with claims).",
        "",
        "| method | pairs predicted | precision | recall (matched) | recall (all gold pairs) | near misses linked |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, s in results.items():
        lines.append(f"| {name} | {s.pairs_predicted} | {s.precision:.3f} | {s.recall:.3f} | "
                     f"{s.recall_end_to_end:.3f} | {s.near_linked} of {s.near_total} |")
    s = results["link_events"]
    lines += ["", f"Gold same-event pairs across articles: {s.pairs_gold} ({s.pairs_gold_matched} with both "
              "mentions matched)."]
    if args.repeat > 0:
        wall, cpu = time_linking(claims, articles, args.repeat)
        big_claims, big_articles = doubled(claims, articles)
        wall2, cpu2 = time_linking(big_claims, big_articles, args.repeat)
        load = os.getloadavg()[0]
        lines += ["", "| claims linked | articles | wall s | CPU s |", "|---:|---:|---:|---:|",
                  f"| {len(claims)} | {articles['doc_id'].nunique()} | {wall:.1f} | {cpu:.1f} |",
                  f"| {len(big_claims)} (corpus twice) | {big_articles['doc_id'].nunique()} | {wall2:.1f} | "
                  f"{cpu2:.1f} |",
                  "", f"Best of {args.repeat}; load average {load:.2f} at the end (2 cores shared)."]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.errors:
        print(errors_report(mentions, rows, linked))
    if args.markdown:
        with open(args.markdown, "a", encoding="utf-8") as fh:
            fh.write(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
