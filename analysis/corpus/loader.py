"""Loading articles: plain text (with optional YAML front matter), TREC-style ``<DOC>`` files, JSON Lines.

Files may also sit inside ``.tar.gz``/``.tgz``/``.tar``/``.zip`` archives, which
are read member by member without extracting them (the ANT corpus is one such
archive). Encodings are detected by :mod:`analysis.corpus.encoding`; line endings are
normalized; input files are never modified.

Bad input raises :class:`~analysis.errors.CorpusError` naming the file, the
record and the reason. With ``errors="report"``, :func:`iter_articles` skips the
bad input, records a :class:`LoadProblem`, and goes on: every input ends up
either as an article or as a problem.

Example:
    >>> from analysis.corpus import load_seeds
    >>> seed = load_seeds()[0]
    >>> seed.text[:18]
    'أكد وزير الخارجية '
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import os
import re
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Literal

import yaml

from analysis.corpus.encoding import decode_bytes
from analysis.errors import CorpusError
from analysis.paths import SEED_CATALOG, SEEDS_DIR, relative_to_project

#: Files larger than this are rejected as "too large" (one article per file is expected; archives are streamed).
#: Archive members are read through a stream that stops at this size + 1 byte, whatever their header says.
MAX_FILE_BYTES = 100 * 1024 * 1024
#: Total uncompressed bytes read from one archive; the members after the budget is spent become one error.
MAX_ARCHIVE_BYTES = 4 * 1024 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
TREC_SUFFIXES = frozenset({".xml", ".trec", ".sgml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar", ".zip")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | TREC_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES
ARCHIVE_SEPARATOR = "!"

_DOC_RE = re.compile(r"<DOC>(.*?)(</DOC>|(?=<DOC>)|\Z)", re.S)
_FIELD_RE = re.compile(r"<(DOCNO|URL|SRC|CAT|TITLE|TIME|AUTHOR|ABSTRACT|TEXT)>(.*?)</\1>", re.S)
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_TREC_START_RE = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*)?<DOC>")


@dataclass
class Article:
    """One news article.

    Attributes:
        doc_id: Identifier (``DOCNO``, a JSON ``doc_id``/``id``, front matter, or the file stem).
        text: Article body in logical-order Unicode with ``\\n`` line endings; every offset
            reported by the package indexes this string.
        title: Headline, if known.
        source: Outlet (``SRC`` or front matter ``source``/``outlet``), if known.
        published: Publication date as ISO ``YYYY-MM-DD``, if known.
        url: Address of the article, if known.
        path: Where it was read from (``archive!member`` inside archives), relative to the
            project when inside it.
        meta: Every other field of the record (``category``, ``author``, ``abstract``,
            the raw ``time`` string, ``record`` index ...).
    """

    doc_id: str
    text: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None
    path: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the article text (UTF-8): identifies an article across runs."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class LoadProblem:
    """An input that was not loaded, and why."""

    path: str
    reason: str
    record: str | None = None

    @classmethod
    def from_error(cls, err: CorpusError) -> "LoadProblem":
        return cls(err.path, err.reason, err.record)


# --- field helpers ----------------------------------------------------------


def _iso_date(value: Any) -> str | None:
    """Best-effort ISO date from RFC 2822 (``Mon, 30 Jul 2018 07:12:48 GMT``) or ISO strings."""
    if value is None or value == "":
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    s = str(value).strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", s):
        return s[:10]
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _clean_field(value: str) -> str:
    value = value.strip()
    if "&" in value:
        value = html.unescape(value)
    return value


def _none_if_empty(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


# --- format parsers ---------------------------------------------------------


def _parse_trec(text: str, path: str) -> Iterator[Article | CorpusError]:
    """Yield an Article or a CorpusError per ``<DOC>`` record."""
    records = _DOC_RE.findall(text)
    if not records:
        yield CorpusError(path, "no <DOC> record found")
        return
    for index, (body, closing) in enumerate(records):
        fields = {name.lower(): _clean_field(value) for name, value in _FIELD_RE.findall(body)}
        record = fields.get("docno") or f"record {index + 1}"
        if closing != "</DOC>":  # each record is judged by its own end, not by a global count
            yield CorpusError(path, "truncated <DOC> record (no closing </DOC>)", record)
            continue
        body_text = fields.get("text", "")
        if not body_text.strip():
            yield CorpusError(path, "<DOC> without text", record)
            continue
        meta = {k: fields[k] for k in ("cat", "author", "abstract") if fields.get(k)}
        if "cat" in meta:
            meta["category"] = meta.pop("cat")
        if fields.get("time"):
            meta["time"] = fields["time"]
        meta["record"] = index + 1
        yield Article(
            doc_id=fields.get("docno") or f"{Path(path).stem}#{index + 1}",
            text=body_text,
            title=_none_if_empty(fields.get("title")),
            source=_none_if_empty(fields.get("src")),
            published=_iso_date(fields.get("time")),
            url=_none_if_empty(fields.get("url")),
            path=path,
            meta=meta,
        )


def _article_from_mapping(obj: Any, path: str, default_id: str, record: str) -> Article:
    if not isinstance(obj, dict):
        raise CorpusError(path, f"expected a JSON object, got {type(obj).__name__}", record)
    body = obj.get("text")
    if not isinstance(body, str) or not body.strip():
        raise CorpusError(path, "record without text", record)
    known = {"doc_id", "id", "text", "title", "headline", "source", "outlet", "published", "date", "url"}
    return Article(
        doc_id=str(obj.get("doc_id") or obj.get("id") or default_id),
        text=body.replace("\r\n", "\n").replace("\r", "\n"),
        title=_none_if_empty(obj.get("title") or obj.get("headline")),
        source=_none_if_empty(obj.get("source") or obj.get("outlet")),
        published=_iso_date(obj.get("published") or obj.get("date")),
        url=_none_if_empty(obj.get("url")),
        path=path,
        meta={k: v for k, v in obj.items() if k not in known},
    )


def _parse_jsonl(text: str, path: str) -> Iterator[Article | CorpusError]:
    stem = Path(path.split(ARCHIVE_SEPARATOR)[-1]).stem
    found = False
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        found = True
        record = f"line {lineno}"
        try:
            obj = json.loads(line)
            yield _article_from_mapping(obj, path, f"{stem}#{lineno}", record)
        except json.JSONDecodeError as exc:
            yield CorpusError(path, f"malformed JSON ({exc.msg} at column {exc.colno})", record)
        except CorpusError as err:
            yield err
    if not found:
        yield CorpusError(path, "empty file (no JSON lines)")


def _parse_json(text: str, path: str) -> Iterator[Article | CorpusError]:
    stem = Path(path.split(ARCHIVE_SEPARATOR)[-1]).stem
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        yield CorpusError(path, f"malformed JSON ({exc.msg} at line {exc.lineno})")
        return
    items = obj if isinstance(obj, list) else [obj]
    for i, item in enumerate(items, start=1):
        try:
            yield _article_from_mapping(item, path, stem if len(items) == 1 else f"{stem}#{i}", f"item {i}")
        except CorpusError as err:
            yield err


def _parse_plain(text: str, path: str) -> Iterator[Article | CorpusError]:
    stem = Path(path.split(ARCHIVE_SEPARATOR)[-1]).stem
    meta: dict[str, Any] = {}
    body = text
    match = _FRONT_MATTER_RE.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            yield CorpusError(path, f"malformed YAML front matter ({exc.__class__.__name__})")
            return
        if loaded is not None and not isinstance(loaded, dict):
            yield CorpusError(path, "YAML front matter is not a mapping")
            return
        meta = dict(loaded or {})
        body = text[match.end():]
    if not body.strip():
        yield CorpusError(path, "article without text")
        return
    known = {"doc_id", "id", "title", "headline", "source", "outlet", "published", "date", "url"}
    yield Article(
        doc_id=str(meta.get("doc_id") or meta.get("id") or stem),
        text=body,
        title=_none_if_empty(meta.get("title") or meta.get("headline")),
        source=_none_if_empty(meta.get("source") or meta.get("outlet")),
        published=_iso_date(meta.get("published") or meta.get("date")),
        url=_none_if_empty(meta.get("url")),
        path=path,
        meta={k: v for k, v in meta.items() if k not in known},
    )


def _suffix(name: str) -> str:
    return Path(name).suffix.lower()


def _too_large(size: float, what: str = "file") -> str:
    return f"{what} too large ({size / 1e6:.0f} MB > {MAX_FILE_BYTES / 1e6:.0f} MB limit)"


def parse_bytes(data: bytes, path: str) -> Iterator[Article | CorpusError]:
    """Decode and parse one file's bytes; yield Articles and CorpusErrors (never raises)."""
    if len(data) > MAX_FILE_BYTES:
        yield CorpusError(path, _too_large(len(data)))
        return
    try:
        text = decode_bytes(data, path)
    except CorpusError as err:
        yield err
        return
    suffix = _suffix(path)
    if suffix in JSONL_SUFFIXES:
        yield from _parse_jsonl(text, path)
    elif suffix in JSON_SUFFIXES:
        yield from _parse_json(text, path)
    elif suffix in TREC_SUFFIXES or _TREC_START_RE.match(text):
        yield from _parse_trec(text, path)
    else:
        yield from _parse_plain(text, path)


# --- walking files and archives --------------------------------------------


def _is_archive(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(ARCHIVE_SUFFIXES)


def _display_path(path: Path) -> str:
    return relative_to_project(path)


def _read_capped(fh: Any, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """At most ``limit`` bytes of a stream; ``None`` when it holds more (reads ``limit + 1`` at most)."""
    data = fh.read(limit + 1)
    return None if len(data) > limit else data


def _tar_member_kind(info: tarfile.TarInfo) -> str:
    if info.issym():
        return "symbolic link"
    if info.islnk():
        return "hard link"
    if info.ischr() or info.isblk():
        return "device"
    if info.isfifo():
        return "FIFO"
    return "non-regular"


def _zip_member_kind(info: zipfile.ZipInfo) -> str | None:
    """The kind of a zip member that is not a regular file (Unix mode bits), else None."""
    mode = info.external_attr >> 16
    if not stat.S_IFMT(mode) or stat.S_ISREG(mode) or stat.S_ISDIR(mode):  # no type bits: a plain file
        return None
    if stat.S_ISLNK(mode):
        return "symbolic link"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    return "non-regular"


def _budget_error(shown: str, member: str) -> CorpusError:
    return CorpusError(shown, f"archive exceeds the uncompressed budget of {MAX_ARCHIVE_BYTES / 1e9:.1f} GB "
                              f"(MAX_ARCHIVE_BYTES); members from {member!r} on were not read")


def _iter_zip(path: Path, shown: str) -> Iterator[Article | CorpusError]:
    used = 0
    with zipfile.ZipFile(path) as zf:
        for info in sorted(zf.infolist(), key=lambda i: i.filename):
            if info.is_dir():
                continue
            member = f"{shown}{ARCHIVE_SEPARATOR}{info.filename}"
            kind = _zip_member_kind(info)
            if kind is not None:
                yield CorpusError(member, f"{kind} member not read (only regular files are)")
                continue
            if _suffix(info.filename) not in SUPPORTED_SUFFIXES:
                yield CorpusError(member, f"unsupported file type {_suffix(info.filename)!r}")
                continue
            if info.file_size > MAX_FILE_BYTES:
                yield CorpusError(member, _too_large(info.file_size, "member"))
                continue
            if used + info.file_size > MAX_ARCHIVE_BYTES:
                yield _budget_error(shown, info.filename)
                return
            with zf.open(info) as fh:  # the header's size may lie: the stream is capped
                data = _read_capped(fh, min(MAX_FILE_BYTES, MAX_ARCHIVE_BYTES - used))
            if data is None:
                if used + MAX_FILE_BYTES >= MAX_ARCHIVE_BYTES:
                    yield _budget_error(shown, info.filename)
                    return
                yield CorpusError(member, f"member inflates beyond {MAX_FILE_BYTES / 1e6:.0f} MB "
                                          f"(its header says {info.file_size} bytes); not read")
                used += MAX_FILE_BYTES
                continue
            used += len(data)
            yield from parse_bytes(data, member)


def _iter_tar(path: Path, shown: str) -> Iterator[Article | CorpusError]:
    used = 0
    with tarfile.open(path, "r:*") as tf:
        for info in tf:  # streaming: members in archive order
            if info.isdir():
                continue
            member = f"{shown}{ARCHIVE_SEPARATOR}{info.name}"
            if not info.isfile():
                yield CorpusError(member, f"{_tar_member_kind(info)} member not read (only regular files are)")
                continue
            used += info.size  # skipping a member of a compressed stream inflates it too
            if used > MAX_ARCHIVE_BYTES:
                yield _budget_error(shown, info.name)
                return
            if _suffix(info.name) not in SUPPORTED_SUFFIXES:
                yield CorpusError(member, f"unsupported file type {_suffix(info.name)!r}")
                continue
            if info.size > MAX_FILE_BYTES:
                yield CorpusError(member, _too_large(info.size, "member"))
                continue
            fh = tf.extractfile(info)
            if fh is None:
                yield CorpusError(member, "unreadable archive member")
                continue
            data = _read_capped(fh)
            if data is None:
                yield CorpusError(member, _too_large(MAX_FILE_BYTES + 1, "member"))
                continue
            yield from parse_bytes(data, member)


def _iter_archive(path: Path) -> Iterator[Article | CorpusError]:
    shown = _display_path(path)
    try:
        if path.name.lower().endswith(".zip"):
            yield from _iter_zip(path, shown)
        else:
            yield from _iter_tar(path, shown)
    except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError, zlib.error) as exc:
        yield CorpusError(shown, f"corrupt archive ({exc.__class__.__name__}: {exc})")


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "not a regular file"


def _iter_file(path: Path) -> Iterator[Article | CorpusError]:
    shown = _display_path(path)
    try:
        info = path.stat()
    except OSError as exc:
        yield CorpusError(shown, f"cannot read file ({exc.strerror or exc})")
        return
    if not stat.S_ISREG(info.st_mode):
        yield CorpusError(shown, f"not a regular file ({_file_kind(info.st_mode)}); not read")
        return
    if _is_archive(path.name):
        yield from _iter_archive(path)
        return
    try:
        if info.st_size > MAX_FILE_BYTES:
            yield CorpusError(shown, _too_large(info.st_size))
            return
        with open(path, "rb") as fh:
            data = _read_capped(fh)
        if data is None:
            yield CorpusError(shown, _too_large(MAX_FILE_BYTES + 1))
            return
    except OSError as exc:
        yield CorpusError(shown, f"cannot read file ({exc.strerror or exc})")
        return
    yield from parse_bytes(data, shown)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _link_problem(p: Path, root_real: str) -> CorpusError | None:
    """Why a symbolic link under an input folder is not followed (None: it points inside the folder)."""
    target = os.path.realpath(p)
    if not os.path.exists(target):
        return CorpusError(_display_path(p), f"broken symbolic link (to {os.readlink(p)}); not read")
    if not _inside(target, root_real):
        return CorpusError(_display_path(p), f"symbolic link to {target}, outside the input folder; not followed")
    return None


def _walk(root: Path) -> Iterator[Path | CorpusError]:
    """Files under ``root`` in sorted order; unsupported types and unusable entries come back as errors.

    Symbolic links are followed only when they point inside ``root`` (a linked folder
    inside it is read where it really is, once); links that leave it or lead nowhere,
    FIFOs, sockets and devices become errors.
    """
    root_real = os.path.realpath(root)
    for dirpath, dirnames, filenames in os.walk(root):
        kept = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            p = Path(dirpath) / d
            if p.is_symlink():
                problem = _link_problem(p, root_real)
                if problem is not None:
                    yield problem
                continue  # os.walk does not descend into linked folders; inside ones are walked anyway
            kept.append(d)
        dirnames[:] = kept
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            p = Path(dirpath) / name
            if p.is_symlink():
                problem = _link_problem(p, root_real)
                if problem is not None:
                    yield problem
                    continue
            try:
                mode = p.stat().st_mode
            except OSError as exc:
                yield CorpusError(_display_path(p), f"cannot read file ({exc.strerror or exc})")
                continue
            if not stat.S_ISREG(mode):
                yield CorpusError(_display_path(p), f"not a regular file ({_file_kind(mode)}); not read")
            elif _is_archive(name) or _suffix(name) in SUPPORTED_SUFFIXES:
                yield p
            else:
                yield CorpusError(_display_path(p), f"unsupported file type {_suffix(name)!r}")


def iter_sources(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> Iterator[Path | CorpusError]:
    """Expand inputs (files, folders, archives) into files to read, in a stable order."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from _walk(p)
        elif p.is_file():
            yield p
        elif p.exists():
            yield CorpusError(str(raw), f"not a regular file ({_file_kind(p.stat().st_mode)}); not read")
        else:
            yield CorpusError(str(raw), "no such file or directory")


class ArticleIterator:
    """Iterator over articles that records what it could not load.

    Attributes:
        problems: :class:`LoadProblem` for every input skipped (``errors="report"``).
        files_read: Number of files (and archive members) read.
    """

    def __init__(self, paths: Any, errors: Literal["raise", "report"] = "raise") -> None:
        if errors not in ("raise", "report"):
            raise ValueError(f"errors must be 'raise' or 'report', got {errors!r}")
        self._paths = paths
        self.errors = errors
        self.problems: list[LoadProblem] = []
        self.files_read = 0

    def _handle(self, err: CorpusError) -> None:
        if self.errors == "raise":
            raise err
        self.problems.append(LoadProblem.from_error(err))

    def __iter__(self) -> Iterator[Article]:
        for source in iter_sources(self._paths):
            if isinstance(source, CorpusError):
                self._handle(source)
                continue
            last_path = None
            for item in _iter_file(source):
                if item.path != last_path:  # one more file or archive member opened
                    self.files_read += 1
                    last_path = item.path
                if isinstance(item, CorpusError):
                    self._handle(item)
                else:
                    yield item


def iter_articles(
    path_or_dir: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    errors: Literal["raise", "report"] = "raise",
) -> ArticleIterator:
    """Iterate over every article in files, folders and archives.

    Args:
        path_or_dir: A file, folder or archive, or a list of them.
        errors: ``"raise"`` stops at the first bad input with a CorpusError;
            ``"report"`` skips it and records it in the iterator's ``problems``.

    Returns:
        An iterable of :class:`Article`; its ``problems`` list fills as it runs.

    Example:
        >>> it = iter_articles("archive.tar.gz", errors="report")  # doctest: +SKIP
        >>> articles = list(it); it.problems  # doctest: +SKIP
    """
    return ArticleIterator(path_or_dir, errors)


def load_article(path: str | os.PathLike[str]) -> Article:
    """Load a file holding exactly one article.

    Raises:
        CorpusError: The file is missing, empty, binary, undecodable, malformed,
            or holds more or less than one article.
    """
    p = Path(path)
    if not p.is_file():
        raise CorpusError(str(path), "no such file")
    articles: list[Article] = []
    for item in _iter_file(p):
        if isinstance(item, CorpusError):
            raise item
        articles.append(item)
    if len(articles) != 1:
        raise CorpusError(_display_path(p), f"file holds {len(articles)} articles; use iter_articles()")
    return articles[0]


# --- seeds ------------------------------------------------------------------

#: Columns of ``seeds/catalog.csv`` (see the README): ``published`` is the publication date when known;
#: ``reference_date`` the date relative time expressions are resolved against when ``published`` is
#: unknown but the text dates itself (say how in ``notes``). Dates are ISO ``YYYY-MM-DD``.
CATALOG_FIELDS: tuple[str, ...] = ("doc_id", "file", "sha256", "language", "outlet", "published", "headline", "notes",
                                   "reference_date")


def file_sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


#: Catalog columns that hold dates (ISO ``YYYY-MM-DD`` or empty).
CATALOG_DATE_FIELDS: tuple[str, ...] = ("published", "reference_date")


def read_catalog(path: str | os.PathLike[str] = SEED_CATALOG) -> list[dict[str, str]]:
    """Rows of the seed catalog (``seeds/catalog.csv``), in file order.

    Raises:
        CorpusError: The columns are not :data:`CATALOG_FIELDS`, or a date column holds
            something else than an ISO date ``YYYY-MM-DD`` (the row and column are named).
    """
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != CATALOG_FIELDS:
            raise CorpusError(str(path), f"catalog columns must be {', '.join(CATALOG_FIELDS)}")
        rows = [dict(row) for row in reader]
    for line, row in enumerate(rows, start=2):
        for column in CATALOG_DATE_FIELDS:
            value = row[column] or ""
            if value and not _is_iso_date(value):
                raise CorpusError(str(path), f"{column} must be an ISO date YYYY-MM-DD or empty, got {value!r}",
                                  f"line {line}, doc_id {row['doc_id']}")
    return rows


def _is_iso_date(value: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def load_seeds(verify: bool = True) -> list[Article]:
    """Load every article listed in ``seeds/catalog.csv``, with its catalog metadata.

    Args:
        verify: Check each file's SHA-256 against the catalog.

    Raises:
        CorpusError: A file is missing, fails its checksum, or cannot be loaded.
    """
    articles = []
    for row in read_catalog():
        path = SEEDS_DIR / row["file"]
        if not path.is_file():
            raise CorpusError(_display_path(path), "listed in the catalog but missing")
        if verify and file_sha256(path) != row["sha256"]:
            raise CorpusError(_display_path(path), "checksum differs from seeds/catalog.csv (input was modified)")
        art = load_article(path)
        art.doc_id = row["doc_id"]
        art.title = art.title or _none_if_empty(row["headline"])
        art.source = art.source or _none_if_empty(row["outlet"])
        art.published = art.published or _iso_date(row["published"])
        art.meta.update({"language": row["language"], "notes": row["notes"], "sha256": row["sha256"],
                         "reference_date": _iso_date(row["reference_date"])})
        articles.append(art)
    return articles
