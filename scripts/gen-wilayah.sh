#!/usr/bin/env bash
# Trunk pre_build hook: converts idn-area-data's CSVs into target/wilayah (copied into dist/wilayah).
# A host build: the wasm-only variables that scripts/wasm-env.sh may set are cleared.
set -euo pipefail
cd "$(dirname "$0")/.."
unset CARGO_UNSTABLE_BUILD_STD RUSTC_BOOTSTRAP CARGO_BUILD_TARGET
exec cargo run --quiet --locked --offline --bin wilayah -- node_modules/idn-area-data/data target/wilayah
