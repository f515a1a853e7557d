// See ast_dump.h.
#include "compiler/ast/ast_dump.h"

#include <cstdio>

#include "compiler/util/quote.h"
#include "compiler/util/strcat.h"

namespace cep::ast {
namespace {


std::string FormatDouble(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

class Dumper {
 public:
  explicit Dumper(const SourceManager& sources) : sources_(sources) {}

  std::string Run(const Module& m) {
    Line(0, StrCat("module ", QuoteForDump(m.file < sources_.file_count() ? sources_.path(m.file) : "")));
    for (const Import& i : m.imports) Line(1, StrCat("import ", QuoteForDump(i.path), At(i.range)));
    for (const EventDecl& e : m.events) Event(e);
    for (const ConstDecl& c : m.consts) {
      Annotations(1, c.annotations);
      Line(1, StrCat("const ", c.name.text, " = ", Expr(c.value.get()), At(c.range)));
    }
    for (const Rule& r : m.rules) RuleDump(r);
    return std::move(out_);
  }

  static std::string Expr(const ast::Expr* e) {
    if (e == nullptr) return "<null>";
    switch (e->kind) {
      case ExprKind::kIntLit: return StrCat(e->int_value);
      case ExprKind::kFloatLit: return FormatDouble(e->float_value);
      case ExprKind::kDurationLit: return StrCat("(duration ", e->text, " ", e->int_value, "ns)");
      case ExprKind::kStringLit: return QuoteForDump(e->text);
      case ExprKind::kBoolLit: return e->bool_value ? "true" : "false";
      case ExprKind::kNullLit: return "null";
      case ExprKind::kName: return StrCat("(name ", e->name.text, ")");
      case ExprKind::kField: return StrCat("(. ", Expr(Arg(e, 0)), " ", e->name.text, ")");
      case ExprKind::kCall: {
        std::string s = StrCat("(call ", e->name.text);
        for (const auto& a : e->args) s += StrCat(" ", Expr(a.get()));
        return s + ")";
      }
      case ExprKind::kUnary: return StrCat("(", OpSpelling(e->op), " ", Expr(Arg(e, 0)), ")");
      case ExprKind::kBinary:
        return StrCat("(", OpSpelling(e->op), " ", Expr(Arg(e, 0)), " ", Expr(Arg(e, 1)), ")");
      case ExprKind::kIn: {
        std::string s = StrCat(e->negated ? "(not-in " : "(in ", Expr(Arg(e, 0)), " [");
        for (size_t i = 1; i < e->args.size(); ++i) s += StrCat(i > 1 ? " " : "", Expr(e->args[i].get()));
        return s + "])";
      }
      case ExprKind::kIsNull:
        return StrCat(e->negated ? "(is-not-null " : "(is-null ", Expr(Arg(e, 0)), ")");
      case ExprKind::kRegexMatch:
        return StrCat(e->negated ? "(!~ " : "(=~ ", Expr(Arg(e, 0)), " /", e->text, "/",
                      e->regex_flags, ")");
      case ExprKind::kError: return "<error>";
    }
    return "<?>";
  }

 private:
  static const ast::Expr* Arg(const ast::Expr* e, size_t i) {
    return i < e->args.size() ? e->args[i].get() : nullptr;
  }

  std::string At(SourceRange r) const {
    if (!r.valid() || r.file >= sources_.file_count()) return "";
    LineCol lc = sources_.Position(r.file, r.begin);
    return StrCat(" @", lc.line, ":", lc.column);
  }

  void Line(int indent, std::string_view text) {
    out_.append(static_cast<size_t>(indent) * 2, ' ');
    out_.append(text);
    out_.push_back('\n');
  }

  void Annotations(int indent, const std::vector<Annotation>& anns) {
    for (const Annotation& a : anns) {
      std::string s = StrCat("@", a.name.text);
      if (!a.args.empty()) {
        s += "(";
        for (size_t i = 0; i < a.args.size(); ++i) s += StrCat(i ? ", " : "", Expr(a.args[i].get()));
        s += ")";
      }
      Line(indent, s);
    }
  }

  void Event(const EventDecl& e) {
    Annotations(1, e.annotations);
    Line(1, StrCat("event ", e.name.text, At(e.range)));
    for (const FieldDecl& f : e.fields) {
      Line(2, StrCat("field ", f.name.text, ": ", f.type_name.text, f.optional ? "?" : ""));
    }
  }

  void Emit(int indent, std::string_view label, const EmitSpec& e) {
    Line(indent, StrCat(label, " ", e.type_name.text));
    for (const EmitField& f : e.fields) {
      Line(indent + 1, StrCat(f.name.text, " = ", Expr(f.value.get())));
    }
  }

  void RuleDump(const Rule& r) {
    Annotations(1, r.annotations);
    Line(1, StrCat("rule ", r.name.text, At(r.range)));
    if (r.pattern) {
      Line(2, "pattern");
      PatternDump(3, *r.pattern);
    }
    if (r.from) {
      std::string s = StrCat("from ", r.from->type_name.text);
      if (r.from->filter) s += StrCat(" [", Expr(r.from->filter.get()), "]");
      if (!r.from->alias.empty()) s += StrCat(" as ", r.from->alias.text);
      Line(2, s);
    }
    if (r.window) {
      static const char* kKinds[] = {"tumbling", "sliding", "session", "count"};
      std::string s = StrCat("window ", kKinds[static_cast<int>(r.window->kind)], " ",
                             Expr(r.window->size.get()));
      if (r.window->every) s += StrCat(" every ", Expr(r.window->every.get()));
      Line(2, s);
    }
    if (!r.group_by.empty()) {
      std::string s = "group by";
      for (const auto& g : r.group_by) s += StrCat(" ", Expr(g.get()));
      Line(2, s);
    }
    if (r.having) Line(2, StrCat("having ", Expr(r.having.get())));
    if (!r.partition_by.empty()) {
      std::string s = "partition by";
      for (const PartitionKey& k : r.partition_by) {
        s += StrCat(" ", k.qualifier.empty() ? "" : StrCat(k.qualifier.text, "."), k.field.text);
      }
      Line(2, s);
    }
    if (r.within) Line(2, StrCat("within ", Expr(r.within.get())));
    if (r.after_match) {
      static const char* kKinds[] = {"skip past last", "skip to next", "skip to first",
                                     "skip to last", "no skip"};
      Line(2, StrCat("after match ", kKinds[static_cast<int>(r.after_match->kind)],
                     r.after_match->var.empty() ? "" : StrCat(" ", r.after_match->var.text)));
    }
    if (r.emit) Emit(2, "emit", *r.emit);
    if (r.timeout_emit) Emit(2, "on timeout emit", *r.timeout_emit);
    if (r.suppress) {
      std::string s = "suppress";
      if (!r.suppress->keys.empty()) {
        s += " by";
        for (const auto& k : r.suppress->keys) s += StrCat(" ", Expr(k.get()));
      }
      s += StrCat(" for ", Expr(r.suppress->duration.get()));
      Line(2, s);
    }
  }

  void PatternDump(int indent, const Pattern& p) {
    std::string var = p.var.empty() ? "" : StrCat(" ", p.var.text, ":");
    switch (p.kind) {
      case PatternKind::kAtom: {
        std::string s = StrCat("atom", var, " ", p.type_name.text.empty() ? "<error>" : p.type_name.text);
        if (p.filter) s += StrCat(" [", Expr(p.filter.get()), "]");
        Line(indent, s);
        return;
      }
      case PatternKind::kGroup:
        Line(indent, StrCat("group", var));
        break;
      case PatternKind::kAll:
        Line(indent, StrCat("all", var));
        break;
      case PatternKind::kSeq: {
        std::string s = "seq";
        for (SeqPolicy op : p.seq_ops) s += StrCat(" ", SeqPolicyName(op));
        Line(indent, s);
        break;
      }
      case PatternKind::kAlt:
        Line(indent, "alt");
        break;
      case PatternKind::kNot:
        Line(indent, StrCat("not", p.within ? StrCat(" within ", Expr(p.within.get())) : ""));
        break;
      case PatternKind::kRepeat: {
        const Quantifier& q = p.quant;
        std::string s = StrCat("repeat {", Expr(q.min_expr.get()));
        if (!q.exact) s += StrCat(",", q.max_expr ? Expr(q.max_expr.get()) : "");
        s += StrCat("} ", q.greedy ? "greedy" : "reluctant", " ", SeqPolicyName(q.loop_policy));
        Line(indent, s);
        break;
      }
    }
    for (const auto& c : p.children) PatternDump(indent + 1, *c);
    if (p.until) {
      Line(indent + 1, "until");
      PatternDump(indent + 2, *p.until);
    }
  }

  const SourceManager& sources_;
  std::string out_;
};

}  // namespace

std::string DumpModule(const Module& module, const SourceManager& sources) {
  return Dumper(sources).Run(module);
}

std::string DumpExpr(const Expr& expr) { return Dumper::Expr(&expr); }

}  // namespace cep::ast
