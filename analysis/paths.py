"""Project folders, resolved from the package location.

Every notebook, test and command resolves files through these constants, so
the project works from any working directory.

Example:
    >>> from analysis.paths import SEEDS_DIR
    >>> (SEEDS_DIR / "catalog.csv").exists()
    True
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR: Path = Path(__file__).resolve().parent
PROJECT_ROOT: Path = PACKAGE_DIR.parent
SEEDS_DIR: Path = PROJECT_ROOT / "seeds"
FIGURES_DIR: Path = PROJECT_ROOT / "figures"
TABLES_DIR: Path = PROJECT_ROOT / "tables"
NOTEBOOKS_DIR: Path = PROJECT_ROOT / "notebooks"
TESTS_DIR: Path = PROJECT_ROOT / "tests"
BENCHMARKS_DIR: Path = PROJECT_ROOT / "benchmarks"
LEXICONS_DIR: Path = PACKAGE_DIR / "lexicons"
SEED_CATALOG: Path = SEEDS_DIR / "catalog.csv"
#: Git-ignored outputs: corpus runs, and ``make article`` reports in ``build/articles/<doc_id>/``.
BUILD_DIR: Path = PROJECT_ROOT / "build"
ARTICLE_BUILDS_DIR: Path = BUILD_DIR / "articles"

#: Public datasets (ANT corpus, benchmark specs) live beside the project in
#: ``../shared``; ``ANALYSIS_SHARED_DIR`` points elsewhere when needed.
SHARED_DIR: Path = Path(os.environ.get("ANALYSIS_SHARED_DIR", PROJECT_ROOT.parent / "shared")).resolve()
ANT_CORPUS: Path = SHARED_DIR / "corpora" / "ant-multisource-v2.1-middleEast.tar.gz"
RECOGNIZERS_SPECS_DIR: Path = SHARED_DIR / "benchmarks" / "recognizers-text-arabic"
PUD_CONLLU: Path = SHARED_DIR / "benchmarks" / "ud-arabic-pud" / "ar_pud-dev-half.conllu"


def relative_to_project(path: str | os.PathLike[str]) -> str:
    """Return ``path`` relative to the project root when inside it, else as given.

    Used wherever a path ends up in a table or notebook output, so outputs do
    not depend on where the repository was cloned.
    """
    p = Path(path).resolve()
    for base in (PROJECT_ROOT, SHARED_DIR.parent):
        try:
            return p.relative_to(base).as_posix()
        except ValueError:
            continue
    return Path(path).as_posix()
