# One command to serve the site, one to run every test; each sets itself up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve build init check-site test test-fast test-properdocs lint browser setup bench lighthouse clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# ENGINE=properdocs to build or serve with ProperDocs, the maintained fork of MkDocs 1.6.
ENGINE ?= mkdocs
ifeq ($(filter $(ENGINE),mkdocs properdocs),)
$(error ENGINE must be mkdocs or properdocs, not '$(ENGINE)')
endif

serve: $(STAMP)
	@echo "Building, then serving: the address to open is the 'Serving on' line below (port 8000, the path of site_url)."
	NO_MKDOCS_2_WARNING=1 $(BIN)/$(ENGINE) serve --strict --dirty -a 127.0.0.1:8000

build: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/$(ENGINE) build --strict

# Make the site yours: its name, address and repository; the samples taken out (scripts/make_it_yours.py).
# `make init INIT_ARGS="--name ... --yes"` answers without questions.
init: $(STAMP)
	$(BIN)/python scripts/make_it_yours.py $(INIT_ARGS)

# The content gate publishing waits for: coach checks, a strict build, and a crawl of the build (links,
# assets, feeds, cards, nothing loaded from another site). `make check-site CHECK_ARGS="--site-dir site"`
# checks a build already made, as the publish workflow does with the one it deploys.
check-site: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python scripts/check_site.py --engine $(ENGINE) $(CHECK_ARGS)

lint: browser $(STAMP)
	$(BIN)/ruff check plugins scripts tests
	$(BIN)/ruff format --check plugins scripts tests
	$(BIN)/mypy
	bash scripts/lint-workflows.sh

# Debian's chromium, Java (for the HTML checker), shellcheck, a font and venv, when missing.
browser:
	PYTHON=$(PYTHON) bash scripts/ensure-system-packages.sh

setup: browser $(STAMP)

# Everything on MkDocs 1.6, then the fast tests again on ProperDocs (tests/test_engines.py, part of
# the first run, checks that both engines write the same site). Two workers: each has its own tmp
# dirs, ports and Chromium; the tests of the large generated site share one worker (tests/conftest.py).
test: browser $(STAMP) lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup
	$(MAKE) test-properdocs

# The tests a change most often breaks, in about a minute: no browser, no build of the whole site.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not slow" -n 2 -q

test-properdocs: $(STAMP)
	$(BIN)/python -m pytest -p properdocs.replacement -m "not browser and not slow" -n 2 -q

# Lighthouse 12.2.3 on a phone, served with gzip: home, a tip, the tip index, the article, the finder
# and a coach profile. Installs Lighthouse once into .cache/lighthouse with npm (Node 18+).
# `make lighthouse LIGHTHOUSE_ARGS="--runs 5 --site-dir site"` for the median of 5 on an existing build.
lighthouse: browser $(STAMP)
	$(BIN)/python scripts/lighthouse.py $(LIGHTHOUSE_ARGS)

# `make bench BENCH_ARGS="--sizes 10,100,1000,3000"` for the full table; see README.md. The benchmark is
# the package scripts/bench/ (`python -m bench`, with scripts/ on the path).
bench: $(STAMP)
	PYTHONPATH=scripts$${PYTHONPATH:+:$$PYTHONPATH} $(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache .cache
