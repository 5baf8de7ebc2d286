# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= demo-output

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files make a second run skip pip when pyproject.toml has not changed.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The store tests also run on PostgreSQL, so the tests install its driver.
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,postgres]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,postgres,dev]'
	touch $@ $(VENV)/.installed-test $(VENV)/.installed

# The seed article and the UN list are used when ../shared is beside the repository;
# otherwise the demo uses forcevet's bundled summary and list excerpt.
SEED := ../shared/seeds/isf-pakistan-opinion.txt
UN_LIST := ../shared/data/un-sc/consolidated-2015-03-30.xml

demo: $(VENV)/.installed
	$(BIN)/forcevet demo --out $(OUT) $(if $(wildcard $(SEED)),--article $(SEED)) \
		$(if $(wildcard $(UN_LIST)),--un-list $(UN_LIST))

# pytest exits 5 when it collects no test: that is a failure here too. Two processes
# (pytest-xdist) on the two cores CI has: the whole suite in about 11 minutes, not 21.
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n 2

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(VENV)/.installed
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) $(OUT) forcevet.db
