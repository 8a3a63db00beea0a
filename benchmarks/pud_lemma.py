"""Lemma grouping and clitic segmentation on UD Arabic-PUD (the half in ../shared).

Every orthographic word of the treebank (clitics attached, as written) is an
item; its gold class is the gold lemma of its content word. Each system maps
the written word to a key; words sharing a key form a cluster. We report
B-cubed precision, recall and F1 over word occurrences, the exact-lemma rate
(key equals the normalized gold lemma), and words per second, for our
``lemma_key`` and the peers in the same run:

* surface: the word normalized for matching (no stemming);
* NLTK ISRI root stemmer;
* Tashaphyne light stemmer;
* qalsadi lemmatizer (slow: run on ``--qalsadi-limit`` words unless 0).

words/s is the best of three runs (one for qalsadi); ours is timed from
empty per-word caches each run (lexicons loaded), i.e. every distinct word
is analysed once, as at the start of a corpus run.

Segmentation accuracy: share of orthographic words whose split points from
``tokenize`` (proclitics except the article, stem with its article, enclitic)
equal the gold syntactic-word boundaries.

``--split`` evaluates on the odd or even sentences only (the rules were tuned
looking at errors on the even half; the odd half is a held-out check).

Run:
    .venv/bin/python benchmarks/pud_lemma.py [--split all|even|odd] [--qalsadi-limit N]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from analysis.paths import PUD_CONLLU
from analysis.text import lemma_key, tokenize
from analysis.text.normalize import normalize_for_matching

#: Timing runs per system (best kept): the machine is shared, single runs are noisy.
REPEAT = 3
_FUNCTION_UPOS = frozenset({"ADP", "CCONJ", "SCONJ", "PART", "DET", "PRON", "AUX", "PUNCT"})


@dataclass(frozen=True)
class GoldWord:
    """One orthographic word: its written form, gold lemma, and split points."""

    form: str
    lemma: str
    upos: str
    boundaries: tuple[int, ...]
    sentence: int


_ENCLITIC_FORMS = frozenset(["ه", "ها", "هم", "هما", "هن", "ك", "كم", "كن", "ي", "ني", "نا"])


def _content_word(group: list[list[str]]) -> list[str]:
    """The syntactic word whose lemma names the orthographic word.

    First content word (noun, verb, adjective, ...); failing that, the first
    function word that is neither a conjunction, a one-letter clitic nor an
    enclitic pronoun (في in فيها, التي in والتي); then the first non-conjunction.
    """
    tiers = (
        [t for t in group if t[3] not in _FUNCTION_UPOS],
        [t for t in group if t[3] != "CCONJ" and len(t[1]) > 1 and not (t[3] == "PRON" and t[1] in _ENCLITIC_FORMS)],
        [t for t in group if t[3] != "CCONJ"],
        group,
    )
    return next(tier for tier in tiers if tier)[0]


def read_pud(path: Path) -> list[GoldWord]:
    """Group CoNLL-U syntactic words into orthographic words (SpaceAfter=No joins them)."""
    words: list[GoldWord] = []
    group: list[list[str]] = []
    sentence = -1

    def flush() -> None:
        if not group:
            return
        form = "".join(t[1] for t in group)
        bounds, pos = [], 0
        for t in group[:-1]:
            pos += len(t[1])
            bounds.append(pos)
        head = _content_word(group)
        words.append(GoldWord(form, normalize_for_matching(head[2]), head[3], tuple(bounds), sentence))
        group.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id"):
            sentence += 1
            continue
        if not line or line.startswith("#"):
            flush()
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        if cols[3] == "PUNCT" or cols[3] == "SYM":
            flush()
            continue
        group.append(cols)
        if "SpaceAfter=No" not in cols[9]:
            flush()
    flush()
    return words


def bcubed(gold: list[str], pred: list[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 over items (occurrences)."""
    pair = Counter(zip(gold, pred))
    gsize = Counter(gold)
    psize = Counter(pred)
    n = len(gold)
    p = sum(c * c / psize[k] for (g, k), c in pair.items()) / n
    r = sum(c * c / gsize[g] for (g, k), c in pair.items()) / n
    return p, r, 2 * p * r / (p + r)


def _timed(
    fn: Callable[[str], str], forms: list[str], repeat: int = 1, reset: Callable[[], None] | None = None
) -> tuple[list[str], float]:
    """Keys and the best time of ``repeat`` runs (``reset`` empties caches before each)."""
    best = float("inf")
    keys: list[str] = []
    for _ in range(repeat):
        if reset is not None:
            reset()
        t0 = time.perf_counter()
        keys = [fn(w) for w in forms]
        best = min(best, time.perf_counter() - t0)
    return keys, best


def _peers() -> dict[str, Callable[[str], str]]:
    systems: dict[str, Callable[[str], str]] = {"surface normalized": normalize_for_matching}
    from nltk.stem.isri import ISRIStemmer

    isri = ISRIStemmer()
    systems["NLTK ISRI root"] = lambda w: normalize_for_matching(isri.stem(w))
    from tashaphyne.stemming import ArabicLightStemmer

    light = ArabicLightStemmer()
    systems["Tashaphyne light stem"] = lambda w: normalize_for_matching(light.light_stem(w))
    return systems


def _qalsadi() -> Callable[[str], str]:
    import qalsadi.lemmatizer

    lem = qalsadi.lemmatizer.Lemmatizer()
    return lambda w: normalize_for_matching(str(lem.lemmatize(w)))


def _fresh_lemma_key(word: str) -> str:
    return lemma_key(word)


def _clear_word_caches() -> None:
    """Empty the per-word caches (lexicons stay loaded, as in a long run)."""
    from analysis.text.clitics import segment
    from analysis.text.tokens import clear_word_cache

    lemma_key("تجربة")  # load the lexicons once
    lemma_key.cache_clear()
    segment.cache_clear()
    clear_word_cache()


def evaluate(words: list[GoldWord], qalsadi_limit: int) -> list[dict[str, object]]:
    forms = [w.form for w in words]
    gold = [w.lemma for w in words]
    rows = []
    systems = {"ours: lemma_key (cold cache)": _fresh_lemma_key, **_peers()}
    for name, fn in systems.items():
        reset = _clear_word_caches if name.startswith("ours") else None
        keys, secs = _timed(fn, forms, repeat=REPEAT, reset=reset)
        p, r, f = bcubed(gold, keys)
        exact = sum(k == g for k, g in zip(keys, gold)) / len(gold)
        rows.append({"system": name, "words": len(forms), "P": p, "R": r, "F1": f, "exact": exact,
                     "words/s": len(forms) / secs})
    if qalsadi_limit != 0:
        fn = _qalsadi()
        sub = forms if qalsadi_limit < 0 else forms[:qalsadi_limit]
        keys, secs = _timed(fn, sub)
        g = gold[: len(sub)]
        ours = [lemma_key(w) for w in sub]
        p, r, f = bcubed(g, keys)
        exact = sum(k == x for k, x in zip(keys, g)) / len(g)
        rows.append({"system": f"qalsadi lemmatizer (first {len(sub)} words)", "words": len(sub),
                     "P": p, "R": r, "F1": f, "exact": exact, "words/s": len(sub) / secs})
        p, r, f = bcubed(g, ours)
        exact = sum(k == x for k, x in zip(ours, g)) / len(g)
        rows.append({"system": f"ours on the same {len(sub)} words", "words": len(sub),
                     "P": p, "R": r, "F1": f, "exact": exact, "words/s": float("nan")})
    return rows


def segmentation_accuracy(words: list[GoldWord]) -> tuple[float, int]:
    """Share of orthographic words whose tokenize split points equal the gold ones."""
    ok = 0
    for w in words:
        toks = [t for t in tokenize(w.form) if t.kind in ("word", "number", "latin")]
        if len(toks) != 1:
            continue
        ok += toks[0].boundaries() == w.boundaries
    return ok / len(words), len(words)


def errors(words: Iterable[GoldWord], top: int = 60) -> list[tuple[str, str, str, int]]:
    """Most frequent (form, our key, gold lemma) where the key's cluster disagrees with gold."""
    words = list(words)
    by_key: dict[str, Counter[str]] = defaultdict(Counter)
    for w in words:
        by_key[lemma_key(w.form)][w.lemma] += 1
    by_gold: dict[str, Counter[str]] = defaultdict(Counter)
    for w in words:
        by_gold[w.lemma][lemma_key(w.form)] += 1
    bad: Counter[tuple[str, str, str]] = Counter()
    for w in words:
        k = lemma_key(w.form)
        if by_key[k].most_common(1)[0][0] != w.lemma or by_gold[w.lemma].most_common(1)[0][0] != k:
            bad[(w.form, k, w.lemma)] += 1
    return [(f, k, g, c) for (f, k, g), c in bad.most_common(top)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["all", "even", "odd"], default="all")
    ap.add_argument("--qalsadi-limit", type=int, default=3000, help="words for qalsadi (-1 all, 0 skip)")
    ap.add_argument("--errors", type=int, default=0, help="print the N most frequent disagreements")
    args = ap.parse_args()
    words = read_pud(PUD_CONLLU)
    if args.split != "all":
        parity = 0 if args.split == "even" else 1
        words = [w for w in words if w.sentence % 2 == parity]
    rows = evaluate(words, args.qalsadi_limit)
    print(f"UD Arabic-PUD half, split={args.split}: {len(words)} orthographic words\n")
    print("| system | words | B3 precision | B3 recall | B3 F1 | exact lemma | words/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    ours_speed = rows[0]["words/s"]
    for r in rows:
        print(f"| {r['system']} | {r['words']} | {r['P']:.3f} | {r['R']:.3f} | {r['F1']:.3f} | {r['exact']:.3f} | "
              f"{r['words/s']:,.0f} |")
    acc, n = segmentation_accuracy(words)
    print(f"\nSegmentation (tokenize split points = gold syntactic words): {acc:.3f} of {n} words")
    print(f"lemma_key speed relative to Tashaphyne: {ours_speed / rows[3]['words/s']:.1f}x")
    if args.errors:
        print("\n| form | our key | gold lemma | count |\n|---|---|---|---:|")
        for f, k, g, c in errors(words, args.errors):
            print(f"| {f} | {k} | {g} | {c} |")


if __name__ == "__main__":
    main()
