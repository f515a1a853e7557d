// LineReader: reads a file, or standard input for "-", in large chunks and
// yields its lines one at a time with their 1-based numbers. Built for JSON
// Lines input of any size:
//
// - Lines come without their terminator ("\n" or "\r\n"). A last line with
//   no terminator is still returned, flagged `missing_newline` (a truncated
//   file). A UTF-8 byte order mark at the very start of the input is skipped.
//   NUL bytes are ordinary bytes.
// - Memory is bounded: the buffer starts at `chunk_bytes` and grows only to
//   hold a longer line, up to `max_line_bytes` (plus 2). A longer line is not
//   stored: its bytes are read and dropped, and it is returned once, flagged
//   `too_long`, with an empty text and its true length. So a 1 GB line costs
//   one chunk-sized pass, not 1 GB of memory.
// - Padding: every returned `text` is followed by at least kLinePadding
//   (>= simdjson::SIMDJSON_PADDING) readable, initialized bytes, so the JSON
//   parser can read it in place. The buffer is allocated as capacity +
//   kLinePadding bytes and zero-filled when allocated; a line ends at or
//   before the end of the data, which is at most `capacity`, so the padding
//   after it is always inside the allocation (it holds the terminator, later
//   input, stale bytes of earlier chunks, or zeros: never uninitialized).
//   The text stays valid until the next call to Next().
//
// Errors are values: Open() returns NotFound / PermissionDenied /
// InvalidArgument (a directory) naming the path; a read error ends the lines
// and sets status().
//
// Tested by tests/unit/io_line_reader_test.cc.
#ifndef CEP_RUNTIME_IO_LINE_READER_H_
#define CEP_RUNTIME_IO_LINE_READER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace cep::rt::io {

// Bytes readable after every line LineReader returns; line_reader.cc checks
// that this covers simdjson::SIMDJSON_PADDING.
inline constexpr size_t kLinePadding = 64;

struct LineReaderOptions {
  size_t chunk_bytes = size_t{1} << 20;       // 1 MiB reads
  size_t max_line_bytes = size_t{64} << 20;   // longer lines are reported, not stored
};

struct Line {
  std::string_view text;         // without "\n" / "\r\n"; empty when too_long
  uint64_t number = 0;           // 1-based
  uint64_t length = 0;           // bytes in the line without its terminator
  bool missing_newline = false;  // the input ended without a terminator after it
  bool too_long = false;         // longer than max_line_bytes; its bytes were skipped
};

class LineReader {
 public:
  // Opens `path` ("-" is standard input, not closed at the end).
  static absl::StatusOr<std::unique_ptr<LineReader>> Open(const std::string& path,
                                                          const LineReaderOptions& options = {});
  // Reads an open descriptor; `name` is used in messages. Takes ownership of
  // `fd` (closes it) if `owned`.
  static std::unique_ptr<LineReader> FromFd(int fd, std::string name, bool owned,
                                            const LineReaderOptions& options = {});

  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line; false at the end of the input or after a read error (see
  // status()).
  bool Next(Line* line);

  // OK, or the read error that ended the input early.
  const absl::Status& status() const { return status_; }
  // Bytes read from the input so far (for progress reports).
  uint64_t bytes_read() const { return bytes_read_; }
  // The size of a regular file when opened; 0 for pipes, terminals and
  // other inputs of unknown length (progress reports).
  uint64_t total_bytes() const { return total_bytes_; }
  // Lines returned so far.
  uint64_t line_count() const { return line_number_; }
  const std::string& name() const { return name_; }
  // Lines longer than this are returned `too_long`.
  size_t max_line_bytes() const { return options_.max_line_bytes; }
  // The current buffer size (for tests: it must stay bounded).
  size_t capacity() const { return capacity_; }

 private:
  LineReader(int fd, std::string name, bool owned, const LineReaderOptions& options);
  // Reads more input after end_; false at EOF or on error.
  bool Fill();
  // Moves the unconsumed bytes to the front, growing the buffer if it is full.
  void MakeRoom();
  // Drops the rest of an over-long line up to its "\n"; fills *line.
  void SkipLongLine(Line* line);
  void Reallocate(size_t capacity);

  int fd_ = -1;
  bool owned_ = false;
  std::string name_;
  LineReaderOptions options_;
  std::unique_ptr<char[]> buffer_;  // capacity_ + kLinePadding bytes
  size_t capacity_ = 0;
  size_t begin_ = 0;  // first unconsumed byte
  size_t scan_ = 0;   // bytes in [begin_, scan_) hold no '\n'
  size_t end_ = 0;    // end of the data
  bool eof_ = false;
  bool at_start_ = true;  // for the byte order mark
  uint64_t line_number_ = 0;
  uint64_t bytes_read_ = 0;
  uint64_t total_bytes_ = 0;
  absl::Status status_;
};

// "line is 1073741824 bytes long, over the limit of 67108864 bytes; skipped".
std::string TooLongLineMessage(const Line& line, size_t max_line_bytes);

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_LINE_READER_H_
