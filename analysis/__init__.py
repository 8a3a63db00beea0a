"""Arabic news analysis: articles, text, numbers, entities, quotes and claims.

Subpackages by layer (each imports only from the layers above it in this list):

=====================  ==========================================================
``analysis.lexicons``  data files (word lists, gazetteer, units …) and their loaders
``analysis.text``      normalization, tokens with clitics and lemma keys, sentences
``analysis.numbers``   numbers in digits and words, hedges, ranges
``analysis.entities``  gazetteer matching and candidate names
``analysis.timex``     time expressions resolved to ISO dates
``analysis.attribution`` quotation spans, reporting verbs, who says what
``analysis.claims``    quantitative claims with unit, category, source
``analysis.keywords``  keyword frequencies and distinctive terms
``analysis.corpus``    loading articles from files, folders and archives
``analysis.document``  :class:`~analysis.document.Document`: one article, every layer
``analysis.pipeline``  corpus runs: per-article rows, runner, tables, aggregates
``analysis.viz``       Arabic labels in figures, chart helpers, RTL HTML
=====================  ==========================================================
"""

from analysis import _moved

__version__ = "0.1.0"

_moved.install()
