# Two commands for analysts (see README.md):
#   make figures   set up if needed, execute every notebook in place, regenerate figures/
#   make test      set up if needed, run unit tests and nbval over the notebooks
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
KERNEL := arabic-news
CORPUS ?= ../shared/corpora/ant-multisource-v2.1-middleEast.tar.gz
export MPLBACKEND := Agg
export PYTHONHASHSEED := 0

.PHONY: venv figures test unit nbval test-legacy-display corpus kernel bench clean

venv: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (arabic-news analysis)" >/dev/null
	$(PY) -c "import matplotlib.pyplot"  # build matplotlib's font cache once, outside the notebooks
	@touch $(STAMP)

figures: venv
	$(PY) -m analysis.nbrun

test: unit nbval test-legacy-display

unit: venv
	$(PY) -m pytest -q  # tests/ and the docstring examples of analysis/ (pyproject.toml)

nbval: venv
	$(PY) -m pytest -q -p no:cacheprovider --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg

# Corpus run (CORPUS=path to files, folders or archives): full tables into build/ (git-ignored,
# they hold article text), aggregated tables without text into tables/corpus/ (committed).
corpus: venv
	$(PY) -m analysis run $(CORPUS) --out build/corpus-run --jobs 2
	$(PY) -m analysis aggregate build/corpus-run --out tables/corpus

# JupyterLab outside the venv: make the kernel visible to your user account too.
kernel: venv
	$(PY) -m ipykernel install --user --name $(KERNEL) --display-name "Python (arabic-news analysis)"

# The display tests again, in a small environment with matplotlib 3.10 (no native Arabic shaping).
LEGACY_VENV := .venv-mpl310
LEGACY_STAMP := $(LEGACY_VENV)/.installed

$(LEGACY_STAMP): tests/legacy/requirements-mpl310.txt pyproject.toml
	@test -x $(LEGACY_VENV)/bin/python || $(PYTHON) -m venv $(LEGACY_VENV)
	$(LEGACY_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r tests/legacy/requirements-mpl310.txt
	$(LEGACY_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(LEGACY_STAMP)

test-legacy-display: $(LEGACY_STAMP)
	$(LEGACY_VENV)/bin/python -m pytest --noconftest -p no:cacheprovider -q tests/test_display.py

clean:
	rm -rf $(VENV) .venv-* .pytest_cache build
