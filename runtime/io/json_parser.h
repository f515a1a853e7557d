// JsonParser: the simdjson On-Demand parser the JSON readers (JSON Lines,
// CloudEvents) start each text with, made to give the same errors whichever
// simdjson kernel runs. Internal to runtime/io: it exposes simdjson types,
// so only .cc files include it.
//
// simdjson picks the kernel of its first stage (structural indexing, UTF-8
// validation, string unescaping) at run time: icelake, haswell or westmere
// on SIMD CPUs, the portable "fallback" on CPUs without SSE4.2/PCLMUL (such
// as some virtual machines' default CPU model), or the one named by the
// SIMDJSON_FORCE_IMPLEMENTATION environment variable. The SIMD kernels check
// the whole text; simdjson 3.0.1's fallback kernel checks UTF-8 and quote
// balance only inside strings, so a stray invalid byte or quote between
// values gives another error or none (`{"a":1}\xfe` would be "does not end
// with '}'", not "invalid UTF-8"). Under the fallback kernel this parser
// first runs the SIMD kernels' checks itself, in their order (an unclosed
// string, then a control character in a string, then invalid UTF-8), so
// messages are byte-identical on every CPU. SIMD kernels pay one branch.
// Tested by tests/unit/io_json_kernels_test.cc (every kernel the CPU runs,
// over a corpus of mutated lines).
#ifndef CEP_RUNTIME_IO_JSON_PARSER_H_
#define CEP_RUNTIME_IO_JSON_PARSER_H_

#include <cstddef>
#include <string_view>

#include <simdjson.h>

#include "runtime/io/line_reader.h"

namespace cep::rt::io {

// The first error the SIMD kernels' stage 1 finds in `text` (not blank):
// UNCLOSED_STRING, UNESCAPED_CHARS or UTF8_ERROR; SUCCESS if none.
simdjson::error_code SimdStage1Error(std::string_view text);

class JsonParser {
 public:
  // Allocates for texts of `capacity` bytes (best effort: Iterate grows it).
  explicit JsonParser(size_t capacity = 64 * 1024);

  // Starts parsing `text` (not blank), which must be followed in memory by
  // kLinePadding readable bytes (as LineReader guarantees). The document
  // stays valid until the next Iterate. Inline: it is on every line's path.
  simdjson::simdjson_result<simdjson::ondemand::document> Iterate(std::string_view text) {
    if (text.size() > parser_.capacity()) {
      if (auto e = Reserve(text.size())) return e;
    }
    if (!checks_whole_text_) {
      if (auto e = SimdStage1Error(text)) return e;
    }
    return parser_.iterate(text.data(), text.size(), text.size() + kLinePadding);
  }

 private:
  // Grows the parser to hold `size` bytes (geometrically).
  simdjson::error_code Reserve(size_t size);

  simdjson::ondemand::parser parser_;
  // Whether the parser's kernel (the active one when it first allocated)
  // checks the whole text; if not, SimdStage1Error runs first.
  bool checks_whole_text_ = true;
};

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_JSON_PARSER_H_
