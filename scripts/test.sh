#!/usr/bin/env bash
# Every test: native (the app, then the hub on SQLite and PostgreSQL), in-browser unit tests, then
# end to end against the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "native tests (model, rules, translation)"
cargo test --locked

step "benchmarks compile (make bench runs them; a change that breaks one must not land)"
cargo check --locked --workspace --benches

step "hub tests (sentra-hub on SQLite and on a throwaway PostgreSQL)"
scripts/test-hub.sh

step "browser unit tests (wasm-bindgen-test in headless Chromium)"
CHROMEDRIVER="$(command -v chromedriver)" \
  scripts/wasm-env.sh cargo test --locked --target wasm32-unknown-unknown --test web

step "release build"
scripts/wasm-env.sh trunk build --release

step "end-to-end tests (headless Chromium against dist/ on 127.0.0.1)"
# A hung browser must fail the run, not eat CI's time: each test has its own limit, and the
# whole suite gets 15 minutes (it takes under one here).
timeout --kill-after=30 900 node --test --test-concurrency=1 tests/e2e/*.test.mjs
