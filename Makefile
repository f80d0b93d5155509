# Public targets: run, test. The rest are helpers.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT
# Where config/settings.py looks for the local trial's settings.
VAR_DIR := $(or $(DJANGO_VAR_DIR),var)
LOCAL_ENV := $(VAR_DIR)/local.env
# pyproject.toml's requires-python, said before a virtualenv is made from an older
# interpreter (Ubuntu 22.04's python3 is 3.10), whose failure pip reports late.
MIN_PYTHON := 3.11
define need_python
	@version=$$($(1) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null); \
	if ! printf '%s\n' $(MIN_PYTHON) "$$version" | sort -V -C; then \
		echo "The portal needs Python $(MIN_PYTHON) or newer; $(1) is $${version:-not found}." >&2; \
		echo "Install python$(MIN_PYTHON) or newer, then: rm -rf $(VENV) && make PYTHON=python$(MIN_PYTHON) $(MAKECMDGOALS)" >&2; \
		exit 1; \
	fi
endef
# The virtualenv's own interpreter once it exists, else the one it is made from.
USED_PYTHON = $(if $(wildcard $(PY)),$(PY),$(PYTHON))

.PHONY: run test deploy lint format messages migrate seed static bench fuzz reliability lighthouse screenshots clean

# Reinstall only when pyproject.toml is newer than the stamp, so a second run is fast.
$(VENV)/.runtime-stamp: pyproject.toml
	$(call need_python,$(USED_PYTHON))
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.dev-stamp: pyproject.toml
	$(call need_python,$(USED_PYTHON))
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $@ $(VENV)/.runtime-stamp

# A local trial's settings: a private key, loopback hosts, plain HTTP, in
# DJANGO_VAR_DIR when it is set (settings read it there). Deployments set DJANGO_*
# variables instead (docs/deploy.md); without them the site refuses to start.
$(LOCAL_ENV):
	mkdir -p $(VAR_DIR)
	umask 077 && printf '%s\n' \
		"DJANGO_SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		"DJANGO_ALLOWED_HOSTS=localhost,127.0.0.1,[::1]" \
		"DJANGO_HTTPS=0" > $@

migrate: $(VENV)/.runtime-stamp $(LOCAL_ENV)
	$(PY) manage.py migrate --noinput -v 0

seed: migrate
	$(PY) manage.py import_seeds -v 1

static: $(VENV)/.runtime-stamp $(LOCAL_ENV)
	$(PY) manage.py collectstatic --noinput -v 0

run: seed static
	exec $(VENV)/bin/gunicorn -c config/gunicorn.conf.py

# Upgrade a deployment in place (docs/deploy.md): its own environment, never
# var/local.env. New dependencies, migrations, static files, the deployment
# checks (any warning stops it before the reload), then gunicorn reloads without
# dropping requests. Catalogs are committed compiled, so nothing to compile.
RELOAD ?= systemctl reload portal
deploy:
	$(call need_python,$(USED_PYTHON))
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[postgres]"
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py check --deploy --fail-level WARNING
	$(RELOAD)

lint: $(VENV)/.dev-stamp
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev-stamp
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# One test process per core (pytest-xdist). Each takes its tests in the order
# pytest-django gives them, transactional ones (which empty the tables) after
# the rest: `--dist worksteal` broke that order, and tests found the rows the
# migrations make gone. TEST_WORKERS=0 runs everything in this one process.
TEST_WORKERS ?= auto
test: $(VENV)/.dev-stamp $(LOCAL_ENV) lint
	$(PY) manage.py makemigrations --check --dry-run -v 0
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist load $(PYTEST_ARGS)

messages: $(VENV)/.dev-stamp $(LOCAL_ENV)
	$(PY) manage.py catalogs

# Lighthouse 12 from npm, kept inside the virtualenv's folder.
$(VENV)/lighthouse/.stamp: $(VENV)/.dev-stamp
	npm install --prefix $(VENV)/lighthouse --no-audit --no-fund --silent lighthouse@12
	touch $@

lighthouse: $(VENV)/lighthouse/.stamp
	$(PY) tests/browser/lighthouse.py

screenshots: $(VENV)/.dev-stamp
	$(PY) tests/browser/screenshots.py

bench: $(VENV)/.dev-stamp
	$(PY) tests/benchmarks/import_benchmark.py 10000
	$(PY) tests/benchmarks/load_benchmark.py --entries 10000
	$(PY) tests/benchmarks/cold_pages.py
	$(PY) tests/benchmarks/vendor_files_benchmark.py 1000
	$(PY) tests/benchmarks/hosts_benchmark.py

fuzz: $(VENV)/.dev-stamp
	$(PY) tests/reliability/fuzz_urls.py --requests 3000

# 60 s of visitors, admin saves and imports with a worker killed half-way; on
# PostgreSQL when DATABASE_URL names an empty database.
reliability: $(VENV)/.dev-stamp
	$(PY) tests/reliability/load_and_faults.py --seconds 60

clean:
	rm -rf $(VENV) var
