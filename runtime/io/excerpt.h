// Excerpt: a short, printable, single-line rendering of untrusted bytes (a
// JSON key, a bad timestamp, an unknown type name) for quoting inside an
// error message. Control characters, DEL and bytes that are not valid UTF-8
// are shown as C escapes (\n, \t, \x00, \xff), and text longer than the limit
// is cut at a character boundary and ends in "...", so one bad line cannot
// flood the log or split a message over several lines.
// Tested by tests/unit/io_text_test.cc.
#ifndef CEP_RUNTIME_IO_EXCERPT_H_
#define CEP_RUNTIME_IO_EXCERPT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace cep::rt::io {

inline constexpr size_t kExcerptBytes = 64;

// At most `max_bytes` bytes of `text` are shown (escapes expand them).
std::string Excerpt(std::string_view text, size_t max_bytes = kExcerptBytes);

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_EXCERPT_H_
