// k-way merge of inputs by event time (see input_merge.h).
// Tested by tests/unit/io_input_test.cc.
#include "runtime/io/input_merge.h"

#include <algorithm>

namespace cep::rt::io {

InputMerge::InputMerge(std::vector<std::unique_ptr<EventSource>> sources, EventStore* store)
    : sources_(std::move(sources)), store_(store) {
  heap_.reserve(sources_.size());
  // A stack: the first input is read first, so its bad records come first.
  for (size_t i = sources_.size(); i > 0; --i) to_fill_.push_back(static_cast<uint32_t>(i - 1));
}

InputMerge::~InputMerge() {
  for (const Head& h : heap_) store_->Release(h.event);
}

bool InputMerge::Next(SourceRecord* out) {
  while (!to_fill_.empty()) {
    const uint32_t i = to_fill_.back();
    SourceRecord record;
    if (!sources_[i]->Next(&record)) {
      to_fill_.pop_back();  // this input has ended
      continue;
    }
    if (record.event == nullptr) {
      *out = std::move(record);  // a bad record: the input still needs a head
      return true;
    }
    to_fill_.pop_back();
    heap_.push_back({record.event->time, i, record.event});
    std::push_heap(heap_.begin(), heap_.end());
  }
  if (heap_.empty()) return false;
  std::pop_heap(heap_.begin(), heap_.end());
  const Head head = heap_.back();
  heap_.pop_back();
  out->event = head.event;
  out->source = head.source;
  to_fill_.push_back(head.source);
  return true;
}

uint64_t InputMerge::bytes_read() const {
  uint64_t n = 0;
  for (const auto& s : sources_) n += s->bytes_read();
  return n;
}

uint64_t InputMerge::total_bytes() const {
  uint64_t n = 0;
  for (const auto& s : sources_) n += s->total_bytes();
  return n;
}

}  // namespace cep::rt::io
