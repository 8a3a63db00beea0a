"""Blind held-out evaluation of ``analysis.claims.extract_claims`` and ``analysis.numbers.find_numbers``.

The gold set ``benchmarks/annotations/claims_heldout.jsonl`` holds 31 mini-articles written
and annotated by hand for this benchmark (our own text, never seen by the extractor's
authors). Each line: ``{"id", "text", "claims": [...], "negatives": [...]}``; a claim has
``quantity_text``, ``start``/``end`` (end exclusive), ``value_low``, ``value_high``,
``qualifier``, ``unit``, ``category``, ``source`` and optionally ``rate``, ``optional``,
``note``. ``unit``/``category``/``source`` may be a list of acceptable answers (genuinely
ambiguous cases); ``unit`` null means "not scored", a null inside a list accepts an empty
prediction. ``optional`` claims are neither missed nor false positives. ``negatives`` are
spans that must not yield a claim (years, dates, clock times, ages, identifiers, ordinals,
durations, page and phone numbers).

Scoring:
  * detection: a gold claim is matched by a predicted row whose [start, end) overlaps the gold
    span (one-to-one, largest overlap first); precision/recall/F1 over non-optional claims;
  * among matched: value (value_low and value_high both equal; vague gold claims are scored
    separately), qualifier, unit, category, source (normalize_for_matching, containment in
    either direction; an empty gold source needs an empty prediction), rate;
  * negatives: how many negative spans are overlapped by a predicted row;
  * numbers: for every gold quantity, is there a ``find_numbers`` mention overlapping it with
    the gold (low, high) (vague: a mention with qualifier ``vague``)?

Usage::

    .venv/bin/python benchmarks/claims_heldout.py [--gold PATH] [--errors PATH]
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections import Counter
from pathlib import Path

from analysis.claims import extract_claims
from analysis.numbers import find_numbers
from analysis.paths import PROJECT_ROOT, relative_to_project
from analysis.text.normalize import normalize_for_matching

GOLD = PROJECT_ROOT / "benchmarks" / "annotations" / "claims_heldout.jsonl"
ERRORS = PROJECT_ROOT / "benchmarks" / "results" / "claims_heldout_errors.md"


def _empty(v) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    try:
        import pandas as pd

        if v is pd.NA or v is pd.NaT:
            return True
    except Exception:  # pragma: no cover
        pass
    return isinstance(v, str) and v.strip() == ""


def _num_eq(gold, pred) -> bool:
    if gold is None:
        return _empty(pred)
    if _empty(pred):
        return False
    try:
        p = float(pred)
    except (TypeError, ValueError):
        return False
    return math.isclose(float(gold), p, rel_tol=1e-9, abs_tol=1e-9)


def _as_list(v):
    return v if isinstance(v, list) else [v]


def _label_ok(gold, pred) -> bool:
    for g in _as_list(gold):
        if g is None:
            if _empty(pred):
                return True
        elif not _empty(pred) and str(pred).strip() == g:
            return True
    return False


def _source_ok(gold, pred) -> bool:
    p = "" if _empty(pred) else normalize_for_matching(str(pred)).strip()
    for g in _as_list(gold):
        g = normalize_for_matching(g or "").strip()
        if not g:
            if not p:
                return True
        elif p and (g in p or p in g):
            return True
    return False


def _overlap(a0, a1, b0, b1) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _construct(c: dict) -> str:
    qt = c["quantity_text"]
    if c["qualifier"] == "vague":
        return "vague"
    if c["qualifier"] == "range":
        return "range"
    if any("\u0660" <= ch <= "\u0669" for ch in qt):
        return "arabic-indic digits"
    if not any(ch.isdigit() for ch in qt):
        return "number words / dual"
    if c["unit"] == "percent" or "percent" in _as_list(c["unit"]):
        return "percent"
    if c["qualifier"] != "exact":
        return "hedged digits"
    if any(w in qt for w in ("ألف", "آلاف", "مليون", "مليار")):
        return "digits + scale word"
    return "plain digits"


def _fmt(v) -> str:
    if _empty(v):
        return "∅"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _g(row, col):
    return row[col] if col in row else None


def evaluate(gold_path: Path, errors_path: Path) -> None:
    articles = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    tot = Counter()
    by_construct: dict[str, Counter] = {}
    field_err = Counter()
    fp_kinds = Counter()
    neg_hit = Counter()
    neg_tot = Counter()
    lines = ["# Held-out claims evaluation — every error (gold vs predicted)", "",
             f"Gold: `{relative_to_project(gold_path)}`. Regenerate with "
             "`.venv/bin/python benchmarks/claims_heldout.py`.", ""]
    t_claims = t_numbers = 0.0
    for art in articles:
        aid, text = art["id"], art["text"]
        errs: list[str] = []
        t0 = time.perf_counter()
        try:
            df = extract_claims(text, doc_id=aid)
            rows = [r for _, r in df.iterrows()]
        except Exception as exc:  # report, never hide
            rows = []
            errs.append(f"- **extract_claims raised** {type(exc).__name__}: {exc}")
            tot["exceptions"] += 1
        t_claims += time.perf_counter() - t0
        t0 = time.perf_counter()
        try:
            mentions = find_numbers(text)
        except Exception as exc:
            mentions = []
            errs.append(f"- **find_numbers raised** {type(exc).__name__}: {exc}")
        t_numbers += time.perf_counter() - t0
        for r in rows:
            s, e = int(r["start"]), int(r["end"])
            if text[s:e] != str(_g(r, "quantity_text")):
                tot["bad_offsets"] += 1
                errs.append(f"- offsets: text[{s}:{e}]=`{text[s:e]}` but quantity_text=`{_g(r, 'quantity_text')}`")
        used: set[int] = set()
        for c in art["claims"]:
            opt = bool(c.get("optional"))
            cons = _construct(c)
            bc = by_construct.setdefault(cons, Counter())
            # detection
            best, best_ov = None, 0
            for i, r in enumerate(rows):
                if i in used:
                    continue
                ov = _overlap(c["start"], c["end"], int(r["start"]), int(r["end"]))
                if ov > best_ov:
                    best, best_ov = i, ov
            # numbers layer
            nm = [m for m in mentions if _overlap(c["start"], c["end"], m.start, m.end) > 0]
            if c["qualifier"] == "vague":
                num_ok = any(getattr(m, "qualifier", None) == "vague" for m in nm)
            else:
                num_ok = any(_num_eq(c["value_low"], m.low) and _num_eq(c["value_high"], m.high) for m in nm)
            num_val_ok = c["qualifier"] == "vague" or any(
                _num_eq(c["value_low"], m.value if m.value is not None else m.low) or
                _num_eq(c["value_high"], m.value if m.value is not None else m.high) for m in nm)
            if not opt and c["qualifier"] != "range" and len(nm) > 1:
                tot["num_split"] += 1
                errs.append(f"- numbers: `{c['quantity_text']}` split into " + ", ".join(
                    f"`{m.text}` ({_fmt(m.low)}–{_fmt(m.high)})" for m in nm))
            if not opt:
                tot["num_gold"] += 1
                tot["num_found"] += bool(nm)
                tot["num_ok"] += num_ok
                tot["num_number_ok"] += num_val_ok
                if not num_ok:
                    got = "; ".join(f"`{m.text}` low={_fmt(m.low)} high={_fmt(m.high)} q={m.qualifier}"
                                    for m in nm) or "nothing"
                    errs.append(f"- numbers: `{c['quantity_text']}` expected low={_fmt(c['value_low'])} "
                                f"high={_fmt(c['value_high'])} ({c['qualifier']}); find_numbers gave {got}")
            if best is None:
                if not opt:
                    tot["fn"] += 1
                    bc["gold"] += 1
                    errs.append(f"- **missed** `{c['quantity_text']}` ({c['qualifier']}, {c['unit']}, {c['category']})")
                continue
            used.add(best)
            r = rows[best]
            if opt:
                tot["optional_matched"] += 1
                continue
            tot["tp"] += 1
            bc["gold"] += 1
            bc["tp"] += 1
            checks = {}
            if c["qualifier"] == "vague":
                tot["vague_matched"] += 1
            else:
                checks["value"] = (_num_eq(c["value_low"], _g(r, "value_low"))
                                   and _num_eq(c["value_high"], _g(r, "value_high")))
            checks["qualifier"] = _g(r, "qualifier") == c["qualifier"]
            if c["unit"] is not None:
                checks["unit"] = _label_ok(c["unit"], _g(r, "unit"))
            checks["category"] = _label_ok(c["category"], _g(r, "category"))
            checks["source"] = _source_ok(c["source"], _g(r, "source"))
            if "rate" in c:
                checks["rate"] = _g(r, "rate") == c["rate"]
            elif not _empty(_g(r, "rate")):
                checks["rate"] = False
            for k, ok in checks.items():
                tot[f"{k}_n"] += 1
                tot[f"{k}_ok"] += ok
                if not ok:
                    field_err[k] += 1
            bc["all_ok"] += all(checks.values())
            tot["all_ok"] += all(checks.values())
            bad = [k for k, ok in checks.items() if not ok]
            if bad:
                want = {"value": f"{_fmt(c['value_low'])}–{_fmt(c['value_high'])}", "qualifier": c["qualifier"],
                        "unit": c["unit"], "category": c["category"], "source": c["source"], "rate": c.get("rate", "∅")}
                got = {"value": f"{_fmt(_g(r, 'value_low'))}–{_fmt(_g(r, 'value_high'))}",
                       "qualifier": _g(r, "qualifier"), "unit": _g(r, "unit"), "category": _g(r, "category"),
                       "source": _g(r, "source"), "rate": _fmt(_g(r, "rate"))}
                parts = "; ".join(f"{k}: expected `{want[k]}` got `{_fmt(got[k])}`" for k in bad)
                errs.append(f"- `{c['quantity_text']}` (pred span `{_g(r, 'quantity_text')}`): {parts}")
        # negatives and false positives
        for n in art["negatives"]:
            neg_tot[n["type"]] += 1
            hit = [r for r in rows if _overlap(n["start"], n["end"], int(r["start"]), int(r["end"])) > 0]
            if hit:
                neg_hit[n["type"]] += 1
                errs.append(f"- **negative became a claim** ({n['type']}) `{n['text']}` → "
                            + ", ".join(f"`{_g(r, 'quantity_text')}` ({_g(r, 'unit')}, {_g(r, 'category')})"
                                        for r in hit))
        for i, r in enumerate(rows):
            if i in used:
                continue
            s, e = int(r["start"]), int(r["end"])
            kind = next((n["type"] for n in art["negatives"] if _overlap(n["start"], n["end"], s, e) > 0), None)
            tot["fp"] += 1
            fp_kinds[f"negative:{kind}" if kind else "other"] += 1
            if not kind:
                errs.append(f"- **false positive** `{_g(r, 'quantity_text')}` value={_fmt(_g(r, 'value_low'))}–"
                            f"{_fmt(_g(r, 'value_high'))} ({_g(r, 'unit')}, {_g(r, 'category')})")
        if errs:
            lines.append(f"## {aid}")
            lines.append("")
            lines.append(f"> {text}")
            lines.append("")
            lines.extend(errs)
            lines.append("")

    tp, fp, fn = tot["tp"], tot["fp"], tot["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    n_claims = sum(len(a["claims"]) for a in articles)
    n_opt = sum(1 for a in articles for c in a["claims"] if c.get("optional"))
    out = [f"Gold: {len(articles)} mini-articles, {n_claims - n_opt} scored claims (+{n_opt} optional), "
           f"{sum(neg_tot.values())} negative spans", "",
           "| measure | value |", "|---|---|",
           f"| detection precision | {p:.3f} ({tp}/{tp + fp}) |",
           f"| detection recall | {r:.3f} ({tp}/{tp + fn}) |",
           f"| detection F1 | {f1:.3f} |"]
    for k in ("value", "qualifier", "unit", "category", "source", "rate"):
        n = tot[f"{k}_n"]
        if n:
            out.append(f"| {k} accuracy (matched) | {tot[f'{k}_ok'] / n:.3f} ({tot[f'{k}_ok']}/{n}) |")
    out.append(f"| all fields right (matched) | {tot['all_ok'] / tp if tp else 0:.3f} ({tot['all_ok']}/{tp}) |")
    out.append(f"| fully correct claims / gold | {tot['all_ok'] / (tp + fn) if tp + fn else 0:.3f} "
               f"({tot['all_ok']}/{tp + fn}) |")
    out.append(f"| negatives turned into claims | {sum(neg_hit.values())}/{sum(neg_tot.values())} |")
    out.append(f"| false positives: on negatives / elsewhere | {sum(v for k, v in fp_kinds.items() if k != 'other')} / "
               f"{fp_kinds['other']} |")
    out.append(f"| rows whose text[start:end] != quantity_text | {tot['bad_offsets']} |")
    out.append(f"| extract_claims exceptions | {tot['exceptions']} |")
    out.append(f"| find_numbers: gold quantity overlapped by a mention | {tot['num_found']}/{tot['num_gold']} |")
    out.append(f"| find_numbers: bounds (low, high) correct | {tot['num_ok'] / tot['num_gold']:.3f} "
               f"({tot['num_ok']}/{tot['num_gold']}) |")
    out.append(f"| find_numbers: gold quantity split into several mentions | {tot['num_split']} |")
    out.append(f"| find_numbers: number value correct (ignoring hedge) | {tot['num_number_ok'] / tot['num_gold']:.3f} "
               f"({tot['num_number_ok']}/{tot['num_gold']}) |")
    out += ["", "| construct | gold | detected | all fields right |", "|---|---|---|---|"]
    for k in sorted(by_construct):
        bc = by_construct[k]
        out.append(f"| {k} | {bc['gold']} | {bc['tp']} | {bc['all_ok']} |")
    out += ["", "| negative type | total | became a claim |", "|---|---|---|"]
    for k in sorted(neg_tot):
        out.append(f"| {k} | {neg_tot[k]} | {neg_hit[k]} |")
    report = "\n".join(out)
    print(report)
    print(f"\ntime (incl. first-call lexicon loading): extract_claims {t_claims * 1000:.0f} ms, "
          f"find_numbers {t_numbers * 1000:.0f} ms over {len(articles)} articles")
    lines.insert(4, report + "\n")
    errors_path.parent.mkdir(parents=True, exist_ok=True)
    errors_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nerrors written to {relative_to_project(errors_path)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--errors", type=Path, default=ERRORS)
    a = ap.parse_args()
    evaluate(a.gold, a.errors)


if __name__ == "__main__":
    main()
