#!/usr/bin/env bash
# One sample of samples/: run its rules over its events and compare the
# derived events with its expected output, byte for byte.
#   sample_test.sh CEP SAMPLE_DIR
# A sample directory holds rules.cep, events.jsonl (or events.csv),
# expected.jsonl, and optionally `args`: extra `cep run` arguments, one line.
set -euo pipefail
cep=$1
dir=$2
events=$(ls "$dir"/events.* | head -n 1)
extra=()
if [[ -f $dir/args ]]; then read -r -a extra < "$dir/args"; fi
got=$(mktemp)
trap 'rm -f "$got"' EXIT
"$cep" run "$dir/rules.cep" --input "$events" -q "${extra[@]}" > "$got"
if ! diff -u "$dir/expected.jsonl" "$got"; then
  echo "sample $(basename "$dir"): derived events differ from expected.jsonl (diff above)" >&2
  exit 1
fi
echo "sample $(basename "$dir"): $(wc -l < "$got") derived events as expected"
