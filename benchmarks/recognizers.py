"""Score analysis.numbers.find_numbers on Microsoft Recognizers-Text's Arabic number specs.

Reads the four spec files (NumberModel, NumberRangeModel, OrdinalModel,
PercentModel) from ``analysis.paths.RECOGNIZERS_SPECS_DIR`` (or ``--specs``),
runs ``find_numbers`` on every case's ``Input`` and prints, per file, our
passes beside the passes the .NET implementation claims (its spec markers:
142/282, 105/145, 58/70, 26/27).

Pass rule (per case): every expected result is matched by a distinct mention
of ours with the same value and whose span contains the expected text, and we
report nothing extra of that model's type. How each model maps to our output:

* Number: our mentions of kind cardinal, decimal or fraction with a value
  (hedged ones too: the spec tags the number inside ``أكثر من ...``); a range
  counts as its two endpoints. Ordinals, percentages and vague quantities are
  other models' types and are ignored.
* NumberRange: our ranges and our one-sided hedges (more_than ``(x,)``,
  at_least ``[x,)``, less_than ``(,x)``, at_most ``(,x]``) and explicit
  equalities (qualifier exact with a hedge word such as يساوي: ``[x,x]``).
  Endpoints must be equal, open ends must match, and for one-sided intervals
  the bracket must match; for two-sided ranges the brackets are not compared
  (we do not model whether ``بين 20 و30`` includes 30).
* Ordinal: our ordinals (``find_numbers(..., relative_ordinals=True)``),
  compared by value, or by the relative position (``end-1`` …).
* Percent: our percentages, compared by value.

Values are compared with a relative tolerance of 1e-9 (the specs print
1/3 as 0.333333333333333). The expected text is looked up by the spec's
Start/End offsets; one conjunction/preposition letter glued to its front
(``بألفين``) is allowed outside our span, since our mentions leave clitics out.

Run:  python benchmarks/recognizers.py [--specs DIR] [--failures]
(``--failures`` prints the failing cases' inputs to the terminal for
debugging; nothing of the specs is written to files.)
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from analysis.numbers import NumberMention, find_numbers
from analysis.paths import RECOGNIZERS_SPECS_DIR

DOTNET = {"NumberModel": (142, 282), "NumberRangeModel": (105, 145), "OrdinalModel": (58, 70), "PercentModel": (26, 27)}
CLITICS = "وبلفك"


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _expected_span(inp: str, res: dict) -> tuple[int, int]:
    text = res["Text"].strip()
    start, end = int(res.get("Start", -1)), int(res.get("End", -2)) + 1
    if inp[start:end].strip() != text:
        found = inp.find(text)
        if found >= 0:
            start, end = found, found + len(text)
    start, end = max(0, min(start, len(inp))), max(0, min(end, len(inp)))
    while start < end and inp[start].isspace():
        start += 1
    while end > start and inp[end - 1].isspace():
        end -= 1
    return start, end


def _covers(inp: str, ours: tuple[int, int], exp: tuple[int, int]) -> bool:
    s, e = ours
    es, ee = exp
    if s <= es and ee <= e:
        return True
    return s == es + 1 and inp[es] in CLITICS and ee <= e


# --- per-model views of our output -----------------------------------------------

def _number_items(ms: list[NumberMention]) -> list[tuple[object, tuple[int, int]]]:
    out = []
    for m in ms:
        if m.kind in ("cardinal", "decimal", "fraction") and m.value is not None:
            out.append((m.value, (m.start, m.end)))
        elif m.kind == "range" and not m.percent:
            out.append((m.low, (m.start, m.end)))
            out.append((m.high, (m.start, m.end)))
    return out


def _interval(m: NumberMention) -> tuple | None:
    if m.kind == "range":
        return (m.low, m.high, None, None)
    if m.qualifier == "more_than":
        return (m.value, None, "(", None)
    if m.qualifier == "at_least":
        return (m.value, None, "[", None)
    if m.qualifier == "less_than":
        return (None, m.value, None, ")")
    if m.qualifier == "at_most":
        return (None, m.value, None, "]")
    if m.qualifier == "exact" and m.qualifier_text:
        return (m.value, m.value, "[", "]")
    return None


def _range_items(ms: list[NumberMention]) -> list[tuple[object, tuple[int, int]]]:
    return [(iv, (m.start, m.end)) for m in ms if m.kind != "ordinal" and (iv := _interval(m)) is not None]


def _parse_interval(s: str) -> tuple | None:
    s = s.strip()
    if len(s) < 3 or s[0] not in "([" or s[-1] not in ")]":
        return None
    lo, _, hi = s[1:-1].partition(",")
    lo_v = float(lo) if lo.strip() else None
    hi_v = float(hi) if hi.strip() else None
    return (lo_v, hi_v, s[0], s[-1])


def _interval_eq(ours: tuple, exp: tuple) -> bool:
    olo, ohi, ol, oh = ours
    elo, ehi, el, eh = exp
    for a, b in ((olo, elo), (ohi, ehi)):
        if (a is None) != (b is None):
            return False
        if a is not None and not _close(float(a), float(b)):
            return False
    if olo is None or ohi is None:  # one-sided: brackets must agree
        if olo is not None and ol != el:
            return False
        if ohi is not None and oh != eh:
            return False
    elif ol is not None and olo == ohi:  # equality [x,x]
        return el == "[" and eh == "]"
    return True


def _ordinal_items(ms: list[NumberMention]) -> list[tuple[object, tuple[int, int]]]:
    return [((m.relative if m.relative else m.value), (m.start, m.end)) for m in ms if m.kind == "ordinal"]


def _percent_items(ms: list[NumberMention]) -> list[tuple[object, tuple[int, int]]]:
    return [(m.value, (m.start, m.end)) for m in ms if m.kind == "percent" and m.value is not None]


def _expected_value(model: str, res: dict) -> object:
    r = res.get("Resolution") or {}
    v = r.get("value")
    if model == "NumberRangeModel":
        return _parse_interval(v) if v else None
    if model == "OrdinalModel":
        if res.get("TypeName") == "ordinal.relative":
            return v
        return float(v) if v is not None else None
    if model == "PercentModel":
        return float(v.rstrip("%")) if v else None
    return float(v) if v is not None else None


def _value_eq(model: str, ours: object, exp: object) -> bool:
    if exp is None or ours is None:
        return False
    if model == "NumberRangeModel":
        return _interval_eq(ours, exp)  # type: ignore[arg-type]
    if isinstance(exp, str) or isinstance(ours, str):
        return ours == exp
    return _close(float(ours), float(exp))  # type: ignore[arg-type]


VIEWS = {"NumberModel": _number_items, "NumberRangeModel": _range_items,
         "OrdinalModel": _ordinal_items, "PercentModel": _percent_items}


def case_passes(model: str, case: dict) -> tuple[bool, list[NumberMention]]:
    inp = case["Input"]
    ms = find_numbers(inp, relative_ordinals=(model == "OrdinalModel"))
    items = VIEWS[model](ms)
    expected = case.get("Results") or []
    if len(items) != len(expected):
        return False, ms
    used: set[int] = set()
    for res in expected:
        ev = _expected_value(model, res)
        span = _expected_span(inp, res)
        hit = None
        for k, (ov, ospan) in enumerate(items):
            if k in used:
                continue
            if _value_eq(model, ov, ev) and _covers(inp, ospan, span):
                hit = k
                break
        if hit is None:
            return False, ms
        used.add(hit)
    return True, ms


def run(specs: Path, show_failures: bool = False) -> int:
    rows = []
    total_ours = total_net = total_n = 0
    for model, (net, n_ref) in DOTNET.items():
        path = specs / f"{model}.json"
        cases = json.loads(path.read_text(encoding="utf-8-sig"))
        ours = 0
        for idx, case in enumerate(cases):
            ok, ms = case_passes(model, case)
            ours += ok
            if show_failures and not ok:
                exp = [(r["Text"], (r.get("Resolution") or {}).get("value")) for r in case.get("Results") or []]
                got = [(m.text, m.kind, m.value, m.low, m.high, m.qualifier, m.relative) for m in ms]
                print(f"FAIL {model}#{idx}: {case['Input']!r}\n   expected {exp}\n   got      {got}", file=sys.stderr)
        rows.append((model, ours, net, len(cases)))
        total_ours += ours
        total_net += net
        total_n += len(cases)
        if len(cases) != n_ref:
            print(f"warning: {model} has {len(cases)} cases, expected {n_ref}", file=sys.stderr)
    print("| spec file | cases | analysis.numbers | .NET Recognizers-Text | ours − .NET |")
    print("|---|---:|---:|---:|---:|")
    for model, ours, net, n in rows:
        print(f"| {model} | {n} | {ours} ({100 * ours / n:.1f}%) | {net} ({100 * net / n:.1f}%) | {ours - net:+d} |")
    print(f"| **overall** | {total_n} | {total_ours} ({100 * total_ours / total_n:.1f}%) | "
          f"{total_net} ({100 * total_net / total_n:.1f}%) | {total_ours - total_net:+d} |")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--specs", type=Path, default=RECOGNIZERS_SPECS_DIR, help="folder with the four *Model.json files")
    ap.add_argument("--failures", action="store_true", help="print failing cases to stderr")
    args = ap.parse_args(argv)
    if not args.specs.is_dir():
        print(f"spec folder not found: {args.specs}", file=sys.stderr)
        return 2
    return run(args.specs, args.failures)


if __name__ == "__main__":
    sys.exit(main())
