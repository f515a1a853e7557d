// Spellings of AST enums, shared by the dump, diagnostics and later stages.
#include "compiler/ast/ast.h"
#include "compiler/ast/types.h"

namespace cep {

const char* TypeKindName(TypeKind k) {
  switch (k) {
    case TypeKind::kUnknown: return "unknown";
    case TypeKind::kNull: return "null";
    case TypeKind::kBool: return "bool";
    case TypeKind::kInt: return "int";
    case TypeKind::kFloat: return "float";
    case TypeKind::kString: return "string";
    case TypeKind::kTimestamp: return "timestamp";
    case TypeKind::kDuration: return "duration";
    case TypeKind::kEvent: return "event";
  }
  return "unknown";
}

namespace ast {

const char* OpSpelling(Op op) {
  switch (op) {
    case Op::kNone: return "?";
    case Op::kNeg: return "-";
    case Op::kNot: return "not";
    case Op::kMul: return "*";
    case Op::kDiv: return "/";
    case Op::kMod: return "%";
    case Op::kAdd: return "+";
    case Op::kSub: return "-";
    case Op::kLt: return "<";
    case Op::kLe: return "<=";
    case Op::kGt: return ">";
    case Op::kGe: return ">=";
    case Op::kEq: return "==";
    case Op::kNe: return "!=";
    case Op::kAnd: return "and";
    case Op::kOr: return "or";
  }
  return "?";
}

const char* SeqPolicyName(SeqPolicy p) {
  switch (p) {
    case SeqPolicy::kStrict: return "strict";
    case SeqPolicy::kRelaxed: return "relaxed";
    case SeqPolicy::kAny: return "any";
  }
  return "relaxed";
}

}  // namespace ast
}  // namespace cep
