# Pacte: the two commands the README promises, and the pieces they are made of.
# `make run` serves the demo site on SQLite; `make test` runs every check on PostgreSQL and in Chromium.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= $(shell command -v python3.11 || command -v python3)
PORT ?= 8000
TEST_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/pacte)
PO_FILES := $(shell find site_core charter_pages consultations training -name '*.po' 2>/dev/null)

.PHONY: run test install messages lint check pytest bench

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Compiled translations are build products: made from the .po files, never committed.
$(VENV)/.messages: $(VENV)/.installed $(PO_FILES)
	$(PY) manage.py compile_translations
	@touch $@

messages: $(VENV)/.messages

run: $(VENV)/.installed $(VENV)/.messages
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py seed_demo
	@echo "Serving http://127.0.0.1:$(PORT)/  (editor: admin / pacte-admin-demo, staff: agent / pacte-agent-demo)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=site_core.settings.test DATABASE_URL=$(TEST_DATABASE_URL) $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=site_core.settings.test DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -W ignore::RuntimeWarning manage.py makemigrations --check --dry-run

pytest: $(VENV)/.installed $(VENV)/.messages node_modules/.installed
	@$(PY) tests/preflight.py
	DATABASE_URL=$(TEST_DATABASE_URL) $(VENV)/bin/pytest tests --ignore=tests/browser -q
	DATABASE_URL=$(TEST_DATABASE_URL)_browser $(VENV)/bin/pytest tests/browser -q

test: lint check pytest

# Not part of `make test`: seeds a large dataset into its own database and loads the site for minutes.
bench: $(VENV)/.installed $(VENV)/.messages
	$(PY) tests/benchmark/run.py
