# Quick start: `make serve` (site at http://127.0.0.1:8000/) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build offline test lint clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

serve: $(BIN)/.installed
	$(BIN)/mkdocs serve --dirty

build: $(BIN)/.installed
	$(BIN)/mkdocs build --strict

offline: $(BIN)/.installed
	OFFLINE=true DIRECTORY_URLS=false $(BIN)/mkdocs build --strict --site-dir site-offline

lint: $(BIN)/.installed
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/mypy

test: $(BIN)/.installed lint build
	$(BIN)/python -m pytest

clean:
	rm -rf site docs/documents docs/sources docs/index.md docs/catalogue.json
