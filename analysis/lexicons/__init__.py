"""Data files (lexicons) shipped with the package, their loaders, and :func:`reload`.

Each topic has its own sub-folder with a README describing every file:
``text/`` (stopwords, clitic exceptions, glossary), ``numbers/`` (number words,
hedges), ``gazetteer/`` (persons, organisations, places, events),
``attribution/`` (reporting verbs), ``claims/`` (units, events, categories),
``timex/`` (calendar words). Analysts extend them by editing the files; no code
change is needed. Files are read once and cached; after editing one in a running
kernel, call :func:`reload` and the next analysis uses the new data.

A missing or malformed file raises :class:`~analysis.errors.LexiconError` naming
the file and, where the format gives one, the line.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from analysis.errors import LexiconError

#: The C loader when PyYAML was built with libyaml (several times faster), else the Python one.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

LEXICONS_DIR = Path(__file__).resolve().parent


def lexicon_path(name: str) -> Path:
    """Absolute path of a lexicon file, e.g. ``lexicon_path("numbers/hedges.yaml")``."""
    path = LEXICONS_DIR / name
    if not path.is_file():
        raise LexiconError(f"lexicon file not found: {path}")
    return path


@cache
def load_yaml(name: str) -> Any:
    """Load a YAML lexicon (cached). Raises LexiconError naming the file on bad YAML."""
    path = lexicon_path(name)
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path}: malformed YAML ({exc})") from exc


@cache
def load_json(name: str) -> Any:
    """Load a JSON lexicon (cached)."""
    path = lexicon_path(name)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise LexiconError(f"{path}: malformed JSON ({exc})") from exc


@cache
def load_csv(name: str) -> tuple[dict[str, str], ...]:
    """Load a CSV lexicon (cached) as a tuple of row dicts. Lines starting with ``#`` are comments.

    Raises:
        LexiconError: The file is missing, a row has more or fewer fields than the header, or a
            row repeats an earlier one (names the file and the lines).
    """
    path = lexicon_path(name)
    with path.open(encoding="utf-8", newline="") as fh:
        numbered = [(i, line) for i, line in enumerate(fh, start=1) if not line.startswith("#") and line.strip()]
    if not numbered:
        raise LexiconError(f"{path}: empty CSV (no header)")
    reader = csv.reader([line for _, line in numbered])
    header = next(reader)
    rows = []
    seen: dict[tuple[str, ...], int] = {}
    for (line_no, _), fields in zip(numbered[1:], reader):
        if len(fields) != len(header):
            raise LexiconError(f"{path}:{line_no}: expected {len(header)} fields ({', '.join(header)}), "
                               f"got {len(fields)}")
        key = tuple(f.strip() for f in fields)
        if key in seen:
            raise LexiconError(f"{path}:{line_no}: repeats line {seen[key]} ({','.join(fields)})")
        seen[key] = line_no
        rows.append(dict(zip(header, fields)))
    return tuple(rows)


@cache
def load_wordlist(name: str) -> frozenset[str]:
    """Load a plain word list: one entry per line, ``#`` starts a comment."""
    path = lexicon_path(name)
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line)
    return frozenset(words)


_RELOAD_HOOKS: list[Callable[[], None]] = []


def on_reload(hook: Callable[[], None]) -> Callable[[], None]:
    """Register a function that :func:`reload` calls (for caches that are not ``lru_cache``); returns it."""
    _RELOAD_HOOKS.append(hook)
    return hook


def reload() -> int:
    """Forget every lexicon read so far and everything built from one, in every loaded module of the package.

    Clears every ``functools.lru_cache`` defined in an ``analysis`` module (lexicon
    loaders, the gazetteer's matcher, word analyses built from the lexicons) and the
    caches registered with :func:`on_reload`. Documents already built keep the layers
    they computed; build a new :class:`~analysis.document.Document` to see the change.

    Returns:
        How many caches were cleared.

    Example:
        >>> from analysis.lexicons import reload
        >>> reload() > 0
        True
    """
    n = 0
    for name, module in sorted(sys.modules.items()):
        if module is None or not (name == "analysis" or name.startswith("analysis.")):
            continue
        for obj in list(vars(module).values()):
            clear = getattr(obj, "cache_clear", None)
            if callable(clear) and getattr(obj, "__module__", None) == name:
                clear()
                n += 1
    for hook in _RELOAD_HOOKS:
        hook()
        n += 1
    return n
