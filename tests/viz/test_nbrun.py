"""`make figures` (analysis.nbrun): kernels without warnings, one summary line at the end."""

from __future__ import annotations

import subprocess
import sys

import nbformat

from analysis.nbrun import canonical_metadata
from analysis.paths import PROJECT_ROOT


def test_notebook_runs_without_kernel_warnings_and_ends_with_a_summary(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("print(6 * 7)")]
    canonical_metadata(nb)
    path = tmp_path / "tiny.ipynb"
    nbformat.write(nb, path)
    proc = subprocess.run([sys.executable, "-m", "analysis.nbrun", str(path)], capture_output=True, text=True,
                          timeout=300, cwd=PROJECT_ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines() == ["executing tiny.ipynb"]  # nothing from the kernel
    lines = proc.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("figures: 1 notebook run; ")
    assert "0 changed, 0 new" in lines[0]  # a notebook without figures changes none
    executed = nbformat.read(path, as_version=4)
    assert executed.cells[0].outputs[0]["text"] == "42\n"
