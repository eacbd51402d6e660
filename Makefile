# bengodan: one entry point. `make run` starts everything; `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export UV_PYTHON_DOWNLOADS := never

UV_VERSION := 0.13.9
UV := .tools/bin/uv
PY := .venv/bin/python
SERVICES := claims-api docs-render notify
# Japanese fonts for the filings (a missing font must fail, never print blank text), WeasyPrint's libraries,
# poppler (checking and joining PDFs), qpdf (numbering the pages of long annexes), and LibreOffice Writer to check
# that the DOCX filings open in an office suite.
APT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-ipaexfont-mincho \
                fonts-ipaexfont-gothic fonts-noto-cjk poppler-utils qpdf libreoffice-writer-nogui
# wrk: the load generator of the benchmarks (in C, so the clients do not take the server's CPU).
BENCH_APT_PACKAGES := wrk
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help setup system-packages run test test-services test-frontend test-system lint format typecheck \
        migrate migration openapi bench check clean

help: ## show the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

setup: system-packages .venv/.synced frontend/node_modules/.installed ## Python environment, npm packages, fonts

system-packages:
	@missing=$$(for p in $(APT_PACKAGES) $(EXTRA_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(UV):
	python3 -m venv .tools
	.tools/bin/pip install -q uv==$(UV_VERSION)

.venv/.synced: $(UV) uv.lock pyproject.toml $(wildcard services/*/pyproject.toml)
	$(UV) sync --all-packages --frozen
	@touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

run: setup ## set up and start the whole system with demo data (Ctrl-C stops it)
	@$(PY) infra/local/run.py

# The services' and the SPA's tests run side by side, each output printed whole when it ends: Vitest uses one
# worker on a 2-core machine, and beside the services it saved about 100 s of 13 minutes. The system tests run
# once both have passed.
test: setup ## every test: services (SQLite and PostgreSQL) beside the SPA's, then cross-service and browser
	@$(MAKE) --no-print-directory --output-sync=target -j2 test-services test-frontend
	@$(MAKE) --no-print-directory test-system

# The SQLite and the PostgreSQL passes run side by side (much of the tests' time is spent waiting on processes,
# sockets and the database), each into a log of its own printed when it ends.
test-services: ## unit and API tests of each service, on SQLite and on PostgreSQL when reachable
	$(PY) -m pytest services/common/tests -q
	@if $(PY) -c "import sys; from bengodan_common.testing import postgres_reachable; sys.exit(0 if postgres_reachable() else 1)"; then \
	  backends="sqlite postgres"; \
	elif [ "$${REQUIRE_POSTGRES:-0}" = 1 ]; then \
	  echo "REQUIRE_POSTGRES=1 but PostgreSQL is not reachable at 127.0.0.1:5432"; exit 1; \
	else echo "PostgreSQL not reachable: PostgreSQL runs skipped (set REQUIRE_POSTGRES=1 to fail instead)"; backends=sqlite; fi; \
	logs=$$(mktemp -d); pids=""; \
	for db in $$backends; do \
	  ( for svc in $(SERVICES); do echo "== $$svc ($$db)"; BENGODAN_TEST_DB=$$db $(PY) -m pytest services/$$svc/tests -q || exit 1; done ) \
	    > $$logs/$$db.log 2>&1 & pids="$$pids $$!"; \
	done; \
	status=0; for pid in $$pids; do wait $$pid || status=1; done; \
	for db in $$backends; do cat $$logs/$$db.log; done; rm -rf $$logs; exit $$status

test-frontend: ## type check and component tests of the SPA
	cd frontend && npm run typecheck && npm test

test-system: ## the real services on free ports: cross-service flow and browser tests
	cd frontend && npm run build
	$(PY) -m pytest tests -q

lint: ## ruff and the SPA linter
	.venv/bin/ruff check services infra tests
	.venv/bin/ruff format --check services infra tests

format: ## format the Python code
	.venv/bin/ruff format services infra tests
	.venv/bin/ruff check --fix services infra tests

typecheck: ## mypy over the services
	.venv/bin/mypy services/common/src services/claims-api/src services/docs-render/src services/notify/src

migrate: ## alembic upgrade head for every service (settings from the environment)
	@for svc in $(SERVICES); do $(PY) infra/local/migrate.py $$svc || exit 1; done

migration: ## new revision: make migration svc=claims-api msg="add exhibits"
	@test -n "$(svc)" -a -n "$(msg)" || (echo 'usage: make migration svc=claims-api msg="what changes"'; exit 2)
	cd services/$(svc) && ../../.venv/bin/alembic -c alembic.ini revision --autogenerate -m "$(msg)"

openapi: ## write the services' OpenAPI documents and regenerate the SPA's API types
	$(PY) infra/openapi.py frontend/openapi
	cd frontend && npm run gen:api

bench: setup ## measurements (tables printed, nothing asserted)
	@$(MAKE) --no-print-directory system-packages EXTRA_APT_PACKAGES="$(BENCH_APT_PACKAGES)"
	@for script in tests/bench/*.py; do $(PY) $$script || exit 1; done

check: setup lint typecheck ## lint, types, migrations in sync with models, OpenAPI types in sync
	@for svc in $(SERVICES); do \
	  tmp=$$(mktemp -d); url=sqlite:///$$tmp/check.sqlite3; \
	  $(PY) -c "from pathlib import Path; from bengodan_common.migrations import upgrade; upgrade(Path('services/$$svc/alembic.ini'), '$$url')" && \
	  (cd services/$$svc && ../../.venv/bin/alembic -x url=$$url -c alembic.ini check) || exit 1; rm -rf $$tmp; done
	$(MAKE) openapi
	git diff --exit-code -- frontend/openapi frontend/src/api || (echo "OpenAPI types are out of date: commit the output of make openapi"; exit 1)
	cd frontend && npm run lint

clean: ## remove local data (var/), keeping the environments
	rm -rf var
