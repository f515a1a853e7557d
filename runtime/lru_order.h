// LruOrder: an intrusive least-recently-active list over the slots of a
// container (partitions of a RuleMatcher, groups of a WindowMatcher) whose
// elements carry `uint32_t lru_prev, lru_next`. O(1) touch and unlink, no
// allocation: the limits evict from the head.
#ifndef CEP_RUNTIME_LRU_ORDER_H_
#define CEP_RUNTIME_LRU_ORDER_H_

#include <cstdint>

namespace cep::rt {

struct LruOrder {
  static constexpr uint32_t kNone = UINT32_MAX;
  uint32_t head = kNone;  // least recently active
  uint32_t tail = kNone;  // most recently active

  template <class Slots>
  void Unlink(Slots& slots, uint32_t i) {
    auto& x = slots[i];
    if (x.lru_prev != kNone) slots[x.lru_prev].lru_next = x.lru_next; else head = x.lru_next;
    if (x.lru_next != kNone) slots[x.lru_next].lru_prev = x.lru_prev; else tail = x.lru_prev;
    x.lru_prev = x.lru_next = kNone;
  }

  template <class Slots>
  void PushBack(Slots& slots, uint32_t i) {
    auto& x = slots[i];
    x.lru_prev = tail;
    x.lru_next = kNone;
    if (tail != kNone) slots[tail].lru_next = i; else head = i;
    tail = i;
  }

  // `i` is now the most recently active.
  template <class Slots>
  void Touch(Slots& slots, uint32_t i) {
    if (tail == i) return;
    Unlink(slots, i);
    PushBack(slots, i);
  }
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_LRU_ORDER_H_
