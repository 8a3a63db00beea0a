"""Score ``analysis.claims`` on the blind claims gold sets (issue 12), beside a digit-regex peer.

Gold: ``annotations/claims_blind_dev.csv`` (20 articles, for error analysis) and
``annotations/claims_blind_test.csv`` (132 articles, scored once); articles drawn by
``select_samples.py`` and annotated blind (see ``annotations/README.md``). The text is
read from the ANT archive at run time.

Matching: a predicted claim matches a gold row of the same article and field (body or
headline) when their spans overlap; each gold row is matched once (largest overlap
first). A prediction on a gold ``optional`` row counts neither way; one on a ``trap``
row is a trap turned into a claim (and a false positive).

Measures (on matched claims): value (bounds as the guide writes them, 1% tolerance),
unit (strict: the same key; lenient: also a people key for a people key), source (both
empty, or one normalized name contains the other), category, all four, restatements
linked (gold ``restatement`` rows whose prediction has ``duplicate_of``) and false
conflicts (a gold restatement whose prediction has ``conflicts_with``). Recall is also
given by the gold ``form``.

Usage::

    .venv/bin/python benchmarks/claims_blind.py --split dev [--errors] [--markdown PATH]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from select_samples import draw_samples  # noqa: E402

from analysis.text.normalize import match_form  # noqa: E402

GOLD = {"dev": HERE / "annotations" / "claims_blind_dev.csv", "test": HERE / "annotations" / "claims_blind_test.csv"}
SAMPLES = {"dev": ("claims_dev",), "test": ("claims_test", "claims_test_extra")}
#: Unit keys that count people (for the lenient unit measure).
PEOPLE = frozenset("""people civilians soldiers militants fighters police children women men protesters refugees
displaced detainees prisoners patients families journalists workers students migrants members officials
victims dead wounded missing residents suspects defendants troops hostages passengers pilgrims settlers voters
candidates mps employees tourists visitors sailors""".split())
_DIGIT_RE = re.compile(r"[0-9٠-٩۰-۹]+(?:[.,٫٬][0-9٠-٩۰-۹]+)*")
_PROCLITICS = ("وال", "بال", "فال", "لل", "ال", "و", "ف", "ب", "ل")


@dataclass
class Gold:
    doc_id: str
    field: str
    start: int
    end: int
    kind: str
    form: str
    low: float | None
    high: float | None
    qualifier: str
    unit: str
    category: str
    source: str
    restatement: bool


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    traps_hit: int = 0
    traps: int = 0
    value: int = 0
    unit: int = 0
    unit_lenient: int = 0
    source: int = 0
    category: int = 0
    all4: int = 0
    restate_gold: int = 0
    restate_linked: int = 0
    false_conflicts: int = 0
    by_form: Counter = field(default_factory=Counter)
    by_form_found: Counter = field(default_factory=Counter)
    errors: list = field(default_factory=list)


def _num(s: str) -> float | None:
    s = (s or "").strip()
    return float(s) if s else None


def read_gold(split: str) -> list[Gold]:
    with open(GOLD[split], encoding="utf-8", newline="") as fh:
        return [Gold(r["doc_id"], r["field"], int(r["start"]), int(r["end"]), r["kind"], r["form"],
                     _num(r["value_low"]), _num(r["value_high"]), r["qualifier"], r["unit_en"], r["category"],
                     r["source"], r["restatement"] == "true") for r in csv.DictReader(fh)]


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 0.01 * max(abs(a), abs(b), 1e-9)


def _norm_name(s: str) -> str:
    words = []
    for w in match_form(s or "").replace("«", " ").replace("»", " ").replace('"', " ").split():
        words.append(w)
    if words:
        for p in _PROCLITICS:
            if words[0].startswith(p) and len(words[0]) - len(p) >= 3:
                words[0] = words[0][len(p):]
                break
    return " ".join(words)


def same_source(pred: str, gold: str) -> bool:
    a, b = _norm_name(pred), _norm_name(gold)
    if not a or not b:
        return not a and not b
    return a in b or b in a


def digit_regex_claims(text: str) -> list[dict]:
    """The peer: every digit run that is not a 4-digit year 1900-2100, as an exact claim."""
    out = []
    for m in _DIGIT_RE.finditer(text):
        v = m.group()
        if len(v) == 4 and v.isdigit() and 1900 <= int(v) <= 2100:
            continue
        out.append({"start": m.start(), "end": m.end(), "value_low": None, "value_high": None, "unit": None,
                    "category": None, "source": "", "duplicate_of": None, "conflicts_with": None,
                    "quantity_text": v})
    return out


def score(gold: list[Gold], predicted: dict[tuple[str, str], list[dict]], texts: dict[tuple[str, str], str]) -> Tally:
    t = Tally()
    by_doc: dict[tuple[str, str], list[Gold]] = defaultdict(list)
    for g in gold:
        by_doc[(g.doc_id, g.field)].append(g)
        if g.kind == "claim":
            t.by_form[g.form] += 1
            t.restate_gold += g.restatement
        elif g.kind == "trap":
            t.traps += 1
    keys = set(by_doc) | set(predicted)
    for key in sorted(keys):
        golds = by_doc.get(key, [])
        preds = predicted.get(key, [])
        pairs = []
        for i, p in enumerate(preds):
            for j, g in enumerate(golds):
                ov = min(p["end"], g.end) - max(p["start"], g.start)
                if ov > 0:
                    pairs.append((ov, i, j))
        pairs.sort(reverse=True)
        used_p, used_g = set(), set()
        match: dict[int, int] = {}
        for _ov, i, j in pairs:
            if i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            match[i] = j
        text = texts.get(key, "")
        for i, p in enumerate(preds):
            j = match.get(i)
            if j is None:
                t.fp += 1
                t.errors.append(("extra", key, p["start"], p["end"], text[p["start"]:p["end"]], "", ""))
                continue
            g = golds[j]
            if g.kind == "optional":
                continue
            if g.kind == "trap":
                t.fp += 1
                t.traps_hit += 1
                t.errors.append(("trap", key, p["start"], p["end"], text[p["start"]:p["end"]], "", ""))
                continue
            t.tp += 1
            t.by_form_found[g.form] += 1
            ok_value = _close(p.get("value_low"), g.low) and _close(p.get("value_high"), g.high)
            ok_unit = (p.get("unit") or "") == g.unit or (not g.unit and (p.get("unit") in (None, "", "other")))
            ok_unit_l = ok_unit or (p.get("unit") in PEOPLE and g.unit in PEOPLE)
            ok_source = same_source(p.get("source") or "", g.source)
            ok_cat = (p.get("category") or "") == g.category
            t.value += ok_value
            t.unit += ok_unit
            t.unit_lenient += ok_unit_l
            t.source += ok_source
            t.category += ok_cat
            t.all4 += ok_value and ok_unit_l and ok_source and ok_cat
            if g.restatement:
                t.restate_linked += bool(p.get("duplicate_of"))
                t.false_conflicts += bool(p.get("conflicts_with"))
            for what, ok, mine, theirs in (
                ("value", ok_value, (p.get("value_low"), p.get("value_high")), (g.low, g.high)),
                ("unit", ok_unit_l, p.get("unit"), g.unit),
                ("source", ok_source, p.get("source"), g.source),
                ("category", ok_cat, p.get("category"), g.category),
            ):
                if not ok:
                    t.errors.append((what, key, g.start, g.end, text[g.start:g.end], mine, theirs))
        for j, g in enumerate(golds):
            if g.kind == "claim" and j not in used_g:
                t.fn += 1
                t.errors.append(("missed:" + g.form, key, g.start, g.end, text[g.start:g.end], "", g.unit))
    return t


def _r(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "–"


def report(name: str, t: Tally, seconds: float) -> list[str]:
    p = t.tp / (t.tp + t.fp) if t.tp + t.fp else 0.0
    r = t.tp / (t.tp + t.fn) if t.tp + t.fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return [f"| {name} | {t.tp} | {t.fp} | {t.fn} | {p:.3f} | {r:.3f} | {f:.3f} | {_r(t.value, t.tp)} | "
            f"{_r(t.unit, t.tp)} / {_r(t.unit_lenient, t.tp)} | {_r(t.source, t.tp)} | {_r(t.category, t.tp)} | "
            f"{_r(t.all4, t.tp)} | {t.restate_linked}/{t.restate_gold} (false conflicts {t.false_conflicts}) | "
            f"{t.traps_hit}/{t.traps} | {seconds:.2f} |"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=sorted(GOLD), default="dev")
    ap.add_argument("--errors", action="store_true", help="list every disagreement")
    ap.add_argument("--markdown", type=Path, help="also write the report to this file")
    args = ap.parse_args(argv)

    try:
        import analysis.document  # noqa: F401 - registers every layer
    except ImportError:  # an older checkout without the Document (for before/after runs)
        pass
    from analysis.claims import extract_claims

    samples = draw_samples()
    articles = [a for name in SAMPLES[args.split] for a in samples[name]]
    gold = read_gold(args.split)
    texts: dict[tuple[str, str], str] = {}
    ours: dict[tuple[str, str], list[dict]] = {}
    peer: dict[tuple[str, str], list[dict]] = {}
    start = time.perf_counter()
    for a in articles:
        texts[(a.doc_id, "text")] = a.text
        texts[(a.doc_id, "title")] = a.title or ""
        rows = extract_claims(a.text, doc_id=a.doc_id, reference_date=a.published, title=a.title).to_dict("records")
        ours[(a.doc_id, "text")] = [r for r in rows if not r.get("in_title")]
        ours[(a.doc_id, "title")] = [r for r in rows if r.get("in_title")]
    ours_s = time.perf_counter() - start
    start = time.perf_counter()
    for key, text in texts.items():
        peer[key] = digit_regex_claims(text)
    peer_s = time.perf_counter() - start
    for rows in ours.values():
        for r in rows:
            for k in ("value_low", "value_high"):
                v = r.get(k)
                r[k] = None if v is None or v != v else float(v)
    t_ours = score(gold, ours, texts)
    t_peer = score(gold, peer, texts)
    n_claims = sum(g.kind == "claim" for g in gold)
    lines = [f"### claims, blind {args.split} set: {len(articles)} articles, {n_claims} gold claims "
             f"({sum(g.kind == 'trap' for g in gold)} traps), bodies and headlines", "",
             "| system | TP | FP | FN | precision | recall | F1 | value | unit strict / lenient | source | category | "
             "all four | restatements linked | traps → claims | seconds |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    lines += report("analysis.claims", t_ours, ours_s)
    lines += report("digit regex (no years)", t_peer, peer_s)
    lines += ["", "Recall by form (analysis.claims): " + ", ".join(
        f"{form} {t_ours.by_form_found[form]}/{n}" for form, n in sorted(t_ours.by_form.items()))]
    kinds = Counter(e[0].split(":")[0] if not e[0].startswith("missed") else e[0] for e in t_ours.errors)
    lines += ["", "Errors by kind (analysis.claims): " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))]
    print("\n".join(lines))
    if args.errors:
        for e in sorted(t_ours.errors, key=lambda e: (e[0], e[1])):
            print(" | ".join(str(x) for x in e))
    if args.markdown:
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
