# One task runner: `make demo` and `make test` each set up .venv from nothing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXAMPLE := criteria/hoi-ccb-cum-3/2023.yaml examples/hoi-ccb-cum-3/2023
REVIEW := examples/hoi-ccb-cum-3/2023/review.yaml

.PHONY: demo demo-city workspace test lint fuzz bench mutate clean

$(BIN)/thidua: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

demo: $(BIN)/thidua
	$(BIN)/thidua validate $(EXAMPLE)
	$(BIN)/thidua score $(EXAMPLE)
	$(BIN)/thidua explain $(EXAMPLE) --unit cao-bang
	$(BIN)/thidua rank $(EXAMPLE)
	mkdir -p build
	$(BIN)/thidua review $(EXAMPLE) --decisions $(REVIEW) -o build/record.json --force
	$(BIN)/thidua verify build/record.json
	$(BIN)/thidua minutes build/record.json -o build/bien-ban.html --force
	$(BIN)/thidua report $(EXAMPLE) --decisions $(REVIEW) -o build/bao-cao.html --force
	$(BIN)/thidua diff criteria/hoi-ccb-cum-3/2023.yaml criteria/hoi-ccb-cum-3/2024.yaml

# The council's workspace on the 2023 example, in a browser: the round folder is made once (criteria.yaml, the six
# submissions without the council's review, next year's draft in next/), so that what one does there is kept.
WORKSPACE := build/workspace
workspace: $(BIN)/thidua
	@if [ ! -e $(WORKSPACE)/criteria.yaml ]; then \
		mkdir -p $(WORKSPACE)/submissions $(WORKSPACE)/next && \
		cp criteria/hoi-ccb-cum-3/2023.yaml $(WORKSPACE)/criteria.yaml && \
		cp $(filter-out %/review.yaml,$(wildcard examples/hoi-ccb-cum-3/2023/*.yaml)) $(WORKSPACE)/submissions/ && \
		cp criteria/hoi-ccb-cum-3/2024.yaml $(WORKSPACE)/next/; \
	fi
	$(BIN)/thidua serve $(WORKSPACE)

# One round feeding another: each Sở decides its round, the city scores the districts from their records.
CITY := criteria/tp-da-nang
CITY_DATA := examples/tp-da-nang
demo-city: $(BIN)/thidua
	mkdir -p build/tp-da-nang
	$(BIN)/thidua review $(CITY)/so-gddt/2024.yaml $(CITY_DATA)/so-gddt/2024 --decisions $(CITY_DATA)/so-gddt/2024/review.yaml \
		-o build/tp-da-nang/so-gddt-2024.json --force
	$(BIN)/thidua review $(CITY)/so-yte/2024.yaml $(CITY_DATA)/so-yte/2024 --decisions $(CITY_DATA)/so-yte/2024/review.yaml \
		-o build/tp-da-nang/so-yte-2024.json --force
	$(BIN)/thidua explain $(CITY)/2024.yaml $(CITY_DATA)/2024 --unit son-tra
	$(BIN)/thidua review $(CITY)/2024.yaml $(CITY_DATA)/2024 --decisions $(CITY_DATA)/2024/review.yaml \
		-o build/tp-da-nang/2024.json --force
	$(BIN)/thidua verify build/tp-da-nang/2024.json

lint: $(BIN)/thidua
	$(BIN)/ruff check scoring tests benchmarks
	$(BIN)/ruff format --check scoring tests benchmarks
	$(BIN)/mypy

# A fixed --basetemp: pytest's own clean-up of numbered temp folders (pytest-of-USER/pytest-N) can leave a
# directory iterator to the garbage collector, a ResourceWarning that filterwarnings=error makes a failed run.
test: lint
	mkdir -p build
	$(BIN)/pytest -q --basetemp=build/pytest

# The long fuzz run (docs/SECURITY.md): FUZZ examples per test; `make test` runs a short one.
FUZZ ?= 20000
fuzz: $(BIN)/thidua
	THIDUA_FUZZ_EXAMPLES=$(FUZZ) $(BIN)/pytest -q tests/property/test_fuzz.py

bench: $(BIN)/thidua
	$(BIN)/python benchmarks/bench_scoring.py
	$(BIN)/python benchmarks/bench_files.py
	$(BIN)/python benchmarks/bench_startup.py --no-check
	$(BIN)/python benchmarks/bench_growth.py
	$(BIN)/python benchmarks/bench_national.py
	$(BIN)/python benchmarks/bench_robustness.py

# Mutation testing of the decision modules (methods, evaluate, numbers, rank, awards, review, record) against the tests that cover
# them ([tool.mutmut] in pyproject.toml); long: run it by hand, `$(BIN)/mutmut results` lists the survivors.
mutate: $(BIN)/thidua
	$(BIN)/mutmut run

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache .hypothesis mutants
