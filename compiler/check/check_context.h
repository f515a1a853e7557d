// Internal to compiler/check/: the state one Check() call shares between its
// passes, and the entry point of each pass. Nothing here is part of the
// checker's public API (checker.h, checked_program.h, schema.h, builtins.h,
// const_value.h are).
// Tested through checker.h by the tests/unit/check_*_test.cc files.
#ifndef CEP_COMPILER_CHECK_CHECK_CONTEXT_H_
#define CEP_COMPILER_CHECK_CHECK_CONTEXT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "compiler/ast/ast.h"
#include "compiler/check/checked_program.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/source/source_manager.h"

namespace cep::check {

struct CheckContext {
  CheckContext(ast::Program& p, const SourceManager& s, DiagnosticEngine& d, CheckedProgram& o)
      : program(p), sources(s), diags(d), out(o) {}

  ast::Program& program;
  const SourceManager& sources;
  DiagnosticEngine& diags;
  CheckedProgram& out;

  // ---- modules (scopes.cc) ----
  std::vector<std::vector<bool>> visible;  // [from][to]: `from` sees `to`'s declarations

  // ---- constants (const_eval.cc) ----
  enum class ConstState : uint8_t { kPending, kInProgress, kDone };
  absl::flat_hash_map<std::string, int32_t> const_by_name;  // first declaration wins
  std::vector<ConstState> const_state;  // per out.consts entry
  std::vector<Type> const_type;         // per out.consts entry, once kDone
  std::vector<int32_t> const_stack;     // consts being evaluated (cycle reports)

  // ---- rules (declarations.cc, rule_graph.cc) ----
  absl::flat_hash_map<std::string, int32_t> rule_by_name;  // first declaration wins

  std::string_view ModulePath(uint32_t module) const;
  bool Visible(uint32_t from, uint32_t to) const { return visible[from][to]; }
  SourceRange FileStart(uint32_t module) const;
};

// ---- scopes.cc ----
// Computes CheckContext::visible from Program::imports (transitive closure).
void ComputeVisibility(CheckContext& ctx);
// Resolves an event type name written in `module`. Reports unknown-type
// (did-you-mean over the visible types, or "declared in X, which this file
// does not import") and returns null when it fails.
const EventTypeInfo* LookupEventType(CheckContext& ctx, uint32_t module, const ast::Name& name,
                                     std::string_view what = "event type");
// The names of the event types `module` sees (for did-you-mean).
std::vector<std::string_view> VisibleTypeNames(const CheckContext& ctx, uint32_t module);

// A const by name as seen from `module`: its index in out.consts, or -1.
// *hidden is set to the index of a const that exists but is not visible.
int32_t LookupConst(const CheckContext& ctx, uint32_t module, std::string_view name,
                    int32_t* hidden = nullptr);
std::vector<std::string_view> VisibleConstNames(const CheckContext& ctx, uint32_t module);
// Appends "; it is declared in 'x.cep', which this file does not import".
std::string NotImportedSuffix(const CheckContext& ctx, uint32_t declaring_module);

// ---- declarations.cc ----
// Registers every const and rule (duplicate-const, duplicate-rule) and
// fills out.consts / out.rules in program order.
void DeclareConstsAndRules(CheckContext& ctx);

// ---- schema_builder.cc ----
// Adds every declared event type to the schema with its fields
// (duplicate-type, duplicate-field, unknown-type for field types).
void BuildDeclaredSchema(CheckContext& ctx);

// ---- const_eval.cc ----
// Types and folds every const (not-constant, division-by-zero, ...).
void EvaluateConsts(CheckContext& ctx);
// Ensures const `index` is typed and folded; its type (kUnknown on error or
// when the reference closes a cycle, which is then reported at `use`).
Type ResolveConst(CheckContext& ctx, int32_t index, SourceRange use);
// Folds a typed expression. With `report`, reports why it is not constant
// (not-constant, constant-overflow); never reports for sub-expressions of
// unknown type (already reported).
std::optional<ConstValue> Fold(CheckContext& ctx, const ast::Expr& e, bool report);
// Types `e` (in const scope: only literals and consts of `module`) and folds
// it. Reports not-constant when it is not a compile-time value.
std::optional<ConstValue> EvalConstExpr(CheckContext& ctx, uint32_t module, ast::Expr& e,
                                        std::string_view what);
// A positive duration known at compile time (within, window sizes,
// suppress): reports invalid-duration-value (or not-constant). -1 on error.
int64_t EvalPositiveDuration(CheckContext& ctx, uint32_t module, ast::Expr& e,
                             std::string_view what);
// A positive int known at compile time (count windows). -1 on error.
int64_t EvalPositiveCount(CheckContext& ctx, uint32_t module, ast::Expr& e,
                          std::string_view what);

// ---- rule_graph.cc ----
// Allocates derived event types (emitted but never declared), records each
// rule's input types, reports rule-cycle, and fills out.rule_order.
void BuildRuleGraph(CheckContext& ctx);

// ---- rule_checker.cc ----
// Checks one rule (index into out.rules) completely.
void CheckRule(CheckContext& ctx, uint32_t rule_index);

// ---- annotations.cc ----
enum class AnnotationTarget : uint8_t { kEvent, kConst, kRule };
// Checks annotations; fills severity/doc/tags into `rule` when not null.
void CheckAnnotations(CheckContext& ctx, uint32_t module,
                      std::vector<ast::Annotation>& annotations, AnnotationTarget target,
                      CheckedRule* rule);

// ---- helpers (scopes.cc) ----
// 'Payment' declared here.
std::string DeclaredHere(std::string_view name);
// Joins with a separator.
std::string JoinStrings(const std::vector<std::string>& parts, std::string_view sep);
// "did you mean" over candidates; "" when nothing is close.
std::string Suggestion(std::string_view name, const std::vector<std::string_view>& candidates);

}  // namespace cep::check

#endif  // CEP_COMPILER_CHECK_CHECK_CONTEXT_H_
