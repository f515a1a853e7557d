// UTF-8 validation helpers for the input and output paths: where a byte
// sequence stops being valid UTF-8 (for "invalid UTF-8 at column N"
// messages) and the length of one valid sequence (for the JSON writer, which
// replaces each maximal invalid subpart with U+FFFD, as Unicode recommends).
// Tested by tests/unit/io_text_test.cc.
#ifndef CEP_RUNTIME_IO_UTF8_H_
#define CEP_RUNTIME_IO_UTF8_H_

#include <cstddef>
#include <string_view>

namespace cep::rt::io {

// Length (1 to 4) of the valid UTF-8 sequence starting at text[i], or 0 if
// the bytes there are not one: a stray continuation byte, a truncated or
// overlong sequence, a surrogate (U+D800..U+DFFF) or a value above U+10FFFF.
size_t Utf8SequenceLength(std::string_view text, size_t i);

// How many bytes starting at text[i] (which starts no valid sequence) form
// one "maximal subpart of an ill-formed subsequence" (Unicode 15, 3.9): the
// bytes one U+FFFD replaces. Always at least 1.
size_t Utf8InvalidLength(std::string_view text, size_t i);

// Offset of the first byte that is not part of valid UTF-8, or text.size().
size_t FirstInvalidUtf8(std::string_view text);

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_UTF8_H_
