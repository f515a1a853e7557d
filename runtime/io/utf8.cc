// UTF-8 validation helpers (see utf8.h).
// Tested by tests/unit/io_text_test.cc.
#include "runtime/io/utf8.h"

#include <cstdint>
#include <cstring>

namespace cep::rt::io {
namespace {

// How far the bytes at text[i] match a well-formed sequence (Unicode Table
// 3-7): sets *expected to the length the lead byte announces (0 for a byte
// that cannot start a sequence) and returns the number of leading bytes that
// fit it.
size_t MatchSequence(std::string_view text, size_t i, size_t* expected) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(text[k]); };
  const uint8_t b0 = byte(i);
  if (b0 < 0x80) {
    *expected = 1;
    return 1;
  }
  uint8_t lo = 0x80;  // the range allowed for the second byte
  uint8_t hi = 0xBF;
  size_t n = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;  // no overlong forms
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;  // no overlong forms
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    *expected = 0;
    return 0;
  }
  *expected = n;
  size_t k = 1;
  if (i + k >= text.size() || byte(i + k) < lo || byte(i + k) > hi) return k;
  for (++k; k < n; ++k) {
    if (i + k >= text.size() || byte(i + k) < 0x80 || byte(i + k) > 0xBF) return k;
  }
  return k;
}

}  // namespace

size_t Utf8SequenceLength(std::string_view text, size_t i) {
  size_t expected = 0;
  size_t matched = MatchSequence(text, i, &expected);
  return expected != 0 && matched == expected ? expected : 0;
}

size_t Utf8InvalidLength(std::string_view text, size_t i) {
  size_t expected = 0;
  size_t matched = MatchSequence(text, i, &expected);
  return matched == 0 ? 1 : matched;
}

size_t FirstInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    // Skip ASCII eight bytes at a time.
    if (i + 8 <= text.size()) {
      uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    size_t n = Utf8SequenceLength(text, i);
    if (n == 0) return i;
    i += n;
  }
  return text.size();
}

}  // namespace cep::rt::io
