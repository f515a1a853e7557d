// The scalar builtins of the evaluator (builtins.h), by BuiltinId. The
// decisions (code points, clamping, formatting, parsing) are listed at the
// top of expr_eval.cc. Computed strings go to the scratch arena.
// Tested by tests/unit/expr_eval_test.cc.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

#include "compiler/check/const_value.h"
#include "re2/re2.h"
#include "runtime/expr_scratch.h"
#include "runtime/io/time_parse.h"

namespace cep::rt::internal {
namespace {

using check::BuiltinId;

constexpr double kEarthRadiusKm = 6371.0088;
constexpr double kPi = 3.14159265358979323846;

double Num(const Value& v) { return v.tag == Tag::kFloat ? v.f : static_cast<double>(v.i); }

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsSpace(s[b])) ++b;
  while (e > b && IsSpace(s[e - 1])) --e;
  return s.substr(b, e - b);
}

// Byte offset of code point `n` in `s` (s.size() when s has fewer).
size_t CodePointOffset(std::string_view s, int64_t n) {
  size_t i = 0;
  int64_t seen = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == n) return i;
      ++seen;
    }
  }
  return s.size();
}

void AppendFloat(double v, std::string* out) {
  if (std::isnan(v)) {
    out->append("NaN");
    return;
  }
  if (std::isinf(v)) {
    out->append(v < 0 ? "-Infinity" : "Infinity");
    return;
  }
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  std::string_view text(buf, static_cast<size_t>(r.ptr - buf));
  out->append(text);
  if (text.find_first_of(".e") == std::string_view::npos) out->append(".0");
}

std::optional<double> ParseDouble(std::string_view s) {
  s = Trim(s);
  if (s.empty()) return std::nullopt;
  if (s[0] == '+') s.remove_prefix(1);  // from_chars takes '-' only
  double v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

// A double truncated toward zero, when it fits in int64.
std::optional<int64_t> Truncate(double d) {
  if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) return std::nullopt;
  return static_cast<int64_t>(std::trunc(d));
}

std::optional<int64_t> ParseInt(std::string_view s) {
  s = Trim(s);
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  if (s.empty() || s[0] == '+') return std::nullopt;
  int64_t v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec == std::errc() && r.ptr == s.data() + s.size()) return v;
  if (r.ec == std::errc::result_out_of_range) return std::nullopt;
  std::optional<double> d = ParseDouble(s);
  if (!d.has_value() || std::isinf(*d)) return std::nullopt;
  return Truncate(*d);
}

Value Store(EvalScratch& scratch, std::string_view s) {
  return Value::String(scratch.arena.Store(s));
}

// ASCII case mapping; returns the argument itself when nothing changes.
Value MapCase(const Value& v, bool upper, EvalScratch& scratch) {
  std::string_view s = v.str();
  size_t i = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z')) break;
  }
  if (i == s.size()) return v;
  std::string& t = scratch.text;
  t.assign(s.data(), s.size());
  for (size_t j = i; j < t.size(); ++j) {
    char& c = t[j];
    if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return Store(scratch, t);
}

bool Less(const Value& a, const Value& b) {
  if (a.tag == Tag::kString && b.tag == Tag::kString) return a.str() < b.str();
  if (a.tag == Tag::kFloat || b.tag == Tag::kFloat) return Num(a) < Num(b);
  return a.i < b.i;
}

double Radians(double deg) { return deg * (kPi / 180.0); }

const re2::RE2* RuntimeRegex(EvalScratch& scratch, std::string_view pattern) {
  auto it = scratch.regexes.find(std::string(pattern));
  if (it != scratch.regexes.end()) return it->second.get();
  re2::RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  const re2::RE2* out = re.get();
  scratch.regexes.emplace(std::string(pattern), std::move(re));
  return out;
}

}  // namespace

int64_t CodePoints(std::string_view s) {
  int64_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

void AppendValueText(const Value& v, std::string* out) {
  char buf[24];
  switch (v.tag) {
    case Tag::kNull: out->append("null"); return;
    case Tag::kBool: out->append(v.b ? "true" : "false"); return;
    case Tag::kInt: {
      auto r = std::to_chars(buf, buf + sizeof buf, v.i);
      out->append(buf, r.ptr);
      return;
    }
    case Tag::kFloat: AppendFloat(v.f, out); return;
    case Tag::kString: out->append(v.s, v.len); return;
    case Tag::kTimestamp: io::AppendRfc3339(v.i, out); return;
    case Tag::kDuration: out->append(check::FormatDuration(v.i)); return;
    case Tag::kEvent: out->append("<event>"); return;
  }
}

Value CallBuiltin(BuiltinId id, const Value* args, uint32_t argc, EvalScratch& scratch) {
  if (id == BuiltinId::kIf) {  // a null condition is not true: the else branch
    if (argc != 3) return Value::Null();
    return args[0].tag == Tag::kBool && args[0].b ? args[1] : args[2];
  }
  if (id == BuiltinId::kCoalesce) {
    for (uint32_t i = 0; i < argc; ++i) {
      if (!args[i].is_null()) return args[i];
    }
    return Value::Null();
  }
  for (uint32_t i = 0; i < argc; ++i) {
    if (args[i].is_null()) return Value::Null();
  }
  if (argc == 0) return Value::Null();
  const Value& x = args[0];
  switch (id) {
    case BuiltinId::kLength: return Value::Int(CodePoints(x.str()));
    case BuiltinId::kLower: return MapCase(x, /*upper=*/false, scratch);
    case BuiltinId::kUpper: return MapCase(x, /*upper=*/true, scratch);
    case BuiltinId::kTrim: return Value::String(Trim(x.str()));
    case BuiltinId::kContains:
      return argc < 2 ? Value::Null()
                      : Value::Bool(x.str().find(args[1].str()) != std::string_view::npos);
    case BuiltinId::kStartsWith:
      return argc < 2 ? Value::Null() : Value::Bool(x.str().starts_with(args[1].str()));
    case BuiltinId::kEndsWith:
      return argc < 2 ? Value::Null() : Value::Bool(x.str().ends_with(args[1].str()));
    case BuiltinId::kSubstr: {
      if (argc < 2) return Value::Null();
      std::string_view s = x.str();
      int64_t start = std::max<int64_t>(args[1].i, 0);
      size_t b = CodePointOffset(s, start);
      size_t e = s.size();
      if (argc >= 3) {
        int64_t len = args[2].i;
        if (len <= 0) return Value::String(std::string_view("", 0));
        // start + len may overflow: count from b instead.
        e = b + CodePointOffset(s.substr(b), len);
      }
      return Value::String(s.substr(b, e - b));
    }
    case BuiltinId::kConcat: {
      std::string& t = scratch.text;
      t.clear();
      for (uint32_t i = 0; i < argc; ++i) AppendValueText(args[i], &t);
      return Store(scratch, t);
    }
    case BuiltinId::kToString: {
      if (x.tag == Tag::kString) return x;
      std::string& t = scratch.text;
      t.clear();
      AppendValueText(x, &t);
      return Store(scratch, t);
    }
    case BuiltinId::kAbs:
      switch (x.tag) {
        case Tag::kFloat: return Value::Float(std::fabs(x.f));
        case Tag::kInt:
          return Value::Int(x.i < 0 ? static_cast<int64_t>(0 - static_cast<uint64_t>(x.i)) : x.i);
        case Tag::kDuration:
          return Value::Duration(
              x.i < 0 ? static_cast<int64_t>(0 - static_cast<uint64_t>(x.i)) : x.i);
        default: return Value::Null();
      }
    case BuiltinId::kRound:
      return x.tag == Tag::kFloat ? Value::Float(std::round(x.f)) : x;
    case BuiltinId::kFloor:
      return x.tag == Tag::kFloat ? Value::Float(std::floor(x.f)) : x;
    case BuiltinId::kCeil:
      return x.tag == Tag::kFloat ? Value::Float(std::ceil(x.f)) : x;
    case BuiltinId::kSqrt: return Value::Float(std::sqrt(Num(x)));
    case BuiltinId::kMinOf:
    case BuiltinId::kMaxOf: {
      if (argc < 2) return Value::Null();
      Value a = x, b = args[1];
      if (a.tag != b.tag && (a.tag == Tag::kFloat || b.tag == Tag::kFloat)) {
        a = Value::Float(Num(a));
        b = Value::Float(Num(b));
      }
      if (a.tag == Tag::kFloat) {  // a NaN loses to a number
        if (std::isnan(a.f)) return b;
        if (std::isnan(b.f)) return a;
      }
      bool take_b = id == BuiltinId::kMinOf ? Less(b, a) : Less(a, b);
      return take_b ? b : a;
    }
    case BuiltinId::kToInt:
      switch (x.tag) {
        case Tag::kInt: return x;
        case Tag::kBool: return Value::Int(x.b ? 1 : 0);
        case Tag::kFloat: {
          std::optional<int64_t> v = Truncate(x.f);
          return v.has_value() ? Value::Int(*v) : Value::Null();
        }
        case Tag::kString: {
          std::optional<int64_t> v = ParseInt(x.str());
          return v.has_value() ? Value::Int(*v) : Value::Null();
        }
        default: return Value::Null();
      }
    case BuiltinId::kToFloat:
      switch (x.tag) {
        case Tag::kInt: return Value::Float(static_cast<double>(x.i));
        case Tag::kFloat: return x;
        case Tag::kString: {
          std::optional<double> v = ParseDouble(x.str());
          return v.has_value() ? Value::Float(*v) : Value::Null();
        }
        default: return Value::Null();
      }
    case BuiltinId::kTimestamp: {
      if (x.tag != Tag::kString) return x.tag == Tag::kTimestamp ? x : Value::Null();
      absl::StatusOr<int64_t> ns = io::ParseRfc3339(x.str());
      return ns.ok() ? Value::Timestamp(*ns) : Value::Null();
    }
    case BuiltinId::kMatches: {
      if (argc < 2 || args[1].tag != Tag::kString) return Value::Null();
      const re2::RE2* re = RuntimeRegex(scratch, args[1].str());
      if (!re->ok()) return Value::Null();
      return Value::Bool(re2::RE2::PartialMatch(re2::StringPiece(x.s, x.len), *re));
    }
    case BuiltinId::kGeoDistanceKm: {
      if (argc < 4) return Value::Null();
      double lat1 = Radians(Num(args[0])), lon1 = Radians(Num(args[1]));
      double lat2 = Radians(Num(args[2])), lon2 = Radians(Num(args[3]));
      double dlat = lat2 - lat1, dlon = lon2 - lon1;
      double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                 std::cos(lat1) * std::cos(lat2) * std::sin(dlon / 2) * std::sin(dlon / 2);
      h = std::min(1.0, std::max(0.0, h));
      return Value::Float(2 * kEarthRadiusKm * std::asin(std::sqrt(h)));
    }
    default:
      return Value::Null();
  }
}

}  // namespace cep::rt::internal
