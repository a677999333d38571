#!/usr/bin/env bash
# Installs what the build needs, skipping whatever is already there at the right version.
# Sourced by scripts/serve and scripts/test. Only package registries are used: crates.io (cargo
# install), the npm registry, Debian's apt, and rustup for the wasm target. Nothing is downloaded
# from anywhere else; trunk itself runs offline (Trunk.toml).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$HOME/.cargo/bin:$ROOT/tools/node_modules/.bin:$PATH"

TRUNK_VERSION=0.21.14   # 0.22 needs rustc >= 1.96.1
# Build products live outside the checkout, so a fresh clone (as in CI) reuses what an earlier run
# compiled instead of starting from nothing. Set CARGO_TARGET_DIR to put them elsewhere.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/reportlens/target}"
step() { printf '\n== %s\n' "$*"; }

need_rust() {
  command -v cargo >/dev/null || { echo "Rust is not installed: install it with rustup (https://rustup.rs) and run this again." >&2; exit 1; }
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    step "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

need_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    step "cargo install trunk $TRUNK_VERSION (about 7-11 minutes, once)"
    cargo install --locked trunk --version "$TRUNK_VERSION"
  fi
}

need_wasm_bindgen() {
  # Must equal the wasm-bindgen crate in Cargo.lock, or trunk would try to download it.
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")
  [ -n "$want" ] || { echo "Cargo.lock names no wasm-bindgen version" >&2; exit 1; }
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ]; then
    step "cargo install wasm-bindgen-cli $want (about 2-4 minutes, once)"
    # Not --locked: its lockfile pins a webpki-roots release the registry here lacks.
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

need_node_tools() {
  # wasm-opt (npm binaryen 132; Debian's binaryen 108 breaks the page) and playwright-core.
  command -v npm >/dev/null || { echo "npm is not installed (apt-get install nodejs npm)" >&2; exit 1; }
  local stamp="$ROOT/tools/node_modules/.installed"
  if [ ! -f "$stamp" ] || [ "$ROOT/tools/package-lock.json" -nt "$stamp" ]; then
    step "npm ci (binaryen, playwright-core)"
    (cd "$ROOT/tools" && npm ci --no-audit --no-fund)
    touch "$stamp"
  fi
}

need_chromium() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  # Without a CJK font the screenshots show boxes instead of Chinese.
  if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then missing+=(fonts-wqy-microhei); fi
  if ! command -v fc-list >/dev/null; then missing+=(fonts-wqy-microhei); fi
  [ ${#missing[@]} -eq 0 ] && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    step "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Missing: ${missing[*]}. Install them (Debian: sudo apt-get install ${missing[*]}) and run this again." >&2
    exit 1
  fi
}
