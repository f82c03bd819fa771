# Two commands: `make run` (install, start the embedded store, load the demo, serve) and
# `make test` (install, check every Cypher file with Neo4j's checker, run the tests).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CYPHER_LINT := tools/cypher-lint
HAMAHANG_PORT ?= 8000

.PHONY: run test install lint-cypher chromium pytest schema notebooks bench eval clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	HAMAHANG_LOAD_DEMO=true HAMAHANG_PORT=$(HAMAHANG_PORT) $(BIN)/python -m service serve

$(CYPHER_LINT)/node_modules/.package-lock.json: $(CYPHER_LINT)/package.json $(CYPHER_LINT)/package-lock.json
	npm ci --prefix $(CYPHER_LINT) --no-audit --no-fund --loglevel=error

lint-cypher: $(CYPHER_LINT)/node_modules/.package-lock.json
	node $(CYPHER_LINT)/lint.mjs cypher

# Debian's Chromium drives the page tests (graph pages, heatmaps, the agency portal).
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

pytest: $(STAMP)
	$(BIN)/python -m pytest

test: lint-cypher chromium pytest

# The benchmark suite (separate from the tests; about 20 minutes on 2 cores): city and province,
# figures and ratios printed as measured, the table written to bench/RESULTS.md.
BENCH_ARGS ?= --scales city,province
bench: $(STAMP)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# Labelled evaluations of the analyses (eval/): precision, recall and class accuracy on the held-out
# and tuning parts, beside the previous version's figures (eval/*/previous.json). Seconds, no store.
eval: $(STAMP)
	$(BIN)/python -m eval

notebooks: $(STAMP)
	$(BIN)/python tools/make_notebooks.py

schema: $(STAMP)
	$(BIN)/strawberry export-schema service.graphql.schema:schema --output schema.graphql

clean:
	rm -rf $(VENV) var $(CYPHER_LINT)/node_modules
