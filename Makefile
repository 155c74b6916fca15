# The few commands a contributor needs. Every target installs what it needs into .venv first,
# from the pinned requirements.lock, so a fresh clone needs nothing but Python 3.11+.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-lock
HOST   ?= 127.0.0.1:8000

# Material 9.7+ prints a long MkDocs 2.0 notice on every run; it would drown real warnings.
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help install serve build offline check test lint freshness linkcheck bench lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# Reinstall whenever the lock file changes (the stamp is older than it).
$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "error: Python 3.11 or newer is needed (found: $$($(PYTHON) --version))"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

install: $(STAMP) ## Create .venv and install the pinned dependencies

serve: $(STAMP) ## Preview the site on http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve --strict --dev-addr $(HOST)

build: $(STAMP) ## Build the site into site/ (strict: any warning fails)
	$(BIN)/mkdocs build --strict --clean

# The offline copy (mkdocs-offline.yml): pages as .html files and a search that works from disk. The
# zip holds one folder, aws-cloud-notes/, so unzipping it never scatters files; open its index.html.
OFFLINE_ZIP := aws-cloud-notes-offline.zip
offline: $(STAMP) ## Build the offline copy into site-offline/ and zip it as aws-cloud-notes-offline.zip
	rm -rf site-offline $(OFFLINE_ZIP)
	$(BIN)/mkdocs build --strict --config-file mkdocs-offline.yml --site-dir site-offline/aws-cloud-notes
	cd site-offline && ../$(BIN)/python -m zipfile -c ../$(OFFLINE_ZIP) aws-cloud-notes

# The everyday loop: everything but the browser tests and the scenario builds of project copies.
check: lint ## Lint, the unit tests and one real build with the built-site checks (under a minute)
	$(BIN)/python -m pytest -q -m "not browser and not slow"

test: lint ## Run the linters, then every test (unit, scenario, real build, browser)
	$(BIN)/python -m pytest

# The same checks as .pre-commit-config.yaml, with the same pinned tools from .venv. Each finding is
# one line starting with the file and line, as in the build's own messages.
lint: $(STAMP) ## Lint YAML, Markdown, spelling, Python and the CI workflows
	$(BIN)/yamllint --strict --format parsable data mkdocs.yml .github .pre-commit-config.yaml .yamllint
	@echo "$(BIN)/pymarkdown --config .pymarkdown.yml scan --recurse docs templates"
	@out=$$($(BIN)/pymarkdown --config .pymarkdown.yml scan --recurse docs templates) \
		|| { echo "$$out" | sed 's|^$(CURDIR)/||'; exit 1; }
	$(BIN)/codespell docs data hooks includes macros sitetools tests scripts templates overrides README.md CONTRIBUTING.md mkdocs.yml
	$(BIN)/ruff check --output-format concise hooks macros sitetools tests scripts benchmarks
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml

freshness: $(STAMP) ## Transitions whose day has come (exit 1) and rows unchecked for six months (DATE=YYYY-MM-DD)
	$(BIN)/python scripts/freshness.py $(if $(DATE),--date $(DATE))

linkcheck: $(STAMP) ## Check the source URLs in data/ and page front matter (needs the network; not run in CI)
	$(BIN)/python scripts/linkcheck.py

# Lighthouse comes from npm (benchmarks/package-lock.json); Chromium is CHROME_PATH if set, else
# the one the browser tests find (BROWSER_PATH or chromium on PATH).
bench: $(STAMP) ## Measure Lighthouse, search, build time and rebuilds into benchmarks/RESULTS.md
	cd benchmarks && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python benchmarks/run.py

lock: ## Re-pin requirements.lock from pyproject.toml (needs the network)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --allow-unsafe --generate-hashes --strip-extras \
		--extra test --extra lint --output-file requirements.lock pyproject.toml

clean: ## Remove the built site and caches (keeps .venv)
	rm -rf site site-offline aws-cloud-notes-offline.zip .pytest_cache
