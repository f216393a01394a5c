# The README's commands: `make run` (set up, then make a plan) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE ?= examples/first-spasm.json

.PHONY: run test setup lint bench clean

$(BIN)/.installed: pyproject.toml
	bash scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/.installed

# In a terminal: the questionnaire. With no terminal: a plan from a bundled example.
run: setup
	@if [ -t 0 ]; then \
		$(BIN)/careplan; \
	else \
		echo "No terminal here: making a plan from $(EXAMPLE) instead."; \
		$(BIN)/careplan --answers $(EXAMPLE) -o careplan-example.pdf --force; \
	fi

lint: setup
	$(BIN)/ruff check careplan tests bench
	$(BIN)/ruff format --check careplan tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/perf.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
