// Internal to compiler/check/: types one expression tree in place (Expr::type,
// ::ref, ::decl_index, ::slot) under an ExprScope that says what bare names,
// `prev` and aggregates mean where the expression is written. Reports every
// problem and gives erroneous sub-expressions TypeKind::kUnknown, which
// silences every diagnostic about the expressions that contain them.
//
// The class is split by job: expr_typer.cc (dispatch, names, fields, groups),
// operator_typer.cc (unary, binary, in, is null, =~), call_typer.cc (scalar
// functions and aggregates), regex_check.cc (RE2 at check time).
// Recursive: the parser bounds nesting depth. O(size of the tree).
// Tested by tests/unit/check_expr_test.cc and check_aggregate_test.cc.
#ifndef CEP_COMPILER_CHECK_EXPR_TYPER_H_
#define CEP_COMPILER_CHECK_EXPR_TYPER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/check/builtins.h"
#include "compiler/check/check_context.h"

namespace cep::check {

// How a pattern variable can be read from where an expression is written.
enum class VarAccess : uint8_t {
  kVisible,       // bound by an earlier step, or the current atom's own variable
  kMaybeUnbound,  // visible, but its step may have been skipped (?, *, {0,n}, |)
  kLater,         // bound by a later step of the sequence
  kSibling,       // bound in another branch of the same all(...)
  kOtherBranch,   // bound in another alternative of |
  kEnclosing,     // names a group or all() that contains this expression
};

struct VarView {
  VarAccess access = VarAccess::kVisible;
  bool may_be_empty = false;  // repeated variables: the loop may take no event
};

// What `prev` is inside one atom's filter (pattern_flow.cc).
struct PrevInfo {
  std::vector<EventTypeId> types;  // event types of the atoms that can come just before
  bool may_be_first = false;       // the atom can also be the first of a match: prev is null
  std::string atom;                // how to name the atom in messages: "'down: Trade'"
};

// A `partition by` or `group by` key that outputs can name bare.
struct KeyName {
  std::string name;
  int32_t position = 0;  // NameRef::kGroupKey's decl_index
  Type type;
  bool nullable = false;
};

struct ExprScope {
  enum class Kind : uint8_t {
    kConst,          // const values, quantifier bounds, durations: literals and consts
    kAtomFilter,     // the [filter] of a pattern atom (also negated atoms and `until`)
    kPatternOutput,  // emit, on timeout emit, suppress keys of a pattern rule
    kFromFilter,     // the [filter] of `from`, and `group by` keys
    kRowOutput,      // emit / suppress of a `from` rule without a window
    kWindowOutput,   // having / emit / suppress of a `from` rule with a window
  };
  Kind kind = Kind::kConst;
  uint32_t module = 0;
  ast::Rule* rule = nullptr;                  // null for kConst
  const EventTypeInfo* current = nullptr;     // the event whose fields bare names read
  int32_t own_var = -1;                       // kAtomFilter: the atom's own variable
  const std::vector<VarView>* vars = nullptr; // per rule->variables entry
  const PrevInfo* prev = nullptr;             // null: `prev` is not available here
  const std::vector<KeyName>* keys = nullptr;
  std::vector<uint32_t>* var_uses = nullptr;  // per variable: how many reads
};

inline constexpr int32_t kNoGroup = -1;       // Typed::group_of: not a group
inline constexpr int32_t kWindowEvents = -2;  // the events of a `from` rule's window

struct Typed {
  Type type;                  // type.group: the values over many events
  bool nullable = false;      // the value may be null at run time
  int32_t group_of = kNoGroup;  // the variable a group ranges over, or kWindowEvents

  static Typed Unknown() { return Typed{}; }
  static Typed Of(TypeKind k, bool nullable = false) { return {Type::Of(k), nullable, kNoGroup}; }
};

class ExprTyper {
 public:
  ExprTyper(CheckContext& ctx, const ExprScope& scope) : ctx_(ctx), scope_(scope) {}

  // A single value: a group outside an aggregate is a type-mismatch.
  Typed Value(ast::Expr& e);
  // A condition: a bool value. `what` names it in messages ("filter").
  Typed Condition(ast::Expr& e, std::string_view what);

 private:
  Typed Visit(ast::Expr& e);
  Typed VisitName(ast::Expr& e, bool field_base, bool* is_prev);
  Typed VisitField(ast::Expr& e);
  Typed VisitPrevField(ast::Expr& e, ast::Expr& base);
  Typed VisitCall(ast::Expr& e);
  Typed VisitScalarCall(ast::Expr& e, const Builtin& b);
  Typed VisitAggregate(ast::Expr& e, const Builtin& b);
  Typed VisitUnary(ast::Expr& e);
  Typed VisitBinary(ast::Expr& e);
  Typed VisitIn(ast::Expr& e);
  Typed VisitIsNull(ast::Expr& e);
  Typed VisitRegexMatch(ast::Expr& e);

  // Name resolution steps; each returns true when it resolved the name.
  bool ResolveField(ast::Expr& e, Typed* out);
  bool ResolveVariable(ast::Expr& e, Typed* out);
  bool ResolveKey(ast::Expr& e, Typed* out);
  bool ResolveConstName(ast::Expr& e, Typed* out);
  void ReportUnknownName(ast::Expr& e);

  // Rejects a group outside an aggregate (type-mismatch at e).
  Typed Scalar(const Typed& t, const ast::Expr& e);
  // The group of a combination of operands (checks they range over one variable).
  bool MergeGroup(const Typed& a, const Typed& b, const ast::Expr& e, Typed* out);
  std::string Text(const ast::Expr& e) const;
  std::string TypeStr(const Type& t) const { return TypeName(t, ctx_.out.schema); }
  std::string_view VarName(int32_t var) const;
  bool InPattern() const {
    return scope_.kind == ExprScope::Kind::kAtomFilter ||
           scope_.kind == ExprScope::Kind::kPatternOutput;
  }

  CheckContext& ctx_;
  const ExprScope& scope_;
  int agg_depth_ = 0;                // > 0 while typing an aggregate's argument
  const Builtin* agg_ = nullptr;     // the aggregate being typed
};

// ---- operator_typer.cc helpers shared with call_typer.cc ----
// Whether values of a and b can be compared (==, <, in, min/max).
bool Comparable(const Type& a, const Type& b, bool ordering);
// int with float is float; null with T is T; else a when equal; else unknown.
Type CommonType(const Type& a, const Type& b);

// ---- regex_check.cc ----
// Compiles `pattern` with RE2 (flags: 'i' case-insensitive, 's' dot matches
// newline). Reports invalid-regex, pointing inside `pattern_range` at RE2's
// error_arg when it can find it there, else at `fallback`. `flags_range` is
// where the flag letters are written (invalid when unknown).
bool CheckRegex(CheckContext& ctx, const std::string& pattern, std::string_view flags,
                SourceRange pattern_range, SourceRange flags_range, SourceRange fallback);

}  // namespace cep::check

#endif  // CEP_COMPILER_CHECK_EXPR_TYPER_H_
