// Tests for runtime/io/jsonl_reader.h (and the coercions of
// field_convert.h): events built by slot, the type and time fields, skipped
// types, every coercion rule, strict mode, and each class of bad input with
// its exact message: malformed and truncated JSON, non-objects, invalid
// UTF-8, NUL bytes, deep nesting, huge numbers.
#include "runtime/io/jsonl_reader.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>
#include <unistd.h>

#include <doctest/doctest.h>

#include "compiler/util/strcat.h"
#include "runtime/io/excerpt.h"
#include "runtime/io/field_convert.h"
#include "runtime/io/line_reader.h"

namespace cep::rt::io {
namespace {

constexpr int64_t kSec = 1'000'000'000;
constexpr int64_t kT = 1'704'164'645 * kSec;  // 2024-01-02T03:04:05Z

constexpr EventTypeId kLogin = 0;      // user: string, ip: string?, success: bool
constexpr EventTypeId kPayment = 1;    // amount: float, count: int, at: timestamp?,
                                       // wait: duration?, note: string?
constexpr EventTypeId kHeartbeat = 2;  // host: string
constexpr EventTypeId kAlert = 3;      // derived (emitted by a rule)
constexpr EventTypeId kReading = 4;    // ts: timestamp, value: float

const check::Schema& TestSchema() {
  static const check::Schema* schema = [] {
    auto* s = new check::Schema();
    const auto add = [s](EventTypeId id, const char* name, TypeKind kind, bool optional) {
      s->AddField(id, name, Type::Of(kind), optional, SourceRange{});
    };
    REQUIRE(s->Add("Login", false, 0, SourceRange{}) == kLogin);
    add(kLogin, "user", TypeKind::kString, false);
    add(kLogin, "ip", TypeKind::kString, true);
    add(kLogin, "success", TypeKind::kBool, false);
    REQUIRE(s->Add("Payment", false, 0, SourceRange{}) == kPayment);
    add(kPayment, "amount", TypeKind::kFloat, false);
    add(kPayment, "count", TypeKind::kInt, false);
    add(kPayment, "at", TypeKind::kTimestamp, true);
    add(kPayment, "wait", TypeKind::kDuration, true);
    add(kPayment, "note", TypeKind::kString, true);
    REQUIRE(s->Add("Heartbeat", false, 0, SourceRange{}) == kHeartbeat);
    add(kHeartbeat, "host", TypeKind::kString, false);
    REQUIRE(s->Add("Alert", true, 0, SourceRange{}) == kAlert);
    add(kAlert, "user", TypeKind::kString, false);
    REQUIRE(s->Add("Reading", false, 0, SourceRange{}) == kReading);
    add(kReading, "ts", TypeKind::kTimestamp, false);
    add(kReading, "value", TypeKind::kFloat, false);
    return s;
  }();
  return *schema;
}

// A reader over the test schema with a builder for its events.
class Harness {
 public:
  explicit Harness(JsonLinesOptions options = {}) : reader_(TestSchema(), std::move(options)) {}

  ParseResult Parse(std::string_view line, uint64_t line_no = 1) {
    return reader_.ParseLine(line, line_no, builder_);
  }
  // Parses a line that must give an event.
  const EventBuilder& Event(std::string_view line) {
    ParseResult r = Parse(line);
    INFO(line, " -> ", r.error.message);
    REQUIRE(r.outcome == LineOutcome::kEvent);
    CHECK(r.type == builder_.type());
    return builder_;
  }
  // Parses a line that must be bad; returns the message.
  std::string Error(std::string_view line) {
    ParseResult r = Parse(line, 7);
    INFO(Excerpt(line, 200));
    REQUIRE(r.outcome == LineOutcome::kBad);
    CHECK(r.error.line == 7);
    last_field_ = r.error.field;
    return r.error.message;
  }
  const std::string& last_field() const { return last_field_; }
  JsonLinesReader& reader() { return reader_; }
  EventBuilder& builder() { return builder_; }

 private:
  JsonLinesReader reader_;
  EventBuilder builder_;
  std::string last_field_;
};

std::string PaymentLine(std::string_view fields) {
  return "{\"type\":\"Payment\",\"time\":\"2024-01-02T03:04:05Z\"," + std::string(fields) + "}";
}

TEST_CASE("a well-formed line becomes an event with fields by slot") {
  Harness h;
  const EventBuilder& b = h.Event(
      R"({"type":"Login","time":"2024-01-02T03:04:05Z","user":"alice","ip":"10.0.0.1",)"
      R"("success":true})");
  CHECK(b.type() == kLogin);
  CHECK(b.nfields() == 4);
  CHECK(b.Get(0).tag == Tag::kTimestamp);
  CHECK(b.Get(0).i == kT);
  CHECK(b.Get(1).tag == Tag::kString);
  CHECK(b.Get(1).len == 5);
  CHECK(b.Get(2).len == 8);
  CHECK(b.Get(3).tag == Tag::kBool);
  CHECK(b.Get(3).b);
  EventStore store;
  rt::Event* e = h.builder().Build(store);
  CHECK(e->time == kT);
  CHECK(e->field(1).str() == "alice");
  CHECK(e->field(2).str() == "10.0.0.1");
  store.Release(e);
  CHECK(h.reader().stats().events == 1);
}

TEST_CASE("key order does not matter; the type may come last") {
  Harness h;
  const EventBuilder& b =
      h.Event(R"({"success":false,"user":"bob","time":"2024-01-02T03:04:05Z","type":"Login"})");
  CHECK(b.type() == kLogin);
  CHECK_FALSE(b.Get(3).b);
  CHECK(b.Get(2).is_null());  // optional ip absent
}

TEST_CASE("strings are unescaped and copied into the event") {
  Harness h;
  EventStore store;
  h.Event(R"({"type":"Login","time":1,"user":"\u00e9t\u00e9 \"q\" \\ \n","success":true})");
  rt::Event* first = h.builder().Build(store);
  h.Event(R"({"type":"Login","time":2,"user":"other","success":true})");
  rt::Event* second = h.builder().Build(store);
  CHECK(first->field(1).str() == "\xC3\xA9t\xC3\xA9 \"q\" \\ \n");
  CHECK(second->field(1).str() == "other");
  store.Release(first);
  store.Release(second);
  // Escaped keys match too.
  CHECK(h.Event(R"({"type":"Login","time":1,"us\u0065r":"x","success":true})").Get(1).len == 1);
}

TEST_CASE("optional fields: absent or null is null; required ones must be there") {
  Harness h;
  CHECK(h.Event(R"({"type":"Login","time":1,"user":"a","ip":null,"success":true})")
            .Get(2)
            .is_null());
  CHECK(h.Error(R"({"type":"Login","time":1,"user":"a"})") == "missing required field 'success'");
  CHECK(h.last_field() == "success");
  CHECK(h.Error(R"({"type":"Login","time":1,"user":null,"success":true})") ==
        "field 'user': expected string, got null");
  CHECK(h.last_field() == "user");
}

TEST_CASE("the type field") {
  Harness h;
  CHECK(h.Error(R"({"time":1,"user":"a"})") == "missing type field 'type'");
  CHECK(h.last_field() == "type");
  CHECK(h.Error(R"({"type":5,"time":1})") ==
        "field 'type': expected a string naming an event type, got int");
  CHECK(h.Error(R"({"type":null,"time":1})") ==
        "field 'type': expected a string naming an event type, got null");
  CHECK(h.Error(R"({"type":["Login"],"time":1})") ==
        "field 'type': expected a string naming an event type, got array");
  CHECK(h.Error(R"({"type":"Login","time":1,"user":"a","success":true,"type":"Login"})") ==
        "duplicate field 'type'");

  JsonLinesOptions options;
  options.type_field = "kind";
  Harness custom(options);
  CHECK(custom.Event(R"({"kind":"Heartbeat","time":1,"host":"h"})").type() == kHeartbeat);
  CHECK(custom.Error(R"({"type":"Heartbeat","time":1,"host":"h"})") == "missing type field 'kind'");
}

TEST_CASE("unknown, derived and unused types are skipped and counted") {
  JsonLinesOptions options;
  options.used_types = {true, true, false, true, true};  // nothing reads Heartbeat
  Harness h(options);
  ParseResult r = h.Parse(R"({"type":"Nope","time":"garbage","x":[1,}})");
  CHECK(r.outcome == LineOutcome::kUnknownType);
  r = h.Parse(R"({"type":"Nope"})");
  CHECK(r.outcome == LineOutcome::kUnknownType);
  r = h.Parse(R"({"type":"Alert","time":1,"user":"u"})");  // derived: not input
  CHECK(r.outcome == LineOutcome::kUnknownType);
  r = h.Parse(R"({"type":"Heartbeat","time":"not even a time"})");
  CHECK(r.outcome == LineOutcome::kUnusedType);
  CHECK(r.type == kHeartbeat);
  const JsonLinesStats& s = h.reader().stats();
  CHECK(s.unknown_type == 3);
  CHECK(s.unused_type == 1);
  CHECK(s.bad == 0);
  CHECK(h.reader().unused_by_type()[kHeartbeat] == 1);
  REQUIRE(h.reader().unknown_types().size() == 2);
  CHECK(h.reader().unknown_types()[0].first == "Nope");
  CHECK(h.reader().unknown_types()[0].second == 2);
  CHECK(h.reader().unknown_types()[1].first == "Alert");
}

TEST_CASE("only a bounded number of unknown type names is remembered") {
  Harness h;
  for (int k = 0; k < 100; ++k) {
    h.Parse("{\"type\":\"T" + std::to_string(k) + "\"}");
  }
  CHECK(h.reader().unknown_types().size() == JsonLinesReader::kMaxUnknownNames);
  CHECK(h.reader().stats().unknown_type == 100);
}

TEST_CASE("the time: first present time field, RFC 3339 or epoch") {
  Harness h;
  CHECK(h.Event(R"({"type":"Heartbeat","ts":"2024-01-02T03:04:05Z","host":"h"})").Get(0).i == kT);
  // "time" wins over "ts" wherever it is.
  CHECK(h.Event(R"({"type":"Heartbeat","ts":5,"host":"h","time":"2024-01-02T03:04:05Z"})")
            .Get(0)
            .i == kT);
  // null counts as absent.
  CHECK(h.Event(R"({"type":"Heartbeat","time":null,"ts":1704164645,"host":"h"})").Get(0).i == kT);
  CHECK(h.Event(R"({"type":"Heartbeat","time":1704164645123,"host":"h"})").Get(0).i ==
        kT + 123'000'000);
  CHECK(h.Event(R"({"type":"Heartbeat","time":"1704164645.5","host":"h"})").Get(0).i ==
        kT + 500'000'000);
  CHECK(h.Event(R"({"type":"Heartbeat","time":1704164645123456789,"host":"h"})").Get(0).i ==
        kT + 123'456'789);
  CHECK(h.Event(R"({"type":"Heartbeat","time":"2024-01-02T05:04:05.000000007+02:00","host":"h"})")
            .Get(0)
            .i == kT + 7);
  // A bad first time field is not rescued by a later one.
  CHECK(h.Error(R"({"type":"Heartbeat","time":"2024-13-02T03:04:05Z","ts":1,"host":"h"})") ==
        "time field 'time': invalid timestamp '2024-13-02T03:04:05Z': month 13 out of range");
  CHECK(h.last_field() == "time");
  CHECK(h.Error(R"({"type":"Heartbeat","host":"h"})") == "missing time field ('time' or 'ts')");
  CHECK(h.Error(R"({"type":"Heartbeat","time":null,"host":"h"})") ==
        "missing time field ('time' or 'ts')");
  CHECK(h.Error(R"({"type":"Heartbeat","time":true,"host":"h"})") ==
        "time field 'time': expected an RFC 3339 string or an epoch number, got bool");
  CHECK(h.Error(R"({"type":"Heartbeat","ts":{},"host":"h"})") ==
        "time field 'ts': expected an RFC 3339 string or an epoch number, got object");
  CHECK(h.Error(R"({"type":"Heartbeat","time":1e30,"host":"h"})") ==
        "time field 'time': epoch number '1e30' (ns) out of range (the limit is about 292 years "
        "either side of 1970)");
  CHECK(h.Error(R"({"type":"Heartbeat","time":"","host":"h"})") ==
        "time field 'time': invalid timestamp '': expected a date as YYYY-MM-DD");
  CHECK(h.Error(R"({"type":"Heartbeat","time":1,"time":2,"host":"h"})") ==
        "duplicate field 'time'");
}

TEST_CASE("time field options: names and epoch unit") {
  JsonLinesOptions options;
  options.time_fields = {"timestamp"};
  options.epoch_unit = EpochUnit::kMillis;
  options.strict = true;
  Harness h(options);
  CHECK(h.Event(R"({"type":"Heartbeat","timestamp":1704164645000,"host":"h"})").Get(0).i == kT);
  CHECK(h.Event(R"({"type":"Heartbeat","timestamp":5,"host":"h"})").Get(0).i == 5'000'000);
  CHECK(h.Error(R"({"type":"Heartbeat","host":"h"})") == "missing time field 'timestamp'");
  // "time" is then an ordinary key (unknown in strict mode).
  CHECK(h.Error(R"({"type":"Heartbeat","timestamp":1,"time":1,"host":"h"})") ==
        "unknown field 'time' for type 'Heartbeat'");
}

TEST_CASE("a declared field that is also a time field feeds both") {
  Harness h;  // time fields: time, ts; Reading declares ts: timestamp
  const EventBuilder& b = h.Event(R"({"type":"Reading","ts":"2024-01-02T03:04:05Z","value":1})");
  CHECK(b.Get(0).i == kT);
  CHECK(b.Get(1).tag == Tag::kTimestamp);
  CHECK(b.Get(1).i == kT);
  const EventBuilder& c = h.Event(R"({"type":"Reading","time":7,"ts":1704164645,"value":1})");
  CHECK(c.Get(0).i == 7 * kSec);
  CHECK(c.Get(1).i == kT);
}

TEST_CASE("int fields") {
  Harness h;
  CHECK(h.Event(PaymentLine(R"("amount":1,"count":5)")).Get(2).i == 5);
  CHECK(h.Event(PaymentLine(R"("amount":1,"count":-5)")).Get(2).i == -5);
  // Floats with no fractional part are accepted.
  CHECK(h.Event(PaymentLine(R"("amount":1,"count":5.0)")).Get(2).i == 5);
  CHECK(h.Event(PaymentLine(R"("amount":1,"count":1e3)")).Get(2).tag == Tag::kInt);
  CHECK(h.Event(PaymentLine(R"("amount":1,"count":1e3)")).Get(2).i == 1000);
  CHECK(h.Event(PaymentLine(R"("amount":1,"count":9223372036854775807)")).Get(2).i ==
        INT64_MAX);
  CHECK(h.Event(PaymentLine(R"("amount":1,"count":-9223372036854775808)")).Get(2).i ==
        INT64_MIN);
  CHECK(h.Error(PaymentLine(R"("amount":1,"count":5.5)")) ==
        "field 'count': expected int, got float 5.5");
  CHECK(h.last_field() == "count");
  CHECK(h.Error(PaymentLine(R"("amount":1,"count":9223372036854775808)")) ==
        "field 'count': integer 9223372036854775808 out of int64 range");
  CHECK(h.Error(PaymentLine(R"("amount":1,"count":-9223372036854775809)")) ==
        "field 'count': integer -9223372036854775809 out of int64 range");
  CHECK(h.Error(PaymentLine(R"("amount":1,"count":1e19)")) ==
        "field 'count': number 1e19 out of int64 range");
  CHECK(h.Error(PaymentLine(R"("amount":1,"count":"5")")) ==
        "field 'count': expected int, got string");
  CHECK(h.Error(PaymentLine(R"("amount":1,"count":true)")) ==
        "field 'count': expected int, got bool");
  CHECK(h.Error(PaymentLine(R"("amount":1,"count":[5])")) ==
        "field 'count': expected int, got array");
}

TEST_CASE("float fields") {
  Harness h;
  const Value v = h.Event(PaymentLine(R"("amount":5,"count":1)")).Get(1);
  CHECK(v.tag == Tag::kFloat);
  CHECK(v.f == 5.0);
  CHECK(h.Event(PaymentLine(R"("amount":-0.125,"count":1)")).Get(1).f == -0.125);
  CHECK(h.Event(PaymentLine(R"("amount":18446744073709551615,"count":1)")).Get(1).f ==
        18446744073709551615.0);
  CHECK(h.Event(PaymentLine(R"("amount":123456789012345678901234567890,"count":1)")).Get(1).f ==
        1.2345678901234568e29);
  CHECK(h.Event(PaymentLine(R"("amount":1e-400,"count":1)")).Get(1).f == 0.0);
  // Many significant digits (simdjson 3.0.1's get_number() gives 0 for these).
  CHECK(h.Event(PaymentLine(R"("amount":1000000000.000000001,"count":1)")).Get(1).f == 1e9);
  CHECK(h.Event(PaymentLine(R"("amount":0.12345678901234567890,"count":1)")).Get(1).f ==
        0.12345678901234568);
  CHECK(h.Event(PaymentLine(R"("amount":-1513284451817925376.0,"count":1)")).Get(1).f ==
        -1513284451817925376.0);
  CHECK(h.Error(PaymentLine(R"("amount":1e400,"count":1)")) ==
        "field 'amount': number 1e400 out of float range");
  CHECK(h.Error(PaymentLine(R"("amount":"1.5","count":1)")) ==
        "field 'amount': expected float, got string");
}

TEST_CASE("bool and string fields are strict") {
  Harness h;
  CHECK(h.Error(R"({"type":"Login","time":1,"user":"a","success":"true"})") ==
        "field 'success': expected bool, got string");
  CHECK(h.Error(R"({"type":"Login","time":1,"user":"a","success":1})") ==
        "field 'success': expected bool, got int 1");
  CHECK(h.Error(R"({"type":"Login","time":1,"user":12,"success":true})") ==
        "field 'user': expected string, got int 12");
  CHECK(h.Error(R"({"type":"Login","time":1,"user":{"a":1},"success":true})") ==
        "field 'user': expected string, got object");
}

TEST_CASE("timestamp fields") {
  Harness h;
  CHECK(h.Event(PaymentLine(R"("amount":1,"count":1,"at":"2024-01-02T03:04:05.5Z")")).Get(3).i ==
        kT + 500'000'000);
  CHECK(h.Event(PaymentLine(R"("amount":1,"count":1,"at":1704164645)")).Get(3).tag ==
        Tag::kTimestamp);
  CHECK(h.Event(PaymentLine(R"("amount":1,"count":1,"at":"1704164645000")")).Get(3).i == kT);
  CHECK(h.Error(PaymentLine(R"("amount":1,"count":1,"at":"2024-01-02")")) ==
        "field 'at': invalid timestamp '2024-01-02': missing the time of day (expected 'T' and "
        "HH:MM:SS)");
  CHECK(h.Error(PaymentLine(R"("amount":1,"count":1,"at":false)")) ==
        "field 'at': expected timestamp (an RFC 3339 string or an epoch number), got bool");
}

TEST_CASE("duration fields: integer nanoseconds or duration strings") {
  Harness h;
  const Value ns = h.Event(PaymentLine(R"("amount":1,"count":1,"wait":1500000000)")).Get(4);
  CHECK(ns.tag == Tag::kDuration);
  CHECK(ns.i == 1'500'000'000);
  CHECK(h.Event(PaymentLine(R"("amount":1,"count":1,"wait":"1m30s")")).Get(4).i == 90 * kSec);
  CHECK(h.Event(PaymentLine(R"("amount":1,"count":1,"wait":"1.5s")")).Get(4).i == 1'500'000'000);
  CHECK(h.Event(PaymentLine(R"("amount":1,"count":1,"wait":"-2m")")).Get(4).i == -120 * kSec);
  CHECK(h.Event(PaymentLine(R"("amount":1,"count":1,"wait":"250us")")).Get(4).i == 250'000);
  CHECK(h.Error(PaymentLine(R"("amount":1,"count":1,"wait":1.5)")) ==
        "field 'wait': expected duration (integer nanoseconds or a string like \"1m30s\"), got "
        "float 1.5");
  CHECK(h.Error(PaymentLine(R"("amount":1,"count":1,"wait":"5")")) ==
        "field 'wait': invalid duration '5'");
  CHECK(h.Error(PaymentLine(R"("amount":1,"count":1,"wait":"")")) ==
        "field 'wait': invalid duration '' (expected e.g. \"500ms\", \"1h30m\", \"1.5s\")");
  CHECK(h.Error(PaymentLine(R"("amount":1,"count":1,"wait":"5 m")")) ==
        "field 'wait': invalid duration '5 m' (expected e.g. \"500ms\", \"1h30m\", \"1.5s\")");
  CHECK(h.Error(PaymentLine(R"("amount":1,"count":1,"wait":"5x")"))
            .starts_with("field 'wait': unknown duration unit 'x' in '5x'"));
}

TEST_CASE("extra fields are ignored, or bad in strict mode") {
  Harness lenient;
  CHECK(lenient.Event(R"({"type":"Heartbeat","time":1,"host":"h","extra":{"deep":[1,2,3]},"n":1})")
            .type() == kHeartbeat);
  JsonLinesOptions options;
  options.strict = true;
  Harness strict(options);
  CHECK(strict.Event(R"({"type":"Heartbeat","time":1,"ts":2,"host":"h"})").type() == kHeartbeat);
  CHECK(strict.Error(R"({"type":"Heartbeat","time":1,"host":"h","extra":1})") ==
        "unknown field 'extra' for type 'Heartbeat'");
  CHECK(strict.last_field() == "extra");
  CHECK(strict.Error("{\"type\":\"Heartbeat\",\"time\":1,\"host\":\"h\",\"a\\nb\":1}") ==
        "unknown field 'a\\nb' for type 'Heartbeat'");
}

TEST_CASE("duplicate declared fields are bad") {
  Harness h;
  CHECK(h.Error(R"({"type":"Heartbeat","time":1,"host":"a","host":"b"})") ==
        "duplicate field 'host'");
  CHECK(h.last_field() == "host");
}

TEST_CASE("keys in a learned order, a changed order, escaped or unknown: the same event") {
  // The reader tries the key that followed last time first (by its raw
  // bytes) and falls back to a lookup: any mix must read the same event.
  Harness h;
  EventStore store;
  const std::vector<std::string> lines = {
      R"({"type":"Payment","time":1704164645,"amount":2.5,"count":3,"note":"n"})",
      R"({"type":"Payment","time":1704164645,"amount":2.5,"count":3,"note":"n"})",
      R"({"count":3,"type":"Payment","note":"n","amount":2.5,"time":1704164645})",
      R"({"type":"Payment","x":[1,{"count":9}],"time":1704164645,"amount":2.5,"count":3,"note":"n"})",
      R"({"type":"Payment","time":1704164645,"amount":2.5,"count":3,"note":"n"})",
      R"({"type":"Payment","time":1704164645,"amount":2.5,"count":3,"note":"n","amountx":1})",
      R"({"type":"Payment","time":1704164645,"amount":2.5,"count":3,"note":"n"})"};
  for (const std::string& line : lines) {
    const EventBuilder& b = h.Event(line);
    rt::Event* e = h.builder().Build(store);
    INFO(line);
    CHECK(b.type() == kPayment);
    CHECK(e->time == kT);
    CHECK(e->field(1).f == 2.5);
    CHECK(e->field(2).i == 3);
    CHECK(e->field(3).is_null());
    CHECK(e->field(5).str() == "n");
    store.Release(e);
  }
  // A key repeated raw and escaped is one key, given twice.
  CHECK(h.Error(R"({"type":"Payment","time":1,"amount":1.0,"count":1,"count":2})") ==
        "duplicate field 'count'");
  CHECK(h.Error(R"({"type":"Payment","time":1,"amount":1.0,"count":1,"count":2})") ==
        "duplicate field 'count'");
  // A prefix of a declared name is not that name.
  CHECK(h.Error(R"({"type":"Payment","time":1,"amoun":1.0,"count":1})") ==
        "missing required field 'amount'");
  JsonLinesOptions strict_options;
  strict_options.strict = true;
  Harness strict(strict_options);
  strict.Event(R"({"type":"Heartbeat","time":1,"host":"a"})");
  CHECK(strict.Error(R"({"type":"Heartbeat","time":1,"hos":"a"})") ==
        "unknown field 'hos' for type 'Heartbeat'");
  CHECK(strict.Error(R"({"type":"Heartbeat","time":1,"hostt":"a"})") ==
        "unknown field 'hostt' for type 'Heartbeat'");
}

TEST_CASE("integer epoch times: the parsed integer scales exactly as the text would") {
  // ConvertTime uses the JSON parser's int64 for integers; ParseEpoch of
  // the token is the definition. Every unit, the auto-detection borders,
  // the int64 limits and out-of-range values (same message).
  const std::vector<int64_t> values = {0, 1, -1, 99999999999, 100000000000, -100000000000,
                                       99999999999999, 100000000000000, 99999999999999999,
                                       100000000000000000, 1704164645, 1704164645123,
                                       1704164645123456, 1704164645123456789, 9223372036,
                                       9223372037, -9223372036, -9223372037,
                                       9223372036854775807, -9223372036854775807 - 1};
  for (EpochUnit unit : {EpochUnit::kAuto, EpochUnit::kSeconds, EpochUnit::kMillis,
                         EpochUnit::kMicros, EpochUnit::kNanos}) {
    for (int64_t v : values) {
      const std::string text = StrCat(v);
      JsonScalar json;
      json.kind = JsonKind::kInt;
      json.i = v;
      json.text = text;
      absl::StatusOr<int64_t> got = ConvertTime(json, unit);
      absl::StatusOr<int64_t> want = ParseEpoch(text, unit);
      INFO(text, " unit ", EpochUnitName(unit));
      REQUIRE(got.ok() == want.ok());
      if (got.ok()) {
        CHECK(*got == *want);
      } else {
        CHECK(got.status().message() == want.status().message());
      }
    }
  }
}

TEST_CASE("blank lines are ignored") {
  Harness h;
  CHECK(h.Parse("").outcome == LineOutcome::kBlank);
  CHECK(h.Parse("   ").outcome == LineOutcome::kBlank);
  CHECK(h.Parse(" \t\r").outcome == LineOutcome::kBlank);
  CHECK(h.reader().stats().blank == 3);
}

TEST_CASE("malformed JSON") {
  Harness h;
  // Truncated (e.g. the last line of a file cut short).
  CHECK(h.Error(R"({"type":"Login","time":1,"user":"a")") ==
        "malformed JSON: the line does not end with '}' (truncated, or text after the object)");
  CHECK(h.Error(R"({"type":"Login","time":1,"user":"a)") == "malformed JSON: unclosed string");
  CHECK(h.Error(R"({"type":"Login","time":1,"user":)") ==
        "malformed JSON: the line does not end with '}' (truncated, or text after the object)");
  CHECK(h.Error(R"({"type":"Login","time":1,"success":true,"user":"a"} x)") ==
        "malformed JSON: the line does not end with '}' (truncated, or text after the object)");
  CHECK(h.Error(R"({"type":"Login","time":1,"success":true,"user":"a"} {})") ==
        "malformed JSON: text after the object");
  CHECK(h.Error(R"({"type":"Login","time":1 "user":"a","success":true})") ==
        "malformed JSON: bad structure (a missing or extra comma, colon, quote, brace or "
        "bracket)");
  CHECK(h.Error(R"({"type":"Login","time":1,"user":"a","success":tru})") ==
        "field 'success': malformed JSON: invalid literal (expected true, false or null)");
  CHECK(h.Error(R"({"type":"Login","time":01,"user":"a","success":true})") ==
        "field 'time': malformed JSON: invalid number");
  CHECK(h.Error(R"({"type":"Login","time":1,"user":"a\x","success":true})") ==
        "field 'user': malformed JSON: invalid escape in a string");
  CHECK(h.Error("{\"type\":\"Login\",\"time\":1,\"user\":\"a\tb\",\"success\":true}") ==
        "malformed JSON: unescaped control character in a string");
  CHECK(h.Error("{") ==
        "malformed JSON: the line does not end with '}' (truncated, or text after the object)");
  CHECK(h.Error("}").starts_with("malformed JSON"));
  CHECK(h.Error("{\"type\"}").starts_with("malformed JSON"));
  CHECK(h.Error("nonsense") ==
        "malformed JSON: invalid literal (expected true, false or null)");
  CHECK(h.Error("12abc") == "malformed JSON: invalid number");
}

TEST_CASE("lines that are not objects") {
  Harness h;
  CHECK(h.Error("[1,2]") == "expected a JSON object, got array");
  CHECK(h.Error("42") == "expected a JSON object, got int");
  CHECK(h.Error("4.5") == "expected a JSON object, got float");
  CHECK(h.Error("\"Login\"") == "expected a JSON object, got string");
  CHECK(h.Error("null") == "expected a JSON object, got null");
  CHECK(h.Error("true") == "expected a JSON object, got bool");
}

TEST_CASE("invalid UTF-8 is bad wherever it is") {
  Harness h;
  CHECK(h.Error("{\"type\":\"Login\",\"time\":1,\"user\":\"a\xff\",\"success\":true}") ==
        "invalid UTF-8 at column 35");
  // Even in an ignored field, or in a line of a skipped type.
  CHECK(h.Error("{\"type\":\"Nope\",\"x\":\"\xC3\x28\"}") == "invalid UTF-8 at column 21");
  // An overlong encoding and a surrogate.
  CHECK(h.Error("{\"type\":\"Login\",\"x\":\"\xC0\xAF\"}") == "invalid UTF-8 at column 22");
  CHECK(h.Error("{\"type\":\"Login\",\"x\":\"\xED\xA0\x80\"}") == "invalid UTF-8 at column 22");
  // Outside strings too.
  CHECK(h.Error("{\"type\":\"Login\"}\xfe") == "invalid UTF-8 at column 17");
}

TEST_CASE("NUL bytes") {
  Harness h;
  CHECK(h.Error(std::string(100, '\0')) == "malformed JSON: NUL byte at column 1");
  CHECK(h.Error(std::string("{\"type\":\"Login\",\"time\":1,\"user\":\"a\0b\",\"success\":true}",
                            52)) == "malformed JSON: NUL byte at column 35");
  CHECK(h.Error(std::string("{\"type\":\"Login\"}\0", 17)) ==
        "malformed JSON: NUL byte at column 17");
}

TEST_CASE("deeply nested JSON") {
  Harness h;
  const std::string deep_array = std::string(100000, '[') + std::string(100000, ']');
  CHECK(h.Error(deep_array) == "expected a JSON object, got array");
  // In an ignored field: skipped without recursion.
  CHECK(h.Event("{\"type\":\"Heartbeat\",\"time\":1,\"host\":\"h\",\"x\":" + deep_array + "}")
            .type() == kHeartbeat);
  std::string deep_object;
  for (int k = 0; k < 5000; ++k) deep_object += "{\"a\":";
  deep_object += "1";
  deep_object += std::string(5000, '}');
  CHECK(h.Event("{\"type\":\"Heartbeat\",\"time\":1,\"x\":" + deep_object + ",\"host\":\"h\"}")
            .type() == kHeartbeat);
  // In a declared field: the wrong type, found without descending.
  CHECK(h.Error("{\"type\":\"Heartbeat\",\"time\":1,\"host\":" + deep_array + "}") ==
        "field 'host': expected string, got array");
  // Unbalanced.
  CHECK(h.Error("{\"type\":\"Heartbeat\",\"time\":1,\"host\":\"h\",\"x\":" +
                std::string(3000, '[') + "}")
            .starts_with("malformed JSON"));
}

TEST_CASE("huge numbers") {
  Harness h;
  const std::string huge = "1" + std::string(400, '0');
  // Ignored: fine.
  CHECK(h.Event("{\"type\":\"Heartbeat\",\"time\":1,\"host\":\"h\",\"n\":" + huge + "}").type() ==
        kHeartbeat);
  // As an int: out of range, quoted briefly.
  CHECK(h.Error(PaymentLine("\"amount\":1,\"count\":" + huge)) ==
        "field 'count': integer " + std::string(huge.substr(0, 64)) +
            "... out of int64 range");
  // As a float: too large for a double.
  CHECK(h.Error(PaymentLine("\"amount\":" + huge + ",\"count\":1")) ==
        "field 'amount': number " + std::string(huge.substr(0, 64)) + "... out of float range");
  // As the time.
  CHECK(h.Error("{\"type\":\"Heartbeat\",\"time\":" + huge + ",\"host\":\"h\"}")
            .starts_with("time field 'time': epoch number '1000"));
}

TEST_CASE("stats count each outcome") {
  Harness h;
  h.Parse(R"({"type":"Heartbeat","time":1,"host":"h"})");
  h.Parse("");
  h.Parse("{");
  h.Parse(R"({"type":"Nope"})");
  const JsonLinesStats& s = h.reader().stats();
  CHECK(s.events == 1);
  CHECK(s.blank == 1);
  CHECK(s.bad == 1);
  CHECK(s.unknown_type == 1);
  CHECK(s.unused_type == 0);
}

TEST_CASE("FormatLineError gives file:line: message") {
  LineError e;
  e.line = 12;
  e.field = "amount";
  e.message = "field 'amount': expected int, got string";
  CHECK(FormatLineError("events.jsonl", e) ==
        "events.jsonl:12: field 'amount': expected int, got string");
}

TEST_CASE("end to end: LineReader lines parsed in place") {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("cep_jsonl_test_" + std::to_string(::getpid()) + ".jsonl"))
                               .string();
  {
    std::ofstream out(path, std::ios::binary);
    out << R"({"type":"Heartbeat","time":"2024-01-02T03:04:05Z","host":"a"})" << "\n"
        << "\n"
        << R"({"type":"Heartbeat","time":1,"host":5})" << "\r\n"
        << std::string(200, 'x') << "\n"
        << R"({"type":"Heartbeat","time":2,"host":"b"})";  // no final newline
  }
  LineReaderOptions line_options;
  line_options.chunk_bytes = 32;
  line_options.max_line_bytes = 100;
  auto lines = LineReader::Open(path, line_options);
  REQUIRE(lines.ok());
  Harness h;
  EventStore store;
  std::vector<std::string> out;
  Line line;
  while ((*lines)->Next(&line)) {
    if (line.too_long) {
      out.push_back(StrCat(path, ":", line.number, ": ", TooLongLineMessage(line, 100)));
      continue;
    }
    ParseResult r = h.reader().ParsePaddedLine(line.text, line.number, h.builder());
    if (r.outcome == LineOutcome::kBad) {
      out.push_back(FormatLineError(path, r.error));
    } else if (r.outcome == LineOutcome::kEvent) {
      rt::Event* e = h.builder().Build(store);
      e->input_line = static_cast<uint32_t>(line.number);
      out.push_back(StrCat("event ", e->input_line, " ", e->field(1).str()));
      store.Release(e);
    }
  }
  std::remove(path.c_str());
  CHECK(out == std::vector<std::string>{
                   "event 1 a",
                   StrCat(path, ":3: field 'host': expected string, got int 5"),
                   StrCat(path, ":4: line is 200 bytes long, over the limit of 100 bytes; skipped"),
                   "event 5 b",
               });
}

}  // namespace
}  // namespace cep::rt::io
