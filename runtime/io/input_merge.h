// InputMerge: several inputs as one stream, merged by event time. Each input
// contributes its next event (its head); the head with the smallest time
// goes first, ties going to the input given first — so events of equal time
// keep file order, then line order. Bad records are handed out as soon as
// an input meets them, before the event they precede.
//
// The merge orders the inputs against each other; disorder inside one input
// is the reorder buffer's business (runtime/reorder_buffer.h), which the
// merged stream feeds. With one input it passes events through unchanged.
// Cost per event: O(log k) for k inputs, no allocation.
// Tested by tests/unit/io_input_test.cc.
#ifndef CEP_RUNTIME_IO_INPUT_MERGE_H_
#define CEP_RUNTIME_IO_INPUT_MERGE_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "runtime/event.h"
#include "runtime/io/event_source.h"

namespace cep::rt::io {

class InputMerge {
 public:
  // The sources' events are built in `store`, which must outlive the merge.
  InputMerge(std::vector<std::unique_ptr<EventSource>> sources, EventStore* store);
  ~InputMerge();  // releases the heads not handed out
  InputMerge(const InputMerge&) = delete;
  InputMerge& operator=(const InputMerge&) = delete;

  // The next event in merged order, or a bad record; false when every input
  // has ended.
  bool Next(SourceRecord* out);

  const std::vector<std::unique_ptr<EventSource>>& sources() const { return sources_; }
  // Sums over the inputs (progress).
  uint64_t bytes_read() const;
  uint64_t total_bytes() const;

 private:
  struct Head {
    int64_t time;
    uint32_t source;
    Event* event;
    // The heap is a max-heap: "greater" means later.
    friend bool operator<(const Head& a, const Head& b) {
      return a.time != b.time ? a.time > b.time : a.source > b.source;
    }
  };

  std::vector<std::unique_ptr<EventSource>> sources_;
  EventStore* store_;
  std::vector<Head> heap_;
  std::vector<uint32_t> to_fill_;  // inputs whose head must be read next (a stack)
};

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_INPUT_MERGE_H_
