"""Arabic text core: the public facade.

Re-exports normalization steps, sentence and paragraph splitting, the
clitic-aware tokenizer, lemma keys and stopwords from their small modules, so
analysts import one place::

    from analysis.text import normalize, split_sentences, tokenize, lemma_key
"""

from __future__ import annotations

from analysis.text.clitics import Segmentation, segment
from analysis.text.lemmas import lemma_key, nisba_country
from analysis.text.normalize import (
    NormalizedText,
    alef_maqsura_to_yaa,
    normalize,
    normalize_digits,
    normalize_for_matching,
    normalize_punctuation,
    normalize_with_offsets,
    remove_diacritics,
    remove_invisible,
    remove_tatweel,
    repair_presentation,
    taa_marbuta_to_haa,
    unify_alef,
)
from analysis.text.sentences import Sentence, split_paragraphs, split_sentences
from analysis.text.stopwords import is_stopword, stopword_classes, stopword_keys
from analysis.text.tokens import Token, analyze_word, iter_word_keys, tokenize

__all__ = [
    "NormalizedText",
    "Segmentation",
    "Sentence",
    "Token",
    "alef_maqsura_to_yaa",
    "analyze_word",
    "is_stopword",
    "iter_word_keys",
    "lemma_key",
    "nisba_country",
    "normalize",
    "normalize_digits",
    "normalize_for_matching",
    "normalize_punctuation",
    "normalize_with_offsets",
    "remove_diacritics",
    "remove_invisible",
    "remove_tatweel",
    "repair_presentation",
    "segment",
    "split_paragraphs",
    "split_sentences",
    "stopword_classes",
    "stopword_keys",
    "taa_marbuta_to_haa",
    "tokenize",
    "unify_alef",
]
