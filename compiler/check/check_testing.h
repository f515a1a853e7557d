// FOR TESTING ONLY: parses .cep text and runs the checker on it, and reads
// the results back in a form that is easy to assert on ("kind@line:col").
// Header-only and used only by tests/unit/check_*_test.cc; nothing in the
// compiler includes it.
#ifndef CEP_COMPILER_CHECK_CHECK_TESTING_H_
#define CEP_COMPILER_CHECK_CHECK_TESTING_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/check/checker.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/parse/parser.h"
#include "compiler/source/source_manager.h"

namespace cep::check::testing {

struct CheckedForTesting {
  SourceManager sources;
  DiagnosticEngine diags;
  ast::Program program;
  CheckedProgram checked;
  bool parsed = false;  // no syntax errors: the checker ran

  std::string Where(SourceRange r) const {
    if (!r.valid()) return "?";
    LineCol lc = sources.Position(r.file, r.begin);
    return std::to_string(lc.line) + ":" + std::to_string(lc.column);
  }
  // "kind@line:col" of every error and warning, sorted, separated by spaces.
  std::string Kinds() const {
    std::string out;
    for (const Diagnostic* d : diags.Sorted()) {
      if (!out.empty()) out += " ";
      out += std::string(Info(d->kind).name) + "@" + Where(d->range);
    }
    return out;
  }
  // Every message (with its notes, indented), one per line.
  std::string Messages() const {
    std::string out;
    for (const Diagnostic* d : diags.Sorted()) {
      out += d->message + "\n";
      for (const DiagNote& n : d->notes) out += "  note@" + Where(n.range) + ": " + n.message + "\n";
    }
    return out;
  }
  // Every error message, one per line ("" when there is none).
  std::string Errors() const {
    std::string out;
    for (const Diagnostic* d : diags.Sorted()) {
      if (d->severity == Severity::kError) out += d->message + "\n";
    }
    return out;
  }
  // The slot of `type`.`field`, or -1.
  int32_t Slot(std::string_view type, std::string_view field) const {
    const EventTypeInfo* t = checked.schema.Find(type);
    if (t == nullptr) return -1;
    const FieldInfo* f = t->FindField(field);
    return f == nullptr ? -1 : f->slot;
  }
  const Diagnostic* First(std::string_view kind) const {
    for (const Diagnostic* d : diags.Sorted()) {
      if (Info(d->kind).name == kind) return d;
    }
    return nullptr;
  }
  // The source text of a range (for asserting carets).
  std::string Text(SourceRange r) const {
    return r.valid() ? std::string(sources.text(r)) : std::string();
  }

  ast::Rule* FindRule(std::string_view name) {
    for (ast::Module& m : program.modules) {
      for (ast::Rule& r : m.rules) {
        if (r.name.text == name) return &r;
      }
    }
    return nullptr;
  }
  const CheckedRule* FindCheckedRule(std::string_view name) const {
    for (const CheckedRule& r : checked.rules) {
      if (r.rule->name.text == name) return &r;
    }
    return nullptr;
  }
  // The value of `field = value` in a rule's emit.
  ast::Expr* EmitValue(std::string_view rule, std::string_view field, bool timeout = false) {
    ast::Rule* r = FindRule(rule);
    if (r == nullptr) return nullptr;
    auto& spec = timeout ? r->timeout_emit : r->emit;
    if (!spec.has_value()) return nullptr;
    for (ast::EmitField& f : spec->fields) {
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
  // The first kRepeat node of a rule's pattern.
  ast::Pattern* Loop(std::string_view rule) {
    ast::Rule* r = FindRule(rule);
    return r == nullptr || r->pattern == nullptr ? nullptr : FindLoop(*r->pattern);
  }
  static ast::Pattern* FindLoop(ast::Pattern& p) {
    if (p.kind == ast::PatternKind::kRepeat) return &p;
    for (auto& c : p.children) {
      if (ast::Pattern* a = FindLoop(*c)) return a;
    }
    return nullptr;
  }
};

// Parses `files` (display path, text) as modules in that order, with
// `imports` (module index -> imported module indices), and checks them.
inline std::unique_ptr<CheckedForTesting> CheckFilesForTestingOnly(
    std::vector<std::pair<std::string, std::string>> files,
    std::vector<std::vector<uint32_t>> imports) {
  auto r = std::make_unique<CheckedForTesting>();
  for (auto& [path, text] : files) {
    FileId f = r->sources.AddBuffer(path, std::move(text));
    r->program.modules.push_back(parse::ParseModule(r->sources, f, r->diags));
  }
  imports.resize(r->program.modules.size());
  r->program.imports = std::move(imports);
  r->parsed = !r->diags.has_errors();
  if (r->parsed) r->checked = Check(r->program, r->sources, r->diags);
  return r;
}

inline std::unique_ptr<CheckedForTesting> CheckForTestingOnly(std::string text) {
  return CheckFilesForTestingOnly({{"t.cep", std::move(text)}}, {{}});
}

}  // namespace cep::check::testing

#endif  // CEP_COMPILER_CHECK_CHECK_TESTING_H_
