# Bootstrap: README's two commands, `make up` and `make test`. Every other task lives in a layer's justfile
# (contracts/, services/, desktop/, release/), which the root justfile delegates to:
# `.venv/bin/just --list --list-submodules` lists them; `make install` brings `just` (rust-just) into .venv.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
JUST := $(BIN)/just
STAMP := $(VENV)/.installed

.PHONY: help install up test console clean

help:  ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

# .venv: soma-proto, soma-stack and soma-release (editable) with the dev tools (just among them), and the
# TypeScript code generator (scripts/ts/node_modules) that scripts/codegen.sh runs.
$(STAMP): pyproject.toml gen/python/pyproject.toml release/pyproject.toml scripts/ts/package.json scripts/ts/package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ./gen/python -e '.[dev]' -e './release[dev]'
	npm ci --prefix scripts/ts --no-audit --no-fund --loglevel=error
	touch $(STAMP)

# The web console (desktop/): its npm dependencies (@soma/proto is gen/ts, copied in by `npm ci`), and the built
# files that `soma up` serves at /console/. Rebuilt only when its sources, its lockfile or gen/ts change.
CONSOLE_DEPS := desktop/node_modules/.package-lock.json
CONSOLE_SOURCES := $(shell find desktop/src -type f 2>/dev/null) desktop/index.html desktop/vite.config.ts desktop/tsconfig.json
GEN_TS := $(shell find gen/ts -type f -not -path '*/node_modules/*' 2>/dev/null)

$(CONSOLE_DEPS): $(STAMP) desktop/package.json desktop/package-lock.json desktop/.npmrc $(GEN_TS)
	$(JUST) desktop::install
	touch $(CONSOLE_DEPS)

desktop/dist/index.html: $(CONSOLE_DEPS) $(CONSOLE_SOURCES)
	$(JUST) desktop::build

console: desktop/dist/index.html  ## Build the web console into desktop/dist (served by `soma up` at /console/).

install: $(STAMP) console  ## Create .venv and the Node dependencies, and build the console.

up: install  ## Install, then run the whole mesh on embedded defaults (Ctrl-C stops it).
	$(BIN)/soma up

test: install  ## Every layer's lint and tests, the contracts gate and the split checklist (`just test`).
	$(JUST) test

clean:  ## Remove the venv, Node dependencies, builds and local state.
	rm -rf $(VENV) .soma scripts/ts/node_modules desktop/node_modules desktop/dist
