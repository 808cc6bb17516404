# Pacte: the two commands the README promises, and the pieces they are made of.
# `make run` serves the demo site on SQLite as production would (gunicorn, no debug); `make test` runs every check
# on PostgreSQL and in Chromium. `make dev` is a development aid: Django's reloading server with debug pages.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= $(shell command -v python3.11 || command -v python3)
PORT ?= 8000
TEST_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/pacte)
# pytest-xdist workers for the main suite (`auto`: one per CPU); tests/conftest.py groups the tests so that each
# module, and everything reading the seeded demo site, stays on one worker.
PYTEST_WORKERS ?= auto
PO_FILES := $(shell find site_core charter_pages consultations training -name '*.po' 2>/dev/null)
STATIC_SOURCES := $(shell find site_core charter_pages consultations training -path '*/static/*' -type f 2>/dev/null)
STATIC_MANIFEST := staticfiles/staticfiles.json
LOCAL := DJANGO_SETTINGS_MODULE=site_core.settings.local PORT=$(PORT)
# The demo database is migrated and seeded again only when a migration, the demo content or the port changed
# (the port is in the Site record), or when db.sqlite3 is gone: a second `make run` starts gunicorn at once.
DEMO_SOURCES := $(shell find site_core charter_pages consultations training \( -path '*/migrations/*.py' \
	-o -name 'demo*.py' -o -path '*/demo/*.yaml' -o -name seed_demo.py \) -type f 2>/dev/null)
DEMO_STAMP := $(VENV)/.demo-seeded-$(PORT)
ifeq ($(wildcard db.sqlite3),)
.PHONY: $(DEMO_STAMP)
endif

.PHONY: run dev test install messages lint check pytest bench bench-followers backup restore audit

# What serving needs, then what testing adds: `make run` on a fresh clone installs only the first.
$(VENV)/.installed-run: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.installed: $(VENV)/.installed-run
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

install: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Compiled translations are build products: made from the .po files, never committed.
$(VENV)/.messages: $(VENV)/.installed-run $(PO_FILES)
	$(PY) manage.py compile_translations
	@touch $@

messages: $(VENV)/.messages

# Fingerprinted, compressed copies of the static files; collected again only when a source or a package changed.
$(STATIC_MANIFEST): $(VENV)/.installed-run $(STATIC_SOURCES)
	$(LOCAL) $(PY) manage.py collectstatic --noinput -v0
	@touch $@

DEMO_ACCOUNTS := (editor: admin / pacte-admin-demo, staff: agent / pacte-agent-demo)

$(DEMO_STAMP): $(VENV)/.installed-run $(VENV)/.messages $(DEMO_SOURCES)
	@rm -f $(VENV)/.demo-seeded-*
	$(LOCAL) $(PY) manage.py migrate --noinput -v0
	$(LOCAL) $(PY) manage.py seed_demo
	@touch $@

# Beside gunicorn, the worker that sends followers' e-mails and builds the PDFs of published pages (the database task
# queues) and the hourly sweep (openings, late answers, digests, purge); both stop with the server (Ctrl-C).
# gunicorn's --timeout (30 s by default) is raised for the visitor who asks for a PDF the worker has not built yet:
# the demo's largest report (1,445 answered contributions) takes about 40 s to build on 2 cores.
run: $(VENV)/.installed-run $(VENV)/.messages $(STATIC_MANIFEST) $(DEMO_STAMP)
	@echo "Serving http://127.0.0.1:$(PORT)/  $(DEMO_ACCOUNTS)"
	@trap 'kill $$(jobs -p) 2>/dev/null' EXIT; \
	$(LOCAL) $(PY) manage.py db_worker --backend notifications --queue-name notifications,documents --no-reload -v0 & \
	$(LOCAL) $(PY) manage.py notify_followers --every 3600 -v0 & \
	$(LOCAL) $(VENV)/bin/gunicorn site_core.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --timeout 120 --no-control-socket \
		--access-logfile -

# Development aid, not a set-up command: Django's server, reloading on every change, with debug pages.
dev: $(VENV)/.installed-run $(VENV)/.messages
	PORT=$(PORT) $(PY) manage.py migrate --noinput -v0
	PORT=$(PORT) $(PY) manage.py seed_demo
	@echo "Serving http://127.0.0.1:$(PORT)/ with debug pages  $(DEMO_ACCOUNTS)"
	PORT=$(PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

check: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=site_core.settings.test DATABASE_URL=$(TEST_DATABASE_URL) $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=site_core.settings.test DATABASE_URL=$(TEST_DATABASE_URL) $(PY) -W ignore::RuntimeWarning manage.py makemigrations --check --dry-run

# The main suite on xdist workers, the `sqlite` tests again on SQLite, the browser suite beside them: tests/suites.py.
pytest: $(VENV)/.installed $(VENV)/.messages node_modules/.installed
	@$(PY) tests/preflight.py
	PYTEST=$(VENV)/bin/pytest PYTEST_WORKERS=$(PYTEST_WORKERS) TEST_DATABASE_URL=$(TEST_DATABASE_URL) \
		SQLITE_DATABASE_URL=sqlite:///$(CURDIR)/$(VENV)/pytest.sqlite3 $(PY) tests/suites.py

test: lint check pytest

# Not part of `make test`: seeds a large dataset into its own database and loads the site for minutes.
bench: $(VENV)/.installed $(VENV)/.messages
	$(PY) tests/benchmark/run.py

# The followers' queue: a publication with 10,000 followers, then the worker sending them all (docs/benchmarks.md).
bench-followers: $(VENV)/.installed $(VENV)/.messages
	$(PY) tests/benchmark/followers.py

# Backups (docs/operations.md): the database of DATABASE_URL (pg_dump) and MEDIA_ROOT, into backups/<timestamp>/.
backup: $(VENV)/.installed
	$(PY) manage.py backup_site

# `make restore BACKUP=backups/<timestamp>`: into an empty database; FORCE=1 drops and recreates a non-empty one.
restore: $(VENV)/.installed
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=backups/<timestamp> [FORCE=1]" >&2; exit 2; }
	$(PY) manage.py restore_site "$(BACKUP)" $(if $(filter 1 yes true,$(FORCE)),--force)

# Known vulnerabilities in the installed dependencies (pip-audit, PyPI's advisory data). A vulnerability fails,
# unless docs/known-vulnerabilities.md lists its identifier with the reason it does not affect us. When the
# advisory data cannot be reached (pip-audit's own error names a connection, proxy, TLS, name-resolution or timeout
# failure), a warning says the audit did not run, and CI goes on: a network failure is not a reason to block a change.
KNOWN_VULNERABILITIES = $(shell grep -oE '^[-*] +`?(PYSEC|GHSA|CVE)-[0-9A-Za-z-]+' docs/known-vulnerabilities.md 2>/dev/null \
	| grep -oE '(PYSEC|GHSA|CVE)-[0-9A-Za-z-]+')
AUDIT_LOG := $(VENV)/pip-audit.log
UNREACHABLE := ConnectionError|ProxyError|SSLError|Max retries|timed out|Timeout|NameResolutionError|Temporary failure in name resolution|Name or service not known|Network is unreachable

audit: $(VENV)/.installed
	@set -o pipefail; $(VENV)/bin/pip-audit --progress-spinner off --skip-editable \
		$(addprefix --ignore-vuln ,$(KNOWN_VULNERABILITIES)) 2>&1 | tee $(AUDIT_LOG); status=$$?; \
	if [ $$status -ne 0 ] && grep -qE '$(UNREACHABLE)' $(AUDIT_LOG); then \
		echo "WARNING: PyPI's vulnerability data could not be reached: the dependencies were NOT audited." >&2; exit 0; fi; \
	skipped=$$(grep -c 'could not be audited' $(AUDIT_LOG)); \
	if [ $$skipped -gt 0 ]; then \
		echo "WARNING: $$skipped installed packages were not found in PyPI's vulnerability data and were NOT audited." >&2; fi; \
	exit $$status
