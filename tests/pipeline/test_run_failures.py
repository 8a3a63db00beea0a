"""Corpus runs fail loudly and lose nothing: missing inputs, unwritable outputs, a full disk, an
unreachable scheduler, a resume into another run's folder, orphaned workers, empty aggregates."""

from __future__ import annotations

import errno
import functools
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.__main__ import main
from analysis.paths import PROJECT_ROOT, TABLES_DIR
from analysis.pipeline import runner
from analysis.pipeline.aggregates import AggregateError, aggregate_run
from analysis.pipeline.tables import PartStore, read_table_csv
from tests.support.runs_factory import article_text, make_good_corpus, stub_process

ENV = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "CI": "1"}


def _cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=PROJECT_ROOT, env=ENV)


def _one_clear_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def test_run_of_a_missing_input_fails_in_one_line(tmp_path):
    proc = _cli("run", str(tmp_path / "MISSING"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 1
    line = _one_clear_line(proc.stderr)
    assert "input not found" in line and "MISSING" in line
    assert not (tmp_path / "out").exists()  # nothing created, nothing replaced


def test_run_that_reads_no_article_fails(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "binary.txt").write_bytes(bytes(range(256)))
    proc = _cli("run", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 1
    line = _one_clear_line(proc.stderr)
    assert "no article could be read" in line and "2 load errors" in line and "errors.csv" in line
    errors = read_table_csv(tmp_path / "out" / "errors.csv")
    assert len(errors) == 2  # what could not be read is still recorded


def _tree_hash(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_make_corpus_with_a_typo_keeps_the_committed_tables():
    before = _tree_hash(TABLES_DIR / "corpus")
    proc = subprocess.run(["make", "--no-print-directory", "corpus", "CORPUS=typo-does-not-exist.tar.gz"],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600,
                          env={k: v for k, v in os.environ.items() if not k.startswith("MAKE")})
    assert proc.returncode != 0
    assert "input not found: typo-does-not-exist.tar.gz" in proc.stderr
    assert _tree_hash(TABLES_DIR / "corpus") == before


def test_aggregate_of_a_run_without_articles_leaves_the_folder(tmp_path):
    run = tmp_path / "run"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    runner.run_corpus([tmp_path / "in"], run, progress=False)
    out = tmp_path / "agg"
    out.mkdir()
    (out / "keep.csv").write_text("earlier,table\n", encoding="utf-8")
    with pytest.raises(AggregateError, match="no article"):
        aggregate_run(run, out)
    assert sorted(p.name for p in out.iterdir()) == ["keep.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agg", "in", "run"]  # no temporary folder left


def test_aggregate_replaces_the_folder_as_a_whole(tmp_path):
    make_good_corpus(tmp_path / "in", n=4)
    runner.run_corpus([tmp_path / "in"], tmp_path / "run", process=stub_process, progress=False)
    out = tmp_path / "agg"
    out.mkdir()
    (out / "stale_table.csv").write_text("from,another,run\n", encoding="utf-8")
    written = aggregate_run(tmp_path / "run", out)
    assert "stale_table.csv" not in {p.name for p in out.iterdir()}
    assert sorted(written) == sorted(out.iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agg", "in", "run"]


def test_unwritable_output_is_one_line_naming_the_path(tmp_path):
    make_good_corpus(tmp_path / "in", n=4)
    (tmp_path / "a_file").write_text("x", encoding="utf-8")
    proc = _cli("run", str(tmp_path / "in"), "--out", str(tmp_path / "a_file" / "run"))
    assert proc.returncode == 1
    line = _one_clear_line(proc.stderr)
    assert "cannot write the run's tables" in line and str(tmp_path / "a_file") in line


def test_full_disk_keeps_finished_chunks_and_says_resume(tmp_path, monkeypatch, capsys):
    make_good_corpus(tmp_path / "in", n=12)
    real_write = PartStore.write_chunk
    calls = {"n": 0}

    def write_until_disk_full(self, rows, stats=None):
        calls["n"] += 1
        if calls["n"] >= 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(self.parts_dir / "000003.tmp"))
        return real_write(self, rows, stats)

    monkeypatch.setattr(PartStore, "write_chunk", write_until_disk_full)
    monkeypatch.setattr(runner, "run_corpus", functools.partial(runner.run_corpus, process=stub_process,
                                                                chunk_items=3, batch_size=1))
    out = tmp_path / "out"
    assert main(["run", str(tmp_path / "in"), "--out", str(out), "--no-progress"]) == 1
    line = _one_clear_line(capsys.readouterr().err)
    assert "no space left on device" in line and "000003.tmp" in line
    assert "2 finished chunks kept" in line and "--resume" in line
    monkeypatch.setattr(PartStore, "write_chunk", real_write)
    assert main(["run", str(tmp_path / "in"), "--out", str(out), "--resume", "--no-progress"]) == 0
    arts = read_table_csv(out / "articles.csv")
    assert len(arts) == 14 and arts["article_key"].is_unique


def test_unreachable_scheduler_is_one_line_naming_the_address(tmp_path):
    make_good_corpus(tmp_path / "in", n=4)
    out = tmp_path / "out"
    out.mkdir()
    (out / "articles.csv").write_text("earlier run\n", encoding="utf-8")
    proc = _cli("run", str(tmp_path / "in"), "--out", str(out), "--engine", "dask", "--scheduler",
                "tcp://127.0.0.1:1", timeout=120)
    assert proc.returncode == 1
    line = _one_clear_line(proc.stderr)
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in line
    assert (out / "articles.csv").read_text(encoding="utf-8") == "earlier run\n"  # checked before touching it
    proc = _cli("run", str(tmp_path / "in"), "--out", str(out), "--engine", "dask", "--scheduler", "tcp://:x")
    assert proc.returncode == 1 and "bad Dask scheduler address" in _one_clear_line(proc.stderr)


def test_resume_refuses_a_folder_made_from_other_inputs(tmp_path, capsys):
    make_good_corpus(tmp_path / "a", n=4)
    make_good_corpus(tmp_path / "b", n=8)
    out = tmp_path / "out"
    runner.run_corpus([tmp_path / "a"], out, process=stub_process, progress=False)
    before = (out / "articles.csv").read_bytes()
    assert main(["run", str(tmp_path / "b"), "--out", str(out), "--resume", "--no-progress"]) == 1
    line = _one_clear_line(capsys.readouterr().err)
    assert "made from other inputs" in line and str(tmp_path / "a") in line
    assert (out / "articles.csv").read_bytes() == before
    manifest = json.loads((out / runner.MANIFEST_FILE).read_text(encoding="utf-8"))
    assert manifest["inputs"] == [(tmp_path / "a").as_posix()]


def test_summary_counts_the_whole_run_across_resumes(tmp_path, capsys):
    make_good_corpus(tmp_path / "in", n=8)  # 8 TREC articles + 2 txt = 10
    out = tmp_path / "out"
    assert main(["run", str(tmp_path / "in"), "--out", str(out), "--limit", "3", "--no-progress"]) == 0
    assert main(["run", str(tmp_path / "in"), "--out", str(out), "--resume", "--no-progress"]) == 0
    printed = capsys.readouterr().out
    assert "articles processed:  7 (+3 already done, skipped)" in printed
    assert "whole run:           10 articles" in printed and "over 2 invocations" in printed
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    arts = read_table_csv(out / "articles.csv", runner.TABLE_SCHEMAS["articles"])
    assert summary["articles_processed"] == 10 == len(arts)
    assert summary["text_bytes"] == int(arts["n_bytes"].sum())
    assert summary["invocations"] == 2 and summary["last_invocation"]["articles_processed"] == 7
    assert summary["claims"] == len(read_table_csv(out / "claims.csv"))


# --- workers die with their parent -----------------------------------------------------------


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(entry))
    return out


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as fh:
            state = fh.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie is dead (waiting to be reaped)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_when_the_run_is_killed(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    for f in range(60):  # enough work to still be running when it is killed
        (root / f"a{f:03d}.txt").write_text("\n".join(article_text(f + k) for k in range(40)), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "run", str(root), "--out", str(tmp_path / "out"),
                             "--jobs", "2"], cwd=PROJECT_ROOT, env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            workers = [p for p in _children(proc.pid) if _alive(p)]
            if len(workers) >= 2:
                break
            time.sleep(0.05)
        assert len(workers) >= 2, "the run never started two workers"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(_alive(p) for p in workers):
            time.sleep(0.1)
        survivors = [p for p in workers if _alive(p)]
        assert survivors == [], "pool workers outlived the killed run"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
