// See runner.h.
#include "ruletest/runner.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "compiler/diag/render.h"
#include "compiler/diag/suggest.h"
#include "compiler/driver/frontend.h"
#include "compiler/util/strcat.h"
#include "runtime/derived_json.h"
#include "runtime/edge_coverage.h"
#include "runtime/engine.h"
#include "runtime/io/json_writer.h"
#include "runtime/io/jsonl_reader.h"
#include "runtime/io/time_parse.h"
#include "runtime/reorder_buffer.h"
#include "ruletest/expect_match.h"
#include "ruletest/test_file.h"

namespace cep::ruletest {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(StrCat("cannot read ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int64_t Resolve(const TimeSpec& t, int64_t start, int64_t previous) {
  switch (t.kind) {
    case TimeSpec::Kind::kFromStart: return start + t.ns;
    case TimeSpec::Kind::kFromPrevious: return previous + t.ns;
    case TimeSpec::Kind::kAbsolute: return t.ns;
  }
  return t.ns;
}

// One test on a fresh engine.
class CaseRun {
 public:
  // `coverage`: counts the transitions the test takes (null: none).
  CaseRun(const TestFile& file, const TestCase& test, const driver::FrontendResult& program,
          rt::EdgeCoverage* coverage)
      : file_(file),
        test_(test),
        schema_(program.checked.schema),
        engine_(program.checked, program.nfa),
        at_reader_(schema_, AtOptions()),
        raw_reader_(schema_, rt::io::JsonLinesOptions()),
        reorder_(test.max_delay_ns),
        previous_(file.start_ns) {
    engine_.SetEdgeCoverage(coverage);
    engine_.SetOutput([this](const rt::DerivedEvent& d) {
      Derived x;
      rt::AppendDerivedJson(d, schema_, &x.json);
      size_t pos = 0;
      ParseJson(x.json, &pos, &x.value);
      x.rule = std::string(d.rule_name);
      x.type = schema_.type(d.event->type).name;
      ++result_.derived_by_rule[x.rule];
      got_.push_back(std::move(x));
    });
  }

  CaseResult Run() {
    auto t0 = Clock::now();
    result_.name = test_.name;
    result_.line = test_.line;
    Execute();
    result_.seconds = Seconds(t0);
    return std::move(result_);
  }

 private:
  static rt::io::JsonLinesOptions AtOptions() {
    rt::io::JsonLinesOptions o;
    o.time_fields = {"time"};  // `at` gives the time; a field `ts` is just a field
    return o;
  }

  // ---- outcomes ----
  void Error(int line, std::string message) {
    if (result_.outcome != CaseResult::Outcome::kPass) return;
    result_.outcome = CaseResult::Outcome::kError;
    result_.message = line > 0 ? StrCat(file_.path, ":", line, ": ", message) : message;
    result_.details = StrCat("  ", result_.message, "\n");
  }
  void Failure(std::string summary, std::string details) {
    if (result_.outcome == CaseResult::Outcome::kError) return;
    if (result_.outcome == CaseResult::Outcome::kPass) {
      result_.outcome = CaseResult::Outcome::kFail;
      result_.message = std::move(summary);
    }
    result_.details += details;
  }
  bool failed() const { return result_.outcome == CaseResult::Outcome::kError; }

  // ---- inputs ----
  bool Feed(rt::Event* e, const std::string& where) {
    if (!reorder_.Add(e)) {
      Error(0, StrCat(where, ": the event at ", rt::io::FormatRfc3339(e->time),
                      " is late: older than the watermark ", rt::io::FormatRfc3339(reorder_.watermark()),
                      " (the newest time seen minus max-delay); put the events in time order or "
                      "raise max-delay"));
      engine_.store().Release(e);
      return false;
    }
    reorder_.Release([this](rt::Event* x) { engine_.Push(x); });
    engine_.AdvanceTime(reorder_.watermark());
    return LimitsOk(where);
  }

  bool LimitsOk(const std::string& where) {
    if (engine_.status().ok()) return true;
    Error(0, StrCat(where, ": ", std::string(engine_.status().message())));
    return false;
  }

  // Parses one JSON Lines event and feeds it.
  bool Line(rt::io::JsonLinesReader& reader, std::string_view text, const std::string& where,
            int64_t* time) {
    rt::io::ParseResult p = reader.ParseLine(text, 0, builder_);
    switch (p.outcome) {
      case rt::io::LineOutcome::kEvent: break;
      case rt::io::LineOutcome::kBlank: return true;
      case rt::io::LineOutcome::kBad:
        Error(0, StrCat(where, ": ", p.error.message));
        return false;
      default: {
        std::vector<std::string_view> names;
        for (const check::EventTypeInfo& t : schema_.types()) {
          if (!t.derived) names.push_back(t.name);
        }
        Error(0, StrCat(where, ": the event's type is not an input event type of the rules",
                        names.empty() ? "" : StrCat(" (", names.size(), " declared)")));
        return false;
      }
    }
    rt::Event* e = builder_.Build(engine_.store());
    *time = e->time;
    return Feed(e, where);
  }

  bool Input(const Step& s) {
    std::string where = StrCat(file_.path, ":", s.line);
    if (ended_) {
      Error(s.line, "nothing can come after the end of input ('end', or the last expectations)");
      return false;
    }
    switch (s.kind) {
      case Step::Kind::kEvent: {
        if (s.fields.Find("time") != nullptr || s.fields.Find("type") != nullptr) {
          Error(s.line, "give the time after 'at' and the type before the fields, not as \"time\" or \"type\" keys");
          return false;
        }
        const check::EventTypeInfo* type = schema_.Find(s.type);
        if (type == nullptr || type->derived) {
          std::vector<std::string_view> names;
          for (const check::EventTypeInfo& t : schema_.types()) {
            if (!t.derived) names.push_back(t.name);
          }
          Error(s.line, StrCat("no input event type '", s.type, "' in the rules",
                               type != nullptr ? " (it is derived: rules emit it)" : "",
                               type == nullptr ? DidYouMean(s.type, names) : ""));
          return false;
        }
        int64_t t = Resolve(*s.time, file_.start_ns, previous_);
        std::string line = StrCat("{\"type\":");
        rt::io::AppendJsonString(s.type, &line);
        line += ",\"time\":\"" + rt::io::FormatRfc3339(t) + "\"";
        std::string fields = ToJson(s.fields);
        if (fields.size() > 2) line += StrCat(",", std::string_view(fields).substr(1));
        else line += "}";
        int64_t time = t;
        if (!Line(at_reader_, line, where, &time)) return false;
        previous_ = time;
        return true;
      }
      case Step::Kind::kRawEvent: {
        int64_t time = previous_;
        if (!Line(raw_reader_, s.raw, where, &time)) return false;
        previous_ = time;
        return true;
      }
      case Step::Kind::kEventsFile: {
        absl::StatusOr<std::string> text = ReadFile(s.path);
        if (!text.ok()) {
          Error(s.line, StrCat("cannot read events file '", s.written_path, "' (", s.path, ")"));
          return false;
        }
        std::istringstream in(*text);
        std::string line;
        int number = 0;
        while (std::getline(in, line)) {
          ++number;
          if (!line.empty() && line.back() == '\r') line.pop_back();
          int64_t time = previous_;
          if (!Line(raw_reader_, line, StrCat(s.path, ":", number), &time)) return false;
          if (time > previous_) previous_ = time;
        }
        return true;
      }
      case Step::Kind::kAdvance: {
        int64_t t = Resolve(*s.time, file_.start_ns, previous_);
        if (t < previous_) {
          Error(s.line, StrCat("'advance' goes back in time: ", rt::io::FormatRfc3339(t),
                               " is before the previous step (", rt::io::FormatRfc3339(previous_), ")"));
          return false;
        }
        reorder_.AdvanceTo(t);
        reorder_.Release([this](rt::Event* x) { engine_.Push(x); });
        engine_.AdvanceTime(reorder_.watermark());
        previous_ = t;
        return LimitsOk(where);
      }
      case Step::Kind::kEnd:
        End();
        return LimitsOk(where);
      default:
        return true;
    }
  }

  void End() {
    if (ended_) return;
    ended_ = true;
    reorder_.Flush([this](rt::Event* x) { engine_.Push(x); });
    engine_.Finish();
  }

  // ---- checkpoints ----
  static const std::string& Got(const Derived& d) { return d.json; }

  void Checkpoint(size_t begin, size_t end) {
    std::vector<const Step*> expects;
    int first_line = test_.steps[begin].line;
    bool nothing = false;
    for (size_t i = begin; i < end; ++i) {
      const Step& s = test_.steps[i];
      if (s.kind == Step::Kind::kExpectNothing) {
        nothing = true;
      } else {
        expects.push_back(&s);
      }
    }
    if (nothing && !expects.empty()) {
      Error(first_line, "'expect nothing' cannot share a checkpoint with other expectations");
      return;
    }
    std::vector<const Derived*> got;
    for (size_t i = claimed_; i < got_.size(); ++i) got.push_back(&got_[i]);
    claimed_ = got_.size();
    TimeContext times{file_.start_ns, previous_};
    std::string when = ended_ ? "by the end of input" : StrCat("before line ", first_line);
    int shown = 0;
    auto problem = [&](std::string summary, std::string details) {
      if (++shown > 5) return;
      Failure(std::move(summary), std::move(details));
    };
    auto mismatch = [&](const Step& x, const Derived& d, const std::string& diff) {
      problem(StrCat(file_.path, ":", x.line, ": expected ", x.type, ": ", diff),
              StrCat("  expected (line ", x.line, "): ", DescribeExpectation(x), "\n",
                     "  got:                ", Got(d), "\n",
                     "  first difference:   ", diff, " (rule ", d.rule, ")\n"));
    };
    auto missing = [&](const Step& x, const Derived* closest, const std::string& diff) {
      std::string details = StrCat("  expected (line ", x.line, "): ", DescribeExpectation(x), "\n",
                                   "  got:                nothing matching was derived ", when, "\n");
      if (closest != nullptr) {
        details += StrCat("  closest:            ", Got(*closest), "\n",
                          "  first difference:   ", diff, " (rule ", closest->rule, ")\n");
      }
      problem(StrCat(file_.path, ":", x.line, ": expected ", x.type, ", got nothing matching ", when),
              details);
    };
    auto unexpected = [&](const Derived& d) {
      problem(StrCat(file_.path, ":", first_line, ": unexpected ", d.type, " from rule ", d.rule),
              StrCat("  unexpected:         ", Got(d), "\n",
                     "  derived by rule ", d.rule, " ", when,
                     ", and the expectations there do not list it\n"));
    };

    if (!test_.any_order) {
      size_t n = std::max(expects.size(), got.size());
      for (size_t k = 0; k < n; ++k) {
        if (k < expects.size() && k < got.size()) {
          std::string diff = FirstDifference(*expects[k], *got[k], schema_, times);
          if (!diff.empty()) mismatch(*expects[k], *got[k], diff);
        } else if (k < expects.size()) {
          missing(*expects[k], nullptr, "");
        } else {
          unexpected(*got[k]);
        }
      }
    } else {
      std::vector<bool> used(got.size(), false);
      std::vector<const Step*> unmet;
      for (const Step* x : expects) {
        bool found = false;
        for (size_t g = 0; g < got.size() && !found; ++g) {
          if (!used[g] && FirstDifference(*x, *got[g], schema_, times).empty()) {
            used[g] = found = true;
          }
        }
        if (!found) unmet.push_back(x);
      }
      for (const Step* x : unmet) {
        const Derived* closest = nullptr;
        int best = 1 << 30;
        for (size_t g = 0; g < got.size(); ++g) {
          if (used[g]) continue;
          int d = Distance(*x, *got[g], schema_, times);
          if (d < best) {
            best = d;
            closest = got[g];
          }
        }
        missing(*x, closest, closest == nullptr ? "" : FirstDifference(*x, *closest, schema_, times));
      }
      for (size_t g = 0; g < got.size(); ++g) {
        if (!used[g]) unexpected(*got[g]);
      }
    }
    if (shown > 5) {
      result_.details += StrCat("  ... and ", shown - 5, " more differences at this checkpoint\n");
    }
  }

  void Execute() {
    for (const Step& s : test_.steps) {
      if (std::optional<std::string> problem = CheckExpectation(s, schema_)) {
        Error(s.line, *problem);
        return;
      }
    }
    const std::vector<Step>& steps = test_.steps;
    size_t i = 0;
    while (i < steps.size() && !failed()) {
      if (!steps[i].is_expectation()) {
        Input(steps[i]);
        ++i;
        continue;
      }
      size_t j = i;
      while (j < steps.size() && steps[j].is_expectation()) ++j;
      if (j == steps.size()) End();  // the last checkpoint sees the end of input
      Checkpoint(i, j);
      i = j;
    }
    if (failed()) return;
    End();
    if (claimed_ < got_.size()) {
      for (size_t g = claimed_; g < got_.size(); ++g) {
        Failure(StrCat(file_.path, ":", test_.line, ": unexpected ", got_[g].type, " from rule ",
                       got_[g].rule, " after the last expectations"),
                StrCat("  unexpected:         ", Got(got_[g]), "\n",
                       "  derived by rule ", got_[g].rule,
                       " after the last expectations (expectations check what the steps before "
                       "them derived)\n"));
      }
    }
  }

  const TestFile& file_;
  const TestCase& test_;
  const check::Schema& schema_;
  rt::Engine engine_;
  rt::io::JsonLinesReader at_reader_;
  rt::io::JsonLinesReader raw_reader_;
  rt::EventBuilder builder_;
  rt::ReorderBuffer reorder_;
  int64_t previous_;
  bool ended_ = false;
  size_t claimed_ = 0;
  std::vector<Derived> got_;
  CaseResult result_;
};

}  // namespace

int FileResult::passed() const {
  return static_cast<int>(std::count_if(cases.begin(), cases.end(), [](const CaseResult& c) {
    return c.outcome == CaseResult::Outcome::kPass;
  }));
}
int FileResult::failed() const {
  return static_cast<int>(std::count_if(cases.begin(), cases.end(), [](const CaseResult& c) {
    return c.outcome == CaseResult::Outcome::kFail;
  }));
}
int FileResult::errors() const {
  return static_cast<int>(std::count_if(cases.begin(), cases.end(), [](const CaseResult& c) {
    return c.outcome == CaseResult::Outcome::kError;
  }));
}

FileResult RunTestFile(const std::string& path, const RunOptions& options) {
  auto t0 = Clock::now();
  FileResult result;
  result.path = path;
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) {
    result.error = std::string(text.status().message());
    return result;
  }
  TestFile file;
  std::vector<std::string> errors;
  ParseTestFile(*text, path, &file, &errors);
  if (!errors.empty()) {
    for (const std::string& e : errors) result.error += e + "\n";
    return result;
  }

  SourceManager sources;
  DiagnosticEngine diags;
  auto compiled = driver::CompileFiles(file.rules, sources, diags);
  if (!compiled.ok()) {
    result.error = StrCat(path, ": the rules: ", std::string(compiled.status().message()), "\n");
    return result;
  }
  const driver::FrontendResult& program = **compiled;
  if (!program.compiled_ok) {
    std::ostringstream rendered;
    RenderDiagnostics(sources, diags, DiagFormat::kText, RenderOptions(), rendered);
    result.error = StrCat(path, ": the rules do not compile:\n", rendered.str());
    return result;
  }

  std::optional<rt::EdgeCoverage> recorder;
  if (options.coverage != nullptr) recorder.emplace();
  std::map<std::string, uint64_t> derived_by_rule;
  for (const TestCase& test : file.tests) {
    if (!options.filter.empty() && test.name.find(options.filter) == std::string::npos) continue;
    result.cases.push_back(CaseRun(file, test, program, recorder ? &*recorder : nullptr).Run());
    for (const auto& [rule, n] : result.cases.back().derived_by_rule) derived_by_rule[rule] += n;
  }
  if (options.coverage != nullptr) {
    // One spelling per file, however it was reached (a path given on the
    // command line, an import through "../"), so that tests loading the
    // same rules from several places add up.
    auto file_of = [&](uint32_t rule_index) {
      const check::CheckedRule& cr = program.checked.rules[rule_index];
      FileId f = program.program.modules[cr.module].file;
      namespace fs = std::filesystem;
      std::error_code ec;
      fs::path p = fs::absolute(fs::path(std::string(sources.path(f))), ec).lexically_normal();
      fs::path rel = p.lexically_proximate(fs::current_path(ec));
      return (rel.empty() || *rel.begin() == "..") ? p.string() : rel.string();
    };
    for (size_t i = 0; i < program.nfa.rules.size(); ++i) {
      const ir::RuleIR& ir = *program.nfa.rules[i].ir;
      options.coverage->Add(file_of(ir.rule_index), program.nfa, i, program.checked.schema,
                            recorder->Counters(program.nfa.rules[i]));
    }
    for (uint32_t k = 0; k < program.checked.rules.size(); ++k) {
      const check::CheckedRule& cr = program.checked.rules[k];
      if (!cr.is_pattern && cr.rule != nullptr) {
        auto it = derived_by_rule.find(cr.rule->name.text);
        options.coverage->AddWindowed(file_of(k), cr.rule->name.text,
                                      it == derived_by_rule.end() ? 0 : it->second);
      }
    }
  }
  result.seconds = Seconds(t0);
  return result;
}

absl::StatusOr<std::vector<std::string>> FindTestFiles(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) return absl::NotFoundError(StrCat("no such file or directory: ", p));
    if (!fs::is_directory(st)) {
      out.push_back(p);
      continue;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".cept") {
        found.push_back(it->path().lexically_normal().string());
      }
    }
    if (ec) return absl::PermissionDeniedError(StrCat("cannot read directory ", p, ": ", ec.message()));
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace cep::ruletest
