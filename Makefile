# Kwal: the two commands that set everything up on a fresh machine are `make demo` and `make test`.
SWIFT ?= swift
KWAL_OUT ?= kwal-out
RELEASE_BIN := $(shell pwd)/.build/release
APT_PACKAGES := libxml2-dev libstemmer-dev libpoppler-glib-dev libsqlite3-dev pkg-config
# What the tests need besides: Debian's chromium renders the HTML report headless.
TEST_PACKAGES := chromium

.PHONY: deps test-deps build demo test bench lint learn fuzz clean

## deps: install the system libraries Kwal links (libxml2, libstemmer, poppler-glib) when missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "kwal: installing$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing; \
	fi

## test-deps: the system libraries and what the tests need (headless chromium), when missing.
test-deps: deps
	@missing=""; for p in $(TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "kwal: installing$$missing (for the tests)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing; \
	fi

## build: the release `kwal` binary, with Swift's runtime and Foundation linked in: it starts in
## two thirds of the time and runs where no Swift toolchain is installed (a cluster's nodes need
## only the Debian libraries above).
RELEASE_FLAGS := -c release --static-swift-stdlib
build: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product kwal

## demo: build, code the demo corpus with the demo codebook, write the outputs to kwal-out/.
demo: build
	$(RELEASE_BIN)/kwal code Corpus --codebook Codebooks/lastmile.yaml --out $(KWAL_OUT)
	$(RELEASE_BIN)/kwal report $(KWAL_OUT) --corpus Corpus --out $(KWAL_OUT)/report.html
	@echo "kwal: outputs are in $(KWAL_OUT)/ (codings.csv, suggestions.csv, documents.csv, units.csv, matrix.csv, kwal.sqlite, report.html)"

## test: the whole test suite.
test: test-deps
	$(SWIFT) build --product kwal
	$(SWIFT) test

## bench: measure Kwal and its peers in the same run; writes BENCHMARKS.md.
bench: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product kwal
	$(SWIFT) build $(RELEASE_FLAGS) --product kwal-bench
	bash bench/run

## learn: refit the demo codebook's learned cues (Codebooks/lastmile.learned.json) from its
## examples and the hand-coded sets in Codebooks/dev/.
learn: build
	$(RELEASE_BIN)/kwal codebook learn Codebooks/lastmile.yaml Codebooks/dev/lastmile-*.csv

## fuzz: libFuzzer on every parser of outside files, FUZZ_SECONDS each (default 600); not in CI.
fuzz: deps
	bash Tests/Fuzz/run

## lint: swift-format lint with the project's .swift-format.
lint:
	$(SWIFT) format lint --strict --recursive --configuration .swift-format Sources Tests

clean:
	rm -rf .build $(KWAL_OUT)
