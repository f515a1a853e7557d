// Tests of event time in the embedding API (include/cep/engine.h; the
// reorder buffer runtime/reorder_buffer.h): out-of-order events within
// max_delay are processed in time order, older ones are late (dropped and
// counted, or called back with their JSON), the watermark moves forward
// with the input or by AdvanceWatermark and never back, and absences fire
// when time passes them with no further event.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cep/cep.h"

namespace {

constexpr int64_t kSec = cep::kNanosPerSecond;

constexpr char kSeqRules[] = R"(
event A { k: int }
event B { k: int }
rule AB { pattern a: A -> b: B emit Pair { ka = a.k, kb = b.k } }
)";

cep::RuleSet Compile(const char* text) {
  absl::StatusOr<cep::RuleSet> rules = cep::CompileRules(text);
  REQUIRE_MESSAGE(rules.ok(), rules.status());
  return *rules;
}

cep::Engine Make(const cep::RuleSet& rules, cep::EngineOptions options) {
  absl::StatusOr<cep::Engine> engine = cep::Engine::Create(rules, std::move(options));
  REQUIRE_MESSAGE(engine.ok(), engine.status());
  return std::move(*engine);
}

std::string Event(const char* type, int64_t sec, int k) {
  return std::string(R"({"type":")") + type + R"(","time":)" + std::to_string(sec) + R"(,"k":)" +
         std::to_string(k) + "}";
}

std::vector<std::string> Drain(cep::Engine& engine) {
  std::vector<std::string> out;
  cep::DerivedEvent d;
  while (engine.PollDerived(&d)) out.push_back(d.ToJson());
  return out;
}

TEST_CASE("max_delay: events out of order by up to max_delay are put back in order") {
  cep::RuleSet rules = Compile(kSeqRules);
  cep::EngineOptions options;
  options.max_delay_ns = 5 * kSec;
  cep::Engine engine = Make(rules, options);
  REQUIRE(engine.PushJson(Event("B", 1002, 2)).ok());
  REQUIRE(engine.PushJson(Event("A", 1000, 1)).ok());  // 2 s older: still on time
  CHECK(engine.watermark() == 997 * kSec);
  cep::Stats s = engine.stats();
  CHECK(s.buffered == 2);  // nothing passed the watermark yet
  CHECK(s.events_in == 0);
  CHECK(s.late == 0);
  REQUIRE(engine.Flush().ok());
  CHECK(
      Drain(engine) ==
      std::vector<std::string>{
          R"({"type":"Pair","time":"1970-01-01T00:16:42Z","rule":"AB","ka":1,"kb":2,"events":{"a":[1],"b":[2]}})"});
  CHECK(engine.stats().buffered == 0);
  CHECK(engine.stats().peak_buffered == 2);
}

TEST_CASE("max_delay 0 (the default): an older event is late and dropped, and counted") {
  cep::Engine engine = Make(Compile(kSeqRules), {});
  REQUIRE(engine.PushJson(Event("B", 1002, 2)).ok());
  CHECK(engine.stats().events_in == 1);              // processed at once
  CHECK(engine.PushJson(Event("A", 1000, 1)).ok());  // late is not an error of the call
  REQUIRE(engine.Flush().ok());
  CHECK(Drain(engine).empty());
  CHECK(engine.stats().late == 1);
  CHECK(engine.stats().events_in == 1);
}

TEST_CASE("LatePolicy::kCallback hands late events over with their JSON and the watermark") {
  std::vector<std::string> late;
  cep::EngineOptions options;
  options.max_delay_ns = 5 * kSec;
  options.late_policy = cep::LatePolicy::kCallback;
  options.on_late = [&late](const cep::LateEvent& e) {
    late.push_back(std::string(e.type) + " " + cep::FormatTime(e.time) + " < " +
                   cep::FormatTime(e.watermark) + " " + std::string(e.json));
  };
  cep::RuleSet rules = Compile(kSeqRules);
  cep::Engine engine = Make(rules, options);
  REQUIRE(engine.PushJson(Event("A", 100, 1)).ok());
  REQUIRE(engine.PushJson(Event("A", 94, 2)).ok());  // 94 < 100 - 5
  // The typed builder's late events go the same way.
  cep::EventBuilder b(rules);
  REQUIRE(b.Start(*rules.ResolveType("B"), 90 * kSec).ok());
  REQUIRE(b.SetInt(*rules.ResolveField("B", "k"), 3).ok());
  REQUIRE(engine.Push(b).ok());
  REQUIRE(engine.PushJson(Event("A", 95, 4)).ok());  // exactly at the watermark: on time
  CHECK(
      late ==
      std::vector<std::string>{
          R"(A 1970-01-01T00:01:34Z < 1970-01-01T00:01:35Z {"type":"A","time":"1970-01-01T00:01:34Z","k":2})",
          R"(B 1970-01-01T00:01:30Z < 1970-01-01T00:01:35Z {"type":"B","time":"1970-01-01T00:01:30Z","k":3})"});
  CHECK(engine.stats().late == 2);
}

TEST_CASE("AdvanceWatermark releases buffered events and never moves back") {
  cep::EngineOptions options;
  options.max_delay_ns = 60 * kSec;
  cep::Engine engine = Make(Compile(kSeqRules), options);
  CHECK(engine.watermark() == INT64_MIN);
  REQUIRE(engine.PushJson(Event("A", 100, 1)).ok());
  REQUIRE(engine.PushJson(Event("B", 101, 2)).ok());
  CHECK(engine.stats().buffered == 2);
  CHECK(engine.pending_derived() == 0);
  REQUIRE(engine.AdvanceWatermark(100 * kSec).ok());  // releases A (at the watermark), keeps B
  CHECK(engine.stats().events_in == 1);
  CHECK(engine.stats().buffered == 1);
  REQUIRE(engine.AdvanceWatermark(101 * kSec).ok());
  CHECK(engine.pending_derived() == 1);
  REQUIRE(engine.AdvanceWatermark(50 * kSec).ok());  // no-op
  CHECK(engine.watermark() == 101 * kSec);
  CHECK(engine.PushJson(Event("A", 100, 3)).ok());
  CHECK(engine.stats().late == 1);
  REQUIRE(engine.PushJson(Event("A", 101, 4)).ok());  // at the watermark: on time
  CHECK(engine.stats().late == 1);
}

TEST_CASE("Equal times keep push order through the buffer") {
  cep::EngineOptions options;
  options.max_delay_ns = 10 * kSec;
  cep::Engine engine = Make(Compile(kSeqRules), options);
  REQUIRE(engine.PushJson(Event("A", 5, 1)).ok());
  REQUIRE(engine.PushJson(Event("B", 5, 2)).ok());  // same time, pushed after A: follows it
  REQUIRE(engine.PushJson(Event("A", 3, 3)).ok());
  REQUIRE(engine.Flush().ok());
  std::vector<std::string> out = Drain(engine);
  // Processing order: A@3 (1), A@5 (2), B@5 (3); skip-till-next takes the first A.
  REQUIRE(out.size() == 1);
  CHECK(out[0].find(R"("events":{"a":[1],"b":[3]})") != std::string::npos);
}

TEST_CASE("An absence fires when the watermark passes its deadline, without more events") {
  cep::RuleSet rules = Compile(R"(
event Order { id: string }
event Payment { order_id: string }
rule Unpaid {
  pattern o: Order -> !Payment[order_id == o.id] within 15m
  emit OrderTimedOut { order = o.id }
})");
  cep::Engine engine = Make(rules, {});
  const int64_t t0 = *cep::ParseTime("2024-06-01T09:00:00Z");
  REQUIRE(engine.PushJson(R"({"type":"Order","time":"2024-06-01T09:00:00Z","id":"o-1"})").ok());
  REQUIRE(engine.PushJson(R"({"type":"Order","time":"2024-06-01T09:01:00Z","id":"o-2"})").ok());
  REQUIRE(
      engine.PushJson(R"({"type":"Payment","time":"2024-06-01T09:02:00Z","order_id":"o-2"})").ok());
  REQUIRE(engine.AdvanceWatermark(t0 + 14 * 60 * kSec).ok());
  CHECK(engine.pending_derived() == 0);
  REQUIRE(engine.AdvanceWatermark(t0 + 16 * 60 * kSec).ok());
  REQUIRE(engine.pending_derived() == 1);
  cep::DerivedEvent d;
  REQUIRE(engine.PollDerived(&d));
  CHECK(*d.GetString("order") == "o-1");
  CHECK(d.time() == t0 + 15 * 60 * kSec);
  REQUIRE(engine.Flush().ok());
  CHECK(engine.pending_derived() == 0);  // o-2 was paid
}

TEST_CASE("Flush processes what is buffered and fires what is pending") {
  cep::RuleSet rules = Compile(R"(
event Order { id: string }
event Payment { order_id: string }
rule Unpaid {
  pattern o: Order -> !Payment[order_id == o.id] within 15m
  emit OrderTimedOut { order = o.id }
})");
  cep::EngineOptions options;
  options.max_delay_ns = 3600 * kSec;
  cep::Engine engine = Make(rules, options);
  REQUIRE(engine.PushJson(R"({"type":"Order","time":"2024-06-01T09:00:00Z","id":"o-1"})").ok());
  CHECK(engine.stats().buffered == 1);
  REQUIRE(engine.Flush().ok());
  CHECK(engine.stats().buffered == 0);
  CHECK(engine.stats().events_in == 1);
  CHECK(engine.pending_derived() == 1);
}

TEST_CASE("A tumbling window closes when the watermark passes its end") {
  cep::RuleSet rules = Compile(R"(
event Request { service: string, ms: float }
rule PerMinute {
  from Request as r
  window tumbling 1m
  group by service
  emit MinuteStats { service = service, requests = count(r), slowest = max(ms) }
})");
  cep::Engine engine = Make(rules, {});
  for (int sec : {5, 20, 40}) {
    REQUIRE(engine
                .PushJson(R"({"type":"Request","time":)" + std::to_string(sec) +
                          R"(,"service":"api","ms":)" + std::to_string(sec) + "}")
                .ok());
  }
  REQUIRE(engine.AdvanceWatermark(59 * kSec).ok());
  CHECK(engine.pending_derived() == 0);
  REQUIRE(engine.AdvanceWatermark(61 * kSec).ok());
  cep::DerivedEvent d;
  REQUIRE(engine.PollDerived(&d));
  CHECK(d.rule() == "PerMinute");
  CHECK(d.time() == 60 * kSec);
  CHECK(*d.GetString("service") == "api");
  CHECK(*d.GetInt("requests") == 3);
  CHECK(*d.GetFloat("slowest") == 40.0);
  CHECK(d.matched().empty());
}

TEST_CASE("An engine dropped without Flush frees what it still buffers") {
  // (LeakSanitizer fails this test in the sanitizer build if it does not.)
  cep::EngineOptions options;
  options.max_delay_ns = 3600 * kSec;
  cep::Engine engine = Make(Compile(kSeqRules), options);
  for (int i = 0; i < 100; ++i) REQUIRE(engine.PushJson(Event("A", 1000 + i, i)).ok());
  CHECK(engine.stats().buffered == 100);
}

}  // namespace
