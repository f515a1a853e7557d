#!/usr/bin/env bash
# End-to-end tests of the `cep` command line: exit codes, output formats,
# directory handling, help and version. Usage: cli_test.sh CEP_BINARY SOURCE_DIR
# Prints "N passed, M failed" and exits non-zero on any failure.
set -u
CEP="$1"
SRC="$2"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/assert_lib.sh"

cat >"$TMP/good.cep" <<'CEP'
event Login { user: string, success: bool }
rule R {
  pattern f: Login[!success]{3} -> ok: Login[success]
  partition by user
  within 10m
  emit Alert { user = ok.user }
}
CEP
cat >"$TMP/bad.cep" <<'CEP'
event Login { user: string, success: bool }
rule R {
  pattern f: Login[!sucess] -> ok: Login[success]
  within 10m
  emit Alert { user = ok.user }
}
CEP
mkdir -p "$TMP/dir/sub"
cp "$TMP/good.cep" "$TMP/dir/a.cep"
sed 's/rule R/rule R2/; s/Login/Login2/g' "$TMP/good.cep" >"$TMP/dir/sub/b.cep"
echo "not a rule file" >"$TMP/dir/sub/notes.txt"

expect "version" 0 "$CEP" --version && contains "version" "$OUT" "cep "
expect "help" 0 "$CEP" --help && contains "help lists check" "$OUT" "check"
expect "check help" 0 "$CEP" check --help && contains "check help" "$OUT" "--diagnostics-format"
expect "no subcommand" 2 "$CEP"
expect "unknown option" 2 "$CEP" check --bogus "$TMP/good.cep"
expect "bad format value" 2 "$CEP" check --diagnostics-format=xml "$TMP/good.cep"

expect "good file" 0 "$CEP" check "$TMP/good.cep" && contains "good summary" "$ERR" "no errors"
expect "quiet good file" 0 "$CEP" check -q "$TMP/good.cep" && [ -z "$ERR" ] && passed=$((passed + 1))

expect "bad file" 1 "$CEP" check --color=never "$TMP/bad.cep"
contains "bad: location" "$ERR" "bad.cep:3:21: error: unknown field 'sucess'"
contains "bad: hint" "$ERR" "did you mean 'success'?"
contains "bad: kind" "$ERR" "[unknown-field]"
contains "bad: caret" "$ERR" "^~~~~~"
contains "bad: summary" "$ERR" "1 error generated."

expect "color always" 1 "$CEP" check --color=always "$TMP/bad.cep"
contains "color codes" "$ERR" $'\033['
expect "color auto off a tty" 1 "$CEP" check "$TMP/bad.cep"
if [[ "$ERR" == *$'\033['* ]]; then echo "FAIL colour without a terminal"; failed=$((failed + 1)); else passed=$((passed + 1)); fi

expect "json" 1 "$CEP" check --diagnostics-format=json "$TMP/bad.cep"
contains "json kind" "$OUT" '"kind":"unknown-field"'
contains "json line" "$OUT" '"line":3'
expect "sarif" 1 "$CEP" check --diagnostics-format=sarif "$TMP/bad.cep"
contains "sarif version" "$OUT" '"version":"2.1.0"'
contains "sarif rule" "$OUT" '"ruleId":"unknown-field"'
expect "sarif clean" 0 "$CEP" check --diagnostics-format=sarif "$TMP/good.cep"
contains "sarif empty results" "$OUT" '"results":[]'

expect "directory" 0 "$CEP" check "$TMP/dir" && contains "directory counts" "$ERR" "checked 2 files"
expect "missing file" 2 "$CEP" check "$TMP/nope.cep" && contains "missing message" "$ERR" "nope.cep"
mkdir -p "$TMP/locked" && cp "$TMP/good.cep" "$TMP/locked/x.cep" && chmod 000 "$TMP/locked/x.cep"
if [ "$(id -u)" -ne 0 ]; then
  expect "unreadable file" 2 "$CEP" check "$TMP/locked/x.cep"
fi
chmod 644 "$TMP/locked/x.cep"

expect "max errors" 1 "$CEP" check --color=never --max-errors=1 "$SRC/tests/golden/diagnostics/parse/invalid_duration.cep"
contains "max errors note" "$ERR" "too many errors"

expect "dump ast" 0 "$CEP" dump --stage=ast "$TMP/good.cep"
contains "dump content" "$OUT" "rule R @2:1"
expect "dump missing" 2 "$CEP" dump --stage=ast "$TMP/nope.cep"

# Every sample is a program of its own (they declare the same types).
for rules in "$SRC/samples/quickstart.cep" "$SRC"/samples/*/rules.cep; do
  [ -f "$rules" ] || continue
  expect "sample check $(basename "$(dirname "$rules")")/$(basename "$rules")" 0 "$CEP" check "$rules"
done
expect "stdlib check" 0 "$CEP" check "$SRC/stdlib-rules"

# explain and the later dump stages.
expect "explain text" 0 "$CEP" explain "$TMP/good.cep" && contains "explain states" "$OUT" "rule R:" && contains "explain window" "$OUT" "within: 10m"
expect "explain dot" 0 "$CEP" explain --format=dot --rule R "$TMP/good.cep" && contains "dot graph" "$OUT" "digraph"
expect "explain unknown rule" 2 "$CEP" explain --rule Nope "$TMP/good.cep"
expect "dump ir" 0 "$CEP" dump --stage=ir "$TMP/good.cep" && contains "ir repeat" "$OUT" "repeat {3,3}"
expect "dump nfa" 0 "$CEP" dump --stage=nfa "$TMP/good.cep" && contains "nfa accept" "$OUT" "-> accept"

# run: input errors are reported with file:line and never lose good events.
cat >"$TMP/in.jsonl" <<'JSON'
{"type":"Login","time":"2024-01-01T00:00:00Z","user":"u","success":false}
{"type":"Login","time":"2024-01-01T00:00:01Z","user":"u","success":"no"}
not json at all
{"type":"Login","time":"2024-01-01T00:00:02Z","user":"u","success":false}
{"type":"Login","time":"2024-01-01T00:00:03Z","user":"u","success":false}
{"type":"Login","time":"2024-01-01T00:00:04Z","user":"u","success":true}
JSON
expect "run skips bad lines" 0 "$CEP" run "$TMP/good.cep" --input "$TMP/in.jsonl"
contains "run output" "$OUT" '"type":"Alert"'
contains "run bad field" "$ERR" "in.jsonl:2:"
contains "run bad json" "$ERR" "in.jsonl:3:"
expect "run fail mode" 3 "$CEP" run "$TMP/good.cep" --input "$TMP/in.jsonl" --on-error=fail
expect "run missing input" 2 "$CEP" run "$TMP/good.cep" --input "$TMP/nope.jsonl"
expect "run bad rules" 1 "$CEP" run "$TMP/bad.cep" --input "$TMP/in.jsonl"
expect "run from stdin" 0 bash -c "\"$CEP\" run \"$TMP/good.cep\" < \"$TMP/in.jsonl\""
contains "stdin output" "$OUT" '"type":"Alert"'
expect "run to file" 0 "$CEP" run "$TMP/good.cep" --input "$TMP/in.jsonl" -o "$TMP/out.jsonl"
contains "file output" "$(cat "$TMP/out.jsonl")" '"type":"Alert"'

# Out-of-order input: reordered within --max-delay, late beyond it.
cat >"$TMP/ooo.jsonl" <<'JSON'
{"type":"Login","time":"2024-01-01T00:00:02Z","user":"u","success":false}
{"type":"Login","time":"2024-01-01T00:00:00Z","user":"u","success":false}
{"type":"Login","time":"2024-01-01T00:00:01Z","user":"u","success":false}
{"type":"Login","time":"2024-01-01T00:00:10Z","user":"u","success":true}
{"type":"Login","time":"2024-01-01T00:00:03Z","user":"u","success":false}
JSON
expect "reorder" 0 "$CEP" run "$TMP/good.cep" --input "$TMP/ooo.jsonl" --max-delay 5s
contains "reordered match" "$OUT" '"events":{"f":[1,2,3],"ok":[4]}'
contains "late reported" "$ERR" "ooo.jsonl:5: late event"
expect "no delay" 0 "$CEP" run "$TMP/good.cep" --input "$TMP/ooo.jsonl" --max-delay 0s --late-output "$TMP/late.jsonl"
contains "late file" "$(cat "$TMP/late.jsonl")" '"time":"2024-01-01T00:00:00Z"'
expect "bad max delay" 2 "$CEP" run "$TMP/good.cep" --input "$TMP/ooo.jsonl" --max-delay 5parsecs

# A 10 MB rule file: checked, in bounded time and memory (no whole-file parse tree).
awk 'BEGIN {
  print "event E { a: int, b: string }";
  for (i = 0; i < 78000; i++)
    printf "rule R%d { pattern x: E[a > %d and b == \"s\"] -> y: E[a < x.a]+ -> z: E within 5m partition by b emit Out { v = x.a + sum(y.a) } }\n", i, i;
}' >"$TMP/big.cep"
if [ "$(stat -c %s "$TMP/big.cep")" -lt 10000000 ]; then echo "FAIL big file too small"; failed=$((failed + 1)); fi
expect "10 MB rule file" 0 timeout 600 "$CEP" check -q "$TMP/big.cep"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
