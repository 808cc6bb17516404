# Pacte: the two commands the README promises, and the pieces they are made of.
# `make run` serves the demo site on SQLite; `make test` runs every check on PostgreSQL and in Chromium.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= $(shell command -v python3.11 || command -v python3)
PORT ?= 8000
TEST_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/pacte)
PO_FILES := $(shell find site_core charter_pages consultations training -name '*.po' 2>/dev/null)

.PHONY: run test install messages lint check pytest bench backup restore audit

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
	$(VENV)/bin/lint-imports

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

# Backups (docs/operations.md): the database of DATABASE_URL (pg_dump) and MEDIA_ROOT, into backups/<timestamp>/.
backup: $(VENV)/.installed
	$(PY) manage.py backup_site

# `make restore BACKUP=backups/<timestamp>`: into an empty database; FORCE=1 drops and recreates a non-empty one.
restore: $(VENV)/.installed
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=backups/<timestamp> [FORCE=1]" >&2; exit 2; }
	$(PY) manage.py restore_site "$(BACKUP)" $(if $(filter 1 yes true,$(FORCE)),--force)

# Known vulnerabilities in the installed dependencies (pip-audit, PyPI's advisory data). A vulnerability fails,
# unless docs/known-vulnerabilities.md lists its identifier with the reason it does not affect us. When the
# advisory data cannot be reached, a warning says the audit did not run, and CI goes on.
KNOWN_VULNERABILITIES = $(shell grep -oE '^[-*] +`?(PYSEC|GHSA|CVE)-[0-9A-Za-z-]+' docs/known-vulnerabilities.md 2>/dev/null \
	| grep -oE '(PYSEC|GHSA|CVE)-[0-9A-Za-z-]+')
AUDIT_LOG := $(VENV)/pip-audit.log

audit: $(VENV)/.installed
	@if ! $(PY) -c "import urllib.request; urllib.request.urlopen('https://pypi.org/pypi/pip/json', timeout=20)" 2>/dev/null; then \
		echo "WARNING: PyPI's vulnerability data cannot be reached: the dependencies were NOT audited." >&2; exit 0; fi
	@set -o pipefail; $(VENV)/bin/pip-audit --progress-spinner off --skip-editable \
		$(addprefix --ignore-vuln ,$(KNOWN_VULNERABILITIES)) 2>&1 | tee $(AUDIT_LOG); status=$$?; \
	if [ $$status -ne 0 ] && grep -qiE 'ConnectionError|Max retries|timed out|Temporary failure in name resolution' $(AUDIT_LOG); then \
		echo "WARNING: the vulnerability data could not be read to the end: the dependencies were NOT audited." >&2; exit 0; fi; \
	skipped=$$(grep -c 'could not be audited' $(AUDIT_LOG)); \
	if [ $$skipped -gt 0 ]; then \
		echo "WARNING: $$skipped installed packages were not found in PyPI's vulnerability data and were NOT audited." >&2; fi; \
	exit $$status
