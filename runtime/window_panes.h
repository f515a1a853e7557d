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
    if (back_.empty()) {
      back_ = pane.states;
    } else {
      MergeStates(back_, pane.states, fns);
    }
    panes_.push_back(std::move(pane));
  }

  // Drops the oldest pane, handing it to `out` (its events may need a release).
  void Pop(const std::vector<check::BuiltinId>& fns, Pane* out = nullptr) {
    if (front_.empty()) Flip(fns);
    if (out != nullptr) *out = std::move(panes_.front());
    panes_.pop_front();
    front_.pop_front();
  }

  // The merge of every pane, oldest first, into `out` (overwritten).
  void Query(const std::vector<check::BuiltinId>& fns, PaneStates& out) const {
    if (front_.empty()) {
      out = back_;
      return;
    }
    out = front_.front();
    if (!back_.empty()) MergeStates(out, back_, fns);
  }

  void Clear() {
    panes_.clear();
    front_.clear();
    back_.clear();
  }

  // Approximate bytes held (states counted by slot, values excluded).
  size_t ApproxBytes() const {
    size_t slots = back_.size();
    return (panes_.size() + front_.size()) * (sizeof(Pane) + slots * sizeof(AggState)) +
           slots * sizeof(AggState);
  }

 private:
  // Moves every back pane to the front part, computing the suffix merges
  // from the newest pane to the oldest.
  void Flip(const std::vector<check::BuiltinId>& fns) {
    // front_ is empty here, so every pane is in the back part.
    front_.resize(panes_.size());
    for (size_t i = panes_.size(); i-- > 0;) {
      front_[i] = panes_[i].states;
      if (i + 1 < panes_.size()) MergeStates(front_[i], front_[i + 1], fns);
    }
    back_.clear();
  }

  std::deque<Pane> panes_;
  std::deque<PaneStates> front_;  // suffix merges of the oldest panes_.size()... see Flip
  PaneStates back_;               // merge of the panes pushed since the last Flip
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_WINDOW_PANES_H_
