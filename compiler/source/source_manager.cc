// See source_manager.h.
#include "compiler/source/source_manager.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace cep {

FileId SourceManager::AddBuffer(std::string path, std::string text) {
  auto f = std::make_unique<File>();
  f->path = std::move(path);
  f->text = std::move(text);
  files_.push_back(std::move(f));
  return static_cast<FileId>(files_.size() - 1);
}

absl::StatusOr<FileId> SourceManager::LoadFile(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    int err = errno;
    if (err == ENOENT) return absl::NotFoundError(absl::StrCat(path, ": no such file"));
    return absl::PermissionDeniedError(absl::StrCat(path, ": ", std::strerror(err)));
  }
  if (S_ISDIR(st.st_mode)) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": is a directory"));
  }
  // Offsets are 32-bit; keep a wide margin.
  if (st.st_size > (int64_t{1} << 30)) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": file too large (over 1 GiB)"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::PermissionDeniedError(absl::StrCat(path, ": cannot open: ", std::strerror(errno)));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat(path, ": read error"));
  return AddBuffer(path, std::move(ss).str());
}

std::string_view SourceManager::text(SourceRange r) const {
  if (!r.valid() || r.file >= files_.size()) return {};
  std::string_view t = files_[r.file]->text;
  uint32_t b = std::min<uint32_t>(r.begin, t.size());
  uint32_t e = std::min<uint32_t>(std::max(r.end, b), t.size());
  return t.substr(b, e - b);
}

const std::vector<uint32_t>& SourceManager::LineStarts(FileId id) const {
  File& f = *files_[id];
  if (f.line_starts.empty()) {
    f.line_starts.push_back(0);
    for (uint32_t i = 0; i < f.text.size(); ++i) {
      if (f.text[i] == '\n') f.line_starts.push_back(i + 1);
    }
  }
  return f.line_starts;
}

LineCol SourceManager::Position(FileId id, uint32_t offset) const {
  const auto& starts = LineStarts(id);
  offset = std::min<uint32_t>(offset, files_[id]->text.size());
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - starts.begin());  // 1-based
  return {line, offset - starts[line - 1] + 1};
}

uint32_t SourceManager::LineCount(FileId id) const {
  return static_cast<uint32_t>(LineStarts(id).size());
}

uint32_t SourceManager::LineStart(FileId id, uint32_t line) const {
  const auto& starts = LineStarts(id);
  if (line == 0 || line > starts.size()) return files_[id]->text.size();
  return starts[line - 1];
}

std::string_view SourceManager::LineText(FileId id, uint32_t line) const {
  const auto& starts = LineStarts(id);
  if (line == 0 || line > starts.size()) return {};
  std::string_view t = files_[id]->text;
  uint32_t b = starts[line - 1];
  uint32_t e = line < starts.size() ? starts[line] - 1 : t.size();
  std::string_view s = t.substr(b, e - b);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

}  // namespace cep
