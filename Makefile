# The one interface for people and CI. Every target installs what it needs on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
READY := $(VENV)/.ready
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

NODE_READY := node_modules/.ready
CHROMIUM := /usr/bin/chromium
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends

.PHONY: help site serve test check setup clean

help:
	@echo "make site   build the site into site/ (strict; site/ is replaced only by a good build)"
	@echo "make serve  preview the site at http://127.0.0.1:8000"
	@echo "make test   run the whole test suite"
	@echo "make check  check every claim, citation, reference and front matter field"

setup: $(READY)

$(READY): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# Front-end packages (iframe-worker for offline search, axe-core for accessibility tests).
$(NODE_READY): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# Debian's Chromium for the browser tests (test tools may not download browsers of their own).
$(CHROMIUM):
	apt-get update -qq
	$(APT_INSTALL) chromium

site: $(READY)
	$(PY) -m medkb.publish --site-dir site

serve: $(READY)
	$(VENV)/bin/mkdocs serve --strict

check: $(READY)
	$(PY) -m medkb check

test: $(READY) $(NODE_READY) $(CHROMIUM)
	$(PY) -m pytest

clean:
	rm -rf site .site-* .pytest_cache
