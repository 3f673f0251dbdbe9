# Gute Nachbarschaft — build, run and test. Everything the build needs is installed
# from package registries by the targets below; nothing is downloaded at build time.

SHELL := /bin/bash
.DEFAULT_GOAL := run

CARGO_LEPTOS_VERSION := 0.3.10
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/version = |"/,""); print}' Cargo.lock)
# cargo-leptos takes the first wasm-opt on PATH: the npm one (Debian's breaks hydration).
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

# Leptos reads this at compile time to name the wasm file in its hydration script;
# cargo-leptos sets it for its builds, so every other cargo call must set it too, or
# `cargo test` relinks the binary with a script that asks for a file that is not there.
export LEPTOS_OUTPUT_NAME := nachbarschaft

DATABASE_URL ?= sqlite://data/nachbarschaft.db
export DATABASE_URL

.PHONY: run build test bench bench-tools tools rust-tools node-tools system-tools check-format lint unit e2e postgres-ready clean

## Build the release and serve it on 127.0.0.1:3000 with demo data (SQLite under ./data).
run: build
	mkdir -p data
	LEPTOS_SITE_ROOT=target/site ./target/server-release/nachbarschaft serve --demo --dev-mailbox

## The release build shared by run, test and bench: target/server-release/nachbarschaft + target/site.
build: tools
	cargo leptos build --release --precompress
	# The strongest gzip for the browser bundle (browsers without brotli get this one).
	gzip -9 -k -f -n target/site/pkg/nachbarschaft.wasm target/site/pkg/nachbarschaft.js

## Everything: formatting, lints, unit and database tests (SQLite and PostgreSQL), browser tests.
test: tools system-tools check-format lint build unit e2e

tools: rust-tools node-tools

rust-tools:
	@rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)" || cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

node-tools:
	@[ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] && [ -d node_modules/@axe-core/playwright ] || npm ci --no-fund --no-audit

system-tools:
	@[ -x /usr/bin/chromium ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	@command -v curl >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl; }
	@command -v pg_dump >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client; }

check-format:
	cargo fmt --all -- --check

lint:
	cargo clippy -p app -p server --all-targets --features app/ssr -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

## Unit and database tests, in release (sixteen codegen units: quick to link, fast to run).
## Database tests run on SQLite and on PostgreSQL (TEST_DATABASE_URL, default 127.0.0.1:5432).
unit: postgres-ready
	cargo test --release -p app -p server --features app/ssr

postgres-ready:
	@if [ -z "$$TEST_DATABASE_URL" ] && command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then \
	  echo "PostgreSQL on 127.0.0.1:5432 is not running; starting the local cluster"; \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start || true; \
	fi

e2e: build
	end2end/run.sh

## Benchmarks (figures go to BENCHMARKS.md by hand):
## - matching one need against 1k/10k/100k volunteers and a bulk proposal (criterion);
## - the suggestions server function end to end with 10,000 volunteers on both databases;
## - HTTP load with wrk at 50,000 volunteers / 30,000 needs on SQLite and PostgreSQL:
##   req/s, p50/p99, errors, RSS, each path's share of /healthz;
## - the wasm bundle's size, and time to first byte and to hydration in Chromium.
bench: build postgres-ready system-tools bench-tools
	cargo bench -p app --features ssr --bench matching
	python3 scripts/bench_suggestions.py --scale 200 --calls 200
	python3 scripts/bench_http.py --scale 1000 --seconds 10 --connections 32
	@W=target/site/pkg/nachbarschaft.wasm; echo "wasm bundle: $$(stat -c %s $$W) B raw, $$(gzip -9c $$W | wc -c) B gzip -9, $$(stat -c %s $$W.br) B brotli"
	node scripts/bench_browser.mjs 10

bench-tools:
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

clean:
	cargo clean
	rm -rf data end2end/artifacts
