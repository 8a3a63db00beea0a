"""Cached loaders for the text-core lexicons in ``analysis/lexicons/text/``.

Every loader returns forms normalized for matching (diacritics, tatweel and
alef variants removed, ``ى→ي``, ``ة→ه``), so callers compare like with like.
The files are documented in ``analysis/lexicons/text/README.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from analysis.errors import LexiconError
from analysis.lexicons import lexicon_path, load_csv, load_wordlist, load_yaml
from analysis.text.names import name_forms as gazetteer_name_forms
from analysis.text.normalize import DISPLAY_STEPS, normalize_for_matching, translation_table

#: Table for the "segmentation form": display-safe normalization (keeps ``ة`` and
#: ``ى``, which tell taa marbuta and alef maqsura from the pronoun ``ه`` and ``ي``).
SEG_TABLE: dict[int, str] = translation_table(DISPLAY_STEPS)
#: From the segmentation form to the matching form (same length).
MATCH_EXTRA: dict[int, str] = str.maketrans({"ى": "ي", "ة": "ه"})


def _norm_set(words: frozenset[str]) -> frozenset[str]:
    return frozenset(normalize_for_matching(w) for w in words)


@lru_cache(maxsize=1)
def stopword_forms() -> frozenset[str]:
    """Closed-class function words (bare, without clitics), matching form."""
    return _norm_set(load_wordlist("text/stopwords.txt"))


@cache
def closed_class_words(key: str) -> frozenset[str]:
    """A word list of ``text/closed_class.yaml``, each entry as written and in matching form.

    Example:
        >>> "الذي" in closed_class_words("not_definite")
        True

    Raises:
        LexiconError: The file is missing or malformed, or ``key`` is not a list of words in it.
    """
    name = "text/closed_class.yaml"
    data = load_yaml(name)
    words = data.get(key) if isinstance(data, dict) else None
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise LexiconError(f"{lexicon_path(name)}: '{key}' must be a list of words")
    return frozenset(words) | frozenset(normalize_for_matching(w) for w in words)


@lru_cache(maxsize=1)
def protected_words() -> tuple[frozenset[str], frozenset[str], tuple[int, ...]]:
    """Do-not-split list: (exact words, stem prefixes, prefix lengths).

    Lines ending with ``*`` in ``protected.txt`` protect every word starting with
    that stem (``وزار*`` covers ``وزارة``, ``وزارات``).
    """
    exact: set[str] = set()
    stems: set[str] = set()
    for entry in load_wordlist("text/protected.txt"):
        if entry.endswith("*"):
            stem = normalize_for_matching(entry[:-1])
            if len(stem) < 3:
                raise LexiconError(f"text/protected.txt: stem {entry!r} shorter than 3 letters")
            stems.add(stem)
        else:
            exact.add(normalize_for_matching(entry))
    for row in load_csv("text/broken_plurals.csv"):
        exact.add(normalize_for_matching(row["plural"]))
        exact.add(normalize_for_matching(row["singular"]))
    lengths = tuple(sorted({len(s) for s in stems}))
    return frozenset(exact), frozenset(stems), lengths


@lru_cache(maxsize=1)
def own_whole_words_as_written() -> frozenset[str]:
    """Our whole-word entries (protected words, broken plurals, names) in segmentation form.

    Unlike the matching forms, these keep ``ة`` and ``ى``: ``والي`` (governor) is
    listed, ``والى`` (و + إلى) is not; ``آلية`` is listed, ``إليه`` is not.
    """
    words = {e for e in load_wordlist("text/protected.txt") if not e.endswith("*")}
    words |= set(load_wordlist("text/names.txt"))
    for row in load_csv("text/broken_plurals.csv"):
        words.update((row["plural"], row["singular"]))
    return frozenset(w.translate(SEG_TABLE) for w in words)


@lru_cache(maxsize=1)
def own_name_forms() -> frozenset[str]:
    """Single-word names from ``names.txt`` (matching form)."""
    return _norm_set(load_wordlist("text/names.txt"))


@lru_cache(maxsize=1)
def name_forms() -> frozenset[str]:
    """Names never split: ours (``names.txt``) plus the gazetteer's (:func:`analysis.text.names.name_forms`).

    A gazetteer form with the article (``الروسيه``) contributes the form without
    it (``روسيه``): the article itself may still be split off; what is
    protected are the letters of the name.
    """
    forms = set(own_name_forms())
    for form in gazetteer_name_forms():
        if " " in form:
            continue
        forms.add(form[2:] if form.startswith("ال") and len(form) >= 5 else form)
    return frozenset(forms)


@lru_cache(maxsize=1)
def lemma_exceptions() -> dict[str, str]:
    """Word → key overrides (``lemma_exceptions.csv``), both sides matching form."""
    return {normalize_for_matching(r["word"]): normalize_for_matching(r["key"])
            for r in load_csv("text/lemma_exceptions.csv")}


@lru_cache(maxsize=1)
def broken_plural_pairs() -> tuple[tuple[str, str], ...]:
    """(plural, singular) pairs in segmentation form (``ة`` kept)."""
    return tuple(
        (r["plural"].translate(SEG_TABLE), r["singular"].translate(SEG_TABLE))
        for r in load_csv("text/broken_plurals.csv")
    )


@lru_cache(maxsize=1)
def nisba_countries() -> dict[str, tuple[str, str]]:
    """Nisba key → (country in Arabic, country in English)."""
    return {normalize_for_matching(r["nisba"]): (r["country"], r["country_en"])
            for r in load_csv("text/nisba_countries.csv")}


@lru_cache(maxsize=1)
def glossary() -> dict[str, str]:
    """Term (matching form) → English gloss, from ``glossary.csv``."""
    return {normalize_for_matching(r["term"]): r["gloss"] for r in load_csv("text/glossary.csv")}


#: The one reporting-verb lexicon: quote speakers, claim sources, stopword classes and name cues all read it.
REPORTING_VERBS_FILE = "attribution/reporting_verbs.yaml"


@dataclass(frozen=True)
class ReportingVerb:
    """One reporting verb of ``attribution/reporting_verbs.yaml`` (forms as written in the file).

    Attributes:
        lemma: Dictionary form as written in the file (``قال``).
        forms: Finite forms (``قال، قالت، يقول`` …).
        participles: Active participles, which never carry their own subject (``مشيرا``).
        impersonal: Forms with no speaker (``يذكر أن``).
        complement: ``True`` when the verb reports only with a complement after it, a tuple of the
            complements it accepts (raw words; ``ب*`` is a prefix), or ``False``.
        complement_window: Words within which the complement must come (None: the file's default).
    """

    lemma: str
    forms: tuple[str, ...]
    participles: tuple[str, ...]
    impersonal: tuple[str, ...]
    complement: bool | tuple[str, ...]
    complement_window: int | None


def _word_list(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise LexiconError(f"{where}: expected a list of words, got {value!r}")
    return tuple(value)


@lru_cache(maxsize=1)
def reporting_verbs() -> tuple[ReportingVerb, ...]:
    """Every reporting verb of the lexicon, checked (see ``analysis/lexicons/attribution/README.md``).

    Raises:
        LexiconError: An entry lacks a lemma or forms, or a field has the wrong shape (names the entry).
    """
    data = load_yaml(REPORTING_VERBS_FILE)
    if not isinstance(data, dict) or not isinstance(data.get("verbs"), list):
        raise LexiconError(f"{REPORTING_VERBS_FILE}: expected a mapping with a 'verbs' list")
    out = []
    for i, raw in enumerate(data["verbs"]):
        where = f"{REPORTING_VERBS_FILE} [verbs entry {i}: {raw.get('lemma', '?') if isinstance(raw, dict) else raw!r}]"
        if not isinstance(raw, dict) or not raw.get("lemma") or not raw.get("forms"):
            raise LexiconError(f"{where}: needs 'lemma' and 'forms'")
        comp = raw.get("complement", False)
        if comp is not True and comp is not False:
            comp = _word_list(comp, where + " complement")
        window = raw.get("complement_window")
        if window is not None and not isinstance(window, int):
            raise LexiconError(f"{where}: complement_window must be an integer")
        out.append(ReportingVerb(
            lemma=str(raw["lemma"]),
            forms=_word_list(raw["forms"], where + " forms"),
            participles=_word_list(raw.get("participle"), where + " participle"),
            impersonal=_word_list(raw.get("impersonal"), where + " impersonal"),
            complement=comp,
            complement_window=window,
        ))
    return tuple(out)


@lru_cache(maxsize=1)
def reporting_complements() -> frozenset[str]:
    """Words and marks that open the reported content after a reporting verb, matching form.

    ``أن``، ``إن``، ``:``، ``«``.

    From ``content_openers`` in the reporting-verb lexicon: what follows them is what was said.
    """
    data = load_yaml(REPORTING_VERBS_FILE)
    words = _word_list(data.get("content_openers"), f"{REPORTING_VERBS_FILE} content_openers")
    if not words:
        raise LexiconError(f"{REPORTING_VERBS_FILE}: 'content_openers' is missing or empty")
    return frozenset(normalize_for_matching(w) for w in words)


@lru_cache(maxsize=1)
def reporting_verb_forms() -> frozenset[str]:
    """Every written form of every reporting verb (finite, participle, impersonal), matching form, no conjunction."""
    return frozenset(normalize_for_matching(f)
                     for v in reporting_verbs() for f in (*v.forms, *v.participles, *v.impersonal))


@lru_cache(maxsize=1)
def news_word_classes() -> dict[str, tuple[str, ...]]:
    """Optional classes of news function words (reporting verbs, time words …)."""
    data = load_yaml("text/news_function_words.yaml")
    if not isinstance(data, dict):
        raise LexiconError("text/news_function_words.yaml: expected a mapping of class name to word list")
    if "reporting_verbs" in data:
        raise LexiconError("text/news_function_words.yaml: the reporting_verbs class comes from "
                           f"{REPORTING_VERBS_FILE}; remove it here")
    # the class of reporting verbs is the reporting-verb lexicon itself: lemmas and participles
    out: dict[str, tuple[str, ...]] = {
        "reporting_verbs": tuple(dict.fromkeys(w for v in reporting_verbs() for w in (v.lemma, *v.participles)
                                               if " " not in w))}
    for name, words in data.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise LexiconError(f"text/news_function_words.yaml: class {name!r} must be a list of words")
        out[str(name)] = tuple(words)
    return out
