// Embedding cep: compile rules, push events (typed, and as JSON), get the
// derived events by callback, flush, read the counters. docs/embedding.md
// walks through this file; tests/embed/ builds it against an installed
// package and checks its output (samples/embed/expected_output.txt).
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>

#include "cep/cep.h"

namespace {

constexpr char kRules[] = R"(
event Login { user: string, ip: string, success: bool }

rule BruteForce {
  pattern  fail: Login[!success]{3,} -> ok: Login[success]
  partition by user
  within   10m
  emit SuspiciousLogin { user = ok.user, attempts = count(fail), ips = distinct(fail.ip) }
}
)";

// Stops the program on an error (a real service would log and go on).
void Check(const absl::Status& status) {
  if (!status.ok()) {
    std::cerr << "error: " << status << "\n";
    std::exit(1);
  }
}
template <typename T>
T Must(absl::StatusOr<T> value) {
  Check(value.status());
  return *std::move(value);
}

void PrintDerived(const cep::DerivedEvent& d) {
  std::cout << d.rule() << " emitted " << d.type() << " at " << cep::FormatTime(d.time()) << ":";
  for (size_t i = 0; i < d.field_count(); ++i) {
    const cep::FieldValue& v = d.field(i);
    std::cout << " " << d.field_name(i) << "=";
    switch (v.type()) {
      case cep::FieldType::kString: std::cout << v.string_value(); break;
      case cep::FieldType::kInt: std::cout << v.int_value(); break;
      default: std::cout << "(" << cep::FieldTypeName(v.type()) << ")"; break;
    }
  }
  std::cout << "\n  matched:";
  for (const cep::MatchedEvents& m : d.matched()) {
    std::cout << " " << m.variable << "=[";
    for (size_t i = 0; i < m.seqs.size(); ++i) std::cout << (i > 0 ? "," : "") << m.seqs[i];
    std::cout << "]";
  }
  std::cout << "\n  as JSON: " << d.ToJson() << "\n";
}

}  // namespace

int main() {
  // A mistake in rule text comes back as diagnostics, worded as `cep check`
  // words them.
  cep::CompileOptions bad_options;
  bad_options.display_path = "typo.cep";
  cep::Diagnostics diagnostics;
  absl::StatusOr<cep::RuleSet> typo = cep::CompileRules(
      "event Login { user: string, success: bool }\n"
      "rule R { pattern a: Login[sucess] emit Seen { user = a.user } }\n",
      bad_options, &diagnostics);
  std::cout << "compiling typo.cep: " << typo.status().code() << "\n" << diagnostics.Text();
  for (const cep::CompileDiagnostic& d : diagnostics.entries()) {
    std::cout << "  [" << d.kind << "] at line " << d.line << ", column " << d.column << "\n";
  }

  cep::CompileOptions options;
  options.display_path = "logins.cep";
  cep::RuleSet rules = Must(cep::CompileRules(kRules, options));

  // One engine per thread. Events may arrive up to 5 s out of order.
  cep::EngineOptions engine_options;
  engine_options.max_delay_ns = 5 * cep::kNanosPerSecond;
  engine_options.on_derived = PrintDerived;
  engine_options.late_policy = cep::LatePolicy::kCallback;
  engine_options.on_late = [](const cep::LateEvent& e) {
    std::cout << "late, dropped: " << e.json << "\n";
  };
  cep::Engine engine = Must(cep::Engine::Create(rules, engine_options));

  // Resolve names once; the loop below only uses handles.
  cep::TypeHandle login = Must(rules.ResolveType("Login"));
  cep::FieldHandle user = Must(rules.ResolveField(login, "user"));
  cep::FieldHandle ip = Must(rules.ResolveField(login, "ip"));
  cep::FieldHandle success = Must(rules.ResolveField(login, "success"));

  struct Attempt {
    int second;
    const char* user;
    const char* ip;
    bool success;
  };
  const Attempt attempts[] = {
      {0, "bob", "10.0.0.7", false}, {3, "alice", "10.0.0.1", true}, {2, "bob", "10.0.0.8", false},
      {9, "bob", "10.0.0.8", false}, {12, "bob", "10.0.0.7", true},
  };
  const int64_t start = Must(cep::ParseTime("2024-06-01T09:00:00Z"));
  cep::EventBuilder event(rules);
  for (const Attempt& a : attempts) {
    Check(event.Start(login, start + a.second * cep::kNanosPerSecond));
    Check(event.SetString(user, a.user));
    Check(event.SetString(ip, a.ip));
    Check(event.SetBool(success, a.success));
    Check(engine.Push(event));
  }

  // Wrong types are errors at the call, not surprises later.
  std::cout << "SetInt(user, 42): " << event.SetInt(user, 42) << "\n";

  // JSON text goes through the same reader as `cep run`.
  Check(engine.PushJson(
      R"({"type":"Login","time":"2024-06-01T09:00:20Z","user":"eve","ip":"10.0.0.9","success":false})"));
  std::cout << "an undeclared type: "
            << engine.PushJson(R"({"type":"Logout","time":"2024-06-01T09:00:21Z"})") << "\n";
  // 09:00:01 is older than the watermark (09:00:20 - 5 s): late.
  Check(engine.PushJson(
      R"({"type":"Login","time":"2024-06-01T09:00:01Z","user":"bob","ip":"10.0.0.7","success":false})"));

  Check(engine.Flush());  // end of input
  std::cout << "after Flush: " << engine.PushJson("{}") << "\n";
  // The counters of `cep run --stats` (cep::FormatStats prints them as it does).
  cep::Stats stats = engine.stats();
  std::cout << "events in " << stats.events_in << ", derived " << stats.events_derived << ", late "
            << stats.late << ", of unknown types " << stats.unknown_type << "\n";
  for (const cep::RuleStats& r : stats.rules) {
    std::cout << "rule " << r.name << ": " << r.matches << " matches\n";
  }
  return 0;
}
