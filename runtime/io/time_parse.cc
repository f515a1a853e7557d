// RFC 3339 and epoch-number parsing, RFC 3339 formatting (see time_parse.h).
// Civil-date arithmetic after Howard Hinnant's days_from_civil /
// civil_from_days; the nanosecond sum is done in 128 bits so the range check
// is exact at both ends of int64.
// Tested by tests/unit/io_time_test.cc.
#include "runtime/io/time_parse.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>

#include "absl/status/status.h"
#include "compiler/util/strcat.h"
#include "runtime/io/excerpt.h"

namespace cep::rt::io {
namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kSecondsPerDay = 86'400;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsLeapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` digits at text[*pos]; false if there are not n digits.
bool ReadDigits(std::string_view text, size_t* pos, int n, int* out) {
  if (*pos + n > text.size()) return false;
  int v = 0;
  for (int k = 0; k < n; ++k) {
    char c = text[*pos + k];
    if (!IsDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

// The parser of one RFC 3339 timestamp; Fail() builds the message.
class Rfc3339Parser {
 public:
  explicit Rfc3339Parser(std::string_view text) : text_(text) {}

  absl::StatusOr<int64_t> Parse() {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!ReadDigits(text_, &pos_, 4, &year) || !Expect('-') ||
        !ReadDigits(text_, &pos_, 2, &month) || !Expect('-') ||
        !ReadDigits(text_, &pos_, 2, &day)) {
      return Fail("expected a date as YYYY-MM-DD");
    }
    if (month < 1 || month > 12) return Fail(StrCat("month ", month, " out of range"));
    if (day < 1 || day > DaysInMonth(year, month)) {
      return Fail(StrCat("day ", day, " out of range for ", text_.substr(0, 7)));
    }
    if (pos_ >= text_.size()) return Fail("missing the time of day (expected 'T' and HH:MM:SS)");
    char sep = text_[pos_];
    if (sep != 'T' && sep != 't' && sep != ' ') {
      return Fail("expected 'T' or a space between the date and the time");
    }
    ++pos_;
    if (!ReadDigits(text_, &pos_, 2, &hour) || !Expect(':') ||
        !ReadDigits(text_, &pos_, 2, &minute) || !Expect(':') ||
        !ReadDigits(text_, &pos_, 2, &second)) {
      return Fail("expected a time of day as HH:MM:SS");
    }
    if (hour > 23) return Fail(StrCat("hour ", hour, " out of range"));
    if (minute > 59) return Fail(StrCat("minute ", minute, " out of range"));
    if (second == 60) return Fail("leap second 60 is not supported");
    if (second > 59) return Fail(StrCat("second ", second, " out of range"));

    int64_t nanos = 0;
    if (pos_ < text_.size() && (text_[pos_] == '.' || text_[pos_] == ',')) {
      ++pos_;
      size_t begin = pos_;
      while (pos_ < text_.size() && IsDigit(text_[pos_])) {
        size_t k = pos_ - begin;
        if (k < 9) {
          nanos = nanos * 10 + (text_[pos_] - '0');
        } else if (text_[pos_] != '0') {
          return Fail("more than 9 fractional digits (finer than a nanosecond)");
        }
        ++pos_;
      }
      size_t digits = pos_ - begin;
      if (digits == 0) return Fail("expected digits after the decimal point");
      for (size_t k = digits; k < 9; ++k) nanos *= 10;
    }

    int64_t offset_seconds = 0;
    if (pos_ >= text_.size()) {
      return Fail("missing time zone (add 'Z' for UTC, or an offset like +02:00)");
    }
    char z = text_[pos_];
    if (z == 'Z' || z == 'z') {
      ++pos_;
    } else if (z == '+' || z == '-') {
      ++pos_;
      int oh = 0, om = 0;
      if (!ReadDigits(text_, &pos_, 2, &oh)) {
        return Fail("invalid time zone offset (expected +HH:MM, +HHMM or Z)");
      }
      if (pos_ < text_.size() && text_[pos_] == ':') {
        ++pos_;
        if (!ReadDigits(text_, &pos_, 2, &om)) {
          return Fail("invalid time zone offset (expected +HH:MM, +HHMM or Z)");
        }
      } else if (pos_ < text_.size() && IsDigit(text_[pos_])) {
        if (!ReadDigits(text_, &pos_, 2, &om)) {
          return Fail("invalid time zone offset (expected +HH:MM, +HHMM or Z)");
        }
      }
      if (oh > 23 || om > 59) return Fail("time zone offset out of range");
      offset_seconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
    } else {
      return Fail(StrCat("unexpected '", Excerpt(text_.substr(pos_, 1)),
                         "' where the fraction or time zone should be"));
    }
    if (pos_ != text_.size()) {
      return Fail(StrCat("unexpected text '", Excerpt(text_.substr(pos_), 16),
                         "' after the time zone"));
    }

    const int64_t days = DaysFromCivil(year, month, day);
    const int64_t seconds =
        days * kSecondsPerDay + hour * 3600 + minute * 60 + second - offset_seconds;
    const __int128 ns = static_cast<__int128>(seconds) * kNanosPerSecond + nanos;
    if (ns < std::numeric_limits<int64_t>::min() || ns > std::numeric_limits<int64_t>::max()) {
      return Fail(
          "out of range (timestamps must be between 1677-09-21T00:12:43.145224192Z and "
          "2262-04-11T23:47:16.854775807Z)");
    }
    return static_cast<int64_t>(ns);
  }

 private:
  bool Expect(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  absl::Status Fail(std::string_view why) const {
    return absl::InvalidArgumentError(
        StrCat("invalid timestamp '", Excerpt(text_), "': ", why));
  }

  std::string_view text_;
  size_t pos_ = 0;
};

// The parts of a decimal number's text: value = digits(int_part frac_part)
// * 10^(exponent - frac_part.size()).
struct DecimalParts {
  bool negative = false;
  std::string_view int_part;
  std::string_view frac_part;
  int64_t exponent = 0;  // clamped to +-1e6: beyond that the value is 0 or out of range
};

bool SplitDecimal(std::string_view text, DecimalParts* parts) {
  size_t i = 0;
  if (i < text.size() && text[i] == '-') {
    parts->negative = true;
    ++i;
  }
  size_t begin = i;
  while (i < text.size() && IsDigit(text[i])) ++i;
  if (i == begin) return false;
  parts->int_part = text.substr(begin, i - begin);
  if (i < text.size() && text[i] == '.') {
    ++i;
    begin = i;
    while (i < text.size() && IsDigit(text[i])) ++i;
    if (i == begin) return false;
    parts->frac_part = text.substr(begin, i - begin);
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
      exp_negative = text[i] == '-';
      ++i;
    }
    begin = i;
    int64_t e = 0;
    while (i < text.size() && IsDigit(text[i])) {
      if (e < 1'000'000) e = e * 10 + (text[i] - '0');
      ++i;
    }
    if (i == begin) return false;
    parts->exponent = exp_negative ? -e : e;
  }
  return i == text.size();
}

int UnitExponent(EpochUnit unit) {
  switch (unit) {
    case EpochUnit::kSeconds: return 9;
    case EpochUnit::kMillis: return 6;
    case EpochUnit::kMicros: return 3;
    case EpochUnit::kNanos:
    case EpochUnit::kAuto: return 0;
  }
  return 0;
}

int CountDigits(uint64_t v) {
  int n = 0;
  while (v != 0) {
    v /= 10;
    ++n;
  }
  return n;
}

absl::Status EpochOutOfRange(std::string_view text, EpochUnit unit) {
  return absl::InvalidArgumentError(
      StrCat("epoch number '", Excerpt(text), "' (", EpochUnitName(unit),
             ") out of range (the limit is about 292 years either side of 1970)"));
}

}  // namespace

absl::StatusOr<EpochUnit> ParseEpochUnit(std::string_view name) {
  if (name == "auto") return EpochUnit::kAuto;
  if (name == "s" || name == "seconds") return EpochUnit::kSeconds;
  if (name == "ms" || name == "milliseconds") return EpochUnit::kMillis;
  if (name == "us" || name == "\xC2\xB5s" || name == "microseconds") return EpochUnit::kMicros;
  if (name == "ns" || name == "nanoseconds") return EpochUnit::kNanos;
  return absl::InvalidArgumentError(StrCat("unknown epoch unit '", Excerpt(name),
                                           "'; expected auto, s, ms, us or ns"));
}

const char* EpochUnitName(EpochUnit unit) {
  switch (unit) {
    case EpochUnit::kAuto: return "auto";
    case EpochUnit::kSeconds: return "s";
    case EpochUnit::kMillis: return "ms";
    case EpochUnit::kMicros: return "us";
    case EpochUnit::kNanos: return "ns";
  }
  return "auto";
}

int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;                                   // [0, 399]
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;  // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           // [0, 146096]
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int64_t* year, int* month, int* day) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;                                 // [0, 146096]
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);         // [0, 365]
  const int64_t mp = (5 * doy + 2) / 153;                              // [0, 11]
  *day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2);
}

absl::StatusOr<int64_t> ParseRfc3339(std::string_view text) {
  return Rfc3339Parser(text).Parse();
}

bool IsEpochNumber(std::string_view text) {
  DecimalParts parts;
  return SplitDecimal(text, &parts);
}

EpochUnit DetectEpochUnit(int integer_digits) {
  if (integer_digits <= 11) return EpochUnit::kSeconds;  // |v| < 1e11
  if (integer_digits <= 14) return EpochUnit::kMillis;   // |v| < 1e14
  if (integer_digits <= 17) return EpochUnit::kMicros;   // |v| < 1e17
  return EpochUnit::kNanos;
}

absl::StatusOr<int64_t> ParseEpoch(std::string_view text, EpochUnit unit) {
  DecimalParts parts;
  if (!SplitDecimal(text, &parts)) {
    return absl::InvalidArgumentError(StrCat("invalid epoch number '", Excerpt(text), "'"));
  }
  // The significant digits, across the integer and fraction parts.
  const size_t total = parts.int_part.size() + parts.frac_part.size();
  const auto digit = [&](size_t k) {
    return k < parts.int_part.size() ? parts.int_part[k]
                                     : parts.frac_part[k - parts.int_part.size()];
  };
  size_t first = 0;
  while (first < total && digit(first) == '0') ++first;
  if (first == total) return int64_t{0};
  const int64_t ndigits = static_cast<int64_t>(total - first);
  const int64_t exp10 = parts.exponent - static_cast<int64_t>(parts.frac_part.size());
  const int64_t integer_digits = ndigits + exp10;  // digits before the point
  if (unit == EpochUnit::kAuto) {
    unit = DetectEpochUnit(static_cast<int>(std::max<int64_t>(
        0, std::min<int64_t>(integer_digits, 100))));
  }
  // ns = digits * 10^(exp10 + unit exponent), truncated toward zero.
  const int64_t result_digits = integer_digits + UnitExponent(unit);
  if (result_digits > 19) return EpochOutOfRange(text, unit);  // >= 1e19 > 2^63
  uint64_t magnitude = 0;
  for (int64_t k = 0; k < result_digits; ++k) {
    const int d = k < ndigits ? digit(first + static_cast<size_t>(k)) - '0' : 0;
    magnitude = magnitude * 10 + static_cast<uint64_t>(d);  // < 1e19: no overflow
  }
  const uint64_t limit = parts.negative
                             ? uint64_t{1} << 63
                             : static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if (magnitude > limit) return EpochOutOfRange(text, unit);
  return parts.negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
}

absl::StatusOr<int64_t> EpochToNs(int64_t value, EpochUnit unit) {
  const uint64_t magnitude =
      value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  if (unit == EpochUnit::kAuto) unit = DetectEpochUnit(CountDigits(magnitude));
  int64_t scale = 1;
  for (int k = 0; k < UnitExponent(unit); ++k) scale *= 10;
  int64_t ns = 0;
  if (__builtin_mul_overflow(value, scale, &ns)) {
    return EpochOutOfRange(StrCat(value), unit);
  }
  return ns;
}

void AppendRfc3339(int64_t ns, std::string* out) {
  // Floor division, so times before 1970 get a non-negative fraction.
  int64_t seconds = ns / kNanosPerSecond;
  int64_t nanos = ns % kNanosPerSecond;
  if (nanos < 0) {
    nanos += kNanosPerSecond;
    --seconds;
  }
  int64_t days = seconds / kSecondsPerDay;
  int64_t sod = seconds % kSecondsPerDay;
  if (sod < 0) {
    sod += kSecondsPerDay;
    --days;
  }
  int64_t year = 0;
  int month = 0, day = 0;
  CivilFromDays(days, &year, &month, &day);

  char buf[40];
  char* p = buf;
  const auto put = [&p](int64_t v, int width) {
    for (int k = width - 1; k >= 0; --k) {
      p[k] = static_cast<char>('0' + v % 10);
      v /= 10;
    }
    p += width;
  };
  put(year, 4);  // 1677..2262 for any int64 ns
  *p++ = '-';
  put(month, 2);
  *p++ = '-';
  put(day, 2);
  *p++ = 'T';
  put(sod / 3600, 2);
  *p++ = ':';
  put(sod / 60 % 60, 2);
  *p++ = ':';
  put(sod % 60, 2);
  if (nanos != 0) {
    *p++ = '.';
    if (nanos % 1'000'000 == 0) {
      put(nanos / 1'000'000, 3);
    } else if (nanos % 1'000 == 0) {
      put(nanos / 1'000, 6);
    } else {
      put(nanos, 9);
    }
  }
  *p++ = 'Z';
  out->append(buf, p);
}

std::string FormatRfc3339(int64_t ns) {
  std::string out;
  AppendRfc3339(ns, &out);
  return out;
}

}  // namespace cep::rt::io
