# The one interface for people and CI. Every target installs what it needs on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
# MkDocs 1.6.1 (requirements.txt), or ProperDocs, its maintained fork, in its own environment:
# `make test MKDOCS=properdocs` (requirements.txt with requirements-properdocs.txt in place of MkDocs).
MKDOCS ?= mkdocs
ifeq ($(MKDOCS),mkdocs)
VENV := .venv
else ifeq ($(MKDOCS),properdocs)
VENV := .venv-properdocs
else
$(error MKDOCS is mkdocs or properdocs)
endif
PY := $(VENV)/bin/python
READY := $(VENV)/.ready
PROPERDOCS_READY := .venv-properdocs/.ready
export MEDKB_MKDOCS := $(MKDOCS)
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

NODE_READY := node_modules/.ready
CHROMIUM := /usr/bin/chromium
# apt needs root: CI runners (GitHub Actions) run as a user with sudo.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
APT_INSTALL := $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends

.PHONY: help site serve test check setup clean bench new-article pdf offline verify-refs add-ref

help:
	@echo "make site   build the site into site/ (strict; site/ is replaced only by a good build)"
	@echo "make pdf    the site with a PDF of every article and the handbook (site/pdf/)"
	@echo "make offline  the site for reading from disk, search included: dist/site-offline.zip"
	@echo "make serve  preview the site at http://127.0.0.1:8000 (findings shown on each page; a save renders what it changes)"
	@echo "make test   run the whole test suite"
	@echo "make test GROUP=unit  one group of it: unit (rules, no build), site (real builds), pdf, browser (Chromium)"
	@echo "make check  check every claim, citation, reference and front matter field"
	@echo "            (BASE=origin/main also checks approved pages changed since that branch)"
	@echo "make new-article SLUG=my-topic TITLE=\"My topic\"  start a new article (CONTRIBUTING.md)"
	@echo "make verify-refs  compare bib/ with Crossref and PubMed (BASE=origin/main: only entries changed since)"
	@echo "make add-ref DOI=10.... EVIDENCE=rct BIB=bib/my-topic.bib  add an entry from the registries (or PMID=...)"
	@echo "make bench  time our build against plain Material and the peers on a generated 1,000-page corpus"
	@echo "            (N=200: smaller; PEERS=0: without the peers); appends to bench/RESULTS.md"
	@echo "make test MKDOCS=properdocs  the same on ProperDocs, the maintained fork of MkDocs 1.x"

setup: $(READY)

.venv/.ready: requirements.txt pyproject.toml
	test -x .venv/bin/python || $(PYTHON) -m venv .venv
	.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# requirements.txt and ProperDocs, then MkDocs taken out again (Material and mkdocs-bibtex name it as a
# dependency and would bring it back): every `import mkdocs` is then ProperDocs' (medkb/engine.py).
$(PROPERDOCS_READY): requirements.txt requirements-properdocs.txt pyproject.toml
	test -x .venv-properdocs/bin/python || $(PYTHON) -m venv .venv-properdocs
	.venv-properdocs/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-properdocs.txt
	.venv-properdocs/bin/python -m pip uninstall --quiet --yes mkdocs
	.venv-properdocs/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# Front-end packages (iframe-worker for offline search, axe-core for accessibility tests).
$(NODE_READY): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# Debian's Chromium for the browser tests (test tools may not download browsers of their own).
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(APT_INSTALL) chromium

site: $(READY)
	$(PY) -m medkb.cli.publish --site-dir site

# WeasyPrint's system libraries (Pango) and the fonts the PDFs embed: on Debian's image already, installed if not.
PDF_DEPS := /usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf
$(PDF_DEPS):
	$(SUDO) apt-get update -qq
	$(APT_INSTALL) libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-dejavu-extra

# The site with a PDF of every article and the handbook (site/pdf/), built and published in one step.
pdf: $(READY) $(PDF_DEPS)
	MEDKB_PDF=true $(PY) -m medkb.cli.publish --site-dir site

# The site for reading from disk (file://, no network, search included), PDFs included, zipped.
offline: $(READY) $(NODE_READY) $(PDF_DEPS)
	mkdir -p dist
	OFFLINE=true MEDKB_PDF=true $(PY) -m medkb.cli.publish --site-dir dist/site-offline
	rm -f dist/site-offline.zip
	cd dist && ../$(PY) -m zipfile -c site-offline.zip site-offline
	@echo "Offline site: dist/site-offline.zip (open site-offline/index.html)"

# The writer's preview: findings shown on the page (MEDKB_PREVIEW, hooks/preview.py), never a stopped server;
# each save renders only the pages it changes (--dirty, hooks/incremental.py).
serve: $(READY)
	MEDKB_PREVIEW=true $(PY) -m $(MKDOCS) serve --dirty --watch bib

check: $(READY)
	$(PY) -m medkb check$(if $(BASE), --base "$$BASE")

# SLUG, TITLE (and QUESTION) reach the command through the environment, so quotes in a title are safe.
new-article: $(READY)
	$(PY) -m medkb new-article --slug "$${SLUG-}" --title "$${TITLE-}" --question "$${QUESTION-}"

# Online: asks Crossref and PubMed, refreshes bib/registry-cache.json (the build reads only that file).
# MAILTO (or MEDKB_MAILTO) is sent to the registries; NCBI_API_KEY raises NCBI's limit from 3 to 10 a second.
verify-refs: $(READY)
	MEDKB_MAILTO="$${MAILTO-$${MEDKB_MAILTO-}}" $(PY) -m medkb verify-refs$(if $(BASE), --base "$$BASE")$(if $(KEYS), --keys "$$KEYS")

add-ref: $(READY)
	MEDKB_MAILTO="$${MAILTO-$${MEDKB_MAILTO-}}" $(PY) -m medkb add-ref --doi "$${DOI-}" --pmid "$${PMID-}" --evidence "$${EVIDENCE-}" --bib "$${BIB-}"

# The suite's groups are the folders of tests/ (CONTRIBUTING.md): `make test GROUP=unit` runs one group and
# installs only what that group needs; `make test` runs them all.
TEST_GROUPS := unit site pdf browser
ifneq ($(filter-out $(TEST_GROUPS),$(GROUP)),)
$(error GROUP is one or more of: $(TEST_GROUPS))
endif
TEST_NEEDS_unit := $(READY) $(NODE_READY)
TEST_NEEDS_site := $(READY) $(NODE_READY) $(PDF_DEPS)
TEST_NEEDS_pdf := $(READY) $(PDF_DEPS)
TEST_NEEDS_browser := $(READY) $(NODE_READY) $(CHROMIUM)

test: $(sort $(foreach group,$(or $(GROUP),$(TEST_GROUPS)),$(TEST_NEEDS_$(group))))
	$(PY) -m pytest$(foreach group,$(GROUP), tests/$(group))

# Benchmark against a plain Material build of the same generated corpus and against the peers (Material +
# mkdocs-bibtex, Sphinx + myst-parser + sphinxcontrib-bibtex, our build on ProperDocs), each peer in an
# environment of its own: `make bench`, `make bench N=200`, `make bench PEERS=0` (no peers: quick).
N ?= 1000
PEERS ?= 1
PEERS_VENV := bench/.venv-peers
$(PEERS_VENV)/.ready: bench/requirements-peers.txt
	test -x $(PEERS_VENV)/bin/python || $(PYTHON) -m venv $(PEERS_VENV)
	$(PEERS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -r bench/requirements-peers.txt
	touch $@

bench: .venv/.ready $(PDF_DEPS) $(if $(filter 1,$(PEERS)),$(PEERS_VENV)/.ready $(PROPERDOCS_READY))
	.venv/bin/python -m bench.bench --pages $(N) --bib-entries $$(( $(N) * 2 )) \
	  $(if $(filter 1,$(PEERS)),--peers --peers-python $(PEERS_VENV)/bin/python --properdocs-python .venv-properdocs/bin/python) \
	  $(BENCH_ARGS) --results bench/RESULTS.md

clean:
	rm -rf site .site-* .pytest_cache dist
