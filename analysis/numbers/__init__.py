"""Numbers and quantities in Arabic text: :func:`find_numbers` (see :mod:`analysis.numbers.parser`).

Layer: depends on :mod:`analysis.text` and the lexicons only.
"""

from analysis.numbers.parser import NumberMention, NumberParseError, find_numbers
from analysis.numbers.words import NumberWordsError, to_words

__all__ = ["NumberMention", "NumberParseError", "NumberWordsError", "find_numbers", "to_words"]
