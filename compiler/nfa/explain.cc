// See explain.h. Predicate texts are found the way the lowering found the
// predicates: each atom's filter is compiled again and its single-event part
// keyed as compiler/ir keys it (type and canonical bytecode), which names the
// shared predicate; the text is that of the filter's conjuncts that read
// only the event.
#include "compiler/nfa/explain.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "compiler/check/const_value.h"
#include "compiler/expr/compile_expr.h"
#include "compiler/util/strcat.h"

namespace cep::nfa {
namespace {

void Conjuncts(const ast::Expr* e, std::vector<const ast::Expr*>* out) {
  if (e == nullptr) return;
  if (e->kind == ast::ExprKind::kBinary && e->op == ast::Op::kAnd && e->args.size() == 2) {
    Conjuncts(e->args[0].get(), out);
    Conjuncts(e->args[1].get(), out);
    return;
  }
  out->push_back(e);
}

class TextFinder {
 public:
  TextFinder(const check::CheckedProgram& checked, const ir::ProgramIR& ir,
             const SourceManager& sources)
      : checked_(checked), ir_(ir), sources_(sources), texts_(ir.predicates.size()) {
    for (ir::PredId p = 0; p < ir.predicates.size(); ++p) by_key_[ir.predicates[p].key] = p;
  }

  std::vector<std::string> Run() {
    for (const check::CheckedRule& cr : checked_.rules) {
      if (cr.rule == nullptr || cr.has_errors) continue;
      if (cr.rule->pattern) Pattern(*cr.rule->pattern, false);
      if (cr.rule->from && cr.rule->from->filter) {
        expr::CompileOptions o;
        o.own_var = cr.rule->from->alias.empty() ? -1 : 0;
        Filter(*cr.rule->from->filter, cr.rule->from->event_type, o);
      }
    }
    return std::move(texts_);
  }

 private:
  void Pattern(const ast::Pattern& p, bool guard) {
    if (p.kind == ast::PatternKind::kAtom && p.filter) {
      expr::CompileOptions o;
      o.own_var = guard ? -1 : p.var_index;
      Filter(*p.filter, p.event_type, o);
    }
    bool child_guard = guard || p.kind == ast::PatternKind::kNot;
    for (const auto& c : p.children) {
      if (c) Pattern(*c, child_guard);
    }
    if (p.until) Pattern(*p.until, true);
  }

  void Filter(const ast::Expr& filter, EventTypeId type, const expr::CompileOptions& o) {
    if (type == kNoEventType) return;
    expr::SplitFilter split = expr::CompileFilter(filter, checked_, o);
    if (!split.single) return;
    auto it = by_key_.find(StrCat(type, ":", expr::CanonicalKey(*split.single)));
    if (it == by_key_.end() || !texts_[it->second].empty()) return;
    std::vector<const ast::Expr*> parts;
    Conjuncts(&filter, &parts);
    std::string text;
    for (const ast::Expr* part : parts) {
      expr::SplitFilter one = expr::CompileFilter(*part, checked_, o);
      if (!one.single || one.rest) continue;
      std::string t(sources_.text(part->range));
      bool is_or = part->kind == ast::ExprKind::kBinary && part->op == ast::Op::kOr;
      text += StrCat(text.empty() ? "" : " and ", is_or ? "(" : "", t, is_or ? ")" : "");
    }
    texts_[it->second] = text;
  }

  const check::CheckedProgram& checked_;
  const ir::ProgramIR& ir_;
  const SourceManager& sources_;
  std::vector<std::string> texts_;
  absl::flat_hash_map<std::string, ir::PredId> by_key_;
};

// The predicates one pattern rule tests: its states', guards' and absence's.
std::vector<ir::PredId> PredicatesOf(const RuleProg& r) {
  std::vector<ir::PredId> out;
  auto add = [&](const ir::Filter& f) {
    if (f.pred != ir::kNoPred) out.push_back(f.pred);
  };
  for (const State& s : r.states) add(s.filter);
  for (const ir::Guard& g : r.guards) add(g.filter);
  for (const ir::Guard& g : r.ir->absence) add(g.filter);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const char* PolicyWords(ast::SeqPolicy p) {
  switch (p) {
    case ast::SeqPolicy::kStrict: return "strict contiguity (;, strict)";
    case ast::SeqPolicy::kRelaxed: return "skip-till-next-match (->)";
    case ast::SeqPolicy::kAny: return "skip-till-any-match (->>, any)";
  }
  return "?";
}

}  // namespace

std::vector<std::string> PredicateTexts(const check::CheckedProgram& checked,
                                        const ir::ProgramIR& ir, const SourceManager& sources) {
  return TextFinder(checked, ir, sources).Run();
}

std::vector<std::vector<std::string>> PredicateUsers(const Prog& prog) {
  std::vector<std::vector<std::string>> users(prog.ir->predicates.size());
  for (size_t i = 0; i < prog.rules.size(); ++i) {
    for (ir::PredId p : PredicatesOf(prog.rules[i])) users[p].push_back(prog.rules[i].ir->name);
  }
  for (const ir::WindowRuleIR& w : prog.ir->window_rules) {
    if (w.pred < users.size()) users[w.pred].push_back(w.name);
  }
  return users;
}

RuleFacts ExplainRule(const Prog& prog, size_t rule, const check::Schema& schema,
                      const std::vector<std::string>& predicate_texts) {
  const RuleProg& r = prog.rules[rule];
  RuleFacts f;
  f.name = r.ir->name;
  int counts[3] = {0, 0, 0};
  const uint32_t start_edges = r.states.empty() ? 0 : r.states[0].edge_count;
  for (uint32_t e = start_edges; e < r.edges.size(); ++e) {
    if (r.edges[e].kind == EdgeKind::kTake) ++counts[static_cast<int>(r.edges[e].policy)];
  }
  // What bounds n: the window, or an absence's deadline when nothing else waits.
  if (r.ir->within_ns >= 0) {
    f.window = StrCat("its events within ", check::FormatDuration(r.ir->within_ns));
  } else if (r.ir->absence_ns >= 0 && counts[0] + counts[1] + counts[2] == 0) {
    f.window = StrCat("its events within ", check::FormatDuration(r.ir->absence_ns),
                      " (the absence's window)");
  } else {
    f.window = "all its events so far (no `within`: partial matches never expire)";
  }
  for (ast::SeqPolicy p : {ast::SeqPolicy::kRelaxed, ast::SeqPolicy::kStrict, ast::SeqPolicy::kAny}) {
    if (counts[static_cast<int>(p)] > 0) f.selection.emplace_back(p, counts[static_cast<int>(p)]);
  }

  // Who else tests each predicate.
  const std::vector<std::vector<std::string>> users = PredicateUsers(prog);
  for (ir::PredId p : PredicatesOf(r)) {
    PredicateUse u;
    u.id = p;
    EventTypeId t = prog.ir->predicates[p].type;
    u.type = t < schema.size() ? schema.type(t).name : "?";
    if (p < predicate_texts.size()) u.text = predicate_texts[p];
    for (const std::string& other : users[p]) {
      if (other != f.name && std::find(u.shared_with.begin(), u.shared_with.end(), other) == u.shared_with.end()) {
        u.shared_with.push_back(other);
      }
    }
    f.predicates.push_back(std::move(u));
  }
  f.estimate = EstimateState(*r.ir, schema);
  return f;
}

std::string FormatFacts(const RuleFacts& f) {
  std::string out = "  selection:";
  if (f.selection.empty()) out += " single step (no transition after the first event)";
  for (size_t i = 0; i < f.selection.size(); ++i) {
    out += StrCat(i ? ";" : "", " ", PolicyWords(f.selection[i].first), " on ", f.selection[i].second,
                  " transition", f.selection[i].second == 1 ? "" : "s");
  }
  out += "\n";
  if (f.predicates.empty()) {
    out += "  predicates: none (no filter reads only the event)\n";
  } else {
    out += "  predicates (evaluated once per event, shared by every rule that tests them):\n";
    for (const PredicateUse& u : f.predicates) {
      out += StrCat("    pred#", u.id, " ", u.type, "[", u.text.empty() ? "..." : u.text, "]");
      if (u.shared_with.empty()) {
        out += " (this rule only)\n";
      } else {
        out += " shared with";
        for (size_t i = 0; i < u.shared_with.size(); ++i) {
          out += StrCat(i ? ", " : " ", "rule ", u.shared_with[i]);
        }
        out += "\n";
      }
    }
  }
  const StateEstimate& e = f.estimate;
  out += StrCat("  state estimate: ", e.Growth(), " partial matches per partition, n = ", f.window,
                e.can_explode() ? " -- CAN EXPLODE" : "", "\n");
  for (const std::string& c : e.causes) out += StrCat("    from ", c, "\n");
  if (e.can_explode()) {
    out += "    bound it: use '->' or 'strict' instead of 'any', give the loop a maximum "
           "({1,5}), or shorten `within`; --max-runs-per-partition caps it at run time\n";
  } else if (e.degree >= 3) {
    out += "    grows fast: a shorter `within`, loop maximums ({1,10}) or '->' instead of '->>' "
           "keep it small\n";
  }
  return out;
}

}  // namespace cep::nfa
