// See parse_result.h.
// Tested by tests/unit/io_jsonl_test.cc.
#include "runtime/io/parse_result.h"

#include "compiler/util/strcat.h"

namespace cep::rt::io {

std::string FormatLineError(std::string_view path, const LineError& error) {
  return StrCat(path, ":", error.line, ": ", error.message);
}

}  // namespace cep::rt::io
