// The engine's timers: (deadline, rule, partition) entries in one min-heap,
// popped in deadline order, ties by rule then partition so the firing order
// is deterministic. Entries are never removed: a partition checks its
// generation and its own schedule when an entry pops, so stale entries cost
// one pop. Window expiry and absence deadlines of every rule go through it.
#ifndef CEP_RUNTIME_TIMER_QUEUE_H_
#define CEP_RUNTIME_TIMER_QUEUE_H_

#include <cstdint>
#include <queue>
#include <vector>

namespace cep::rt {

struct Timer {
  int64_t deadline = 0;
  uint32_t rule = 0;
  uint32_t partition = 0;
  uint32_t generation = 0;
  friend bool operator>(const Timer& a, const Timer& b) {
    if (a.deadline != b.deadline) return a.deadline > b.deadline;
    if (a.rule != b.rule) return a.rule > b.rule;
    return a.partition > b.partition;
  }
};

class TimerQueue {
 public:
  void Push(const Timer& t) { heap_.push(t); }
  bool empty() const { return heap_.empty(); }
  const Timer& top() const { return heap_.top(); }
  Timer Pop() {
    Timer t = heap_.top();
    heap_.pop();
    return t;
  }
  size_t size() const { return heap_.size(); }

 private:
  std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> heap_;
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_TIMER_QUEUE_H_
