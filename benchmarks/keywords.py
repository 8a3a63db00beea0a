"""Keyword lists against the headline: recall of the headline's content words within a 10-word budget.

For every article of a sample (``keywords_dev`` or ``keywords_test`` of
``select_samples.py``: ANT Middle East articles, 50 / 100 per outlet), each
method ranks keywords from the article's *body* (the headline is never shown to
a method). We walk down its list and take distinct words until the budget (10
words) is spent: a 3-word term costs 3 words. Headline recall is the share of
the headline's content words found among them, averaged over articles.

The matcher is neutral: it does not use our tokenizer or lemma keys. On both
sides a word is normalized the same way (diacritics and tatweel removed, ``أ إ
آ`` → ``ا``, ``ى`` → ``ي``, ``ة`` → ``ه``), then one proclitic chain is cut
(``وبال``, ``ال``, ``و`` … only when at least 3 letters stay) and one suffix
(``ات ون ين ان يه ه ها هم`` … only when at least 3 letters stay). Headline words
are the Arabic-letter runs of the title minus NLTK's Arabic stopwords
(normalized the same way) and words shorter than 2 letters.

Methods, all from the body only:

* ``ours: top_keywords`` — :func:`analysis.keywords.top_keywords` (the shipped background);
* ``keyword_table`` — the previous default (top 10 rows, ``min_count=2``);
* raw frequency of words minus NLTK stopwords (ties: first occurrence);
* scikit-learn ``TfidfVectorizer`` on words (NLTK stopwords), fitted on the sample;
* TF-IDF on Tashaphyne light stems (fitted on the sample; a stem is shown as its most frequent word);
* ``distinctive_terms`` (ours, TF-IDF on lemma keys fitted on the sample);
* YAKE (``lan="ar"``), 1-word and up-to-3-word keywords;
* TextRank (``summa.keywords``, ``language="arabic"``);
* the lead: the first content words of the body (NLTK stopwords removed).

Also reported: 95% bootstrap intervals (articles resampled, 2,000 draws, seed 0),
the paired difference of ours minus each peer, recall per outlet, lists left
empty for bodies of at least 30 words, and time per article after a warm-up
pass over 20 articles (corpus-fitted methods: fit + transform time / articles).

Needs the ``bench`` extra and NLTK's ``stopwords`` data (``nltk.download("stopwords")``
or a copy under ``$NLTK_DATA/corpora/stopwords``). Run::

    .venv/bin/python benchmarks/keywords.py --sample keywords_dev [--errors 20]
    .venv/bin/python benchmarks/keywords.py --sample keywords_test --out benchmarks/results/keywords.md
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

BUDGET = 10
MIN_WORDS_NONEMPTY = 30
BOOTSTRAP = 2000
WARMUP = 20
_ARABIC_RUN = re.compile(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u064b-\u065f\u0670\u0640]+")
_DIACRITICS = re.compile(r"[\u064b-\u065f\u0670\u0640]")
_NORM = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_CHAINS = sorted(["وال", "فال", "بال", "كال", "لل", "ال", "وبال", "وكال", "ولل", "فبال", "فلل", "و", "ف", "ب", "ل",
                  "ك", "وب", "ول", "فب", "فل", "وك", "س", "وس"], key=len, reverse=True)
_SUFFIXES = sorted(["ات", "ون", "ين", "ان", "يه", "يه", "ه", "ها", "هم", "هما", "هن", "نا", "كم", "ي", "يا", "وا",
                    "تين", "تان"], key=len, reverse=True)


# --------------------------------------------------------------------------- the neutral matcher
def neutral(word: str) -> str:
    """Normalize, cut one proclitic chain and one suffix (each only when >= 3 letters stay)."""
    w = _DIACRITICS.sub("", word).translate(_NORM)
    for c in _CHAINS:
        if w.startswith(c) and len(w) - len(c) >= 3:
            w = w[len(c):]
            break
    for s in _SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= 3:
            w = w[: -len(s)]
            break
    return w


def arabic_words(text: str) -> list[str]:
    """Arabic-letter runs (the neutral tokenizer)."""
    return _ARABIC_RUN.findall(text)


def nltk_stopwords() -> frozenset[str]:
    from nltk.corpus import stopwords

    try:
        words = stopwords.words("arabic")
    except LookupError:
        sys.exit("NLTK's stopwords data is missing: run python -c \"import nltk; nltk.download('stopwords')\" "
                 "or point NLTK_DATA to a folder holding corpora/stopwords")
    return frozenset(words)


def headline_targets(title: str, stop_norm: frozenset[str]) -> set[str]:
    out = set()
    for w in arabic_words(title):
        plain = _DIACRITICS.sub("", w).translate(_NORM)
        if len(plain) < 2 or plain in stop_norm:
            continue
        out.add(neutral(w))
    return out


def budget_words(keywords: Sequence[str], budget: int = BUDGET) -> list[str]:
    """Distinct (neutral) words of the keyword list, in order, until the budget is spent."""
    seen: list[str] = []
    for kw in keywords:
        for w in arabic_words(kw) or kw.split():
            n = neutral(w)
            if n and n not in seen:
                seen.append(n)
                if len(seen) == budget:
                    return seen
    return seen


# --------------------------------------------------------------------------- methods
Method = Callable[[list[str]], list[list[str]]]  # bodies -> keyword lists (phrases), best first


def _per_article(fn: Callable[[str], list[str]]) -> Method:
    return lambda texts: [fn(t) for t in texts]


def ours_top(texts: list[str]) -> list[list[str]]:
    from analysis.keywords import top_keywords

    return [top_keywords(t, n=BUDGET).display.tolist() for t in texts]


def ours_keyword_table(texts: list[str]) -> list[list[str]]:
    from analysis.keywords import keyword_table

    return [keyword_table(t, top=BUDGET).display.tolist() for t in texts]


def make_raw_frequency(stop: frozenset[str]) -> Method:
    def one(text: str) -> list[str]:
        words = [w for w in arabic_words(_DIACRITICS.sub("", text)) if len(w) > 1 and w not in stop]
        counts = Counter(words)
        first = {}
        for i, w in enumerate(words):
            first.setdefault(w, i)
        return sorted(counts, key=lambda w: (-counts[w], first[w]))[: 3 * BUDGET]

    return _per_article(one)


def make_lead(stop: frozenset[str]) -> Method:
    def one(text: str) -> list[str]:
        out: list[str] = []
        for w in arabic_words(_DIACRITICS.sub("", text)):
            if len(w) > 1 and w not in stop and w not in out:
                out.append(w)
                if len(out) == 3 * BUDGET:
                    break
        return out

    return _per_article(one)


def _tfidf_lists(matrix, vocab, display: Callable[[int, str], str]) -> list[list[str]]:
    out = []
    for u in range(matrix.shape[0]):
        row = matrix.getrow(u)
        order = sorted(zip(row.indices, row.data), key=lambda p: (-p[1], vocab[p[0]]))
        out.append([display(u, vocab[j]) for j, _ in order[: 3 * BUDGET]])
    return out


def make_tfidf_words(stop: frozenset[str]) -> Method:
    def run(texts: list[str]) -> list[list[str]]:
        from sklearn.feature_extraction.text import TfidfVectorizer

        vec = TfidfVectorizer(tokenizer=lambda t: [w for w in arabic_words(_DIACRITICS.sub("", t)) if len(w) > 1],
                              lowercase=False, stop_words=sorted(stop), token_pattern=None)
        m = vec.fit_transform(texts)
        return _tfidf_lists(m, vec.get_feature_names_out(), lambda u, w: w)

    return run


def make_tfidf_stems(stop: frozenset[str]) -> Method:
    def run(texts: list[str]) -> list[list[str]]:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from tashaphyne.stemming import ArabicLightStemmer

        light = ArabicLightStemmer()
        cache: dict[str, str] = {}

        def stem(w: str) -> str:
            s = cache.get(w)
            if s is None:
                s = cache[w] = light.light_stem(w) or w
            return s

        surfaces: list[dict[str, Counter[str]]] = []
        docs = []
        for t in texts:
            words = [w for w in arabic_words(_DIACRITICS.sub("", t)) if len(w) > 1 and w not in stop]
            by_stem: dict[str, Counter[str]] = defaultdict(Counter)
            stems = []
            for w in words:
                s = stem(w)
                by_stem[s][w] += 1
                stems.append(s)
            surfaces.append(by_stem)
            docs.append(stems)
        vec = TfidfVectorizer(analyzer=lambda d: d)
        m = vec.fit_transform(docs)
        return _tfidf_lists(m, vec.get_feature_names_out(),
                            lambda u, s: surfaces[u][s].most_common(1)[0][0] if s in surfaces[u] else s)

    return run


def ours_distinctive(texts: list[str]) -> list[list[str]]:
    from analysis.keywords import display_forms, distinctive_terms
    from analysis.text.stopwords import stopword_keys

    stop = stopword_keys(classes=("reporting_verbs", "time_words"))
    table = distinctive_terms(texts, top=BUDGET, stopwords=stop)
    out: list[list[str]] = [[] for _ in texts]
    for u, group in table.groupby("unit"):
        forms = display_forms(texts[u])
        out[u] = [forms.get(k, k) for k in group.sort_values("rank").key]
    return out


def make_yake(n: int) -> Method:
    def run(texts: list[str]) -> list[list[str]]:
        import yake

        ex = yake.KeywordExtractor(lan="ar", n=n, top=2 * BUDGET)
        return [[kw for kw, _ in ex.extract_keywords(t)] for t in texts]

    return run


def textrank(texts: list[str]) -> list[list[str]]:
    from summa import keywords as summa_keywords

    out = []
    for t in texts:
        try:
            out.append(summa_keywords.keywords(t, language="arabic", split=True)[: 2 * BUDGET])
        except (ValueError, ZeroDivisionError, IndexError):
            out.append([])
    return out


def methods(stop: frozenset[str]) -> dict[str, tuple[Method, bool]]:
    """Name -> (method, fitted on the whole sample)."""
    return {
        "ours: top_keywords": (ours_top, False),
        "ours before: keyword_table top 10": (ours_keyword_table, False),
        "raw frequency + NLTK stopwords": (make_raw_frequency(stop), False),
        "scikit-learn TF-IDF, words": (make_tfidf_words(stop), True),
        "TF-IDF, Tashaphyne light stems": (make_tfidf_stems(stop), True),
        "ours before: distinctive_terms (TF-IDF on keys)": (ours_distinctive, True),
        "YAKE lan=ar, 1-word": (make_yake(1), False),
        "YAKE lan=ar, up to 3 words": (make_yake(3), False),
        "TextRank (summa)": (textrank, False),
        "lead: first content words": (make_lead(stop), False),
    }


# --------------------------------------------------------------------------- scoring
def recall_of(lists: list[list[str]], targets: list[set[str]]) -> list[float]:
    out = []
    for kws, gold in zip(lists, targets):
        got = set(budget_words(kws))
        out.append(len(gold & got) / len(gold))
    return out


def bootstrap(values: Sequence[float], draws: int = BOOTSTRAP, seed: int = 0) -> tuple[float, float]:
    rng = random.Random(seed)
    n = len(values)
    means = sorted(sum(values[rng.randrange(n)] for _ in range(n)) / n for _ in range(draws))
    return means[int(0.025 * draws)], means[int(0.975 * draws) - 1]


def paired(a: Sequence[float], b: Sequence[float]) -> tuple[float, float, float]:
    d = [x - y for x, y in zip(a, b)]
    lo, hi = bootstrap(d)
    return sum(d) / len(d), lo, hi


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", default="keywords_dev", choices=["keywords_dev", "keywords_test"])
    ap.add_argument("--only", nargs="*", help="method names to run (substring match)")
    ap.add_argument("--errors", type=int, default=0, help="print N articles with our list and the headline")
    ap.add_argument("--out", help="also write the report (markdown) to this file")
    args = ap.parse_args(argv)

    from select_samples import draw_samples

    arts = [a for a in draw_samples()[args.sample] if a.title]
    stop = nltk_stopwords()
    stop_norm = frozenset(_DIACRITICS.sub("", w).translate(_NORM) for w in stop)
    targets = [headline_targets(a.title, stop_norm) for a in arts]
    keep = [i for i, t in enumerate(targets) if t]
    arts = [arts[i] for i in keep]
    targets = [targets[i] for i in keep]
    texts = [a.text for a in arts]
    outlets = [a.source or "unknown" for a in arts]
    long_enough = [len(arabic_words(t)) >= MIN_WORDS_NONEMPTY for t in texts]

    results: dict[str, dict[str, object]] = {}
    warm = texts[:WARMUP]
    for name, (method, fitted) in methods(stop).items():
        if args.only and not any(s in name for s in args.only):
            continue
        method(warm)  # warm-up: imports, lexicons, caches
        t0 = time.perf_counter()
        lists = method(texts)
        secs = time.perf_counter() - t0
        rec = recall_of(lists, targets)
        results[name] = {"lists": lists, "recall": rec, "ms": 1000 * secs / len(texts), "fitted": fitted,
                         "empty": sum(1 for li, ok in zip(lists, long_enough) if ok and not li)}
        print(f"{name:50s} {statistics.mean(rec):.3f}  {1000 * secs / len(texts):7.2f} ms/article", file=sys.stderr)

    report = render(args.sample, arts, outlets, results)
    if "ours: top_keywords" in results:
        report += timing_of_ours(texts)
    print(report)
    if args.out:
        Path(args.out).write_text(report, encoding="utf-8")
    if args.errors and "ours: top_keywords" in results:
        ours = results["ours: top_keywords"]
        worst = sorted(range(len(arts)), key=lambda i: ours["recall"][i])[: args.errors]  # type: ignore[index]
        for i in worst:
            print(f"\n{arts[i].doc_id} {outlets[i]} recall {ours['recall'][i]:.2f}\n  H: {arts[i].title}\n"
                  f"  ours: {' | '.join(ours['lists'][i])}\n  words: {budget_words(ours['lists'][i])}\n"  # type: ignore[index]
                  f"  targets: {sorted(targets[i])}")
    return 0


def timing_of_ours(texts: list[str], repeat: int = 3) -> str:
    """Best of ``repeat`` passes (the machine is shared): top_keywords from a str, and its text-core part."""
    from analysis.document import Document
    from analysis.keywords import top_keywords

    def best(fn: Callable[[str], object]) -> float:
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            for t in texts:
                fn(t)
            times.append(time.perf_counter() - t0)
        return 1000 * min(times) / len(texts)

    def core(text: str) -> object:
        doc = Document(text)
        return doc.tokens, doc.gazetteer_hits, doc.sentences

    whole = best(lambda t: top_keywords(t))
    part = best(core)
    chars = sum(len(t) for t in texts) / len(texts)
    return (f"\nTime of ours, best of {repeat} passes over the sample after the warm-up "
            f"(mean body {chars:,.0f} characters):"
            "\n\n| step | ms / article |\n|---|---:|\n"
            f"| top_keywords from a str (Document, tokens, gazetteer scan, ranking, DataFrame) | {whole:.2f} |\n"
            "| of which the Document's text core (tokens, sentences, gazetteer scan; shared with the other layers "
            f"in a corpus run) | {part:.2f} |\n| ranking and DataFrame | {whole - part:.2f} |\n")


def render(sample: str, arts: list, outlets: list[str], results: dict[str, dict[str, object]]) -> str:
    n = len(arts)
    names = list(results)
    lines = [f"Sample `{sample}`: {n} articles with a headline content word; budget {BUDGET} words.", "",
             "| method | headline recall | 95% CI | empty lists (≥ 30 words) | ms / article |",
             "|---|---:|---:|---:|---:|"]
    for name in names:
        r = results[name]
        rec = r["recall"]
        lo, hi = bootstrap(rec)  # type: ignore[arg-type]
        fitted = " (fit on sample)" if r["fitted"] else ""
        lines.append(f"| {name} | {statistics.mean(rec):.3f} | {lo:.3f}–{hi:.3f} | {r['empty']} | "  # type: ignore[arg-type]
                     f"{r['ms']:.2f}{fitted} |")
    ours = "ours: top_keywords"
    if ours in results:
        lines += ["", "Paired difference, ours minus peer (95% bootstrap interval):", "",
                  "| peer | difference | 95% CI |", "|---|---:|---:|"]
        for name in names:
            if name == ours:
                continue
            d, lo, hi = paired(results[ours]["recall"], results[name]["recall"])  # type: ignore[arg-type]
            lines.append(f"| {name} | {d:+.3f} | {lo:+.3f} – {hi:+.3f} |")
    by = sorted(set(outlets))
    lines += ["", "Recall per outlet:", "",
              "| method | " + " | ".join(f"{o} (n={outlets.count(o)})" for o in by) + " |",
              "|---|" + "---:|" * len(by)]
    for name in names:
        rec = results[name]["recall"]
        cells = [statistics.mean([x for x, o in zip(rec, outlets) if o == outlet]) for outlet in by]  # type: ignore[arg-type]
        lines.append(f"| {name} | " + " | ".join(f"{c:.3f}" for c in cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
