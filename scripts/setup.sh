# Sourced by scripts/serve and scripts/test. Installs what is missing, and only that:
# each step checks what is already there, so a second run skips every install.
# Nothing here downloads a prebuilt binary: Rust tools build from crates.io, wasm-opt and
# playwright-core come from npm, Chromium and chromedriver from Debian's packages.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
TRUNK_VERSION="0.21.14"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

need_rust() {
  command -v cargo >/dev/null || { echo "Rapport needs Rust (rustup and cargo): see https://rustup.rs" >&2; exit 1; }
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! cargo clippy --version >/dev/null 2>&1; then
    say "Adding clippy"
    rustup component add clippy
  fi
}

need_trunk() {
  if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
    say "Installing Trunk $TRUNK_VERSION (a few minutes, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly.
need_wasm_bindgen() {
  local want
  want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
  if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $want" ] \
    || [ "$(wasm-bindgen-test-runner --version 2>/dev/null || true)" != "wasm-bindgen-test-runner $want" ]; then
    say "Installing wasm-bindgen-cli $want (a few minutes, once)"
    # No --locked: one locked dependency of 0.2.130 is missing from the registry.
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

# wasm_split_cli (crate wasm_split_cli_support), which splits the wasm into the main module and
# the lazily loaded screens after each build (scripts/split.mjs).
WASM_SPLIT_VERSION="0.2.4"
need_wasm_split() {
  # It has no --version: cargo's list of installed crates says which one is there.
  if ! command -v wasm-split-cli >/dev/null \
    || ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    say "Installing wasm-split-cli $WASM_SPLIT_VERSION (a minute, once)"
    cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked --force
  fi
}

# twiggy, the size profiler behind the per-part table of bench/size.mjs (CI's size budget).
need_twiggy() {
  if ! twiggy --version 2>/dev/null | grep -q " 0\.8\.0$"; then
    say "Installing twiggy 0.8.0 (a minute, once)"
    cargo install twiggy --version 0.8.0 --locked
  fi
}

# The nightly toolchain and cargo-fuzz, for scripts/fuzz-smoke (the shipped build stays on
# stable). Both from rustup and crates.io.
CARGO_FUZZ_VERSION="0.13.2"
need_cargo_fuzz() {
  if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    say "Installing the nightly toolchain for the fuzz run (a minute, once)"
    rustup toolchain install nightly --profile minimal
  fi
  if ! cargo +nightly fuzz --version 2>/dev/null | grep -q " $CARGO_FUZZ_VERSION$"; then
    say "Installing cargo-fuzz $CARGO_FUZZ_VERSION (a minute, once)"
    cargo +nightly install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
  fi
}

need_node_modules() {
  command -v npm >/dev/null || { echo "Rapport needs Node.js and npm (apt-get install nodejs npm)" >&2; exit 1; }
  local stamp="node_modules/.package-lock.json"
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] || [ ! -d node_modules/terser ] || [ package-lock.json -nt "$stamp" ]; then
    say "Installing npm packages (binaryen for wasm-opt, terser, playwright-core, axe-core)"
    npm ci --no-audit --no-fund
  fi
  [ "$(wasm-opt --version)" = "wasm-opt version 132 (version_132)" ] || { echo "wasm-opt 132 expected, got $(wasm-opt --version)" >&2; exit 1; }
}

need_python() {
  command -v python3 >/dev/null || { echo "The tests need python3 (apt-get install python3 python3-pip)" >&2; exit 1; }
}

need_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "Installing Chromium and chromedriver from Debian's packages"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver
  fi
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
  export CHROMIUM="${CHROMIUM:-$(command -v chromium)}"
}

# Lighthouse, for scripts/bench only (bench/lighthouse.mjs): 12.2.3 is the newest that runs on
# Node 20 (13 wants Node 22). Kept outside the project's npm packages, which CI installs.
LIGHTHOUSE_VERSION="12.2.3"
need_lighthouse() {
  export LIGHTHOUSE_DIR="${LIGHTHOUSE_DIR:-$HOME/.cache/rapport/lighthouse}"
  if [ "$(node -p "require('$LIGHTHOUSE_DIR/node_modules/lighthouse/package.json').version" 2>/dev/null || true)" != "$LIGHTHOUSE_VERSION" ]; then
    say "Installing Lighthouse $LIGHTHOUSE_VERSION into $LIGHTHOUSE_DIR (a minute, once)"
    mkdir -p "$LIGHTHOUSE_DIR"
    npm install --prefix "$LIGHTHOUSE_DIR" --no-audit --no-fund --save-exact "lighthouse@$LIGHTHOUSE_VERSION"
  fi
}
