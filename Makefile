# `make run` starts MentorJournal, `make test` runs every check. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCALES := mentorjournal/resources/locale
PO_FILES := $(wildcard $(LOCALES)/*/LC_MESSAGES/mentorjournal.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: install run test lint format bench catalogue clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Compiled catalogues are built here from the .po files, never by hand.
%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --domain=mentorjournal --input-file=$< --output-file=$@

install: $(STAMP) $(MO_FILES)

# Without a display the app says so in one line and exits 1; make adds nothing to it then.
run: install
	@$(BIN)/mentorjournal $(ARGS) || [ $$? -eq 1 ]

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Gather every marked message into a template and merge it into each language's .po file.
# label("...") marks the labels of record fields in the domain (mentorjournal/domain/fields.py).
catalogue: install
	mkdir -p build
	$(BIN)/pybabel extract --no-location --sort-output --keywords=N_ --keywords=pgettext:1c,2 \
		--keywords=label --output-file=build/mentorjournal.pot mentorjournal
	$(BIN)/pybabel update --domain=mentorjournal --input-file=build/mentorjournal.pot \
		--output-dir=$(LOCALES) --no-fuzzy-matching --ignore-obsolete

bench: install
	$(BIN)/python benchmarks/journal_at_scale.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache $(MO_FILES)
