// FOR TESTING ONLY: parses and checks .cep text (the parser and checker the
// front end runs, without the later stages, so these tests depend only on
// what they test) and finds the expressions to compile in it. Header-only;
// used by tests/unit/expr_compile_test.cc and expr_eval_test.cc, nothing in
// the compiler includes it.
#ifndef CEP_COMPILER_EXPR_EXPR_TESTING_H_
#define CEP_COMPILER_EXPR_EXPR_TESTING_H_

#include <memory>
#include <string>
#include <string_view>

#include "compiler/ast/ast.h"
#include "compiler/check/checker.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/expr/compile_expr.h"
#include "compiler/parse/parser.h"
#include "compiler/source/source_manager.h"

namespace cep::expr::testing {

struct Checked {
  SourceManager sources;
  DiagnosticEngine diags;
  ast::Program program;
  check::CheckedProgram checked;

  // Every error message, one per line ("" when there is none).
  std::string Errors() const {
    std::string out;
    for (const Diagnostic* d : diags.Sorted()) {
      if (d->severity == Severity::kError) out += d->message + "\n";
    }
    return out;
  }
  ast::Rule* FindRule(std::string_view name) {
    for (ast::Module& m : program.modules) {
      for (ast::Rule& r : m.rules) {
        if (r.name.text == name) return &r;
      }
    }
    return nullptr;
  }
  // The value of `field = value` in a rule's emit.
  ast::Expr* EmitValue(std::string_view rule, std::string_view field) {
    ast::Rule* r = FindRule(rule);
    if (r == nullptr || !r->emit.has_value()) return nullptr;
    for (ast::EmitField& f : r->emit->fields) {
      if (f.name.text == field) return f.value.get();
    }
    return nullptr;
  }
  // The atom bound to `var` (or the first atom of type `var`) in a rule.
  ast::Pattern* Atom(std::string_view rule, std::string_view var) {
    ast::Rule* r = FindRule(rule);
    return r == nullptr || r->pattern == nullptr ? nullptr : FindAtom(*r->pattern, var);
  }
  static ast::Pattern* FindAtom(ast::Pattern& p, std::string_view var) {
    if (p.kind == ast::PatternKind::kAtom && (p.var.text == var || p.type_name.text == var)) {
      return &p;
    }
    for (auto& c : p.children) {
      if (ast::Pattern* a = FindAtom(*c, var)) return a;
    }
    if (p.until != nullptr) return FindAtom(*p.until, var);
    return nullptr;
  }
  // CompileFilter options for an atom: its own variable.
  static CompileOptions AtomOptions(const ast::Pattern& atom) {
    CompileOptions o;
    o.own_var = atom.var_index;
    return o;
  }
  int32_t Slot(std::string_view type, std::string_view field) const {
    const check::EventTypeInfo* t = checked.schema.Find(type);
    if (t == nullptr) return -1;
    const check::FieldInfo* f = t->FindField(field);
    return f == nullptr ? -1 : f->slot;
  }
};

inline std::unique_ptr<Checked> CheckForTestingOnly(std::string text) {
  auto r = std::make_unique<Checked>();
  FileId f = r->sources.AddBuffer("t.cep", std::move(text));
  r->program.modules.push_back(parse::ParseModule(r->sources, f, r->diags));
  r->program.imports.resize(1);
  if (!r->diags.has_errors()) r->checked = check::Check(r->program, r->sources, r->diags);
  return r;
}

}  // namespace cep::expr::testing

#endif  // CEP_COMPILER_EXPR_EXPR_TESTING_H_
