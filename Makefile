# One command to serve the site, one to run every test; each sets itself up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve build test lint browser setup bench clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

lint: browser $(STAMP)
	$(BIN)/ruff check plugins scripts tests
	$(BIN)/ruff format --check plugins scripts tests
	$(BIN)/mypy
	bash scripts/lint-workflows.sh

# Debian's chromium, Java (for the HTML checker), shellcheck, a font and venv, when missing.
browser:
	PYTHON=$(PYTHON) bash scripts/ensure-system-packages.sh

setup: browser $(STAMP)

test: browser $(STAMP) lint
	$(BIN)/python -m pytest

# `make bench BENCH_ARGS="--sizes 10,100,1000,3000"` for the full table; see README.md.
bench: $(STAMP)
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache .cache
