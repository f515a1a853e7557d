#!/usr/bin/env bash
# Installs the Debian 12 packages cep needs, only when some are missing.
# Runs as root (or through sudo when available). Idempotent and quiet when
# everything is present, so the quick-start commands can call it every time.
#   scripts/setup.sh           what the build and the tests need
#   scripts/setup.sh --fuzz    also clang and libFuzzer (scripts/fuzz.sh)
#   scripts/setup.sh --graphviz  also Graphviz (`cep explain --format svg`; optional)
set -euo pipefail

PACKAGES=(
  cmake g++ make pkg-config ccache
  antlr4 libantlr4-runtime-dev default-jre-headless
  libre2-dev libabsl-dev libcli11-dev doctest-dev libsimdjson-dev
)
if [ "${1:-}" = "--fuzz" ]; then
  PACKAGES+=(clang-14 libclang-rt-14-dev)
fi
if [ "${1:-}" = "--graphviz" ]; then
  PACKAGES+=(graphviz)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
