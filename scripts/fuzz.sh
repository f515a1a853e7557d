#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (ASan + UBSan, in
# build-fuzz/) and runs each for a bounded time from its seed corpus
# (fuzz/corpus/<target>/). A crash, leak, timeout or sanitizer report fails
# the script; the input that caused it is kept in build-fuzz/artifacts/.
#   scripts/fuzz.sh                 every target for 60 s
#   scripts/fuzz.sh --smoke         every target for 15 s (CI)
#   scripts/fuzz.sh --time N [T..]  targets T (jsonl csv cloudevents rules) for N s
# New inputs found go to build-fuzz/corpus/<target>/ (not the repo's seeds).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) seconds=15 ;;
    --time) seconds="$2"; shift ;;
    *) targets+=("$1") ;;
  esac
  shift
done
[ "${#targets[@]}" -gt 0 ] || targets=(jsonl csv cloudevents rules)

bash scripts/setup.sh --fuzz
CXX_FUZZ="$(command -v clang++-14 || command -v clang++ || true)"
CC_FUZZ="$(command -v clang-14 || command -v clang || true)"
if [ -z "$CXX_FUZZ" ]; then
  echo "fuzz: clang++ not found; install clang-14 and libclang-rt-14-dev" >&2
  exit 1
fi

dir=build-fuzz
CC="$CC_FUZZ" CXX="$CXX_FUZZ" cmake -S . -B "$dir" -DCEP_FUZZ=ON -DCEP_BUILD_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fuzz_targets=()
for t in "${targets[@]}"; do fuzz_targets+=("fuzz_$t"); done
cmake --build "$dir" -j "$(nproc)" --target "${fuzz_targets[@]}"

mkdir -p "$dir/artifacts"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
status=0
for t in "${targets[@]}"; do
  mkdir -p "$dir/corpus/$t"
  log="$dir/fuzz_$t.log"
  # -max_len bounds one input; -timeout makes a slow input a failure too.
  if "$dir/fuzz/fuzz_$t" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$dir/artifacts/$t-" \
      "$dir/corpus/$t" "fuzz/corpus/$t" >"$log" 2>&1; then
    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)"
    echo "fuzz $t: ok (${runs:-?} inputs in ${seconds}s)"
  else
    echo "fuzz $t: FAILED (log: $log)"
    tail -n 60 "$log"
    status=1
  fi
done
exit "$status"
