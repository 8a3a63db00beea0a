"""Arabic word lists live in ``analysis/lexicons/``, not in code (issue 11, item 4).

Three tables: the lists moved out of the code are read from their files (and a broken file
raises a LexiconError naming it); a few results that depend on them, checked by hand; and a
scan of the cleaned modules for word lists written in code.
"""

from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import analysis.lexicons as lexicons
from analysis.claims.quantities import hedge_after
from analysis.entities.gazetteer import spelling_variants
from analysis.entities.rules import cue_words
from analysis.errors import LexiconError
from analysis.events.lexicon import cues
from analysis.numbers.core import extra_words
from analysis.numbers.lexicons import comma_decimal_scales, ranges, weekday_forms
from analysis.numbers.words import to_words
from analysis.text.clitics import is_definite
from analysis.text.lexicon import closed_class_words
from analysis.timex import find_time_expressions

PACKAGE = Path(__file__).resolve().parents[2] / "analysis"


@pytest.fixture()
def lexicon_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the lexicon folder that the loaders read instead of the real one."""
    copy = tmp_path / "lexicons"
    shutil.copytree(lexicons.LEXICONS_DIR, copy)
    monkeypatch.setattr(lexicons, "LEXICONS_DIR", copy)
    lexicons.reload()
    yield copy
    monkeypatch.undo()
    lexicons.reload()


def _drop_key(folder: Path, name: str, key: str) -> None:
    path = folder / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert key in data, f"{name} has no {key!r}"
    del data[key]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


#: (file, key, a public call that reads the key) for every list moved out of the code.
MOVED_LISTS: list[tuple[str, str, Callable[[], Any]]] = [
    ("text/closed_class.yaml", "not_definite", lambda: is_definite("الذي")),
    ("text/closed_class.yaml", "pronoun_hosts", lambda: closed_class_words("pronoun_hosts")),
    ("gazetteer/cues.yaml", "that_words", cue_words),
    ("gazetteer/cues.yaml", "name_closers", cue_words),
    ("gazetteer/cues.yaml", "glued_name_parts", lambda: spelling_variants("عبد الله")),
    ("numbers/number_words.yaml", "context_particles", extra_words),
    ("numbers/number_words.yaml", "weekday_forms", weekday_forms),
    ("numbers/number_words.yaml", "comma_decimal_scales", comma_decimal_scales),
    ("numbers/spelling.yaml", "scales", lambda: to_words(2000)),
    ("numbers/ranges.yaml", "change_joiners", ranges),
    ("claims/quantity_words.yaml", "repeated_scales", lambda: hedge_after([], 0)),
    ("claims/quantity_words.yaml", "year_words_before_range", lambda: hedge_after([], 0)),
    ("timex/calendar.yaml", "relative_days", lambda: find_time_expressions("أمس")),
    ("timex/calendar.yaml", "signals", lambda: find_time_expressions("أمس")),
    ("timex/calendar.yaml", "day_parts", lambda: find_time_expressions("أمس")),
    ("events/cues.yaml", "clause_connectors", cues),
]


@pytest.mark.parametrize(("name", "key", "call"), MOVED_LISTS, ids=[f"{n}:{k}" for n, k, _ in MOVED_LISTS])
def test_a_moved_list_missing_from_its_file_raises_naming_the_file(lexicon_copy: Path, name: str, key: str,
                                                                  call: Callable[[], Any]) -> None:
    call()  # the intact copy loads
    _drop_key(lexicon_copy, name, key)
    lexicons.reload()
    with pytest.raises(LexiconError, match=re.escape(Path(name).name) + ".*" + key):
        call()


def test_a_missing_lexicon_file_raises_naming_it(lexicon_copy: Path) -> None:
    (lexicon_copy / "text" / "closed_class.yaml").unlink()
    lexicons.reload()
    with pytest.raises(LexiconError, match=r"closed_class\.yaml"):
        is_definite("الذي")


def test_reload_sees_an_edited_list(lexicon_copy: Path) -> None:
    assert is_definite("الذين") is False
    path = lexicon_copy / "text" / "closed_class.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("الذين, ", ""), encoding="utf-8")
    lexicons.reload()
    assert is_definite("الذين") is True


# --- results that depend on the moved lists (checked by hand) ---------------------------------------------

@pytest.mark.parametrize(("word", "definite"), [
    ("الذي", False), ("اللذان", False), ("الان", False), ("البيت", True), ("والمدنيين", True), ("مدنيين", False),
])
def test_is_definite(word: str, definite: bool) -> None:
    assert is_definite(word) is definite


@pytest.mark.parametrize(("n", "words"), [
    (0, "صفر"), (7, "سبعة"), (15, "خمسة عشر"), (21, "واحد وعشرون"), (200, "مئتان"), (1001, "ألف وواحد"),
    (2000, "ألفان"), (3000, "ثلاثة آلاف"), (11000, "أحد عشر ألفاً"), (2_000_000, "مليونان"),
])
def test_to_words(n: int, words: str) -> None:
    assert to_words(n) == words


@pytest.mark.parametrize(("text", "expr", "value"), [
    ("وصل الوفد أول أمس إلى دمشق.", "أول أمس", "2017-09-03"),
    ("يصل الوفد بعد غد إلى دمشق.", "بعد غد", "2017-09-07"),
    ("وقع الانفجار مساء أمس.", "مساء أمس", "2017-09-04"),
    ("قتل 5 مدنيين في الشهر الماضي.", "الشهر الماضي", "2017-08"),
])
def test_relative_days_and_periods(text: str, expr: str, value: str) -> None:
    df = find_time_expressions(text, reference_date="2017-09-05")
    assert list(zip(df.text, df.value)) == [(expr, value)]


def test_clause_connector_splits_a_sentence() -> None:
    sentence = "قتل 5 أشخاص في غارة فيما أصيب 3 في قصف"
    assert [m.start() for m in cues().clause_boundary.finditer(sentence)] == [sentence.index(" فيما ")]


# --- no word list left in the cleaned modules ----------------------------------------------------------------

#: Modules whose Arabic word lists moved to the lexicons. Not listed: ``text/chars.py`` (the one place for
#: letters and marks), ``text/clitics.py`` (the one place for the affix inventories: proclitic chains,
#: enclitics, stem endings) and ``timex/expressions.py``, whose patterns keep their closed-class grammar words
#: (prepositions and edges such as قبل، منذ، نهاية, each with its own branch in the handlers).
CLEANED = [
    "attribution/quotes.py", "claims/extract.py", "claims/quantities.py", "entities/gazetteer.py",
    "entities/rules.py", "entities/world.py", "events/features.py", "events/lexicon.py", "keywords/terms.py",
    "numbers/core.py", "numbers/lexicons.py", "numbers/parser.py", "numbers/prefilter.py", "numbers/ranges.py",
    "numbers/roles.py", "numbers/tokens.py", "numbers/words.py",
]
_WORD = re.compile(r"^[\u0621-\u064A]{3,}$")
_ALTERNATION = re.compile(r"[\u0621-\u064A]{3,}(?:\|[\u0621-\u064A]{3,}){2,}")


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _affix_arguments(tree: ast.AST) -> set[int]:
    """Tuples passed to ``str.endswith``/``startswith``: affixes (ـية، ـيون), not words."""
    return {id(arg) for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("endswith", "startswith") for arg in node.args}


def word_lists_in(source: str) -> list[str]:
    """Collection literals of 3+ Arabic words (3+ letters each) and regex alternations of 3+ Arabic words.

    Example:
        >>> word_lists_in('X = {"قبل", "بعد", "منذ"}\\nY = ("ها", "هم", "هن")')
        ["line 1: ['قبل', 'بعد', 'منذ']"]
    """
    tree = ast.parse(source)
    skip = _docstrings(tree) | _affix_arguments(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, (ast.Set, ast.List, ast.Tuple, ast.Dict)):
            items = node.keys if isinstance(node, ast.Dict) else node.elts
            words = [e.value for e in items if isinstance(e, ast.Constant) and isinstance(e.value, str)
                     and _WORD.match(e.value)]
            if len(words) >= 3:
                found.append(f"line {node.lineno}: {words}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _ALTERNATION.search(node.value):
            found.append(f"line {node.lineno}: {_ALTERNATION.search(node.value).group()}")
    return found


@pytest.mark.parametrize(("source", "expected"), [
    ('W = frozenset({"الذي", "التي", "الذين"})', 1),
    ('R = re.compile(r"(?:فيما|بينما|كما)")', 1),
    ('if w in ("قبل", "حتى"):\n    pass', 0),
    ('if w.endswith(("يون", "يين", "يات")):\n    pass', 0),
    ('def f():\n    """Example: ``{"قبل", "بعد", "منذ"}``."""', 0),
])
def test_word_list_scanner(source: str, expected: int) -> None:
    assert len(word_lists_in(source)) == expected


@pytest.mark.parametrize("module", CLEANED)
def test_no_arabic_word_list_in_code(module: str) -> None:
    assert word_lists_in((PACKAGE / module).read_text(encoding="utf-8")) == []
