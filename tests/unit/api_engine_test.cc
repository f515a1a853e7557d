// Tests of the embedding API's engine (include/cep/engine.h) and derived
// events (derived_event.h, stats.h): the same matches through the builder,
// JSON and JSON Lines; callback and pull queue; derived fields by name,
// handle and type, and their JSON line as `cep run` writes it; bad, unknown
// and unused events; pushing after Flush and from a callback; limits; stats;
// engines on several threads sharing one RuleSet.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cep/cep.h"
#include "compiler/driver/frontend.h"
#include "runtime/derived_json.h"
#include "runtime/engine.h"
#include "runtime/io/jsonl_reader.h"

namespace {

constexpr int64_t kSec = cep::kNanosPerSecond;

constexpr char kRules[] = R"(
event Login { user: string, ip: string, success: bool }
event Noise { n: int }

rule BruteForce {
  pattern fail: Login[!success]{3,} -> ok: Login[success]
  partition by user
  within 10m
  emit Alert { user = ok.user, attempts = count(fail), ips = distinct(fail.ip), rate = 1.5 }
}
)";

// bob fails 3 times then succeeds; alice succeeds once (no match).
const char* const kLines[] = {
    R"({"type":"Login","time":"2024-06-01T09:00:00Z","user":"bob","ip":"10.0.0.1","success":false})",
    R"({"type":"Login","time":"2024-06-01T09:00:01Z","user":"alice","ip":"10.0.0.9","success":true})",
    R"({"type":"Login","time":"2024-06-01T09:00:02Z","user":"bob","ip":"10.0.0.2","success":false})",
    R"({"type":"Login","time":"2024-06-01T09:00:03Z","user":"bob","ip":"10.0.0.2","success":false})",
    R"({"type":"Login","time":"2024-06-01T09:00:04Z","user":"bob","ip":"10.0.0.1","success":true})",
};
const std::string kExpectedJson =
    R"({"type":"Alert","time":"2024-06-01T09:00:04Z","rule":"BruteForce","user":"bob","attempts":3,"ips":2,"rate":1.5,"events":{"fail":[1,3,4],"ok":[5]}})";

cep::RuleSet Compile(const std::string& text = kRules) {
  absl::StatusOr<cep::RuleSet> rules = cep::CompileRules(text);
  REQUIRE_MESSAGE(rules.ok(), rules.status());
  return *rules;
}

cep::Engine Make(const cep::RuleSet& rules, cep::EngineOptions options = {}) {
  absl::StatusOr<cep::Engine> engine = cep::Engine::Create(rules, std::move(options));
  REQUIRE_MESSAGE(engine.ok(), engine.status());
  return std::move(*engine);
}

std::vector<std::string> Drain(cep::Engine& engine) {
  std::vector<std::string> out;
  cep::DerivedEvent d;
  while (engine.PollDerived(&d)) out.push_back(d.ToJson());
  return out;
}

// What the runtime itself emits for kLines (the reference for every path).
std::string RuntimeJson() {
  cep::SourceManager sources;
  cep::DiagnosticEngine diags;
  auto compiled = cep::driver::CompileText("t.cep", kRules, sources, diags);
  REQUIRE(compiled->compiled_ok);
  cep::rt::Engine engine(compiled->checked, compiled->nfa);
  std::string out;
  engine.SetOutput([&](const cep::rt::DerivedEvent& d) {
    cep::rt::AppendDerivedJson(d, compiled->checked.schema, &out);
  });
  cep::rt::io::JsonLinesReader reader(compiled->checked.schema);
  cep::rt::EventBuilder builder;
  for (const char* line : kLines) {
    REQUIRE(reader.ParseLine(line, 1, builder).outcome == cep::rt::io::LineOutcome::kEvent);
    engine.Push(builder.Build(engine.store()));
  }
  engine.Finish();
  return out;
}

TEST_CASE("Engine: JSON events match as the runtime matches them") {
  CHECK(RuntimeJson() == kExpectedJson);
  cep::Engine engine = Make(Compile());
  for (const char* line : kLines) REQUIRE(engine.PushJson(line).ok());
  CHECK(engine.pending_derived() == 1);
  REQUIRE(engine.Flush().ok());
  CHECK(Drain(engine) == std::vector<std::string>{kExpectedJson});
  CHECK(engine.pending_derived() == 0);
}

TEST_CASE("Engine: the typed builder gives the same derived events as JSON") {
  cep::RuleSet rules = Compile();
  cep::TypeHandle login = *rules.ResolveType("Login");
  cep::FieldHandle user = *rules.ResolveField(login, "user");
  cep::FieldHandle ip = *rules.ResolveField(login, "ip");
  cep::FieldHandle success = *rules.ResolveField(login, "success");
  struct In {
    int sec;
    const char* user;
    const char* ip;
    bool ok;
  };
  const In events[] = {{0, "bob", "10.0.0.1", false},
                       {1, "alice", "10.0.0.9", true},
                       {2, "bob", "10.0.0.2", false},
                       {3, "bob", "10.0.0.2", false},
                       {4, "bob", "10.0.0.1", true}};
  cep::Engine engine = Make(rules);
  cep::EventBuilder b(rules);
  const int64_t t0 = *cep::ParseTime("2024-06-01T09:00:00Z");
  for (const In& e : events) {
    REQUIRE(b.Start(login, t0 + e.sec * kSec).ok());
    REQUIRE(b.SetString(user, e.user).ok());
    REQUIRE(b.SetString(ip, e.ip).ok());
    REQUIRE(b.SetBool(success, e.ok).ok());
    REQUIRE(engine.Push(b).ok());
  }
  REQUIRE(engine.Flush().ok());
  CHECK(Drain(engine) == std::vector<std::string>{kExpectedJson});
}

TEST_CASE("Engine: JSON Lines in one call; bad lines reported, good ones kept") {
  std::string text;
  for (const char* line : kLines) text += std::string(line) + "\n\n";
  cep::Engine engine = Make(Compile());
  REQUIRE(engine.PushJsonLines(text).ok());
  REQUIRE(engine.Flush().ok());
  CHECK(Drain(engine) == std::vector<std::string>{kExpectedJson});

  cep::Engine mixed = Make(Compile());
  std::string bad =
      std::string(kLines[0]) + "\n" +
      R"({"type":"Login","time":"2024-06-01T09:00:01Z","user":"bob","ip":1,"success":false})" +
      "\n" + kLines[2] + "\n{not json\n" + kLines[3] + "\r\n" + kLines[4];
  absl::Status s = mixed.PushJsonLines(bad);
  CHECK(s.code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(s.message()) ==
        "line 2: field 'ip': expected string, got int 1 (and 1 more bad line)");
  REQUIRE(mixed.Flush().ok());
  std::vector<std::string> out = Drain(mixed);
  REQUIRE(out.size() == 1);
  CHECK(out[0].find(R"("events":{"fail":[1,2,3],"ok":[4]})") != std::string::npos);
  cep::Stats stats = mixed.stats();
  CHECK(stats.bad == 2);
  CHECK(stats.events_in == 4);
}

TEST_CASE("Engine: bad JSON events are InvalidArgument with the reader's words") {
  cep::Engine engine = Make(Compile());
  absl::Status wrong = engine.PushJson(
      R"({"type":"Login","time":"2024-06-01T09:00:00Z","user":"bob","ip":"x","success":"no"})");
  CHECK(wrong.code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(wrong.message()) == "field 'success': expected bool, got string");
  absl::Status missing = engine.PushJson(
      R"({"type":"Login","time":"2024-06-01T09:00:00Z","user":"bob","success":true})");
  CHECK(std::string(missing.message()) == "missing required field 'ip'");
  CHECK(engine.PushJson(R"({"type":"Login","user":"bob"})").code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(engine.PushJson("[1,2]").code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(engine.PushJson("  ").message()) == "no JSON object: the text is blank");
  CHECK(engine.stats().bad == 5);
  CHECK(engine.stats().events_in == 0);
}

TEST_CASE("Engine: events of unknown types are NotFound; unused types are skipped") {
  cep::Engine engine = Make(Compile());
  absl::Status unknown = engine.PushJson(R"({"type":"Logn","time":"2024-06-01T09:00:00Z"})");
  CHECK(unknown.code() == absl::StatusCode::kNotFound);
  CHECK(std::string(unknown.message()) == "unknown event type 'Logn'; did you mean 'Login'?");
  absl::Status derived = engine.PushJson(R"({"type":"Alert","time":"2024-06-01T09:00:00Z"})");
  CHECK(derived.code() == absl::StatusCode::kNotFound);
  CHECK(
      std::string(derived.message()) ==
      "'Alert' is emitted by rules, not declared with 'event': only declared types can be pushed");
  // Noise is declared but no rule reads it: skipped without a sequence
  // number, as `cep run` skips it.
  CHECK(engine.PushJson(R"({"type":"Noise","time":"2024-06-01T08:59:00Z","n":1})").ok());
  cep::RuleSet rules = engine.rules();
  cep::EventBuilder b(rules);
  REQUIRE(b.Start(*rules.ResolveType("Noise"), 0).ok());
  REQUIRE(b.SetInt(*rules.ResolveField("Noise", "n"), 2).ok());
  CHECK(engine.Push(b).ok());
  for (const char* line : kLines) REQUIRE(engine.PushJson(line).ok());
  REQUIRE(engine.Flush().ok());
  CHECK(Drain(engine) == std::vector<std::string>{kExpectedJson});
  cep::Stats stats = engine.stats();
  CHECK(stats.unknown_type == 2);
  CHECK(stats.events_unused == 2);
  CHECK(stats.events_in == 5);
  REQUIRE(stats.events_by_type.size() == 2);
  CHECK(stats.events_by_type[0].type == "Login");
  CHECK(stats.events_by_type[0].events == 5);
  CHECK(stats.events_by_type[1].type == "Noise");
  CHECK(stats.events_by_type[1].events == 2);
}

TEST_CASE("Engine: a callback gets what the pull queue would have held") {
  cep::RuleSet rules = Compile();
  std::vector<cep::DerivedEvent> got;
  cep::EngineOptions options;
  options.on_derived = [&got](const cep::DerivedEvent& d) { got.push_back(d); };
  cep::Engine engine = Make(rules, options);
  for (const char* line : kLines) REQUIRE(engine.PushJson(line).ok());
  CHECK(engine.pending_derived() == 0);
  cep::DerivedEvent none;
  CHECK_FALSE(engine.PollDerived(&none));
  REQUIRE(got.size() == 1);
  CHECK(got[0].ToJson() == kExpectedJson);

  const cep::DerivedEvent& d = got[0];
  CHECK(d.rule() == "BruteForce");
  CHECK(d.type() == "Alert");
  CHECK(cep::FormatTime(d.time()) == "2024-06-01T09:00:04Z");
  CHECK_FALSE(d.timeout());
  REQUIRE(d.field_count() == 4);
  CHECK(d.field_name(0) == "user");
  CHECK(d.field(0).type() == cep::FieldType::kString);
  CHECK(d.field(0).string_value() == "bob");
  CHECK(d.field(1).int_value() == 3);
  CHECK(d.field(1).string_value().empty());  // another type's accessor
  CHECK(d.field(3).float_value() == 1.5);
  REQUIRE(d.matched().size() == 2);
  CHECK(d.matched()[0].variable == "fail");
  CHECK(d.matched()[0].seqs == std::vector<uint64_t>{1, 3, 4});
  CHECK(d.matched()[1].variable == "ok");
  CHECK(d.matched()[1].seqs == std::vector<uint64_t>{5});

  // By handle and by name, with typed errors.
  cep::FieldHandle attempts = *rules.ResolveField("Alert", "attempts");
  REQUIRE(d.Find(attempts) != nullptr);
  CHECK(d.Find(attempts)->int_value() == 3);
  CHECK(d.Find(*rules.ResolveField("Login", "user")) == nullptr);  // another type's field
  CHECK(d.Find("nope") == nullptr);
  CHECK(*d.GetInt("attempts") == 3);
  CHECK(*d.GetString("user") == "bob");
  CHECK(d.GetString("nope").status().code() == absl::StatusCode::kNotFound);
  absl::Status wrong = d.GetString("attempts").status();
  CHECK(wrong.code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(wrong.message()) == "field 'attempts' of 'Alert' is int, not string");
  CHECK(d.GetBool("user").status().code() == absl::StatusCode::kInvalidArgument);

  // An owned copy outlives its engine and rule set.
  cep::DerivedEvent kept = got[0];
  got.clear();
  CHECK(kept.ToJson() == kExpectedJson);
}

TEST_CASE("Engine: derived events outlive the engine and the RuleSet variable") {
  cep::DerivedEvent kept;
  {
    cep::Engine engine = Make(Compile());
    for (const char* line : kLines) REQUIRE(engine.PushJson(line).ok());
    REQUIRE(engine.PollDerived(&kept));
  }
  CHECK(kept.ToJson() == kExpectedJson);
  CHECK(*kept.GetString("user") == "bob");
  cep::DerivedEvent empty;
  CHECK(empty.ToJson().empty());
  CHECK(empty.Find("user") == nullptr);
}

TEST_CASE("Engine: timeouts are derived events with timeout() set") {
  cep::RuleSet rules = Compile(R"(
event A { k: int }
event B { k: int }
rule R {
  pattern a: A -> b: B
  partition by k
  within 10s
  on timeout emit Stuck { k = a.k }
  emit Done { k = a.k }
})");
  cep::Engine engine = Make(rules);
  REQUIRE(engine.PushJson(R"({"type":"A","time":0,"k":1})").ok());
  REQUIRE(engine.PushJson(R"({"type":"A","time":1,"k":2})").ok());
  REQUIRE(engine.PushJson(R"({"type":"B","time":2,"k":2})").ok());
  CHECK(engine.pending_derived() == 1);
  REQUIRE(engine.Flush().ok());
  std::vector<cep::DerivedEvent> out;
  cep::DerivedEvent d;
  while (engine.PollDerived(&d)) out.push_back(d);
  REQUIRE(out.size() == 2);
  CHECK(out[0].type() == "Done");
  CHECK_FALSE(out[0].timeout());
  CHECK(out[1].type() == "Stuck");
  CHECK(out[1].timeout());
  CHECK(out[1].time() == 10 * kSec);
  CHECK(*out[1].GetInt("k") == 1);
  CHECK(out[1].ToJson().find("\"timeout\":true") != std::string::npos);
  CHECK(engine.stats().rules[0].timeouts == 1);
}

TEST_CASE("Engine: nothing is accepted after Flush") {
  cep::RuleSet rules = Compile();
  cep::Engine engine = Make(rules);
  REQUIRE(engine.PushJson(kLines[0]).ok());
  REQUIRE(engine.Flush().ok());
  absl::Status json = engine.PushJson(kLines[1]);
  CHECK(json.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(std::string(json.message()) ==
        "the engine was flushed (end of input) and takes no more events; create a new engine");
  CHECK(engine.PushJsonLines(kLines[1]).code() == absl::StatusCode::kFailedPrecondition);
  cep::EventBuilder b(rules);
  REQUIRE(b.Start(*rules.ResolveType("Noise"), 0).ok());
  REQUIRE(b.SetInt(*rules.ResolveField("Noise", "n"), 1).ok());
  CHECK(engine.Push(b).code() == absl::StatusCode::kFailedPrecondition);
  CHECK(engine.AdvanceWatermark(kSec).code() == absl::StatusCode::kFailedPrecondition);
  absl::Status again = engine.Flush();
  CHECK(again.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(std::string(again.message()) == "the engine was already flushed");
  CHECK(engine.stats().events_in == 1);
}

TEST_CASE("Engine: calls from its own callback are refused") {
  cep::RuleSet rules = Compile();
  std::vector<absl::Status> inner;
  cep::Engine* self = nullptr;
  cep::EngineOptions options;
  options.on_derived = [&](const cep::DerivedEvent&) {
    inner.push_back(self->PushJson(kLines[0]));
    inner.push_back(self->AdvanceWatermark(INT64_MAX));
    inner.push_back(self->Flush());
  };
  cep::Engine engine = Make(rules, options);
  self = &engine;
  for (const char* line : kLines) REQUIRE(engine.PushJson(line).ok());
  REQUIRE(inner.size() == 3);
  for (const absl::Status& s : inner) {
    CHECK(s.code() == absl::StatusCode::kFailedPrecondition);
    CHECK(std::string(s.message()).find("from its own on_derived or on_late callback") !=
          std::string::npos);
  }
  // The engine is fine afterwards.
  CHECK(engine.PushJson(kLines[0]).ok());
  CHECK(engine.Flush().ok());
}

TEST_CASE("Engine: a limit with the fail policy stops the engine with ResourceExhausted") {
  cep::RuleSet rules = Compile();
  cep::EngineOptions options;
  options.max_partitions = 2;
  options.on_overflow = cep::OverflowPolicy::kFail;
  cep::Engine engine = Make(rules, options);
  absl::Status s;
  int pushed = 0;
  for (; pushed < 10 && s.ok(); ++pushed) {
    s = engine.PushJson(R"({"type":"Login","time":)" + std::to_string(pushed) + R"(,"user":"u)" +
                        std::to_string(pushed) + R"(","ip":"x","success":false})");
  }
  CHECK(s.code() == absl::StatusCode::kResourceExhausted);
  CHECK(pushed == 3);
  CHECK(engine.PushJson(kLines[0]).code() == absl::StatusCode::kResourceExhausted);
  CHECK(engine.PushJsonLines(kLines[0]).code() == absl::StatusCode::kResourceExhausted);
  CHECK(engine.Flush().code() == absl::StatusCode::kResourceExhausted);

  // drop-oldest sheds and goes on.
  options.on_overflow = cep::OverflowPolicy::kDropOldest;
  cep::Engine shedding = Make(rules, options);
  for (int i = 0; i < 10; ++i) {
    REQUIRE(shedding
                .PushJson(R"({"type":"Login","time":)" + std::to_string(i) + R"(,"user":"u)" +
                          std::to_string(i) + R"(","ip":"x","success":false})")
                .ok());
  }
  CHECK(shedding.stats().rules[0].partitions_shed == 8);
}

TEST_CASE("Engine::Create rejects inconsistent options") {
  cep::RuleSet rules = Compile();
  cep::EngineOptions negative;
  negative.max_delay_ns = -1;
  CHECK(cep::Engine::Create(rules, negative).status().code() == absl::StatusCode::kInvalidArgument);
  cep::EngineOptions no_callback;
  no_callback.late_policy = cep::LatePolicy::kCallback;
  absl::Status s = cep::Engine::Create(rules, no_callback).status();
  CHECK(s.code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(s.message()) == "LatePolicy::kCallback needs an on_late callback");
  cep::EngineOptions no_type;
  no_type.json.type_field.clear();
  CHECK(cep::Engine::Create(rules, no_type).status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("EngineOptions: the defaults are the runtime's (and so `cep run`'s)") {
  cep::EngineOptions options;
  cep::rt::Limits limits;
  CHECK(options.max_runs_per_partition == limits.max_runs_per_partition);
  CHECK(options.max_partitions == limits.max_partitions);
  CHECK(options.max_memory == limits.max_memory);
  CHECK(limits.on_runs_overflow == cep::rt::OverflowPolicy::kDropOldest);
  CHECK(options.on_overflow == cep::OverflowPolicy::kDropOldest);
  cep::rt::io::JsonLinesOptions json;
  CHECK(options.json.type_field == json.type_field);
  CHECK(options.json.time_fields == json.time_fields);
  CHECK(options.json.strict == json.strict);
}

TEST_CASE("Engine: JSON options (type key, time keys, epoch unit, strict)") {
  cep::RuleSet rules =
      Compile("event E { v: int }\nrule R { pattern e: E emit Out { v = e.v } }\n");
  cep::EngineOptions options;
  options.json.type_field = "kind";
  options.json.time_fields = {"at"};
  options.json.epoch_unit = cep::EpochUnit::kMillis;
  options.json.strict = true;
  cep::Engine engine = Make(rules, options);
  REQUIRE(engine.PushJson(R"({"kind":"E","at":1500,"v":1})").ok());
  absl::Status extra = engine.PushJson(R"({"kind":"E","at":1600,"v":2,"w":3})");
  CHECK(std::string(extra.message()) == "unknown field 'w' for type 'E'");
  cep::DerivedEvent d;
  REQUIRE(engine.PollDerived(&d));
  CHECK(d.time() == 1500 * 1000 * 1000);
}

TEST_CASE("Stats: the counters of `cep run --stats`, and FormatStats words them alike") {
  cep::Engine engine = Make(Compile());
  for (const char* line : kLines) REQUIRE(engine.PushJson(line).ok());
  CHECK_FALSE(engine.PushJson("{").ok());
  REQUIRE(engine.Flush().ok());
  cep::Stats s = engine.stats();
  CHECK(s.events_in == 5);
  CHECK(s.events_derived == 1);
  CHECK(s.bad == 1);
  CHECK(s.late == 0);
  CHECK(s.peak_memory > 0);
  REQUIRE(s.rules.size() == 1);
  CHECK(s.rules[0].name == "BruteForce");
  CHECK(s.rules[0].matches == 1);
  // bob's failures make a partition; alice's one successful login cannot
  // start a match, so it makes none.
  CHECK(s.rules[0].peak_partitions == 1);
  CHECK(s.rules[0].peak_runs > 0);
  CHECK(cep::FormatStats(s) ==
        "events in 5, derived 1, bad 1, late 0, peak state " + std::to_string(s.peak_memory) +
            " bytes, memory sheds 0\nrule BruteForce: 1 matches, 0 timeouts, peak " +
            std::to_string(s.rules[0].peak_runs) + " runs / 1 partitions, shed 0 runs\n");
}

TEST_CASE("Engine: one RuleSet, one engine per thread") {
  cep::RuleSet rules = Compile();
  // 50 rounds of kLines' pattern, 100 s apart.
  std::vector<std::string> lines;
  const char* users[] = {"bob", "alice", "bob", "bob", "bob"};
  const bool success[] = {false, true, false, false, true};
  for (int round = 0; round < 50; ++round) {
    for (int i = 0; i < 5; ++i) {
      lines.push_back(R"({"type":"Login","time":)" + std::to_string(round * 100 + i) +
                      R"(,"user":")" + users[i] + R"(","ip":"10.0.0.)" + std::to_string(i) +
                      R"(","success":)" + (success[i] ? "true" : "false") + "}");
    }
  }
  constexpr int kThreads = 4;
  std::vector<std::vector<std::string>> out(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&rules, &lines, &out, t] {
      absl::StatusOr<cep::Engine> engine = cep::Engine::Create(rules);
      if (!engine.ok()) return;
      for (const std::string& l : lines) {
        if (!engine->PushJson(l).ok()) return;
      }
      if (!engine->Flush().ok()) return;
      cep::DerivedEvent d;
      while (engine->PollDerived(&d)) out[t].push_back(d.ToJson());
    });
  }
  for (std::thread& th : threads) th.join();
  CHECK(out[0].size() == 50);
  for (int t = 1; t < kThreads; ++t) CHECK(out[t] == out[0]);
}

}  // namespace
