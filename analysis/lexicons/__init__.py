"""Data files (lexicons) shipped with the package, and their loaders.

Each topic has its own sub-folder with a README describing every file:
``text/`` (stopwords, clitic exceptions, glossary), ``numbers/`` (number words,
hedges), ``gazetteer/`` (persons, organisations, places, events),
``claims/`` (units, events, categories). Analysts extend them by editing the
files; no code change is needed.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
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


@lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    """Load a YAML lexicon (cached). Raises LexiconError naming the file on bad YAML."""
    path = lexicon_path(name)
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path}: malformed YAML ({exc})") from exc


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    """Load a JSON lexicon (cached)."""
    path = lexicon_path(name)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise LexiconError(f"{path}: malformed JSON ({exc})") from exc


@lru_cache(maxsize=None)
def load_csv(name: str) -> tuple[dict[str, str], ...]:
    """Load a CSV lexicon (cached) as a tuple of row dicts. Lines starting with ``#`` are comments."""
    path = lexicon_path(name)
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return tuple(dict(row) for row in csv.DictReader(lines))


@lru_cache(maxsize=None)
def load_wordlist(name: str) -> frozenset[str]:
    """Load a plain word list: one entry per line, ``#`` starts a comment."""
    path = lexicon_path(name)
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line)
    return frozenset(words)
