#!/usr/bin/env bash
# End-to-end tests of `cep run` input and output (docs/input.md): input
# formats by extension and by --input-format, several inputs merged, stdin,
# missing / unreadable / directory inputs and bad CSV headers (exit 2), bad
# records with --on-error=fail (exit 3), a line over the 64 MiB limit,
# --strict, --no-flush, --type-field / --time-field, the output formats
# (CloudEvents ids the same on every run), --stats and --stats=json (parsed by
# json_check), and the progress bar.
# Usage: run_io_test.sh CEP_BINARY JSON_CHECK SOURCE_DIR
# Prints "N passed, M failed" and exits non-zero on any failure.
set -u
CEP="$1"
JSON_CHECK="$2"
SRC="$3"
TMP="$(mktemp -d)"
trap 'chmod -R u+rwx "$TMP"; rm -rf "$TMP"' EXIT
. "$(dirname "$0")/assert_lib.sh"
# same NAME GOT WANT
same() {
  if [ "$2" = "$3" ]; then
    passed=$((passed + 1))
  else
    echo "FAIL $1:"
    diff <(printf '%s\n' "$3") <(printf '%s\n' "$2") | head -20
    failed=$((failed + 1))
  fi
}

cat >"$TMP/rules.cep" <<'CEP'
event Login { user: string, success: bool }
event Noise { x: int }
rule R {
  pattern f: Login[!success]{2} -> ok: Login[success]
  partition by user
  within 10m
  emit Alert { user = ok.user }
}
CEP
cat >"$TMP/a.jsonl" <<'JSON'
{"type":"Login","time":"2024-01-01T00:00:00Z","user":"u","success":false}
{"type":"Noise","time":"2024-01-01T00:00:00Z","x":1}
{"type":"Login","time":"2024-01-01T00:00:04Z","user":"u","success":true}
JSON
cat >"$TMP/b.csv" <<'CSV'
type,time,user,success
Login,2024-01-01T00:00:01Z,u,false
Login,2024-01-01T00:00:02Z,v,false
Mystery,2024-01-01T00:00:02Z,v,false
CSV
cat >"$TMP/c.ce.jsonl" <<'CE'
{"specversion":"1.0","id":"1","source":"/t","type":"Login","time":"2024-01-01T00:00:03Z","data":{"user":"v","success":false}}
{"specversion":"1.0","id":"2","source":"/t","type":"Login","time":"2024-01-01T00:00:05Z","data":{"user":"v","success":true}}
CE

# Several inputs in three formats, merged by time.
expect "merge" 0 "$CEP" run "$TMP/rules.cep" -i "$TMP/a.jsonl" -i "$TMP/b.csv" -i "$TMP/c.ce.jsonl"
same "merge output" "$OUT" \
'{"type":"Alert","time":"2024-01-01T00:00:04Z","rule":"R","user":"u","events":{"f":[1,2],"ok":[5]}}
{"type":"Alert","time":"2024-01-01T00:00:05Z","rule":"R","user":"v","events":{"f":[3,4],"ok":[6]}}'

# --input-format overrides the extension; standard input takes a format too.
cp "$TMP/b.csv" "$TMP/b.txt"
expect "input format" 0 "$CEP" run "$TMP/rules.cep" -i "$TMP/b.txt" --input-format csv --stats=json
expect "stdin csv" 0 bash -c "\"$CEP\" run \"$TMP/rules.cep\" --input-format csv --stats < \"$TMP/b.csv\""
contains "stdin csv read" "$ERR" "input      <stdin> (csv"
expect "stdin twice" 2 "$CEP" run "$TMP/rules.cep" -i - -i -
contains "stdin twice message" "$ERR" "standard input ('-') is given more than once"

# Missing, unreadable and directory inputs: exit 2, the path named, for
# every format; nothing is written.
for f in nope.jsonl nope.csv nope.ce.jsonl; do
  expect "missing $f" 2 "$CEP" run "$TMP/rules.cep" -i "$TMP/a.jsonl" -i "$TMP/$f"
  contains "missing $f message" "$ERR" "cannot open input '$TMP/$f'"
  same "missing $f no output" "$OUT" ""
done
expect "directory input" 2 "$CEP" run "$TMP/rules.cep" -i "$TMP"
contains "directory message" "$ERR" "it is a directory"
if [ "$(id -u)" -ne 0 ]; then
  cp "$TMP/b.csv" "$TMP/locked.csv" && chmod 000 "$TMP/locked.csv"
  expect "unreadable input" 2 "$CEP" run "$TMP/rules.cep" -i "$TMP/locked.csv"
  contains "unreadable message" "$ERR" "Permission denied"
fi

# CSV headers: the type column falls back to event_type unless --type-field
# is given; no type or time column is an error naming the file and line.
printf 'event_type,ts,user,success\nLogin,1,u,false\n' >"$TMP/core.csv"
expect "csv event_type" 0 "$CEP" run "$TMP/rules.cep" -i "$TMP/core.csv" --stats=json
expect "csv no type column" 2 "$CEP" run "$TMP/rules.cep" -i "$TMP/core.csv" --type-field kind
contains "csv no type message" "$ERR" "core.csv:1: header: no type column ('kind'); name it with --type-field"
expect "csv no time column" 2 "$CEP" run "$TMP/rules.cep" -i "$TMP/core.csv" --time-field when
contains "csv no time message" "$ERR" "core.csv:1: header: no time column ('when'); name it with --time-field"
printf 'kind,when,user,success\nLogin,2024-01-01T00:00:00Z,u,false\n' >"$TMP/named.csv"
expect "csv named columns" 0 "$CEP" run "$TMP/rules.cep" -i "$TMP/named.csv" --type-field kind --time-field when --stats=json
"$JSON_CHECK" "$TMP/err" events_read >"$TMP/fields"
same "csv named columns read" "$(cat "$TMP/fields")" "events_read=1"

# Bad records: reported with file:line and the field; --on-error=fail stops (exit 3).
printf 'type,time,user,success\nLogin,1,u,maybe\nLogin,2,u,false\n' >"$TMP/bad.csv"
expect "csv bad skip" 0 "$CEP" run "$TMP/rules.cep" -i "$TMP/bad.csv"
contains "csv bad message" "$ERR" "bad.csv:2: field 'success': expected bool (true or false), got 'maybe'"
expect "csv bad fail" 3 "$CEP" run "$TMP/rules.cep" -i "$TMP/bad.csv" --on-error=fail

# A line over the 64 MiB limit costs one bad record, not the memory.
{ head -c 70000000 /dev/zero | tr '\0' 'x'; printf '\n'; cat "$TMP/a.jsonl"; } >"$TMP/huge.jsonl"
expect "huge line" 0 "$CEP" run "$TMP/rules.cep" -i "$TMP/huge.jsonl" --stats=json
contains "huge line message" "$ERR" "huge.jsonl:1: line is 70000000 bytes long, over the limit of 67108864 bytes; skipped"
tail -n 1 "$TMP/err" >"$TMP/stats.json"
"$JSON_CHECK" "$TMP/stats.json" bad events_read >"$TMP/fields"
same "huge line counts" "$(cat "$TMP/fields")" "bad=1
events_read=2"
rm -f "$TMP/huge.jsonl"

# --strict: undeclared fields make the event bad.
printf '{"type":"Login","time":1,"user":"u","success":false,"extra":1}\n' >"$TMP/extra.jsonl"
expect "lenient" 0 "$CEP" run "$TMP/rules.cep" -i "$TMP/extra.jsonl"
same "lenient quiet" "$ERR" ""
expect "strict" 0 "$CEP" run "$TMP/rules.cep" -i "$TMP/extra.jsonl" --strict
contains "strict message" "$ERR" "extra.jsonl:1: unknown field 'extra' for type 'Login'"

# --stats=json: one JSON object, the last line of stderr.
expect "stats json" 0 "$CEP" run "$TMP/rules.cep" -i "$TMP/a.jsonl" -i "$TMP/b.csv" -i "$TMP/c.ce.jsonl" --stats=json
tail -n 1 "$TMP/err" >"$TMP/stats.json"
if "$JSON_CHECK" "$TMP/stats.json" events_read events_by_type.Login bad late skipped_unknown_type \
    unknown_types.Mystery skipped_unused_type unused_types.Noise derived rules.0.name \
    rules.0.derived rules.0.peak_runs rules.0.peak_partitions rules.0.runs_shed \
    peak_memory_bytes memory_sheds reorder_peak flushed inputs.1.format inputs.2.events \
    pending.buffered_events >"$TMP/fields"; then
  passed=$((passed + 1))
else
  echo "FAIL stats json: not valid JSON or a field is missing"; cat "$TMP/stats.json"
  failed=$((failed + 1))
fi
same "stats json values" "$(cat "$TMP/fields")" "events_read=6
events_by_type.Login=6
bad=0
late=0
skipped_unknown_type=1
unknown_types.Mystery=1
skipped_unused_type=1
unused_types.Noise=1
derived=2
rules.0.name=R
rules.0.derived=2
rules.0.peak_runs=4
rules.0.peak_partitions=2
rules.0.runs_shed=0
peak_memory_bytes=$("$JSON_CHECK" "$TMP/stats.json" peak_memory_bytes | cut -d= -f2)
memory_sheds=0
reorder_peak=$("$JSON_CHECK" "$TMP/stats.json" reorder_peak | cut -d= -f2)
flushed=true
inputs.1.format=csv
inputs.2.events=2
pending.buffered_events=0"
"$JSON_CHECK" "$TMP/stats.json" elapsed_seconds events_per_second >/dev/null
if [ $? -eq 0 ]; then passed=$((passed + 1)); else echo "FAIL stats timing fields"; failed=$((failed + 1)); fi
expect "stats text" 0 "$CEP" run "$TMP/rules.cep" -i "$TMP/a.jsonl" --stats
contains "stats text read" "$ERR" "read       2 events (Login 2)"
contains "stats text skipped" "$ERR" "skipped    0 of unknown types, 1 of types no rule reads (Noise 1)"
contains "stats text rule" "$ERR" "rule R: derived 0"
expect "stats bad value" 2 "$CEP" run "$TMP/rules.cep" -i "$TMP/a.jsonl" --stats=xml

# --no-flush: buffered events stay buffered, timers do not fire. With the
# default 5s delay only the event at 0s is released (the newest is at 5s).
expect "no flush" 0 "$CEP" run "$TMP/rules.cep" -i "$TMP/a.jsonl" -i "$TMP/b.csv" -i "$TMP/c.ce.jsonl" --no-flush --stats=json
same "no flush output" "$OUT" ""
tail -n 1 "$TMP/err" >"$TMP/stats.json"
"$JSON_CHECK" "$TMP/stats.json" flushed pending.buffered_events pending.runs >"$TMP/fields"
same "no flush pending" "$(cat "$TMP/fields")" "flushed=false
pending.buffered_events=5
pending.runs=1"
expect "no flush, no delay" 0 "$CEP" run "$TMP/rules.cep" -i "$TMP/b.csv" --no-flush --max-delay 0s --stats=json
tail -n 1 "$TMP/err" >"$TMP/stats.json"
"$JSON_CHECK" "$TMP/stats.json" pending.buffered_events pending.runs pending.partitions >"$TMP/fields"
same "no flush live runs" "$(cat "$TMP/fields")" "pending.buffered_events=0
pending.runs=2
pending.partitions=2"

# Output formats; CloudEvents ids are the same on every run.
expect "cloudevents out" 0 "$CEP" run "$TMP/rules.cep" -i "$TMP/a.jsonl" -i "$TMP/b.csv" -i "$TMP/c.ce.jsonl" --output-format cloudevents -o "$TMP/ce1.jsonl"
expect "cloudevents again" 0 "$CEP" run "$TMP/rules.cep" -i "$TMP/a.jsonl" -i "$TMP/b.csv" -i "$TMP/c.ce.jsonl" --output-format cloudevents -o "$TMP/ce2.jsonl"
same "cloudevents deterministic" "$(cat "$TMP/ce1.jsonl")" "$(cat "$TMP/ce2.jsonl")"
contains "cloudevents source" "$(cat "$TMP/ce1.jsonl")" '"source":"cep://rule/R","type":"Alert"'
head -n 1 "$TMP/ce1.jsonl" >"$TMP/ce_first.json"
"$JSON_CHECK" "$TMP/ce_first.json" specversion type time datacontenttype data.user >"$TMP/fields"
same "cloudevents fields" "$(cat "$TMP/fields")" "specversion=1.0
type=Alert
time=2024-01-01T00:00:04Z
datacontenttype=application/json
data.user=u"
ids="$(grep -o '"id":"[0-9a-f]*"' "$TMP/ce1.jsonl" | sort -u | wc -l)"
same "cloudevents ids unique" "$ids" "2"
# Read back as CloudEvents input: the derived events are events again.
printf 'event Alert { user: string }\nrule Echo { pattern a: Alert within 1m emit Seen { user = a.user } }\n' >"$TMP/echo.cep"
expect "cloudevents round trip" 0 "$CEP" run "$TMP/echo.cep" -i "$TMP/ce1.jsonl" --input-format cloudevents
contains "round trip output" "$OUT" '"type":"Seen","time":"2024-01-01T00:00:05Z","rule":"Echo","user":"v"'
expect "table out" 0 "$CEP" run "$TMP/rules.cep" -i "$TMP/a.jsonl" -i "$TMP/b.csv" -i "$TMP/c.ce.jsonl" --output-format table
same "table output" "$OUT" "TIME                  RULE  TYPE   FIELDS
2024-01-01T00:00:04Z  R     Alert  user=u
2024-01-01T00:00:05Z  R     Alert  user=v"
expect "bad output format" 2 "$CEP" run "$TMP/rules.cep" -i "$TMP/a.jsonl" --output-format xml

# The progress bar: off when stderr is not a terminal, on with
# --progress=always (a last frame ending in a newline), off with --quiet.
expect "no progress off a terminal" 0 "$CEP" run "$TMP/rules.cep" -i "$TMP/a.jsonl"
lacks "no progress" "$ERR" "events/s"
expect "progress always" 0 "$CEP" run "$TMP/rules.cep" -i "$TMP/a.jsonl" --progress=always
contains "progress bar" "$ERR" "[####################] 100%"
contains "progress rate" "$ERR" "events/s"
expect "progress quiet" 0 "$CEP" run "$TMP/rules.cep" -i "$TMP/a.jsonl" --progress=always --quiet
lacks "quiet progress" "$ERR" "events/s"
if command -v script >/dev/null 2>&1; then
  # On a terminal (a pseudo-terminal from script(1)): shown and erased.
  timeout 60 script -qec "\"$CEP\" run \"$TMP/rules.cep\" -i \"$TMP/a.jsonl\" -o /dev/null" /dev/null \
    >"$TMP/tty" 2>&1 </dev/null
  contains "progress on a terminal" "$(cat "$TMP/tty")" "events/s"
  contains "progress erased" "$(cat "$TMP/tty")" $'\033[K'
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
