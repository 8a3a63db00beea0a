"""Article overview: size counts and a per-sentence table (notebook 01).

Example:
    >>> from analysis.corpus import load_seeds
    >>> counts = article_counts(load_seeds()[0].text)
    >>> counts["sentences"] > 20
    True
"""

from __future__ import annotations

import pandas as pd

from analysis.text import split_paragraphs, split_sentences, tokenize

WORD_KINDS = frozenset({"word", "number", "latin"})


def _word_count(text: str) -> int:
    return sum(1 for t in tokenize(text) if t.kind in WORD_KINDS)


def sentence_table(text: str) -> pd.DataFrame:
    """One row per sentence: ``sentence_index, start, end, words, sentence``.

    ``text[start:end]`` is the sentence; ``words`` counts word, number and Latin tokens.
    """
    rows = []
    for i, s in enumerate(split_sentences(text)):
        rows.append({"sentence_index": i, "start": s.start, "end": s.end,
                     "words": _word_count(s.text), "sentence": s.text})
    return pd.DataFrame(rows, columns=["sentence_index", "start", "end", "words", "sentence"])


def article_counts(text: str) -> dict[str, int]:
    """Characters, words, sentences and paragraphs of an article."""
    return {
        "characters": len(text),
        "words": _word_count(text),
        "sentences": len(split_sentences(text)),
        "paragraphs": len(split_paragraphs(text)),
    }


def words_per_sentence_figure(table: pd.DataFrame, *, title: str, source: str | None = None):
    """Bar chart of words per sentence in reading order (sentence 1 first), with the mean."""
    import matplotlib.pyplot as plt

    from analysis.viz.display import add_source_note, label

    fig, ax = plt.subplots(figsize=(9, 4))
    x = table["sentence_index"] + 1
    ax.bar(x, table["words"], color="#4C72B0", width=0.8)
    mean = float(table["words"].mean())
    ax.axhline(mean, color="#C44E52", linestyle="--", linewidth=1)
    ax.text(x.max() + 0.4, mean, f"mean {mean:.1f}", va="bottom", ha="right", fontsize=9, color="#C44E52")
    ax.set_xlabel(label("رقم الجملة (sentence number)"))
    ax.set_ylabel(label("عدد الكلمات (words)"))
    ax.set_title(title)
    ax.set_xlim(0.3, x.max() + 0.7)
    if source:
        add_source_note(fig, source)
    fig.tight_layout()
    return fig
