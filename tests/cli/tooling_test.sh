#!/usr/bin/env bash
# End-to-end tests of the rules-as-code tooling: `cep fmt` (stdout, --check
# with its diff, -w, -l, stdin, syntax errors, exit codes), `cep test` (the
# samples pass, failures print a readable diff and exit 1, JUnit XML is
# well-formed, --coverage, missing tests) and `cep explain`'s extras
# (policies, shared predicates, the state estimate, --format svg when
# Graphviz's dot is installed and a clear error when it is not).
# Usage: tooling_test.sh CEP_BINARY SOURCE_DIR. Prints "N passed, M failed".
set -u
CEP="$1"
SRC="$2"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/assert_lib.sh"

# same NAME FILE_A FILE_B
same() {
  if cmp -s "$2" "$3"; then
    passed=$((passed + 1))
  else
    echo "FAIL $1: $2 and $3 differ"
    diff "$2" "$3" | head -20
    failed=$((failed + 1))
  fi
}

# ------------------------------------------------------------------ cep fmt
cat >"$TMP/messy.cep" <<'CEP'
// A comment that stays.
event Login{user:string,success:bool}
rule R{pattern f:Login[!success]{3}->ok:Login[success] // the success
partition by user within 10m
emit Alert{user=ok.user}}
CEP
cat >"$TMP/tidy.cep" <<'CEP'
// A comment that stays.
event Login { user: string, success: bool }

rule R {
  pattern f: Login[!success]{3} -> ok: Login[success] // the success
  partition by user
  within 10m
  emit Alert { user = ok.user }
}
CEP
cp "$TMP/messy.cep" "$TMP/messy.orig"
expect "fmt stdout" 0 "$CEP" fmt "$TMP/messy.cep" && printf '%s\n' "$OUT" >"$TMP/got.cep" &&
  same "fmt layout" "$TMP/got.cep" "$TMP/tidy.cep"
same "fmt leaves the file alone" "$TMP/messy.cep" "$TMP/messy.orig"
expect "fmt check formatted" 0 "$CEP" fmt --check "$TMP/tidy.cep" && [ -z "$OUT" ] && passed=$((passed + 1))
expect "fmt check unformatted" 1 "$CEP" fmt --check "$TMP/messy.cep"
contains "fmt diff header" "$OUT" "--- $TMP/messy.cep (original)"
contains "fmt diff new side" "$OUT" "+++ $TMP/messy.cep (formatted)"
contains "fmt diff hunk" "$OUT" "@@ -1,5 +1,9 @@"
contains "fmt diff removed" "$OUT" "-event Login{user:string,success:bool}"
contains "fmt diff added" "$OUT" "+event Login { user: string, success: bool }"
contains "fmt check hint" "$ERR" "cep fmt -w"
expect "fmt list" 0 "$CEP" fmt -l "$TMP/messy.cep" "$TMP/tidy.cep"
contains "fmt list names" "$OUT" "messy.cep"
[[ "$OUT" != *tidy.cep* ]] && passed=$((passed + 1)) || { echo "FAIL fmt list: formatted file listed"; failed=$((failed + 1)); }
mkdir -p "$TMP/rules/sub"
cp "$TMP/messy.cep" "$TMP/rules/a.cep"
cp "$TMP/messy.cep" "$TMP/rules/sub/b.cep"
expect "fmt -w directory" 0 "$CEP" fmt -w "$TMP/rules"
same "fmt -w rewrote a" "$TMP/rules/a.cep" "$TMP/tidy.cep"
same "fmt -w rewrote sub/b" "$TMP/rules/sub/b.cep" "$TMP/tidy.cep"
expect "fmt check after -w" 0 "$CEP" fmt --check "$TMP/rules"
expect "fmt stdin" 0 bash -c "\"$CEP\" fmt < \"$TMP/messy.cep\"" && printf '%s\n' "$OUT" >"$TMP/stdin.cep" &&
  same "fmt stdin layout" "$TMP/stdin.cep" "$TMP/tidy.cep"
printf 'rule Broken { pattern a: A -> emit X {} }\n' >"$TMP/broken.cep"
cp "$TMP/broken.cep" "$TMP/broken.orig"
expect "fmt syntax error" 1 "$CEP" fmt -w --color=never "$TMP/broken.cep"
contains "fmt syntax diagnostic" "$ERR" "broken.cep:1:"
contains "fmt syntax kind" "$ERR" "[syntax-error]"
same "fmt never touches a broken file" "$TMP/broken.cep" "$TMP/broken.orig"
expect "fmt check and broken" 1 "$CEP" fmt --check "$TMP/tidy.cep" "$TMP/broken.cep"
expect "fmt missing file" 2 "$CEP" fmt "$TMP/nope.cep"
expect "fmt check and write" 2 "$CEP" fmt --check -w "$TMP/tidy.cep"
expect "fmt samples idempotent" 0 "$CEP" fmt "$SRC/samples/quickstart.cep" &&
  printf '%s\n' "$OUT" >"$TMP/q1.cep" && expect "fmt again" 0 "$CEP" fmt --check "$TMP/q1.cep"

# ------------------------------------------------------------------ cep test
expect "test samples" 0 "$CEP" test "$SRC/samples"
contains "test summary" "$OUT" "passed, 0 failed, 0 errors"
cp "$TMP/tidy.cep" "$TMP/r.cep"
cat >"$TMP/r.cept" <<'CEPT'
start 2024-06-01T09:00:00Z

test three failures then a success
  at 0s  Login {"user": "bob", "success": false}
  at 10s Login {"user": "bob", "success": false}
  at 20s Login {"user": "bob", "success": false}
  at 30s Login {"user": "bob", "success": true}
  expect Alert at 30s {"user": "bob"}

test a wrong expectation
  at 0s  Login {"user": "bob", "success": false}
  at 10s Login {"user": "bob", "success": false}
  at 20s Login {"user": "bob", "success": false}
  at 30s Login {"user": "bob", "success": true}
  expect Alert {"user": "eve"}

test "a mistake: <&> in a name"
  at 0s Logon {"user": "bob"}
  expect nothing
CEPT
expect "test failures" 1 "$CEP" test "$TMP/r.cept"
contains "test fail line" "$OUT" "FAIL  $TMP/r.cept:10: a wrong expectation"
contains "test expected" "$OUT" 'expected (line 15): Alert {"user":"eve"}'
contains "test got" "$OUT" 'got:                {"type":"Alert","time":"2024-06-01T09:00:30Z","rule":"R","user":"bob"'
contains "test first difference" "$OUT" "first difference:   field 'user': expected \"eve\", got \"bob\" (rule R)"
contains "test error" "$OUT" "no input event type 'Logon' in the rules; did you mean 'Login'?"
contains "test counts" "$OUT" "cep test: 1 passed, 1 failed, 1 errors (1 test file)"
expect "test junit" 1 "$CEP" test --format junit "$TMP/r.cept"
contains "junit header" "$OUT" '<testsuites name="cep test" tests="3" failures="1" errors="1"'
contains "junit escaped name" "$OUT" 'name="a mistake: &lt;&amp;&gt; in a name"'
contains "junit summary on stderr" "$ERR" "1 passed, 1 failed, 1 errors"
if command -v xmllint >/dev/null; then
  printf '%s\n' "$OUT" >"$TMP/junit.xml"
  expect "junit well-formed (xmllint)" 0 xmllint --noout "$TMP/junit.xml"
fi
expect "test junit to a file" 1 "$CEP" test --format junit -o "$TMP/report.xml" "$TMP/r.cept"
contains "junit file" "$(cat "$TMP/report.xml")" "</testsuites>"
expect "test filter" 0 "$CEP" test -k "three failures" "$TMP/r.cept"
contains "test filter counts" "$OUT" "1 passed, 0 failed, 0 errors"
expect "test filter none" 2 "$CEP" test -k "no such test" "$TMP/r.cept"
expect "test coverage" 0 "$CEP" test --coverage -k three "$TMP/r.cept"
contains "coverage summary" "$OUT" "coverage: 1/1 rules reached, 4/4 states entered"
contains "coverage rule" "$OUT" "r.cep: rule R: 4/4 states, 5/5 transitions"
expect "test verbose" 0 "$CEP" test -v -k three "$TMP/r.cept"
contains "test verbose ok" "$OUT" "ok    $TMP/r.cept:3: three failures then a success"
mkdir -p "$TMP/empty"
expect "test no test files" 2 "$CEP" test "$TMP/empty"
contains "test no test files message" "$ERR" "no rule tests (*.cept files)"
expect "test missing path" 2 "$CEP" test "$TMP/nope"
printf 'test t\n  at 0s A {}\n' >"$TMP/bad.cept"
expect "test bad file" 1 "$CEP" test "$TMP/bad.cept"
contains "test bad file message" "$OUT" "bad.cept:1: test 't' checks nothing"

# ------------------------------------------------------------------ cep explain
cat >"$TMP/explain.cep" <<'CEP'
event A { x: int, k: int }
event B { x: int, k: int }
rule Linear { pattern a: A[x > 0] -> b: B partition by k within 1m emit O {} }
rule Explodes { pattern a: A[x > 0] -> b: B+ any -> c: A within 1m emit P {} }
CEP
expect "explain extras" 0 "$CEP" explain "$TMP/explain.cep"
contains "explain selection" "$OUT" "selection: skip-till-next-match (->) on 1 transition"
contains "explain shared predicate" "$OUT" "pred#0 A[x > 0] shared with rule Explodes"
contains "explain linear estimate" "$OUT" "state estimate: O(n) partial matches per partition, n = its events within 1m"
contains "explain explodes" "$OUT" "state estimate: O(2^n) partial matches per partition, n = its events within 1m -- CAN EXPLODE"
contains "explain explosion cause" "$OUT" "an unbounded loop with 'any' on 'b' (B)"
cat >"$TMP/explain_more.cep" <<'CEP'
event Order { id: string, amount: float }
event Payment { order_id: string, amount: float }
rule Paid { pattern o: Order -> p: Payment[order_id == o.id] within 10m after match no skip emit OrderPaid { id = o.id } }
rule Big { from Payment[amount > 100.0] window sliding 10m every 5m group by order_id having count() >= 2 emit BigPayments { n = count() } }
CEP
expect "explain correlation and window" 0 "$CEP" explain "$TMP/explain_more.cep"
contains "explain inferred index" "$OUT" "correlation index (inferred from equalities with the first event): Order(id) Payment(order_id)"
contains "explain windowed rule" "$OUT" "rule Big: from Payment (windowed; no automaton)"
contains "explain panes" "$OUT" "window: sliding 10m every 5m: panes of 5m, 2 panes per window"
contains "explain window order" "$(printf '%s\n' "$OUT" | grep '^rule' | tr '\n' ' ')" "rule Paid: 3 states, 3 edges rule Big: from Payment"
expect "explain only a window as dot" 2 "$CEP" explain --format dot --rule Big "$TMP/explain_more.cep"
contains "explain dot window error" "$ERR" "only windowed rules were chosen"
expect "explain svg without dot" 2 env PATH=/nonexistent "$CEP" explain --format svg "$TMP/explain.cep"
contains "explain svg error" "$ERR" "needs Graphviz's 'dot' program on PATH"
if command -v dot >/dev/null; then
  expect "explain svg" 0 "$CEP" explain --format svg "$TMP/explain.cep"
  contains "svg document" "$OUT" "<svg"
  contains "svg both rules" "$OUT" "rule Explodes"
  if command -v xmllint >/dev/null; then
    printf '%s\n' "$OUT" >"$TMP/explain.svg"
    expect "svg well-formed" 0 xmllint --noout "$TMP/explain.svg"
  fi
else
  echo "skip: explain --format svg (Graphviz's dot is not installed)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
