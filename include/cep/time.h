// Public API: event times. Every time in the API is int64 nanoseconds since
// the Unix epoch (UTC), every duration int64 nanoseconds; these convert to
// and from RFC 3339 text exactly as JSON input and output do.
// Tested by tests/unit/api_builder_test.cc.
#ifndef CEP_TIME_H_
#define CEP_TIME_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace cep {

inline constexpr int64_t kNanosPerSecond = 1'000'000'000;

// "2024-06-01T09:00:00Z", "2024-06-01T11:00:00.5+02:00", ...; a zone is
// required. InvalidArgument says what is wrong.
absl::StatusOr<int64_t> ParseTime(std::string_view rfc3339);
// RFC 3339 in UTC with the shortest exact fraction: "2024-06-01T09:00:00.25Z".
std::string FormatTime(int64_t ns_since_epoch);

}  // namespace cep

#endif  // CEP_TIME_H_
