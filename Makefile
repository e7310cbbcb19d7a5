# One task runner for the backend and the contracts. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help install up test lint gen gen-check envoy bench clean

help:  ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml gen/python/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ./gen/python -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)  ## Create .venv with soma-proto and soma-stack (editable) and the dev tools.

up: install  ## Install, then run the whole mesh on embedded defaults (Ctrl-C stops it).
	$(BIN)/soma up

test: install lint  ## Lint, type-check, check generated code, then run every test.
	$(BIN)/pytest

lint: install gen-check  ## ruff, mypy --strict, buf lint and format.
	$(BIN)/ruff check services tests bench gen/python/soma_proto
	$(BIN)/ruff format --check services tests bench gen/python/soma_proto
	$(BIN)/mypy
	$(BIN)/buf lint gen/python/soma_proto/soma.binpb --path soma --config buf.yaml
	$(BIN)/buf format --diff --exit-code contracts

gen: install  ## Regenerate gen/python from contracts/ (and deploy/envoy/envoy.yaml).
	PYTHON=$(BIN)/python scripts/codegen.sh
	$(BIN)/soma envoy render --portable -o deploy/envoy/envoy.yaml

gen-check: install  ## Fail when gen/python is stale.
	PYTHON=$(BIN)/python scripts/codegen.sh --check

bench: install  ## Runtime benchmark: bare grpc.aio vs full chain vs through Envoy.
	$(BIN)/python bench/runtime.py

clean:  ## Remove the venv and local state.
	rm -rf $(VENV) .soma
