// PaneQueue: the aggregate states of a window that slides over panes — push
// a finished pane at the back, pop expired panes at the front, and read the
// merge of all panes in between. It is the "two stacks" queue: the front
// part keeps suffix merges (front_[i] = panes i..split merged), the back
// part one running merge, so each push, pop and query costs O(1) merges
// amortised, whatever the window's length in panes. Nothing is ever
// recomputed from the events: a sliding window of 1h every 1s folds each
// event once into its pane and merges about three states per hop.
//
// Every state is an AggState per aggregate slot (agg_state.h); the merge
// needs each slot's function, given once at construction.
// Tested by tests/unit/window_panes_test.cc.
#ifndef CEP_RUNTIME_WINDOW_PANES_H_
#define CEP_RUNTIME_WINDOW_PANES_H_

#include <cstdint>
#include <deque>
#include <vector>

#include "compiler/check/builtins.h"
#include "runtime/agg_state.h"
#include "runtime/event.h"

namespace cep::rt {

using PaneStates = std::vector<AggState>;  // one per aggregate slot

// Merges `later` into `into`, slot by slot.
inline void MergeStates(PaneStates& into, const PaneStates& later,
                        const std::vector<check::BuiltinId>& fns) {
  for (size_t s = 0; s < fns.size(); ++s) into[s].Merge(later[s], fns[s]);
}

class PaneQueue {
 public:
  struct Pane {
    int64_t index = 0;        // pane number: time / width, or event count / size
    uint64_t first_seq = 0;   // the pane's first event (output order)
    PaneStates states;
    // Events the states point to (first(v) / last(v)), kept alive by the
    // queue's owner, which releases them when the pane goes.
    Event* first_event = nullptr;
    Event* last_event = nullptr;
  };

  bool empty() const { return panes_.empty(); }
  size_t size() const { return panes_.size(); }
  const Pane& front() const { return panes_.front(); }

  void Push(Pane pane, const std::vector<check::BuiltinId>& fns) {
    if (!has_back_) {
      back_ = pane.states;  // into back_'s kept capacity: no allocation
      has_back_ = true;
    } else {
      MergeStates(back_, pane.states, fns);
    }
    panes_.push_back(std::move(pane));
  }

  // Drops the oldest pane, handing it to `out` (its events may need a release).
  void Pop(const std::vector<check::BuiltinId>& fns, Pane* out = nullptr) {
    if (front_head_ == front_end_) Flip(fns);
    if (out != nullptr) *out = std::move(panes_.front());
    panes_.pop_front();
    Reset(front_[front_head_++]);  // keeps the vector for the next Flip
  }

  // The merge of every pane, oldest first, into `out` (overwritten; its
  // capacity is reused).
  void Query(const std::vector<check::BuiltinId>& fns, PaneStates& out) const {
    if (front_head_ == front_end_) {
      out = back_;
      return;
    }
    out = front_[front_head_];
    if (has_back_) MergeStates(out, back_, fns);
  }

  void Clear() {
    panes_.clear();
    while (front_head_ < front_end_) Reset(front_[front_head_++]);
    front_head_ = front_end_ = 0;
    Reset(back_);
    has_back_ = false;
  }

  // Approximate bytes held (states counted by slot, values excluded).
  size_t ApproxBytes() const {
    size_t slots = has_back_ ? back_.size() : 0;
    return (panes_.size() + (front_end_ - front_head_)) * (sizeof(Pane) + slots * sizeof(AggState)) +
           slots * sizeof(AggState);
  }

  // Empties every state (releasing what it holds: kept strings, distinct
  // values) but keeps the vector's memory.
  static void Reset(PaneStates& states) {
    for (AggState& s : states) s = AggState();
  }

 private:
  // Moves every back pane to the front part, computing the suffix merges
  // from the newest pane to the oldest. The front part's vectors are reused
  // from Flip to Flip: a merge copies states into kept capacity, it does not
  // allocate.
  void Flip(const std::vector<check::BuiltinId>& fns) {
    // The front part is used up here, so every pane is in the back part.
    const size_t n = panes_.size();
    if (front_.size() < n) front_.resize(n);
    front_head_ = 0;
    front_end_ = n;
    for (size_t i = n; i-- > 0;) {
      front_[i] = panes_[i].states;
      if (i + 1 < n) MergeStates(front_[i], front_[i + 1], fns);
    }
    Reset(back_);
    has_back_ = false;
  }

  std::deque<Pane> panes_;
  // front_[front_head_, front_end_): suffix merges of the oldest panes (see
  // Flip); entries outside that range are spare, kept for their memory.
  std::vector<PaneStates> front_;
  size_t front_head_ = 0;
  size_t front_end_ = 0;
  PaneStates back_;        // merge of the panes pushed since the last Flip
  bool has_back_ = false;  // back_ holds at least one pane
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_WINDOW_PANES_H_
