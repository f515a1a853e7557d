// expr::Dump (see program.h): one instruction per line, "index: mnemonic
// operands", constants and regexes inline, then one block per aggregate with
// its argument's code indented, then the per-type field tables. Stable: tests
// and `cep dump --stage=ir` compare it as text.
#include <charconv>
#include <string>

#include "compiler/check/builtins.h"
#include "compiler/check/const_value.h"
#include "compiler/expr/program.h"
#include "compiler/util/quote.h"
#include "compiler/util/strcat.h"
#include "re2/re2.h"

namespace cep::expr {
namespace {

const char* CmpName(uint8_t x) {
  switch (static_cast<CmpOp>(x)) {
    case CmpOp::kEq: return "==";
    case CmpOp::kNe: return "!=";
    case CmpOp::kLt: return "<";
    case CmpOp::kLe: return "<=";
    case CmpOp::kGt: return ">";
    case CmpOp::kGe: return ">=";
  }
  return "?";
}

std::string_view BuiltinName(uint32_t id) {
  for (const check::Builtin& b : check::Builtins()) {
    if (static_cast<uint32_t>(b.id) == id) return b.name;
  }
  return "?";
}


std::string ConstText(const Const& c) {
  switch (c.kind) {
    case TypeKind::kInt: return StrCat("int ", c.i);
    case TypeKind::kFloat: return StrCat("float ", c.f);
    case TypeKind::kBool: return c.i != 0 ? "bool true" : "bool false";
    case TypeKind::kString: return StrCat("string ", QuoteForDump(c.text));
    case TypeKind::kDuration: return StrCat("duration ", check::FormatDuration(c.i));
    case TypeKind::kTimestamp:
      return StrCat("timestamp ", check::ConstValue::Timestamp(c.i).ToString());
    case TypeKind::kNull: return "null";
    default: return StrCat(TypeKindName(c.kind), " ?");
  }
}

const char* Mnemonic(Op op) {
  switch (op) {
    case Op::kConst: return "const";
    case Op::kField: return "field";
    case Op::kVarEvent: return "var";
    case Op::kPrevEvent: return "prev";
    case Op::kKey: return "key";
    case Op::kEventField: return "event.field";
    case Op::kEventFieldByType: return "event.field_by_type";
    case Op::kAggregate: return "agg";
    case Op::kIntToFloat: return "int_to_float";
    case Op::kNegInt: return "neg.int";
    case Op::kNegFloat: return "neg.float";
    case Op::kNegDuration: return "neg.duration";
    case Op::kAddInt: return "add.int";
    case Op::kAddFloat: return "add.float";
    case Op::kAddDuration: return "add.duration";
    case Op::kAddTimeDuration: return "add.time_duration";
    case Op::kAddDurationTime: return "add.duration_time";
    case Op::kConcat: return "concat";
    case Op::kSubInt: return "sub.int";
    case Op::kSubFloat: return "sub.float";
    case Op::kSubDuration: return "sub.duration";
    case Op::kSubTimeDuration: return "sub.time_duration";
    case Op::kSubTimeTime: return "sub.time_time";
    case Op::kMulInt: return "mul.int";
    case Op::kMulFloat: return "mul.float";
    case Op::kMulDurationNum: return "mul.duration_num";
    case Op::kMulNumDuration: return "mul.num_duration";
    case Op::kDivInt: return "div.int";
    case Op::kDivFloat: return "div.float";
    case Op::kDivDurationNum: return "div.duration_num";
    case Op::kDivDurationDuration: return "div.duration_duration";
    case Op::kModInt: return "mod.int";
    case Op::kModFloat: return "mod.float";
    case Op::kModDuration: return "mod.duration";
    case Op::kCmpInt: return "cmp.int";
    case Op::kCmpFloat: return "cmp.float";
    case Op::kCmpString: return "cmp.string";
    case Op::kCmpBool: return "cmp.bool";
    case Op::kNot: return "not";
    case Op::kJumpIfFalse: return "jump_if_false";
    case Op::kJumpIfTrue: return "jump_if_true";
    case Op::kToBool: return "to_bool";
    case Op::kIn: return "in";
    case Op::kIsNull: return "is_null";
    case Op::kRegex: return "regex";
    case Op::kCall: return "call";
  }
  return "?";
}

std::string RegexText(const Program& p, uint32_t i) {
  if (i >= p.regexes.size() || p.regexes[i] == nullptr) return "?";
  const re2::RE2& re = *p.regexes[i];
  std::string flags;
  if (!re.options().case_sensitive()) flags += 'i';
  if (re.options().dot_nl()) flags += 's';
  return StrCat("/", re.pattern(), "/", flags);
}

std::string InstrText(const Program& p, const Instr& in) {
  std::string out = Mnemonic(in.op);
  switch (in.op) {
    case Op::kConst:
      out += StrCat(" ", in.a, " (",
                    in.a < p.consts.size() ? ConstText(p.consts[in.a]) : std::string("?"), ")");
      break;
    case Op::kField: case Op::kVarEvent: case Op::kKey: case Op::kEventField:
    case Op::kEventFieldByType: case Op::kAggregate: case Op::kJumpIfFalse:
    case Op::kJumpIfTrue:
      out += StrCat(" ", in.a);
      break;
    case Op::kCmpInt: case Op::kCmpFloat: case Op::kCmpString: case Op::kCmpBool:
      out += StrCat(" ", CmpName(in.x));
      break;
    case Op::kIn:
      out = StrCat(in.x != 0 ? "not_in " : "in ", in.a);
      break;
    case Op::kIsNull:
      out = in.x != 0 ? "is_not_null" : "is_null";
      break;
    case Op::kRegex:
      out = StrCat(in.x == 2 ? "matches " : in.x != 0 ? "not_regex " : "regex ", in.a, " ",
                   RegexText(p, in.a));
      break;
    case Op::kCall:
      out += StrCat(" ", BuiltinName(in.a), "/", static_cast<int>(in.x));
      break;
    default:
      break;
  }
  return out;
}

void DumpCode(const Program& p, const std::vector<Instr>& code, std::string_view indent,
              std::string& out) {
  for (size_t i = 0; i < code.size(); ++i) {
    out += StrCat(indent, i, ": ", InstrText(p, code[i]), "\n");
  }
}

std::string AggVar(int32_t var) {
  if (var == -2) return "window";
  return StrCat("var ", var);
}

}  // namespace

std::string Dump(const Program& p) {
  std::string out;
  DumpCode(p, p.code, "", out);
  for (size_t i = 0; i < p.aggs.size(); ++i) {
    const Aggregate& a = p.aggs[i];
    out += StrCat("agg ", i, ": ", BuiltinName(a.builtin), " over ", AggVar(a.var), " (",
                  TypeKindName(a.arg_kind), " -> ", TypeKindName(a.result_kind), ")");
    if (static_cast<check::BuiltinId>(a.builtin) == check::BuiltinId::kPercentile) {
      out += StrCat(" p=", a.percentile);
    }
    if (a.arg.empty()) out += " of the events";
    out += "\n";
    DumpCode(p, a.arg, "  ", out);
  }
  for (size_t i = 0; i < p.field_by_type.size(); ++i) {
    out += StrCat("fields ", i, ":");
    for (size_t t = 0; t < p.field_by_type[i].size(); ++t) {
      out += StrCat(" ", t, "=", p.field_by_type[i][t]);
    }
    out += "\n";
  }
  return out;
}

}  // namespace cep::expr
