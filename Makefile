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
	$(PY) -m pytest tests -q

nbval: venv
	$(PY) -m pytest -q -p no:cacheprovider --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg

# JupyterLab outside the venv: make the kernel visible to your user account too.
kernel: venv
	$(PY) -m ipykernel install --user --name $(KERNEL) --display-name "Python (arabic-news analysis)"

test-legacy-display:
	@echo "legacy display environment: not yet configured"

clean:
	rm -rf $(VENV) .venv-* .pytest_cache build
