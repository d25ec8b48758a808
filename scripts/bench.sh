#!/usr/bin/env bash
# Benchmarks whose figures go into README.md (never gates: timings vary on a busy machine).
#   scripts/bench.sh                 sizes of dist/ (after `make build`)
#   scripts/bench.sh --build-times   also cold (fresh target dir) and incremental release build
#                                    times (slow: a few minutes)
set -euo pipefail
cd "$(dirname "$0")/.."

echo "## Sizes"
node tools/bench-size.mjs dist

echo
echo "## First visit on Slow 4G with the CPU slowed 4x (headless Chromium)"
node tools/bench-firstvisit.mjs

echo
echo "## Picker keystroke time (native)"
cargo bench --locked --quiet --bench wilayah

echo
echo "## Picker keystroke time (headless Chromium)"
node tools/bench-picker.mjs

echo
echo "## Records at scale: 50,000 Usaha load, search, save (headless Chromium)"
node tools/bench-records.mjs

echo
echo "## Opening the app with 50,000 Usaha: browser start on the stored profile, 4x CPU (headless Chromium)"
node tools/bench-open.mjs

echo
echo "## Receiving a bundle of 10,000 and 50,000 Usaha (headless Chromium)"
node tools/bench-import.mjs

echo
echo "## Bringing an office's list of 10,000 and 50,000 Usaha in, from the file to stored (headless Chromium)"
node tools/bench-intake.mjs

echo
echo "## A 12-megapixel photo added to an Usaha: shrunk, kept and shown (headless Chromium)"
node tools/bench-photo.mjs

echo
echo "## Merge: 50,000 records x 30 fields (native)"
cargo bench --locked --quiet --bench merge

echo
echo "## Merge beside automerge, same workload (native; its own project, a few minutes)"
(cd bench/automerge && cargo run --release --locked --quiet)

echo
echo "## Reports: Beranda and exports over 50,000 Usaha (native, then headless Chromium)"
cargo bench --locked --quiet --bench report
node tools/bench-report.mjs

echo
echo "## Office hub: 50,000 Usaha pushed and pulled, 200 devices at once (native, SQLite and PostgreSQL)"
scripts/test-hub.sh --run cargo bench --locked --quiet -p sentra-hub --profile hub

echo
echo "## Office hub: a new device's first sync of 50,000 Usaha into IndexedDB (headless Chromium)"
node tools/bench-hub-pull.mjs

if [ "${1:-}" = "--build-times" ]; then
  timed() { local t0; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
  echo
  echo "## Release build times (trunk build --release)"
  cold_target=$(mktemp -d)
  echo "cold (fresh target dir, crates already downloaded): $(CARGO_TARGET_DIR="$cold_target" timed scripts/wasm-env.sh trunk build --release) s"
  rm -rf "$cold_target"
  for i in 1 2 3; do
    touch src/web/app.rs
    echo "incremental, one file touched, run $i: $(timed scripts/wasm-env.sh trunk build --release) s"
  done
fi
