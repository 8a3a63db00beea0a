"""Background document frequencies of lemma keys: how common a word is across news.

``top_keywords`` weighs a key by how *specific* it is to an article: a key found
in almost every article of a news archive (``قال``, ``عام``, ``رئيس``) tells
little, one found in a few (``زلزال``, ``قرض``) a lot. The shipped table
(``analysis/lexicons/keywords/background_df.csv``) holds aggregated counts only:
for each lemma key, the number of archive articles containing it, and the
number of articles counted. No sentence or word sequence of any article is in
it.

Rebuild it from any archive an analyst has (files, folders, ``.tar.gz``/``.zip``;
:func:`build_background` does the counting)::

    python -m analysis background corpus.tar.gz --out my_background.csv

and pass it on with ``top_keywords(text, background=load_background("my_background.csv"))``.

Example:
    >>> bg = Background.from_counts(4, {"قصف": 1, "قال": 4})
    >>> round(bg.idf("قصف"), 3), bg.idf("قال")  # ln(5/2); a key in every article weighs nothing
    (0.916, 0.0)
    >>> bg.idf("زلزال") == bg.idf_unseen
    True
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analysis.errors import AnalysisError, LexiconError
from analysis.lexicons import lexicon_path
from analysis.text.stopwords import stopword_keys
from analysis.text.tokens import tokenize

#: The shipped table (relative to ``analysis/lexicons``).
BACKGROUND_FILE = "keywords/background_df.csv"
#: Keys found in fewer articles are left out of a written table (they count as unseen).
MIN_DF = 2
#: A pair of adjacent content words is a known term when it is in at least TERM_MIN_DF articles ...
TERM_MIN_DF = 5
#: ... and in at least this share of the articles of its rarer word (``الغوطة الشرقية``, ``هجوم انتحاري``).
TERM_MIN_SHARE = 0.25
_KINDS = frozenset({"word", "latin"})
_HEADER = "key,df"


class BackgroundError(AnalysisError):
    """A background table cannot be built (no article) or read."""


@dataclass(frozen=True)
class Background:
    """Document frequencies of lemma keys over ``documents`` articles.

    Attributes:
        documents: Articles counted.
        df: Key → number of those articles containing it (single keys, and the known terms).
        terms: Known multi-word terms: pairs of keys joined by a space (``غوط شرقي``).
        source: Where the table came from (file path or ``"counts"``).
    """

    documents: int
    df: Mapping[str, int]
    source: str = "counts"
    terms: frozenset[str] = frozenset()
    _idf: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_counts(cls, documents: int, df: Mapping[str, int], source: str = "counts") -> "Background":
        """A background from counts (``documents`` ≥ 1); keys with a space are pairs of words.

        Pairs are kept as known terms when they pass :func:`is_term`; other pairs are dropped.
        """
        if documents < 1:
            raise BackgroundError(f"a background needs at least one document, got {documents}")
        single = {k: v for k, v in df.items() if " " not in k}
        terms = {k: v for k, v in df.items() if " " in k and is_term(v, *(single.get(w, 0) for w in k.split(" ")))}
        return cls(documents, {**single, **terms}, source, frozenset(terms))

    @property
    def idf_unseen(self) -> float:
        """Inverse document frequency of a key not in the table: ``ln((N + 1) / 1)``."""
        return math.log(self.documents + 1)

    def idf(self, key: str) -> float:
        """Smoothed inverse document frequency ``ln((N + 1) / (df + 1))`` (0 for a key in every article)."""
        value = self._idf.get(key)
        if value is None:
            value = self._idf[key] = math.log((self.documents + 1) / (self.df.get(key, 0) + 1))
        return value


def is_term(pair_df: int, left_df: int, right_df: int) -> bool:
    """Whether a pair of words is a fixed term: frequent enough, and found with its rarer word often enough.

    Example:
        >>> is_term(30, 40, 2000), is_term(30, 400, 2000), is_term(3, 3, 3)
        (True, False, False)
    """
    rarer = min(left_df, right_df)
    return pair_df >= TERM_MIN_DF and rarer > 0 and pair_df / rarer >= TERM_MIN_SHARE


def document_keys(text: str) -> set[str]:
    """The distinct lemma keys of an article's words (Arabic and Latin), and its pairs of adjacent content words.

    A pair is two consecutive words, neither a closed-class stopword nor a one-letter key, with
    nothing between them but spaces (``الغوطة الشرقية`` → ``غوط شرقي``).
    """
    stop = stopword_keys()
    keys: set[str] = set()
    prev = ""
    for t in tokenize(text):
        if t.kind in _KINDS and t.key:
            keys.add(t.key)
            if len(t.key) >= 2 and t.key not in stop:
                if prev:
                    keys.add(prev + " " + t.key)
                prev = t.key
                continue
        prev = ""
    return keys


def build_background(articles: Iterable[object], *, exclude_ids: Iterable[str] = ()) -> Background:
    """Count document frequencies over articles (objects with ``.text`` and ``.doc_id``, e.g. ``Article``).

    Each distinct article body is counted once (repeated bodies are skipped). Articles whose
    ``doc_id`` is in ``exclude_ids`` are left out, and so is every copy of their body
    under another id, so a held-out sample stays unseen. Items without a ``.text``
    string (load problems reported by :func:`analysis.corpus.iter_articles`) are skipped.

    Raises:
        BackgroundError: No article was counted.

    Example:
        >>> from types import SimpleNamespace as A
        >>> bg = build_background([A(doc_id="a", text="قصفت الطائرات المدينة"), A(doc_id="b", text="قصف جديد"),
        ...                        A(doc_id="c", text="قصف جديد")], exclude_ids={"c"})
        >>> bg.documents, bg.df["قصف"]
        (1, 1)
    """
    excluded = set(exclude_ids)
    bodies: dict[str, set[str]] = {}
    dropped: set[str] = set()
    for art in articles:
        text = getattr(art, "text", None)
        if not isinstance(text, str):
            continue
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()  # = Article.content_hash
        if getattr(art, "doc_id", None) in excluded:
            dropped.add(digest)
            continue
        if digest not in bodies:
            bodies[digest] = document_keys(text)
    df: Counter[str] = Counter()
    n = 0
    for digest, keys in bodies.items():
        if digest in dropped:
            continue
        n += 1
        df.update(keys)
    if n == 0:
        raise BackgroundError("no article counted: cannot build a background table")
    return Background.from_counts(n, df, source="built")


def background_csv(bg: Background, *, min_df: int = MIN_DF, comment: str = "") -> str:
    """The table as CSV text: comment lines, ``# documents: N``, then ``key,df`` sorted by df (desc) then key.

    Single keys found in at least ``min_df`` articles, and the known terms (keys with a space).
    """
    out = io.StringIO()
    for line in comment.splitlines():
        out.write(f"# {line}\n" if line else "#\n")
    out.write(f"# documents: {bg.documents}\n")
    out.write(_HEADER + "\n")
    writer = csv.writer(out, lineterminator="\n")
    for key, count in sorted(bg.df.items(), key=lambda kv: (-kv[1], kv[0])):
        if count >= min_df and (" " not in key or key in bg.terms):
            writer.writerow([key, count])
    return out.getvalue()


def write_background(bg: Background, path: str | os.PathLike[str], *, min_df: int = MIN_DF,
                     comment: str = "") -> Path:
    """Write the table (see :func:`background_csv`); returns the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(background_csv(bg, min_df=min_df, comment=comment), encoding="utf-8")
    return target


def read_background(path: str | os.PathLike[str]) -> Background:
    """Read a table written by :func:`write_background`.

    Raises:
        LexiconError: The file is missing, lacks ``# documents: N`` or the ``key,df`` header, or has a bad row
            (the message names the file and line).
    """
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LexiconError(f"{p}: cannot read background table ({exc})") from exc
    documents = None
    df: dict[str, int] = {}
    header_seen = False
    for lineno, line in enumerate(lines, start=1):
        if line.startswith("#"):
            body = line[1:].strip()
            if body.startswith("documents:"):
                try:
                    documents = int(body.split(":", 1)[1])
                except ValueError:
                    raise LexiconError(f"{p}:{lineno}: bad document count {body!r}") from None
            continue
        if not line.strip():
            continue
        if not header_seen:
            if line.strip() != _HEADER:
                raise LexiconError(f"{p}:{lineno}: expected the header {_HEADER!r}, got {line!r}")
            header_seen = True
            continue
        key, sep, count = line.rpartition(",")
        try:
            value = int(count)
        except ValueError:
            value = -1
        if not sep or not key or value < 0:
            raise LexiconError(f"{p}:{lineno}: expected 'key,df' with a non-negative integer df, got {line!r}")
        df[key] = value
    if documents is None or documents < 1:
        raise LexiconError(f"{p}: missing '# documents: N' line (N >= 1)")
    if not header_seen:
        raise LexiconError(f"{p}: missing the {_HEADER!r} header")
    if df and max(df.values()) > documents:
        raise LexiconError(f"{p}: a df exceeds the document count {documents}")
    return Background(documents, df, str(p), frozenset(k for k in df if " " in k))


@lru_cache(maxsize=1)
def shipped_background() -> Background:
    """The table shipped with the package (cached)."""
    return read_background(lexicon_path(BACKGROUND_FILE))


def load_background(path: str | os.PathLike[str] | None = None) -> Background:
    """The shipped table (``path`` None) or one rebuilt by ``python -m analysis background``."""
    return shipped_background() if path is None else read_background(path)
