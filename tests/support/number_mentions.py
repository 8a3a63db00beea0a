"""Shared helper of the number tests: the one mention of a sentence with a given text."""

from __future__ import annotations

from analysis.numbers import NumberMention, find_numbers


def only_mention(sentence: str, text: str) -> NumberMention:
    """The single mention whose text is ``text`` (and check the span invariant for all)."""
    ms = find_numbers(sentence)
    for m in ms:
        assert sentence[m.start:m.end] == m.text
    hits = [m for m in ms if m.text == text]
    assert len(hits) == 1, f"{text!r} not found once in {[(m.text, m.value) for m in ms]}"
    return hits[0]
