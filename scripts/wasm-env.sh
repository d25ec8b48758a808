#!/usr/bin/env bash
# Runs a command with the environment for wasm builds: npm's wasm-opt on PATH, and when setup
# had to fall back to Debian's rustc-web (.tools/use-build-std), that toolchain with build-std.
# Host builds (`cargo test`) are never run through this, so they never rebuild std.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
if [ -f .tools/use-build-std ]; then
  export PATH="/usr/bin:$PATH" RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19
fi
exec "$@"
