"""The word that governs a quantity: what happened to what was counted, read from the word it depends on.

A claim's event and category come from the verb or noun whose argument the
counted noun is, not from any event word in the sentence: in ``أطلقت الوزارة
حملة لتطعيم 200 ألف طفل`` the children are vaccinated (``تطعيم``), whatever else
the sentence says; in ``وجهت إليه 6 تهم بالقتل`` the killing qualifies the charges.

:func:`find_governor` walks back from the quantity inside its clause:

* prepositions, hedges, rate words and other ``transparent`` words are passed;
* definite nouns, names and nisba adjectives are passed as the verb's subject or
  object (``اعتقلت الشرطة 20 شخصاً`` → ``اعتقلت``);
* a container (``قافلة تضم 20 مركبة``) passes one more noun, its own;
* an event word (``events.csv``) governs: its event and category, unless a
  sense rule of ``event_senses.csv`` says otherwise (``تقدم 15 نائباً بطلب`` is
  "applied", not "advanced");
* a noun of measure (``مساحة``، ``مدى``) governs as "measured", category other;
* a number of an earlier quantity means a list (``4 دبابات و7 مدرعات``): its governor;
* any other word governs unknown: the claim's category falls back on the counted noun.

Word lists are data: ``analysis/lexicons/claims/grammar.yaml`` and ``event_senses.csv``.

Example:
    >>> from analysis.text import tokenize
    >>> toks = tokenize("أطلقت الوزارة حملة لتطعيم 200 ألف طفل")
    >>> g = find_governor(toks, 4, 0, {})
    >>> (g.kind, g.index)
    ('unknown', 3)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from analysis.claims.grammar import grammar_words
from analysis.claims.units import EventEntry, event_at
from analysis.errors import LexiconError
from analysis.lexicons import load_csv
from analysis.text.clitics import is_definite, proclitic_readings
from analysis.text.normalize import normalize_for_matching
from analysis.text.tokens import Token

#: Longest walk back from a quantity, in tokens.
MAX_STEPS = 16
_PUNCT_KINDS = frozenset({"punctuation", "symbol"})
_QUOTE_OPENERS = frozenset("«\"“")


@dataclass(frozen=True)
class Governor:
    """What a quantity depends on.

    Attributes:
        kind: ``event`` (an event word), ``measure`` (a noun of measure), ``list`` (an earlier quantity
            of the same list), ``unknown`` (a word that is neither) or ``none`` (nothing in the clause).
        index: Token index of the governing word (``-1`` for ``none``).
        event, category: The event key and category (``event`` and ``measure`` kinds, and ``list`` when
            the earlier quantity had them).
    """

    kind: str
    index: int
    event: str | None = None
    category: str | None = None


NONE = Governor("none", -1)


@dataclass(frozen=True)
class _Sense:
    event: str
    category: str
    next_words: tuple[str, ...]


@lru_cache(maxsize=1)
def event_senses() -> dict[str, tuple[_Sense, ...]]:
    """``event_senses.csv``: event key → the other senses of its words and when they apply.

    A sense applies when the first word after the quantity's counted noun starts with one of
    ``next_words`` (``تقدم 15 نائباً بطلب`` → "applied").

    Raises:
        LexiconError: A row lacks a field.
    """
    out: dict[str, list[_Sense]] = {}
    for i, row in enumerate(load_csv("claims/event_senses.csv"), start=2):
        if not all((row.get(k) or "").strip() for k in ("event", "sense_event", "sense_category", "next_words")):
            raise LexiconError(f"claims/event_senses.csv row {i}: every field is needed")
        words = tuple(normalize_for_matching(w.strip()) for w in row["next_words"].split("|") if w.strip())
        out.setdefault(row["event"].strip(), []).append(
            _Sense(row["sense_event"].strip(), row["sense_category"].strip(), words))
    return {k: tuple(v) for k, v in out.items()}


def _in(word: str, name: str) -> bool:
    words = grammar_words(name)
    return any(v in words for v in proclitic_readings(word))


def _definite(tok: Token) -> bool:
    """Written with the article, maybe after و/ف and ب/ك, or with the fused لل."""
    return is_definite(tok.norm)


def sense_of(entry: EventEntry, tokens: list[Token], after_noun: int) -> tuple[str, str]:
    """The event and category of an event word in context (its first sense when no rule applies)."""
    senses = event_senses().get(entry.event, ())
    if senses and after_noun < len(tokens) and tokens[after_noun].kind == "word":
        nxt = tokens[after_noun].norm
        for s in senses:
            if nxt.startswith(s.next_words):
                return s.event, s.category
    return entry.event, entry.category


def _accusative(tok: Token) -> bool:
    """An adverb or adjective in the accusative (``داخلياً``، ``رجلاً``): written with tanwin fath."""
    return tok.text.endswith(("\u064b", "\u064bا", "ا\u064b"))


def _measures(tokens: list[Token], j: int, first: int) -> bool:
    """A noun of measure governs when it measures something named after it (``مساحة البلاد``، ``مدى الصاروخ``,
    ``مساحتها``) or the quantity right after it, in digits or words (``على بعد 60``، ``بارتفاع 300``،
    ``على ارتفاع مئتين وخمسين ألف قدم``)."""
    if j + 1 == first and (tokens[first].kind == "number" or tokens[j].proclitics[:1] != ("و",)):
        return True  # not: سيطرت على 12 قرية ومساحة تزيد على 300 كيلومتر مربع (a second object of سيطرت)
    if tokens[j].enclitic:
        return True
    nxt = tokens[j + 1]
    return nxt.kind == "word" and _definite(nxt)


def _count_noun_target(tokens: list[Token], j: int) -> Governor | None:
    """After a noun of counting (``عدد``، ``حصيلة``), the noun it counts decides: ``عدد النازحين``."""
    k = j + 1
    if k >= len(tokens) or tokens[k].kind != "word":
        return None
    hit = event_at(tokens, k)
    if hit is not None:
        return Governor("event", k, hit.payload.event, hit.payload.category)
    return None


def find_governor(tokens: list[Token], first: int, lo: int, earlier: dict[int, Governor], *,
                  passable: frozenset[int] | set[int] = frozenset(), after_noun: int | None = None) -> Governor:
    """The governor of the quantity starting at token ``first``, looked for back to token ``lo``.

    Args:
        tokens: The document's tokens.
        first: Index of the quantity's first token (its hedge included).
        lo: First token of the clause or sentence; the walk stops there.
        earlier: Governors of earlier quantities, by the index of any of their tokens (lists).
        passable: Indexes of tokens passed like definite nouns: inside known names, or inside
            earlier numbers that are not claims (an age, a duration).
        after_noun: Index of the token after the quantity's counted noun (for sense rules).
    """
    j = first - 1
    container = False
    in_phrase = False  # the token after j (already passed) belongs to a noun phrase
    steps = 0
    while j >= lo and steps < MAX_STEPS:
        tok = tokens[j]
        steps += 1
        g = earlier.get(j)
        if g is not None:  # a member of a list before: '4 دبابات و7 مدرعات'
            return Governor("list", j, g.event, g.category)
        if j in passable:
            j -= 1
            in_phrase = True
            continue
        if tok.kind in _PUNCT_KINDS:
            if tok.text in _QUOTE_OPENERS or tok.text in "-–/()":
                j -= 1
                continue
            return NONE
        if tok.kind == "number":
            return NONE
        if tok.kind != "word":
            j -= 1
            continue
        if tok.norm in grammar_words("clause_openers"):
            return NONE  # أن، إن: the reported clause starts here
        if _in(tok.norm, "measure_nouns") and _measures(tokens, j, first):
            return Governor("measure", j, "measured", "other")
        hit = event_at(tokens, j)
        if hit is not None:
            event, category = sense_of(hit.payload, tokens, after_noun if after_noun is not None else first + 1)
            return Governor("event", j, event, category)
        if _in(tok.norm, "count_nouns"):
            target = _count_noun_target(tokens, j)
            if target is not None:
                return target
            in_phrase = False
        elif _in(tok.norm, "containers"):
            container = True
            in_phrase = False
        elif _in(tok.norm, "transparent"):
            in_phrase = False
        elif _definite(tok) or _accusative(tok):
            in_phrase = True  # the verb's subject or object, an adjective or adverb: the governor is further back
        elif in_phrase:
            in_phrase = False  # the head of a construct (قوات الأمن): part of the same noun phrase
        elif tokens[j + 1].proclitics[:1] == ("و",) or tokens[j + 1].norm == "و":
            pass  # a noun coordinated with what follows (مدفعين وعربتين): the list's governor is further back
        elif _in(tok.norm, "measure_nouns"):
            pass  # a measure that is itself the object (ومساحة تزيد على 300 كيلومتر مربع)
        elif container:
            container = False  # the container itself (قافلة تضم): its governor decides
        elif j - 1 >= lo and _in(tokens[j - 1].norm, "place_prepositions"):
            j -= 2  # a prepositional phrase (في سجونه): the governor is further back
            in_phrase = False
            continue
        else:
            phrase = event_at(tokens, j - 1) if j - 1 >= lo else None
            if phrase is not None and phrase.length > 1:  # the end of an event phrase (حصدت أرواح، أودى بحياة)
                event, category = sense_of(phrase.payload, tokens, after_noun if after_noun is not None else first + 1)
                return Governor("event", j - 1, event, category)
            return Governor("unknown", j)
        j -= 1
    return NONE
