#!/usr/bin/env bash
# Installs what building, serving and testing Sentra need, at pinned versions, from the package
# registries only (crates.io, npm, Debian). Idempotent: what is already there is skipped.
#   - the wasm32 target (rustup; Debian's rustc-web with build-std as the fallback, see ARCHITECTURE.md)
#   - trunk, wasm-bindgen-cli (= the version in Cargo.lock)
#   - npm dev tools from package-lock.json: binaryen's wasm-opt, playwright-core, axe-core (the
#     end-to-end suite's accessibility checks)
#   - Debian's chromium and chromium-driver
#   - Debian's postgresql (the hub's tests start a throwaway cluster of it: scripts/test-hub.sh)
#   - the crates, fetched so builds can run offline
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_OPT_VERSION="version 132"

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# --- wasm target ------------------------------------------------------------------------------
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "wasm32 target: present"
elif timeout 120 rustup target add wasm32-unknown-unknown; then
  say "wasm32 target: added"
else
  say "wasm32 target: rustup could not add it; using Debian's rustc-web with build-std"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rustc-web cargo-web rust-web-src lld-19
  mkdir -p .tools && touch .tools/use-build-std
fi

# --- cargo tools -----------------------------------------------------------------------------
version_of() { "$1" --version 2>/dev/null | awk '{print $2}'; }
if [ "$(version_of trunk)" = "$TRUNK_VERSION" ]; then
  say "trunk $TRUNK_VERSION: present"
else
  say "trunk $TRUNK_VERSION: installing (about 7 minutes on 2 cores)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' Cargo.lock)
if [ "$(version_of wasm-bindgen)" = "$WBG_VERSION" ] && command -v wasm-bindgen-test-runner >/dev/null; then
  say "wasm-bindgen-cli $WBG_VERSION: present"
else
  # Not --locked: its lockfile names a webpki-roots the registry lacks (ARCHITECTURE.md).
  say "wasm-bindgen-cli $WBG_VERSION: installing (about 2 minutes)"
  cargo install --force "wasm-bindgen-cli@$WBG_VERSION"
fi
if ! grep -q "wasm_bindgen = \"$WBG_VERSION\"" Trunk.toml; then
  echo "setup: Trunk.toml [tools] wasm_bindgen differs from Cargo.lock's $WBG_VERSION" >&2
  exit 1
fi

# --- npm tools (versions pinned in package-lock.json) -----------------------------------------
if [ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] && [ -f node_modules/idn-area-data/data/villages.csv ] \
  && [ -f node_modules/axe-core/axe.min.js ] \
  && [ "$(node_modules/.bin/wasm-opt --version | awk '{print $2, $3}')" = "$WASM_OPT_VERSION" ]; then
  say "npm tools: present"
else
  say "npm tools: installing"
  npm ci --no-audit --no-fund --loglevel=error
fi

# --- browser -----------------------------------------------------------------------------------
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  say "chromium and chromedriver: present"
else
  say "chromium and chromedriver: installing from Debian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi

# --- PostgreSQL (the hub's second engine; only its binaries are used, no service is started) ------
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  say "postgresql: present"
else
  say "postgresql: installing from Debian"
  as_root apt-get update -qq
  # The package may create and start a cluster of its own; the tests never use it.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
fi

# --- crates --------------------------------------------------------------------------------------
say "fetching crates"
cargo fetch --locked --quiet
scripts/wasm-env.sh cargo fetch --locked --quiet --target wasm32-unknown-unknown
say "ready"
