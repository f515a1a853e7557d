// ReaderStats: what one input reader (JSON Lines, CSV, CloudEvents) did with
// its records — events built (by type), blank lines, records skipped because
// their type names no input type (by name, the first kMaxUnknownNames names)
// or a type no rule reads (by type), and bad records. `cep run --stats` sums
// them over every input (Add).
// Tested by tests/unit/io_jsonl_test.cc and io_input_test.cc.
#ifndef CEP_RUNTIME_IO_READER_STATS_H_
#define CEP_RUNTIME_IO_READER_STATS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "compiler/ast/types.h"

namespace cep::rt::io {

class ReaderStats {
 public:
  // Distinct unknown type names remembered; the rest are only counted.
  static constexpr size_t kMaxUnknownNames = 64;

  explicit ReaderStats(size_t ntypes = 0);

  void CountEvent(EventTypeId type) {
    ++events;
    if (type < events_by_type_.size()) ++events_by_type_[type];
  }
  void CountUnused(EventTypeId type) {
    ++unused_type;
    if (type < unused_by_type_.size()) ++unused_by_type_[type];
  }
  void CountUnknown(std::string_view name) { CountUnknown(name, 1); }
  // Adds `other`'s counts; unknown names keep their order of first appearance.
  void Add(const ReaderStats& other);

  uint64_t events = 0;
  uint64_t blank = 0;
  uint64_t unknown_type = 0;
  uint64_t unused_type = 0;
  uint64_t bad = 0;

  const std::vector<uint64_t>& events_by_type() const { return events_by_type_; }
  const std::vector<uint64_t>& unused_by_type() const { return unused_by_type_; }
  // (name, records) in order of first appearance.
  const std::vector<std::pair<std::string, uint64_t>>& unknown_types() const {
    return unknown_types_;
  }

 private:
  void CountUnknown(std::string_view name, uint64_t n);

  std::vector<uint64_t> events_by_type_;
  std::vector<uint64_t> unused_by_type_;
  std::vector<std::pair<std::string, uint64_t>> unknown_types_;
  absl::flat_hash_map<std::string, size_t> unknown_index_;
};

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_READER_STATS_H_
