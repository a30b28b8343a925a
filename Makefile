# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install clean

$(BIN)/mzgraph: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/mzgraph

install: $(BIN)/mzgraph

demo: install
	$(BIN)/mzgraph build seeds --out output

test: install
	$(BIN)/python -m pytest

clean:
	rm -rf output/* $(VENV)
