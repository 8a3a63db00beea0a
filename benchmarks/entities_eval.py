"""Precision and recall of find_entities / find_quotes on hand-annotated ANT sentences.

The gold file ``benchmarks/annotations/entities_ant.jsonl`` holds, per sentence,
only offsets and labels (no article text): ``doc_id``, ``sent_start``/``sent_end``
(offsets into ``Article.text`` as loaded by :mod:`analysis.corpus`, i.e. the
whitespace-trimmed ``<TEXT>`` field), ``entities`` (``start``, ``end``, ``type``,
``canonical``; offsets into ``Article.text``) and ``quotes`` (``start``, ``end`` of the
quoted words, ``speaker`` = gazetteer canonical name or the speaker's name as
written, ``speaker_alternatives`` = other acceptable forms such as the office
named in the text, ``وزير الخارجية اليمني``). The corpus itself is read at run time from ``analysis.paths.ANT_CORPUS``.

Sentences were drawn reproducibly (``--print-sample SPLIT``, see ``SPLITS``): random
sentences plus random sentences containing a quotation mark, with
``random.Random(seed)`` over the articles sorted by ``doc_id``. Each gold line
has a ``split``: ``dev`` was annotated blind and then used to find errors and
add gazetteer entries; ``test`` (other articles) was annotated blind afterwards
and is reported as the held-out figure.

Scoring: an entity prediction is a true positive when it overlaps a gold entity
of the same type (lenient) or has exactly its span (strict); ``CANDIDATE``
predictions are scored as ``PERSON`` in the "with candidates" rows. Quotations:
a gold quotation is found when a predicted quotation overlaps it; its speaker is
correct when the predicted canonical speaker or the speaker as written names
one of the gold forms (in matching form, one containing the other).

Run:
    .venv/bin/python benchmarks/entities_eval.py
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict

from analysis.attribution.quotes import quote_records
from analysis.corpus import iter_articles
from analysis.entities import entity_mentions
from analysis.paths import ANT_CORPUS, BENCHMARKS_DIR
from analysis.text import split_sentences
from analysis.text.normalize import match_form

GOLD = BENCHMARKS_DIR / "annotations" / "entities_ant.jsonl"
#: split -> (random seed, sentences drawn at random, sentences drawn among those with a quotation mark)
SPLITS: dict[str, tuple[int, int, int]] = {"dev": (20170822, 40, 15), "test": (20181031, 25, 10)}
TYPES = ("PERSON", "ORG", "PLACE", "EVENT")
_QUOTE_MARK_RE = re.compile(r"[«\"“]")


def load_corpus() -> dict[str, str]:
    """doc_id -> article text of the ANT corpus (Middle East section)."""
    # the archive also holds a README.md, reported (not raised) as an unsupported file
    return {a.doc_id: a.text for a in iter_articles(ANT_CORPUS, errors="report")}


def draw_sample(texts: dict[str, str], split: str = "dev") -> list[tuple[str, int, int]]:
    """Reproducible sample of (doc_id, sentence start, sentence end) for one split.

    ``dev``: the first sample, annotated blind, then used to find errors and add
    gazetteer entries. ``test``: a second sample from other articles, annotated
    blind after that tuning and never used for it.
    """
    seed, n_plain, n_quoted = SPLITS[split]
    exclude = {d for d, _, _ in draw_sample(texts, "dev")} if split != "dev" else set()
    rng = random.Random(seed)
    ids = sorted(texts)
    plain: list[tuple[str, int, int]] = []
    quoted: list[tuple[str, int, int]] = []
    for doc_id in rng.sample(ids, 400):
        if doc_id in exclude:
            continue
        sents = [s for s in split_sentences(texts[doc_id]) if 60 <= s.end - s.start <= 400]
        if not sents:
            continue
        with_quote = [s for s in sents if _QUOTE_MARK_RE.search(s.text)]
        if with_quote and len(quoted) < n_quoted:
            s = rng.choice(with_quote)
            quoted.append((doc_id, s.start, s.end))
        elif len(plain) < n_plain:
            s = rng.choice(sents)
            plain.append((doc_id, s.start, s.end))
        if len(plain) >= n_plain and len(quoted) >= n_quoted:
            break
    return plain + quoted


def _same_speaker(gold: list[str], canonical: str, written: str) -> bool:
    """The predicted speaker names one of the gold forms (matching form without spaces, one containing the other)."""
    preds = [match_form(x).replace(" ", "") for x in (canonical, written) if x]
    for g in (match_form(x).replace(" ", "") for x in gold if x):
        if any(g == p or g in p or p in g for p in preds if len(p) > 2):
            return True
    return False


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(texts: dict[str, str], gold: list[dict]) -> str:  # noqa: C901 - one report
    """Score the system against the gold sentences; return a Markdown report."""
    counts = {mode: defaultdict(Counter) for mode in ("lenient", "strict", "lenient+cand", "strict+cand")}
    q_gold = q_found = q_speaker = q_pred = q_pred_ok = 0
    errors: list[str] = []
    n_chars = 0
    t0 = time.perf_counter()
    for item in gold:
        text = texts[item["doc_id"]]
        s0, s1 = item["sent_start"], item["sent_end"]
        n_chars += len(text)
        mentions = [m for m in entity_mentions(text) if s0 <= m.start < s1]
        quotes = [q for q in quote_records(text) if s0 <= q.start < s1]
        gold_ents = item["entities"]
        for with_cand in (False, True):
            preds = []
            for m in mentions:
                etype = m.type
                if etype == "CANDIDATE":
                    if not with_cand:
                        continue
                    etype = "PERSON"
                preds.append((m.start, m.end, etype))
            for strict in (False, True):
                mode = ("strict" if strict else "lenient") + ("+cand" if with_cand else "")
                for etype in TYPES:
                    g = [(e["start"], e["end"]) for e in gold_ents if e["type"] == etype]
                    p = [(s, e) for s, e, t in preds if t == etype]
                    if strict:
                        tp_p = sum(1 for x in p if x in g)
                        tp_g = sum(1 for x in g if x in p)
                    else:
                        tp_p = sum(1 for a, b in p if any(a < d and c < b for c, d in g))
                        tp_g = sum(1 for c, d in g if any(a < d and c < b for a, b in p))
                    counts[mode][etype].update(pred=len(p), gold=len(g), tp_pred=tp_p, tp_gold=tp_g)
                if strict and with_cand:
                    for s, e, t in preds:
                        if not any(ge["start"] < e and s < ge["end"] and ge["type"] == t for ge in gold_ents):
                            errors.append(f"FP {t} {item['doc_id']}:{s}-{e}")
                    for ge in gold_ents:
                        if not any(s < ge["end"] and ge["start"] < e and ge["type"] == t for s, e, t in preds):
                            errors.append(f"FN {ge['type']} {item['doc_id']}:{ge['start']}-{ge['end']} "
                                          f"({ge['canonical']})")
        for gq in item.get("quotes", []):
            q_gold += 1
            match = [q for q in quotes if q.start < gq["end"] and gq["start"] < q.end]
            if match:
                q_found += 1
                q = match[0]
                if _same_speaker([gq["speaker"], *gq.get("speaker_alternatives", [])], q.speaker_canonical, q.speaker):
                    q_speaker += 1
                else:
                    errors.append(f"SPEAKER {item['doc_id']}:{gq['start']} gold={gq['speaker']} "
                                  f"got={q.speaker_canonical or q.speaker}")
        q_pred += len(quotes)
        for q in quotes:
            if any(q.start < gq["end"] and gq["start"] < q.end for gq in item.get("quotes", [])):
                q_pred_ok += 1
            else:
                errors.append(f"QUOTE-FP {item['doc_id']}:{q.start}-{q.end}")
    elapsed = time.perf_counter() - t0

    lines = [f"Gold: {len(gold)} sentences from {len({g['doc_id'] for g in gold})} ANT articles, "
             f"{sum(len(g['entities']) for g in gold)} entities, {q_gold} quotations.", ""]
    for mode in ("lenient", "strict", "lenient+cand", "strict+cand"):
        lines += [f"**{mode}** (overlap)" if mode.startswith("lenient") else f"**{mode}** (exact span)", "",
                  "| type | gold | predicted | precision | recall | F1 |", "|---|---:|---:|---:|---:|---:|"]
        tot = Counter()
        for etype in TYPES:
            c = counts[mode][etype]
            tot.update(c)
            p, _, _ = _prf(c["tp_pred"], c["pred"], c["gold"])
            _, r, _ = _prf(c["tp_gold"], c["pred"], c["gold"])
            f = 2 * p * r / (p + r) if p + r else 0.0
            lines.append(f"| {etype} | {c['gold']} | {c['pred']} | {p:.2f} | {r:.2f} | {f:.2f} |")
        p, _, _ = _prf(tot["tp_pred"], tot["pred"], tot["gold"])
        _, r, _ = _prf(tot["tp_gold"], tot["pred"], tot["gold"])
        f = 2 * p * r / (p + r) if p + r else 0.0
        lines += [f"| all | {tot['gold']} | {tot['pred']} | {p:.2f} | {r:.2f} | {f:.2f} |", ""]
    lines += [
        "| quotations | value |", "|---|---:|",
        f"| gold quotations | {q_gold} |",
        f"| found (overlapping prediction) | {q_found} ({q_found / max(1, q_gold):.2f}) |",
        f"| speaker correct among found | {q_speaker} ({q_speaker / max(1, q_found):.2f}) |",
        f"| predicted quotations in the sentences | {q_pred} |",
        f"| predicted that are gold quotations (precision) | {q_pred_ok} ({q_pred_ok / max(1, q_pred):.2f}) |",
        "",
        f"Whole articles analysed (entities + quotes): {len(gold)} articles, {n_chars / 1e3:.0f} k characters "
        f"in {elapsed:.1f} s.",
    ]
    return "\n".join(lines) + "\n\nErrors (strict, with candidates):\n\n" + "\n".join(f"    {e}" for e in errors)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--print-sample", choices=sorted(SPLITS),
                    help="print the sampled sentences of a split (for annotating; never commit the output)")
    args = ap.parse_args(argv)
    texts = load_corpus()
    if args.print_sample:
        for doc_id, s, e in draw_sample(texts, args.print_sample):
            print(json.dumps({"doc_id": doc_id, "sent_start": s, "sent_end": e, "text": texts[doc_id][s:e]},
                             ensure_ascii=False))
        return 0
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    for split in ("test", "dev"):
        part = [g for g in gold if g.get("split", "dev") == split]
        if part:
            print(f"## split: {split}\n")
            print(evaluate(texts, part))
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
