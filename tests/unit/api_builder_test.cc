// Tests of the embedding API's typed event builder (include/cep/
// event_builder.h) and times (time.h): every setter, each value arriving in
// the derived event unchanged, and every error a setter or Engine::Push
// reports — wrong type, wrong event type, another rule set, null for a
// required field, a missing required field, bad floats and strings.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "cep/cep.h"

namespace {

constexpr int64_t kSec = cep::kNanosPerSecond;

constexpr char kRules[] = R"(
event Payment { id: string, amount: float, count: int, ok: bool, at: timestamp?, wait: duration?, note: string? }
event Other { x: int }

rule Echo {
  pattern p: Payment
  emit Seen { id = p.id, amount = p.amount, count = p.count, ok = p.ok, at = p.at, wait = p.wait, note = p.note }
}
rule Xs { pattern o: Other emit SeenX { x = o.x } }
)";

struct Fixture {
  Fixture() {
    absl::StatusOr<cep::RuleSet> compiled = cep::CompileRules(kRules);
    REQUIRE_MESSAGE(compiled.ok(), compiled.status());
    rules = *compiled;
    payment = *rules.ResolveType("Payment");
    other = *rules.ResolveType("Other");
    for (const char* f : {"id", "amount", "count", "ok", "at", "wait", "note"}) {
      fields.push_back(*rules.ResolveField(payment, f));
    }
    x = *rules.ResolveField(other, "x");
    absl::StatusOr<cep::Engine> e = cep::Engine::Create(rules);
    REQUIRE(e.ok());
    engine.emplace(std::move(*e));
  }
  const cep::FieldHandle& f(int i) const { return fields[static_cast<size_t>(i)]; }
  // Sets the required fields of a Payment.
  void Required(cep::EventBuilder& b) {
    REQUIRE(b.SetString(f(0), "p-1").ok());
    REQUIRE(b.SetFloat(f(1), 12.5).ok());
    REQUIRE(b.SetInt(f(2), 3).ok());
    REQUIRE(b.SetBool(f(3), true).ok());
  }
  cep::DerivedEvent Next() {
    cep::DerivedEvent d;
    REQUIRE(engine->PollDerived(&d));
    return d;
  }

  cep::RuleSet rules = *cep::CompileRules("");
  cep::TypeHandle payment, other;
  std::vector<cep::FieldHandle> fields;
  cep::FieldHandle x;
  std::optional<cep::Engine> engine;
};

TEST_CASE("EventBuilder: every setter's value reaches the derived event") {
  Fixture fx;
  cep::EventBuilder b(fx.rules);
  const int64_t t0 = *cep::ParseTime("2024-06-01T09:00:00Z");
  REQUIRE(b.Start(fx.payment, t0).ok());
  fx.Required(b);
  CHECK(b.SetTimestamp(fx.f(4), t0 - 60 * kSec).ok());
  CHECK(b.SetDuration(fx.f(5), 1500 * 1000 * 1000).ok());
  std::string note = "é ✓";
  CHECK(b.SetString(fx.f(6), note).ok());
  note.assign("overwritten");  // the builder copied the bytes
  REQUIRE(fx.engine->Push(b).ok());

  cep::DerivedEvent d = fx.Next();
  CHECK(d.rule() == "Echo");
  CHECK(d.type() == "Seen");
  CHECK(d.time() == t0);
  CHECK(*d.GetString("id") == "p-1");
  CHECK(*d.GetFloat("amount") == 12.5);
  CHECK(*d.GetInt("count") == 3);
  CHECK(*d.GetBool("ok") == true);
  CHECK(*d.GetTimestamp("at") == t0 - 60 * kSec);
  CHECK(*d.GetDuration("wait") == 1500 * 1000 * 1000);
  CHECK(*d.GetString("note") == "é ✓");
  CHECK(*d.GetTimestamp("time") == t0);
}

TEST_CASE("EventBuilder: unset and SetNull optional fields are null; Start resets") {
  Fixture fx;
  cep::EventBuilder b(fx.rules);
  REQUIRE(b.Start(fx.payment, 5 * kSec).ok());
  fx.Required(b);
  CHECK(b.SetString(fx.f(6), "will be nulled").ok());
  CHECK(b.SetNull(fx.f(6)).ok());
  REQUIRE(fx.engine->Push(b).ok());
  cep::DerivedEvent d = fx.Next();
  CHECK(d.Find("at")->is_null());
  CHECK(d.Find("note")->is_null());
  CHECK(d.GetString("note").status().code() == absl::StatusCode::kFailedPrecondition);

  // A new Start forgets the previous event's fields.
  REQUIRE(b.Start(fx.payment, 6 * kSec).ok());
  absl::Status missing = fx.engine->Push(b);
  CHECK(missing.code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(missing.message()) == "event 'Payment': missing required field 'id'");
  CHECK(fx.engine->stats().bad == 1);
}

TEST_CASE("EventBuilder: an int for a float field is converted, as JSON input does") {
  Fixture fx;
  cep::EventBuilder b(fx.rules);
  REQUIRE(b.Start(fx.payment, 0).ok());
  fx.Required(b);
  CHECK(b.SetInt(fx.f(1), 7).ok());
  REQUIRE(fx.engine->Push(b).ok());
  CHECK(*fx.Next().GetFloat("amount") == 7.0);
}

TEST_CASE("EventBuilder: wrong types and foreign handles are errors, and change nothing") {
  Fixture fx;
  cep::EventBuilder b(fx.rules);
  absl::Status before = b.SetInt(fx.f(2), 1);
  CHECK(before.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(std::string(before.message()) == "set a field before Start");
  CHECK(fx.engine->Push(b).code() == absl::StatusCode::kFailedPrecondition);

  REQUIRE(b.Start(fx.payment, 0).ok());
  fx.Required(b);
  absl::Status wrong = b.SetString(fx.f(2), "3");
  CHECK(wrong.code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(wrong.message()) == "field 'count' of 'Payment' is int, not string");
  CHECK(std::string(b.SetBool(fx.f(1), true).message()) ==
        "field 'amount' of 'Payment' is float, not bool");
  CHECK(std::string(b.SetFloat(fx.f(2), 1.5).message()) ==
        "field 'count' of 'Payment' is int, not float");
  CHECK(std::string(b.SetTimestamp(fx.f(5), 1).message()) ==
        "field 'wait' of 'Payment' is duration, not timestamp");
  CHECK(std::string(b.SetDuration(fx.f(4), 1).message()) ==
        "field 'at' of 'Payment' is timestamp, not duration");
  CHECK(std::string(b.SetInt(fx.x, 1).message()) ==
        "field 'x' belongs to 'Other', not to 'Payment'");
  CHECK(b.SetInt(cep::FieldHandle(), 1).code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(b.SetNull(fx.f(0)).message()) ==
        "field 'id' of 'Payment' is required (not declared 'id: string?'): it cannot be null");
  CHECK(b.SetFloat(fx.f(1), std::nan("")).code() == absl::StatusCode::kInvalidArgument);
  CHECK(b.SetFloat(fx.f(1), std::numeric_limits<double>::infinity()).code() ==
        absl::StatusCode::kInvalidArgument);
  absl::Status utf8 = b.SetString(fx.f(6), std::string("ab\xff", 3));
  CHECK(std::string(utf8.message()) == "field 'note': invalid UTF-8 at byte 3 of the string");

  // None of the rejected calls changed the event.
  REQUIRE(fx.engine->Push(b).ok());
  cep::DerivedEvent d = fx.Next();
  CHECK(*d.GetInt("count") == 3);
  CHECK(*d.GetFloat("amount") == 12.5);
  CHECK(*d.GetString("id") == "p-1");
  CHECK(d.Find("note")->is_null());

  // Handles of another compile of the same text are not this rule set's.
  absl::StatusOr<cep::RuleSet> again = cep::CompileRules(kRules);
  REQUIRE(again.ok());
  cep::TypeHandle foreign_type = *again->ResolveType("Payment");
  cep::FieldHandle foreign_field = *again->ResolveField(foreign_type, "count");
  CHECK(std::string(b.Start(foreign_type, 0).message()) ==
        "the type handle comes from another rule set");
  REQUIRE(b.Start(fx.payment, 0).ok());
  CHECK(std::string(b.SetInt(foreign_field, 1).message()) ==
        "the field handle comes from another rule set");
  CHECK(b.Start(cep::TypeHandle(), 0).code() == absl::StatusCode::kInvalidArgument);

  // A builder of another rule set cannot push into this engine.
  cep::EventBuilder other_builder(*again);
  REQUIRE(other_builder.Start(foreign_type, 0).ok());
  CHECK(std::string(fx.engine->Push(other_builder).message()) ==
        "the builder was made for another rule set than the engine's");
}

TEST_CASE("EventBuilder: types only rules emit cannot be started") {
  Fixture fx;
  cep::EventBuilder b(fx.rules);
  absl::Status s = b.Start(*fx.rules.ResolveType("Seen"), 0);
  CHECK(s.code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(s.message()) ==
        "'Seen' is emitted by rules, not declared with 'event': only declared types can be pushed");
  // ... and a failed Start leaves no event to push or set.
  CHECK(b.SetInt(fx.f(2), 1).code() == absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("EventBuilder: one builder, many events; moved builders keep working") {
  Fixture fx;
  cep::EventBuilder b(fx.rules);
  for (int i = 0; i < 100; ++i) {
    REQUIRE(b.Start(fx.other, i * kSec).ok());
    REQUIRE(b.SetInt(fx.x, i).ok());
    REQUIRE(fx.engine->Push(b).ok());
  }
  cep::EventBuilder moved = std::move(b);
  REQUIRE(moved.Start(fx.other, 100 * kSec).ok());
  REQUIRE(moved.SetInt(fx.x, 100).ok());
  REQUIRE(fx.engine->Push(moved).ok());
  CHECK(fx.engine->pending_derived() == 101);
  cep::DerivedEvent d;
  int64_t sum = 0;
  while (fx.engine->PollDerived(&d)) sum += *d.GetInt("x");
  CHECK(sum == 100 * 101 / 2);
}

TEST_CASE("ParseTime and FormatTime: RFC 3339, exact to the nanosecond") {
  CHECK(*cep::ParseTime("1970-01-01T00:00:01Z") == kSec);
  CHECK(*cep::ParseTime("2024-06-01T11:00:00.5+02:00") ==
        *cep::ParseTime("2024-06-01T09:00:00.5Z"));
  CHECK(cep::FormatTime(*cep::ParseTime("2024-06-01T09:00:00.250Z")) == "2024-06-01T09:00:00.250Z");
  CHECK(cep::FormatTime(1) == "1970-01-01T00:00:00.000000001Z");
  absl::StatusOr<int64_t> bad = cep::ParseTime("2024-13-01T00:00:00Z");
  CHECK(bad.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(bad.status().message()).find("month 13") != std::string::npos);
  CHECK_FALSE(cep::ParseTime("2024-06-01T09:00:00").ok());  // no zone
}

}  // namespace
