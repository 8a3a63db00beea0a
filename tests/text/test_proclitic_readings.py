"""Proclitic readings of a word: the word itself, then each reading with a proclitic chain removed, longest first."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.text.clitics import PROCLITIC_CHAINS, proclitic_readings


@pytest.mark.parametrize(
    ("norm", "keep", "expected"),
    [
        # و+ب+ال, و+ب, و: every chain that is a prefix, longest first
        ("وبالمدنيين", 2, ("وبالمدنيين", "مدنيين", "المدنيين", "بالمدنيين")),
        # لل (ل + the article), then ل alone
        ("للموانئ", 2, ("للموانئ", "موانئ", "لموانئ")),
        # ب would leave two letters: not a reading when three must stay
        ("بلد", 3, ("بلد",)),
        ("بلد", 2, ("بلد", "لد")),
        # the future س is never removed here
        ("سيعلن", 2, ("سيعلن",)),
        # no proclitic at all
        ("مدنيين", 2, ("مدنيين",)),
    ],
)
def test_proclitic_readings_cases(norm: str, keep: int, expected: tuple[str, ...]) -> None:
    assert proclitic_readings(norm, keep) == expected


def _readings_by_definition(norm: str, keep: int) -> tuple[str, ...]:
    """The readings as the docstring defines them: one per written chain (no future س), longest chain first."""
    chains = sorted({written for parts, written, _ in PROCLITIC_CHAINS if written and "س" not in parts},
                    key=lambda w: (-len(w), w))
    out = [norm] + [norm[len(c):] for c in chains if norm.startswith(c) and len(norm) - len(c) >= keep]
    return tuple(dict.fromkeys(out))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="وفبكلالسمدن", min_size=0, max_size=8), st.integers(min_value=0, max_value=4))
def test_proclitic_readings_follow_the_definition(norm: str, keep: int) -> None:
    assert proclitic_readings(norm, keep) == _readings_by_definition(norm, keep)
