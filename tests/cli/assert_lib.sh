# Assertions shared by the CLI test scripts (cli_test.sh, run_io_test.sh,
# tooling_test.sh). Source it after setting TMP; it keeps the counters
# `passed` and `failed` that each script prints at the end.
passed=0
failed=0

# expect NAME WANT_EXIT COMMAND...: runs COMMAND, keeps stdout/stderr in $OUT/$ERR.
# Its output files are capped at 256 MiB (ulimit -f, in KiB blocks): a
# command that runs away (a broken build once wrote 63 GB here) fails its
# check instead of filling the disk.
expect() {
  local name="$1" want="$2"
  shift 2
  (ulimit -f 262144; exec "$@") >"$TMP/out" 2>"$TMP/err" </dev/null
  local got=$?
  OUT="$(cat "$TMP/out")"
  ERR="$(cat "$TMP/err")"
  if [ "$got" -ne "$want" ]; then
    echo "FAIL $name: exit $got, want $want"
    echo "  stdout: ${OUT:0:600}"
    echo "  stderr: ${ERR:0:600}"
    failed=$((failed + 1))
    return 1
  fi
  passed=$((passed + 1))
  return 0
}

# contains NAME HAYSTACK NEEDLE / lacks NAME HAYSTACK NEEDLE
contains() {
  if [[ "$2" == *"$3"* ]]; then
    passed=$((passed + 1))
  else
    echo "FAIL $1: output does not contain: $3"
    echo "  output: ${2:0:800}"
    failed=$((failed + 1))
  fi
}
lacks() {
  if [[ "$2" != *"$3"* ]]; then
    passed=$((passed + 1))
  else
    echo "FAIL $1: output contains: $3"
    failed=$((failed + 1))
  fi
}
