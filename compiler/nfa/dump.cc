// See dump.h.
#include "compiler/nfa/dump.h"

#include "compiler/check/const_value.h"
#include "compiler/util/strcat.h"

namespace cep::nfa {
namespace {

const char* AfterMatchName(ast::AfterMatchKind k) {
  switch (k) {
    case ast::AfterMatchKind::kSkipPastLast: return "skip past last";
    case ast::AfterMatchKind::kSkipToNext: return "skip to next";
    case ast::AfterMatchKind::kSkipToFirst: return "skip to first";
    case ast::AfterMatchKind::kSkipToLast: return "skip to last";
    case ast::AfterMatchKind::kNoSkip: return "no skip";
  }
  return "";
}

std::string FilterText(const ir::Filter& f) {
  std::string s;
  if (f.pred != ir::kNoPred) s += StrCat(" pred#", f.pred);
  if (f.check >= 0) s += StrCat(" check#", f.check);
  return s;
}

std::string TypeName(const check::Schema& schema, EventTypeId t) {
  return t < schema.size() ? schema.type(t).name : "?";
}

std::string GuardText(const RuleProg& r, uint32_t g, const check::Schema& schema) {
  const ir::Guard& guard = r.guards[g];
  return StrCat(TypeName(schema, guard.type), FilterText(guard.filter));
}

std::string VarName(const ir::RuleIR& ir, int32_t var) {
  return var >= 0 && static_cast<size_t>(var) < ir.vars.size() ? ir.vars[var].name : "?";
}

// " Order(id) Payment(order_id)": the key fields per event type.
std::string KeysText(const std::vector<std::vector<int32_t>>& slots, const check::Schema& schema) {
  std::string out;
  for (size_t t = 0; t < slots.size(); ++t) {
    if (slots[t].empty()) continue;
    out += StrCat(" ", TypeName(schema, static_cast<EventTypeId>(t)), "(");
    for (size_t k = 0; k < slots[t].size(); ++k) {
      out += StrCat(k ? "," : "", schema.type(static_cast<EventTypeId>(t)).fields[slots[t][k]].name);
    }
    out += ")";
  }
  return out;
}

}  // namespace

std::string DumpRule(const Prog& prog, size_t index, const check::Schema& schema) {
  const RuleProg& r = prog.rules[index];
  const ir::RuleIR& ir = *r.ir;
  std::string out = StrCat("rule ", ir.name, ": ", r.states.size(), " states, ", r.edges.size(),
                           " edges\n");
  out += StrCat("  within: ", ir.within_ns >= 0 ? check::FormatDuration(ir.within_ns) : "none",
                "\n");
  out += StrCat("  after match: ", AfterMatchName(ir.after_match),
                ir.after_match_var >= 0 ? StrCat(" ", VarName(ir, ir.after_match_var)) : "", "\n");
  if (ir.partitioned) {
    out += StrCat("  partition by:", KeysText(ir.partition_slots, schema), "\n");
  } else if (!r.inferred_partition.empty()) {
    out += StrCat("  correlation index (inferred from equalities with the first event):",
                  KeysText(r.inferred_partition, schema), "\n");
  }
  if (!ir.absence.empty()) {
    out += "  absence:";
    for (const ir::Guard& g : ir.absence) out += StrCat(" !", TypeName(schema, g.type), FilterText(g.filter));
    out += StrCat(" within ", ir.absence_ns >= 0 ? check::FormatDuration(ir.absence_ns) : "the rule's window", "\n");
  }
  for (uint32_t s = 0; s < r.states.size(); ++s) {
    const State& st = r.states[s];
    if (s == 0) {
      out += "  0 start\n";
    } else {
      out += StrCat("  ", s, " take ", VarName(ir, st.var), ": ", TypeName(schema, st.type),
                    FilterText(st.filter), "\n");
    }
    for (uint32_t k = 0; k < st.edge_count; ++k) {
      const Edge& e = r.edges[st.edge_begin + k];
      std::string line = "    -> ";
      switch (e.kind) {
        case EdgeKind::kTake:
          line += StrCat(e.to, " ", ast::SeqPolicyName(e.policy));
          break;
        case EdgeKind::kAccept: line += "accept"; break;
        case EdgeKind::kAbsence: line += "accept after absence"; break;
      }
      for (uint32_t g = 0; g < e.guard_count; ++g) {
        line += StrCat(" unless ", GuardText(r, e.guard_begin + g, schema));
      }
      for (uint32_t u = 0; u < e.until_count; ++u) {
        line += StrCat(" until ", GuardText(r, e.guard_begin + e.guard_count + u, schema));
      }
      out += line + "\n";
    }
  }
  return out;
}

std::string DescribeState(const RuleProg& r, uint32_t state, const check::Schema& schema) {
  if (state == 0) return "state 0 (start)";
  const State& st = r.states[state];
  return StrCat("state ", state, " (take ", VarName(*r.ir, st.var), ": ", TypeName(schema, st.type),
                FilterText(st.filter), ")");
}

std::string DescribeEdge(const RuleProg& r, uint32_t edge, const check::Schema& schema) {
  uint32_t from = 0;
  for (uint32_t s = 0; s < r.states.size(); ++s) {
    if (edge >= r.states[s].edge_begin && edge < r.states[s].edge_begin + r.states[s].edge_count) {
      from = s;
      break;
    }
  }
  const Edge& e = r.edges[edge];
  std::string to;
  switch (e.kind) {
    case EdgeKind::kTake: to = StrCat(e.to, " ", ast::SeqPolicyName(e.policy)); break;
    case EdgeKind::kAccept: to = "accept"; break;
    case EdgeKind::kAbsence: to = "accept after absence"; break;
  }
  return StrCat(DescribeState(r, from, schema), " -> ", to);
}

namespace {

// A DOT string literal's contents: quotes and backslashes escaped (names in
// backticks may hold them); "\\n" line breaks written by the callers stay.
std::string DotText(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else out.push_back(c);
  }
  return out;
}

// The nodes and edges of one rule: states named `state_prefix`N, the accept
// node `accept`, lines indented by `indent`.
void AppendDotBody(const RuleProg& r, const check::Schema& schema, std::string_view state_prefix,
                   std::string_view accept, std::string_view indent, std::string* out) {
  const ir::RuleIR& ir = *r.ir;
  *out += StrCat(indent, state_prefix, "0 [label=\"start\", shape=point];\n");
  bool any_accept = false;
  for (uint32_t s = 1; s < r.states.size(); ++s) {
    const State& st = r.states[s];
    *out += StrCat(indent, state_prefix, s, " [label=\"", s, "\\n",
                   DotText(StrCat(VarName(ir, st.var), ": ", TypeName(schema, st.type),
                                  FilterText(st.filter))),
                   "\"];\n");
  }
  for (uint32_t s = 0; s < r.states.size(); ++s) {
    const State& st = r.states[s];
    for (uint32_t k = 0; k < st.edge_count; ++k) {
      const Edge& e = r.edges[st.edge_begin + k];
      std::string label = e.kind == EdgeKind::kTake ? ast::SeqPolicyName(e.policy) : "";
      for (uint32_t g = 0; g < e.guard_count; ++g) {
        label += StrCat(label.empty() ? "" : "\\n", "unless ",
                        DotText(GuardText(r, e.guard_begin + g, schema)));
      }
      if (e.kind == EdgeKind::kTake) {
        *out += StrCat(indent, state_prefix, s, " -> ", state_prefix, e.to, " [label=\"", label,
                       "\"];\n");
      } else {
        any_accept = true;
        *out += StrCat(indent, state_prefix, s, " -> ", accept, " [label=\"",
                       e.kind == EdgeKind::kAbsence ? "after absence" : "",
                       label.empty() ? "" : "\\n", label, "\"];\n");
      }
    }
  }
  if (any_accept) *out += StrCat(indent, accept, " [shape=doublecircle, label=\"match\"];\n");
}

}  // namespace

std::string DumpRuleDot(const Prog& prog, size_t index, const check::Schema& schema) {
  const RuleProg& r = prog.rules[index];
  std::string out = StrCat("digraph \"", DotText(r.ir->name),
                           "\" {\n  rankdir=LR;\n  node [shape=circle];\n");
  AppendDotBody(r, schema, "s", "accept", "  ", &out);
  out += "}\n";
  return out;
}

std::string DumpRulesDot(const Prog& prog, const std::vector<size_t>& rules,
                         const check::Schema& schema, const std::vector<std::string>& labels) {
  std::string out = "digraph cep {\n  rankdir=LR;\n  node [shape=circle];\n  labeljust=l;\n";
  for (size_t i = 0; i < rules.size(); ++i) {
    const RuleProg& r = prog.rules[rules[i]];
    std::string label = StrCat("rule ", r.ir->name);
    if (i < labels.size() && !labels[i].empty()) label += StrCat("\n", labels[i]);
    // DOT's \l ends a left-justified line.
    std::string dot_label;
    for (char c : DotText(label)) {
      if (c == '\n') dot_label += "\\l";
      else dot_label.push_back(c);
    }
    out += StrCat("  subgraph cluster_", i, " {\n    label=\"", dot_label, "\\l\";\n");
    AppendDotBody(r, schema, StrCat("r", i, "_s"), StrCat("r", i, "_accept"), "    ", &out);
    out += "  }\n";
  }
  out += "}\n";
  return out;
}

}  // namespace cep::nfa
