#!/usr/bin/env bash
# The README's second quick-start command: install what is missing, build,
# and run every test through ctest.
#   scripts/test.sh              Release build in build/
#   scripts/test.sh --sanitize   ASan + UBSan build in build-sanitize/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "${1:-}" = "--sanitize" ]; then
  dir=build-sanitize
  bash scripts/build.sh "$dir" -DCEP_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
else
  dir=build
  bash scripts/build.sh "$dir"
fi
# --timeout: a test that hangs fails after 20 minutes instead of eating the CI budget.
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)" --timeout 1200
