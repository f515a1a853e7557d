// See explain_window.h. The pane arithmetic mirrors runtime/window_matcher:
// events fold into panes of width gcd(size, every), so a window is
// size / width panes and a hop merges panes instead of recomputing.
#include "compiler/nfa/explain_window.h"

#include <algorithm>
#include <numeric>

#include "compiler/check/builtins.h"
#include "compiler/check/const_value.h"
#include "compiler/nfa/explain.h"
#include "compiler/util/strcat.h"

namespace cep::nfa {
namespace {

// The aggregate calls under `e`, as written, in order of first appearance.
void CollectAggregates(const ast::Expr* e, const SourceManager& sources,
                       std::vector<std::string>* texts, std::vector<check::BuiltinId>* ids) {
  if (e == nullptr) return;
  const auto builtins = check::Builtins();
  if (e->kind == ast::ExprKind::kCall && e->decl_index >= 0 &&
      static_cast<size_t>(e->decl_index) < builtins.size() &&
      builtins[e->decl_index].cls == check::BuiltinClass::kAggregate) {
    std::string text(sources.text(e->range));
    if (std::find(texts->begin(), texts->end(), text) == texts->end()) {
      texts->push_back(std::move(text));
      ids->push_back(builtins[e->decl_index].id);
    }
    return;  // an aggregate's argument holds no aggregate
  }
  for (const auto& a : e->args) CollectAggregates(a.get(), sources, texts, ids);
}

// What one aggregate keeps per pane (docs/language.md, "Aggregates").
const char* AggregateState(check::BuiltinId id) {
  switch (id) {
    case check::BuiltinId::kDistinct:
      return "exact up to 4096 values, then a 4.4 KB HyperLogLog";
    case check::BuiltinId::kPercentile:
      return "exact up to 4096 values, then a quantile sketch of at most 32 KiB";
    case check::BuiltinId::kFirst:
    case check::BuiltinId::kLast:
      return "keeps one event alive per pane";
    default:
      return "a few numbers";
  }
}

std::string Text(const SourceManager& sources, const ast::Expr* e) {
  return e == nullptr ? std::string() : std::string(sources.text(e->range));
}

std::string Count(int64_t n, const char* one, const char* many) {
  return StrCat(n, " ", n == 1 ? one : many);
}

// The window line and what a group holds, in words.
void DescribeWindow(const ir::WindowRuleIR& w, std::string* window, std::string* state) {
  const int64_t width = w.every > 0 ? std::gcd(w.size, w.every) : w.size;
  const int64_t panes = width > 0 ? w.size / width : 1;
  const bool time = w.window == ir::WindowKind::kTumbling || w.window == ir::WindowKind::kSliding;
  auto span = [&](int64_t v) {
    return time ? check::FormatDuration(v) : Count(v, "event", "events");
  };
  switch (w.window) {
    case ir::WindowKind::kNone:
      *window = "none: every event that passes the filter emits at once";
      *state = "none (nothing is kept between events)";
      return;
    case ir::WindowKind::kTumbling:
      *window = StrCat("tumbling ", span(w.size),
                       ", aligned to the epoch; a window closes when event time or the "
                       "watermark passes its end");
      *state = "one open window of aggregate states per group";
      return;
    case ir::WindowKind::kSliding:
      *window = StrCat("sliding ", span(w.size), " every ", span(w.every), ": panes of ",
                       span(width), ", ", Count(panes, "pane", "panes"),
                       " per window; each event folds into one pane and a window merges its "
                       "panes (a two-stack queue: O(1) merges per hop, amortised)");
      if (w.every > w.size) *window += "; events between windows are ignored";
      *state = StrCat("up to ", Count(panes + 1, "pane", "panes"),
                      " of aggregate states per group (the open one and the finished ones of "
                      "the current window)");
      return;
    case ir::WindowKind::kSession:
      *window = StrCat("session, gap ", check::FormatDuration(w.size),
                       ": a group's session closes when no event of it arrives for the gap");
      *state = "one open session of aggregate states per group, and its timer";
      return;
    case ir::WindowKind::kCount:
      // A count group's next window is always open, so the group is never
      // freed for being empty (runtime/window_matcher.h).
      if (w.every == w.size) {
        *window = StrCat("count ", w.size, ": a group emits once per ", w.size, " of its events");
        *state = "one window of aggregate states per group";
      } else {
        *window = StrCat("count ", w.size, " every ", w.every, ": a group emits once per ",
                         w.every, " of its events, over its last ", span(w.size),
                         ", in panes of ", span(width));
        *state = StrCat("up to ", Count(panes + 1, "pane", "panes"),
                        " of aggregate states per group");
      }
      *state += "; a group stays until --max-partitions evicts it";
      return;
  }
}

}  // namespace

std::string ExplainWindowRule(const Prog& prog, size_t index, const check::CheckedProgram& checked,
                              const SourceManager& sources,
                              const std::vector<std::string>& predicate_texts) {
  const ir::WindowRuleIR& w = prog.ir->window_rules[index];
  const check::Schema& schema = checked.schema;
  const ast::Rule* rule = w.rule_index < checked.rules.size() ? checked.rules[w.rule_index].rule
                                                              : nullptr;
  const std::string type = w.type < schema.size() ? schema.type(w.type).name : "?";
  std::string out = StrCat("rule ", w.name, ": from ", type,
                           w.alias.empty() ? "" : StrCat(" as ", w.alias), " (windowed; no automaton)\n");

  std::string window, state;
  DescribeWindow(w, &window, &state);
  out += StrCat("  window: ", window, "\n");

  if (w.pred == ir::kNoPred && !w.check) {
    out += "  filter: none (every event of the type)\n";
  } else {
    if (w.pred != ir::kNoPred) {
      const std::string text =
          w.pred < predicate_texts.size() && !predicate_texts[w.pred].empty() ? predicate_texts[w.pred] : "...";
      out += StrCat("  filter: pred#", w.pred, " ", type, "[", text, "]");
      std::vector<std::string> others;
      const std::vector<std::vector<std::string>> users = PredicateUsers(prog);
      for (const std::string& user : users[w.pred]) {
        if (user != w.name && std::find(others.begin(), others.end(), user) == others.end()) {
          others.push_back(user);
        }
      }
      if (others.empty()) {
        out += " (this rule only)\n";
      } else {
        out += " shared with";
        for (size_t i = 0; i < others.size(); ++i) out += StrCat(i ? ", " : " ", "rule ", others[i]);
        out += " (evaluated once per event for all)\n";
      }
    }
    if (w.check) out += "  filter: a part reads more than the event, checked per event by this rule\n";
  }

  if (rule != nullptr && !rule->group_by.empty()) {
    out += "  group by:";
    for (size_t i = 0; i < rule->group_by.size(); ++i) {
      out += StrCat(i ? "," : "", " ", Text(sources, rule->group_by[i].get()));
    }
    out += " (null is a group of its own)\n";
  } else {
    out += "  group by: none (one group)\n";
  }

  std::vector<std::string> aggs;
  std::vector<check::BuiltinId> ids;
  if (rule != nullptr) {
    CollectAggregates(rule->having.get(), sources, &aggs, &ids);
    if (rule->emit) {
      for (const ast::EmitField& f : rule->emit->fields) CollectAggregates(f.value.get(), sources, &aggs, &ids);
    }
  }
  if (aggs.empty()) {
    out += "  aggregates: none\n";
  } else {
    out += "  aggregates (kept per pane, merged per window):\n";
    for (size_t i = 0; i < aggs.size(); ++i) {
      out += StrCat("    ", aggs[i], ": ", AggregateState(ids[i]), "\n");
    }
  }
  if (rule != nullptr && rule->having) out += StrCat("  having: ", Text(sources, rule->having.get()), "\n");
  if (w.emit && w.emit->type < schema.size()) {
    out += StrCat("  emit: ", schema.type(w.emit->type).name,
                  w.window == ir::WindowKind::kNone ? " per event"
                  : w.having                        ? " per group and window that passes `having`"
                                                    : " per group and window",
                  "\n");
  }
  if (w.suppress) {
    out += "  suppress:";
    if (rule != nullptr && rule->suppress && !rule->suppress->keys.empty()) {
      out += " by";
      for (size_t i = 0; i < rule->suppress->keys.size(); ++i) {
        out += StrCat(i ? "," : "", " ", Text(sources, rule->suppress->keys[i].get()));
      }
    }
    out += StrCat(" for ", check::FormatDuration(w.suppress->duration_ns), "\n");
  }
  out += StrCat("  state: ", state);
  if (w.window == ir::WindowKind::kTumbling || w.window == ir::WindowKind::kSliding ||
      w.window == ir::WindowKind::kSession) {
    out += "; a group is freed when it holds no window; at most --max-partitions groups per rule";
  }
  out += "\n";
  return out;
}

}  // namespace cep::nfa
