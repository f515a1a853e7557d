// See literals.h.
#include "compiler/parse/literals.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "compiler/util/strcat.h"
#include "compiler/diag/suggest.h"
#include "compiler/util/utf8.h"

namespace cep::parse {
namespace {


int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

struct Unit {
  std::string_view name;
  int64_t ns;
};
constexpr Unit kUnits[] = {
    {"ns", 1},
    {"us", 1000},
    {"ms", 1000 * 1000},
    {"s", int64_t{1000} * 1000 * 1000},
    {"m", int64_t{60} * 1000 * 1000 * 1000},
    {"h", int64_t{3600} * 1000 * 1000 * 1000},
    {"d", int64_t{86400} * 1000 * 1000 * 1000},
    {"w", int64_t{7} * 86400 * 1000 * 1000 * 1000},
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

}  // namespace

std::optional<LiteralError> DecodeString(std::string_view quoted, std::string* out) {
  out->clear();
  if (quoted.size() < 2) return LiteralError{DiagKind::kUnterminatedString, 0,
                                             static_cast<uint32_t>(quoted.size()),
                                             "unterminated string literal"};
  std::string_view body = quoted.substr(1, quoted.size() - 2);
  out->reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '\\') {
      out->push_back(c);
      continue;
    }
    uint32_t esc_begin = static_cast<uint32_t>(i + 1);  // +1 for the opening quote
    if (i + 1 >= body.size()) {
      return LiteralError{DiagKind::kInvalidEscape, esc_begin, esc_begin + 1,
                          "a backslash cannot end a string"};
    }
    char e = body[++i];
    switch (e) {
      case 'n': out->push_back('\n'); break;
      case 't': out->push_back('\t'); break;
      case 'r': out->push_back('\r'); break;
      case '0': out->push_back('\0'); break;
      case '\\': out->push_back('\\'); break;
      case '"': out->push_back('"'); break;
      case '\'': out->push_back('\''); break;
      case '/': out->push_back('/'); break;
      case 'u': {
        size_t j = i + 1;
        if (j >= body.size() || body[j] != '{') {
          return LiteralError{DiagKind::kInvalidEscape, esc_begin,
                              static_cast<uint32_t>(j + 1),
                              "\\u must be followed by {hex digits}, as in \\u{1F600}"};
        }
        uint32_t cp = 0;
        size_t k = j + 1;
        int digits = 0;
        while (k < body.size() && HexValue(body[k]) >= 0 && digits < 7) {
          cp = cp * 16 + static_cast<uint32_t>(HexValue(body[k]));
          ++k;
          ++digits;
        }
        if (k >= body.size() || body[k] != '}' || digits == 0 || digits > 6 ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
          uint32_t end = static_cast<uint32_t>(std::min(k + 1, body.size()) + 1);
          return LiteralError{DiagKind::kInvalidEscape, esc_begin, end,
                              "invalid Unicode escape: expected \\u{...} with 1 to 6 hex "
                              "digits naming a Unicode scalar value"};
        }
        AppendUtf8(cp, out);
        i = k;
        break;
      }
      default: {
        std::string shown = (static_cast<unsigned char>(e) >= 0x20 &&
                             static_cast<unsigned char>(e) < 0x7f)
                                ? std::string(1, e)
                                : StrCat("<", static_cast<int>(static_cast<unsigned char>(e)), ">");
        return LiteralError{DiagKind::kInvalidEscape, esc_begin, esc_begin + 2,
                            StrCat("unknown escape sequence '\\", shown,
                                         "'; valid escapes are \\n \\t \\r \\0 \\\\ \\\" \\' \\/ "
                                         "\\u{...}")};
      }
    }
  }
  return std::nullopt;
}

std::optional<LiteralError> DecodeDuration(std::string_view text, int64_t* ns) {
  // Components: number unit, number unit, ...  e.g. 1h30m, 1.5s
  long double total = 0;
  size_t i = 0;
  const uint32_t n = static_cast<uint32_t>(text.size());
  while (i < text.size()) {
    size_t num_begin = i;
    while (i < text.size() && (IsDigit(text[i]) || text[i] == '.')) ++i;
    if (i == num_begin) {
      return LiteralError{DiagKind::kInvalidDuration, static_cast<uint32_t>(i), n,
                          StrCat("invalid duration '", text,
                                       "': expected a number before each unit")};
    }
    size_t unit_begin = i;
    while (i < text.size() && (IsAlpha(text[i]))) ++i;
    std::string_view number = text.substr(num_begin, unit_begin - num_begin);
    std::string_view unit = text.substr(unit_begin, i - unit_begin);
    // A component ends at the next digit; anything else (digits glued after
    // an unknown word) is folded into the unit for the message.
    const Unit* found = nullptr;
    for (const Unit& u : kUnits) {
      if (u.name == unit) found = &u;
    }
    if (found == nullptr) {
      // Take the rest of the identifier-like text for the message.
      size_t rest = i;
      while (rest < text.size() && (IsAlpha(text[rest]) || IsDigit(text[rest]))) ++rest;
      std::string_view whole_unit = text.substr(unit_begin, rest - unit_begin);
      std::vector<std::string_view> names;
      for (const Unit& u : kUnits) names.push_back(u.name);
      std::string hint = DidYouMean(whole_unit, names);
      // Spelled-out units are the usual slip: suggest the literal itself.
      static constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
          {"min", "m"}, {"mins", "m"}, {"minute", "m"}, {"minutes", "m"},
          {"sec", "s"}, {"secs", "s"}, {"second", "s"}, {"seconds", "s"},
          {"hr", "h"}, {"hrs", "h"}, {"hour", "h"}, {"hours", "h"},
          {"day", "d"}, {"days", "d"}, {"week", "w"}, {"weeks", "w"},
          {"msec", "ms"}, {"msecs", "ms"}, {"millis", "ms"}, {"usec", "us"}, {"nsec", "ns"},
      };
      for (const auto& [alias, unit] : kAliases) {
        if (whole_unit == alias && rest == text.size()) {
          hint = StrCat("; did you mean '", text.substr(0, unit_begin), unit, "'?");
        }
      }
      if (unit_begin == i) {
        return LiteralError{DiagKind::kInvalidDuration, static_cast<uint32_t>(num_begin), n,
                            StrCat("invalid duration '", text, "'")};
      }
      return LiteralError{DiagKind::kInvalidDuration, static_cast<uint32_t>(unit_begin),
                          static_cast<uint32_t>(rest),
                          StrCat("unknown duration unit '", whole_unit, "' in '", text,
                                       "'", hint.empty() ? "; valid units are ns, us, ms, s, m, h, d, w" : hint)};
    }
    std::string num(number);
    errno = 0;
    char* end = nullptr;
    long double value = std::strtold(num.c_str(), &end);
    if (end != num.c_str() + num.size() || errno == ERANGE) {
      return LiteralError{DiagKind::kInvalidDuration, static_cast<uint32_t>(num_begin),
                          static_cast<uint32_t>(unit_begin),
                          StrCat("invalid number '", number, "' in duration")};
    }
    total += value * static_cast<long double>(found->ns);
    if (total > static_cast<long double>(INT64_MAX)) {
      return LiteralError{DiagKind::kLiteralOutOfRange, 0, n,
                          StrCat("duration '", text, "' is too long (the limit is about 292 years)")};
    }
  }
  *ns = static_cast<int64_t>(std::llroundl(total));
  return std::nullopt;
}

std::optional<LiteralError> DecodeInt(std::string_view text, bool negative, int64_t* out) {
  uint64_t limit = negative ? uint64_t{1} << 63 : static_cast<uint64_t>(INT64_MAX);
  uint64_t v = 0;
  for (char c : text) {
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (limit - d) / 10) {
      return LiteralError{DiagKind::kLiteralOutOfRange, 0, static_cast<uint32_t>(text.size()),
                          StrCat("integer literal '", negative ? "-" : "", text,
                                       "' does not fit in a 64-bit int")};
    }
    v = v * 10 + d;
  }
  *out = negative ? static_cast<int64_t>(0 - v) : static_cast<int64_t>(v);
  return std::nullopt;
}

std::optional<LiteralError> DecodeFloat(std::string_view text, double* out) {
  std::string s(text);
  errno = 0;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || std::isinf(v) || (errno == ERANGE && v != 0)) {
    return LiteralError{DiagKind::kLiteralOutOfRange, 0, static_cast<uint32_t>(text.size()),
                        StrCat("float literal '", text, "' is out of range")};
  }
  *out = v;
  return std::nullopt;
}

}  // namespace cep::parse
