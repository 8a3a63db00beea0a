"""analysis.paths resolves folders from the package, whatever the working directory."""

import os
import subprocess
import sys

import pytest

from analysis import paths


@pytest.mark.parametrize(
    "name, relative",
    [
        ("SEEDS_DIR", "seeds"),
        ("FIGURES_DIR", "figures"),
        ("TABLES_DIR", "tables"),
        ("NOTEBOOKS_DIR", "notebooks"),
        ("TESTS_DIR", "tests"),
        ("BENCHMARKS_DIR", "benchmarks"),
        ("LEXICONS_DIR", "analysis/lexicons"),
        ("SEED_CATALOG", "seeds/catalog.csv"),
    ],
)
def test_folders_are_under_project_root(name, relative):
    value = getattr(paths, name)
    assert value == paths.PROJECT_ROOT / relative
    assert value.exists(), f"{name} -> {value} does not exist"


def test_project_root_holds_pyproject():
    assert (paths.PROJECT_ROOT / "pyproject.toml").is_file()


def test_paths_do_not_depend_on_working_directory(tmp_path):
    code = "from analysis import paths; print(paths.SEEDS_DIR)"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(paths.SEEDS_DIR)


def test_shared_dir_can_be_overridden(tmp_path):
    code = "from analysis import paths; print(paths.SHARED_DIR); print(paths.ANT_CORPUS)"
    env = {**os.environ, "ANALYSIS_SHARED_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    shared, corpus = out.stdout.split("\n")[:2]
    assert shared == str(tmp_path.resolve())
    assert corpus == str(tmp_path.resolve() / "corpora" / "ant-multisource-v2.1-middleEast.tar.gz")


@pytest.mark.parametrize(
    "inside, expected",
    [("seeds/000_59786d66bf5a77f6.txt", "seeds/000_59786d66bf5a77f6.txt"), ("figures/x.png", "figures/x.png")],
)
def test_relative_to_project(inside, expected):
    assert paths.relative_to_project(paths.PROJECT_ROOT / inside) == expected


def test_relative_to_project_keeps_outside_paths():
    assert paths.relative_to_project("/nonexistent-root/x.txt") == "/nonexistent-root/x.txt"
