# Mediator Portal: every set-up step for a fresh machine lives here.
# `make run` serves the app on SQLite with the background-job worker beside it (scripts/run.sh);
# `make test` runs the whole suite (scripts/test.sh: SQLite, the browser tests once, then the
# database-sensitive tests again on PostgreSQL).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
FLASK := $(BIN)/flask --app wsgi
PORT ?= 5000
export PORT

.PHONY: setup run serve test test-sqlite test-postgresql lint format messages translations vendor demo bench bench-mix screenshots clean

setup: $(VENV)/.installed node_modules/.installed static/vendor/.built translations

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/.built: node_modules/.installed scripts/vendor.sh
	bash scripts/vendor.sh
	touch $@

translations: $(VENV)/.installed
	$(BIN)/pybabel compile -d mediator_portal/translations -D messages --statistics 2>&1 | tail -n 2

messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output --ignore-dirs='.* node_modules' -o mediator_portal/translations/messages.pot .
	$(BIN)/pybabel update -i mediator_portal/translations/messages.pot -d mediator_portal/translations --no-fuzzy-matching --ignore-obsolete

run: setup
	mkdir -p instance
	$(FLASK) db upgrade
	$(FLASK) demo-data --if-empty
	bash scripts/run.sh

# Production: gunicorn, one process with threads, after `flask db upgrade` (docs/deploy.md).
serve: setup
	bash scripts/serve.sh

test: setup
	bash scripts/test.sh

# The whole suite on one database, every test (slower than `make test`'s budget).
test-sqlite: setup
	$(PY) -m pytest --db=sqlite -n auto

test-postgresql: setup
	$(PY) -m pytest --db=postgresql -n auto

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) bench/forum_pages.py $(BENCH_ARGS)

bench-mix: setup
	$(PY) bench/mix.py $(BENCH_ARGS)

# PNGs of home, a category, a long topic and the reports queue, Greek and English, 1280x800
# and 390x844, from the demo data on a temporary database, into screenshots/ (not tracked).
screenshots: setup
	$(PY) scripts/screenshots.py $(SCREENSHOT_ARGS)

clean:
	rm -rf $(VENV) node_modules static/vendor .pytest_cache
