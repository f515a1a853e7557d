// FOR TESTING ONLY. The naive reference for `from` rules: see
// reference_windows.h. Every window is found by testing the definition
// against each event and folded from its list of events; nothing is
// incremental and nothing is clever.
#include "tests/reference/reference_windows.h"

#include <algorithm>
#include <compare>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "compiler/ir/pattern_ir.h"
#include "compiler/ir/window_ir.h"
#include "compiler/util/strcat.h"
#include "runtime/expr_eval.h"

namespace cep::reference {
namespace {

using rt::Event;
using rt::Value;

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0))) --q;
  return q;
}

int64_t SaturatingAdd(int64_t a, int64_t b) {
  if (b > 0 && a > INT64_MAX - b) return INT64_MAX;
  return a + b;
}

// A completion point in processing order: a deadline before every event at
// `time` (kind 0), or an event (kind 1, by its sequence number).
struct Point {
  int64_t time = 0;
  int kind = 0;
  uint64_t seq = 0;
  auto operator<=>(const Point&) const = default;
};

// The programs of one `from` rule, loaded once.
struct LoadedRule {
  const ir::WindowRuleIR* ir = nullptr;
  std::optional<rt::LoadedProgram> pred;
  std::optional<rt::LoadedProgram> check;
  std::vector<rt::LoadedProgram> keys;
  std::optional<rt::LoadedProgram> having;
  std::vector<rt::LoadedProgram> emit;
  std::vector<rt::LoadedProgram> suppress;
};

// One window (or one event of a window-less rule) that passed `having`.
struct Candidate {
  Point point;
  uint32_t rule_index = 0;   // program order
  uint64_t first_seq = 0;    // the window's first event (or the event)
  const LoadedRule* rule = nullptr;
  const Event* row = nullptr;           // window-less rules
  std::vector<const Event*> events;     // windowed rules: the window's events
  const Event* key_event = nullptr;     // an event of the group, to read the keys
};

// The group's key values, read from one of its events.
std::vector<Value> KeyValues(const LoadedRule& rule, const Event* e) {
  const Event* vars[1] = {e};
  rt::EvalEnv env;
  env.current = e;
  env.vars = vars;
  std::vector<Value> values;
  for (const rt::LoadedProgram& k : rule.keys) values.push_back(k.Eval(env));
  return values;
}

class RuleReference {
 public:
  RuleReference(const LoadedRule& rule, std::vector<Candidate>& out) : rule_(rule), out_(out) {}

  void Run(const std::vector<const Event*>& events) {
    const ir::WindowRuleIR& ir = *rule_.ir;
    std::vector<const Event*> selected;
    for (const Event* e : events) {
      if (e->type == ir.type && Passes(e)) selected.push_back(e);
    }
    if (ir.window == ir::WindowKind::kNone) {
      for (const Event* e : selected) {
        Candidate c = Make({e->time, 1, e->seq}, e->seq);
        c.row = e;
        out_.push_back(std::move(c));
      }
      return;
    }
    // Groups by their rendered key values, each in processing order.
    std::map<std::string, std::vector<const Event*>> groups;
    for (const Event* e : selected) {
      std::string key;
      for (const Value& v : KeyValues(rule_, e)) key += RenderValue(v) + "\x1f";
      groups[key].push_back(e);
    }
    for (const auto& [key, group] : groups) {
      switch (ir.window) {
        case ir::WindowKind::kTumbling:
        case ir::WindowKind::kSliding:
          TimeWindows(group);
          break;
        case ir::WindowKind::kSession:
          Sessions(group);
          break;
        case ir::WindowKind::kCount:
          CountWindows(group);
          break;
        case ir::WindowKind::kNone:
          break;
      }
    }
  }

 private:
  bool Passes(const Event* e) const {
    const Event* vars[1] = {e};
    rt::EvalEnv env;
    env.current = e;
    env.vars = vars;
    if (rule_.pred && !rule_.pred->Test(env)) return false;
    if (rule_.check && !rule_.check->Test(env)) return false;
    return true;
  }

  Candidate Make(Point point, uint64_t first_seq) const {
    Candidate c;
    c.point = point;
    c.rule_index = rule_.ir->rule_index;
    c.first_seq = first_seq;
    c.rule = &rule_;
    return c;
  }

  // A window's events: emitted when `having` holds.
  void Window(Point point, std::vector<const Event*> events) {
    Candidate c = Make(point, events.front()->seq);
    c.key_event = events.front();
    c.events = std::move(events);
    if (rule_.having) {
      std::vector<Value> keys = KeyValues(rule_, c.key_event);
      rt::WindowAggregates aggs(c.events);
      const Event* vars[1] = {nullptr};
      rt::EvalEnv env;
      env.vars = vars;
      env.keys = keys.data();
      env.aggs = &aggs;
      if (!rule_.having->Test(env)) return;
    }
    out_.push_back(std::move(c));
  }

  // Every window [k*every, k*every + size) holding an event of the group.
  void TimeWindows(const std::vector<const Event*>& group) {
    const int64_t size = rule_.ir->size, every = rule_.ir->every;
    std::set<int64_t> starts;
    for (const Event* e : group) {
      for (int64_t k = FloorDiv(e->time, every);; --k) {
        int64_t start = k * every;
        if (start + size <= e->time) break;  // this window and every earlier one end before e
        if (start <= e->time) starts.insert(start);
      }
    }
    for (int64_t start : starts) {
      std::vector<const Event*> in;
      for (const Event* e : group) {
        if (e->time >= start && e->time < start + size) in.push_back(e);
      }
      int64_t end = start + size;
      Window({end, 0, 0}, std::move(in));
    }
  }

  // Split where the next event comes at or after last + gap.
  void Sessions(const std::vector<const Event*>& group) {
    const int64_t gap = rule_.ir->size;
    std::vector<const Event*> session;
    for (const Event* e : group) {
      if (!session.empty() && e->time >= SaturatingAdd(session.back()->time, gap)) {
        int64_t end = SaturatingAdd(session.back()->time, gap);
        Window({end, 0, 0}, std::move(session));
        session.clear();
      }
      session.push_back(e);
    }
    if (!session.empty()) {
      int64_t end = SaturatingAdd(session.back()->time, gap);
      Window({end, 0, 0}, std::move(session));
    }
  }

  // At every `every`-th event: the last min(size, seen) events.
  void CountWindows(const std::vector<const Event*>& group) {
    const int64_t size = rule_.ir->size, every = rule_.ir->every;
    for (size_t seen = 1; seen <= group.size(); ++seen) {
      if (static_cast<int64_t>(seen) % every != 0) continue;
      size_t from = static_cast<int64_t>(seen) > size ? seen - static_cast<size_t>(size) : 0;
      std::vector<const Event*> in(group.begin() + static_cast<std::ptrdiff_t>(from),
                                   group.begin() + static_cast<std::ptrdiff_t>(seen));
      const Event* last = group[seen - 1];
      Window({last->time, 1, last->seq}, std::move(in));
    }
  }

  const LoadedRule& rule_;
  std::vector<Candidate>& out_;
};

}  // namespace

RefOutput ReferenceWindowsForTestingOnly(const driver::FrontendResult& fr,
                                         const std::vector<const Event*>& events) {
  RefOutput out;
  if (!fr.checked_ok) {
    out.ok = false;
    out.error = "the program did not compile";
    return out;
  }
  const ir::ProgramIR& ir = fr.ir;
  if (!ir.rules.empty()) {
    out.ok = false;
    out.error = "pattern rules: not supported (see reference_matcher.h)";
    return out;
  }
  for (const ir::WindowRuleIR& w : ir.window_rules) {
    if (fr.checked.schema.type(w.type).derived) {
      out.ok = false;
      out.error = StrCat("rule '", w.name, "' reads derived events: not supported");
      return out;
    }
  }
  for (size_t i = 1; i < events.size(); ++i) {
    if (events[i]->time < events[i - 1]->time || events[i]->seq <= events[i - 1]->seq) {
      out.ok = false;
      out.error = "events are not in processing order";
      return out;
    }
  }

  // Held by pointer: candidates point at their LoadedRule.
  std::vector<std::unique_ptr<LoadedRule>> rules;
  for (const ir::WindowRuleIR& w : ir.window_rules) {
    auto r = std::make_unique<LoadedRule>();
    r->ir = &w;
    if (w.pred != UINT32_MAX) r->pred.emplace(&ir.predicates[w.pred].program);
    if (w.check) r->check.emplace(&*w.check);
    for (const expr::Program& k : w.keys) r->keys.emplace_back(&k);
    if (w.having) r->having.emplace(&*w.having);
    if (w.emit) {
      for (const expr::Program& v : w.emit->values) r->emit.emplace_back(&v);
    }
    if (w.suppress) {
      for (const expr::Program& k : w.suppress->keys) r->suppress.emplace_back(&k);
    }
    rules.push_back(std::move(r));
  }

  std::vector<Candidate> candidates;
  for (const auto& r : rules) RuleReference(*r, candidates).Run(events);
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) {
                     if (a.point != b.point) return a.point < b.point;
                     if (a.rule_index != b.rule_index) return a.rule_index < b.rule_index;
                     return a.first_seq < b.first_seq;
                   });

  // Per rule: key -> the time its silence ends.
  std::map<uint32_t, std::map<std::string, int64_t>> silenced;
  for (const Candidate& c : candidates) {
    const ir::WindowRuleIR& w = *c.rule->ir;
    const Event* vars[1] = {c.row};
    std::vector<Value> keys;
    std::optional<rt::WindowAggregates> aggs;
    rt::EvalEnv env;
    env.vars = vars;
    if (c.row != nullptr) {
      env.current = c.row;
    } else {
      keys = KeyValues(*c.rule, c.key_event);
      aggs.emplace(c.events);
      env.keys = keys.data();
      env.aggs = &*aggs;
    }
    const int64_t time = c.point.time;
    if (w.suppress) {
      std::string key;
      for (const rt::LoadedProgram& k : c.rule->suppress) key += RenderValue(k.Eval(env)) + "\x1f";
      auto& until = silenced[c.rule_index];
      auto it = until.find(key);
      if (it != until.end() && time < it->second) continue;
      until[key] = SaturatingAdd(time, w.suppress->duration_ns);
    }
    if (!w.emit) continue;
    RefResult r;
    r.rule = c.rule_index;
    r.time = time;
    if (c.row != nullptr && !w.alias.empty()) r.bindings.push_back({w.alias, {c.row->seq}});
    size_t nfields = fr.checked.schema.type(w.emit->type).fields.size();
    r.fields.assign(nfields > 0 ? nfields - 1 : 0, "null");
    for (size_t f = 0; f < w.emit->slots.size(); ++f) {
      r.fields[static_cast<size_t>(w.emit->slots[f]) - 1] = RenderValue(c.rule->emit[f].Eval(env));
    }
    out.results.push_back(std::move(r));
  }
  return out;
}

}  // namespace cep::reference
