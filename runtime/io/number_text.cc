// Number tokens (see number_text.h).
// Tested by tests/unit/io_csv_test.cc.
#include "runtime/io/number_text.h"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace cep::rt::io {

bool IsJsonNumber(std::string_view t) {
  size_t i = 0;
  const auto digit = [&](size_t k) { return k < t.size() && t[k] >= '0' && t[k] <= '9'; };
  if (i < t.size() && t[i] == '-') ++i;
  if (!digit(i)) return false;
  if (t[i] == '0') {
    ++i;
  } else {
    while (digit(i)) ++i;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  return i == t.size();
}

bool NumberScalar(std::string_view text, JsonScalar* out) {
  if (!IsJsonNumber(text)) return false;
  *out = JsonScalar();
  out->text = text;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (text.find_first_of(".eE") == std::string_view::npos) {
    auto [ptr, ec] = std::from_chars(begin, end, out->i);
    if (ec == std::errc() && ptr == end) {
      out->kind = JsonKind::kInt;
      return true;
    }
    if (text[0] != '-') {
      auto [uptr, uec] = std::from_chars(begin, end, out->u);
      if (uec == std::errc() && uptr == end) {
        out->kind = JsonKind::kUint;
        return true;
      }
    }
    out->kind = JsonKind::kBigNumber;
    return true;
  }
  auto [ptr, ec] = std::from_chars(begin, end, out->f);
  out->kind = ec == std::errc() && ptr == end && std::isfinite(out->f) ? JsonKind::kFloat
                                                                       : JsonKind::kBigNumber;
  return true;
}

}  // namespace cep::rt::io
