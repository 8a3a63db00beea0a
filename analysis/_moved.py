"""Old import paths of modules that moved into subpackages, kept working with a deprecation warning.

Until 2026-12 the package was flat (``analysis/quotes.py``, ``analysis/display.py`` …).
``import analysis.quotes`` and ``from analysis import display`` still work: the
import returns the module at its new place (the same object, so monkeypatching
and ``importlib.reload`` act on the real module) and warns once with the new path.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import warnings
from types import ModuleType

#: Old module path -> new module path.
MOVED: dict[str, str] = {
    f"analysis.{old}": f"analysis.{new}"
    for old, new in {
        "normalize": "text.normalize", "tokens": "text.tokens", "clitics": "text.clitics", "lemmas": "text.lemmas",
        "sentences": "text.sentences", "stopwords": "text.stopwords", "text_lexicon": "text.lexicon",
        "glossary": "text.glossary", "number_words": "numbers.words", "gazetteer": "entities.gazetteer",
        "quotes": "attribution.quotes", "claims_export": "claims.export", "encoding": "corpus.encoding",
        "runner": "pipeline.runner", "tables": "pipeline.tables", "corpus_aggregates": "pipeline.aggregates",
        "progress": "pipeline.progress", "display": "viz.display", "bidi_text": "viz.bidi_text",
        "figures": "viz.figures", "html": "viz.html", "overview": "viz.overview",
    }.items()
}


class _MovedModuleFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds an old module path and loads the module from its new place."""

    def find_spec(self, fullname: str, path: object = None, target: object = None):  # noqa: D102
        if fullname not in MOVED:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec):  # noqa: D102 - the default module, replaced in exec_module
        return None

    def exec_module(self, module: ModuleType) -> None:  # noqa: D102
        new = MOVED[module.__name__]
        warnings.warn(f"{module.__name__} moved to {new}; import it from there", DeprecationWarning, stacklevel=2)
        sys.modules[module.__name__] = importlib.import_module(new)


def install() -> None:
    """Put the finder on ``sys.meta_path`` (once)."""
    if not any(isinstance(f, _MovedModuleFinder) for f in sys.meta_path):
        sys.meta_path.append(_MovedModuleFinder())
