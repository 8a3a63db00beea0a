"""Execute notebooks in place, reproducibly (``python -m analysis.nbrun [NOTEBOOK ...]``).

Used by ``make figures``. Each notebook runs top to bottom on a fresh kernel
from the ``notebooks/`` folder; outputs are stored; execution timestamps are
not recorded and notebook metadata is reduced to a fixed kernel spec, so
running twice gives the same bytes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.paths import NOTEBOOKS_DIR

KERNEL_NAME = "arabic-news"
KERNELSPEC = {"display_name": "Python (arabic-news analysis)", "language": "python", "name": KERNEL_NAME}
LANGUAGE_INFO = {"name": "python", "pygments_lexer": "ipython3", "file_extension": ".py", "mimetype": "text/x-python"}
TIMEOUT_SECONDS = 1800


def canonical_metadata(nb) -> None:
    """Reduce notebook and cell metadata to stable content (no timings, fixed kernel)."""
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": dict(LANGUAGE_INFO)}
    for i, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
        cell["id"] = f"cell-{i:02d}"


def run_notebook(path: Path) -> None:
    """Execute ``path`` in place with a fresh kernel, working directory ``notebooks/``."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    canonical_metadata(nb)
    client = NotebookClient(
        nb,
        timeout=TIMEOUT_SECONDS,
        kernel_name=KERNEL_NAME,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    canonical_metadata(nb)
    text = nbformat.writes(nb) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to run (default: all, in order)")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    for path in paths:
        print(f"executing {path.name}", file=sys.stderr, flush=True)
        run_notebook(path.resolve())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
