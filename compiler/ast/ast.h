// The .cep abstract syntax tree: our own plain nodes, each with a SourceRange.
// Built by parse/ (ANTLR never leaks past it), dumped by ast_dump.h, then
// annotated in place by check/: every Expr gets its Type and, for names, what
// the name resolved to. Later stages read only the annotated tree.
//
// Ownership is by unique_ptr; the parser bounds nesting depth (see
// parse/nesting_scan.h) so recursive walks cannot overflow the stack.
#ifndef CEP_COMPILER_AST_AST_H_
#define CEP_COMPILER_AST_AST_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ast/types.h"
#include "compiler/source/source_manager.h"

namespace cep::ast {

// An identifier as written, with its place.
struct Name {
  std::string text;
  SourceRange range;
  bool empty() const { return text.empty(); }
};

// ---------------------------------------------------------------- expressions

enum class ExprKind : uint8_t {
  kIntLit,       // int_value
  kFloatLit,     // float_value
  kDurationLit,  // int_value = nanoseconds; text = as written
  kStringLit,    // text = the unescaped value
  kBoolLit,      // bool_value
  kNullLit,
  kName,         // name: a variable, constant, field of the rule's event, prev, ...
  kField,        // args[0].name   (field access)
  kCall,         // name(args...)  (functions and aggregates)
  kUnary,        // op args[0]
  kBinary,       // args[0] op args[1]
  kIn,           // args[0] in [args[1..]]; negated for `not in`
  kIsNull,       // args[0] is null; negated for `is not null`
  kRegexMatch,   // args[0] =~ /text/flags; negated for !~
  kError,        // a place where the parser recovered from a syntax error
};

enum class Op : uint8_t {
  kNone,
  kNeg, kNot,                          // unary
  kMul, kDiv, kMod, kAdd, kSub,        // arithmetic
  kLt, kLe, kGt, kGe, kEq, kNe,        // comparison
  kAnd, kOr,                           // boolean, short-circuit
};
const char* OpSpelling(Op op);

// What a kName (or the base of a kField) resolved to; set by the checker.
enum class NameRef : uint8_t {
  kUnresolved,
  kConst,        // a `const`; decl_index = the checker's constant index
  kVariable,     // a pattern variable; decl_index = variable index in the rule
  kPrev,         // `prev`: the event matched just before the current one
  kField,        // a field of the current event (filters, from-rules); slot set
  kGroupKey,     // a `group by` / `partition by` key; decl_index = key index
};

struct Expr {
  ExprKind kind = ExprKind::kError;
  SourceRange range;
  Op op = Op::kNone;
  bool negated = false;         // kIn, kIsNull, kRegexMatch
  int64_t int_value = 0;        // kIntLit, kDurationLit (ns)
  double float_value = 0;       // kFloatLit
  bool bool_value = false;      // kBoolLit
  std::string text;             // kStringLit value, kDurationLit spelling, kRegexMatch pattern
  std::string regex_flags;      // kRegexMatch: letters after the closing slash
  SourceRange text_range;       // kRegexMatch: the pattern's bytes inside the literal
  Name name;                    // kName, kField (the field), kCall (the callee)
  std::vector<std::unique_ptr<Expr>> args;

  // ---- filled in by the checker ----
  Type type;
  NameRef ref = NameRef::kUnresolved;
  int32_t decl_index = -1;      // see NameRef
  int32_t slot = -1;            // field slot for kField / NameRef::kField
};
using ExprPtr = std::unique_ptr<Expr>;

// ---------------------------------------------------------------- patterns

enum class SeqPolicy : uint8_t {
  kStrict,   // `;`   the next event of the partition must match
  kRelaxed,  // `->`  skip-till-next-match (default)
  kAny,      // `->>` skip-till-any-match: every combination
};
const char* SeqPolicyName(SeqPolicy p);

enum class PatternKind : uint8_t {
  kAtom,    // [var:] Type[filter]
  kGroup,   // [var:] ( pattern )
  kAll,     // [var:] all(p1, p2, ...): every child, in any order
  kSeq,     // children joined by seq_ops (seq_ops.size() == children.size() - 1)
  kAlt,     // children separated by |
  kNot,     // !child [within window]: no matching event between neighbours
  kRepeat,  // child quantified
};

struct Quantifier {
  ExprPtr min_expr;            // int literal or const name
  ExprPtr max_expr;            // null: unbounded (or same as min for {n})
  bool exact = false;          // {n}
  bool greedy = true;          // false with a trailing ?
  SeqPolicy loop_policy = SeqPolicy::kRelaxed;  // between iterations
  SourceRange range;
  // ---- filled in by the checker ----
  int64_t min = 0;
  int64_t max = -1;            // -1: unbounded
};

struct Pattern {
  PatternKind kind = PatternKind::kAtom;
  SourceRange range;
  Name var;                    // binding, may be empty
  Name type_name;              // kAtom
  ExprPtr filter;              // kAtom: predicate in [ ], may be null
  std::vector<std::unique_ptr<Pattern>> children;
  std::vector<SeqPolicy> seq_ops;  // kSeq
  Quantifier quant;            // kRepeat
  std::unique_ptr<Pattern> until;  // kRepeat: loop ends at this atom (not taken)
  ExprPtr within;              // kNot: absence window

  // ---- filled in by the checker ----
  EventTypeId event_type = kNoEventType;  // kAtom
  int32_t var_index = -1;                 // index into Rule::variables
  int64_t within_ns = -1;                 // kNot: the folded absence window
};
using PatternPtr = std::unique_ptr<Pattern>;

// ---------------------------------------------------------------- rules

enum class WindowKind : uint8_t { kTumbling, kSliding, kSession, kCount };

struct WindowSpec {
  WindowKind kind = WindowKind::kTumbling;
  ExprPtr size;   // tumbling/sliding size, session gap, count size
  ExprPtr every;  // sliding hop, count hop (optional)
  SourceRange range;
};

struct PartitionKey {
  Name qualifier;  // event type, empty when the key applies to every type
  Name field;
  SourceRange range;
};

enum class AfterMatchKind : uint8_t {
  kSkipPastLast,  // default
  kSkipToNext,
  kSkipToFirst,
  kSkipToLast,
  kNoSkip,
};

struct AfterMatch {
  AfterMatchKind kind = AfterMatchKind::kSkipPastLast;
  Name var;  // kSkipToFirst / kSkipToLast
  SourceRange range;
};

struct EmitField {
  Name name;
  ExprPtr value;
};

struct EmitSpec {
  Name type_name;
  std::vector<EmitField> fields;
  SourceRange range;
  EventTypeId event_type = kNoEventType;  // checker
};

struct FromClause {
  Name type_name;
  ExprPtr filter;
  Name alias;
  SourceRange range;
  EventTypeId event_type = kNoEventType;  // checker
};

struct Suppress {
  std::vector<ExprPtr> keys;
  ExprPtr duration;
  SourceRange range;
};

struct Annotation {
  Name name;
  std::vector<ExprPtr> args;
  SourceRange range;
};

// A variable bound in a pattern (checker output).
struct Variable {
  Name name;
  EventTypeId event_type = kNoEventType;  // kNoEventType for groups/all
  bool repeated = false;                  // under a quantifier with max != 1
  const Pattern* decl = nullptr;
};

struct Rule {
  Name name;
  SourceRange range;
  std::vector<Annotation> annotations;
  PatternPtr pattern;
  std::optional<FromClause> from;
  std::optional<WindowSpec> window;
  std::vector<ExprPtr> group_by;
  ExprPtr having;
  std::vector<PartitionKey> partition_by;
  ExprPtr within;
  std::optional<AfterMatch> after_match;
  std::optional<EmitSpec> emit;
  std::optional<EmitSpec> timeout_emit;
  std::optional<Suppress> suppress;

  // ---- filled in by the checker ----
  std::vector<Variable> variables;
  int64_t within_ns = -1;  // -1: none
};

struct FieldDecl {
  Name name;
  Name type_name;
  bool optional = false;
  SourceRange range;
};

struct EventDecl {
  Name name;
  std::vector<FieldDecl> fields;
  std::vector<Annotation> annotations;
  SourceRange range;
};

struct ConstDecl {
  Name name;
  ExprPtr value;
  std::vector<Annotation> annotations;
  SourceRange range;
};

struct Import {
  std::string path;  // as written (unescaped)
  SourceRange range;
};

// One parsed file.
struct Module {
  FileId file = kNoFile;
  std::vector<Import> imports;
  std::vector<EventDecl> events;
  std::vector<ConstDecl> consts;
  std::vector<Rule> rules;
};

}  // namespace cep::ast

namespace cep::ast {

// Every module loaded for one compilation, with imports resolved by the
// driver (compiler/driver/load.h). Declarations are unique across the whole
// program; a module sees its own declarations and those of the modules it
// imports, directly or transitively.
struct Program {
  std::vector<Module> modules;                 // load order; roots first
  std::vector<std::vector<uint32_t>> imports;  // module index -> imported module indices
};

}  // namespace cep::ast

#endif  // CEP_COMPILER_AST_AST_H_
