# rasad — make targets for a fresh machine: `make run`, `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RASAD := $(VENV)/bin/rasad
DB ?= sqlite:///data/rasad.db
HOST ?= 127.0.0.1
PORT ?= 8000
SHARED ?= $(abspath ../shared)
export RASAD_SHARED := $(SHARED)

.PHONY: install run test lint bench models gazetteer demo clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	$(RASAD) ingest --demo --db $(DB)
	$(RASAD) serve --db $(DB) --host $(HOST) --port $(PORT)

test: install
	$(PY) -m pytest -q -p no:cacheprovider

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy

bench: install
	$(PY) bench/run.py

models: install
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $(PY) -m rasad.ner.clusters --corpus $(SHARED)/data/ant-news/ant-news-2018.jsonl.xz --out src/rasad/resources/ner/clusters.tsv.gz
	$(PY) -m rasad.ner.train --data $(SHARED)/data/anercorp --out src/rasad/resources/models/ner.crfsuite

gazetteer: install
	$(PY) -m rasad.geo.build --out src/rasad/resources/geo/gazetteer.tsv.gz

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
