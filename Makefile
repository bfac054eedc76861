# Archive Browser: every set-up step lives here, so two commands do everything.
#   make run    open the window on the bundled sample library
#   make test   lint, type-check and run every test (Qt offscreen)
#   make package   the installer for this system, in dist/ (make package-check tries it)

VENV := .venv
ifeq ($(OS),Windows_NT)
PYTHON ?= python
BIN := $(VENV)/Scripts
else
PYTHON ?= python3
BIN := $(VENV)/bin
endif
STAMP := $(VENV)/.installed-stamp
SAMPLE_LIBRARY ?= build/sample-library

.PHONY: install run test lint typecheck pytest clean screenshot bench-import bench-extract

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]' --config-settings editable_mode=compat
	@touch $(STAMP)

run: install
	$(BIN)/archive-browser import resources/sample-pages --library $(SAMPLE_LIBRARY) --quiet
	$(BIN)/archive-browser --library $(SAMPLE_LIBRARY)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy archive_import desktop_app benchmarks packaging

pytest: install
	$(BIN)/python -m pytest

test: lint typecheck pytest

screenshot: install
	$(BIN)/archive-browser import resources/sample-pages --library $(SAMPLE_LIBRARY) --quiet
	$(BIN)/python packaging/screenshot.py --library $(SAMPLE_LIBRARY) --out docs/screenshots --query lighthouse --original

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

# The installer for this system (a .deb and .tar.gz on Linux, a .dmg on macOS, a setup .exe
# on Windows) in dist/; then check that the frozen program imports, searches and opens.
PACKAGE_STAMP := $(VENV)/.package-stamp

$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,package]' --config-settings editable_mode=compat
	@touch $(PACKAGE_STAMP)

.PHONY: package package-check
package: $(PACKAGE_STAMP)
	$(BIN)/python packaging/build_installer.py --out dist

package-check: install
	$(BIN)/python packaging/check_bundle.py build/package/dist

# e.g. make bench-import ARGS=--breakdown; make bench-search ARGS="--articles 10000"
ARGS ?=

bench-import: install
	$(BIN)/python -m benchmarks.bench_import $(ARGS)

bench-extract: install
	$(BIN)/python -m benchmarks.bench_extract $(ARGS)

.PHONY: bench-templates
bench-templates: install
	$(BIN)/python -m benchmarks.bench_templates $(ARGS)

.PHONY: bench-reader
bench-reader: install
	$(BIN)/python -m benchmarks.bench_reader $(ARGS)

.PHONY: bench-search
bench-search: install
	$(BIN)/python -m benchmarks.bench_search $(ARGS)
