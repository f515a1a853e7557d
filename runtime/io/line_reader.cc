// Chunked line reading with bounded memory (see line_reader.h).
// Tested by tests/unit/io_line_reader_test.cc.
#include "runtime/io/line_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <utility>

#include <simdjson.h>

#include "compiler/util/strcat.h"

namespace cep::rt::io {

static_assert(kLinePadding >= simdjson::SIMDJSON_PADDING,
              "lines must carry the padding simdjson reads past their end");

namespace {

absl::Status OpenError(int err, const std::string& path) {
  std::string message = StrCat("cannot open input '", path, "': ", std::strerror(err));
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
      return absl::PermissionDeniedError(message);
    default:
      return absl::UnavailableError(message);
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<LineReader>> LineReader::Open(const std::string& path,
                                                              const LineReaderOptions& options) {
  if (path == "-") return FromFd(STDIN_FILENO, "<stdin>", /*owned=*/false, options);
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return OpenError(errno, path);
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return absl::InvalidArgumentError(
        StrCat("cannot read input '", path, "': it is a directory"));
  }
  return FromFd(fd, path, /*owned=*/true, options);
}

std::unique_ptr<LineReader> LineReader::FromFd(int fd, std::string name, bool owned,
                                               const LineReaderOptions& options) {
  return std::unique_ptr<LineReader>(new LineReader(fd, std::move(name), owned, options));
}

LineReader::LineReader(int fd, std::string name, bool owned, const LineReaderOptions& options)
    : fd_(fd), owned_(owned), name_(std::move(name)), options_(options) {
  options_.chunk_bytes = std::max<size_t>(options_.chunk_bytes, 16);
  options_.max_line_bytes = std::min(options_.max_line_bytes, SIZE_MAX / 4);  // no overflow below
  struct stat st;
  if (::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    total_bytes_ = static_cast<uint64_t>(st.st_size);
  }
  Reallocate(options_.chunk_bytes);
}

LineReader::~LineReader() {
  if (owned_ && fd_ >= 0) ::close(fd_);
}

void LineReader::Reallocate(size_t capacity) {
  // Value-initialized: the padding is never uninitialized memory.
  std::unique_ptr<char[]> fresh(new char[capacity + kLinePadding]());
  if (end_ > begin_) std::memcpy(fresh.get(), buffer_.get() + begin_, end_ - begin_);
  scan_ -= begin_;
  end_ -= begin_;
  begin_ = 0;
  buffer_ = std::move(fresh);
  capacity_ = capacity;
}

bool LineReader::Fill() {
  if (end_ == capacity_) return true;  // callers make room first
  ssize_t n;
  do {
    n = ::read(fd_, buffer_.get() + end_, capacity_ - end_);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    status_ = absl::DataLossError(
        StrCat("error reading input '", name_, "': ", std::strerror(errno)));
    return false;
  }
  if (n == 0) {
    eof_ = true;
    return false;
  }
  end_ += static_cast<size_t>(n);
  bytes_read_ += static_cast<uint64_t>(n);
  return true;
}

void LineReader::MakeRoom() {
  if (begin_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
    scan_ -= begin_;
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == capacity_) {
    // Full of one partial line shorter than the limit: grow, at most to the
    // limit (Next() switches to skipping before the buffer must exceed it).
    const size_t most = options_.max_line_bytes + 2;
    Reallocate(std::min(std::max(capacity_ * 2, capacity_ + 1), std::max(most, capacity_ + 1)));
  }
}

void LineReader::SkipLongLine(Line* line) {
  uint64_t length = end_ - begin_;  // none of these bytes is a '\n'
  char last = buffer_[end_ - 1];
  begin_ = scan_ = end_ = 0;
  bool found = false;
  while (Fill()) {
    const char* data = buffer_.get();
    const void* nl = std::memchr(data, '\n', end_);
    if (nl != nullptr) {
      const size_t pos = static_cast<size_t>(static_cast<const char*>(nl) - data);
      length += pos;
      last = pos > 0 ? data[pos - 1] : last;
      begin_ = scan_ = pos + 1;
      found = true;
      break;
    }
    length += end_;
    last = data[end_ - 1];
    end_ = 0;
  }
  if (found && last == '\r') --length;
  ++line_number_;
  *line = Line();
  line->number = line_number_;
  line->length = length;
  line->too_long = true;
  line->missing_newline = !found;
}

bool LineReader::Next(Line* line) {
  if (!status_.ok()) return false;
  if (at_start_) {
    at_start_ = false;
    while (end_ < 3 && !eof_) {
      if (!Fill() && !status_.ok()) return false;
    }
    if (end_ >= 3 && std::memcmp(buffer_.get(), "\xEF\xBB\xBF", 3) == 0) begin_ = scan_ = 3;
  }
  for (;;) {
    char* data = buffer_.get();
    const void* nl = std::memchr(data + scan_, '\n', end_ - scan_);
    if (nl != nullptr || (eof_ && begin_ < end_)) {
      const size_t stop = nl != nullptr
                              ? static_cast<size_t>(static_cast<const char*>(nl) - data)
                              : end_;
      std::string_view text(data + begin_, stop - begin_);
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      begin_ = scan_ = nl != nullptr ? stop + 1 : stop;
      ++line_number_;
      *line = Line();
      line->number = line_number_;
      line->length = text.size();
      line->missing_newline = nl == nullptr;
      if (text.size() > options_.max_line_bytes) {
        line->too_long = true;
      } else {
        line->text = text;
      }
      return true;
    }
    if (eof_) return false;
    scan_ = end_;
    // Too long even if the next bytes are "\r\n": stop storing it.
    if (end_ - begin_ > options_.max_line_bytes + 1) {
      SkipLongLine(line);
      return status_.ok();
    }
    MakeRoom();
    if (!Fill() && !status_.ok()) return false;
  }
}

std::string TooLongLineMessage(const Line& line, size_t max_line_bytes) {
  return StrCat("line is ", line.length, " bytes long, over the limit of ", max_line_bytes,
                " bytes; skipped");
}

}  // namespace cep::rt::io
