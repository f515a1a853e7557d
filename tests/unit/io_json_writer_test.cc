// Tests for runtime/io/json_writer.h: string escaping and U+FFFD
// replacement, number and time formatting, whole events, and round trips
// through JsonLinesReader.
#include "runtime/io/json_writer.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include <doctest/doctest.h>

#include "runtime/io/jsonl_reader.h"

namespace cep::rt::io {
namespace {

constexpr int64_t kT = 1'704'164'645'000'000'000;  // 2024-01-02T03:04:05Z
const std::string kFFFD = "\xEF\xBF\xBD";

std::string Str(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

std::string Val(const Value& v) {
  std::string out;
  AppendJsonValue(v, &out);
  return out;
}

TEST_CASE("strings: escapes") {
  CHECK(Str("") == "\"\"");
  CHECK(Str("plain text") == "\"plain text\"");
  CHECK(Str("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(Str("\n\r\t\b\f") == "\"\\n\\r\\t\\b\\f\"");
  CHECK(Str(std::string("\0\x01\x1f", 3)) == "\"\\u0000\\u0001\\u001f\"");
  CHECK(Str("\x7f") == "\"\x7f\"");  // DEL needs no escape in JSON
  CHECK(Str("/") == "\"/\"");
}

TEST_CASE("strings: valid UTF-8 is kept, invalid bytes become U+FFFD") {
  CHECK(Str("\xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") ==
        "\"\xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"");
  CHECK(Str("a\xff" "b") == "\"a" + kFFFD + "b\"");
  CHECK(Str("\xC3") == "\"" + kFFFD + "\"");              // truncated at the end
  CHECK(Str("\xE2\x82" "x") == "\"" + kFFFD + "x\"");     // one maximal subpart
  CHECK(Str("\xC0\xAF") == "\"" + kFFFD + kFFFD + "\"");  // overlong: two
  CHECK(Str("\xED\xA0\x80") == "\"" + kFFFD + kFFFD + kFFFD + "\"");  // surrogate
  CHECK(Str("\xF4\x90\x80\x80") == "\"" + kFFFD + kFFFD + kFFFD + kFFFD + "\"");  // > U+10FFFF
  CHECK(Str("\x80\x80") == "\"" + kFFFD + kFFFD + "\"");  // stray continuation bytes
}

TEST_CASE("values") {
  CHECK(Val(Value::Null()) == "null");
  CHECK(Val(Value::Bool(true)) == "true");
  CHECK(Val(Value::Bool(false)) == "false");
  CHECK(Val(Value::Int(0)) == "0");
  CHECK(Val(Value::Int(-42)) == "-42");
  CHECK(Val(Value::Int(std::numeric_limits<int64_t>::min())) == "-9223372036854775808");
  CHECK(Val(Value::Float(0.1)) == "0.1");
  CHECK(Val(Value::Float(2.0)) == "2.0");
  CHECK(Val(Value::Float(-0.0)) == "-0.0");
  CHECK(Val(Value::Float(1e20)) == "1e+20");
  CHECK(Val(Value::Float(1.5e-7)) == "1.5e-07");
  CHECK(Val(Value::Float(5e-324)) == "5e-324");
  CHECK(Val(Value::Float(std::numeric_limits<double>::max())) == "1.7976931348623157e+308");
  CHECK(Val(Value::Float(std::nan(""))) == "null");
  CHECK(Val(Value::Float(std::numeric_limits<double>::infinity())) == "null");
  CHECK(Val(Value::Float(-std::numeric_limits<double>::infinity())) == "null");
  CHECK(Val(Value::String("x\ny")) == "\"x\\ny\"");
  CHECK(Val(Value::Timestamp(kT + 120'000'000)) == "\"2024-01-02T03:04:05.120Z\"");
  CHECK(Val(Value::Duration(90'000'000'000)) == "90000000000");
  std::string out = "[";
  AppendJsonValue(Value::Int(1), &out);
  CHECK(out == "[1");
}

check::Schema PaymentSchema() {
  check::Schema s;
  EventTypeId id = s.Add("Payment", false, 0, SourceRange{});
  s.AddField(id, "amount", Type::Of(TypeKind::kFloat), false, SourceRange{});
  s.AddField(id, "count", Type::Of(TypeKind::kInt), false, SourceRange{});
  s.AddField(id, "at", Type::Of(TypeKind::kTimestamp), true, SourceRange{});
  s.AddField(id, "wait", Type::Of(TypeKind::kDuration), true, SourceRange{});
  s.AddField(id, "note", Type::Of(TypeKind::kString), true, SourceRange{});
  s.AddField(id, "ok", Type::Of(TypeKind::kBool), true, SourceRange{});
  return s;
}

TEST_CASE("events: type, time, then fields in slot order") {
  check::Schema schema = PaymentSchema();
  EventStore store;
  EventBuilder b;
  b.Start(0, 7);
  b.SetTime(kT + 1);
  b.Set(1, Value::Float(12.5));
  b.Set(2, Value::Int(3));
  b.Set(4, Value::Duration(1500));
  b.SetString(5, "caf\xC3\xA9 \"x\"");
  Event* e = b.Build(store);
  std::string out;
  AppendEventJson(*e, schema.type(0), &out);
  CHECK(out ==
        "{\"type\":\"Payment\",\"time\":\"2024-01-02T03:04:05.000000001Z\",\"amount\":12.5,"
        "\"count\":3,\"at\":null,\"wait\":1500,\"note\":\"caf\xC3\xA9 \\\"x\\\"\",\"ok\":null}");
  store.Release(e);
}

TEST_CASE("event values: a nested object given the schema, else null") {
  check::Schema schema = PaymentSchema();
  EventStore store;
  EventBuilder b;
  b.Start(0, 7);
  b.SetTime(kT);
  b.Set(1, Value::Float(1));
  b.Set(2, Value::Int(2));
  Event* e = b.Build(store);
  CHECK(Val(Value::EventRef(e)) == "null");
  std::string out;
  AppendJsonValue(Value::EventRef(e), &out, &schema);
  CHECK(out ==
        "{\"type\":\"Payment\",\"time\":\"2024-01-02T03:04:05Z\",\"amount\":1.0,\"count\":2,"
        "\"at\":null,\"wait\":null,\"note\":null,\"ok\":null}");
  store.Release(e);
}

TEST_CASE("events round-trip through JsonLinesReader") {
  check::Schema schema = PaymentSchema();
  JsonLinesReader reader(schema);
  EventStore store;
  EventBuilder b;
  uint64_t x = 0x243F6A8885A308D3ull;
  for (int k = 0; k < 2000; ++k) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    double f;
    std::memcpy(&f, &x, sizeof f);
    if (!std::isfinite(f)) f = static_cast<double>(x >> 11) * 1e-3;
    b.Start(0, 7);
    b.SetTime(static_cast<int64_t>(x));
    b.Set(1, Value::Float(f));
    b.Set(2, Value::Int(static_cast<int64_t>(x * 7)));
    if (k % 2) b.Set(3, Value::Timestamp(static_cast<int64_t>(x * 3)));
    if (k % 3) b.Set(4, Value::Duration(static_cast<int64_t>(x) / 5));
    if (k % 5) b.SetString(5, std::string("s\x01\"\\\xC3\xA9", 6) + std::to_string(k));
    if (k % 7) b.Set(6, Value::Bool(k % 2 == 0));
    Event* original = b.Build(store);

    std::string json;
    AppendEventJson(*original, schema.type(0), &json);
    ParseResult r = reader.ParseLine(json, k + 1, b);
    INFO(json, " -> ", r.error.message);
    REQUIRE(r.outcome == LineOutcome::kEvent);
    Event* back = b.Build(store);
    CHECK(back->time == original->time);
    for (int slot = 0; slot < 7; ++slot) {
      const Value& a = original->field(slot);
      const Value& c = back->field(slot);
      INFO("slot ", slot, ": ", static_cast<int>(a.tag), " ", a.i, " vs ",
           static_cast<int>(c.tag), " ", c.i);
      CHECK(a.tag == c.tag);
      if (a.tag == Tag::kString) {
        CHECK(a.str() == c.str());
      } else {
        CHECK(ValueIdentical(a, c));
      }
    }
    store.Release(original);
    store.Release(back);
  }
}

}  // namespace
}  // namespace cep::rt::io
