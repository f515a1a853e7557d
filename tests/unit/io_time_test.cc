// Tests for runtime/io/time_parse.h: RFC 3339 parsing (forms, zones,
// fractions, exact range limits, messages), epoch numbers (units,
// auto-detection, exactness), and RFC 3339 formatting round trips.
#include "runtime/io/time_parse.h"

#include <cstdint>
#include <limits>
#include <string>

#include <doctest/doctest.h>

namespace cep::rt::io {
namespace {

constexpr int64_t kSec = 1'000'000'000;
// 2024-01-02T03:04:05Z
constexpr int64_t kBase = 1'704'164'645 * kSec;

int64_t Rfc(std::string_view text) {
  absl::StatusOr<int64_t> r = ParseRfc3339(text);
  INFO(text, " -> ", r.status().ToString());
  REQUIRE(r.ok());
  return *r;
}

std::string RfcError(std::string_view text) {
  absl::StatusOr<int64_t> r = ParseRfc3339(text);
  INFO(text);
  REQUIRE(!r.ok());
  CHECK(r.status().code() == absl::StatusCode::kInvalidArgument);
  return std::string(r.status().message());
}

int64_t Epoch(std::string_view text, EpochUnit unit = EpochUnit::kAuto) {
  absl::StatusOr<int64_t> r = ParseEpoch(text, unit);
  INFO(text, " -> ", r.status().ToString());
  REQUIRE(r.ok());
  return *r;
}

std::string EpochError(std::string_view text, EpochUnit unit = EpochUnit::kAuto) {
  absl::StatusOr<int64_t> r = ParseEpoch(text, unit);
  INFO(text);
  REQUIRE(!r.ok());
  return std::string(r.status().message());
}

TEST_CASE("civil date arithmetic") {
  CHECK(DaysFromCivil(1970, 1, 1) == 0);
  CHECK(DaysFromCivil(1970, 1, 2) == 1);
  CHECK(DaysFromCivil(1969, 12, 31) == -1);
  CHECK(DaysFromCivil(2000, 3, 1) == 11017);
  CHECK(DaysFromCivil(2024, 2, 29) == 19782);
  for (int64_t d = -800000; d <= 800000; d += 997) {
    int64_t y = 0;
    int m = 0, day = 0;
    CivilFromDays(d, &y, &m, &day);
    CHECK(DaysFromCivil(y, m, day) == d);
  }
}

TEST_CASE("RFC 3339: basic forms") {
  CHECK(Rfc("2024-01-02T03:04:05Z") == kBase);
  CHECK(Rfc("2024-01-02t03:04:05z") == kBase);
  CHECK(Rfc("2024-01-02 03:04:05Z") == kBase);
  CHECK(Rfc("1970-01-01T00:00:00Z") == 0);
  CHECK(Rfc("1969-12-31T23:59:59Z") == -kSec);
  CHECK(Rfc("2000-02-29T00:00:00Z") == 951782400 * kSec);
}

TEST_CASE("RFC 3339: fractions up to nanoseconds") {
  CHECK(Rfc("2024-01-02T03:04:05.1Z") == kBase + 100'000'000);
  CHECK(Rfc("2024-01-02T03:04:05.123Z") == kBase + 123'000'000);
  CHECK(Rfc("2024-01-02T03:04:05.123456Z") == kBase + 123'456'000);
  CHECK(Rfc("2024-01-02T03:04:05.123456789Z") == kBase + 123'456'789);
  CHECK(Rfc("2024-01-02T03:04:05,5Z") == kBase + 500'000'000);
  CHECK(Rfc("2024-01-02T03:04:05.000000001Z") == kBase + 1);
  // Zeros past the ninth digit lose nothing.
  CHECK(Rfc("2024-01-02T03:04:05.123456789000Z") == kBase + 123'456'789);
  CHECK(Rfc("1969-12-31T23:59:59.999999999Z") == -1);
}

TEST_CASE("RFC 3339: offsets") {
  CHECK(Rfc("2024-01-02T05:04:05+02:00") == kBase);
  CHECK(Rfc("2024-01-02T05:04:05+0200") == kBase);
  CHECK(Rfc("2024-01-02T05:04:05+02") == kBase);
  CHECK(Rfc("2024-01-01T22:34:05-04:30") == kBase);
  CHECK(Rfc("2024-01-02T03:04:05-00:00") == kBase);
  CHECK(Rfc("2024-01-02T05:04:05.123456789+02:00") == kBase + 123'456'789);
  CHECK(Rfc("2024-01-02T03:04:05+23:59") == kBase - (23 * 3600 + 59 * 60) * kSec);
}

TEST_CASE("RFC 3339: exact int64 range limits") {
  CHECK(Rfc("2262-04-11T23:47:16.854775807Z") == std::numeric_limits<int64_t>::max());
  CHECK(Rfc("1677-09-21T00:12:43.145224192Z") == std::numeric_limits<int64_t>::min());
  CHECK(RfcError("2262-04-11T23:47:16.854775808Z") ==
        "invalid timestamp '2262-04-11T23:47:16.854775808Z': out of range (timestamps must be "
        "between 1677-09-21T00:12:43.145224192Z and 2262-04-11T23:47:16.854775807Z)");
  CHECK(RfcError("1677-09-21T00:12:43.145224191Z").find("out of range") != std::string::npos);
  CHECK(RfcError("9999-12-31T23:59:59Z").find("out of range") != std::string::npos);
  CHECK(RfcError("0000-01-01T00:00:00Z").find("out of range") != std::string::npos);
  // The offset moves an in-range local time out of range.
  CHECK(RfcError("2262-04-11T23:47:16.854775807-00:01").find("out of range") !=
        std::string::npos);
}

TEST_CASE("RFC 3339: precise errors") {
  CHECK(RfcError("2024-13-01T00:00:00Z") ==
        "invalid timestamp '2024-13-01T00:00:00Z': month 13 out of range");
  CHECK(RfcError("2024-00-01T00:00:00Z") ==
        "invalid timestamp '2024-00-01T00:00:00Z': month 0 out of range");
  CHECK(RfcError("2023-02-29T00:00:00Z") ==
        "invalid timestamp '2023-02-29T00:00:00Z': day 29 out of range for 2023-02");
  CHECK(RfcError("2024-04-31T00:00:00Z") ==
        "invalid timestamp '2024-04-31T00:00:00Z': day 31 out of range for 2024-04");
  CHECK(RfcError("2024-01-02T24:00:00Z") ==
        "invalid timestamp '2024-01-02T24:00:00Z': hour 24 out of range");
  CHECK(RfcError("2024-01-02T03:60:00Z") ==
        "invalid timestamp '2024-01-02T03:60:00Z': minute 60 out of range");
  CHECK(RfcError("2024-01-02T03:04:60Z") ==
        "invalid timestamp '2024-01-02T03:04:60Z': leap second 60 is not supported");
  CHECK(RfcError("2024-01-02T03:04:61Z") ==
        "invalid timestamp '2024-01-02T03:04:61Z': second 61 out of range");
  CHECK(RfcError("2024-01-02T03:04:05") ==
        "invalid timestamp '2024-01-02T03:04:05': missing time zone (add 'Z' for UTC, or an "
        "offset like +02:00)");
  CHECK(RfcError("2024-01-02") ==
        "invalid timestamp '2024-01-02': missing the time of day (expected 'T' and HH:MM:SS)");
  CHECK(RfcError("2024-01-02X03:04:05Z") ==
        "invalid timestamp '2024-01-02X03:04:05Z': expected 'T' or a space between the date "
        "and the time");
  CHECK(RfcError("2024-1-02T03:04:05Z") ==
        "invalid timestamp '2024-1-02T03:04:05Z': expected a date as YYYY-MM-DD");
  CHECK(RfcError("2024-01-02T3:04:05Z") ==
        "invalid timestamp '2024-01-02T3:04:05Z': expected a time of day as HH:MM:SS");
  CHECK(RfcError("2024-01-02T03:04Z") ==
        "invalid timestamp '2024-01-02T03:04Z': expected a time of day as HH:MM:SS");
  CHECK(RfcError("2024-01-02T03:04:05.Z") ==
        "invalid timestamp '2024-01-02T03:04:05.Z': expected digits after the decimal point");
  CHECK(RfcError("2024-01-02T03:04:05.1234567891Z") ==
        "invalid timestamp '2024-01-02T03:04:05.1234567891Z': more than 9 fractional digits "
        "(finer than a nanosecond)");
  CHECK(RfcError("2024-01-02T03:04:05+2:00") ==
        "invalid timestamp '2024-01-02T03:04:05+2:00': invalid time zone offset (expected "
        "+HH:MM, +HHMM or Z)");
  CHECK(RfcError("2024-01-02T03:04:05+24:00") ==
        "invalid timestamp '2024-01-02T03:04:05+24:00': time zone offset out of range");
  CHECK(RfcError("2024-01-02T03:04:05+02:60") ==
        "invalid timestamp '2024-01-02T03:04:05+02:60': time zone offset out of range");
  CHECK(RfcError("2024-01-02T03:04:05Zjunk") ==
        "invalid timestamp '2024-01-02T03:04:05Zjunk': unexpected text 'junk' after the time "
        "zone");
  CHECK(RfcError("2024-01-02T03:04:05 UTC") ==
        "invalid timestamp '2024-01-02T03:04:05 UTC': unexpected ' ' where the fraction or "
        "time zone should be");
  CHECK(RfcError("") == "invalid timestamp '': expected a date as YYYY-MM-DD");
  CHECK(RfcError("yesterday") == "invalid timestamp 'yesterday': expected a date as YYYY-MM-DD");
}

TEST_CASE("RFC 3339: messages quote long or binary text safely") {
  std::string long_text = "2024-01-02T03:04:05Z" + std::string(200, 'x');
  std::string m = RfcError(long_text);
  CHECK(m.size() < 200);
  CHECK(m.find("...") != std::string::npos);
  CHECK(RfcError(std::string("2024\n01", 7)) ==
        "invalid timestamp '2024\\n01': expected a date as YYYY-MM-DD");
  CHECK(RfcError(std::string("\0\xff", 2)) ==
        "invalid timestamp '\\x00\\xff': expected a date as YYYY-MM-DD");
}

TEST_CASE("epoch numbers with explicit units") {
  CHECK(Epoch("1700000000", EpochUnit::kSeconds) == 1'700'000'000 * kSec);
  CHECK(Epoch("1700000000123", EpochUnit::kMillis) == 1'700'000'000'123'000'000);
  CHECK(Epoch("1700000000123456", EpochUnit::kMicros) == 1'700'000'000'123'456'000);
  CHECK(Epoch("1700000000123456789", EpochUnit::kNanos) == 1'700'000'000'123'456'789);
  CHECK(Epoch("5", EpochUnit::kMillis) == 5'000'000);
  CHECK(Epoch("-1", EpochUnit::kSeconds) == -kSec);
  CHECK(Epoch("0") == 0);
  CHECK(Epoch("-0") == 0);
}

TEST_CASE("epoch numbers with fractions and exponents are exact") {
  CHECK(Epoch("1700000000.123456789", EpochUnit::kSeconds) == 1'700'000'000'123'456'789);
  CHECK(Epoch("1700000000.5") == 1'700'000'000'500'000'000);
  CHECK(Epoch("1.7e9") == 1'700'000'000 * kSec);
  CHECK(Epoch("1.7E+9") == 1'700'000'000 * kSec);
  CHECK(Epoch("17e8") == 1'700'000'000 * kSec);
  CHECK(Epoch("1700000000123.5", EpochUnit::kMillis) == 1'700'000'000'123'500'000);
  CHECK(Epoch("0.000000001", EpochUnit::kSeconds) == 1);
  // Digits below a nanosecond are dropped (toward zero).
  CHECK(Epoch("0.0000000019", EpochUnit::kSeconds) == 1);
  CHECK(Epoch("-0.0000000019", EpochUnit::kSeconds) == -1);
  CHECK(Epoch("1700000000123456789.9", EpochUnit::kNanos) == 1'700'000'000'123'456'789);
  CHECK(Epoch("1e-100000000", EpochUnit::kSeconds) == 0);
  CHECK(Epoch("000001.5", EpochUnit::kSeconds) == 1'500'000'000);
}

TEST_CASE("epoch unit auto-detection by magnitude") {
  CHECK(DetectEpochUnit(0) == EpochUnit::kSeconds);
  CHECK(DetectEpochUnit(11) == EpochUnit::kSeconds);  // < 1e11
  CHECK(DetectEpochUnit(12) == EpochUnit::kMillis);
  CHECK(DetectEpochUnit(14) == EpochUnit::kMillis);   // < 1e14
  CHECK(DetectEpochUnit(15) == EpochUnit::kMicros);
  CHECK(DetectEpochUnit(17) == EpochUnit::kMicros);   // < 1e17
  CHECK(DetectEpochUnit(18) == EpochUnit::kNanos);
  const int64_t t = 1'700'000'000'123'456'789;
  CHECK(Epoch("1700000000") == 1'700'000'000 * kSec);
  CHECK(Epoch("1700000000123") == 1'700'000'000'123'000'000);
  CHECK(Epoch("1700000000123456") == 1'700'000'000'123'456'000);
  CHECK(Epoch("1700000000123456789") == t);
  // 1e11 - 1 is seconds (and out of the ns range); 1e11 is milliseconds.
  CHECK(EpochError("99999999999").find("(s) out of range") != std::string::npos);
  CHECK(Epoch("100000000000") == 100'000'000'000'000'000);
  CHECK(Epoch("1e11") == 100'000'000'000'000'000);
  CHECK(Epoch("9000000000.5") == 9'000'000'000'500'000'000);  // seconds
  // The top of each band is past 2262, so out of range in its unit.
  CHECK(EpochError("99999999999999").find("(ms) out of range") != std::string::npos);
  CHECK(Epoch("100000000000000") == 100'000'000'000'000'000);  // 1e14: us
  CHECK(EpochError("99999999999999999").find("(us) out of range") != std::string::npos);
  CHECK(Epoch("100000000000000000") == 100'000'000'000'000'000);  // 1e17: ns
  CHECK(Epoch("9223372036854") == 9'223'372'036'854'000'000);     // ms
  CHECK(Epoch("9223372036854775") == 9'223'372'036'854'775'000);  // us
  CHECK(Epoch("-1700000000123") == -1'700'000'000'123'000'000);
  CHECK(Epoch("1.7000000001234568e18") == 1'700'000'000'123'456'800);
}

TEST_CASE("epoch numbers: range and syntax errors") {
  CHECK(Epoch("9223372036854775807", EpochUnit::kNanos) == std::numeric_limits<int64_t>::max());
  CHECK(Epoch("-9223372036854775808", EpochUnit::kNanos) ==
        std::numeric_limits<int64_t>::min());
  CHECK(EpochError("9223372036854775808", EpochUnit::kNanos) ==
        "epoch number '9223372036854775808' (ns) out of range (the limit is about 292 years "
        "either side of 1970)");
  CHECK(EpochError("9223372037", EpochUnit::kSeconds).find("out of range") != std::string::npos);
  CHECK(Epoch("9223372036", EpochUnit::kSeconds) == 9'223'372'036 * kSec);
  CHECK(EpochError("1e30").find("(ns) out of range") != std::string::npos);
  CHECK(EpochError("123456789012345678901234567890").find("out of range") != std::string::npos);
  CHECK(EpochError("12a") == "invalid epoch number '12a'");
  CHECK(EpochError("") == "invalid epoch number ''");
  CHECK(EpochError("-") == "invalid epoch number '-'");
  CHECK(EpochError("1.") == "invalid epoch number '1.'");
  CHECK(EpochError(".5") == "invalid epoch number '.5'");
  CHECK(EpochError("1e") == "invalid epoch number '1e'");
  CHECK(EpochError(" 1") == "invalid epoch number ' 1'");
  CHECK(EpochError("+1") == "invalid epoch number '+1'");
  CHECK(IsEpochNumber("1700000000"));
  CHECK(IsEpochNumber("-1.5e3"));
  CHECK_FALSE(IsEpochNumber("2024-01-02"));
  CHECK_FALSE(IsEpochNumber("2024-01-02T03:04:05Z"));
}

TEST_CASE("EpochToNs for integers") {
  CHECK(*EpochToNs(1'700'000'000, EpochUnit::kAuto) == 1'700'000'000 * kSec);
  CHECK(*EpochToNs(1'700'000'000'123, EpochUnit::kAuto) == 1'700'000'000'123'000'000);
  CHECK(*EpochToNs(-5, EpochUnit::kMillis) == -5'000'000);
  CHECK(*EpochToNs(std::numeric_limits<int64_t>::min(), EpochUnit::kAuto) ==
        std::numeric_limits<int64_t>::min());
  CHECK_FALSE(EpochToNs(std::numeric_limits<int64_t>::max(), EpochUnit::kSeconds).ok());
}

TEST_CASE("epoch unit names") {
  CHECK(*ParseEpochUnit("auto") == EpochUnit::kAuto);
  CHECK(*ParseEpochUnit("s") == EpochUnit::kSeconds);
  CHECK(*ParseEpochUnit("ms") == EpochUnit::kMillis);
  CHECK(*ParseEpochUnit("us") == EpochUnit::kMicros);
  CHECK(*ParseEpochUnit("\xC2\xB5s") == EpochUnit::kMicros);
  CHECK(*ParseEpochUnit("nanoseconds") == EpochUnit::kNanos);
  CHECK(ParseEpochUnit("fortnights").status().message() ==
        "unknown epoch unit 'fortnights'; expected auto, s, ms, us or ns");
  CHECK(std::string(EpochUnitName(EpochUnit::kMicros)) == "us");
}

TEST_CASE("formatting uses the shortest exact fraction") {
  CHECK(FormatRfc3339(kBase) == "2024-01-02T03:04:05Z");
  CHECK(FormatRfc3339(kBase + 120'000'000) == "2024-01-02T03:04:05.120Z");
  CHECK(FormatRfc3339(kBase + 1'000) == "2024-01-02T03:04:05.000001Z");
  CHECK(FormatRfc3339(kBase + 123'456'789) == "2024-01-02T03:04:05.123456789Z");
  CHECK(FormatRfc3339(kBase + 1) == "2024-01-02T03:04:05.000000001Z");
  CHECK(FormatRfc3339(0) == "1970-01-01T00:00:00Z");
  CHECK(FormatRfc3339(-1) == "1969-12-31T23:59:59.999999999Z");
  CHECK(FormatRfc3339(std::numeric_limits<int64_t>::max()) == "2262-04-11T23:47:16.854775807Z");
  CHECK(FormatRfc3339(std::numeric_limits<int64_t>::min()) == "1677-09-21T00:12:43.145224192Z");
  std::string out = "x=";
  AppendRfc3339(kBase, &out);
  CHECK(out == "x=2024-01-02T03:04:05Z");
}

TEST_CASE("format and parse round-trip exactly") {
  const int64_t samples[] = {0,
                             1,
                             -1,
                             999'999'999,
                             -999'999'999,
                             kBase,
                             kBase + 7,
                             951'782'400 * kSec - 1,  // just before 2000-02-29
                             -86'400 * kSec * 365 * 100 + 123'456'000,
                             std::numeric_limits<int64_t>::max(),
                             std::numeric_limits<int64_t>::min(),
                             std::numeric_limits<int64_t>::min() + 1,
                             std::numeric_limits<int64_t>::max() - 1};
  for (int64_t ns : samples) {
    INFO(ns);
    CHECK(Rfc(FormatRfc3339(ns)) == ns);
  }
  // A pseudo-random sweep over the whole range.
  uint64_t x = 0x9E3779B97F4A7C15ull;
  for (int k = 0; k < 20000; ++k) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    const int64_t ns = static_cast<int64_t>(x);
    const std::string text = FormatRfc3339(ns);
    absl::StatusOr<int64_t> back = ParseRfc3339(text);
    REQUIRE(back.ok());
    CHECK(*back == ns);
  }
}

}  // namespace
}  // namespace cep::rt::io
