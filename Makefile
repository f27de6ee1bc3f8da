# Two commands, as README says: `make demo` and `make test`. Both install what they need first.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
export QT_QPA_PLATFORM ?= offscreen

.PHONY: setup demo test lint

setup:
	@installer/dev-setup.sh

demo: setup
	@$(BIN)/tongban demo

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q
