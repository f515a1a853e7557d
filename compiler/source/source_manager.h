// SourceManager owns the text of every loaded .cep file and maps byte offsets
// to line:column for diagnostics. Line tables are built lazily on first use.
// Offsets are 32-bit: a rule file over 4 GiB is rejected at load time.
// Tested by tests/unit/source_manager_test.cc.
#ifndef CEP_COMPILER_SOURCE_SOURCE_MANAGER_H_
#define CEP_COMPILER_SOURCE_SOURCE_MANAGER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace cep {

using FileId = uint32_t;
inline constexpr FileId kNoFile = UINT32_MAX;

// A half-open byte range [begin, end) in one file.
struct SourceRange {
  FileId file = kNoFile;
  uint32_t begin = 0;
  uint32_t end = 0;

  bool valid() const { return file != kNoFile; }
  static SourceRange Join(SourceRange a, SourceRange b) {
    if (!a.valid()) return b;
    if (!b.valid()) return a;
    return {a.file, a.begin < b.begin ? a.begin : b.begin,
            a.end > b.end ? a.end : b.end};
  }
  friend bool operator==(const SourceRange&, const SourceRange&) = default;
};

// 1-based line and column (column counts bytes, as clang does).
struct LineCol {
  uint32_t line = 0;
  uint32_t column = 0;
};

class SourceManager {
 public:
  SourceManager() = default;
  SourceManager(const SourceManager&) = delete;
  SourceManager& operator=(const SourceManager&) = delete;

  // Registers text under a display path (no I/O).
  FileId AddBuffer(std::string path, std::string text);
  // Reads a file from disk. NotFound / PermissionDenied / InvalidArgument
  // (directory, too large) come back as a Status, never as a diagnostic.
  absl::StatusOr<FileId> LoadFile(const std::string& path);

  size_t file_count() const { return files_.size(); }
  std::string_view path(FileId id) const { return files_[id]->path; }
  std::string_view text(FileId id) const { return files_[id]->text; }
  std::string_view text(SourceRange r) const;

  LineCol Position(FileId id, uint32_t offset) const;
  // The text of the 1-based line, without its line terminator.
  std::string_view LineText(FileId id, uint32_t line) const;
  uint32_t LineCount(FileId id) const;
  // Offset of the first byte of the 1-based line.
  uint32_t LineStart(FileId id, uint32_t line) const;

 private:
  struct File {
    std::string path;
    std::string text;
    mutable std::vector<uint32_t> line_starts;  // built lazily
  };
  const std::vector<uint32_t>& LineStarts(FileId id) const;
  std::vector<std::unique_ptr<File>> files_;
};

}  // namespace cep

#endif  // CEP_COMPILER_SOURCE_SOURCE_MANAGER_H_
