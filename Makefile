# newsroom: `make run` serves the demo newsroom, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test lint format migrate demo clean bench check-web

# A stamp per requirements file: installs run again only when the files change.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

## run: install, migrate, load the demo newsroom once, serve http://$(HOST):$(PORT)/
run: $(VENV)/.installed
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=1 $(BIN)/python manage.py loaddemo --if-empty
	DJANGO_DEBUG=1 $(BIN)/python manage.py create_demo_editor
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

## serve: the production stack: migrate, hashed and compressed static files, gunicorn
## (gunicorn.conf.py). Settings from the environment: DJANGO_SECRET_KEY, DATABASE_URL,
## REDIS_URL, DJANGO_ALLOWED_HOSTS…; DJANGO_HTTPS=0 to try it over plain HTTP locally.
serve: $(VENV)/.installed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py collectstatic --no-input -v0
	GUNICORN_BIND=$${GUNICORN_BIND:-$(HOST):$(PORT)} $(BIN)/gunicorn newsroom.wsgi -c gunicorn.conf.py

## test: the whole test suite (DATABASE_URL picks the database; SQLite by default)
test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## check-web: what browsers and search engines check, in Chromium: axe-core, the Nu HTML
## Checker (Java), Lighthouse 12 on home and article (mobile); screenshots into docs/
check-web: $(VENV)/.installed-dev node_modules/.installed
	$(BIN)/python -m pytest -m web $(PYTEST_ARGS)

# npm's tools for check-web, at the versions package-lock.json pins.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## bench: seed N stories (default 100000) into DATABASE_URL, load every page type with
## wrk under gunicorn, readers' mix while an editor works, through Varnish; append the
## figures to docs/benchmarks.md (installs Debian's wrk, varnish and varnish-modules)
bench: $(VENV)/.installed-dev /usr/bin/wrk /usr/sbin/varnishd
	$(BIN)/python bench/run.py

/usr/bin/wrk:
	apt-get install -y wrk || (apt-get update && apt-get install -y wrk)

/usr/sbin/varnishd:
	apt-get install -y varnish varnish-modules || \
		(apt-get update && apt-get install -y varnish varnish-modules)

## lint: ruff's lint and format checks, and no missing migration
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
