"""Keyword frequencies, multi-word terms and TF-IDF distinctiveness.

``keyword_table`` counts lemma keys (or surface forms) of the content words of
a collection of texts and finds multi-word terms (``دير الزور``, ``منطقة خفض
التوتر``) by an association measure: Dunning's log-likelihood ratio G² with a
frequency floor. ``KeyAnalyzer`` turns a text into the same keys for
scikit-learn (``TfidfVectorizer(analyzer=KeyAnalyzer())``), and
``distinctive_terms`` ranks terms by TF-IDF across units (paragraphs, articles).

n-grams never cross punctuation, numbers or sentence ends, and never contain
a stopword.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from analysis.errors import AnalysisError
from analysis.text.glossary import gloss
from analysis.text.normalize import DISPLAY_STEPS, translation_table
from analysis.text.sentences import split_sentences
from analysis.text.stopwords import stopword_keys
from analysis.text.tokens import Token, tokenize

LEVELS: tuple[str, ...] = ("lemma", "stem", "surface")
#: G² critical value for p < 0.001 (one degree of freedom).
LLR_P001 = 10.83
_DISPLAY_TABLE = translation_table(DISPLAY_STEPS - {"alef"})
_EXAMPLE_CHARS = 300
_TERM_KINDS = frozenset({"word", "latin"})


class KeywordError(AnalysisError):
    """Bad arguments or input to the keyword functions."""


Item = tuple[str, int, int, bool]  # key, start, end, is_stopword


def _key_of(token: Token, level: str) -> str:
    if level == "lemma":
        return token.key
    if level == "stem":
        return token.stem
    return token.norm


def _check(level: str, ngram_range: tuple[int, int]) -> None:
    if level not in LEVELS:
        raise KeywordError(f"level must be one of {LEVELS}, got {level!r}")
    lo, hi = ngram_range
    if not (1 <= lo <= hi):
        raise KeywordError(f"ngram_range must satisfy 1 <= min <= max, got {ngram_range!r}")


def _resolve_stopwords(stopwords: Collection[str] | bool | None, level: str) -> frozenset[str]:
    """None/True: closed-class stopword keys; False: none; a collection: keys or words as written."""
    if stopwords is None or stopwords is True:
        return _default_stopwords(level)
    if stopwords is False:
        return frozenset()
    if isinstance(stopwords, str):
        raise KeywordError("stopwords must be a collection of words, not one string")
    if isinstance(stopwords, frozenset):  # e.g. stopword_keys(...): cached, it is reused per call
        return _keyed_stopwords(stopwords, level)
    return _keyed_stopwords.__wrapped__(frozenset(stopwords), level)


@lru_cache(maxsize=32)
def _keyed_stopwords(stopwords: frozenset[str], level: str) -> frozenset[str]:
    keys = set()
    for w in stopwords:
        keys.add(w)  # keys given directly (e.g. from stopword_keys) stay as they are
        keys.update(_key_of(t, level) for t in tokenize(w))
    return frozenset(keys)


@lru_cache(maxsize=len(LEVELS))
def _default_stopwords(level: str) -> frozenset[str]:
    base = stopword_keys()
    if level == "lemma":
        return base
    return base | frozenset(_key_of(t, level) for w in stopwords_as_written() for t in tokenize(w))


def stopwords_as_written() -> frozenset[str]:
    """The closed-class stopword list as written in the lexicon file."""
    from analysis.lexicons import load_wordlist

    return frozenset(w for w in load_wordlist("text/stopwords.txt") if " " not in w)


def _text_of(doc: object) -> str:
    if isinstance(doc, str):
        return doc
    text = getattr(doc, "text", None)
    if isinstance(text, str):
        return text
    raise KeywordError(f"expected str or an object with a .text string, got {type(doc).__name__}")


def sentence_runs(text: str, level: str, stop: frozenset[str]) -> list[tuple[str, list[list[Item]]]]:
    """For each sentence: its text and its runs of consecutive word tokens (as items)."""
    tokens = tokenize(text)
    out: list[tuple[str, list[list[Item]]]] = []
    i, n_tok = 0, len(tokens)
    for sent in split_sentences(text):
        while i < n_tok and tokens[i].end <= sent.start:
            i += 1
        runs: list[list[Item]] = []
        run: list[Item] = []
        while i < n_tok and tokens[i].start < sent.end:
            t = tokens[i]
            i += 1
            if t.kind in _TERM_KINDS:
                key = _key_of(t, level)
                run.append((key, t.start, t.end, key in stop or not key))
            elif run:
                runs.append(run)
                run = []
        if run:
            runs.append(run)
        out.append((sent.text, runs))
    return out


def _ngrams(run: list[Item], n: int) -> Iterable[tuple[str, int, int]]:
    for j in range(len(run) - n + 1):
        window = run[j : j + n]
        if any(item[3] for item in window):
            continue
        yield " ".join(item[0] for item in window), window[0][1], window[-1][2]


@dataclass
class _Counts:
    """Counts over a collection, per n-gram length."""

    count: Counter[str] = field(default_factory=Counter)
    documents: Counter[str] = field(default_factory=Counter)
    surfaces: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    example: dict[str, str] = field(default_factory=dict)
    n_of: dict[str, int] = field(default_factory=dict)
    content_tokens: int = 0


def _count(texts: Iterable[object], level: str, ngram_range: tuple[int, int], stop: frozenset[str]) -> _Counts:
    c = _Counts()
    lo, hi = ngram_range
    sizes = range(1, hi + 1)  # unigram and shorter counts are needed for association
    for doc in texts:
        text = _text_of(doc)
        seen: set[str] = set()
        for sent_text, runs in sentence_runs(text, level, stop):
            for run in runs:
                c.content_tokens += sum(1 for item in run if not item[3])
                for n in sizes:
                    for key, s, e in _ngrams(run, n):
                        c.count[key] += 1
                        c.n_of[key] = n
                        c.surfaces[key][text[s:e].translate(_DISPLAY_TABLE)] += 1
                        if key not in c.example:
                            c.example[key] = _shorten(sent_text)
                        seen.add(key)
        c.documents.update(seen)
    return c


def _shorten(sentence: str) -> str:
    return sentence if len(sentence) <= _EXAMPLE_CHARS else sentence[: _EXAMPLE_CHARS - 1].rstrip() + "…"


def _xlogx_terms(k: float, expected: float) -> float:
    return k * math.log(k / expected) if k > 0 else 0.0


def log_likelihood(k11: int, k1_: int, k_1: int, total: int) -> float:
    """Dunning's G² for a 2×2 table given the joint count, both marginals and the total.

    Returns a signed value: negative when the pair occurs less often than expected.

    Example:
        >>> round(log_likelihood(10, 10, 10, 1000), 1) > 10.83
        True
    """
    k12, k21 = k1_ - k11, k_1 - k11
    k22 = total - k11 - k12 - k21
    if min(k11, k12, k21, k22) < 0 or total <= 0:
        return 0.0
    rows, cols = (k1_, total - k1_), (k_1, total - k_1)
    g2 = 0.0
    for k, r, col in ((k11, rows[0], cols[0]), (k12, rows[0], cols[1]),
                      (k21, rows[1], cols[0]), (k22, rows[1], cols[1])):
        if k > 0:
            g2 += _xlogx_terms(k, r * col / total)
    g2 *= 2.0
    return g2 if k11 * total >= k1_ * k_1 else -g2


def _association(key: str, c: _Counts) -> float:
    """Weakest G² over the binary splits of an n-gram (each side counted as a unit)."""
    words = key.split(" ")
    total = max(c.content_tokens, 1)
    scores = []
    for cut in range(1, len(words)):
        left, right = " ".join(words[:cut]), " ".join(words[cut:])
        scores.append(log_likelihood(c.count[key], c.count[left], c.count[right], total))
    return min(scores)


def keyword_table(
    texts: Iterable[object] | str,
    level: str = "lemma",
    ngram_range: tuple[int, int] = (1, 3),
    top: int | None = None,
    min_count: int = 2,
    stopwords: Collection[str] | bool | None = None,
    min_llr: float = LLR_P001,
) -> pd.DataFrame:
    """Frequency table of key terms, single words and multi-word terms.

    Args:
        texts: Texts (str, or objects with a ``.text`` such as ``Article``); one str is one text.
        level: ``"lemma"`` (lemma keys, default), ``"stem"`` (clitics removed) or
            ``"surface"`` (normalized written form).
        ngram_range: Lengths of terms to report (multi-word terms up to 3 words by default).
        top: Keep only the first ``top`` rows.
        min_count: Frequency floor for every term.
        stopwords: None for the closed-class list (see :mod:`analysis.text.stopwords`), False
            for none, or a collection of words/keys (e.g. ``stopword_keys(classes=(...))``).
        min_llr: Association floor (G²) for multi-word terms; 10.83 is p < 0.001.

    Returns:
        DataFrame with ``key`` (space-joined keys), ``display`` (most frequent written
        form, diacritics removed; ties: the form seen first), ``n`` (words), ``count``,
        ``share`` (count per content word of the collection), ``documents``, ``llr`` (G²,
        NaN for single words),
        ``subsumed`` (True when every occurrence lies inside one longer term of the
        table, e.g. ``دير`` inside ``دير الزور``: filter with ``df[~df.subsumed]``
        for charts), ``gloss`` (English, "" if none) and ``example`` (first sentence
        with the term), ordered by count (descending) then key. An empty table keeps
        these columns, typed.

    Example:
        >>> docs = ["قصفت الطائرات الروسية مدينة دير الزور.",
        ...         "وقالت وزارة الدفاع إن الطائرات الروسية دمرت مواقع في دير الزور.",
        ...         "ويحاصر الجيش دير الزور منذ أشهر."]
        >>> df = keyword_table(docs)
        >>> df.loc[df.n == 2, "display"].tolist()
        ['دير الزور', 'الطائرات الروسية']
    """
    _check(level, ngram_range)
    if min_count < 1:
        raise KeywordError(f"min_count must be >= 1, got {min_count}")
    docs = [texts] if isinstance(texts, str) else texts
    stop = _resolve_stopwords(stopwords, level)
    c = _count(docs, level, ngram_range, stop)
    lo, hi = ngram_range
    rows = []
    total = max(c.content_tokens, 1)
    for key, count in c.count.items():
        n = c.n_of[key]
        if n < lo or count < min_count:
            continue
        llr = float("nan")
        if n > 1:
            llr = _association(key, c)
            if llr < min_llr:
                continue
        surfaces = c.surfaces[key]
        display = max(surfaces, key=surfaces.__getitem__)  # ties: the form seen first (counters keep text order)
        rows.append(
            {
                "key": key,
                "display": display,
                "n": n,
                "count": count,
                "share": count / total,
                "documents": c.documents[key],
                "llr": llr,
                "gloss": gloss(key) or "",
                "example": c.example[key],
            }
        )
    _mark_subsumed(rows)
    columns = ["key", "display", "n", "count", "share", "documents", "llr", "subsumed", "gloss", "example"]
    df = pd.DataFrame(rows, columns=columns) if rows else _empty_table(columns)
    df = df.sort_values(["count", "key"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
    if top is not None:
        df = df.head(top).reset_index(drop=True)
    return df


_TABLE_TYPES = {"key": "str", "display": "str", "n": "int64", "count": "int64", "share": "float64",
                "documents": "int64", "llr": "float64", "subsumed": "bool", "gloss": "str", "example": "str"}


def _empty_table(columns: list[str]) -> pd.DataFrame:
    """An empty keyword table with typed columns, so that ``df[~df.subsumed]`` keeps them."""
    return pd.DataFrame({c: pd.Series([], dtype=_TABLE_TYPES[c]) for c in columns})


def _mark_subsumed(rows: list[dict[str, object]]) -> None:
    """Flag terms that never occur outside one longer reported term (same count)."""
    containing: dict[str, int] = {}
    for row in rows:
        words = str(row["key"]).split(" ")
        n = len(words)
        for size in range(1, n):
            for i in range(n - size + 1):
                sub = " ".join(words[i : i + size])
                containing[sub] = max(containing.get(sub, 0), int(row["count"]))  # type: ignore[call-overload]
    for row in rows:
        row["subsumed"] = containing.get(str(row["key"]), 0) >= int(row["count"])  # type: ignore[call-overload]


def collocations(
    texts: Iterable[object] | str,
    n: int = 2,
    level: str = "lemma",
    min_count: int = 2,
    min_llr: float = LLR_P001,
    stopwords: Collection[str] | bool | None = None,
    top: int | None = None,
) -> pd.DataFrame:
    """Multi-word terms of exactly ``n`` words, ordered by G² (descending) then key.

    Example:
        >>> docs = ["قصفت الطائرات الروسية مدينة دير الزور.",
        ...         "وقالت وزارة الدفاع إن الطائرات الروسية دمرت مواقع في دير الزور.",
        ...         "ويحاصر الجيش دير الزور منذ أشهر."]
        >>> collocations(docs).display.tolist()
        ['دير الزور', 'الطائرات الروسية']
    """
    if n < 2:
        raise KeywordError(f"collocations need n >= 2, got {n}")
    df = keyword_table(texts, level=level, ngram_range=(n, n), min_count=min_count, stopwords=stopwords,
                       min_llr=min_llr)
    df = df.sort_values(["llr", "key"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
    return df.head(top).reset_index(drop=True) if top is not None else df


class KeyAnalyzer:
    """Callable text → list of term keys, for scikit-learn vectorizers.

    Picklable (no lambdas), so it runs on process pools and Dask workers too.

    Example:
        >>> KeyAnalyzer(ngram_range=(1, 2))("وقصفت القوات الروسية")
        ['قصف', 'قوات', 'روسي', 'قصف قوات', 'قوات روسي']
    """

    def __init__(
        self,
        level: str = "lemma",
        ngram_range: tuple[int, int] = (1, 1),
        stopwords: Collection[str] | bool | None = None,
    ) -> None:
        _check(level, ngram_range)
        self.level = level
        self.ngram_range = ngram_range
        self.stopwords = stopwords
        self._stop: frozenset[str] | None = None

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_stop"] = None
        return state

    def __call__(self, text: str) -> list[str]:
        if self._stop is None:
            self._stop = _resolve_stopwords(self.stopwords, self.level)
        lo, hi = self.ngram_range
        out: list[str] = []
        for _sentence, runs in sentence_runs(text, self.level, self._stop):
            for n in range(lo, hi + 1):
                for run in runs:
                    out.extend(key for key, _s, _e in _ngrams(run, n))
        return out


def term_matrix(units: Sequence[object], keys: Sequence[str], level: str = "lemma") -> pd.DataFrame:
    """Counts of the given term keys (single or multi-word) in each unit: units × keys.

    Stopwords are not removed here: every requested key is counted.
    """
    if not keys:
        raise KeywordError("term_matrix needs at least one key")
    hi = max(len(k.split(" ")) for k in keys)
    analyzer = KeyAnalyzer(level=level, ngram_range=(1, hi), stopwords=False)
    wanted = list(dict.fromkeys(keys))
    rows = []
    for unit in units:
        counts = Counter(analyzer(_text_of(unit)))
        rows.append([counts.get(k, 0) for k in wanted])
    return pd.DataFrame(rows, columns=wanted)


def distinctive_terms(
    units: Sequence[object],
    top: int = 10,
    level: str = "lemma",
    ngram_range: tuple[int, int] = (1, 1),
    stopwords: Collection[str] | bool | None = None,
    min_df: int = 1,
) -> pd.DataFrame:
    """Terms ranked by TF-IDF within each unit (paragraph, article …), with scikit-learn.

    Returns:
        Long DataFrame ``unit`` (index in ``units``), ``rank`` (1 = most distinctive),
        ``key``, ``tfidf``, ``count``; per unit ordered by TF-IDF (descending) then key.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [_text_of(u) for u in units]
    if not texts:
        raise KeywordError("distinctive_terms needs at least one unit")
    analyzer = KeyAnalyzer(level=level, ngram_range=ngram_range, stopwords=stopwords)
    vectorizer = TfidfVectorizer(analyzer=analyzer, min_df=min_df)
    matrix = vectorizer.fit_transform(texts)
    vocab = vectorizer.get_feature_names_out()
    rows = []
    for u in range(matrix.shape[0]):
        row = matrix.getrow(u)
        counts = Counter(analyzer(texts[u]))
        scored = sorted(zip(row.indices, row.data), key=lambda p: (-round(float(p[1]), 12), vocab[p[0]]))
        for rank, (j, score) in enumerate(scored[:top], start=1):
            rows.append({"unit": u, "rank": rank, "key": str(vocab[j]), "tfidf": round(float(score), 6),
                         "count": counts[vocab[j]]})
    return pd.DataFrame(rows, columns=["unit", "rank", "key", "tfidf", "count"])


def display_forms(texts: Iterable[object] | str, level: str = "lemma") -> dict[str, str]:
    """Most frequent written form of every key (single words and n-grams up to 3)."""
    _check(level, (1, 3))
    docs = [texts] if isinstance(texts, str) else texts
    c = _count(docs, level, (1, 3), frozenset())
    return {k: max(s, key=s.__getitem__) for k, s in c.surfaces.items()}  # ties: the form seen first

