# Two commands on a fresh machine (Debian, Python 3.11; Node 20 only for the tests and benchmarks):
#   make site   set up Python and build the site from bulletins/ into site/ (no Node needed)
#   make test   set everything up (Node tools, Chromium) and run the tests
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup node site test chromium lint bench-search bench-scale serve wheel clean

setup: $(STAMP)

# Node tools (pagefind for the search benchmark, axe-core for the accessibility tests): tests and benchmarks only.
node: node_modules/.installed

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

site: setup
	$(PY) -m gazette build

# Browser tests run Debian's Chromium (Playwright cannot download browsers here).
chromium:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null)

lint: setup
	$(PY) -m ruff check gazette tests scripts build_index.py
	$(PY) -m mypy

# One worker per core (pytest-xdist); a file's tests share a worker, so its fixtures are built once.
test: setup node chromium lint
	$(PY) -m pytest -n auto --dist loadfile

bench-search: site node
	$(PY) scripts/bench_search.py --docs $(CURDIR)/docs --site $(CURDIR)/site

bench-scale: setup node chromium
	$(PY) scripts/bench_scale.py

serve: site
	$(PY) -m http.server --directory site 8000

# The wheel other cities install (pip install dist/gazette-*.whl), built from this checkout.
wheel: setup
	$(PY) -m pip wheel --no-deps . -w dist

clean:
	rm -rf site docs build .cache
