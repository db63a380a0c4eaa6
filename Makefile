# Gilde's two commands: `make run` and `make test`. The rest helps development.
# GNU make on Debian/Ubuntu with Python >= 3.11 as python3.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
PORT ?= 8000
export PORT
# pytest-xdist workers for `make test` (0 runs the suite in one process).
TEST_WORKERS ?= 2

VENV := .venv
BIN := $(VENV)/bin
GILDE := $(BIN)/gilde
# Stamps inside .venv: pip runs again only when a requirements file or pyproject.toml is newer.
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
# Run apt-get as root, or through sudo otherwise.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
# Tests never see the settings of a real installation (DATABASE_URL stays: CI sets it).
TEST_UNSET := GILDE_DEBUG GILDE_ALLOWED_HOSTS GILDE_HTTPS GILDE_BASE_URL GILDE_EMAIL_URL \
	EMAIL_HOST SECRET_KEY
LOCALE_IGNORE := --ignore=.venv --ignore=var --ignore=build --ignore=node_modules

.PHONY: help run test lint format messages system-deps bench-deps bench drills clean

help:
	@echo "make run       install what is missing, migrate, fill the demo, serve on http://127.0.0.1:$(PORT) with a worker"
	@echo "make test      install test tools, then ruff, checks, migration check and pytest"
	@echo "make lint      ruff check and format check, the import layers, bandit"
	@echo "make format    ruff format and safe fixes"
	@echo "make messages  update locale/*/LC_MESSAGES/django.po and compile them"
	@echo "make bench     load benchmarks on SQLite and PostgreSQL, report making; results in benchmarks/RESULTS.md"
	@echo "make drills    reliability drills (lost updates, locks, crashes, fuzzing, security lint)"
	@echo "make clean     remove .venv, caches and collected static files (keeps var/ data)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Gilde needs Python >= 3.11 as $(PYTHON)." >&2; exit 1; }
	@echo "Creating $(VENV)"
	@$(PYTHON) -m venv $(VENV) || \
		{ echo "Could not create $(VENV): install python3-venv (apt-get install python3-venv)." >&2; \
		  rm -rf $(VENV); exit 1; }

$(RUN_STAMP): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(DEV_STAMP): requirements-dev.txt requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(RUN_STAMP)

run: $(RUN_STAMP)
	$(GILDE) migrate --noinput
	$(GILDE) collectstatic --noinput -v0
	$(GILDE) demo --if-empty
	@echo
	@echo "Gilde runs at http://127.0.0.1:$(PORT)  (stop it with Ctrl-C)"
	@echo
	@# The worker runs beside the web server; whichever way this stops (Ctrl-C, a TERM to this
	@# shell, the server failing), both stop.
	$(GILDE) worker --verbosity 0 & worker=$$!; \
	$(GILDE) serve & serve=$$!; \
	trap 'kill $$worker $$serve 2>/dev/null || true; wait 2>/dev/null || true' EXIT; \
	trap 'exit 0' INT TERM; \
	wait $$serve

# Debian's Chromium for the browser tests, gettext for the translation checks, poppler-utils
# (pdftotext) to read back the PDFs the tests make.
system-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	{ command -v msgfmt && command -v xgettext; } >/dev/null || missing="$$missing gettext"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
		if command -v apt-get >/dev/null; then \
			echo "Installing$$missing with apt-get"; \
			$(SUDO) apt-get update -qq; \
			$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		else \
			echo "Missing$$missing and no apt-get: install them yourself." >&2; \
		fi; \
	fi

# ruff, the layers (import-linter), the security lint (bandit) and types (mypy); all configured
# in pyproject.toml.
lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/bandit -q -c pyproject.toml -r gilde
	$(BIN)/mypy

format: $(DEV_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Every test run gets a throwaway data folder, so var/ is never touched.
test: $(DEV_STAMP) system-deps lint
	@unset $(TEST_UNSET); \
	export GILDE_DATA_DIR=$$(mktemp -d -t gilde-test.XXXXXX) DJANGO_ALLOW_ASYNC_UNSAFE=true; \
	trap 'rm -rf "$$GILDE_DATA_DIR"' EXIT; \
	echo "gilde check"; $(GILDE) check; \
	echo "gilde makemigrations --check --dry-run"; $(GILDE) makemigrations --check --dry-run; \
	echo "pytest"; $(BIN)/pytest -n $(TEST_WORKERS)

# wrk drives the load; PostgreSQL is started (and installed if missing) by tools/postgres-up.
bench-deps:
	@command -v wrk >/dev/null || { \
		echo "Installing wrk with apt-get"; \
		$(SUDO) apt-get update -qq; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

# BENCH_ARGS passes options, e.g. BENCH_ARGS="--databases sqlite --factors 1 --seconds 3".
# The programme overview (benchmarks/programme.py) and the reports (benchmarks/reports.py) are
# measured too, whatever bench.py found.
bench: $(DEV_STAMP) bench-deps
	@unset $(TEST_UNSET); status=0; \
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS) || status=1; \
	$(BIN)/python benchmarks/programme.py || status=1; \
	$(BIN)/python benchmarks/reports.py || status=1; \
	exit $$status

DRILLS_STAMP := $(VENV)/.installed-drills
$(DRILLS_STAMP): requirements-drills.txt $(DEV_STAMP)
	$(BIN)/pip install --quiet -r requirements-drills.txt
	touch $@

drills: $(DRILLS_STAMP) bench-deps
	@unset $(TEST_UNSET); $(BIN)/python benchmarks/drills.py $(DRILL_ARGS)

# The compiled .mo files are committed beside the .po files (a guard test compares them).
messages: $(DEV_STAMP)
	@mkdir -p locale
	$(GILDE) makemessages -d django -l nl -l en --no-obsolete $(LOCALE_IGNORE)
	$(BIN)/python tools/fill_english_catalog.py locale/en/LC_MESSAGES/django.po
	@echo "Now translate the new or fuzzy entries in locale/nl/LC_MESSAGES/django.po,"
	@echo "then run 'make messages' again to compile them."
	$(GILDE) compilemessages $(LOCALE_IGNORE)

clean:
	rm -rf $(VENV) .ruff_cache .pytest_cache .hypothesis test-results build *.egg-info var/static
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
