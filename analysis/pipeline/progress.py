"""Progress bars for long corpus runs (tqdm): rate and ETA on a terminal, quiet elsewhere.

The bar is shown when stderr is a terminal and the ``CI`` environment variable
is not set, or inside a Jupyter kernel (where ``tqdm.auto`` draws a widget or
falls back to text). Pass ``enabled=True``/``False`` to force it either way.

Example:
    >>> with progress_bar(total=3, enabled=False) as bar:
    ...     for _ in range(3):
    ...         bar.update(1)
"""

from __future__ import annotations

import os
import sys
from typing import Any


def in_notebook() -> bool:
    """True inside a Jupyter (ZMQ) kernel."""
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    try:
        ip = shell.get_ipython()  # type: ignore[attr-defined]
    except AttributeError:
        return False
    return ip is not None and type(ip).__name__ == "ZMQInteractiveShell"


def progress_enabled(stream: Any = None) -> bool:
    """Whether a progress bar should be drawn: a terminal or a notebook, and not CI."""
    if os.environ.get("CI"):
        return False
    if in_notebook():
        return True
    stream = sys.stderr if stream is None else stream
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def progress_bar(total: int | None = None, *, desc: str = "articles", unit: str = "article",
                 enabled: bool | None = None, **kwargs: Any):
    """A tqdm progress bar (notebook-aware), disabled when :func:`progress_enabled` says so.

    Args:
        total: Expected number of items (gives the ETA); ``None`` shows the rate only.
        desc: Label in front of the bar.
        unit: Name of one item.
        enabled: Force the bar on or off; default: :func:`progress_enabled`.
        **kwargs: Passed to tqdm.

    Returns:
        A tqdm instance (usable as a context manager; ``update(n)``, ``set_postfix``).
    """
    if enabled is None:
        enabled = progress_enabled()
    if in_notebook():
        from tqdm.auto import tqdm
    else:
        from tqdm import tqdm
    return tqdm(total=total, desc=desc, unit=unit, disable=not enabled, dynamic_ncols=True,
                smoothing=0.1, **kwargs)
