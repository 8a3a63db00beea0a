"""Deterministic figure output: every figure as PNG and SVG in ``figures/``.

Matplotlib writes a creation date into SVG and a random hash salt into SVG ids;
both are fixed here, so that regenerating a figure gives the same bytes and a
fresh clone stays clean after ``make figures``.

Example:
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> paths = save(fig, "example", directory=tmp_dir)  # doctest: +SKIP
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import matplotlib

from analysis.paths import FIGURES_DIR

DPI = 150
SVG_HASHSALT = "arabic-news-analysis"
FORMATS: tuple[str, ...] = ("png", "svg")

_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def save(fig: "matplotlib.figure.Figure", name: str, *, directory: str | os.PathLike[str] | None = None,
         formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Write ``fig`` as ``<name>.png`` and ``<name>.svg`` deterministically.

    Files are written to a temporary file and renamed into place, and only
    replaced when their bytes change.

    Args:
        fig: The matplotlib figure.
        name: File stem, e.g. ``"01_words_per_sentence"``.
        directory: Output folder; defaults to the project's ``figures/``.
        formats: File formats to write.

    Returns:
        The written paths, in the order of ``formats``.
    """
    if not name or Path(name).name != name:
        raise ValueError(f"figure name must be a plain file stem, got {name!r}")
    out_dir = Path(directory) if directory is not None else FIGURES_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASHSALT, "svg.fonttype": "path"}):
        for fmt in formats:
            target = out_dir / f"{name}.{fmt}"
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=f".{fmt}", dir=out_dir)
            os.close(fd)
            try:
                fig.savefig(tmp, format=fmt, dpi=DPI, metadata=_METADATA.get(fmt))
                new = Path(tmp).read_bytes()
                if target.exists() and target.read_bytes() == new:
                    os.unlink(tmp)
                else:
                    os.replace(tmp, target)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
            written.append(target)
    return written


def show_saved(path: str | os.PathLike[str]):
    """Return an IPython image of a saved PNG, for display in a notebook.

    Notebooks show the saved file rather than the live figure, so that what
    the reader sees is exactly what is committed in ``figures/``.
    """
    from IPython.display import Image

    return Image(filename=str(path))


def save_and_show(fig: "matplotlib.figure.Figure", name: str, **kwargs):
    """Save ``fig`` (see :func:`save`), close it, and return the PNG for notebook display."""
    import matplotlib.pyplot as plt

    paths = save(fig, name, **kwargs)
    plt.close(fig)
    return show_saved(paths[0])
