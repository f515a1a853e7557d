// FOR TESTING ONLY. Differential test of the engine's `from` rules
// (runtime/window_matcher.h, runtime/suppressor.h) against the naive
// reference window computation (tests/reference/reference_windows.h).
//
// Each case is a random program of one to three `from` rules
// (window_rule_gen.h) over a random stream (window_stream_gen.h), fixed
// seeds. Per case:
//   1. the engine over the stream in order (Push, Finish) must equal the
//      reference: same outputs in the same order, with the same rule, time,
//      bindings and fields — floats within a relative 1e-9 (the engine
//      merges float sums pane by pane: stddev / avg may differ in the last
//      bits), everything else exactly;
//   2. the same stream shuffled out of order within an allowed lateness and
//      run through runtime/reorder_buffer.h as `cep run` does (Add, Release,
//      AdvanceTime(watermark); at the end Flush, Finish) must give exactly
//      the in-order result (ties keep their input order); no event is late;
//   3. after Finish the engine holds no state: no group (when no rule has a
//      count window: a count window's group keeps its position in the count
//      by design) and no live event; and an engine destroyed halfway through
//      the stream, without Finish, frees its windows (for the sanitizers).
// A mismatch prints the program, the stream (also as JSON Lines for
// `cep run`, and in arrival order with the --max-delay for a reorder
// mismatch), both outputs, and a reproduction minimized by dropping rules,
// then events. Prints "N passed, M failed"; exits 1 on any failure.
//
// Usage: cep_window_differential [flags]
//   --cases=N        random cases (also CEP_WINDOW_DIFF_CASES=N; default
//                    20000, 3000 under sanitizers)
//   --seed=S         another set of programs and streams
//   --known-bugs     run the reproductions of open known bugs (kKnownBugs)
//                    as failing cases and keep their features in the
//                    generator (by default they are skipped: see below)
//   --without=F,...  leave generator features out by hand (window_rule_gen.h)
//   --print=N        print up to N mismatches (default 5)
//   --verbose        print every generated program the front end rejects
//   --rules-file=F --stream='E:p:1:3:0.5:-:u:1@1500 F:q:2@2000' [--max-delay=MS]
//                    run one case: the rules of file F (appended to the
//                    declarations, see window_stream_gen.cc) over the stream,
//                    in order and, with --max-delay, shuffled within it.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/diag/render.h"
#include "compiler/driver/frontend.h"
#include "compiler/source/source_manager.h"
#include "compiler/util/strcat.h"
#include "runtime/engine.h"
#include "runtime/reorder_buffer.h"
#include "tests/differential/window_rule_gen.h"
#include "tests/differential/window_stream_gen.h"
#include "tests/reference/reference_windows.h"

#if defined(__SANITIZE_ADDRESS__)
#define CEP_WDIFF_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CEP_WDIFF_SANITIZED 1
#endif
#endif

namespace cep::windiff {
namespace {

using reference::RefResult;

struct Compiled {
  std::unique_ptr<SourceManager> sources = std::make_unique<SourceManager>();
  std::unique_ptr<DiagnosticEngine> diags = std::make_unique<DiagnosticEngine>();
  std::unique_ptr<driver::FrontendResult> fr;
  std::string diagnostics;
  bool has_count = false;  // some rule has a count window
};

Compiled Compile(const std::string& text) {
  Compiled c;
  c.fr = driver::CompileText("gen.cep", text, *c.sources, *c.diags);
  if (c.diags->has_errors()) {
    std::ostringstream out;
    RenderDiagnostics(*c.sources, *c.diags, DiagFormat::kText, RenderOptions{}, out);
    c.diagnostics = out.str();
  }
  if (c.fr->compiled_ok) {
    for (const ir::WindowRuleIR& w : c.fr->ir.window_rules) {
      c.has_count = c.has_count || w.window == ir::WindowKind::kCount;
    }
  }
  return c;
}

// One run of the engine: its outputs, and what went wrong besides them
// (state left after Finish, a late event, a failed status).
struct EngineRun {
  std::vector<RefResult> results;
  std::string problem;
};

// `order` empty: in order (Push, Finish); else the arrival order (indexes
// into s) through a reorder buffer with `max_delay_ms`. `abandon_after` >= 0:
// in order, the engine is destroyed after that many events without Finish
// (its cleanup of live windows, for the sanitizers).
EngineRun RunEngine(const Compiled& c, const WStream& s, const std::vector<size_t>& order,
                    int64_t max_delay_ms, int64_t abandon_after = -1) {
  const driver::FrontendResult& fr = *c.fr;
  EngineRun run;
  rt::Engine engine(fr.checked, fr.nfa);
  engine.SetOutput([&](const rt::DerivedEvent& d) {
    RefResult r;
    r.rule = d.rule;
    r.time = d.event->time;
    r.timeout = d.timeout;
    for (const rt::DerivedEvent::Binding& b : d.bindings) {
      r.bindings.push_back({std::string(b.var), b.seqs});
    }
    for (int slot = 1; slot < d.event->nfields; ++slot) {
      r.fields.push_back(reference::RenderValue(d.event->field(slot)));
    }
    run.results.push_back(std::move(r));
  });
  std::vector<rt::Event*> events = BuildWindowEvents(s, fr.checked.schema, engine.store());
  if (abandon_after >= 0) {
    for (size_t i = 0; i < events.size(); ++i) {
      if (static_cast<int64_t>(i) < abandon_after) {
        engine.Push(events[i]);
      } else {
        engine.store().Release(events[i]);
      }
    }
    return run;
  }
  if (order.empty()) {
    for (rt::Event* e : events) engine.Push(e);
  } else {
    rt::ReorderBuffer reorder(max_delay_ms * 1000000);
    auto push = [&engine](rt::Event* e) { engine.Push(e); };
    for (size_t i : order) {
      if (!reorder.Add(events[i])) {
        run.problem += StrCat("event ", i + 1, " is late (generator bug); ");
        engine.store().Release(events[i]);
        continue;
      }
      reorder.Release(push);
      engine.AdvanceTime(reorder.watermark());
    }
    reorder.Flush(push);
  }
  engine.Finish();
  if (!engine.status().ok()) {
    run.problem += "engine status: " + std::string(engine.status().message()) + "; ";
  }
  if (!c.has_count && engine.live_groups() != 0) {
    run.problem += StrCat(engine.live_groups(), " live groups after Finish; ");
  }
  if (!c.has_count && engine.store().live_events() != 0) {
    run.problem += StrCat(engine.store().live_events(), " live events after Finish; ");
  }
  return run;
}

reference::RefOutput RunReference(const Compiled& c, const WStream& s) {
  rt::EventStore store;
  std::vector<rt::Event*> events = BuildWindowEvents(s, c.fr->checked.schema, store);
  uint64_t seq = 1;
  for (rt::Event* e : events) e->seq = seq++;
  std::vector<const rt::Event*> view(events.begin(), events.end());
  reference::RefOutput out = reference::ReferenceWindowsForTestingOnly(*c.fr, view);
  for (rt::Event* e : events) store.Release(e);
  return out;
}

// Fields equal; floats ("f:...") within a relative 1e-9.
bool SameField(const std::string& a, const std::string& b) {
  if (a == b) return true;
  if (a.rfind("f:", 0) != 0 || b.rfind("f:", 0) != 0) return false;
  double x = std::strtod(a.c_str() + 2, nullptr), y = std::strtod(b.c_str() + 2, nullptr);
  if (std::isnan(x) || std::isnan(y)) return std::isnan(x) && std::isnan(y);
  return std::fabs(x - y) <= 1e-9 * std::max(std::fabs(x), std::fabs(y));
}

bool SameResults(const std::vector<RefResult>& a, const std::vector<RefResult>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].rule != b[i].rule || a[i].time != b[i].time || a[i].timeout != b[i].timeout ||
        a[i].bindings != b[i].bindings || a[i].fields.size() != b[i].fields.size()) {
      return false;
    }
    for (size_t f = 0; f < a[i].fields.size(); ++f) {
      if (!SameField(a[i].fields[f], b[i].fields[f])) return false;
    }
  }
  return true;
}

std::string FormatResults(const std::vector<RefResult>& results) {
  std::string out;
  for (const RefResult& r : results) out += "    " + reference::FormatResult(r) + "\n";
  return out.empty() ? "    (nothing)\n" : out;
}

// One case: a program, a stream, and the arrival order of its shuffled run.
struct Case {
  std::vector<GenRuleInfo> rules;
  WStream stream;
  std::vector<size_t> order;  // arrival order (indexes into stream)
  int64_t max_delay_ms = 0;
};

enum class Verdict { kPass, kUnsupported, kRejected, kReference, kReorder, kState };

const char* VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kPass: return "pass";
    case Verdict::kUnsupported: return "unsupported";
    case Verdict::kRejected: return "rejected";
    case Verdict::kReference: return "engine != reference";
    case Verdict::kReorder: return "out-of-order run != in-order run";
    case Verdict::kState: return "state left after Finish";
  }
  return "?";
}

struct Outcome {
  Verdict verdict = Verdict::kPass;
  reference::RefOutput ref;
  EngineRun in_order;
  EngineRun shuffled;
};

Outcome Evaluate(const Compiled& c, const Case& k) {
  Outcome o;
  if (!c.fr->compiled_ok) {
    o.verdict = Verdict::kRejected;
    return o;
  }
  // Pattern rules or rules reading derived events: no reference; in order
  // vs out of order only.
  bool chained = !c.fr->ir.rules.empty();
  for (const ir::WindowRuleIR& w : c.fr->ir.window_rules) {
    chained = chained || c.fr->checked.schema.type(w.type).derived;
  }
  if (!chained) {
    o.ref = RunReference(c, k.stream);
    if (!o.ref.ok) {
      o.verdict = Verdict::kUnsupported;
      return o;
    }
  }
  o.in_order = RunEngine(c, k.stream, {}, 0);
  if (!chained && !SameResults(o.ref.results, o.in_order.results)) {
    o.verdict = Verdict::kReference;
    return o;
  }
  if (!o.in_order.problem.empty()) {
    o.verdict = Verdict::kState;
    return o;
  }
  if (!k.stream.empty()) {
    o.shuffled = RunEngine(c, k.stream, k.order, k.max_delay_ms);
    // The same events in the same processing order: bit-identical.
    if (o.shuffled.results != o.in_order.results) {
      o.verdict = Verdict::kReorder;
      return o;
    }
    if (!o.shuffled.problem.empty()) o.verdict = Verdict::kState;
    // Destroyed with live windows: nothing to compare, but the sanitizers
    // check the cleanup.
    RunEngine(c, k.stream, {}, 0, static_cast<int64_t>(k.stream.size() / 2));
  }
  return o;
}

Verdict Check(const Case& k) {
  Compiled c = Compile(WindowProgram(k.rules));
  return Evaluate(c, k).verdict;
}

Case WithoutEvent(const Case& k, size_t i) {
  Case t = k;
  t.stream.erase(t.stream.begin() + static_cast<std::ptrdiff_t>(i));
  std::vector<size_t> order;
  for (size_t j : k.order) {
    if (j != i) order.push_back(j > i ? j - 1 : j);
  }
  t.order = std::move(order);
  return t;
}

// Drops rules, then events, while the case still fails the same way.
Case Minimize(Case k, Verdict verdict) {
  bool changed = true;
  while (changed && k.rules.size() > 1) {
    changed = false;
    for (size_t r = 0; r < k.rules.size(); ++r) {
      Case t = k;
      t.rules.erase(t.rules.begin() + static_cast<std::ptrdiff_t>(r));
      if (Check(t) == verdict) {
        k = std::move(t);
        changed = true;
        break;
      }
    }
  }
  Compiled c = Compile(WindowProgram(k.rules));
  changed = true;
  while (changed) {
    changed = false;
    for (size_t i = 0; i < k.stream.size(); ++i) {
      Case t = WithoutEvent(k, i);
      if (Evaluate(c, t).verdict == verdict) {
        k = std::move(t);
        changed = true;
        break;
      }
    }
  }
  return k;
}

void PrintCase(const Case& k, const Outcome& o) {
  std::cout << WindowProgram(k.rules) << "stream: " << FormatWindowStream(k.stream) << "\n";
  switch (o.verdict) {
    case Verdict::kReference:
      std::cout << "  reference (expected):\n"
                << FormatResults(o.ref.results) << "  engine (got):\n"
                << FormatResults(o.in_order.results);
      break;
    case Verdict::kReorder:
      std::cout << "  in order:\n"
                << FormatResults(o.in_order.results) << "  out of order, --max-delay "
                << k.max_delay_ms << "ms:\n"
                << FormatResults(o.shuffled.results);
      break;
    case Verdict::kState:
      std::cout << "  in order: " << o.in_order.problem << "\n  out of order: " << o.shuffled.problem
                << "\n";
      break;
    default:
      break;
  }
  std::cout << "  as JSON Lines (cep run rules.cep --input events.jsonl):\n"
            << WindowStreamJsonl(k.stream);
  if (o.verdict == Verdict::kReorder) {
    std::cout << "  in arrival order (--max-delay " << k.max_delay_ms << "ms):\n"
              << WindowStreamJsonl(k.stream, k.order);
  }
}

struct Stats {
  uint64_t passed = 0, failed = 0, rejected = 0, unsupported = 0;
  uint64_t programs = 0, nonempty = 0, outputs = 0, shuffled = 0;
  std::map<std::string, uint64_t> rules_by_window;
  uint64_t grouped = 0, having = 0, suppress = 0, chained = 0, rules = 0;
  int printed = 0, max_printed = 5;
  bool verbose = false;
};

void ReportFailure(Stats& st, const Case& k, const Outcome& o) {
  ++st.failed;
  if (st.printed >= st.max_printed) return;
  ++st.printed;
  std::cout << "==== MISMATCH: " << VerdictName(o.verdict) << " ====\n";
  PrintCase(k, o);
  Case small = Minimize(k, o.verdict);
  std::cout << "  -- minimized --\n";
  Compiled c = Compile(WindowProgram(small.rules));
  PrintCase(small, Evaluate(c, small));
  std::cout << "\n";
}

void RunCase(Stats& st, const Compiled& c, const Case& k) {
  Outcome o = Evaluate(c, k);
  switch (o.verdict) {
    case Verdict::kPass:
      ++st.passed;
      st.outputs += o.in_order.results.size();
      if (!o.in_order.results.empty()) ++st.nonempty;
      if (!k.stream.empty()) ++st.shuffled;
      return;
    case Verdict::kUnsupported:
      ++st.unsupported;
      ++st.failed;  // every generated program is one the reference supports
      std::cout << "reference: " << o.ref.error << "\n";
      return;
    default:
      ReportFailure(st, k, o);
      return;
  }
}

// Engine bugs found by this test, each with a minimal reproduction. An open
// one (not fixed yet) is not run by default — the generator leaves out its
// features; running it could corrupt memory — and --known-bugs runs it, with
// the full generator; a fixed one (open = false) stays as a regression case
// that every run checks.
struct KnownBug {
  const char* id;
  bool open;
  const char* features;  // comma-separated WindowGenOptions features
  const char* summary;
  const char* rules;     // rule text (after the declarations)
  const char* stream;    // FormatWindowStream syntax
  int64_t max_delay_ms;  // < 0: in order only
};
const std::vector<KnownBug> kKnownBugs = {
    {"suppress-session-batch-order", false, "suppress_time_windows",
     "sessions of several groups closing at one instant are suppressed in timer (group slot) "
     "order, not in output order (first event): a later output passes, the first is dropped",
     "rule R0 {\n  from E\n  window session gap 10s\n  group by a\n  emit O0 { k = a, c = count() "
     "}\n  suppress for 15s\n}\n",
     "E:r:-:0:0.0:-:-:0@0 E:q:-:0:0.0:-:-:0@0 E:p:-:0:0.0:-:-:0@20000 E:q:-:0:0.0:-:-:0@20000", -1},
    {"suppress-sliding-batch-order", false, "suppress_time_windows",
     "overlapping sliding windows of several groups ending at one instant are suppressed in group "
     "creation order, not in output order (first event of the window)",
     "rule R0 {\n  from E\n  window sliding 20s every 10s\n  group by a\n  emit O0 { k = a, c = "
     "count() }\n  suppress for 5s\n}\n",
     "E:q:-:0:0.0:-:-:0@1000 E:p:-:0:0.0:-:-:0@2000 E:p:-:0:0.0:-:-:0@11000 E:q:-:0:0.0:-:-:0@12000",
     -1},
    {"window-output-feedback-order", false, "chains",
     "a window's output (time = window end = timer deadline + 1) is not drained with its timer "
     "batch: rules reading it see it after the input event that closed the window (O1 after O2 "
     "at 50s, and d = [3] instead of [2]); with a reorder buffer the watermark drains it first, "
     "so the result depends on --max-delay",
     "rule R0 {\n  from E\n  window tumbling 10s\n  emit O0 { c = count() }\n}\n"
     "rule R1 {\n  from O0 as d\n  emit O1 { c = d.c }\n}\n"
     "rule R2 {\n  from E as e\n  emit O2 { n = e.n }\n}\n",
     "E:p:-:1:0.0:-:-:0@1000 E:p:-:2:0.0:-:-:0@50000", 10000},
    {"window-output-feedback-lost-at-end", false, "chains",
     "at Finish, a window output fed to a windowed rule is processed after the timers ran: the "
     "downstream window is never emitted (O1 at 20s is lost) and its group stays live",
     "rule R0 {\n  from E\n  window tumbling 10s\n  emit O0 { c = count() }\n}\n"
     "rule R1 {\n  from O0\n  window tumbling 10s\n  emit O1 { c = count() }\n}\n",
     "E:p:-:1:0.0:-:-:0@1000", -1},
    {"rule-stats-use-after-free", false, "pattern_chains",
     "a program with pattern rules and `from` rules: Engine::Engine resizes stats_.rules for the "
     "`from` rules after the RuleMatchers took pointers into it (engine.cc: the second "
     "stats_.rules.resize): heap-use-after-free on every partition created (ASan build; a "
     "Release build silently corrupts the heap)",
     "rule R0 {\n  from E\n  emit O0 { n = n }\n}\n"
     "rule R1 {\n  pattern e: E\n  emit O1 { n = e.n }\n}\n",
     "E:p:-:1:0.0:-:-:0@0", -1},
};

std::vector<std::string> SplitFeatures(const char* features) {
  std::vector<std::string> out;
  std::stringstream in(features);
  std::string f;
  while (std::getline(in, f, ',')) {
    if (!f.empty()) out.push_back(f);
  }
  return out;
}

// Runs the known bugs' reproductions: the failures that count, and the
// features to leave out of the generator.
uint64_t CheckKnownBugs(bool run_open, WindowGenOptions& options) {
  uint64_t failures = 0;
  for (const KnownBug& bug : kKnownBugs) {
    if (bug.open && !run_open) {
      std::cout << "KNOWN-BUG " << bug.id << " (open, skipped; --known-bugs runs it): "
                << bug.summary << "\n";
      for (const std::string& f : SplitFeatures(bug.features)) options.disabled.insert(f);
      continue;
    }
    Case k;
    k.rules.push_back({bug.rules, "", false, false, false, false});
    std::string error;
    if (!ParseWindowStream(bug.stream, &k.stream, &error)) {
      std::cout << "KNOWN-BUG " << bug.id << ": " << error << "\n";
      ++failures;
      continue;
    }
    k.max_delay_ms = std::max<int64_t>(0, bug.max_delay_ms);
    if (bug.max_delay_ms >= 0) {
      k.order = ShuffleWithinDelay(k.stream, k.max_delay_ms, 1);
    }
    Compiled c = Compile(WindowProgram(k.rules));
    Outcome o = Evaluate(c, k);
    bool reproduces = o.verdict != Verdict::kPass;
    if (!reproduces) {
      std::cout << (bug.open ? "KNOWN-BUG " : "regression ") << bug.id
                << (bug.open ? ": no longer reproduces (fixed? set open = false)\n" : ": ok\n");
      continue;
    }
    ++failures;
    std::cout << "==== " << (bug.open ? "KNOWN-BUG " : "REGRESSION ") << bug.id << ": "
              << bug.summary << " (" << VerdictName(o.verdict) << ") ====\n";
    PrintCase(k, o);
  }
  return failures;
}

void RunRandom(Stats& st, uint64_t cases, uint64_t seed, const WindowGenOptions& options) {
  constexpr int kStreamsPerProgram = 6;
  constexpr int kMaxStreamLength = 32;
  static const int64_t kDelays[] = {0, 500, 1000, 3000, 10000};
  uint64_t done = 0;
  for (uint64_t p = 0; done < cases; ++p) {
    uint64_t program_seed = seed * 1000003 + p;
    Case k;
    k.rules = GenerateWindowRules(program_seed, options);
    std::string program = WindowProgram(k.rules);
    Compiled c = Compile(program);
    if (!c.fr->compiled_ok) {
      ++st.rejected;
      ++st.failed;  // a generator bug: every generated rule must be valid
      if (st.verbose || st.rejected <= 3) {
        std::cout << "generated program rejected:\n" << program << c.diagnostics << "\n";
      }
      if (st.rejected > cases) break;
      continue;
    }
    ++st.programs;
    for (const GenRuleInfo& r : k.rules) {
      ++st.rules;
      ++st.rules_by_window[r.window];
      st.grouped += r.grouped;
      st.having += r.having;
      st.suppress += r.suppress;
      st.chained += r.chained;
    }
    for (int i = 0; i < kStreamsPerProgram && done < cases; ++i, ++done) {
      uint64_t stream_seed = program_seed * 31 + static_cast<uint64_t>(i);
      k.stream = RandomWindowStream(stream_seed, kMaxStreamLength);
      k.max_delay_ms = kDelays[stream_seed % 5];
      k.order = ShuffleWithinDelay(k.stream, k.max_delay_ms, stream_seed ^ 0x5eed);
      RunCase(st, c, k);
    }
  }
}

int RunOne(const std::string& rules_file, const std::string& stream, int64_t max_delay_ms) {
  std::ifstream in(rules_file);
  if (!in) {
    std::cerr << "cannot read " << rules_file << "\n";
    return 2;
  }
  std::stringstream text;
  text << in.rdbuf();
  Case k;
  k.rules.push_back({text.str(), "", false, false, false, false});
  std::string error;
  if (!ParseWindowStream(stream, &k.stream, &error)) {
    std::cerr << error << "\n";
    return 2;
  }
  k.max_delay_ms = std::max<int64_t>(0, max_delay_ms);
  if (max_delay_ms >= 0) k.order = ShuffleWithinDelay(k.stream, k.max_delay_ms, 1);
  Compiled c = Compile(WindowProgram(k.rules));
  if (!c.fr->compiled_ok) {
    std::cout << c.diagnostics;
    return 2;
  }
  Outcome o = Evaluate(c, k);
  PrintCase(k, o);
  std::cout << "  reference:\n" << FormatResults(o.ref.results) << "  engine:\n"
            << FormatResults(o.in_order.results) << VerdictName(o.verdict) << "\n";
  return o.verdict == Verdict::kPass ? 0 : 1;
}

int Main(int argc, char** argv) {
#ifdef CEP_WDIFF_SANITIZED
  uint64_t cases = 3000;
#else
  uint64_t cases = 20000;
#endif
  if (const char* env = std::getenv("CEP_WINDOW_DIFF_CASES")) {
    cases = std::strtoull(env, nullptr, 10);
  }
  uint64_t seed = 1;
  bool known_bugs = false;
  std::string rules_file, stream;
  int64_t max_delay_ms = -1;
  std::set<std::string> without;
  Stats st;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--cases=", 0) == 0) {
      cases = std::strtoull(arg.c_str() + 8, nullptr, 10);
    } else if (arg.rfind("--seed=", 0) == 0) {
      seed = std::strtoull(arg.c_str() + 7, nullptr, 10);
    } else if (arg == "--known-bugs") {
      known_bugs = true;
    } else if (arg.rfind("--without=", 0) == 0) {
      for (const std::string& f : SplitFeatures(arg.c_str() + 10)) without.insert(f);
    } else if (arg.rfind("--print=", 0) == 0) {
      st.max_printed = std::atoi(arg.c_str() + 8);
    } else if (arg == "--verbose") {
      st.verbose = true;
    } else if (arg.rfind("--rules-file=", 0) == 0) {
      rules_file = arg.substr(13);
    } else if (arg.rfind("--stream=", 0) == 0) {
      stream = arg.substr(9);
    } else if (arg.rfind("--max-delay=", 0) == 0) {
      max_delay_ms = std::strtoll(arg.c_str() + 12, nullptr, 10);
    } else {
      std::cerr << "unknown flag " << arg
                << "; see the comment at the top of tests/differential/window_differential.cc\n";
      return 2;
    }
  }
  if (!rules_file.empty()) return RunOne(rules_file, stream, max_delay_ms);
  auto t0 = std::chrono::steady_clock::now();
  WindowGenOptions options;
  options.disabled = without;
  st.failed += CheckKnownBugs(known_bugs, options);
  RunRandom(st, cases, seed, options);
  auto t1 = std::chrono::steady_clock::now();
  std::cout << std::chrono::duration<double>(t1 - t0).count() << "s; " << st.programs
            << " programs, " << st.rules << " rules (windows:";
  for (const auto& [kind, n] : st.rules_by_window) std::cout << " " << kind << "=" << n;
  std::cout << "; " << st.grouped << " grouped, " << st.having << " with having, " << st.suppress
            << " with suppress, " << st.chained
            << " reading derived events); " << st.nonempty << " cases with outputs, " << st.outputs
            << " outputs compared; " << st.shuffled << " cases also run out of order; "
            << st.rejected << " generated programs rejected\n";
  if (st.failed > static_cast<uint64_t>(st.printed)) {
    std::cout << "(only the first " << st.printed << " mismatches are printed)\n";
  }
  std::cout << st.passed << " passed, " << st.failed << " failed\n";
  return st.failed == 0 ? 0 : 1;
}

}  // namespace
}  // namespace cep::windiff

int main(int argc, char** argv) { return cep::windiff::Main(argc, argv); }
