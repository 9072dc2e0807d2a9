# crosswire: two commands.
#   make demo   set everything up (venv, pinned packages, models) and run the main job on samples/
#   make test   run the test suite (what CI runs)
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT := out

.PHONY: setup demo test lint bench clean

$(STAMP): pyproject.toml requirements.lock
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	rm -f $(OUT)/demo.db $(OUT)/demo.db-wal $(OUT)/demo.db-shm $(OUT)/ev-*.html $(OUT)/ev-*.md $(OUT)/ev-*.json
	$(BIN)/crosswire demo --db $(OUT)/demo.db --out $(OUT)

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check crosswire tests benchmarks
	$(BIN)/mypy crosswire

bench: $(STAMP)
	$(BIN)/python benchmarks/ingest.py

clean:
	rm -rf $(VENV) $(OUT)
