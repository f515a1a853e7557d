#!/usr/bin/env bash
# Golden end-to-end runs: for every tests/golden/run/NAME.cep there is an
# input NAME.jsonl and the expected output NAME.expected (the derived events
# `cep run` writes, then "exit N" and any stderr lines). The test runs
# `cep run NAME.cep --input NAME.jsonl` and compares byte for byte. The input
# may instead be NAME.csv, NAME.ce.jsonl or NAME.ce.json (the first present);
# NAME.args adds options (e.g. more --input files).
# CEP_UPDATE_GOLDENS=1 rewrites the expectations instead.
# Usage: run_golden.sh CEP_BINARY DIR     Prints "N passed, M failed".
set -u
CEP="$1"
DIR="$2"
passed=0
failed=0
for rules in "$DIR"/*.cep; do
  name="${rules%.cep}"
  input="$name.jsonl"
  for ext in jsonl csv ce.jsonl ce.json; do
    if [ -f "$name.$ext" ]; then input="$name.$ext"; break; fi
  done
  expected="$name.expected"
  extra=()
  [ -f "$name.args" ] && read -r -a extra <"$name.args"
  got="$(cd "$DIR" && "$CEP" run "$(basename "$rules")" --input "$(basename "$input")" "${extra[@]}" 2>/tmp/cep_golden_err.$$; echo "exit $?"; sed 's/^/stderr: /' /tmp/cep_golden_err.$$)"
  rm -f /tmp/cep_golden_err.$$
  if [ "${CEP_UPDATE_GOLDENS:-}" = "1" ]; then
    printf '%s\n' "$got" >"$expected"
    echo "updated $expected"
    passed=$((passed + 1))
    continue
  fi
  if [ -f "$expected" ] && [ "$got" = "$(cat "$expected")" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $(basename "$name"):"
    diff <(cat "$expected" 2>/dev/null) <(printf '%s\n' "$got") | head -40
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
