// The semantic checker: resolves names, types every expression, proves that
// pattern state is bounded, annotates the AST in place and hands later stages
// a CheckedProgram (checked_program.h). Reports every problem to the
// DiagnosticEngine: it never throws and never stops at the first error; an
// erroneous expression gets TypeKind::kUnknown, which silences every
// diagnostic about the expressions that contain it (no cascades).
//
// Files (compiler/check/): checker.cc (this entry point), scopes.cc,
// declarations.cc, schema_builder.cc, const_eval.cc, rule_graph.cc,
// rule_checker.cc, rule_shape.cc, annotations.cc, pattern_binder.cc,
// pattern_flow.cc, state_bounds.cc, partition_check.cc, pattern_filters.cc,
// window_rule.cc, emit_check.cc, expr_typer.cc, operator_typer.cc,
// call_typer.cc, regex_check.cc, builtins.cc, schema.cc, const_value.cc;
// check_testing.h is a header-only helper FOR TESTS ONLY.
// Tested by tests/unit/check_*_test.cc.
//
// ============================================================ annotations
// On the AST, after Check():
//   Expr::type        every expression; Type::group for the values of a
//                     repeated variable (or of a window's events) inside an
//                     aggregate's argument; kUnknown where an error was reported
//   Expr::ref         kName: what the name is (and the `v` of `v.f`):
//                     kConst    decl_index = index into CheckedProgram::consts
//                     kVariable decl_index = index into Rule::variables
//                     kPrev     `prev` (its type: Event of the predecessor's type,
//                               or of kNoEventType when several types can precede)
//                     kField    slot = the current event's field slot
//                     kGroupKey decl_index = key position (partition by / group by)
//   Expr::slot        kField (`v.f`, `prev.f`): the field's slot; -1 for prev.f
//                     when the predecessor types hold f at different slots
//                     (look it up per type in the Schema)
//   Expr::decl_index  kCall: index into Builtins() (builtins.h)
//   Pattern::event_type (atoms, also negated and `until` atoms), ::var_index,
//   Quantifier::min/max (-1 = unbounded), Rule::within_ns (-1: none or invalid),
//   FromClause::event_type, EmitSpec::event_type (kNoEventType on error).
//   Rule::variables: pattern variables in binding order (a name bound in two
//   alternatives is one variable); for a `from` rule its `as` alias (decl ==
//   nullptr; repeated when the rule has a window).
// Slot 0 of every event type is the built-in `time` (timestamp); declared
// fields follow in order.
// Quantifiers: when Quantifier::min_expr is null (`?`, `*`, `+`) the parser
// has set min/max itself; otherwise the checker evaluates min_expr/max_expr
// (`exact` means {n}).
//
// ============================================================ language rules
// Beyond docs/language.md, the checker implements these decisions:
//
// Scoping. Event types, consts and rules are unique across the whole program
// (separate namespaces: a rule and the type it emits may share a name). A
// module sees its own declarations and those of the modules it imports,
// transitively. Derived event types belong to the module of the rule that
// first emits them.
//
// Nulls. Only optional fields (`T?`), fields of a variable whose step may be
// skipped (under `?`, `*`, `{0,n}` or one side of `|`), under `on timeout
// emit` every variable but the one bound by the step that starts every match,
// `prev` on an atom that can start a match, and functions of such values can
// be null. Arithmetic and scalar functions with a null
// operand give null (coalesce excepted). Every comparison (`== != < <= > >=`,
// `in`, `not in`, `=~`, `!~`) with a null operand is false, so
// `x != 1` and `x not in [..]` are false too when x is null, while
// `not (x == 1)` is true. In `and` / `or` / `not` a null bool counts as false.
// Comparing with the literal null is an error (null-comparison): write
// `x is null`. `is [not] null` on a value that cannot be null is a warning
// (never-null).
//
// Types. int and float mix (to float); `/` on ints truncates; `%` works on
// numbers and durations. string + string concatenates (string + int is an
// error: use concat(), which accepts any values, or to_string()). Durations
// scale by numbers (rounded to the ns), duration / duration is a float.
// Booleans compare with == and != only; events do not compare. `in [..]`
// follows ==. Regex literals accept the flags i and s.
//
// Constants. `const` values may use literals, arithmetic and comparison,
// other consts (declared anywhere visible; cycles are not-constant) and the
// functions timestamp, abs, min, max, coalesce, length, lower, upper, trim,
// to_float. A const cannot be null. int overflow is constant-overflow.
//
// Patterns.
//  - A variable name is bound once per pattern; the same name may be bound in
//    two alternatives of `|` when both bind the same event type (then it is
//    one variable). A negated event cannot be bound.
//  - Only a single atom can be negated (`!T[...]`), not a group.
//  - A filter reads, by bare name: the atom's fields, then variables bound by
//    earlier steps (the atom's own variable too: for a repeated one, the
//    events taken so far including this one), then `prev`, then consts. A
//    variable bound by a later step, an all() sibling or another `|`
//    alternative is unknown-variable. A variable naming a group or all() is
//    bound only when it completes; it cannot be read as an event.
//  - A variable is repeated when any enclosing quantifier allows more than
//    one iteration; its events and fields are groups, legal only inside an
//    aggregate (`sum(b.amount)`, `last(b).price`); an aggregate's argument
//    may combine one repeated variable with single values
//    (`sum(b.qty * b.price * a.rate)`), never two repeated variables.
//  - `prev.f` needs f, with one type, in every event type that can precede
//    the atom (pattern_flow.cc); `prev` alone only when one type can.
//  - `until T[cond]` ends a loop at an event that is not taken; `until [cond]`
//    tests events of the loop's own type. Both are inputs of the rule.
//  - Quantifier bounds are int literals or int consts, 1000 at most.
// Aggregates (builtins.h). count(v) counts events, count(v.f) non-null values;
// a window fires only when it holds events, so window aggregates of non-null
// values are never null;
// count() without an argument exists only for windows. distinct / count_distinct
// count distinct non-null values. sum/count/distinct of no values are 0; avg,
// min, max, first, last, stddev, percentile of no values are null. Aggregates
// cannot be nested, nor used in a `from` filter, a window-less `from` rule or
// a const (misplaced-aggregate).
//
// State bounds (state_bounds.cc). Beyond the required rules: a negation that
// can be the first step (even after an optional step), that is an
// alternative of its own, a branch of all() or quantified is
// invalid-negation. `->>` or a loop's `any` policy with an unbounded loop is
// an exponential-matches warning even under `within` (within bounds time,
// not the number of combinations).
//
// Rules. `group by` and `having` need a `window` (missing-clause): without
// one their state would grow forever. `group by` keys are fields of the from
// type (bare or through the alias); outputs name them bare. The `as` alias of
// `from` is a variable: the current event in the filter, the window's events
// (a group) in `having`, `emit` and `suppress`. A field of a windowed rule's
// output that is neither a key nor inside an aggregate is ungrouped-field.
// Partition keys: outputs may name a key bare; with per-type keys any of the
// key's field names works (NameRef::kGroupKey, decl_index = key position).
// Other fields in a pattern rule's output must be qualified (`ok.user`).
//
// Emit. `time` cannot be assigned: an emitted event takes the time of the
// event that completed the match (window rules: the window's end). A value
// that may be null assigned to a required field of a declared type is an
// optional-field-use warning (use coalesce). A field value cannot be a whole
// event. Rules emitting the same undeclared type must emit the same field
// names; int and float widen to float; a field that may be null in any of
// them is optional. Rules that feed each other through emitted events,
// directly or through other rules, are a rule-cycle error.
//
// Annotations. @severity("low"|"medium"|"high"|"critical") and @tags on
// rules, @doc anywhere; arguments are constant strings; given twice is
// duplicate-annotation; anything else is an unknown-annotation warning.
//
// Unused variables are fine: a binding names the events it takes in every
// derived event's `events` references, so it is useful even when no
// expression reads it.
#ifndef CEP_COMPILER_CHECK_CHECKER_H_
#define CEP_COMPILER_CHECK_CHECKER_H_

#include "compiler/ast/ast.h"
#include "compiler/check/checked_program.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/source/source_manager.h"

namespace cep::check {

// Resolves names, types every expression, proves state bounds; annotates the
// AST in place; reports every problem to `diags` (never throws, never stops
// at the first error; suppresses cascades by giving erroneous exprs
// TypeKind::kUnknown). `program` must outlive the result, which points into
// it. Later stages should run only when diags has no errors.
CheckedProgram Check(ast::Program& program, const SourceManager& sources,
                     DiagnosticEngine& diags);

}  // namespace cep::check

#endif  // CEP_COMPILER_CHECK_CHECKER_H_
