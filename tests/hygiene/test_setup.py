"""Setting up: `make venv` checks the Python version first and rebuilds an environment made by another
Python; the README documents the analyst's path."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis.paths import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def _fake_python(folder: Path, version: str) -> Path:
    """A stand-in interpreter that reports ``version`` (what the Makefile asks a Python for)."""
    path = folder / f"python{version}"
    path.write_text(f"#!/bin/sh\necho {version}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def _make(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    return subprocess.run(["make", "--no-print-directory", "-C", str(folder), *args], capture_output=True,
                          text=True, timeout=120, env=env)


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """The Makefile alone in a scratch folder: the checks run there, never on the real .venv."""
    shutil.copy(PROJECT_ROOT / "Makefile", tmp_path / "Makefile")
    return tmp_path


@pytest.mark.skipif(shutil.which("make") is None, reason="no make")
def test_old_python_is_refused_with_the_version_and_the_fix(project_copy):
    old = _fake_python(project_copy, "3.10.13")
    proc = _make(project_copy, "venv", f"PYTHON={old}")
    assert proc.returncode != 0
    assert "needs Python >= 3.11, found 3.10.13: set PYTHON=python3.11" in proc.stderr
    assert not (project_copy / ".venv").exists()  # refused before anything was created


@pytest.mark.skipif(shutil.which("make") is None, reason="no make")
def test_environment_made_by_another_python_is_rebuilt(project_copy):
    venv = project_copy / ".venv"
    venv.mkdir()
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\nversion = 3.10.13\n", encoding="utf-8")
    (venv / ".installed").write_text("", encoding="utf-8")
    new = _fake_python(project_copy, "3.11.7")
    proc = _make(project_copy, "python-check", f"PYTHON={new}")
    assert proc.returncode == 0, proc.stderr
    assert ".venv was made by Python 3.10.13" in proc.stdout and "rebuilding it" in proc.stdout
    assert not venv.exists()


@pytest.mark.skipif(shutil.which("make") is None, reason="no make")
def test_environment_made_by_the_same_python_is_kept(project_copy):
    venv = project_copy / ".venv"
    venv.mkdir()
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\nversion_info = 3.11.2.final.0\n", encoding="utf-8")
    same = _fake_python(project_copy, "3.11.7")
    proc = _make(project_copy, "python-check", f"PYTHON={same}")
    assert proc.returncode == 0 and proc.stdout == "" and venv.exists()


@pytest.mark.parametrize("needle", [
    "make clean",                     # a broken .venv is rebuilt from scratch
    "make article ARTICLE=",          # any article, one command
    "build/articles/",                # where its notebooks, figures, tables and report go
    "index.html",
    "minutes",                        # first setup takes minutes ...
    "package index",                  # ... and needs the network (PyPI)
    "PYTHON=python3.11",
    "`notes`",                        # the catalog columns, in full
    "`reference_date`",
])
def test_readme_documents_the_analysts_path(needle):
    assert needle in README
