# Two commands, as README says: `make demo` and `make test`. Both install what they need first.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
export QT_QPA_PLATFORM ?= offscreen

.PHONY: setup demo test lint package

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

# dist/tongban_<version>_<arch>.deb with its own Python environment (installer/package/build-deb.sh);
# installer/check-package.sh installs it into a clean Debian root. Neither is part of `make test`.
package: setup
	@installer/package/build-deb.sh
