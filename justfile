# SomaStack's task runner. Each layer has its own justfile, which becomes that repository's root
# justfile after a split; this one only delegates. `just --list --list-submodules` shows every recipe.
# `make install` (README) creates .venv, which carries `just` (the rust-just wheel).
set shell := ["bash", "-euo", "pipefail", "-c"]

mod contracts
mod backend "services"
mod desktop
mod release

# Lint, type-check and check generated code in every layer.
lint: contracts::lint backend::lint desktop::lint release::lint

# What CI runs (README's `make test`): every layer's lint and tests, the contracts gate, the split checklist.
test: lint contracts::check contracts::test backend::test desktop::test release::test split-readiness

# Regenerate gen/ from contracts/, and the committed Envoy config from the service registry.
gen: contracts::gen backend::envoy

# The repo-split readiness checklist (Phases 1-4), each row measured by a command.
split-readiness:
    scripts/split-readiness
