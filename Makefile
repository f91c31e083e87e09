# eventcoder: `make demo` and `make test` create the virtual environment when it is
# missing and install what they need (no network at run time; packages from PyPI).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXTRAS ?= dev,parquet,pandas,web,webtest,dask
STAMP := $(VENV)/.installed-$(EXTRAS)

.PHONY: demo test bench install clean lint

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	@rm -f $(VENV)/.installed-*
	@touch $@

demo: $(STAMP)
	$(BIN)/eventcoder code samples/ --format table

test: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

bench: $(STAMP)
	$(BIN)/python bench/bench_coder.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
