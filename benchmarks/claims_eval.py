"""Evaluate ``analysis.claims.extract_claims`` on a hand-annotated ANT sample.

The gold file ``benchmarks/annotations/claims_ant.csv`` stores only document
ids, character offsets into the article body and the annotator's labels; the
article text is read from the ANT corpus archive at run time (never committed).

Offsets index the *body*: the content of the ``<TEXT>`` element with leading
and trailing whitespace stripped, as returned by :func:`read_bodies`.

Usage::

    .venv/bin/python benchmarks/claims_eval.py [--corpus PATH] [--split dev|heldout|both] [--show-errors]
    .venv/bin/python benchmarks/claims_eval.py --sample   # list the samples' doc ids

The samples: every article whose body has a digit and is 400–1,800 characters
long, sorted by DOCNO, then ``random.Random(SEED).sample(.., SAMPLE_SIZE)``
(the *dev* sample, 20 articles, ``claims_ant.csv``); a *held-out* sample of
12 more articles (``random.Random(HELDOUT_SEED)`` over the rest,
``claims_ant_heldout.csv``) was annotated after development and scored once.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import tarfile
import time
from pathlib import Path

from analysis.paths import ANT_CORPUS, BENCHMARKS_DIR

SEED = 7
SAMPLE_SIZE = 20
#: A second, held-out sample annotated after the extractor was tuned on the first one.
HELDOUT_SEED = 8
HELDOUT_SIZE = 12
MIN_CHARS, MAX_CHARS = 400, 1800
GOLD_CSV = BENCHMARKS_DIR / "annotations" / "claims_ant.csv"
HELDOUT_CSV = BENCHMARKS_DIR / "annotations" / "claims_ant_heldout.csv"
#: Hand judgements of 47 claims the extractor output on 25 unseen articles (random seed 123).
AUDIT_CSV = BENCHMARKS_DIR / "annotations" / "claims_ant_audit.csv"

_DOCNO_RE = re.compile(r"<DOCNO>\s*(.*?)\s*</DOCNO>", re.S)
_TEXT_RE = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DIGIT_RE = re.compile(r"[0-9\u0660-\u0669\u06F0-\u06F9]")


def read_bodies(corpus: Path = ANT_CORPUS, wanted: set[str] | None = None) -> dict[str, str]:
    """Map DOCNO -> article body for every TREC file in the archive (or only ``wanted``)."""
    bodies: dict[str, str] = {}
    with tarfile.open(corpus, "r:gz") as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".txt"):
                continue
            raw = tar.extractfile(member).read().decode("utf-8", errors="replace")
            docno = _DOCNO_RE.search(raw)
            body = _TEXT_RE.search(raw)
            if not docno or not body:
                continue
            if wanted is not None and docno.group(1) not in wanted:
                continue
            bodies[docno.group(1)] = body.group(1).strip()
    return bodies


def sample_ids(bodies: dict[str, str], split: str = "dev") -> list[str]:
    """The reproducible evaluation sample (see module docstring).

    ``split="dev"``: seed 7, 20 articles (used while developing the extractor);
    ``split="heldout"``: seed 8, 12 further articles not in the dev sample.
    """
    pool = sorted(
        doc for doc, body in bodies.items()
        if MIN_CHARS <= len(body) <= MAX_CHARS and _DIGIT_RE.search(body)
    )
    dev = sorted(random.Random(SEED).sample(pool, SAMPLE_SIZE))
    if split == "dev":
        return dev
    if split != "heldout":
        raise ValueError(f"unknown split {split!r} (dev or heldout)")
    rest = [doc for doc in pool if doc not in set(dev)]
    return sorted(random.Random(HELDOUT_SEED).sample(rest, HELDOUT_SIZE))


# --- scoring -------------------------------------------------------------------------------

_DIGIT_NUMBER_RE = re.compile(r"[0-9\u0660-\u0669]+(?:[.,\u066B\u066C][0-9\u0660-\u0669]+)*")


def load_gold(path: Path = GOLD_CSV) -> dict[str, list[dict]]:
    """Gold rows grouped by doc_id (bounds as floats or None)."""
    gold: dict[str, list[dict]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            row["start"], row["end"] = int(row["start"]), int(row["end"])
            for key in ("value_low", "value_high"):
                row[key] = float(row[key]) if row[key] != "" else None
            gold.setdefault(row["doc_id"], []).append(row)
    return gold


def _same_number(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-3 * max(1.0, abs(a), abs(b))


def _norm_words(s: str) -> set[str]:
    from analysis.text.normalize import normalize_for_matching

    words = set()
    for w in normalize_for_matching(s or "").split():
        w = w[2:] if w.startswith("ال") and len(w) > 3 else w
        if len(w) > 2:
            words.add(w)
    return words


def _same_source(gold: str, system: str) -> bool:
    if not gold and not system:
        return True
    return bool(_norm_words(gold) & _norm_words(system))


def _missing(v) -> bool:
    import pandas as pd

    return v is None or bool(pd.isna(v))


def _as_rows(df) -> list[dict]:
    rows = []
    for r in df.itertuples(index=False):
        low = None if _missing(r.value_low) else float(r.value_low)
        high = None if _missing(r.value_high) else float(r.value_high)
        rows.append({"start": r.start, "end": r.end, "value_low": low, "value_high": high, "qualifier": r.qualifier,
                     "unit": r.unit or "", "category": r.category or "", "source": r.source or "",
                     "text": r.quantity_text})
    return rows


def baseline_rows(text: str) -> list[dict]:
    """Peer baseline: every digit number that is not a year-like 4-digit number is a claim."""
    rows = []
    for m in _DIGIT_NUMBER_RE.finditer(text):
        raw = m.group().translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
        try:
            v = float(raw.replace(",", ""))
        except ValueError:
            continue
        if 1900 <= v <= 2100 and v.is_integer():
            continue
        rows.append({"start": m.start(), "end": m.end(), "value_low": v, "value_high": v, "qualifier": "exact",
                     "unit": "", "category": "", "source": "", "text": m.group()})
    return rows


def score(gold: dict[str, list[dict]], system: dict[str, list[dict]]) -> dict:
    """Span match (overlap, one-to-one), then agreement of labels on matched pairs."""
    tp = fp = fn = 0
    agree = {"values": 0, "qualifier": 0, "unit": 0, "category": 0, "source": 0}
    errors = []
    for doc in sorted(set(gold) | set(system)):
        g_rows = list(gold.get(doc, []))
        s_rows = list(system.get(doc, []))
        used = set()
        for g in g_rows:
            hit = next((k for k, s in enumerate(s_rows)
                        if k not in used and s["start"] < g["end"] and g["start"] < s["end"]), None)
            if hit is None:
                fn += 1
                errors.append(("FN", doc, g["start"], g["end"], g["unit"]))
                continue
            used.add(hit)
            tp += 1
            s = s_rows[hit]
            agree["values"] += (_same_number(g["value_low"], s["value_low"])
                                and _same_number(g["value_high"], s["value_high"]))
            agree["qualifier"] += g["qualifier"] == s["qualifier"]
            agree["unit"] += g["unit"] == s["unit"]
            agree["category"] += g["category"] == s["category"]
            agree["source"] += _same_source(g["source"], s["source"])
            for key in ("unit", "category", "qualifier"):
                if g[key] != s[key]:
                    errors.append((f"{key}", doc, g["start"], g["end"], f"gold={g[key]} system={s[key]}"))
            if not _same_source(g["source"], s["source"]):
                errors.append(("source", doc, g["start"], g["end"], f"gold={g['source']!r} system={s['source']!r}"))
        for k, s in enumerate(s_rows):
            if k not in used:
                fp += 1
                errors.append(("FP", doc, s["start"], s["end"], s["text"]))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1,
            "agree": {k: (v / tp if tp else 0.0) for k, v in agree.items()}, "errors": errors}


def run_system(bodies: dict[str, str], ids: list[str]) -> tuple[dict[str, list[dict]], float]:
    """Run extract_claims on every sampled article; return the rows and the seconds taken."""
    from analysis.claims import extract_claims

    t0 = time.perf_counter()
    out = {doc: _as_rows(extract_claims(bodies[doc], doc_id=doc)) for doc in ids}
    return out, time.perf_counter() - t0


def evaluate_split(bodies: dict[str, str], split: str, gold_path: Path, show_errors: bool) -> int:
    """Print the results table of one split; return 0, or 2 when the gold file does not fit the corpus."""
    ids = sample_ids(bodies, split)
    gold = load_gold(gold_path)
    unknown = sorted(set(gold) - set(ids))
    if unknown:
        print(f"{gold_path.name}: documents outside the {split} sample: {unknown}", file=sys.stderr)
        return 2
    for doc, rows in gold.items():
        for r in rows:
            if not 0 <= r["start"] < r["end"] <= len(bodies[doc]):
                print(f"{doc}: gold span {r['start']}-{r['end']} outside the text", file=sys.stderr)
                return 2
    n_chars = sum(len(bodies[d]) for d in ids)
    seed = SEED if split == "dev" else HELDOUT_SEED
    print(f"### {split} sample: {len(ids)} articles (seed {seed}), {n_chars} characters, "
          f"{sum(map(len, gold.values()))} gold claims\n")
    systems = [("extract_claims (analysis.numbers)", "numbers")]
    header = ("| system | claims | TP | FP | FN | precision | recall | F1 | values | qualifier | unit | category "
              "| source | seconds |")
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    results = {}
    for label, _ in systems:
        out, elapsed = run_system(bodies, ids)
        res = score(gold, out)
        results[label] = res
        a = res["agree"]
        print(f"| {label} | {res['tp'] + res['fp']} | {res['tp']} | {res['fp']} | {res['fn']} | "
              f"{res['precision']:.2f} | {res['recall']:.2f} | {res['f1']:.2f} | {a['values']:.2f} | "
              f"{a['qualifier']:.2f} | {a['unit']:.2f} | "
              f"{a['category']:.2f} | {a['source']:.2f} | {elapsed:.2f} |")
    base = score(gold, {doc: baseline_rows(bodies[doc]) for doc in ids})
    a = base["agree"]
    print(f"| baseline: digit regex minus years | {base['tp'] + base['fp']} | {base['tp']} | {base['fp']} | "
          f"{base['fn']} | {base['precision']:.2f} | {base['recall']:.2f} | {base['f1']:.2f} | {a['values']:.2f} | "
          f"{a['qualifier']:.2f} | "
          f"- | - | - | - |")
    print("\nLabel agreement columns are shares of the span-matched claims.\n")
    if show_errors:
        for label, res in results.items():
            print(f"\n#### errors of {label} ({split})")
            for kind, doc, s, e, detail in res["errors"]:
                snippet = bodies[doc][max(0, s - 30):e + 30].replace("\n", " ")
                print(f"{kind:9} {doc} {s}-{e} {detail} | {snippet}")
            print()
    return 0


def audit(bodies: dict[str, str]) -> None:
    """Summarise the precision audit and how many audited claims the current extractor still gives."""
    import pandas as pd

    from analysis.claims import extract_claims

    with AUDIT_CSV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    n = len(rows)
    share = {k: sum(int(r[k]) for r in rows) / n
             for k in ("is_claim", "value_ok", "unit_ok", "category_ok", "source_ok")}
    still = 0
    for doc in sorted({r["doc_id"] for r in rows}):
        spans = {(int(r["start"]), int(r["end"])) for r in rows if r["doc_id"] == doc}
        df = extract_claims(bodies[doc], doc_id=doc)
        got = list(zip(df["start"], df["end"]))
        still += sum(1 for s, e in spans if any(a < e and s < b for a, b in got))
    print(f"### precision audit: {n} claims judged by hand ({AUDIT_CSV.name})\n")
    print("| claims | is a claim | value right | unit right | category right | source right | still extracted now |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {n} | {share['is_claim']:.2f} | {share['value_ok']:.2f} | {share['unit_ok']:.2f} | "
          f"{share['category_ok']:.2f} | {share['source_ok']:.2f} | {still}/{n} |\n")
    del pd


def throughput(bodies: dict[str, str], n: int) -> None:
    """Time claims_table on ``n`` random articles beside the digit-regex baseline, in one run."""
    from analysis.claims import claims_table

    ids = random.Random(99).sample(sorted(bodies), min(n, len(bodies)))
    chars = sum(len(bodies[d]) for d in ids)
    claims_table([(ids[0], bodies[ids[0]])])  # load lexicons and caches
    t0 = time.perf_counter()
    table = claims_table([(d, bodies[d]) for d in ids])
    ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    base = sum(len(baseline_rows(bodies[d])) for d in ids)
    regex = time.perf_counter() - t0
    mb = chars / 1e6
    print(f"### throughput: {len(ids)} random articles (seed 99), {mb:.2f} MB\n")
    print("| system | rows | seconds | MB/s | ratio |")
    print("|---|---|---|---|---|")
    print(f"| claims_table | {len(table)} | {ours:.2f} | {mb / ours:.3f} | 1 |")
    print(f"| baseline: digit regex minus years | {base} | {regex:.3f} | {mb / regex:.1f} | "
          f"{ours / regex:.0f}x faster |")
    print(f"\nestimated full corpus (21.6 MB): {21.6 / (mb / ours) / 60:.1f} min\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ANT_CORPUS)
    parser.add_argument("--split", choices=("dev", "heldout", "both"), default="both")
    parser.add_argument("--sample", action="store_true", help="print the sample's doc ids and exit")
    parser.add_argument("--show-errors", action="store_true", help="list misses and label disagreements")
    parser.add_argument("--throughput", type=int, default=0, metavar="N",
                        help="also time claims_table on N random corpus articles (seed 99)")
    args = parser.parse_args(argv)
    bodies = read_bodies(args.corpus)
    if args.throughput:
        throughput(bodies, args.throughput)
    if AUDIT_CSV.exists() and not args.sample:
        audit(bodies)
    splits = ("dev", "heldout") if args.split == "both" else (args.split,)
    if args.sample:
        for split in splits:
            print("\n".join(sample_ids(bodies, split)))
        return 0
    status = 0
    for split in splits:
        gold_path = GOLD_CSV if split == "dev" else HELDOUT_CSV
        status = max(status, evaluate_split(bodies, split, gold_path, args.show_errors))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
