"""Compare the tables of three full corpus runs (before issue 11, after it, current main) and explain the differences.

The runs are not in git: each is the output folder of ``python -m analysis run CORPUS --out DIR`` (what
``make corpus`` runs) at one commit. This script reads their CSV tables, matches rows between two runs
(claims, entities and quotes on ``doc_id + start + end`` — claims also on ``in_title`` when a run has it —
and keywords on ``doc_id + key``), counts rows only before, rows only after and changed cells per column
(columns that exist on one side only are listed, not compared), then assigns every changed row of the first
step to a named cause by rules that read the old and new values and the sentence. The second step is
summarised per column and mapped to the issue items that changed it. The seed article is compared with the
outputs pickled before issue 11.

Run::

    .venv/bin/python benchmarks/corpus_before_after.py --before /work/baseline/run \\
        --middle /work/scratch/runA --after /work/scratch/runB \\
        --markdown benchmarks/results/corpus_before_after.md

Cells are compared after one normalisation: ``True``/``False`` and ``true``/``false`` are the same boolean, and
numbers written ``600.0`` or ``600`` are the same number (runs before issue 15 wrote Python's spelling, the CSV
writer of issue 15 writes JSON's). The hand judgements of the sampled claim sources are read from
``--judgements`` (a CSV this script writes a template for when it is missing).

No article text goes into the outputs (the corpus is public data read from ``../shared``, never committed):
example rows are identified by ``doc_id``, ``start`` and ``end`` (character offsets of the claim, quote or
entity in the article) with the short values that changed (source, verb, speaker, key); text columns
(``sentence``, ``quote``) are shown by length only. ``--show-sentences`` prints the sentences of the judged
sample to stdout, for the judge, and writes them nowhere.
"""

from __future__ import annotations

import argparse
import csv
import pickle
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.text.normalize import match_form  # noqa: E402

TABLES = ("claims", "entities", "quotes", "keywords")
SPAN_KEYS = ["doc_id", "start", "end"]
KEYS = {"claims": SPAN_KEYS + ["in_title"], "entities": SPAN_KEYS, "quotes": SPAN_KEYS, "keywords": ["doc_id", "key"]}
IGNORED = ("article_key",)
#: Columns holding article text: never written to the report, only their length.
TEXT_COLUMNS = frozenset(("sentence", "quote"))
_NUMBER_RE = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")
_CONJ = ("و", "ف")
#: Reporting verbs the one lexicon gained in commit aabf791 (documenting, estimating, believing verbs).
ADDED_VERBS = frozenset(("قدّر", "وثّق", "أحصى", "رصد", "زعم", "ادعى", "اعترف", "أقر", "توقع", "رجّح", "اعتقد"))
#: Definite head nouns that stand for a named source (anaphors of the attribution lexicons).
GENERIC_HEADS = frozenset(match_form(w) for w in (
    "الوزارة", "البيان", "بيان", "التقرير", "تقرير", "المرصد", "الجيش", "التحالف", "المنظمة", "الوكالة", "الصحيفة",
    "المتحدث", "المصادر", "المصدر", "مصدر", "مصادر", "الحركة", "الجماعة", "المكتب", "الهيئة", "الشبكة", "المؤسسة",
    "اللجنة", "المجلس", "المفوضية", "البعثة", "الائتلاف", "الحزب", "القناة", "الحكومة", "الرئاسة", "القيادة",
    "المحكمة", "الشركة", "الجبهة", "القوات", "الخارجية", "الرئيس", "الوزير", "المسؤول", "الجنرال", "متحدث",
    "مسؤول", "مسؤولون"))


# ------------------------------------------------------------------------------------------------ reading


def _normalise(s: pd.Series) -> pd.Series:
    """One spelling per value: booleans lower case, numbers as Python floats (``600`` = ``600.0``)."""
    s = s.fillna("").astype(str)
    low = s.str.lower()
    if low.isin(["true", "false", ""]).all():
        return low
    filled = s[s != ""]
    if len(filled) and filled.str.match(_NUMBER_RE).all():
        out = s.copy()
        out[s != ""] = pd.to_numeric(filled).map(repr)
        return out
    return s


def read_table(run: Path, table: str) -> pd.DataFrame:
    df = pd.read_csv(run / f"{table}.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    if table == "claims" and "in_title" not in df.columns:
        df["in_title"] = "false"  # runs before issue 12 had no headline claims: every row is a body row
    for c in df.columns:
        if c not in ("doc_id", "key", "claim_id"):
            df[c] = _normalise(df[c])
    return df


# ------------------------------------------------------------------------------------------------ diffing


@dataclass
class Diff:
    table: str
    before_rows: int
    after_rows: int
    only_before: pd.DataFrame
    only_after: pd.DataFrame
    both: pd.DataFrame  # merged rows present on both sides, columns suffixed _a (before) and _b (after)
    compared: list[str]
    added_columns: list[str]
    removed_columns: list[str]
    changed_cells: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> pd.DataFrame:
        if not self.compared:
            return self.both.iloc[0:0]
        mask = pd.Series(False, index=self.both.index)
        for c in self.compared:
            mask |= self.both[c + "_a"] != self.both[c + "_b"]
        return self.both[mask]


def diff_tables(table: str, a: pd.DataFrame, b: pd.DataFrame) -> Diff:
    keys = KEYS[table]
    shared = [c for c in a.columns if c in b.columns and c not in IGNORED]
    compared = [c for c in shared if c not in keys]
    m = a[shared].merge(b[shared], on=keys, how="outer", suffixes=("_a", "_b"), indicator=True)
    both = m[m._merge == "both"].drop(columns="_merge")
    only_a = a.merge(b[keys], on=keys, how="left", indicator=True)
    only_b = b.merge(a[keys], on=keys, how="left", indicator=True)
    d = Diff(table, len(a), len(b), only_a[only_a._merge == "left_only"].drop(columns="_merge"),
             only_b[only_b._merge == "left_only"].drop(columns="_merge"), both, compared,
             [c for c in b.columns if c not in a.columns], [c for c in a.columns if c not in b.columns])
    for c in compared:
        n = int((both[c + "_a"] != both[c + "_b"]).sum())
        if n:
            d.changed_cells[c] = n
    return d


# ------------------------------------------------------------------------------------------------ helpers


def bare(word: str) -> str:
    """Matching form without a leading conjunction و/ف (وقالت → قالت)."""
    w = match_form(word or "")
    return w[1:] if len(w) > 2 and w[0] in _CONJ else w


def lexicon_forms(commit: str) -> dict[str, str]:
    """Matching form → lemma of every form of the one reporting-verb lexicon at ``commit`` ({} without git)."""
    import yaml

    try:
        spec = f"{commit}:analysis/lexicons/attribution/reporting_verbs.yaml"
        text = subprocess.run(["git", "-C", str(ROOT), "show", spec], capture_output=True, text=True, check=True).stdout
    except (subprocess.CalledProcessError, FileNotFoundError):
        return {}
    data = yaml.safe_load(text)
    out = {}
    for v in data["verbs"]:
        for kind in ("forms", "participle", "impersonal"):
            for f in v.get(kind) or []:
                out.setdefault(match_form(f), v["lemma"])
    for mk in data.get("source_markers", []):
        out.setdefault(match_form(mk), mk)
    return out


def cell(column: str, value: str, width: int = 40) -> str:
    """A value for the report: text columns (sentences, quotations) as their length only, others cut to ``width``."""
    value = (value or "").replace("\n", " ")
    if column in TEXT_COLUMNS:
        return f"({len(value)} chars)" if value else ""
    return value if len(value) <= width else value[:width] + "…"


def md_table(header: list[str], rows: list[list[object]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(x).replace("|", "/").replace("\n", " ") for x in r) + " |" for r in rows]
    return "\n".join(out)


def overlapping(rows: pd.DataFrame, others: pd.DataFrame) -> pd.Series:
    """For each row, whether a row of ``others`` in the same document overlaps its span."""
    if rows.empty:
        return pd.Series(dtype=bool)
    spans: dict[str, list[tuple[int, int]]] = {}
    for d, s, e in zip(others.doc_id, others.start.astype(float), others.end.astype(float)):
        spans.setdefault(d, []).append((s, e))
    starts, ends = rows.start.astype(float), rows.end.astype(float)
    return pd.Series([any(s < e2 and s2 < e for s2, e2 in spans.get(d, ()))
                      for d, s, e in zip(rows.doc_id, starts, ends)], index=rows.index)


# ------------------------------------------------------------------------------------------------ causes, step 1


def source_cause(old: str, new: str, old_verb: str, new_verb: str, sentence: str, lexicon: dict[str, str]) -> str:
    """Why a claim source (or quote speaker) changed between the two attribution engines, by rule."""
    o, n = match_form(old), match_form(new)
    ov, nv = bare(old_verb), bare(new_verb)
    new_lemma = lexicon.get(nv, new_verb)
    sent = match_form(sentence)
    if o == n:
        if ov == nv:
            return "same source, verb written with/without its conjunction"
        if not ov:
            return "same source, the verb is now reported"
        if not nv:
            return "same source, no verb reported (source from the quotation's speaker)"
        return "same source, another verb of the sentence reported"
    if not o:
        if new_verb in ADDED_VERBS or new_lemma in ADDED_VERBS:
            return "source added: a verb the one lexicon gained (documenting/estimating/believing)"
        if not ov:
            return "source added: the one engine finds a verb or marker the claims engine missed"
        return "source added: the one engine names the subject of the same verb"
    if not n:
        if ov and ov not in lexicon and not nv:
            return "source dropped: the old verb is not a reporting verb of the one lexicon"
        if nv:
            return "source dropped: the one engine finds the verb but no subject (pronoun or none)"
        return "source dropped: the one engine rejects the verb here (complement missing or not a subject)"
    if nv and ov and nv != ov:
        if new_verb in ADDED_VERBS or new_lemma in ADDED_VERBS:
            return "other source: a verb the one lexicon gained governs the claim"
        return "other source: another reporting verb or marker of the sentence governs the claim"
    if n in o:
        return "source trimmed: trailing or leading words dropped"
    if o in n:
        return "source extended: full name or organisation kept"
    first_n = n.split()[0] if n else ""
    if n in GENERIC_HEADS or first_n in GENERIC_HEADS and len(n.split()) == 1:
        return "anaphor kept as written (old engine resolved it to an earlier name)"
    if o in GENERIC_HEADS:
        return "anaphor resolved to the organisation named earlier"
    if n in sent and o not in sent:
        return "subject read in the sentence instead of carried over"
    if o in sent and n not in sent:
        return "source carried over or resolved from earlier text"
    if n in sent and o in sent:
        return "another noun phrase of the sentence chosen as subject"
    return "unexplained"


def claims_causes_step1(d: Diff, lexicon: dict[str, str]) -> pd.DataFrame:
    ch = d.changed.copy()
    src_changed = (ch.source_a != ch.source_b) | (ch.attribution_verb_a != ch.attribution_verb_b)
    docs_with_source_change = set(ch[src_changed].doc_id)
    causes = []
    for r in ch.itertuples():
        if r.source_a != r.source_b or r.attribution_verb_a != r.attribution_verb_b:
            causes.append(source_cause(r.source_a, r.source_b, r.attribution_verb_a, r.attribution_verb_b,
                                       r.sentence_a, lexicon))
        elif r.source_en_a != r.source_en_b:
            causes.append("English source name from the entity id of the one engine")
        elif r.quoted_a != r.quoted_b:
            causes.append("quotation spans from the one quotation layer (≥3-word quotations without a speaker)")
        elif r.actor_a != r.actor_b or r.target_a != r.target_b:
            causes.append("actor/target searched after the engine's content opener (إن/أن/:/«)"
                          if r.attribution_verb_b else "unexplained")
        elif r.doc_id in docs_with_source_change:
            causes.append("restatement/conflict links follow a changed source in the same article")
        else:
            causes.append("unexplained")
    ch["cause"] = causes
    return ch


def quotes_causes_step1(d: Diff, lexicon: dict[str, str]) -> pd.DataFrame:
    rows = []
    for r in d.only_after.itertuples():
        cause = ("quotation introduced by a verb the one lexicon gained (short marks count as speech after a verb)"
                 if r.verb in ADDED_VERBS else "unexplained")
        rows.append({"kind": "only after", "doc_id": r.doc_id, "start": r.start, "end": r.end, "old": "",
                     "new": f"{r.speaker or '∅'} ({r.verb or '∅'})", "cause": cause})
    for r in d.only_before.itertuples():
        cause = ("the verb form is no longer in the one lexicon (متابعة is a noun)"
                 if bare(r.verb) not in lexicon or r.verb == "تابع" else "unexplained")
        rows.append({"kind": "only before", "doc_id": r.doc_id, "start": r.start, "end": r.end,
                     "old": f"{r.speaker or '∅'} ({r.verb or '∅'})", "new": "", "cause": cause})
    for r in d.changed.itertuples():
        if r.speaker_a != r.speaker_b or r.verb_a != r.verb_b:
            cause = source_cause(r.speaker_a, r.speaker_b, r.verb_a, r.verb_b, "", lexicon)
        elif r.speaker_canonical_a != r.speaker_canonical_b:
            cause = "canonical speaker from the entity layer"
        else:
            cause = "unexplained"
        rows.append({"kind": "changed", "doc_id": r.doc_id, "start": r.start, "end": r.end,
                     "old": f"{r.speaker_a} ({r.verb_a})", "new": f"{r.speaker_b} ({r.verb_b})", "cause": cause})
    return pd.DataFrame(rows)


def entities_causes_step1(d: Diff, lexicon: dict[str, str]) -> pd.DataFrame:
    rows = []
    for r in d.only_before.itertuples():
        words = [bare(w) for w in r.text.split()]
        cause = ("candidate name holding a reporting-verb form of the one lexicon "
                 "(a verb never starts or continues a name)"
                 if r.type == "CANDIDATE" and any(w in lexicon for w in words) else "unexplained")
        rows.append({"kind": "only before", "doc_id": r.doc_id, "old": f"{r.text} ({r.type})", "new": "",
                     "cause": cause, "excerpt": r.text})
    for r in d.only_after.itertuples():
        rows.append({"kind": "only after", "doc_id": r.doc_id, "old": "", "new": f"{r.text} ({r.type})",
                     "cause": "unexplained", "excerpt": r.text})
    for r in d.changed.itertuples():
        rows.append({"kind": "changed", "doc_id": r.doc_id, "old": "", "new": "", "cause": "unexplained",
                     "excerpt": ""})
    return pd.DataFrame(rows)


def keywords_causes_step1(d: Diff, before: pd.DataFrame, after: pd.DataFrame, lexicon: dict[str, str]) -> pd.DataFrame:
    gone_keys = set(before.key) - set(after.key)  # keys that left every article's list
    lost_docs = set(d.only_before.doc_id)
    rows = []
    for r in d.only_before.itertuples():
        if r.key in gone_keys and bare(r.surface) in lexicon:
            cause = "reporting-verb key now a stopword (the class is the one lexicon: every lemma and participle)"
        elif r.key in gone_keys:
            cause = "key now a stopword (not a listed form: key shared with a lexicon form)"
        elif int(float(r.rank)) >= 14:
            cause = "pushed out of the top 15 by a key that moved up"
        else:
            cause = "unexplained"
        rows.append({"kind": "only before", "doc_id": r.doc_id, "old": f"{r.rank}. {r.surface} ({r.key})", "new": "",
                     "cause": cause, "excerpt": r.surface})
    for r in d.only_after.itertuples():
        cause = ("a lower key entered the top 15 after a stopword key left" if r.doc_id in lost_docs else "unexplained")
        rows.append({"kind": "only after", "doc_id": r.doc_id, "old": "", "new": f"{r.rank}. {r.surface} ({r.key})",
                     "cause": cause, "excerpt": r.surface})
    for r in d.changed.itertuples():
        if r.count_a != r.count_b:
            cause = "count of a key that shares forms with a reporting verb (those forms are now stopwords)"
        elif r.doc_id in lost_docs:
            cause = "rank shift: a key above it left the list"
        else:
            cause = "unexplained"
        rows.append({"kind": "changed", "doc_id": r.doc_id, "old": f"{r.rank_a}. {r.surface_a} ×{r.count_a}",
                     "new": f"{r.rank_b}. {r.surface_b} ×{r.count_b}", "cause": cause, "excerpt": r.surface_a})
    return pd.DataFrame(rows)


# ------------------------------------------------------------------------------------------------ step 2


STEP2_CLAIM_COLUMNS = {
    "claim_id": "renumbering: claims added or removed earlier in the article (ids are positions)",
    "value_low": "12.3 fractions as shares, 12.11 numbers (whole + fraction, or-ranges, up-to verbs), 12.5 lists",
    "value_high": "12.3 fractions as shares, 12.11 numbers (whole + fraction, or-ranges, up-to verbs), 12.5 lists",
    "quantity_text": "12.11 numbers: a longer quantity read",
    "qualifier": "12.11 hedges (or-equal, up-to) and 12.2 vague quantities",
    "unit": "12.0 any counted noun (unit `other` or a lemma key), 12.6 measures, 12.7 governing word",
    "unit_ar": "12.0 the counted noun as written, 12.4 noun before the number",
    "rate": "12.0/12.7 the governing noun",
    "category": "12.7 category from the governing word (`category_cue`)",
    "event": "12.7 event from the governing word, with senses (تقدم advanced vs applied)",
    "actor": "13.2/13.5 names beyond the gazetteer, titles out of person spans",
    "target": "13.2/13.4 organisations by their head noun and before the places inside them",
    "location": "13.1 world places (CLDR, GeoNames), 13.4 organisations before places",
    "source": "12.8 sources only from attribution + attribution fixes f112f39, efa5e9d, 18d3bc8, 13.5 titles",
    "source_en": "English names of the new entities (13) and changed sources (12.8)",
    "attribution_verb": "12.8 attribution fixes (complements, weekday subjects, اعتبر needs a complement)",
    "quoted": "quotation spans (12.8 a quoted name after a verb is no statement)",
    "time_text": "13.7 time expressions that read tense, compounds, durations",
    "duplicate_of": "12.9 restatements vs conflicts",
    "conflicts_with": "12.9 restatements vs conflicts",
    "note": "12.9 restatements, updates and conflicts (both sources named)",
    "sentence": "15 bounded resources: sentences capped in length",
    "sentence_index": "15 bounded resources: sentences capped in length",
}


def claims_step2_rows(d: Diff) -> pd.DataFrame:
    """Rows only before / only after of the claims, each with a cause by rule."""
    rows = []
    new_title = d.only_after[d.only_after.in_title == "true"]
    new_body = d.only_after[d.only_after.in_title != "true"]
    ov_after = overlapping(new_body, d.only_before)
    ov_before = overlapping(d.only_before, new_body)
    for r in new_title.itertuples():
        rows.append(("only after", "12.10 headline claim (`in_title`)", r))
    for (idx, r) in zip(new_body.index, new_body.itertuples()):
        if ov_after.get(idx, False):
            cause = "12.11/12.4 span re-read (overlaps a removed row)"
        elif r.unit == "other":
            cause = "12.0 any counted noun (unit `other`)"
        elif not any(ch.isdigit() for ch in r.quantity_text):
            cause = "12.1/12.2/12.3 word-only, dual, vague or fraction quantity"
        else:
            cause = "12.0/12.4/12.5/12.6 digit quantity newly kept (noun, list, measure)"
        rows.append(("only after", cause, r))
    for (idx, r) in zip(d.only_before.index, d.only_before.itertuples()):
        cause = ("12.11/12.4 span re-read (overlaps a new row)" if ov_before.get(idx, False)
                 else "12.7/12.8 rejected by the new filters (trap, non-claim cue, event sense)")
        rows.append(("only before", cause, r))
    return pd.DataFrame([{"kind": k, "cause": c, "doc_id": r.doc_id, "start": r.start, "end": r.end,
                          "quantity_text": r.quantity_text, "unit": r.unit, "category": r.category}
                         for k, c, r in rows])


def entities_step2_rows(d: Diff) -> pd.DataFrame:
    rows = []
    ov_after = overlapping(d.only_after, d.only_before)
    ov_before = overlapping(d.only_before, d.only_after)
    origin_cause = {"cldr": "13.1 world place from CLDR", "geonames": "13.1 world place from GeoNames",
                    "rule": "13.2 name or organisation beyond the gazetteer (cue, head noun, repeat)"}
    for (idx, r) in zip(d.only_after.index, d.only_after.itertuples()):
        if ov_after.get(idx, False):
            cause = "13.4/13.5/13.3 span changed (organisation before place, title out of the name, variant)"
        else:
            cause = origin_cause.get(r.origin, "13.3/13.6 hand gazetteer: variant or sense now matched")
        rows.append(("only after", cause, r.doc_id, f"{r.text} ({r.type}, {r.origin})"))
    for (idx, r) in zip(d.only_before.index, d.only_before.itertuples()):
        if ov_before.get(idx, False):
            cause = "13.4/13.5/13.3 span changed (organisation before place, title out of the name, variant)"
        elif r.type == "CANDIDATE":
            cause = "13.2 noisy candidate dropped (a candidate needs a cue and clean boundaries)"
        else:
            cause = "13.6 senses / 13.1 three-letter towns left out / hand-layer change"
        rows.append(("only before", cause, r.doc_id, f"{r.text} ({r.type})"))
    return pd.DataFrame(rows, columns=["kind", "cause", "doc_id", "row"])


# ------------------------------------------------------------------------------------------------ seed


def seed_comparison(pickle_path: Path) -> list[str]:
    """Markdown lines comparing the seed outputs pickled before issue 11 with the current code."""
    from analysis.attribution.quotes import find_quotes
    from analysis.claims import extract_claims
    from analysis.entities import find_entities
    from analysis.paths import SEEDS_DIR

    old = pickle.load(open(pickle_path, "rb"))
    text = (SEEDS_DIR / "000_59786d66bf5a77f6.txt").read_text(encoding="utf-8")
    new = {"claims": extract_claims(text, doc_id="seed"), "entities": find_entities(text), "quotes": find_quotes(text)}
    out = []
    for table in ("claims", "entities", "quotes"):
        a = old[table].astype(str).apply(_normalise)
        b = new[table].astype(str).apply(_normalise)
        for df in (a, b):
            df.replace({"None": "", "nan": "", "<NA>": ""}, inplace=True)
        a["doc_id"] = b["doc_id"] = "seed"
        if table == "claims":
            a["in_title"] = "false"
            b = b[b.in_title == "false"] if "in_title" in b else b
        d = diff_tables(table, a, b)
        out.append(f"**{table}**: pickle {len(a)} rows, today {len(b)} rows; only in the pickle {len(d.only_before)}, "
                   f"only today {len(d.only_after)}; changed cells {d.changed_cells or 'none'}; "
                   f"columns added {d.added_columns or 'none'}, removed {d.removed_columns or 'none'}.")
        out.append("")
        rows = []
        for r in d.only_before.itertuples():
            rows.append(["only in the pickle", r.start, r.end, _seed_row(table, r)])
        for r in d.only_after.itertuples():
            rows.append(["only today", r.start, r.end, _seed_row(table, r)])
        ch = d.changed
        for _, r in ch.iterrows():
            cells = "; ".join(f"{c}: {cell(c, r[c + '_a'], 80)!r} → {cell(c, r[c + '_b'], 80)!r}"
                              for c in d.compared if r[c + "_a"] != r[c + "_b"])
            rows.append(["changed", r.start, r.end, cells])
        if rows:
            out.append(md_table(["kind", "start", "end", "row"], rows))
            out.append("")
    return out


def _seed_row(table: str, r) -> str:
    if table == "entities":
        return f"{r.text} ({r.type}{', role ' + r.role if getattr(r, 'role', '') else ''})"
    if table == "quotes":
        return f"speaker {r.speaker or '∅'} ({r.verb or '∅'})"
    return f"{r.quantity_text} {r.unit_ar} ({r.category}; source {r.source})"


# ------------------------------------------------------------------------------------------------ report


def cause_table(df: pd.DataFrame, examples: int, rng_seed: int, fmt) -> list[str]:
    """Counts per cause and a few examples of each (drawn with a fixed seed)."""
    lines = []
    counts = df.cause.value_counts()
    rows = [[c, n] for c, n in counts.items()]
    rows.append(["**total**", int(counts.sum())])
    lines.append(md_table(["cause", "rows"], rows))
    lines.append("")
    ex = []
    for c in counts.index:
        sub = df[df.cause == c]
        for _, r in sub.sample(min(examples, len(sub)), random_state=rng_seed).iterrows():
            ex.append([c, *fmt(r)])
    lines.append(f"Examples (up to {examples} per cause, random with seed {rng_seed}):")
    lines.append("")
    return lines, ex


def diff_summary_rows(label: str, diffs: dict[str, Diff]) -> list[list[object]]:
    rows = []
    for t, d in diffs.items():
        cells = ", ".join(f"{c} {n}" for c, n in sorted(d.changed_cells.items(), key=lambda kv: -kv[1]))
        rows.append([label, t, d.before_rows, d.after_rows, len(d.only_before), len(d.only_after), len(d.both),
                     len(d.changed), cells or "—", ", ".join(d.added_columns) or "—",
                     ", ".join(d.removed_columns) or "—"])
    return rows


JUDGEMENT_COLUMNS = ["doc_id", "start", "end", "source_a", "source_b", "attribution_verb_a", "attribution_verb_b",
                     "verdict", "why"]


def load_judgements(path: Path, sample: pd.DataFrame) -> pd.DataFrame | None:
    """The hand judgements of ``sample`` (``None`` after writing an empty template when ``path`` is missing)."""
    if not path.exists():
        tmpl = sample[JUDGEMENT_COLUMNS[:7]].copy()
        tmpl["verdict"] = ""
        tmpl["why"] = ""
        tmpl.to_csv(path, index=False, quoting=csv.QUOTE_ALL)  # quoted fields: no two names run together
        return None
    j = pd.read_csv(path, dtype=str, keep_default_na=False)
    extra = [c for c in j.columns if c not in JUDGEMENT_COLUMNS]
    if extra:
        raise SystemExit(f"{path}: columns {extra} are not judgement columns (no article text in this file)")
    return j


def show_sentences(sample: pd.DataFrame) -> None:
    """Print the sentence of each sampled row to stdout (for the judge; never written to a file)."""
    for r in sample.itertuples():
        print(f"{r.doc_id} {r.start}-{r.end}: {r.source_a or '∅'} ({r.attribution_verb_a or '∅'}) → "
              f"{r.source_b or '∅'} ({r.attribution_verb_b or '∅'})")
        print(f"    {r.sentence_a}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--before", type=Path, required=True, help="run folder before issue 11 (A0)")
    p.add_argument("--middle", type=Path, required=True, help="run folder after issue 11 (A1)")
    p.add_argument("--after", type=Path, required=True, help="run folder of current main (A2)")
    p.add_argument("--markdown", type=Path, required=True, help="report to write")
    p.add_argument("--labels", nargs=3, default=["A0 d5c184d", "A1 aabf791", "A2 18d3bc8"])
    p.add_argument("--lexicon-commit", default="aabf791", help="commit whose reporting-verb lexicon A1 ran with")
    p.add_argument("--seed-pickle", type=Path, default=Path("/work/baseline/seed.pkl"))
    p.add_argument("--judgements", type=Path, default=ROOT / "benchmarks/results/corpus_before_after_judged.csv")
    p.add_argument("--sample-seed", type=int, default=11)
    p.add_argument("--sample-size", type=int, default=40)
    p.add_argument("--examples", type=int, default=3)
    p.add_argument("--show-sentences", action="store_true",
                   help="print the sentences of the judged sample to stdout (they are never written to a file)")
    args = p.parse_args(argv)
    la, lb, lc = args.labels

    runs = {"A0": args.before, "A1": args.middle, "A2": args.after}
    data = {(r, t): read_table(path, t) for r, path in runs.items() for t in TABLES}
    step1 = {t: diff_tables(t, data["A0", t], data["A1", t]) for t in TABLES}
    step2 = {t: diff_tables(t, data["A1", t], data["A2", t]) for t in TABLES}
    lexicon = lexicon_forms(args.lexicon_commit)
    seed_ex = args.sample_seed

    L: list[str] = []
    L += ["# Corpus before/after: the ANT Middle East corpus through issue 11 and after it", ""]
    L += ["Made by `benchmarks/corpus_before_after.py` (command at the end). The three runs are **not in git**; "
          "each is the output folder of `python -m analysis run "
          "../shared/corpora/ant-multisource-v2.1-middleEast.tar.gz --out DIR --jobs 2` (the first line of "
          "`make corpus`) on all 7,628 articles (7,629 files read, 1 load error in every run):", ""]
    L += [md_table(["run", "folder", "code", "how it was made"], [
        [la, f"`{args.before}`", "d5c184d (old main, before issue 11)", "`git checkout d5c184d && make corpus`"],
        [lb, f"`{args.middle}`", "aabf791 (issue 11: Document, one reporting-verb lexicon, one attribution engine)",
         "`git checkout aabf791 && make corpus` — see *Which commit is A1* below"],
        [lc, f"`{args.after}`", "18d3bc8 (main: issues 11, 12, 13, 15, 16 + attribution fixes)",
         "`git checkout 18d3bc8 && make corpus`"]]), ""]
    L += ["### Which commit is A1", "",
          "The brief named 6e9748f for A1. The folder has no manifest, so I checked: on 48 articles (25 with a changed "
          "claim source or quote speaker, plus 8 each with an entity, keyword or quote row on one side only), "
          "`process_article` of **aabf791** reproduces A1 exactly (claims, entities, quotes, keywords: 0 unmatched "
          "rows, 0 differing cells), while **6e9748f** reproduces A0's claims, entities and quotes exactly and differs "
          "from A1 "
          "(16 of the 18 keyword rows that differ between A0 and A1 already differ at 6e9748f). A1 was written at "
          "03:29, between 6e9748f (03:19) and aabf791 (03:30). So step A0→A1 is `d5c184d..aabf791` — all of issue 11, "
          "including the commit that gives claims the one attribution engine — and step A1→A2 is `aabf791..18d3bc8`.",
          ""]
    L += ["Cells are compared after one normalisation (booleans `True`/`true`, numbers `600.0`/`600`: the CSV writer "
          "of issue 15 spells them the JSON way). Claims match on `doc_id, start, end, in_title` (runs without "
          "`in_title` count every row as a body row), entities and quotes on `doc_id, start, end`, keywords on "
          "`doc_id, key`. Columns present on one side only are listed, not compared.", ""]

    L += ["## Summary", ""]
    hdr = ["step", "table", "rows before", "rows after", "only before", "only after", "in both", "changed rows",
           "changed cells per column", "columns added", "columns removed"]
    summary = diff_summary_rows(f"{la[:2]}→{lb[:2]}", step1) + diff_summary_rows(f"{lb[:2]}→{lc[:2]}", step2)
    L += [md_table(hdr, summary), ""]

    # ---------------------------------------------------------------- step 1
    L += [f"## Step {la} → {lb} (issue 11: behaviour to be preserved)", ""]
    claims1 = claims_causes_step1(step1["claims"], lexicon)
    n_unexpl = 0
    L += ["### Claims", "",
          f"No claim appeared or disappeared and no quantity, unit, category, event or time changed. "
          f"{len(claims1)} rows changed; each is assigned one cause (the first that applies: source or verb, "
          "English name, quoted, actor/target, links). Besides the cause's column, "
          + ", ".join(f"{c} changed in {n}" for c, n in step1['claims'].changed_cells.items()
                      if c not in ("source", "attribution_verb")) + ".", ""]
    lines, ex = cause_table(claims1, args.examples, seed_ex, lambda r: [
        r.doc_id, r.start, r.end,
        f"{r.source_a or '∅'} ({r.attribution_verb_a or '∅'}) → {r.source_b or '∅'} ({r.attribution_verb_b or '∅'})"
        + (f"; actor {r.actor_a or '∅'} → {r.actor_b or '∅'}" if r.actor_a != r.actor_b else "")
        + (f"; quoted {r.quoted_a} → {r.quoted_b}" if r.quoted_a != r.quoted_b else "")])
    n_unexpl += int((claims1.cause == "unexplained").sum())
    L += lines + [md_table(["cause", "doc_id", "start", "end", "source (verb): old → new"], ex), ""]

    # judged sample
    src = claims1[claims1.source_a != claims1.source_b]
    sample = src.sample(min(args.sample_size, len(src)), random_state=args.sample_seed)
    judgements_name = args.judgements.relative_to(ROOT) if args.judgements.is_relative_to(ROOT) else args.judgements
    L += [f"#### Hand judgement of {len(sample)} changed claim sources", "",
          f"A random sample of the {len(src)} rows whose `source` changed (pandas `sample(n={len(sample)}, "
          f"random_state={args.sample_seed})`), each judged by reading the sentence (and, for carried-over sources, "
          "the sentence before it in the article): **fix** = the new source is right and the old was wrong, "
          "**regression** = the old was right and the new is wrong, **neutral** = both right, both wrong, or a matter "
          f"of wording. Judgements: `{judgements_name}` (no article text in it; `--show-sentences` prints the "
          "sampled sentences to stdout).", ""]
    if args.show_sentences:
        show_sentences(sample)
    j = load_judgements(args.judgements, sample)
    if j is None:
        L += ["*(not judged yet: a template was written)*", ""]
    else:
        key = ["doc_id", "start", "end"]
        sk = sample[key].astype(str).merge(j.drop(columns=["source_a", "source_b"], errors="ignore"), on=key,
                                           how="left").join(sample[["source_a", "source_b"]].reset_index(drop=True))
        missing = int((sk.verdict.fillna("") == "").sum())
        counts = sk.verdict.fillna("").replace("", "not judged").value_counts()
        L += [md_table(["verdict", "rows"], [[k, v] for k, v in counts.items()]), ""]
        if missing:
            L += [f"{missing} sampled rows have no judgement in the file.", ""]
        reg = sk[sk.verdict == "regression"]
        L += [f"Regressions ({len(reg)}):", ""]
        L += [f"- {r.doc_id} {r.start}–{r.end}: {r.source_a or '∅'} → {r.source_b or '∅'} — {r.why}"
              for r in reg.itertuples()] + [""]
        L += ["All judged rows:", ""]
        L += [md_table(["verdict", "doc_id", "start", "end", "old → new", "why"],
                       [[r.verdict, r.doc_id, r.start, r.end, f"{r.source_a or '∅'} → {r.source_b or '∅'}", r.why]
                        for r in sk.itertuples()]), ""]

    quotes1 = quotes_causes_step1(step1["quotes"], lexicon)
    n_unexpl += int((quotes1.cause == "unexplained").sum())
    L += ["### Quotes", "",
          "Quote speakers come from the same engine; A1's engine learned subjects before the verb, officials of an "
          "organisation and the documenting/estimating verbs (commit aabf791). One cause per row:", ""]
    lines, ex = cause_table(quotes1, args.examples, seed_ex,
                            lambda r: [r.kind, r.doc_id, r.start, r.end, f"{r.old or '∅'} → {r.new or '∅'}"])
    L += lines + [md_table(["cause", "kind", "doc_id", "start", "end", "speaker (verb): old → new"], ex), ""]

    ents1 = entities_causes_step1(step1["entities"], lexicon)
    n_unexpl += int((ents1.cause == "unexplained").sum())
    L += ["### Entities", "",
          f"{len(step1['entities'].only_before)} rows only before, {len(step1['entities'].only_after)} only after, "
          f"{len(step1['entities'].changed)} changed. Entity cues now read the one reporting-verb lexicon "
          "(6e9748f), which lists more forms than the quotes lexicon did, so a candidate name can no longer hold "
          "one:", ""]
    if len(ents1):
        L += [md_table(["cause", "kind", "doc_id", "old → new"],
                       [[r.cause, r.kind, r.doc_id, f"{r.old or '∅'} → {r.new or '∅'}"]
                        for r in ents1.itertuples()]), ""]

    kw1 = keywords_causes_step1(step1["keywords"], data["A0", "keywords"], data["A1", "keywords"], lexicon)
    n_unexpl += int((kw1.cause == "unexplained").sum())
    gone = sorted(set(data["A0", "keywords"].key) - set(data["A1", "keywords"].key))
    a0k = data["A0", "keywords"]
    gone_counts = a0k[a0k.key.isin(gone)].groupby("key").size().sort_values(ascending=False)
    L += ["### Keywords", "",
          "The keyword stopword class `reporting_verbs` became the one lexicon (every lemma and participle; "
          "6e9748f) and grew with the verbs of aabf791. Keys that left every article's list: "
          + ", ".join(f"`{k}` ({n})" for k, n in gone_counts.items()) + ".", ""]
    lines, ex = cause_table(kw1, args.examples, seed_ex,
                            lambda r: [r.kind, r.doc_id, f"{r.old or '∅'} → {r.new or '∅'}"])
    L += lines + [md_table(["cause", "kind", "doc_id", "old → new"], ex), ""]
    unexpl = {name: int((df.cause == "unexplained").sum())
              for name, df in (("claims", claims1), ("quotes", quotes1), ("entities", ents1), ("keywords", kw1))}
    L += [f"**Unexplained rows in step {la[:2]}→{lb[:2]}: {n_unexpl}** ("
          + ", ".join(f"{name} {n}" for name, n in unexpl.items()) + ").", ""]

    # ---------------------------------------------------------------- step 2
    L += [f"## Step {lb} → {lc} (issues 12, 13, 15, 16 and attribution fixes: deliberate changes)", ""]
    d2 = step2["claims"]
    L += ["### Claims", "",
          f"{len(d2.only_before)} rows only before, {len(d2.only_after)} only after "
          f"({int((d2.only_after.in_title == 'true').sum())} of them headline rows), {len(d2.changed)} of "
          f"{len(d2.both)} shared rows changed. New columns: {', '.join(d2.added_columns)} (12.7 `category_cue`, "
          "12.10 `in_title`).", ""]
    c2 = claims_step2_rows(d2)
    L += [md_table(["kind", "cause (issue item)", "rows"],
                   [[k, c, n] for (k, c), n in c2.groupby(["kind", "cause"]).size().items()]), ""]
    ex = []
    for (_kind, c), sub in c2.groupby(["kind", "cause"]):
        for r in sub.sample(min(2, len(sub)), random_state=seed_ex).itertuples():
            ex.append([c, r.doc_id, r.start, r.end, f"{r.quantity_text} ({r.unit}, {r.category})"])
    L += [md_table(["cause", "doc_id", "start", "end", "quantity (unit, category)"], ex), ""]
    L += ["Changed cells of shared rows, per column, with the issue item that changes that column, and an example:", ""]
    ch2 = d2.changed
    rows = []
    for c, n in sorted(d2.changed_cells.items(), key=lambda kv: -kv[1]):
        sub = ch2[ch2[c + "_a"] != ch2[c + "_b"]]
        r = sub.sample(1, random_state=seed_ex).iloc[0]
        rows.append([c, n, STEP2_CLAIM_COLUMNS.get(c, "?"), r.doc_id, r.start, r.end,
                     f"{cell(c, r[c + '_a']) or '∅'} → {cell(c, r[c + '_b']) or '∅'}"])
    L += [md_table(["column", "cells", "cause (issue item)", "doc_id", "start", "end", "old → new"], rows), ""]
    cat = ch2[ch2.category_a != ch2.category_b].groupby(["category_a", "category_b"]).size()
    cat = cat.sort_values(ascending=False)
    L += ["Most frequent category changes (12.7): "
          + ", ".join(f"{a}→{b} {n}" for (a, b), n in cat.head(10).items()) + ".", ""]

    d2e = step2["entities"]
    e2 = entities_step2_rows(d2e)
    L += ["### Entities", "",
          f"{len(d2e.only_before)} rows only before, {len(d2e.only_after)} only after, {len(d2e.changed)} of "
          f"{len(d2e.both)} shared rows changed (new columns {', '.join(d2e.added_columns)}: 13.5 `role`, "
          "13.4 `place`, 13.1 `origin`).", ""]
    L += [md_table(["kind", "cause (issue item)", "rows"],
                   [[k, c, n] for (k, c), n in e2.groupby(["kind", "cause"]).size().items()]), ""]
    ex = []
    for (k, c), sub in e2.groupby(["kind", "cause"]):
        for r in sub.sample(min(3, len(sub)), random_state=seed_ex).itertuples():
            ex.append([c, k, r.doc_id, r.row])
    L += [md_table(["cause", "kind", "doc_id", "row"], ex), ""]
    che = d2e.changed
    rows = []
    for c, n in sorted(d2e.changed_cells.items(), key=lambda kv: -kv[1]):
        sub = che[che[c + "_a"] != che[c + "_b"]]
        r = sub.sample(1, random_state=seed_ex).iloc[0]
        rows.append([c, n, r.doc_id, r.text_a, f"{r[c + '_a'] or '∅'} → {r[c + '_b'] or '∅'}"])
    L += [md_table(["column", "cells", "doc_id", "entity", "old → new"], rows), ""]
    ty = che[che.type_a != che.type_b].groupby(["type_a", "type_b"]).size().sort_values(ascending=False)
    L += ["Type changes: " + ", ".join(f"{a}→{b} {n}" for (a, b), n in ty.items())
          + " (13.2: typed PERSON/ORG instead of CANDIDATE; the subtype and form follow).", ""]

    d2q = step2["quotes"]
    q2 = quotes_causes_step1(d2q, lexicon)
    L += ["### Quotes", "",
          f"{len(d2q.only_before)} rows only before, {len(d2q.only_after)} only after, {len(d2q.changed)} of "
          f"{len(d2q.both)} shared rows changed: " + ", ".join(f"{c} {n}" for c, n in sorted(d2q.changed_cells.items(),
                                                                                              key=lambda kv: -kv[1]))
          + ". Speakers stand on the entities (issue 13: titles out of person spans, names beyond the gazetteer) and "
          "on the attribution fixes of 12.8 and f112f39/efa5e9d/18d3bc8. The same string rules as for step 1 sort the "
          "speaker changes:", ""]
    lines, ex = cause_table(q2, 2, seed_ex,
                            lambda r: [r.kind, r.doc_id, r.start, r.end, f"{r.old or '∅'} → {r.new or '∅'}"])
    L += lines + [md_table(["cause", "kind", "doc_id", "start", "end", "speaker (verb): old → new"], ex), ""]

    d2k = step2["keywords"]
    a1k, a2k = data["A1", "keywords"], data["A2", "keywords"]
    docs = sorted(set(a1k.doc_id) | set(a2k.doc_id))
    s1, s2 = a1k.groupby("doc_id").key.apply(set), a2k.groupby("doc_id").key.apply(set)
    jac = pd.Series([len(s1.get(d, set()) & s2.get(d, set())) / max(1, len(s1.get(d, set()) | s2.get(d, set())))
                     for d in docs])
    per_doc = a2k.groupby("doc_id").size()
    L += ["### Keywords (issue 16)", "",
          f"The keywords table is now `top_keywords` (16.1): ranked by position, frequency and specificity against the "
          f"shipped background, terms kept whole, generic news words demoted; column `surface` became `display` and "
          f"{', '.join(c for c in d2k.added_columns if c != 'display')} were added. {len(d2k.only_before)} rows "
          f"only before, {len(d2k.only_after)} only after, {len(d2k.changed)} shared keys changed rank or count. "
          f"Per article, the key sets overlap with median Jaccard {jac.median():.2f} (mean {jac.mean():.2f}); "
          f"{int((jac == 1).sum())} of {len(docs)} articles keep the same key set. Rows per article: A1 "
          f"{a1k.groupby('doc_id').size().median():.0f} (median), A2 {per_doc.median():.0f}; A2 keyword kinds: "
          + ", ".join(f"{k} {n}" for k, n in a2k.kind.value_counts().items()) + ".", ""]
    gone2 = a1k.key.value_counts().head(200)
    lost = [(k, n, int((a2k.key == k).sum())) for k, n in gone2.items()]
    lost = sorted(lost, key=lambda x: x[2] - x[1])[:10]
    L += ["Keys that lost most articles (A1 → A2 articles listing them; demoted as generic news vocabulary, 16.1): "
          + ", ".join(f"`{k}` {n}→{m}" for k, n, m in lost) + ".", ""]

    # ---------------------------------------------------------------- seed
    L += ["## The seed (doc 000_59786d66bf5a77f6): pickle before issue 11 vs today's code", ""]
    L += [f"The pickle `{args.seed_pickle}` holds the outputs of the code before issue 11; today's are "
          "`extract_claims(text, doc_id='seed')`, `find_entities(text)` and `find_quotes(text)` on `seeds/`. "
          "Today's headline rows (`in_title`) are left out: the pickle was made without a title.", ""]
    if args.seed_pickle.exists():
        L += seed_comparison(args.seed_pickle)
    else:
        L += ["*(pickle not found)*", ""]

    L += ["## How to re-make this report", "",
          "```", ".venv/bin/python benchmarks/corpus_before_after.py --before /work/baseline/run "
          "--middle /work/scratch/runA --after /work/scratch/runB --markdown benchmarks/results/corpus_before_after.md",
          "```", "",
          "To re-make a run: check out its commit in a clean worktree, `make venv && make corpus` (about 80 s at "
          "d5c184d, 2 to 4 minutes later, 2 jobs); the tables land in `build/corpus-run/`. Pass that folder as "
          "`--before`, `--middle` or `--after`.", ""]
    args.markdown.write_text("\n".join(L), encoding="utf-8")
    print(f"wrote {args.markdown}")
    for t in TABLES:
        print(f"{t}: step1 only_before {len(step1[t].only_before)} only_after {len(step1[t].only_after)} "
              f"changed {len(step1[t].changed)} | step2 only_before {len(step2[t].only_before)} "
              f"only_after {len(step2[t].only_after)} changed {len(step2[t].changed)}")
    print("unexplained step 1:", n_unexpl)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
