// A min-heap of events by (time, arrival order): what both the reorder
// buffer and the engine's queue of derived events need — events out in time
// order, ties in the order they came.
#ifndef CEP_RUNTIME_TIME_ORDERED_QUEUE_H_
#define CEP_RUNTIME_TIME_ORDERED_QUEUE_H_

#include <cstdint>
#include <queue>
#include <vector>

#include "runtime/event.h"

namespace cep::rt {

class TimeOrderedQueue {
 public:
  void Push(Event* e) { heap_.push({e->time, next_order_++, e}); }
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  int64_t top_time() const { return heap_.top().time; }
  Event* Pop() {
    Event* e = heap_.top().event;
    heap_.pop();
    return e;
  }

 private:
  struct Item {
    int64_t time;
    uint64_t order;
    Event* event;
    friend bool operator>(const Item& a, const Item& b) {
      return a.time != b.time ? a.time > b.time : a.order > b.order;
    }
  };
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> heap_;
  uint64_t next_order_ = 0;
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_TIME_ORDERED_QUEUE_H_
