#!/usr/bin/env bash
# Coverage-guided fuzzing of the bundle reader (libFuzzer through cargo-fuzz; targets in fuzz/).
# Not part of `make test`: a long run takes tens of minutes.
#
#   scripts/fuzz.sh [TARGET] [RUNS]
#
# TARGET: read_file (default; a file as it arrives, gzip or not) or reader_steps (the stepped
# reader against the one-go reading). RUNS: executions, default 1,000,000. Any other libFuzzer
# flags go in FUZZ_ARGS (e.g. FUZZ_ARGS=-max_total_time=600). FUZZ_SANITIZER=none builds without
# AddressSanitizer (faster, catches less). A crash is written to fuzz/artifacts/TARGET/:
# minimise it with `cargo +nightly fuzz tmin TARGET FILE`, then keep it as a fixture in
# tests/fixtures/bundles/ (declared in tests/bundles.rs).
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:-read_file}"
runs="${2:-1000000}"
sanitizer="${FUZZ_SANITIZER:-address}"
# Pinned: the version README's figures were measured with.
CARGO_FUZZ_VERSION=0.13.1

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "cargo-fuzz needs a nightly toolchain: rustup toolchain install nightly --profile minimal" >&2
  exit 1
fi
if ! cargo fuzz --version 2>/dev/null | grep -qF "$CARGO_FUZZ_VERSION"; then
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

# The corpus starts from the fixtures (valid, damaged, gzipped); libFuzzer adds what it finds.
corpus="fuzz/corpus/$target"
mkdir -p "$corpus"
for seed in tests/fixtures/bundles/*; do
  # Not `cp -n`: newer coreutils fail when it skips a file.
  [ -e "$corpus/${seed##*/}" ] || cp "$seed" "$corpus/"
done

# One job (the machine's cores are shared). Memory: libFuzzer fails the run if the process
# passes 2 GB or one allocation does (the reader refuses files over 100 MB, gunzip stops at
# 100 MB of output). Inputs up to 64 KB: bundles ten times the fixtures' size, and gzip
# inputs that unpack to the tens of megabytes.
# shellcheck disable=SC2086
cargo +nightly fuzz run --sanitizer "$sanitizer" "$target" "$corpus" -- \
  -runs="$runs" -max_len=65536 -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=60 \
  -dict=fuzz/bundle.dict -print_final_stats=1 ${FUZZ_ARGS:-}
