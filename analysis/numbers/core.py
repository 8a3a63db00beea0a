"""Shared pieces of the number parser: the quantity core, phrase indexes, small word lists.

A :class:`Core` is one quantity while it is being read: its tokens, offsets,
exact value (a ``Fraction``), kind, hedge and role; :mod:`analysis.numbers`
builds cores, :mod:`analysis.numbers.roles` and :mod:`analysis.numbers.ranges`
annotate and join them, and :func:`analysis.numbers.find_numbers` turns them
into :class:`analysis.numbers.NumberMention` objects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from analysis.errors import LexiconError
from analysis.lexicons import lexicon_path, load_yaml
from analysis.numbers.grammar import CARD_KINDS
from analysis.numbers.lexicons import hedges, percent_markers, ranges, relative_ordinals, roles
from analysis.numbers.tokens import PhraseIndex, Token
from analysis.text.normalize import normalize_for_matching


class Core:
    """One quantity while it is read.

    Token span ``[ts, te)``, mention span ``[hs, he)`` with hedges, offsets, exact value, kind, hedge, role.
    """
    __slots__ = ("ts", "te", "start", "end", "value", "kind", "magnitude", "counted", "relative",
                 "role", "percent", "tail_scale", "leading_zero", "first_joined", "hedge",
                 "q_start", "q_end", "hs", "he", "opener", "low", "high", "definite_number", "chain")

    def __init__(self, ts: int, te: int, start: int, end: int, value: Fraction | None, kind: str) -> None:
        self.ts = ts
        self.te = te
        self.start = start
        self.end = end
        self.value = value
        self.kind = kind
        self.magnitude: str | None = None
        self.counted: str | None = None
        self.relative: str | None = None
        self.role: str | None = None
        self.percent = False
        self.tail_scale = 0
        self.leading_zero = False
        self.first_joined = False
        self.hedge = "exact"
        self.q_start: int | None = None
        self.q_end: int | None = None
        self.hs = ts  # first token of the whole mention (hedges included)
        self.he = te
        self.opener: tuple[int, int] | None = None
        self.definite_number = False
        self.chain = False
        self.low: Fraction | None = None
        self.high: Fraction | None = None


def merge_neighbours(cores: list[Core], merge: Callable[[Core, Core], Core | None]) -> list[Core]:
    """Replace each pair of neighbouring cores that ``merge`` joins by the joined core (left to right).

    A core joined with its right neighbour is not tried again with the next one; cores ``merge``
    leaves alone pass through unchanged.
    """
    out: list[Core] = []
    i = 0
    while i < len(cores):
        merged = merge(cores[i], cores[i + 1]) if i + 1 < len(cores) else None
        if merged is not None:
            out.append(merged)
            i += 2
        else:
            out.append(cores[i])
            i += 1
    return out


@lru_cache(maxsize=1)
def phrase_indexes() -> dict[str, PhraseIndex]:
    """Phrase indexes over the lexicons, built once.

    Hedges, percent markers, range openers, two-word months, relative ordinals.
    """
    hl = hedges()
    pm = percent_markers()
    rl = ranges()
    return {
        "hedge_before": PhraseIndex(list(hl.before)),
        "hedge_after": PhraseIndex(list(hl.after)),
        "reach": PhraseIndex([(p, "at_most") for p in hl.reach_up_to]),
        "percent_after": PhraseIndex([(p, None) for p in pm.after]),
        "percent_before": PhraseIndex([(p, None) for p in pm.before]),
        "openers": PhraseIndex([(p, j) for p, j in rl.openers]),
        "months2": PhraseIndex([(p, None) for p in roles().months_two_words]),
        "relative": PhraseIndex(list(relative_ordinals())),
    }


@dataclass(frozen=True)
class ExtraWords:
    """Small word lists of number_words.yaml and roles.yaml used by this module (normalized)."""

    one_not_after: frozenset[str]
    over_words: frozenset[str]
    part_words: frozenset[str]
    singular_denominators: dict[str, int]
    one_and_fraction_nouns: frozenset[str]
    age_units: frozenset[str]
    fraction_of_definite: dict[str, int]
    count_words: frozenset[str]
    vague_orders: dict[str, str]
    context_particles: frozenset[str]

    @property
    def tail_words(self) -> frozenset[str]:
        """Words after a number that may continue it as a fraction (على، جزء من، من كل)."""
        return self.over_words | self.part_words | {"من"}


@lru_cache(maxsize=1)
def extra_words() -> ExtraWords:
    """The small word lists of number_words.yaml and roles.yaml, normalized, loaded once."""
    data = load_yaml("numbers/number_words.yaml")
    role_data = load_yaml("numbers/roles.yaml")

    def words(values: object) -> frozenset[str]:
        return frozenset(normalize_for_matching(str(w)) for w in (values or []))  # type: ignore[attr-defined]

    for key, kind in (("vague", dict), ("context_particles", list)):
        if not isinstance(data.get(key), kind):
            raise LexiconError(f"{lexicon_path('numbers/number_words.yaml')}: '{key}' must be a {kind.__name__}")

    return ExtraWords(
        one_not_after=words(data.get("one_not_after")),
        over_words=words(data.get("over_words")),
        part_words=words(data.get("part_words")),
        singular_denominators={normalize_for_matching(k): int(v)
                               for k, v in (data.get("singular_denominators") or {}).items()},
        one_and_fraction_nouns=words(data.get("one_and_fraction_nouns")),
        age_units=words(role_data.get("age_units")),
        fraction_of_definite={normalize_for_matching(k): int(v)
                              for k, v in (data.get("fraction_of_definite") or {}).items()},
        count_words=words(data.get("count_words")),
        vague_orders={normalize_for_matching(k): str(v) for k, v in (data.get("vague") or {}).items()
                      if v not in ("few", "several")},
        context_particles=words(data.get("context_particles")),
    )


def starts_number(toks: list[Token], i: int) -> bool:
    """True when token ``i`` is a digit run or a number word (it could start a quantity)."""
    if i >= len(toks):
        return False
    t = toks[i]
    if t.kind == "num":
        return True
    return t.kind == "word" and any(m.info.kind in CARD_KINDS for m in t.matches())


LOW_Q = ("more_than", "at_least")


HIGH_Q = ("less_than", "at_most")
