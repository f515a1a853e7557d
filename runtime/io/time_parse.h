// Event-time parsing and formatting for input and output: RFC 3339 / ISO 8601
// timestamps and epoch numbers in, RFC 3339 UTC out, all as int64
// nanoseconds since the Unix epoch (UTC). Exact to the nanosecond: no value
// goes through a double.
//
// Accepted timestamps: `YYYY-MM-DDTHH:MM:SS[.f{1,9}]ZONE` where the `T` may
// also be `t` or a space, the fraction separator `.` or `,`, and ZONE is
// `Z`, `z`, `+HH:MM`, `-HH:MM`, `+HHMM`, `-HHMM` or `+HH`/`-HH`. Seconds are
// required; a zone is required (a time without one names no instant).
// Digits past the ninth fractional one are accepted only if they are zeros.
// Leap seconds (`:60`) are rejected. The representable range is the int64
// range: 1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z.
//
// Epoch numbers: decimal text `-?D+(.D+)?([eE][+-]?D+)?` (a JSON number's
// token, or a numeric string) in seconds, ms, µs or ns. With EpochUnit::kAuto
// the unit comes from the magnitude of the number:
//   |v| < 1e11 -> seconds, |v| < 1e14 -> milliseconds,
//   |v| < 1e17 -> microseconds, otherwise nanoseconds.
// Every in-range seconds value is below 1e11, so seconds are always read
// right; a value in ms, µs or ns is read right when its instant is at least
// 1e8 s (about 3.2 years) from the epoch: before 1966-10-31T14:13:20Z or
// from 1973-03-03T09:46:40Z on. Nearer instants need an explicit unit.
// Digits finer than 1 ns are dropped (truncation toward zero).
//
// Tested by tests/unit/io_time_test.cc.
#ifndef CEP_RUNTIME_IO_TIME_PARSE_H_
#define CEP_RUNTIME_IO_TIME_PARSE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace cep::rt::io {

enum class EpochUnit : uint8_t { kAuto, kSeconds, kMillis, kMicros, kNanos };

// "auto", "s", "ms", "us" (also "µs"), "ns"; and the long forms "seconds",
// "milliseconds", "microseconds", "nanoseconds". InvalidArgument otherwise.
absl::StatusOr<EpochUnit> ParseEpochUnit(std::string_view name);
// "auto", "s", "ms", "us", "ns".
const char* EpochUnitName(EpochUnit unit);

// An RFC 3339 timestamp to ns since the epoch. InvalidArgument with a message
// like "invalid timestamp '2024-13-01T00:00:00Z': month 13 out of range".
absl::StatusOr<int64_t> ParseRfc3339(std::string_view text);

// Decimal epoch text (see above) to ns since the epoch, exactly.
// InvalidArgument for bad syntax ("invalid epoch number '12a'") or a value
// out of the int64 ns range ("epoch number '1e30' (s) out of range").
absl::StatusOr<int64_t> ParseEpoch(std::string_view text, EpochUnit unit);
// The same for an integer (e.g. one already parsed by the JSON parser).
absl::StatusOr<int64_t> EpochToNs(int64_t value, EpochUnit unit);

// True if `text` has the syntax ParseEpoch accepts (so a string holding it is
// an epoch number, not an RFC 3339 timestamp).
bool IsEpochNumber(std::string_view text);

// The unit kAuto picks for a number with `integer_digits` digits before the
// decimal point (no leading zeros; 0 for |v| < 1).
EpochUnit DetectEpochUnit(int integer_digits);

// RFC 3339 in UTC with the shortest exact fraction of 0, 3, 6 or 9 digits:
// "2024-01-02T03:04:05Z", "...05.120Z", "...05.000001Z", "...05.123456789Z".
// ParseRfc3339 of the result gives `ns` back.
void AppendRfc3339(int64_t ns, std::string* out);
std::string FormatRfc3339(int64_t ns);

// Days since 1970-01-01 of a proleptic Gregorian date, and back (exposed for
// tests; exact for any year representable in int32).
int64_t DaysFromCivil(int64_t year, int month, int day);
void CivilFromDays(int64_t days, int64_t* year, int* month, int* day);

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_TIME_PARSE_H_
