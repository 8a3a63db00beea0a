"""Writing a corpus run's tables: CSV always, Parquet when pyarrow is installed, atomically.

A run writes its rows chunk by chunk into *part* folders under ``DIR/_parts/``.
Each chunk is first written to a temporary folder (``000042.tmp``) and then
renamed in one step (``os.replace``), so a chunk is either complete or absent:
an interrupted run never leaves a half-written part, and ``--resume`` knows
exactly which articles are done (the keys in the committed parts).
:meth:`PartStore.finalize` then concatenates the parts, in order, into
``DIR/<table>.csv`` (and ``DIR/<table>.parquet``), again through a temporary
file and ``os.replace``. Concatenation streams one part at a time, so memory
stays bounded whatever the corpus size.

Every table has a fixed schema (column → type), so that all parts, the CSV and
the Parquet files agree even when a chunk has no rows or a column is empty.
CSV files are written by :mod:`analysis.csvio` (UTF-8 with BOM, text cells that
a spreadsheet would run as a formula neutralised); part files carry no BOM.

Example:
    >>> schema = {"doc_id": "str", "count": "int"}
    >>> store = PartStore("build/run", {"keywords": schema})  # doctest: +SKIP
    >>> store.write_chunk({"keywords": [{"doc_id": "a", "count": 3}]})  # doctest: +SKIP
    >>> store.finalize()  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.csvio import BOM, CsvWriter, frame_to_csv_text, header_line, read_csv
from analysis.errors import AnalysisError

#: Column types understood by the writers.
COLUMN_TYPES = ("str", "int", "float", "bool")
PARTS_DIRNAME = "_parts"
#: Per-chunk counters (see :meth:`PartStore.write_chunk`).
STATS_FILE = "stats.json"
_TMP_SUFFIX = ".tmp"

Schema = Mapping[str, str]


class TableError(AnalysisError):
    """A run's table folder is unusable (wrong schema, foreign files, bad type)."""


def parquet_available() -> bool:
    """True when pyarrow can be imported (Parquet files are then written too)."""
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


# --- atomic single-file writes ---------------------------------------------


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` through a temporary file in the same folder and ``os.replace``.

    Readers see either the old file or the complete new one, never a partial file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _mkstemp(path.parent, path.name)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        _silent_unlink(tmp)
        raise
    return path


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _mkstemp(folder: Path, name: str) -> tuple[int, str]:
    """A temporary file beside the target, with the permissions a normal file would get."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=_TMP_SUFFIX)
    os.chmod(tmp, _umask_mode())
    return fd, tmp


def _silent_unlink(path: str | os.PathLike[str]) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _write_csv(path: Path, columns: list[str], rows: Iterable[Mapping[str, Any]],
               kinds: Mapping[str, str] | None = None) -> None:
    """A part file: the package's CSV format (:mod:`analysis.csvio`) without the byte-order mark."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = CsvWriter(fh, columns, kinds, bom=False)
        for row in rows:
            writer.write_row(row)


def coerce_frame(frame: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """Give ``frame`` exactly the schema's columns, in order, with nullable pandas dtypes.

    Missing columns are added empty; extra columns are dropped; strings read
    from CSV are converted (``""`` → missing).
    """
    out = {}
    for col, kind in schema.items():
        if kind not in COLUMN_TYPES:
            raise TableError(f"column {col!r}: unknown type {kind!r}")
        series = frame[col] if col in frame.columns else pd.Series([None] * len(frame), index=frame.index)
        if kind == "str":
            series = series.astype("string").replace("", pd.NA)
        elif kind == "int":
            series = pd.to_numeric(series.replace("", None), errors="coerce").astype("Int64")
        elif kind == "float":
            series = pd.to_numeric(series.replace("", None), errors="coerce").astype("Float64")
        else:
            mapped = series.map(_to_bool)
            series = mapped.astype("boolean")
        out[col] = series
    return pd.DataFrame(out, index=frame.index).reset_index(drop=True)


def _to_bool(value: Any) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        low = value.strip().lower()
        if low in ("true", "1", "yes"):
            return True
        if low in ("false", "0", "no"):
            return False
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return bool(value)


def read_table_csv(path: str | os.PathLike[str], schema: Schema | None = None) -> pd.DataFrame:
    """Read a table written by this module (all cells as text, then typed by ``schema``)."""
    frame = read_csv(path)
    return coerce_frame(frame, schema) if schema is not None else frame


def write_table(frame: pd.DataFrame, path: str | os.PathLike[str], schema: Schema | None = None,
                parquet: bool | None = None) -> list[Path]:
    """Write one complete table as CSV (and Parquet) atomically.

    Args:
        frame: The rows.
        path: Target without or with the ``.csv`` suffix.
        schema: Optional column → type mapping; the frame is coerced to it.
        parquet: Also write ``.parquet``; default: when pyarrow is importable.

    Returns:
        The files written.
    """
    base = Path(path)
    if base.suffix == ".csv":
        base = base.with_suffix("")
    if schema is not None:
        frame = coerce_frame(frame, schema)
    base.parent.mkdir(parents=True, exist_ok=True)
    written = [atomic_write_text(base.with_suffix(".csv"), frame_to_csv_text(frame, schema))]
    if parquet is None:
        parquet = parquet_available()
    if parquet:
        written.append(_atomic_parquet(frame, base.with_suffix(".parquet")))
    return written


def _atomic_parquet(frame: pd.DataFrame, path: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    fd, tmp = _mkstemp(path.parent, path.name)
    os.close(fd)
    try:
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp)
        os.replace(tmp, path)
    except BaseException:
        _silent_unlink(tmp)
        raise
    return path


# --- streaming part store ---------------------------------------------------


def _arrow_schema(schema: Schema):
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    return pa.schema([(col, types[kind]) for col, kind in schema.items()])


class PartStore:
    """Chunked, atomic, resumable storage of a run's tables in ``DIR/_parts/NNNNNN/``.

    Args:
        out_dir: The run's output folder.
        schemas: Table name → schema (column → type). Every chunk writes one
            CSV per table (possibly with a header only).
        key_column: Column that identifies what a row belongs to (used by
            :meth:`done_keys` for ``--resume``).
    """

    def __init__(self, out_dir: str | os.PathLike[str], schemas: Mapping[str, Schema],
                 key_column: str = "article_key") -> None:
        self.out_dir = Path(out_dir)
        self.parts_dir = self.out_dir / PARTS_DIRNAME
        self.schemas = dict(schemas)
        self.key_column = key_column
        self._next = None  # type: int | None

    # -- lifecycle

    def reset(self) -> None:
        """Start afresh: remove earlier parts and final tables of these tables."""
        if self.parts_dir.exists():
            shutil.rmtree(self.parts_dir)
        for name in self.schemas:
            for suffix in (".csv", ".parquet"):
                _silent_unlink(self.out_dir / f"{name}{suffix}")
        self.parts_dir.mkdir(parents=True, exist_ok=True)
        self._next = 1

    def open_existing(self) -> None:
        """Continue an earlier run: drop uncommitted temporary chunks, keep committed ones."""
        self.parts_dir.mkdir(parents=True, exist_ok=True)
        for entry in self.parts_dir.iterdir():
            if entry.name.endswith(_TMP_SUFFIX):
                shutil.rmtree(entry, ignore_errors=True)
        numbers = [int(p.name) for p in self._chunk_dirs()]
        self._next = max(numbers, default=0) + 1

    def _chunk_dirs(self) -> list[Path]:
        if not self.parts_dir.exists():
            return []
        return sorted(p for p in self.parts_dir.iterdir() if p.is_dir() and p.name.isdigit())

    # -- writing

    def write_chunk(self, rows: Mapping[str, list[Mapping[str, Any]]],
                    stats: Mapping[str, int] | None = None) -> Path:
        """Write one chunk of rows for every table; commit it with one rename.

        Args:
            rows: Table name → rows.
            stats: Counters describing the chunk (articles, errors …), stored beside its
                tables in ``stats.json`` and summed by :meth:`stats_total`.

        Raises:
            TableError: ``rows`` names a table without a schema.
        """
        unknown = set(rows) - set(self.schemas)
        if unknown:
            raise TableError(f"no schema for table(s): {', '.join(sorted(unknown))}")
        if self._next is None:
            self.open_existing()
        number = self._next
        final = self.parts_dir / f"{number:06d}"
        tmp = self.parts_dir / f"{number:06d}{_TMP_SUFFIX}"
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
        try:
            for name, schema in self.schemas.items():
                _write_csv(tmp / f"{name}.csv", list(schema), rows.get(name, []), schema)
            if stats is not None:
                (tmp / STATS_FILE).write_text(json.dumps(dict(stats), sort_keys=True) + "\n", encoding="utf-8")
            os.replace(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        self._next = number + 1
        return final

    # -- reading

    def done_keys(self, tables: Iterable[str] = ("articles", "errors")) -> set[str]:
        """Keys present in the committed chunks of ``tables`` (what a resumed run skips)."""
        keys: set[str] = set()
        for chunk in self._chunk_dirs():
            for name in tables:
                path = chunk / f"{name}.csv"
                if not path.exists():
                    continue
                with open(path, encoding="utf-8-sig", newline="") as fh:
                    reader = csv.DictReader(fh)
                    for row in reader:
                        key = row.get(self.key_column)
                        if key:
                            keys.add(key)
        return keys

    def committed_chunks(self) -> int:
        """Number of committed chunks (what ``--resume`` would keep)."""
        return len(self._chunk_dirs())

    def stats_total(self) -> dict[str, int]:
        """The ``stats`` of every committed chunk, summed key by key."""
        total: dict[str, int] = {}
        for chunk in self._chunk_dirs():
            path = chunk / STATS_FILE
            if not path.exists():
                continue
            for key, value in json.loads(path.read_text(encoding="utf-8")).items():
                total[key] = total.get(key, 0) + int(value)
        return total

    def iter_part_files(self, name: str) -> Iterator[Path]:
        """The committed part files of one table, in chunk order."""
        for chunk in self._chunk_dirs():
            path = chunk / f"{name}.csv"
            if path.exists():
                yield path

    # -- finishing

    def finalize(self, parquet: bool | None = None) -> dict[str, list[Path]]:
        """Concatenate the parts of every table into ``DIR/<table>.csv`` (and ``.parquet``).

        Returns:
            Table name → files written.
        """
        if parquet is None:
            parquet = parquet_available()
        written: dict[str, list[Path]] = {}
        for name, schema in self.schemas.items():
            files = [self._concat_csv(name, schema)]
            if parquet:
                files.append(self._concat_parquet(name, schema))
            written[name] = files
        return written

    def _concat_csv(self, name: str, schema: Schema) -> Path:
        target = self.out_dir / f"{name}.csv"
        header = header_line(schema)
        fd, tmp = _mkstemp(self.out_dir, f"{name}.csv")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                out.write(BOM + header)
                for part in self.iter_part_files(name):
                    with open(part, encoding="utf-8", newline="") as fh:
                        first = fh.readline()
                        if first != header:
                            raise TableError(f"{part}: columns differ from the {name!r} schema")
                        shutil.copyfileobj(fh, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            _silent_unlink(tmp)
            raise
        return target

    def _concat_parquet(self, name: str, schema: Schema) -> Path:
        import pyarrow as pa
        import pyarrow.parquet as pq

        target = self.out_dir / f"{name}.parquet"
        arrow_schema = _arrow_schema(schema)
        fd, tmp = _mkstemp(self.out_dir, f"{name}.parquet")
        os.close(fd)
        try:
            with pq.ParquetWriter(tmp, arrow_schema) as writer:
                wrote = False
                for part in self.iter_part_files(name):
                    frame = read_table_csv(part, schema)
                    if frame.empty:
                        continue
                    writer.write_table(pa.Table.from_pandas(frame, schema=arrow_schema, preserve_index=False))
                    wrote = True
                if not wrote:
                    writer.write_table(arrow_schema.empty_table())
            os.replace(tmp, target)
        except BaseException:
            _silent_unlink(tmp)
            raise
        return target
