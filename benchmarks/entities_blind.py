"""Entities and time expressions on the blind ANT gold sets of issue 13 (typed P/R/F1, places by region, timex).

Gold: ``benchmarks/annotations/entities_blind_{dev,test}.jsonl``, one line per article
(``doc_id``, ``entities``: ``start, end, type, canonical, country, region``; ``timex``:
``start, end, kind, value``), annotated blind following
``benchmarks/annotations/guides/entities-guide.md``. The articles are the samples
``entities_dev`` (8) and ``entities_test`` (24) of ``benchmarks/select_samples.py``, read
from the ANT archive in ``../shared`` at run time; the reference date of every article is
its publication date (``Article.published``).

Each article is analysed once as a :class:`analysis.document.Document` (its ``entities``
and ``time_expressions`` layers).

**Mapping our output onto the gold schema** (the guide's conventions):

* entities: ``entity_mentions(doc)`` without nisba adjectives (``form='adjective'``: the
  guide says an adjective alone is not a mention). ``PERSON``, ``ORG``, ``PLACE`` are
  scored as they are, except a person mention that is only a role or title resolved to a
  person named elsewhere in the article (``form='role'``, ``قال الرئيس الفرنسي``: the
  guide says a role without a name is nothing). ``CANDIDATE`` (an unknown name proposed
  without a person cue) is scored as ``PERSON``. ``EVENT`` has no gold type and is not
  scored (neither a hit nor a false positive).
* time expressions: our kinds ``date`` and ``relative_date`` are the gold ``point``,
  except the vague values ``FUTURE_REF``/``PRESENT_REF``/``PAST_REF`` (gold ``vague``);
  ``duration`` → ``duration``; ``frequency`` → ``frequency``; ``time`` → ``time``.

**Measures.**

* typed precision/recall/F1 with span overlap: a prediction is right when it overlaps a
  gold mention of the same type; a gold mention is found when a prediction of its type
  overlaps it (the two counts give precision and recall). The same with exact spans is
  printed as a second table (boundary quality).
* by type (PERSON, ORG, PLACE) and, for places, by region: recall over the gold places of
  each ``region`` (``middle_east``/``other``); precision of predicted places by the region
  of the gold place they overlap, or, for a false positive, by our own country code
  (:func:`analysis.entities.world.region_of`).
* time expressions: detection P/R/F1 with overlap (any kind); resolution accuracy over the
  gold ``point`` expressions that a prediction overlaps: our value equals the gold value.

Run (the test split is scored once, at the end of the work; ``--errors`` is refused for it)::

    .venv/bin/python benchmarks/entities_blind.py --split dev --errors
    .venv/bin/python benchmarks/entities_blind.py --split dev --label after --write
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from analysis.document import Document
from analysis.entities import entity_mentions
from analysis.paths import BENCHMARKS_DIR

sys.path.insert(0, str(Path(__file__).resolve().parent))
from select_samples import draw_samples  # noqa: E402

GOLD = {split: BENCHMARKS_DIR / "annotations" / f"entities_blind_{split}.jsonl" for split in ("dev", "test")}
SAMPLE = {"dev": "entities_dev", "test": "entities_test"}
RESULTS = BENCHMARKS_DIR / "results" / "entities_blind.md"
TYPES = ("PERSON", "ORG", "PLACE")
REGIONS = ("middle_east", "other")
_VAGUE = frozenset({"FUTURE_REF", "PRESENT_REF", "PAST_REF"})
_KIND = {"date": "point", "relative_date": "point", "duration": "duration", "frequency": "frequency",
         "time": "time"}


@dataclass(frozen=True)
class Item:
    """One scored item (gold or predicted)."""

    start: int
    end: int
    type: str
    text: str
    region: str = ""
    value: str = ""


def _overlaps(a: Item, b: Item) -> bool:
    return a.start < b.end and b.start < a.end


def predicted_entities(doc: Document) -> list[Item]:
    """Our mentions of ``doc`` in the gold schema (see the module docstring)."""
    from analysis.entities.world import region_of

    out = []
    for m in entity_mentions(doc, adjectives=False, candidates=True):
        etype = "PERSON" if m.type == "CANDIDATE" else m.type
        if etype not in TYPES or (etype == "PERSON" and m.form == "role"):
            continue
        out.append(Item(m.start, m.end, etype, m.text, region_of(m.country, m.entity_id) if etype == "PLACE" else ""))
    return out


def predicted_timex(doc: Document) -> list[Item]:
    """Our time expressions of ``doc`` in the gold schema (kind mapped, value as a string)."""
    out = []
    for x in doc.time_expressions:
        value = x.value or ""
        kind = "vague" if value in _VAGUE else _KIND.get(x.kind, x.kind)
        if kind == "duration":
            value = x.duration or value
        out.append(Item(x.start, x.end, kind, x.text, value=value))
    return out


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_pred / n_pred if n_pred else 1.0
    r = tp_gold / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(articles: list, gold: dict[str, dict], *, errors: bool = False) -> tuple[str, dict[str, float]]:
    """Score every article; return (Markdown tables, headline numbers)."""
    c: dict[str, Counter] = {k: Counter() for k in ("overlap", "exact")}
    reg = Counter()
    tx = Counter()
    err_lines: list[str] = []
    n_chars = 0
    t0 = time.perf_counter()
    for art in articles:
        g = gold[art.doc_id]
        text = art.text
        n_chars += len(text)
        doc = Document(text, doc_id=art.doc_id, reference_date=art.published)
        g_ents = [Item(e["start"], e["end"], e["type"], text[e["start"]:e["end"]], e.get("region", ""))
                  for e in g["entities"] if e["type"] in TYPES]
        p_ents = predicted_entities(doc)
        for etype in TYPES:
            gs = [x for x in g_ents if x.type == etype]
            ps = [x for x in p_ents if x.type == etype]
            c["overlap"].update({f"{etype}.gold": len(gs), f"{etype}.pred": len(ps),
                                 f"{etype}.tp_pred": sum(any(_overlaps(p, x) for x in gs) for p in ps),
                                 f"{etype}.tp_gold": sum(any(_overlaps(x, p) for p in ps) for x in gs)})
            spans = {(x.start, x.end) for x in gs}
            pspans = {(x.start, x.end) for x in ps}
            c["exact"].update({f"{etype}.gold": len(gs), f"{etype}.pred": len(ps),
                               f"{etype}.tp_pred": sum((p.start, p.end) in spans for p in ps),
                               f"{etype}.tp_gold": sum((x.start, x.end) in pspans for x in gs)})
        g_places = [x for x in g_ents if x.type == "PLACE"]
        for x in g_places:
            reg[f"{x.region}.gold"] += 1
            reg[f"{x.region}.tp_gold"] += any(_overlaps(x, p) for p in p_ents if p.type == "PLACE")
        for p in (p for p in p_ents if p.type == "PLACE"):
            hit = next((x for x in g_places if _overlaps(p, x)), None)
            region = hit.region if hit is not None else p.region
            reg[f"{region}.pred"] += 1
            reg[f"{region}.tp_pred"] += hit is not None
        # time expressions
        g_tx = [Item(x["start"], x["end"], x["kind"], text[x["start"]:x["end"]], value=x.get("value") or "")
                for x in g["timex"]]
        p_tx = predicted_timex(doc)
        tx["gold"] += len(g_tx)
        tx["pred"] += len(p_tx)
        tx["tp_pred"] += sum(any(_overlaps(p, x) for x in g_tx) for p in p_tx)
        tx["tp_gold"] += sum(any(_overlaps(x, p) for p in p_tx) for x in g_tx)
        for x in g_tx:
            match = [p for p in p_tx if _overlaps(x, p)]
            if x.type == "point":
                tx["point.gold"] += 1
                if match:
                    tx["point.matched"] += 1
                    ok = any(p.value == x.value for p in match)
                    tx["point.right"] += ok
                    if errors and not ok:
                        err_lines.append(f"TIMEX-VALUE {art.doc_id}:{x.start} «{x.text}» gold={x.value} "
                                         f"ours={[(p.text, p.type, p.value) for p in match]}")
            if match:
                tx["kind.matched"] += 1
                tx["kind.right"] += any(p.type == x.type for p in match)
        if errors:
            err_lines += _entity_errors(art.doc_id, text, g_ents, p_ents)
            err_lines += [f"TIMEX-FN {art.doc_id}:{x.start} «{x.text}» {x.type} {x.value} | …{_ctx(text, x)}…"
                          for x in g_tx if not any(_overlaps(x, p) for p in p_tx)]
            err_lines += [f"TIMEX-FP {art.doc_id}:{p.start} «{p.text}» {p.type} {p.value} | …{_ctx(text, p)}…"
                          for p in p_tx if not any(_overlaps(p, x) for x in g_tx)]
    elapsed = time.perf_counter() - t0
    lines: list[str] = []
    head: dict[str, float] = {}
    for mode in ("overlap", "exact"):
        lines += [f"**Entities, typed, {'span overlap' if mode == 'overlap' else 'exact span'}**", "",
                  "| type | gold | predicted | precision | recall | F1 |", "|---|---:|---:|---:|---:|---:|"]
        tot = Counter()
        for etype in TYPES:
            k = {f: c[mode][f"{etype}.{f}"] for f in ("gold", "pred", "tp_pred", "tp_gold")}
            tot.update(k)
            p, r, f = _prf(k["tp_pred"], k["pred"], k["tp_gold"], k["gold"])
            lines.append(f"| {etype} | {k['gold']} | {k['pred']} | {p:.3f} | {r:.3f} | {f:.3f} |")
            if mode == "overlap":
                head[f"{etype}.f1"] = f
        p, r, f = _prf(tot["tp_pred"], tot["pred"], tot["tp_gold"], tot["gold"])
        lines += [f"| **all** | {tot['gold']} | {tot['pred']} | {p:.3f} | {r:.3f} | {f:.3f} |", ""]
        if mode == "overlap":
            head.update({"P": p, "R": r, "F1": f})
    lines += ["**Places by region** (recall over gold places of the region; precision by the region of the "
              "gold place hit, else our country's region)", "",
              "| region | gold | predicted | precision | recall | F1 |", "|---|---:|---:|---:|---:|---:|"]
    for region in REGIONS:
        p, r, f = _prf(reg[f"{region}.tp_pred"], reg[f"{region}.pred"], reg[f"{region}.tp_gold"], reg[f"{region}.gold"])
        lines.append(f"| {region} | {reg[f'{region}.gold']} | {reg[f'{region}.pred']} | {p:.3f} | {r:.3f} | {f:.3f} |")
        head[f"{region}.R"] = r
    p, r, f = _prf(tx["tp_pred"], tx["pred"], tx["tp_gold"], tx["gold"])
    acc = tx["point.right"] / tx["point.matched"] if tx["point.matched"] else 0.0
    head.update({"timex.F1": f, "timex.resolution": acc})
    lines += ["", "**Time expressions**", "", "| measure | value |", "|---|---:|",
              f"| gold / predicted | {tx['gold']} / {tx['pred']} |",
              f"| detection precision / recall / F1 (overlap) | {p:.3f} / {r:.3f} / {f:.3f} |",
              f"| gold `point` expressions matched | {tx['point.matched']} of {tx['point.gold']} |",
              f"| resolution accuracy (value right, of matched points) | {tx['point.right']} / {tx['point.matched']} "
              f"= {acc:.3f} |",
              f"| kind right (of matched, any kind) | {tx['kind.right']} / {tx['kind.matched']} |",
              "", f"{len(articles)} articles, {n_chars:,} characters, analysed in {elapsed:.2f} s "
              f"(entities and time expressions layers).", ""]
    report = "\n".join(lines)
    if errors:
        report += "\nErrors:\n\n" + "\n".join(f"    {e}" for e in err_lines) + "\n"
    return report, head


def _ctx(text: str, x: Item, width: int = 30) -> str:
    return text[max(0, x.start - width):x.end + width].replace("\n", " ")


def _entity_errors(doc_id: str, text: str, gold: list[Item], pred: list[Item]) -> list[str]:
    out = []
    for p in pred:
        same = [x for x in gold if _overlaps(p, x) and x.type == p.type]
        if not same:
            other = [x.type for x in gold if _overlaps(p, x)]
            out.append(f"FP {p.type} {doc_id}:{p.start} «{p.text}» gold={other or '-'} | …{_ctx(text, p)}…")
        elif (p.start, p.end) != (same[0].start, same[0].end):
            out.append(f"SPAN {p.type} {doc_id}:{p.start} ours «{p.text}» gold «{same[0].text}»")
    for x in gold:
        if not any(_overlaps(x, p) and p.type == x.type for p in pred):
            other = [p.type for p in pred if _overlaps(x, p)]
            out.append(f"FN {x.type} {doc_id}:{x.start} «{x.text}» {x.region} ours={other or '-'} | …{_ctx(text, x)}…")
    return out


def _write(split: str, label: str, report: str) -> None:
    """Replace (or add) the section of ``split``/``label`` in the results file."""
    title = f"## {split} — {label}"
    sections: dict[str, str] = {}
    order: list[str] = []
    if RESULTS.exists():
        current = None
        for line in RESULTS.read_text(encoding="utf-8").splitlines():
            if line.startswith("## "):
                current = line
                order.append(current)
                sections[current] = ""
            elif current is not None:
                sections[current] += line + "\n"
    if title not in sections:
        order.append(title)
    sections[title] = "\n" + report.rstrip() + "\n\n"
    header = ("# Entities and time expressions on the blind ANT sets (issue 13)\n\n"
              "Written by `benchmarks/entities_blind.py` (see its docstring for the gold sets, the mapping of our "
              "kinds onto the gold schema and the measures). Command: "
              "`.venv/bin/python benchmarks/entities_blind.py --split SPLIT --label LABEL --write`.\n\n")
    RESULTS.write_text(header + "".join(t + "\n" + sections[t] for t in order), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--label", default="current", help="section name in the results file")
    ap.add_argument("--errors", action="store_true", help="list the errors (dev only)")
    ap.add_argument("--write", action="store_true",
                    help=f"write the tables to {RESULTS.relative_to(BENCHMARKS_DIR.parent)}")
    args = ap.parse_args(argv)
    if args.errors and args.split == "test":
        ap.error("--errors is for the development split only: the test split is scored, never inspected")
    gold = {}
    for line in GOLD[args.split].read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            gold[obj["doc_id"]] = obj
    articles = [a for a in draw_samples()[SAMPLE[args.split]] if a.doc_id in gold]
    if len(articles) != len(gold):
        raise SystemExit(f"{len(gold) - len(articles)} gold articles not found in the sample {SAMPLE[args.split]}")
    report, head = score(articles, gold, errors=args.errors)
    print(f"## {args.split} — {args.label}\n")
    print(report)
    print("headline: " + ", ".join(f"{k} {v:.3f}" for k, v in head.items()))
    if args.write:
        _write(args.split, args.label, report.split("\nErrors:")[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
