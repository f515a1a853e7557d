// QuoteForDump: a string as a double-quoted literal for the stable text
// dumps (AST, IR, NFA, bytecode): quotes, backslashes and \n \t \r escaped,
// other control bytes as \xHH; everything else as is.
#ifndef CEP_COMPILER_UTIL_QUOTE_H_
#define CEP_COMPILER_UTIL_QUOTE_H_

#include <string>
#include <string_view>

namespace cep {

inline std::string QuoteForDump(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "\"";
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\x";
          out += kHex[c >> 4];
          out += kHex[c & 0xf];
        } else {
          out.push_back(ch);
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace cep

#endif  // CEP_COMPILER_UTIL_QUOTE_H_
