// Tests for the derived-event writers (runtime/output/): formats by name,
// CloudEvents JSON exactly, deterministic and distinct ids, the table's
// header, alignment and grow-only widths, and value rendering.
#include "runtime/output/derived_writer.h"

#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "io_test_util.h"
#include "runtime/output/cloudevents_writer.h"
#include "runtime/output/derived_event_id.h"

namespace cep::rt::out {
namespace {

using io::testing::Rules;

constexpr const char* kRules = R"(
event Login { user: string, n: int, note: string? }
rule Brute {
  pattern f: Login+ -> ok: Login
  within 1h
  emit Alert { user = ok.user, n = count(f), gap = ok.time - last(f).time, note = ok.note }
}
rule Other {
  pattern x: Login
  within 1m
  emit LongerTypeName { user = x.user }
}
)";

const Rules& TestRules() {
  static const Rules* rules = new Rules(kRules);
  return *rules;
}

constexpr int64_t kSec = 1'000'000'000;

// A derived event of `type` with values by field name, and its bindings.
class Derived {
 public:
  Derived(const std::string& type, int64_t time, const std::string& rule) {
    const check::EventTypeInfo* info = TestRules().schema().Find(type);
    REQUIRE(info != nullptr);
    info_ = info;
    builder_.Start(info->id, static_cast<uint16_t>(info->fields.size()));
    builder_.SetTime(time);
    rule_ = rule;
  }
  Derived& Set(const std::string& field, Value v) {
    const check::FieldInfo* f = info_->FindField(field);
    REQUIRE(f != nullptr);
    if (v.tag == Tag::kString) {
      builder_.SetString(f->slot, v.str());
    } else {
      builder_.Set(f->slot, v);
    }
    return *this;
  }
  Derived& Bind(const char* var, std::vector<uint64_t> seqs) {
    bindings_.push_back({var, std::move(seqs)});
    return *this;
  }
  DerivedEvent Get(bool timeout = false) {
    if (event_ != nullptr) store_.Release(event_);
    event_ = builder_.Build(store_);
    DerivedEvent d;
    d.event = event_;
    d.rule_name = rule_;
    d.timeout = timeout;
    for (const auto& [var, seqs] : bindings_) d.bindings.push_back({var, seqs});
    return d;
  }
  ~Derived() {
    if (event_ != nullptr) store_.Release(event_);
  }

 private:
  const check::EventTypeInfo* info_ = nullptr;
  EventBuilder builder_;
  EventStore store_;
  Event* event_ = nullptr;
  std::string rule_;
  std::vector<std::pair<std::string, std::vector<uint64_t>>> bindings_;
};

TEST_CASE("output formats by name") {
  CHECK(*ParseOutputFormat("jsonl") == OutputFormat::kJsonLines);
  CHECK(*ParseOutputFormat("cloudevents") == OutputFormat::kCloudEvents);
  CHECK(*ParseOutputFormat("CE") == OutputFormat::kCloudEvents);
  CHECK(*ParseOutputFormat("table") == OutputFormat::kTable);
  CHECK(std::string(ParseOutputFormat("yaml").status().message()) ==
        "unknown output format 'yaml' (expected jsonl, cloudevents or table)");
}

TEST_CASE("CloudEvents output: the attributes and data") {
  Derived d("Alert", 1704164645 * kSec + 120'000'000, "Brute");
  d.Set("user", Value::String("bob")).Set("n", Value::Int(3)).Set("gap", Value::Duration(kSec));
  d.Bind("f", {1, 2, 3}).Bind("ok", {5});
  std::string json;
  const uint64_t hash = DerivedEventId(d.Get(), TestRules().schema());
  AppendCloudEventJson(d.Get(), hash, TestRules().schema(), &json);
  std::string id;
  AppendEventId(hash, &id);
  CHECK(id.size() == 16);
  CHECK(json == R"({"specversion":"1.0","id":")" + id +
                    R"(","source":"cep://rule/Brute","type":"Alert",)"
                    R"("time":"2024-01-02T03:04:05.120Z","datacontenttype":"application/json",)"
                    R"("data":{"user":"bob","n":3,"gap":1000000000,"note":null}})");
  json.clear();
  AppendCloudEventJson(d.Get(/*timeout=*/true), hash, TestRules().schema(), &json);
  CHECK(json.find(R"("datacontenttype":"application/json","ceptimeout":true,"data":)") !=
        std::string::npos);
}

TEST_CASE("event ids: the same derived event, the same id; any difference, another") {
  const check::Schema& schema = TestRules().schema();
  auto id = [&](Derived& d, bool timeout = false) { return DerivedEventId(d.Get(timeout), schema); };
  Derived a("Alert", 10 * kSec, "Brute");
  a.Bind("f", {1, 2}).Bind("ok", {3});
  Derived same("Alert", 10 * kSec, "Brute");
  same.Bind("f", {1, 2}).Bind("ok", {3});
  CHECK(id(a) == id(same));
  Derived other_seqs("Alert", 10 * kSec, "Brute");
  other_seqs.Bind("f", {1}).Bind("ok", {2, 3});
  Derived other_time("Alert", 11 * kSec, "Brute");
  other_time.Bind("f", {1, 2}).Bind("ok", {3});
  Derived other_rule("Alert", 10 * kSec, "Other");
  other_rule.Bind("f", {1, 2}).Bind("ok", {3});
  CHECK(id(a) != id(other_seqs));
  CHECK(id(a) != id(other_time));
  CHECK(id(a) != id(other_rule));
  CHECK(id(a) != id(a, /*timeout=*/true));
  Derived other_field("Alert", 10 * kSec, "Brute");
  other_field.Bind("f", {1, 2}).Bind("ok", {3}).Set("user", Value::String("x"));
  CHECK(id(a) != id(other_field));
  // Fixed across machines and runs: FNV-1a over a fixed byte layout.
  std::string hex;
  AppendEventId(0x0123456789abcdefULL, &hex);
  CHECK(hex == "0123456789abcdef");
}

TEST_CASE("CloudEvents writer: alike derived events at one time get distinct ids") {
  std::ostringstream out;
  std::unique_ptr<DerivedWriter> writer =
      NewDerivedWriter(OutputFormat::kCloudEvents, TestRules().program(), &out);
  Derived same("LongerTypeName", 5 * kSec, "Other");  // no bindings, as windowed results
  same.Set("user", Value::String("u"));
  writer->Write(same.Get());
  writer->Write(same.Get());
  Derived later("LongerTypeName", 6 * kSec, "Other");
  later.Set("user", Value::String("u"));
  writer->Write(later.Get());
  std::vector<std::string> ids;
  std::istringstream lines(out.str());
  for (std::string line; std::getline(lines, line);) ids.push_back(line.substr(27, 16));  // after {"specversion":"1.0","id":"
  REQUIRE(ids.size() == 3);
  CHECK(ids[0] != ids[1]);
  CHECK(ids[0] != ids[2]);
  CHECK(ids[1] != ids[2]);
  std::string first;
  AppendEventId(DerivedEventId(same.Get(), TestRules().schema()), &first);
  CHECK(ids[0] == first);  // the first of its kind keeps the plain hash
}

TEST_CASE("table output: a header, aligned columns, widths that only grow") {
  std::ostringstream out;
  std::unique_ptr<DerivedWriter> writer =
      NewDerivedWriter(OutputFormat::kTable, TestRules().program(), &out);
  Derived first("Alert", 1704164645 * kSec, "Brute");
  first.Set("user", Value::String("bob")).Set("n", Value::Int(3))
      .Set("gap", Value::Duration(90 * kSec)).Set("note", Value::String("two words"));
  writer->Write(first.Get());
  Derived second("Alert", 1704164646 * kSec + 5'000'000, "Brute");
  second.Set("user", Value::String("alexandra")).Set("n", Value::Int(12))
      .Set("gap", Value::Duration(600 * kSec));
  writer->Write(second.Get());
  Derived third("LongerTypeName", 1704164647 * kSec, "Other");
  third.Set("user", Value::String("b\"x"));
  writer->Write(third.Get(/*timeout=*/true));
  writer->Write(first.Get());
  CHECK(out.str() ==
        "TIME                  RULE   TYPE            FIELDS\n"
        "2024-01-02T03:04:05Z  Brute  Alert           user=bob  n=3  gap=90s  note=\"two words\"\n"
        "2024-01-02T03:04:06.005Z  Brute  Alert           user=alexandra  n=12  gap=10m  "
        "note=null\n"
        "2024-01-02T03:04:07Z      Other  LongerTypeName  user=\"b\\\"x\"  (timeout)\n"
        "2024-01-02T03:04:05Z      Brute  Alert           user=bob        n=3   gap=90s  "
        "note=\"two words\"\n");
}

TEST_CASE("JSON Lines output through the writer is the derived_json form") {
  std::ostringstream out;
  std::unique_ptr<DerivedWriter> writer =
      NewDerivedWriter(OutputFormat::kJsonLines, TestRules().program(), &out);
  Derived d("LongerTypeName", 0, "Other");
  d.Set("user", Value::String("u")).Bind("x", {7});
  writer->Write(d.Get());
  CHECK(out.str() ==
        R"({"type":"LongerTypeName","time":"1970-01-01T00:00:00Z","rule":"Other","user":"u",)"
        R"("events":{"x":[7]}})"
        "\n");
}

}  // namespace
}  // namespace cep::rt::out
