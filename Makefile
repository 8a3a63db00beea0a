# Commands for analysts (see README.md):
#   make figures              set up if needed, execute every notebook in place, regenerate figures/
#   make test                 set up if needed, run ruff, the unit tests and nbval over the notebooks
#   make article ARTICLE=path run notebooks 01-04 on any article: build/articles/<doc_id>/index.html
SHELL := /bin/bash
PYTHON ?= python3
MIN_PYTHON := 3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
KERNEL := arabic-news
CORPUS ?= ../shared/corpora/ant-multisource-v2.1-middleEast.tar.gz
ARTICLE ?=
DOC_ID ?=
export MPLBACKEND := Agg
export PYTHONHASHSEED := 0

.PHONY: venv python-check figures article test lint unit nbval test-legacy-display corpus kernel bench clean

venv: python-check $(STAMP)

# Python >= 3.11 first, with a message saying so; an environment made by another Python
# (for instance a failed first attempt with Python 3.10) is removed, so that it is rebuilt.
python-check:
	@found=$$($(PYTHON) -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null) \
	  || { echo "make: cannot run PYTHON=$(PYTHON): set PYTHON=python$(MIN_PYTHON) (or newer)" >&2; exit 1; }; \
	if ! printf '%s\n%s\n' "$(MIN_PYTHON)" "$$found" | sort -V -C; then \
	  echo "make: needs Python >= $(MIN_PYTHON), found $$found: set PYTHON=python$(MIN_PYTHON) (or newer), e.g. make venv PYTHON=python$(MIN_PYTHON)" >&2; \
	  exit 1; \
	fi; \
	for env in $(VENV) $(LEGACY_VENV); do \
	  [ -f $$env/pyvenv.cfg ] || continue; \
	  made=$$(sed -n 's/^version[_a-z]* *= *//p' $$env/pyvenv.cfg | head -n 1); \
	  if [ "$$(echo "$$made" | cut -d. -f1,2)" != "$$(echo "$$found" | cut -d. -f1,2)" ]; then \
	    echo "make: $$env was made by Python $$made, PYTHON=$(PYTHON) is $$found: rebuilding it"; \
	    rm -rf $$env; \
	  fi; \
	done

$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (arabic-news analysis)" >/dev/null
	$(PY) -c "import matplotlib.pyplot"  # build matplotlib's font cache once, outside the notebooks
	@touch $(STAMP)

figures: venv
	$(PY) -m analysis.nbrun

# One article, any supported format (DOC_ID= picks a record of a multi-article file, or a seed):
# notebooks 01-04 executed into build/articles/<doc_id>/ with an HTML report, index.html.
article: venv
	@if [ -z "$(ARTICLE)$(DOC_ID)" ]; then \
	  echo "usage: make article ARTICLE=path/to/file [DOC_ID=record]   (or DOC_ID=seed_doc_id)" >&2; exit 2; fi
	$(PY) -m analysis.nbrun $(if $(ARTICLE),--article "$(ARTICLE)") $(if $(DOC_ID),--doc-id "$(DOC_ID)")

test: lint unit nbval test-legacy-display

lint: venv
	$(PY) -m ruff check analysis tests benchmarks  # configuration in pyproject.toml

unit: venv
	$(PY) -m pytest -q  # tests/ and the docstring examples of analysis/ (pyproject.toml)

nbval: venv
	$(PY) -m pytest -q -p no:cacheprovider --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg

# Corpus run (CORPUS=path to files, folders or archives): full tables into build/ (git-ignored,
# they hold article text), aggregated tables without text into tables/corpus/ (committed).
# `run` fails when an input is missing or no article could be read; `aggregate` writes into a
# temporary folder that replaces tables/corpus/ only when complete.
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

test-legacy-display: python-check $(LEGACY_STAMP)
	$(LEGACY_VENV)/bin/python -m pytest --noconftest -p no:cacheprovider -q tests/viz/test_display.py

clean:
	rm -rf $(VENV) .venv-* .pytest_cache build
