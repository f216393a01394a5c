# The README's commands: `make run` (set up, then make a plan) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE ?= examples/first-spasm.json

.PHONY: run test setup lint bench clean

$(BIN)/.installed: pyproject.toml
	@echo "Setting up careplan (once; about a minute): checking the system libraries for PDFs..."
	@bash scripts/system-deps.sh
	@echo "Making $(VENV)/ and installing careplan and its Python packages (about 30 seconds)..."
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@
	@echo "Set-up done."

setup: $(BIN)/.installed

# In a terminal: the questionnaire. With no terminal: a plan from a bundled example.
# Ctrl-C (exit status 130) is not a failure: careplan has said the answers are kept, and make
# need not add an error line of its own.
run: setup
	@if [ -t 0 ]; then \
		status=0; $(BIN)/careplan || status=$$?; \
		[ $$status -eq 130 ] || exit $$status; \
	else \
		echo "No terminal here: making a plan from $(EXAMPLE) instead."; \
		$(BIN)/careplan --answers $(EXAMPLE) -o careplan-example.pdf --force; \
	fi

lint: setup
	$(BIN)/ruff check careplan tests bench
	$(BIN)/ruff format --check careplan tests bench
	$(BIN)/mypy

# The tests run in parallel, one worker per core (pytest-xdist); the tests of one example plan
# go to one worker (--dist loadgroup in pyproject.toml), which lays the plan out once. 4 to 6
# minutes on an idle 2-core machine (README.md). The 30 slowest tests are listed at the end:
# where to look first to make the run shorter.
test: lint
	$(BIN)/python -m pytest -n auto --durations=30

bench: setup
	$(BIN)/python bench/perf.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
