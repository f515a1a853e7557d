// Counting what input readers did (see reader_stats.h).
// Tested by tests/unit/io_jsonl_test.cc and io_input_test.cc.
#include "runtime/io/reader_stats.h"

#include <algorithm>

namespace cep::rt::io {

ReaderStats::ReaderStats(size_t ntypes) : events_by_type_(ntypes, 0), unused_by_type_(ntypes, 0) {}

void ReaderStats::CountUnknown(std::string_view name, uint64_t n) {
  unknown_type += n;
  // Debian's abseil has its own string_view: look up by absl::string_view.
  auto it = unknown_index_.find(absl::string_view(name.data(), name.size()));
  if (it != unknown_index_.end()) {
    unknown_types_[it->second].second += n;
  } else if (unknown_types_.size() < kMaxUnknownNames) {
    unknown_index_.emplace(std::string(name), unknown_types_.size());
    unknown_types_.emplace_back(std::string(name), n);
  }
}

void ReaderStats::Add(const ReaderStats& other) {
  events += other.events;
  blank += other.blank;
  unused_type += other.unused_type;
  bad += other.bad;
  const size_t n = std::max(events_by_type_.size(), other.events_by_type_.size());
  events_by_type_.resize(n, 0);
  unused_by_type_.resize(n, 0);
  for (size_t t = 0; t < other.events_by_type_.size(); ++t) {
    events_by_type_[t] += other.events_by_type_[t];
  }
  for (size_t t = 0; t < other.unused_by_type_.size(); ++t) {
    unused_by_type_[t] += other.unused_by_type_[t];
  }
  uint64_t named = 0;
  for (const auto& [name, count] : other.unknown_types_) {
    CountUnknown(name, count);
    named += count;
  }
  unknown_type += other.unknown_type - named;  // counted beyond the remembered names
}

}  // namespace cep::rt::io
