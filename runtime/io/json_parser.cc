// The On-Demand parser with kernel-independent errors (see json_parser.h).
// Tested by tests/unit/io_json_kernels_test.cc.
#include "runtime/io/json_parser.h"

#include <algorithm>

namespace cep::rt::io {

simdjson::error_code SimdStage1Error(std::string_view text) {
  // Most lines are ASCII without a backslash or control byte: then only the
  // parity of the quotes matters. One pass without branches over bytes
  // (GCC 12 vectorizes it at -O3 as written: byte accumulators, a sum).
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  unsigned char special = 0;  // any byte < 0x20, >= 0x80, or a backslash
  unsigned char quotes = 0;   // the number of quotes, modulo 256
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = bytes[i];
    special |= static_cast<unsigned char>(
        (static_cast<unsigned char>(c - 0x20) >= 0x60) | (c == '\\'));
    quotes += static_cast<unsigned char>(c == '"');
  }
  if (special == 0) return (quotes & 1) != 0 ? simdjson::UNCLOSED_STRING : simdjson::SUCCESS;

  // As simdjson's generic stage 1 (json_string_scanner): a quote counts
  // unless an odd run of backslashes precedes it, inside strings or not; a
  // byte <= 0x1F between an opening and a closing quote is unescaped.
  bool in_string = false;
  bool escaped = false;
  bool unescaped = false;
  for (char c : text) {
    if (escaped) {
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
    } else if (c == '"') {
      in_string = !in_string;
      continue;
    }
    if (in_string && static_cast<unsigned char>(c) <= 0x1F) unescaped = true;
  }
  if (in_string) return simdjson::UNCLOSED_STRING;
  if (unescaped) return simdjson::UNESCAPED_CHARS;
  if (!simdjson::validate_utf8(text.data(), text.size())) return simdjson::UTF8_ERROR;
  return simdjson::SUCCESS;
}

JsonParser::JsonParser(size_t capacity) {
  simdjson::error_code preallocated = Reserve(capacity);
  (void)preallocated;  // best effort: Iterate allocates on demand
}

simdjson::error_code JsonParser::Reserve(size_t size) {
  if (size <= parser_.capacity()) return simdjson::SUCCESS;
  if (parser_.capacity() == 0) {
    // The parser takes the active kernel on its first allocation.
    checks_whole_text_ = simdjson::get_active_implementation()->name() != "fallback";
  }
  // Grow geometrically rather than to each new longest text.
  return parser_.allocate(std::max(size, 2 * parser_.capacity()));
}

}  // namespace cep::rt::io
