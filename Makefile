# Two commands: `make run` (install, start the embedded store, load the demo, serve) and
# `make test` (install, type and lint gates, check every Cypher file with Neo4j's checker, run the tests).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Pinned versions with hashes, made by `make lock`: requirements.lock serves (`make run`),
# requirements-test.lock adds the test tools and the `ftm` extra (followthemoney, which compiles PyICU).
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
CYPHER_LINT := tools/cypher-lint
WEB_VENDOR := tools/web-vendor
STATIC_VENDOR := service/static/vendor
HAMAHANG_PORT ?= 8000

.PHONY: run test check install lock vendor lint-cypher chromium pytest schema notebooks bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# uv installs the locked wheels (hashes checked, bytecode compiled) in about 10 s where pip took 157 s on a
# loaded 2-core machine; every file is pinned by its hash, so taking it from whichever index has it is safe.
# pip installs them if uv cannot (no network to its index, say).
define install_lock
	$(BIN)/python -m pip install --quiet 'uv==0.13.9'
	UV_INDEX_STRATEGY=unsafe-best-match $(BIN)/uv pip install --python $(BIN)/python --quiet --require-hashes \
		--no-deps --compile-bytecode -r $(1) || $(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(1)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@
endef

$(RUN_STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(call install_lock,requirements.lock)

$(TEST_STAMP): requirements-test.lock pyproject.toml | $(BIN)/python
	$(call install_lock,requirements-test.lock)

install: $(TEST_STAMP)

# Re-resolve every dependency to its newest allowed version (one command; commit both files).
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes --upgrade --quiet --custom-compile-command "make lock"
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet 'uv==0.13.9'
	$(UV_COMPILE) -o requirements.lock
	$(UV_COMPILE) --extra test --extra ftm -o requirements-test.lock

# compileall writes the service's bytecode even where PYTHONDONTWRITEBYTECODE is set (as on the build
# machines): without it every start compiled ~220 modules again, 0.19 s of the 1.85 s import (bench/startup.py)
run: $(RUN_STAMP) vendor
	$(BIN)/python -m compileall -q -j 0 service
	HAMAHANG_LOAD_DEMO=true HAMAHANG_PORT=$(HAMAHANG_PORT) $(BIN)/python -m service serve

$(CYPHER_LINT)/node_modules/.package-lock.json: $(CYPHER_LINT)/package.json $(CYPHER_LINT)/package-lock.json
	npm ci --prefix $(CYPHER_LINT) --no-audit --no-fund --loglevel=error

lint-cypher: $(CYPHER_LINT)/node_modules/.package-lock.json
	node $(CYPHER_LINT)/lint.mjs cypher

# GraphiQL (/graphql) and Swagger UI (/docs) served by the service itself: the directorate's intranet
# has no internet. About 5.6 MB of bundles, so installed from npm at build time (pinned by the lock
# file) and copied under service/static/vendor/ (git-ignored), not committed.
$(STATIC_VENDOR)/.installed: $(WEB_VENDOR)/package.json $(WEB_VENDOR)/package-lock.json
	npm ci --prefix $(WEB_VENDOR) --no-audit --no-fund --loglevel=error
	mkdir -p $(STATIC_VENDOR)
	cd $(WEB_VENDOR)/node_modules && cp graphiql/graphiql.min.js graphiql/graphiql.min.css react/umd/react.production.min.js \
		react-dom/umd/react-dom.production.min.js swagger-ui-dist/swagger-ui-bundle.js swagger-ui-dist/swagger-ui.css $(CURDIR)/$(STATIC_VENDOR)/
	cd $(WEB_VENDOR)/node_modules && for p in graphiql react react-dom swagger-ui-dist; do cp $$p/LICENSE $(CURDIR)/$(STATIC_VENDOR)/LICENSE-$$p; done
	touch $@

vendor: $(STATIC_VENDOR)/.installed

# Debian's Chromium drives the page tests (graph pages, heatmaps, the agency portal).
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

pytest: $(TEST_STAMP) vendor
	$(BIN)/python -m pytest

# The type and lint gates (settings in pyproject.toml): a type error or a lint finding fails `make test`.
check: $(TEST_STAMP)
	$(BIN)/python -m ruff check service tests
	$(BIN)/python -m mypy

test: check lint-cypher chromium pytest

# The benchmark suite (separate from the tests; about 24 minutes on 2 cores, wrk included): city and province,
# figures and ratios printed as measured, the table written to bench/RESULTS.md.
BENCH_ARGS ?= --scales city,province
# compileall as `make run` does: the start-up it measures is the one `make run` gives (where
# PYTHONDONTWRITEBYTECODE is set, a fresh checkout's first measurement compiled every module at every start:
# import 3.0 s instead of 1.7 s).
bench: $(TEST_STAMP)
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python -m compileall -q -j 0 service
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# Labelled evaluations of the analyses (eval/): precision, recall and class accuracy on the held-out
# and tuning parts, beside the previous version's figures (eval/*/previous.json). Seconds, no store.
eval: $(TEST_STAMP)
	$(BIN)/python -m eval

notebooks: $(TEST_STAMP)
	$(BIN)/python tools/make_notebooks.py

schema: $(RUN_STAMP)
	$(BIN)/strawberry export-schema service.graphql.schema:schema --output schema.graphql

clean:
	rm -rf $(VENV) var $(CYPHER_LINT)/node_modules $(WEB_VENDOR)/node_modules $(STATIC_VENDOR)
