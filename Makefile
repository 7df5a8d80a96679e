# Every target bootstraps .venv from nothing; `make test` is what CI runs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BOOTSTRAPPED := $(VENV)/.bootstrapped

.PHONY: help generate test lint typecheck demo mock bench dist clean

help:
	@echo "make demo      list open orders from the bundled mock exchange (no keys, no network)"
	@echo "make test      lint, type-check and run every test"
	@echo "make generate  rewrite generated_client/ from openapi.yaml"
	@echo "make mock      serve the mock exchange on 127.0.0.1:8765 until Ctrl-C"
	@echo "make bench     race this client against the peers (own .venv-bench); writes bench/RESULTS.md"
	@echo "make dist      build the sdist and the wheel into dist/"

PRISM := node_modules/.bin/prism

$(PRISM): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# The dev tools are PEP 735 dependency groups (pyproject.toml), which pip reads from 25.1 on.
$(BOOTSTRAPPED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade 'pip>=25.1'
	$(PY) -m pip install --quiet -e '.[mock]' --group dev
	touch $@

generate: $(BOOTSTRAPPED)
	$(PY) generator/generate.py

lint: $(BOOTSTRAPPED)
	$(VENV)/bin/ruff check src tests generator scripts bench
	$(VENV)/bin/ruff format --check src tests generator scripts bench
	$(VENV)/bin/ruff check --isolated --config "lint.isort.known-first-party = ['binance_coinm']" generated_client
	$(VENV)/bin/ruff format --isolated --check generated_client

typecheck: $(BOOTSTRAPPED)
	$(VENV)/bin/mypy

test: lint typecheck $(PRISM)
	$(PY) -m pytest

demo: $(BOOTSTRAPPED)
	$(PY) scripts/demo.py

BENCH_VENV := .venv-bench
BENCH_READY := $(BENCH_VENV)/.bootstrapped

$(BENCH_READY): pyproject.toml bench/requirements-peers.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -e . -r bench/requirements-peers.txt
	touch $@

bench: $(BENCH_READY)
	cd bench && ../$(BENCH_VENV)/bin/python run.py

dist: $(BOOTSTRAPPED)
	$(PY) -m build --outdir dist .

mock: $(BOOTSTRAPPED)
	$(PY) -m binance_coinm.mock --port 8765

clean:
	rm -rf $(VENV) $(BENCH_VENV) node_modules .mypy_cache .ruff_cache .pytest_cache .hypothesis .schemathesis
	rm -rf build dist *.egg-info
