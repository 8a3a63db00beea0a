"""The keywords an analyst would pick for one article: :func:`top_keywords`.

Candidates, read from the Document's tokens (one tokenizer), in this order:

1. gazetteer names (``دير الزور``, ``وزارة الدفاع الروسية``, ``لافروف``); every mention of
   one entity counts under one key, the lemma keys of its canonical name;
2. multi-word terms known from the background table (pairs of words that go together in
   news: ``الغوطة الشرقية``); three words when two known pairs overlap or when the three
   words recur in the article (``منطقة خفض التوتر``);
3. sequences of two or three words repeated in the article whose words never occur apart
   in it (a new name: ``هتون الفاسي``);
4. every other content word, by lemma key.

A term replaces its fragments: the words inside ``برنامج القرض`` no longer count
for ``برنامج`` or ``القرض``, which keep only their occurrences outside it (and are
dropped when none is left). Each candidate is scored by

    score = weighted_count ** TF_EXPONENT × mean over its words of (idf ** IDF_EXPONENT × demotion) × bonus

* ``weighted_count``: occurrences, each weighted by its position: in sentence ``s``
  (counted from 0) an occurrence weighs ``1 + LEAD_WEIGHT / (1 + s)`` — the lead matters
  in news; a dateline (``دبي، الإمارات العربية المتحدة (CNN)--``) is not counted;
* ``idf``: specificity against a background of document frequencies
  (:mod:`analysis.keywords.background`), ``ln((N + 1) / (df + 1))``;
* ``demotion``: the factor of generic news vocabulary (reporting verbs, weekdays,
  months, titles, units …) from ``lexicons/keywords/generic.yaml``; 1 for other words;
* ``bonus``: :data:`NAME_BONUS` for names, :data:`TERM_BONUS` for other multi-word terms.

The constants were set on the ``keywords_dev`` sample of ``benchmarks/select_samples.py``
(headline recall, ``benchmarks/keywords.py``). Closed-class words
(``lexicons/text/stopwords.txt``) and one-letter keys are never keywords; demoted
words are kept as a last resort, so an article with a content word never gets an
empty list.

Example:
    >>> df = top_keywords("ضرب زلزال قوي جنوب إيران. وقال مسؤولون إن الزلزال دمر منازل في القرى.", n=3)
    >>> df.display.tolist()[0], int(df["count"].iloc[0])
    ('زلزال', 2)
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from typing import Any

import pandas as pd

import analysis.entities  # noqa: F401  (registers the gazetteer_hits layer read here)
from analysis.errors import LexiconError
from analysis.keywords.background import Background, load_background
from analysis.lexicons import load_yaml
from analysis.schemas import KEYWORDS
from analysis.text.document import Document, as_document
from analysis.text.lemmas import lemma_key
from analysis.text.lexicon import news_word_classes
from analysis.text.normalize import DISPLAY_STEPS, translation_table
from analysis.text.stopwords import stopword_keys
from analysis.text.tokens import Token

#: Rows returned by default.
DEFAULT_N = 10
#: Extra weight of an occurrence in the first sentence (``1 + LEAD_WEIGHT / (1 + s)`` in sentence ``s``).
LEAD_WEIGHT = 6.0
#: Exponent applied to the position-weighted count (> 1 favours repeated words).
TF_EXPONENT = 1.5
#: Exponent applied to the idf (< 1 tempers specificity: rare one-off words do not dominate).
IDF_EXPONENT = 0.5
#: Score factor of gazetteer names.
NAME_BONUS = 1.5
#: A repeated word sequence becomes a term when it occurs at least this often in the article.
MIN_TERM_COUNT = 2
#: Words demoted below this factor (reporting verbs, calendar words, fillers) never join a known term.
MIN_TERM_DEMOTION = 0.3
#: Longest repeated word sequence considered (gazetteer names may be longer).
MAX_TERM_WORDS = 3
#: Score factor of multi-word terms that are not names (known terms and repeated fixed sequences).
TERM_BONUS = 1.6
#: Generic vocabulary file (relative to ``analysis/lexicons``).
GENERIC_FILE = "keywords/generic.yaml"

_KINDS = frozenset({"word", "latin"})
#: A dateline opening the text: ``دبي، الإمارات العربية المتحدة (CNN)--``; its words are not keywords.
_DATELINE_RE = re.compile(r"\s*[^\n().«»\"]{1,60}\([^()\n]{1,30}\)\s*[-\u2013\u2014]+")
_DISPLAY_TABLE = translation_table(DISPLAY_STEPS - {"alef"})

_PANDAS_TYPES = {"int": "int64", "float": "float64", "str": "str"}
#: Columns of :func:`top_keywords` with their pandas types (:data:`analysis.schemas.KEYWORDS`).
COLUMNS: dict[str, str] = {c: _PANDAS_TYPES[t] for c, t in KEYWORDS.types}


# --------------------------------------------------------------------------- lexicon
@lru_cache(maxsize=1)
def demotion_weights() -> dict[str, float]:
    """Lemma key → score factor for generic news vocabulary (``lexicons/keywords/generic.yaml``).

    Raises:
        LexiconError: The file is malformed (names the file and the class).
    """
    data = load_yaml(GENERIC_FILE)
    if not isinstance(data, dict):
        raise LexiconError(f"{GENERIC_FILE}: expected a mapping of class name to settings")
    known = news_word_classes()
    out: dict[str, float] = {}
    for name, spec in data.items():
        if not isinstance(spec, dict):
            raise LexiconError(f"{GENERIC_FILE}: class {name!r} must be a mapping with a weight")
        weight = spec.get("weight")
        if not isinstance(weight, (int, float)) or not 0 < weight <= 1:
            raise LexiconError(f"{GENERIC_FILE}: class {name!r} needs a weight with 0 < weight <= 1, got {weight!r}")
        words: list[str] = []
        for included in spec.get("include") or []:
            if included not in known:
                raise LexiconError(f"{GENERIC_FILE}: class {name!r} includes unknown class {included!r} "
                                   f"of text/news_function_words.yaml (known: {sorted(known)})")
            words.extend(known[included])
        extra = spec.get("words") or []
        if not isinstance(extra, list) or not all(isinstance(w, str) for w in extra):
            raise LexiconError(f"{GENERIC_FILE}: class {name!r}: 'words' must be a list of words")
        words.extend(extra)
        if spec.get("from_calendar"):
            words.extend(_calendar_words())
        for word in words:
            for part in word.split():
                key = lemma_key(part)
                if key:
                    out[key] = min(out.get(key, 1.0), float(weight))
    return out


def _calendar_words() -> list[str]:
    """Month and weekday names of ``timex/calendar.yaml`` (every naming system)."""
    data = load_yaml("timex/calendar.yaml")
    words: list[str] = []
    try:
        for names in data["months"].values():
            for forms in names.values():
                words.extend(forms)
        for forms in data["weekdays"].values():
            words.extend(forms)
    except (KeyError, AttributeError, TypeError) as exc:
        raise LexiconError(f"timex/calendar.yaml: expected 'months' and 'weekdays' mappings ({exc})") from None
    return words


@lru_cache(maxsize=1)
def excluded_keys() -> frozenset[str]:
    """Keys never counted: the closed-class stopwords (``stopwords.txt``)."""
    return stopword_keys()


# --------------------------------------------------------------------------- candidates
@dataclass(slots=True)
class _Candidate:
    """One keyword candidate and its occurrences (token index ranges, in text order)."""

    key: str
    kind: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    weighted: float = 0.0


_FORMS: dict[str, str] = {}


def _word_form(t: Token) -> str:
    """The word as it would be written alone: one-letter proclitics dropped, ``لل`` → ``ال`` (cached per word).

    ``وللمعارضة`` → ``المعارضة``, ``بالقرض`` → ``القرض``; ``قواتهم`` stays as it is.
    """
    form = _FORMS.get(t.text)
    if form is None:
        plain = [p for p in t.proclitics if p != "ال"]
        if plain and plain[-1] == "ل" and len(plain) < len(t.proclitics):  # لل: the article's alef is not written
            form = "ا" + t.text[(t.splits[len(plain) - 2] if len(plain) >= 2 else 0) + 1:]
        else:
            form = t.text[t.splits[len(plain) - 1] if plain else 0:]
        if len(_FORMS) > 1 << 16:
            _FORMS.clear()
        form = _FORMS[t.text] = form.translate(_DISPLAY_TABLE)
    return form


def _sentence_of_tokens(doc: Document) -> list[int]:
    """Index of the sentence of every token of the document (tokens before the first sentence: 0)."""
    starts = doc.token_starts
    bounds = [0] + [bisect_left(starts, start) for start, _ in doc.sentence_spans[1:]] + [len(starts)]
    out: list[int] = []
    for s in range(len(bounds) - 1):
        out.extend([s] * max(bounds[s + 1] - bounds[s], 0))
    return out


@lru_cache(maxsize=4096)
def _name_key(canonical: str) -> str:
    """Key of a gazetteer entity: the lemma keys of its canonical name (``رجب طيب أردوغان`` → ``رجب طيب اردوغان``)."""
    return " ".join(k for k in (lemma_key(w) for w in canonical.split()) if k)


def _candidates(doc: Document, bg: Background) -> list[_Candidate]:
    """Every candidate of the article: names, known terms, repeated fixed sequences, then the other words."""
    tokens = doc.tokens
    n_tok = len(tokens)
    sentence = _sentence_of_tokens(doc)
    stop = excluded_keys()
    by_sentence = [1.0 + LEAD_WEIGHT / (1.0 + s) for s in range(sentence[-1] + 1)] if n_tok else []
    weights = [by_sentence[s] for s in sentence]
    keys = [t.key for t in tokens]
    content = [t.kind in _KINDS and len(k) >= 2 and k not in stop for t, k in zip(tokens, keys)]
    dateline = _DATELINE_RE.match(doc.text)
    if dateline:
        for k in range(bisect_left(doc.token_starts, dateline.end())):
            content[k] = False
    used = [False] * n_tok
    cands: dict[str, _Candidate] = {}

    def add(key: str, kind: str, i: int, j: int) -> None:
        cand = cands.get(key)
        if cand is None:
            cand = cands[key] = _Candidate(key, kind)
        cand.spans.append((i, j))
        cand.weighted += weights[i]
        for k in range(i, j):
            used[k] = True

    # 1. gazetteer names (not nisba adjectives): all mentions of one entity under one key
    starts = doc.token_starts
    for h in doc.gazetteer_hits:
        if h.key.form == "adjective":
            continue
        s, e = doc.matching.to_original(h.start, h.end)
        i = bisect_left(starts, s)
        if i > 0 and tokens[i - 1].end > s:
            i -= 1  # the name starts inside a token (after a proclitic): the token belongs to the name
        j = i
        while j < n_tok and tokens[j].start < e:
            j += 1
        if j == i or True in used[i:j] or True not in content[i:j]:  # lists of bools
            continue
        add(_name_key(h.key.entry.canonical) or tokens[i].key, "name", i, j)

    # 2. terms known from the background: two words, or three when both pairs are known; never with a
    #    strongly demoted word (وقالت مصادر, العام الماضي are not terms)
    demote = demotion_weights()
    termable = [c and demote.get(k, 1.0) >= MIN_TERM_DEMOTION for c, k in zip(content, keys)]
    known = bg.terms
    if known:
        pairs = [i for i in range(n_tok - 1) if termable[i] and termable[i + 1] and not used[i] and not used[i + 1]
                 and sentence[i] == sentence[i + 1] and keys[i] + " " + keys[i + 1] in known]

        def third(i: int) -> bool:
            j = i + 2
            return j < n_tok and termable[j] and not used[j] and sentence[j] == sentence[i]

        # a known pair grows into three words when the next pair is known too, or when the
        # three words recur in the article (منطقة خفض التوتر)
        triples = Counter(" ".join(keys[i:i + 3]) for i in pairs if third(i))
        after = 0  # the next token not taken by a term found here
        for i in pairs:
            if i < after:
                continue
            j = i + 2
            if third(i) and (keys[i + 1] + " " + keys[j] in known
                             or triples[" ".join(keys[i:j + 1])] >= MIN_TERM_COUNT):
                j += 1
            add(" ".join(keys[i:j]), "term", i, j)
            after = j

    # 3. repeated sequences whose words never occur apart in the article (new names: عائشة المانع), no
    #    strongly demoted word either
    free = [c and not u for c, u in zip(content, used)]
    alone = Counter(k for k, f in zip(keys, free) if f)
    repeated = [t and f and alone[k] >= MIN_TERM_COUNT for t, f, k in zip(termable, free, keys)]
    rep_at = list(compress(range(n_tok), repeated))
    run = _runs(rep_at, repeated, used, sentence)
    for size in range(MAX_TERM_WORDS, 1, -1):
        grams: dict[str, list[int]] = {}
        for i in rep_at:
            if run[i] >= size:  # size repeated, untaken words from i on, in one sentence
                grams.setdefault(" ".join(keys[i:i + size]), []).append(i)
        added = False
        for key, positions in grams.items():
            if len(positions) < MIN_TERM_COUNT or any(alone[w] != len(positions) for w in key.split(" ")):
                continue
            for i in positions:
                if True not in used[i:i + size]:
                    add(key, "phrase", i, i + size)
                    added = True
        if added:
            run = _runs(rep_at, repeated, used, sentence)

    # 4. every other content word
    for k in compress(range(n_tok), [c and not u for c, u in zip(content, used)]):
        key = keys[k]
        cand = cands.get(key)
        if cand is None:
            cand = cands[key] = _Candidate(key, "word")
        cand.spans.append((k, k + 1))
        cand.weighted += weights[k]
    for cand in cands.values():
        if cand.kind == "name":
            cand.spans.sort()  # a name may also have been found as a term or as words: keep text order
    return list(cands.values())


def _runs(at: list[int], repeated: list[bool], used: list[bool], sentence: list[int]) -> dict[int, int]:
    """For each index of ``at`` (the repeated words, ascending): how many words from it on are repeated, not
    taken by a candidate yet, and in its sentence."""
    run: dict[int, int] = {}
    n = len(repeated)
    for i in reversed(at):
        if used[i]:
            run[i] = 0
            continue
        j = i + 1
        run[i] = 1 + (run.get(j, 0) if j < n and repeated[j] and sentence[j] == sentence[i] else 0)
    return run


def _display(text: str, tokens: list[Token], c: _Candidate) -> str:
    """Most frequent written form of a candidate; ties go to the form seen first."""
    counts: dict[str, int] = {}
    for i, j in c.spans:  # in text order
        form = _word_form(tokens[i]) if j - i == 1 else _phrase_form(text, tokens, i, j)
        counts[form] = counts.get(form, 0) + 1  # dicts keep insertion order: the first seen wins ties
    return max(counts, key=counts.__getitem__)


def _phrase_form(text: str, tokens: list[Token], i: int, j: int) -> str:
    """Display form of tokens ``i..j-1``: the first word without one-letter proclitics, the rest as written."""
    first = _word_form(tokens[i])
    rest = text[tokens[i].end:tokens[j - 1].end].translate(_DISPLAY_TABLE)
    return " ".join((first + rest).split())


# --------------------------------------------------------------------------- scoring
def _score(c: _Candidate, bg: Background, demote: dict[str, float]) -> tuple[float, float, int, float]:
    """Score, idf, df and demotion of a candidate; a term scores as the mean of its words' scores, times a bonus."""
    tf = c.weighted ** TF_EXPONENT
    if " " not in c.key:  # one word: the common case
        idf = bg.idf(c.key)
        demotion = demote.get(c.key, 1.0)
        score = tf * idf ** IDF_EXPONENT * demotion
        return (score * NAME_BONUS if c.kind == "name" else score), idf, bg.df.get(c.key, 0), demotion
    keys = c.key.split(" ")
    idfs = [bg.idf(k) for k in keys]
    demotions = [demote.get(k, 1.0) for k in keys]
    score = tf * sum(i ** IDF_EXPONENT * d for i, d in zip(idfs, demotions)) / len(keys)
    score *= NAME_BONUS if c.kind == "name" else TERM_BONUS
    best = max(range(len(keys)), key=idfs.__getitem__)
    return score, idfs[best], bg.df.get(keys[best], 0), min(demotions)


def keyword_rows(text_or_document: "str | Document", n: int | None = DEFAULT_N, *,
                 background: Background | None = None) -> list[dict[str, Any]]:
    """The rows of :func:`top_keywords` as plain dicts (the ``keywords`` layer of a Document)."""
    doc = as_document(text_or_document)
    bg = background if background is not None else load_background()
    demote = demotion_weights()
    # (-score, first token, key, …): keys are unique, so the tuples sort best first without a key function
    scored = []
    idf_of, df_of, demotion_of = bg.idf, bg.df.get, demote.get
    for c in _candidates(doc, bg):
        key = c.key
        if " " in key:
            score, idf, df, demotion = _score(c, bg, demote)
        else:  # one word, the common case: _score inlined
            idf = idf_of(key)
            demotion = demotion_of(key, 1.0)
            score = c.weighted ** TF_EXPONENT * idf ** IDF_EXPONENT * demotion
            if c.kind == "name":
                score *= NAME_BONUS
            df = df_of(key, 0)
        scored.append((-score, c.spans[0][0], key, c, score, idf, df, demotion))
    tokens = doc.tokens
    scored.sort()
    if n is not None:
        scored = scored[:n]
    rows = []
    for rank, (_, _, _, c, score, idf, df, demotion) in enumerate(scored, start=1):
        display = _display(doc.text, tokens, c)
        rows.append({"rank": rank, "key": c.key, "display": display, "score": round(score, 6), "count": len(c.spans),
                     "first_offset": tokens[c.spans[0][0]].start, "n_words": len(display.split()), "kind": c.kind,
                     "weighted_count": round(c.weighted, 6), "idf": round(idf, 6), "df": df, "demotion": demotion})
    return rows


def keyword_frame(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Rows as a DataFrame with the typed columns of :data:`COLUMNS` (also when empty)."""
    rows = list(rows)
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in COLUMNS.items()})
    # plain lists (ints, floats and strs by construction) give the typed columns; copy=False halves the cost
    return pd.DataFrame({c: [r[c] for r in rows] for c in COLUMNS}, copy=False)


def top_keywords(text_or_document: "str | Document", n: int = DEFAULT_N, *,
                 background: Background | None = None) -> pd.DataFrame:
    """The ``n`` keywords that make one article distinctive, best first.

    Args:
        text_or_document: The article (a str or an :class:`analysis.text.document.Document`).
        n: Rows wanted (fewer when the article has fewer candidates).
        background: Document frequencies to weigh specificity against; default the table shipped
            with the package (:func:`analysis.keywords.background.load_background`).

    Returns:
        DataFrame, one row per keyword (columns of :data:`analysis.schemas.KEYWORDS`): ``rank``;
        ``key`` (lemma keys, space-joined for terms; a gazetteer name: the keys of its canonical
        name, so ``لافروف`` and ``سيرغي لافروف`` count together); ``display`` (most frequent
        written form, without one-letter proclitics; ties: the form seen first); ``score``;
        ``count`` (occurrences, outside longer terms); ``first_offset`` (start of the first
        occurrence in the text); the evidence behind the score: ``n_words`` (words of
        ``display``), ``kind`` (``name`` — a gazetteer name, ``term`` — a term known from the
        background, ``phrase`` — a repeated fixed sequence, or ``word``), ``weighted_count``
        (occurrences weighted by position), ``idf`` and ``df`` (background document frequency
        of the most specific word) and ``demotion`` (generic-vocabulary factor, 1 for ordinary
        words). Empty, with the same typed columns, when the text has no content word.

    Raises:
        ValueError: ``n`` is negative.
        LexiconError: A keyword lexicon or the background table is missing or malformed.

    Example:
        >>> df = top_keywords("قصفت الطائرات مدينة دير الزور. وتحاصر القوات دير الزور منذ أشهر.")
        >>> row = df.iloc[0]
        >>> row.display, row.key, row.kind, int(row["count"])
        ('دير الزور', 'دير زور', 'name', 2)
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    return keyword_frame(keyword_rows(text_or_document, n, background=background))
