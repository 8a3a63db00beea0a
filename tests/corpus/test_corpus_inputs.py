"""Inputs that are not plain files: symbolic links, FIFOs, non-regular archive members, archive bombs,
UTF-16 without byte-order mark. Every one ends up as an article or as an error naming it."""

from __future__ import annotations

import io
import os
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest

from analysis.corpus import encoding, iter_articles, loader
from analysis.errors import CorpusError

TEXT = "قالت الوزارة إن 12 مدنياً قتلوا في القصف على البلدة أمس.\n"


def _run(paths):
    it = iter_articles(paths, errors="report")
    articles = list(it)
    return articles, it.problems


# --- symbolic links and special files in input folders ------------------------------------------


def test_symlink_leaving_the_input_folder_is_not_followed(tmp_path):
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("سر لا يقرأ: كلمة المرور 1234\n", encoding="utf-8")
    root = tmp_path / "in"
    root.mkdir()
    (root / "good.txt").write_text(TEXT, encoding="utf-8")
    (root / "passwd.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    (root / "linked_dir").symlink_to(tmp_path / "outside", target_is_directory=True)
    articles, problems = _run(root)
    assert [a.doc_id for a in articles] == ["good"]
    reasons = {Path(p.path).name: p.reason for p in problems}
    assert set(reasons) == {"passwd.txt", "linked_dir"}
    assert all("outside the input folder" in r and "not followed" in r for r in reasons.values())


def test_symlink_inside_the_input_folder_is_followed_and_broken_link_reported(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "real.txt").write_text(TEXT, encoding="utf-8")
    (root / "alias.txt").symlink_to(root / "sub" / "real.txt")
    (root / "sub_again").symlink_to(root / "sub", target_is_directory=True)  # inside: read once, where it is
    (root / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    articles, problems = _run(root)
    assert sorted(a.doc_id for a in articles) == ["alias", "real"]
    assert [(Path(p.path).name, p.reason.split(" (")[0]) for p in problems] == [("dangling.txt",
                                                                                   "broken symbolic link")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_in_a_folder_or_given_directly_is_an_error_not_a_hang(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "good.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(root / "pipe.txt")
    articles, problems = _run(root)
    assert [a.doc_id for a in articles] == ["good"]
    assert [(Path(p.path).name, p.reason) for p in problems] == [("pipe.txt", "not a regular file (FIFO); not read")]
    articles, problems = _run([root / "pipe.txt"])
    assert articles == [] and "not a regular file (FIFO)" in problems[0].reason


# --- archives ---------------------------------------------------------------------------------


def _tar_with_special_members(path: Path) -> None:
    with tarfile.open(path, "w:gz") as tf:
        data = TEXT.encode("utf-8")
        info = tarfile.TarInfo("a/good.txt")
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
        for name, kind, extra in (("a/link.txt", tarfile.SYMTYPE, {"linkname": "/etc/passwd"}),
                                  ("a/hard.txt", tarfile.LNKTYPE, {"linkname": "a/good.txt"}),
                                  ("a/dev.txt", tarfile.CHRTYPE, {"devmajor": 1, "devminor": 3}),
                                  ("a/pipe.txt", tarfile.FIFOTYPE, {})):
            member = tarfile.TarInfo(name)
            member.type = kind
            for key, value in extra.items():
                setattr(member, key, value)
            tf.addfile(member)


def test_every_non_regular_tar_member_is_an_error_row(tmp_path):
    _tar_with_special_members(tmp_path / "x.tar.gz")
    articles, problems = _run(tmp_path / "x.tar.gz")
    assert [a.doc_id for a in articles] == ["good"]
    got = [(p.path.split("!")[1], p.reason) for p in problems]
    assert got == [("a/link.txt", "symbolic link member not read (only regular files are)"),
                   ("a/hard.txt", "hard link member not read (only regular files are)"),
                   ("a/dev.txt", "device member not read (only regular files are)"),
                   ("a/pipe.txt", "FIFO member not read (only regular files are)")]


def test_zip_symlink_member_is_an_error_row(tmp_path):
    with zipfile.ZipFile(tmp_path / "x.zip", "w") as zf:
        zf.writestr("good.txt", TEXT)
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    articles, problems = _run(tmp_path / "x.zip")
    assert [a.doc_id for a in articles] == ["good"]
    assert [(p.path.split("!")[1], p.reason) for p in problems] == [
        ("link.txt", "symbolic link member not read (only regular files are)")]


class _Endless(io.RawIOBase):
    """A stream of zeros that counts what was read from it."""

    def __init__(self) -> None:
        self.served = 0

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        n = 1 << 30 if n is None or n < 0 else n
        self.served += n
        return b"0" * n


def test_capped_read_stops_at_the_limit_plus_one_byte():
    stream = _Endless()
    assert loader._read_capped(stream, 1000) is None
    assert stream.served == 1001


def test_zip_bomb_member_is_rejected_without_inflating_it(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 50_000)
    with zipfile.ZipFile(tmp_path / "bomb.zip", "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a_good.txt", TEXT)
        zf.writestr("b_bomb.txt", b"\x20" * 5_000_000)  # 5 MB of spaces, a few KB compressed
    assert (tmp_path / "bomb.zip").stat().st_size < 50_000
    inflated = {"bytes": 0}
    real_read = zipfile.ZipExtFile.read

    def counting_read(self, n=-1):
        data = real_read(self, n)
        inflated["bytes"] += len(data)
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting_read)
    articles, problems = _run(tmp_path / "bomb.zip")
    assert [a.doc_id for a in articles] == ["a_good"]
    assert [p.path.split("!")[1] for p in problems] == ["b_bomb.txt"] and "too large" in problems[0].reason
    assert inflated["bytes"] <= len(TEXT.encode("utf-8")) + 50_001


def test_tar_member_larger_than_the_limit_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 10_000)
    with tarfile.open(tmp_path / "big.tar.gz", "w:gz") as tf:
        for name, data in (("big.txt", b"\x20" * 200_000), ("ok.txt", TEXT.encode("utf-8"))):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    articles, problems = _run(tmp_path / "big.tar.gz")
    assert [a.doc_id for a in articles] == ["ok"]
    assert [p.path.split("!")[1] for p in problems] == ["big.txt"] and "too large" in problems[0].reason


def test_archive_budget_stops_reading_with_one_error(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "MAX_ARCHIVE_BYTES", 2_500)
    body = (TEXT * 12).encode("utf-8")  # ~1 KB each
    assert 1000 < len(body) < 1250
    with tarfile.open(tmp_path / "many.tar", "w") as tf:
        for i in range(5):
            info = tarfile.TarInfo(f"m{i}.txt")
            info.size = len(body)
            tf.addfile(info, io.BytesIO(body))
    articles, problems = _run(tmp_path / "many.tar")
    assert [a.doc_id for a in articles] == ["m0", "m1"]
    assert len(problems) == 1 and "uncompressed budget" in problems[0].reason and "'m2.txt'" in problems[0].reason


# --- encodings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded(tmp_path, codec):
    text = "قال الوزير إن 12 شخصاً قتلوا.\nوأضاف: «الوضع صعب» (Reuters)."
    (tmp_path / "a.txt").write_bytes(text.encode(codec))
    assert encoding.detect_encoding(text.encode(codec)) == codec
    (article,), problems = _run(tmp_path / "a.txt")
    assert article.text == text and problems == []


def test_arabic_only_utf16_without_bom_and_without_nul_bytes():
    text = "سورية"  # every code unit is 0x06xx: no NUL byte at all
    data = text.encode("utf-16-le")
    assert b"\x00" not in data
    assert encoding.decode_bytes(data) == text


def test_truncated_utf16_without_bom_is_named_as_such():
    data = "قال الوزير إن 12 شخصاً قتلوا.".encode("utf-16-le")[:-1]
    with pytest.raises(CorpusError, match="truncated UTF-16-LE text without byte-order mark"):
        encoding.decode_bytes(data)


def test_binary_data_is_still_binary():
    with pytest.raises(CorpusError, match="binary"):
        encoding.decode_bytes(bytes(range(256)) * 4)
