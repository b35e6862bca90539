# s301: two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
S301   := $(VENV)/bin/s301
DB     ?= data/s301.duckdb
SHARED ?= $(or $(S301_SHARED),../shared)

.PHONY: setup demo test eval bench fuzz app init clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev]'
	touch $@

init: setup
	$(S301) init --db $(DB)

# The main job on the embedded default: reference tables, the public-domain sample cables and
# USTR's NTE intellectual-property chapters 1995-2022 (warehouse/corpus), train, backtest, headline table.
# reextract refreshes the facts of documents stored by an earlier version's extraction rules (a no-op
# on a fresh warehouse).
NTE_PACKAGE := warehouse/corpus/nte_ip_sections.csv.gz

demo: setup
	$(S301) init --db $(DB)
	$(S301) ingest warehouse/samples $(NTE_PACKAGE) --db $(DB) --no-progress
	$(S301) reextract --db $(DB) --no-progress
	$(S301) train --db $(DB)
	$(S301) backtest --db $(DB) --from 2007 --json results/backtest.json
	$(S301) alerts --db $(DB) --top 5
	@echo
	@echo "Open the app:  make app   (or: $(VENV)/bin/streamlit run app/Home.py)"

test: setup
	$(PY) -m pytest -q -n 2

# Extraction against gold: the cable corpus (../shared) and the embedded NTE development set, both
# halves (figures only; the held-out half's errors are not listed: nobody tunes on them)
eval: setup
	$(PY) -m bench.eval_extract --shared $(SHARED) --out results/extraction_eval.md
	$(PY) -m bench.eval_nte --half dev
	$(PY) -m bench.eval_nte --half dev2
	$(PY) -m bench.eval_nte --half test
	$(PY) -m bench.eval_nte --half fresh
	$(PY) -m bench.eval_nte --half focusdev
	$(PY) -m bench.eval_nte --half focusdev2
	$(PY) -m bench.eval_nte --half focusdev3
	$(PY) -m bench.eval_nte --half focus
	$(PY) -m bench.eval_nte --half focus2
	$(PY) -m bench.eval_nte --half focus3
	$(PY) -m bench.eval_nte --half focus4
	$(PY) -m bench.annotator_agreement

bench: setup
	$(PY) -m bench.run --shared $(SHARED) --out results/bench.md

# Issue 13: 10,000 generated malformed files through ingest, extract and score, 20 interrupted parallel
# ingests, peak memory on a 24 MB page of tiny tags -> results/fuzz.md (about half an hour on 2 cores).
FUZZ_N ?= 10000
fuzz: setup
	$(PY) -m bench.fuzz --shared $(SHARED) -n $(FUZZ_N) --out results/fuzz.md

app: setup
	$(VENV)/bin/streamlit run app/Home.py

clean:
	rm -rf $(VENV) data/*.duckdb models .pytest_cache
