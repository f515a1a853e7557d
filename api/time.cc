// ParseTime / FormatTime (include/cep/time.h): the JSON input's and output's
// RFC 3339 conversions (runtime/io/time_parse.h).
// Tested by tests/unit/api_builder_test.cc.
#include "cep/time.h"

#include "runtime/io/time_parse.h"

namespace cep {

absl::StatusOr<int64_t> ParseTime(std::string_view rfc3339) {
  return rt::io::ParseRfc3339(rfc3339);
}

std::string FormatTime(int64_t ns_since_epoch) { return rt::io::FormatRfc3339(ns_since_epoch); }

}  // namespace cep
