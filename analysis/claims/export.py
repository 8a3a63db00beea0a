"""Export a claims table to CSV (UTF-8 with BOM, for Excel) and JSON.

Text cells that a spreadsheet would read as a formula (starting with ``=``,
``+``, ``-``, ``@``, a tab, ``\\r`` or ``\\n``) are neutralised by prefixing
an apostrophe (the package's one CSV writer, :mod:`analysis.csvio`). Numeric
cells are never touched, so ``-3.5`` stays a number. JSON keeps the values as
they are (no neutralisation needed) with ``null`` for empty cells, so it
round-trips exactly through :func:`read_claims_json`.

Example:
    >>> import pandas as pd
    >>> neutralise_cell("=SUM(A1)")
    "'=SUM(A1)"
    >>> neutralise_cell(-3.5)
    -3.5
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import csvio
from analysis.errors import AnalysisError
from analysis.paths import TABLES_DIR

#: Default folder of the exported claims tables.
CLAIMS_TABLES_DIR: Path = TABLES_DIR / "claims"


class ClaimsExportError(AnalysisError):
    """The table or the export name cannot be written."""


def neutralise_cell(value: Any) -> Any:
    """Prefix ``'`` to a *text* value starting with a formula character; other values unchanged."""
    return csvio.neutralise_cell(value)


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def _json_cell(value: Any) -> Any:
    if _is_missing(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return value  # keep floats as floats for a faithful round trip
    return value


def claims_to_csv_text(df: pd.DataFrame) -> str:
    """The CSV text (BOM included) that :func:`export_claims` writes (:mod:`analysis.csvio`)."""
    return csvio.frame_to_csv_text(df)


def claims_to_records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts (``None`` for empty cells)."""
    cols = [str(c) for c in df.columns]
    return [dict(zip(cols, (_json_cell(v) for v in row))) for row in df.itertuples(index=False, name=None)]


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    os.replace(tmp, path)


def export_claims(df: pd.DataFrame, name: str, directory: str | os.PathLike[str] | None = None) -> dict[str, Path]:
    """Write ``<name>.csv`` (UTF-8 with BOM, formula-safe) and ``<name>.json`` into ``directory``.

    Args:
        df: A claims table (any DataFrame works; columns are written in order).
        name: File stem, letters/digits/``_-.`` only (e.g. ``"seed_claims"``).
        directory: Target folder (default ``tables/claims/``), created if needed.

    Returns:
        ``{"csv": path, "json": path}``.

    Raises:
        ClaimsExportError: ``df`` is not a DataFrame or ``name`` is unsafe.
    """
    if not isinstance(df, pd.DataFrame):
        raise ClaimsExportError(f"export_claims: expected a pandas DataFrame, got {type(df).__name__}")
    if not name or not all(c.isalnum() or c in "_-." for c in name) or name.startswith("."):
        raise ClaimsExportError(f"export_claims: unsafe file name {name!r} (use letters, digits, '_', '-', '.')")
    folder = Path(directory) if directory is not None else CLAIMS_TABLES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / f"{name}.csv"
    json_path = folder / f"{name}.json"
    _atomic_write(csv_path, claims_to_csv_text(df))
    _atomic_write(json_path, json.dumps(claims_to_records(df), ensure_ascii=False, indent=1) + "\n")
    return {"csv": csv_path, "json": json_path}


def read_claims_json(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a JSON export back into a DataFrame (bounds as nullable floats)."""
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    df = pd.DataFrame.from_records(records)
    for col in ("value_low", "value_high"):
        if col in df.columns:
            df[col] = pd.array([None if v is None else float(v) for v in df[col].tolist()], dtype="Float64")
    return df
