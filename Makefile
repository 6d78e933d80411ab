# The two commands of the quick start: `make run` and `make test`. Each creates .venv on first use.
# `make bench` (or `make bench DATABASE_URL=postgresql://…`) measures the pages under load: see README.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Every install is held to the versions that passed (make lock writes them; CI uses them too).
CONSTRAINTS := requirements/constraints.txt
PIP_INSTALL := $(BIN)/pip install -q -c $(CONSTRAINTS)
# make lint checks the formatting too (the tree is formatted with `make format`); CHECK_FORMAT=no skips it.
CHECK_FORMAT ?= yes
FLASK := $(BIN)/flask --app community
# Passed on to the app only when given (an empty value would override the defaults).
ifdef DATABASE_URL
export DATABASE_URL
endif
ifdef COMMUNITY_INSTANCE
export COMMUNITY_INSTANCE
endif

.PHONY: run test test-fast e2e chromium lint format typecheck lock messages catalogs bench wrk clean
# Compiled catalogs (.mo) are built here, not committed: each one is rebuilt when its .po is newer.
CATALOGS := $(patsubst %.po,%.mo,$(wildcard community/translations/*/LC_MESSAGES/messages.po))

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.run-installed: pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(PIP_INSTALL) -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml $(CONSTRAINTS) $(VENV)/.run-installed
	$(PIP_INSTALL) -e ".[test]"
	touch $@

$(VENV)/.bench-installed: pyproject.toml $(CONSTRAINTS) $(VENV)/.run-installed
	$(PIP_INSTALL) -e ".[bench]"
	touch $@

## make lock: resolve pyproject.toml's dependencies afresh (run, test, bench) in a throw-away venv and
## write the versions to requirements/constraints.txt; run it after changing a dependency, commit the file
lock:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PYTHON) -m venv "$$tmp/venv" && \
	"$$tmp/venv/bin/pip" install -q --upgrade pip && \
	"$$tmp/venv/bin/pip" install -q -e ".[test,bench]" && \
	mkdir -p requirements && \
	{ echo "# Written by make lock from pyproject.toml: every install (make run, make test, CI) uses it."; \
	  "$$tmp/venv/bin/pip" freeze --exclude-editable | grep -v '^-e ' | LC_ALL=C sort -f; } > $(CONSTRAINTS)
	@echo "Wrote $(CONSTRAINTS)"

## make catalogs: compile the translations that changed (make run and make test do it first)
catalogs: $(CATALOGS)

%.mo: %.po $(VENV)/.run-installed
	$(BIN)/pybabel compile -i $< -o $@

# make run PORT=8080 serves on another port; the links in e-mails follow it (SITE_URL) unless it is set.
PORT ?= 5000
SITE_URL ?= http://127.0.0.1:$(PORT)

## make run: migrate, seed a demo on first run, serve on http://127.0.0.1:5000 with the mail worker beside it
run: $(VENV)/.run-installed catalogs
	$(FLASK) db upgrade
	$(FLASK) seed-demo --if-empty
	SITE_URL=$(SITE_URL) $(FLASK) worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	SITE_URL=$(SITE_URL) $(FLASK) run --host 127.0.0.1 --port $(PORT)

# The suite runs on every core (pytest-xdist); TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto

## make test: the whole suite, browser tests included when Chromium is there or can be installed
test: $(VENV)/.test-installed catalogs chromium
	@$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest ran no test: failing." >&2; exit 1; fi; exit $$status

## make test-fast: everything but the browser tests
test-fast: $(VENV)/.test-installed catalogs
	$(BIN)/python -m pytest -n $(TEST_WORKERS) -m "not e2e" $(PYTEST_ARGS)

chromium:
	@bash scripts/ensure-chromium

## make bench: seed a large data set into a fresh database, serve it with gunicorn, measure with wrk
## (DATABASE_URL=postgresql://… runs it on a fresh database of that PostgreSQL server; BENCH_ARGS=--keep keeps it)
bench: $(VENV)/.bench-installed catalogs wrk
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# The load generator: Debian's wrk, installed when missing and we are root.
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing wrk (apt-get install wrk)"; \
	    apt-get -o DPkg::Lock::Timeout=300 install -y -q wrk >/dev/null 2>&1 || \
	    { apt-get -o DPkg::Lock::Timeout=300 update -q >/dev/null && \
	      apt-get -o DPkg::Lock::Timeout=300 install -y -q wrk >/dev/null; }; \
	  else \
	    echo "make bench needs wrk, the HTTP load generator: sudo apt-get install wrk" >&2; exit 1; \
	  fi; }

## make lint: ruff's checks, the type checker on the rules, services and models (pyproject.toml [tool.mypy]),
## and the formatting once CHECK_FORMAT=yes
lint: $(VENV)/.test-installed
	$(BIN)/ruff check community tests bench
	$(BIN)/mypy
	@if [ "$(CHECK_FORMAT)" = yes ]; then $(BIN)/ruff format --check community tests bench; fi

typecheck: $(VENV)/.test-installed
	$(BIN)/mypy

## make format: format the code base with ruff (then set CHECK_FORMAT ?= yes above)
format: $(VENV)/.test-installed
	$(BIN)/ruff format community tests bench

## make messages: extract every user-facing string into community/translations/messages.pot
messages: $(VENV)/.run-installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --add-comments=Translators: --no-location --sort-output \
	  -o community/translations/messages.pot .
	@for lang in es fr nl; do \
	  if [ -f community/translations/$$lang/LC_MESSAGES/messages.po ]; then \
	    $(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -i community/translations/messages.pot -d community/translations -l $$lang; \
	  else \
	    $(BIN)/pybabel init -i community/translations/messages.pot -d community/translations -l $$lang; \
	  fi; done

clean:
	rm -rf $(VENV)
