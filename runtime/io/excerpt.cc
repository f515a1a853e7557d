// Printable excerpts of untrusted bytes for error messages (see excerpt.h).
// Tested by tests/unit/io_text_test.cc.
#include "runtime/io/excerpt.h"

#include <cstdint>

#include "runtime/io/utf8.h"

namespace cep::rt::io {
namespace {

void AppendHexEscape(uint8_t b, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->append("\\x");
  out->push_back(kHex[b >> 4]);
  out->push_back(kHex[b & 0xF]);
}

}  // namespace

std::string Excerpt(std::string_view text, size_t max_bytes) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const uint8_t b = static_cast<uint8_t>(text[i]);
    const size_t seq = b < 0x80 ? 1 : Utf8SequenceLength(text, i);
    const size_t n = seq == 0 ? 1 : seq;  // an invalid byte is escaped below
    if (i + n > max_bytes) {
      out.append("...");
      return out;
    }
    if (b >= 0x80 && seq != 0) {
      out.append(text.data() + i, n);
    } else if (b == '\n') {
      out.append("\\n");
    } else if (b == '\r') {
      out.append("\\r");
    } else if (b == '\t') {
      out.append("\\t");
    } else if (b < 0x20 || b >= 0x7F) {
      AppendHexEscape(b, &out);
    } else {
      out.push_back(static_cast<char>(b));
    }
    i += n;
  }
  return out;
}

}  // namespace cep::rt::io
