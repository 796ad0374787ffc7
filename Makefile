# salesops — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000
export SALESOPS_DATABASE_URL ?= sqlite:///./salesops.db
export SALESOPS_FIRMOGRAPHICS_PATH ?= ./salesops-firmographics.csv

.DEFAULT_GOAL := help

help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP) $@

install: $(STAMP) ## Create .venv and install salesops

install-dev: $(DEV_STAMP) ## Install salesops with test and lint tools

run: export SALESOPS_BASE_URL ?= http://$(HOST):$(PORT)
run: $(STAMP) ## Set up the demo on SQLite; serve http://$(HOST):$(PORT) with a background worker beside it
	$(BIN)/salesops db upgrade
	$(BIN)/salesops demo --if-empty
	$(BIN)/salesops demo credentials
	@# The worker (schedule: stale sweep, follow-ups, notifications; outbound deliveries)
	@# runs as a child process and stops with the server.
	@$(BIN)/salesops worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/salesops serve --host $(HOST) --port $(PORT) --no-migrate

worker: $(STAMP) ## Run a background worker (jobs, schedule, deliveries)
	$(BIN)/salesops worker

test: $(DEV_STAMP) ## Run the whole suite on SQLite, and on PostgreSQL when SALESOPS_TEST_DATABASE_URL is set
	@echo "== salesops tests on SQLite =="
	@env -u SALESOPS_TEST_DATABASE_URL $(BIN)/pytest -q $(PYTEST_ARGS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "no tests ran on SQLite"; exit 1; fi; \
	  if [ $$rc -ne 0 ]; then exit $$rc; fi
	@if [ -n "$$SALESOPS_TEST_DATABASE_URL" ]; then \
	  echo "== salesops tests on PostgreSQL ($$SALESOPS_TEST_DATABASE_URL) =="; \
	  $(BIN)/pytest -q $(PYTEST_ARGS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "no tests ran on PostgreSQL"; exit 1; fi; \
	  exit $$rc; \
	else \
	  echo ""; \
	  echo "!! PostgreSQL half NOT RUN: set SALESOPS_TEST_DATABASE_URL=postgresql://user@host/db to run it"; \
	fi

lint: $(DEV_STAMP) ## ruff check + format check, mypy, import-linter (the layers: docs/architecture.md)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(DEV_STAMP) ## Format the code
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

screenshots: $(DEV_STAMP) ## Run the browser tests (Chromium) into a temporary folder, then copy their PNGs into docs/screenshots/
	@shots=$$(mktemp -d); trap 'rm -rf "$$shots"' EXIT; \
	  SALESOPS_SCREENSHOT_DIR="$$shots" $(BIN)/pytest -q -p no:cacheprovider -m browser tests/browser || exit $$?; \
	  ls "$$shots"/*.png >/dev/null 2>&1 || { echo "no screenshots taken (is /usr/bin/chromium there?)"; exit 1; }; \
	  mkdir -p docs/screenshots && cp "$$shots"/*.png docs/screenshots/ && \
	  echo "copied $$(ls "$$shots"/*.png | wc -l) screenshots into docs/screenshots/"

bench: $(DEV_STAMP) ## Run the benchmarks (see docs/performance.md)
	$(BIN)/python bench/run_all.py

migration: $(DEV_STAMP) ## Generate a migration from model changes: make migration m="what changed"
	$(BIN)/python -m salesops.core.migrate "$(m)"

clean: ## Remove the venv and local databases
	rm -rf $(VENV) salesops.db salesops.db-wal salesops.db-shm salesops-firmographics.csv

.PHONY: help install install-dev run worker test lint format screenshots bench migration clean
