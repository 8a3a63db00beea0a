"""Command line: ``python -m analysis run|claims|events|aggregate|background``.

Examples::

    # every article of a corpus, two worker processes, tables into build/corpus-run
    python -m analysis run corpus.tar.gz --out build/corpus-run --jobs 2

    # the same on a Dask cluster (a LocalCluster of 2 workers when no --scheduler)
    python -m analysis run corpus/ --out build/run --engine dask --scheduler tcp://10.0.0.5:8786

    # finish an interrupted run without redoing (or duplicating) finished articles
    python -m analysis run corpus/ --out build/run --jobs 2 --resume

    # link the claims of an existing run into events again (events and event_figures tables)
    python -m analysis events build/corpus-run

    # one article's claims table
    python -m analysis claims seeds/000_59786d66bf5a77f6.txt

    # aggregated tables (no article text) from a run
    python -m analysis aggregate build/corpus-run --out tables/corpus

    # the keyword background (document frequencies of lemma keys, no text) from any archive
    python -m analysis background corpus.tar.gz --out my_background.csv

Exit status: 0 on success (a run with load or analysis errors still succeeds:
they are in the ``errors`` table), 1 when the command failed (an input that does
not exist, no article read at all, an output that cannot be written, an
unreachable scheduler: one line on stderr says which), 2 on bad usage, 130 when
interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from analysis.errors import AnalysisError

#: Columns printed by ``python -m analysis claims`` (when present).
CLAIM_DISPLAY_COLUMNS = ("claim_id", "quantity_text", "value_low", "value_high", "qualifier", "unit", "unit_ar",
                         "rate", "category", "event", "source", "location", "duplicate_of", "conflicts_with")


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {n}")
    return n


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis",
                                     description="Arabic news analysis: corpus runs, claims, aggregates.")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the pipeline over files, folders or archives",
                         description="Analyse every article; write articles, claims, entities, quotes, "
                                     "keywords and errors tables (CSV, and Parquet when pyarrow is installed), "
                                     "then link the claims into events (events, event_figures tables).")
    run.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or .tar.gz/.zip archives")
    run.add_argument("--out", required=True, metavar="DIR", help="output folder for the tables")
    run.add_argument("--jobs", type=_positive_int, default=1, metavar="N", help="worker processes (default 1)")
    run.add_argument("--engine", choices=("local", "dask"), default="local", help="execution engine")
    run.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a LocalCluster)")
    run.add_argument("--resume", action="store_true", help="keep finished chunks in DIR and skip their articles")
    run.add_argument("--limit", type=_positive_int, metavar="N", help="stop after N articles")
    run.add_argument("--no-events", dest="events", action="store_false",
                     help="do not link the claims into events (no events tables, empty event_* columns)")
    bar = run.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None, help="always show progress")
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show progress")

    claims = sub.add_parser("claims", help="print one article's claims table")
    claims.add_argument("file", help="a file holding one article (or several, with --doc-id)")
    claims.add_argument("--doc-id", help="which article of a multi-article file")
    claims.add_argument("--csv", action="store_true", help="print every column as CSV instead of a table")

    events = sub.add_parser("events", help="link a run's claims across articles into events",
                            description="Fill the event_* columns of a run's claims table and write its events "
                                        "and event_figures tables.")
    events.add_argument("run_dir", metavar="RUN_DIR", help="output folder of `python -m analysis run`")

    agg = sub.add_parser("aggregate", help="aggregated tables (no article text) from a run's outputs")
    agg.add_argument("run_dir", metavar="RUN_DIR", help="output folder of `python -m analysis run`")
    agg.add_argument("--out", required=True, metavar="DIR", help="folder for the aggregated tables")
    agg.add_argument("--top", type=_positive_int, default=None, metavar="N", help="rows kept in top-N tables")
    bg = sub.add_parser("background", help="document frequencies of lemma keys for top_keywords (no text)",
                        description="Count, for every lemma key, the articles containing it; write key,df as CSV.")
    bg.add_argument("inputs", nargs="+", metavar="ARCHIVE", help="files, folders or .tar.gz/.zip archives")
    bg.add_argument("--out", required=True, metavar="FILE", help="CSV file to write")
    bg.add_argument("--exclude-ids", metavar="FILE",
                    help="doc ids (one a line) to leave out, with copies of their text")
    bg.add_argument("--min-df", type=_positive_int, default=2, metavar="N", help="keep keys in >= N articles (2)")
    return parser


def _cmd_run(args: argparse.Namespace) -> int:
    from analysis.pipeline.runner import run_corpus

    summary = run_corpus(args.inputs, args.out, jobs=args.jobs, engine=args.engine, scheduler=args.scheduler,
                         resume=args.resume, limit=args.limit, progress=args.progress, events=args.events)
    print(summary.to_text())
    print(f"  tables:              {args.out}")
    if summary.total_articles == 0:
        errors = int((summary.totals or {}).get("load_errors", summary.load_errors))
        print(f"error: no article could be read from {' '.join(args.inputs)} ({errors} load error"
              f"{'s' if errors != 1 else ''}: see {os.path.join(args.out, 'errors.csv')})", file=sys.stderr)
        return 1
    return 0


def _cmd_claims(args: argparse.Namespace) -> int:
    import pandas as pd

    from analysis.corpus import iter_articles

    articles = list(iter_articles(args.file, errors="raise"))
    if args.doc_id is not None:
        articles = [a for a in articles if a.doc_id == args.doc_id]
        if not articles:
            print(f"error: {args.file}: no article with doc_id {args.doc_id!r}", file=sys.stderr)
            return 1
    if len(articles) != 1:
        ids = ", ".join(a.doc_id for a in articles[:5])
        print(f"error: {args.file} holds {len(articles)} articles ({ids} ...); choose one with --doc-id",
              file=sys.stderr)
        return 1
    art = articles[0]
    from analysis.claims import extract_claims

    table = extract_claims(art.text, doc_id=art.doc_id)
    if args.csv:
        from analysis.csvio import frame_to_csv_text

        sys.stdout.write(frame_to_csv_text(table))
        return 0
    cols = [c for c in CLAIM_DISPLAY_COLUMNS if c in table.columns]
    print(f"{art.doc_id}: {len(table)} claims")
    if len(table):
        with pd.option_context("display.max_columns", None, "display.width", 250, "display.max_colwidth", 30):
            shown = table[cols].astype(object)
            print(shown.where(shown.notna(), "").to_string(index=False))
    return 0


def _cmd_events(args: argparse.Namespace) -> int:
    from analysis.pipeline.events import link_run

    counts = link_run(args.run_dir)
    print(f"{counts['linked_claims']} of {counts['claims']} claims linked into {counts['events']} events "
          f"({counts['events_multi_outlet']} reported by 2 outlets or more)")
    return 0


def _cmd_aggregate(args: argparse.Namespace) -> int:
    from analysis.pipeline.aggregates import DEFAULT_TOP, aggregate_run

    written = aggregate_run(args.run_dir, args.out, top=args.top or DEFAULT_TOP)
    for path in written:
        print(path)
    return 0


def _cmd_background(args: argparse.Namespace) -> int:
    from pathlib import Path

    from analysis.corpus import iter_articles
    from analysis.keywords.background import build_background, write_background

    exclude = Path(args.exclude_ids).read_text(encoding="utf-8").split() if args.exclude_ids else []
    table = build_background(iter_articles(args.inputs, errors="report"), exclude_ids=exclude)
    note = (f"python -m analysis background {' '.join(map(str, args.inputs))} "
            f"(min df {args.min_df}, {len(exclude)} ids excluded)")
    print(write_background(table, args.out, min_df=args.min_df, comment=f"Built by {note}"))
    words = sum(1 for k, v in table.df.items() if v >= args.min_df and " " not in k)
    print(f"  {table.documents} articles, {words} keys, {len(table.terms)} known terms")
    return 0


_COMMANDS = {"run": _cmd_run, "claims": _cmd_claims, "events": _cmd_events, "aggregate": _cmd_aggregate,
             "background": _cmd_background}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("\ninterrupted: finished chunks are kept; run again with --resume to complete the tables",
              file=sys.stderr)
        return 130
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head`: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:  # a file that cannot be read or written: one line naming it
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
