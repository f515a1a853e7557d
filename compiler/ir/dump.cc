// See pattern_ir.h (Dump).
#include <string>

#include "compiler/check/const_value.h"
#include "compiler/ir/pattern_ir.h"
#include "compiler/util/strcat.h"

namespace cep::ir {
namespace {

std::string TypeName(const check::Schema& schema, EventTypeId t) {
  return t < schema.size() ? schema.type(t).name : "?";
}

std::string FilterText(const Filter& f) {
  std::string s;
  if (f.pred != kNoPred) s += StrCat(" pred#", f.pred);
  if (f.check >= 0) s += StrCat(" check#", f.check);
  return s;
}

std::string GuardText(const Guard& g, const check::Schema& schema) {
  return StrCat(TypeName(schema, g.type), FilterText(g.filter));
}

void DumpNode(const RuleIR& r, uint32_t id, int indent, const check::Schema& schema,
              std::string& out) {
  const Node& n = r.nodes[id];
  std::string pad(static_cast<size_t>(indent) * 2, ' ');
  std::string group = n.group_var >= 0 ? StrCat(" as ", r.vars[n.group_var].name) : "";
  switch (n.kind) {
    case NodeKind::kAtom:
      out += StrCat(pad, "atom ", r.vars[n.var].name, ": ", TypeName(schema, n.type),
                    FilterText(n.filter), "\n");
      return;
    case NodeKind::kSeq:
      out += StrCat(pad, "seq", group, "\n");
      for (size_t i = 0; i < n.children.size(); ++i) {
        if (i > 0) {
          std::string gap = StrCat(pad, "  ", ast::SeqPolicyName(n.policies[i - 1]));
          for (const Guard& g : n.gaps[i - 1]) gap += StrCat(" !", GuardText(g, schema));
          out += gap + "\n";
        }
        DumpNode(r, n.children[i], indent + 1, schema, out);
      }
      return;
    case NodeKind::kAlt:
      out += StrCat(pad, "alt\n");
      break;
    case NodeKind::kAll:
      out += StrCat(pad, "all", group, "\n");
      break;
    case NodeKind::kRepeat:
      out += StrCat(pad, "repeat {", n.min, ",", n.max < 0 ? std::string() : StrCat(n.max), "} ",
                    n.greedy ? "greedy" : "reluctant", " ", ast::SeqPolicyName(n.loop_policy),
                    n.until ? StrCat(" until ", GuardText(*n.until, schema)) : "", "\n");
      break;
  }
  for (uint32_t c : n.children) DumpNode(r, c, indent + 1, schema, out);
}

// Appends `text` line by line, each line indented by `pad`.
void AppendIndented(std::string_view text, std::string_view pad, std::string& out) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    out += StrCat(pad, text.substr(start, end - start), "\n");
    start = end + 1;
  }
}


void DumpSuppress(const std::optional<SuppressIR>& s, std::string& out) {
  if (!s) return;
  out += StrCat("  suppress for ", check::FormatDuration(s->duration_ns), "\n");
  for (size_t k = 0; k < s->keys.size(); ++k) {
    out += StrCat("  suppress-key#", k, ":\n");
    AppendIndented(expr::Dump(s->keys[k]), "    ", out);
  }
}

}  // namespace

std::string Dump(const ProgramIR& ir, const check::Schema& schema) {
  std::string out;
  for (size_t p = 0; p < ir.predicates.size(); ++p) {
    out += StrCat("pred#", p, " on ", TypeName(schema, ir.predicates[p].type), ":\n");
    AppendIndented(expr::Dump(ir.predicates[p].program), "  ", out);
  }
  for (const RuleIR& r : ir.rules) {
    out += StrCat("rule ", r.name, "\n");
    out += "  vars:";
    for (const Var& v : r.vars) {
      out += StrCat(" ", v.name, v.repeated ? "*" : "", v.is_group ? "(group)" : "");
    }
    out += "\n";
    if (r.within_ns >= 0) out += StrCat("  within ", check::FormatDuration(r.within_ns), "\n");
    DumpNode(r, r.root, 1, schema, out);
    for (const Guard& g : r.absence) {
      out += StrCat("  absence !", GuardText(g, schema),
                    r.absence_ns >= 0 ? StrCat(" within ", check::FormatDuration(r.absence_ns)) : "",
                    "\n");
    }
    for (size_t c = 0; c < r.checks.size(); ++c) {
      out += StrCat("  check#", c, ":\n");
      AppendIndented(expr::Dump(r.checks[c]), "    ", out);
    }
    DumpSuppress(r.suppress, out);
  }
  for (const WindowRuleIR& w : ir.window_rules) {
    out += StrCat("from-rule ", w.name, " on ", TypeName(schema, w.type),
                  w.pred != kNoPred ? StrCat(" if pred#", w.pred) : "", "\n");
    if (w.check) {
      out += "  check:\n";
      AppendIndented(expr::Dump(*w.check), "    ", out);
    }
    const bool counted = w.window == WindowKind::kCount;
    auto amount = [&](int64_t v) {
      return counted ? StrCat(v, " events") : check::FormatDuration(v);
    };
    if (w.window != WindowKind::kNone) {
      out += StrCat("  window ", WindowKindName(w.window), " ", amount(w.size));
      if (w.window == WindowKind::kSliding || (counted && w.every != w.size)) {
        out += StrCat(" every ", amount(w.every));
      }
      out += "\n";
    }
    for (size_t k = 0; k < w.keys.size(); ++k) {
      out += StrCat("  key#", k, ":\n");
      AppendIndented(expr::Dump(w.keys[k]), "    ", out);
    }
    if (w.having) {
      out += "  having:\n";
      AppendIndented(expr::Dump(*w.having), "    ", out);
    }
    if (w.emit) out += StrCat("  emit ", TypeName(schema, w.emit->type), " (", w.emit->values.size(), " fields)\n");
    DumpSuppress(w.suppress, out);
  }
  return out;
}

}  // namespace cep::ir
