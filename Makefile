# paperfeed's tasks. `make help` lists them; the README and .ci/run use these same targets.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.DEFAULT_GOAL := help

.PHONY: help
help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  %-10s %s\n", $$1, $$2}'

# What running paperfeed needs, and no more (`make demo`).
$(BIN)/.runtime: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/pip install --quiet -e .
	touch $@

# Everything: the optional S3 and Flower parts, and the tools the tests and benchmarks use.
$(BIN)/.installed: $(BIN)/.runtime
	$(BIN)/pip install --quiet -e ".[s3,flower]" --group dev
	touch $@

.PHONY: install
install: $(BIN)/.installed  ## create .venv and install paperfeed with its dev tools

.PHONY: demo
demo: $(BIN)/.runtime  ## ingest the demo issue and serve its feeds (Ctrl-C stops)
	mkdir -p var/drop
	cp examples/*.txt var/drop/
	PAPERFEED_STABLE_SECONDS=0 PAPERFEED_SCAN_INTERVAL=2 $(BIN)/paperfeed run

.PHONY: test
test: install  ## run lint, type checks, unit and integration tests
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

.PHONY: unit
unit: install  ## run the unit tests only (no services needed)
	$(BIN)/python -m pytest tests/unit

SHARED ?= ../shared

.PHONY: corpus
corpus: install  ## score the parser on $(SHARED)/corpus; fails below the floor in .ci/corpus-floor
	PAPERFEED=$(BIN)/paperfeed CORPUS_MIN=$$(cat .ci/corpus-floor) \
	  $(BIN)/python $(SHARED)/tools/score_corpus.py

FEEDVALIDATOR ?=

.PHONY: validate
validate: install  ## check the demo's published feeds with the W3C feed validator at FEEDVALIDATOR (a checkout)
	@if [ -z "$(FEEDVALIDATOR)" ]; then \
	  echo "validate: skipped: FEEDVALIDATOR is not set; give it a checkout of w3c/feedvalidator"; \
	  echo "  (make validate FEEDVALIDATOR=~/src/feedvalidator; nothing is downloaded)"; \
	else \
	  { $(BIN)/python -c "import html5lib" 2>/dev/null \
	    || $(BIN)/pip install --quiet "html5lib>=1.1"; } && \
	  $(BIN)/python tools/validate_feeds.py --validator "$(FEEDVALIDATOR)" --shared "$(SHARED)"; \
	fi

.PHONY: conditions
conditions: install  ## longer runs under real conditions: a full disk, hanging sites, a Redis hang, a thousand files, a killed embedded worker (~7 min)
	$(BIN)/python -m pytest tests/integration -m conditions -s

.PHONY: soak
soak: install  ## the bounded soak: mixed files and faults (PAPERFEED_SOAK_SECONDS, 600), then 2,000 files at once
	$(BIN)/python -m pytest tests/integration/test_soak.py tests/integration/test_burst.py -m soak -s

.PHONY: bench
bench: install  ## print the benchmark figures (PostgreSQL and Redis on localhost; 12-32 min by machine)
	@$(BIN)/python -c "import psutil" 2>/dev/null || $(BIN)/pip install --quiet "psutil>=5.9"
	@command -v wrk >/dev/null 2>&1 || (apt-get install -y -qq wrk >/dev/null 2>&1 \
	  || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null 2>&1)) \
	  || echo "wrk could not be installed: the serve figures use the Python load generator"
	$(BIN)/python -m benchmarks

.PHONY: clean
clean:  ## remove the virtualenv, caches and the local var/ folder
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .hypothesis
