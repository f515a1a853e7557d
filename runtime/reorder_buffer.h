// Restores event-time order for input that arrives up to `max_delay` out of
// order. The watermark is the largest event time seen minus max_delay: an
// event older than the watermark is *late* (Add refuses it; the caller
// counts it and drops it or writes it out, never silently); every buffered
// event at or before the watermark is released, in (time, input order), so
// ties keep their input order. Memory is bounded by the events of one
// max_delay span. Tested by tests/unit/reorder_buffer_test.cc.
#ifndef CEP_RUNTIME_REORDER_BUFFER_H_
#define CEP_RUNTIME_REORDER_BUFFER_H_

#include <cstdint>
#include "runtime/event.h"
#include "runtime/time_ordered_queue.h"

namespace cep::rt {

class ReorderBuffer {
 public:
  explicit ReorderBuffer(int64_t max_delay_ns) : max_delay_(max_delay_ns) {}

  // Takes `e` unless it is late (older than the watermark): then returns
  // false and the caller keeps it.
  bool Add(Event* e) {
    if (e->time < watermark_) return false;
    queue_.Push(e);
    if (queue_.size() > peak_) peak_ = queue_.size();
    if (e->time > max_time_) {
      max_time_ = e->time;
      // Saturating: a huge delay must not wrap below INT64_MIN.
      int64_t w = max_time_ < INT64_MIN + max_delay_ ? INT64_MIN : max_time_ - max_delay_;
      if (w > watermark_) watermark_ = w;
    }
    return true;
  }

  // Hands every event at or before the watermark to `sink`, in order.
  template <typename Sink>
  void Release(Sink&& sink) {
    while (!queue_.empty() && queue_.top_time() <= watermark_) sink(queue_.Pop());
  }

  // End of input: hands every buffered event to `sink`, in order.
  template <typename Sink>
  void Flush(Sink&& sink) {
    while (!queue_.empty()) sink(queue_.Pop());
  }

  // The stream's time has reached `t` with no event (a heartbeat; a rule
  // test's `advance`): the watermark moves to t - max_delay if that is
  // later. Call Release next, as after Add.
  void AdvanceTo(int64_t t) {
    if (t <= max_time_) return;
    max_time_ = t;
    int64_t w = max_time_ < INT64_MIN + max_delay_ ? INT64_MIN : max_time_ - max_delay_;
    if (w > watermark_) watermark_ = w;
  }

  int64_t watermark() const { return watermark_; }
  size_t buffered() const { return queue_.size(); }
  size_t peak() const { return peak_; }

 private:
  int64_t max_delay_;
  int64_t max_time_ = INT64_MIN;
  int64_t watermark_ = INT64_MIN;
  size_t peak_ = 0;
  TimeOrderedQueue queue_;
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_REORDER_BUFFER_H_
