// The waiters of one partition of a pattern rule, in order, in chunks that
// an event can skip.
//
// A waiter is a partial match parked on one outgoing edge of its state (see
// rule_matcher.h). The list order is docs/semantics.md's (start event, then
// preference), and an event rewrites the list in place: each waiter it can
// move is replaced by its children and, if it survives, itself. Most waiters
// cannot be moved by a given event: their edge waits for another ticker, or
// (B4 at window 1,000,000) for a step that never comes. Walking and copying
// all of them made the cost per event grow with the window
// (docs/performance.md, window stability).
//
// So the list is a sequence of chunks of a few dozen waiters, each with a
// 64-bit summary of the edges its waiters sit on (bit `edge % 64`). An event
// knows which edges it can move (RuleMatcher::MovableEdges); a chunk whose
// summary misses all of them is not touched, and the order is kept because
// rewriting happens chunk by chunk, in place. A summary bit shared by two
// edges only makes a chunk visited needlessly, never skipped wrongly.
// Tested by tests/unit/waiter_list_test.cc and the differential tests.
#ifndef CEP_RUNTIME_WAITER_LIST_H_
#define CEP_RUNTIME_WAITER_LIST_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "runtime/event.h"

namespace cep::rt {

struct Waiter {
  uint32_t edge = 0;             // global index into prog.edges
  uint32_t node = 0;             // last taken node in the match DAG (holds a reference)
  const Event* first = nullptr;  // the match's first event, kept alive by the node chain

  uint64_t start_seq() const { return first->seq; }
  int64_t start_time() const { return first->time; }
};
static_assert(sizeof(Waiter) == 16, "a waiter is a partial match's whole per-run cost");

class WaiterList {
 public:
  // A rewritten chunk larger than 2 * chunk_size() is split into chunks of
  // chunk_size(); a chunk that shrinks is merged into its predecessor when
  // both fit in chunk_size(). 32: an event then visits ~n/32 summaries plus
  // the one or two chunks holding the waiters it moves.
  static constexpr size_t kDefaultChunk = 32;
  static size_t chunk_size() { return chunk_size_; }
  // Tests only (the differential test runs with chunks of one waiter, so
  // that every case exercises skipping and splitting); not thread-safe.
  static void SetChunkSizeForTesting(size_t n) { chunk_size_ = n < 1 ? 1 : n; }
  static uint64_t EdgeBit(uint32_t edge) { return uint64_t{1} << (edge & 63); }

  // What Rewrite does with a chunk, given its edge summary and first waiter.
  enum class Visit { kSkip, kRewrite, kStop };

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  size_t chunks() const { return chunks_.size(); }

  template <class F>
  void ForEach(F&& f) const {
    for (const Chunk& c : chunks_) {
      for (const Waiter& w : c.items) f(w);
    }
  }
  // The first waiter (in order) satisfying `pred`, or null.
  template <class P>
  const Waiter* FindFirst(P&& pred) const {
    for (const Chunk& c : chunks_) {
      for (const Waiter& w : c.items) {
        if (pred(w)) return &w;
      }
    }
    return nullptr;
  }

  void PushBack(const Waiter& w) {
    if (chunks_.empty() || chunks_.back().items.size() >= 2 * chunk_size_) chunks_.emplace_back();
    Chunk& c = chunks_.back();
    c.items.push_back(w);
    c.edges |= EdgeBit(w.edge);
    ++size_;
  }

  // Rewrites the list in order, chunk by chunk. `visit(edges, first)`
  // decides for each chunk: kSkip leaves it as it is, kStop leaves it and
  // every later chunk, kRewrite calls `step(w, out)` for each of its waiters
  // in order; `out` receives what replaces `w` (nothing drops it, `w` itself
  // keeps it). `scratch` is the caller's buffer, kept for its capacity.
  template <class V, class S>
  void Rewrite(V&& visit, std::vector<Waiter>& scratch, S&& step) {
    if (size_ == 0) return;
    for (size_t i = 0; i < chunks_.size();) {
      Chunk& c = chunks_[i];
      Visit what = visit(c.edges, c.items.front());
      if (what == Visit::kStop) break;
      if (what == Visit::kSkip) {
        ++i;
        continue;
      }
      scratch.clear();
      for (const Waiter& w : c.items) step(w, scratch);
      size_ = size_ - c.items.size() + scratch.size();
      if (chunks_.size() == 1) {
        // A lone chunk is always visited: no summary, and its buffer is
        // traded with the scratch one instead of copied.
        c.items.swap(scratch);
        c.edges = ~uint64_t{0};
      } else {
        c.items.resize(scratch.size());
        uint64_t edges = 0;
        for (size_t k = 0; k < scratch.size(); ++k) {
          c.items[k] = scratch[k];
          edges |= EdgeBit(scratch[k].edge);
        }
        c.edges = edges;
      }
      size_t n = c.items.size();
      if (n > 0 && n <= 2 * chunk_size_ &&
          (i == 0 || chunks_[i - 1].items.size() + n > chunk_size_)) {
        ++i;  // the common case: nothing to split, remove or merge
      } else {
        i = Settle(i);
      }
    }
  }

  // Rewrite for the waiters on the edges in `edges` (EdgeBit): chunks whose
  // summary misses them are skipped, and in a visited chunk a waiter on
  // another edge is kept without a call. `step` may still see a waiter on
  // an edge sharing a bit with one in `edges`.
  template <class S>
  void RewriteEdges(uint64_t edges, std::vector<Waiter>& scratch, S&& step) {
    auto visit = [edges](uint64_t chunk_edges, const Waiter&) {
      return (chunk_edges & edges) != 0 ? Visit::kRewrite : Visit::kSkip;
    };
    Rewrite(visit, scratch, [&](const Waiter& w, std::vector<Waiter>& out) {
      if ((EdgeBit(w.edge) & edges) == 0) {
        out.push_back(w);
      } else {
        step(w, out);
      }
    });
  }

  // Drops the first / last `n` waiters (at most size()), calling drop(w) on each.
  template <class F>
  void DropFront(size_t n, F&& drop) {
    DropFrontWhile(
        [&n](const Waiter&) {
          if (n == 0) return false;
          --n;
          return true;
        },
        drop);
  }
  template <class F>
  void DropBack(size_t n, F&& drop) {
    while (n > 0 && size_ > 0) {
      Chunk& c = chunks_.back();
      size_t k = n < c.items.size() ? n : c.items.size();
      for (size_t j = c.items.size() - k; j < c.items.size(); ++j) drop(c.items[j]);
      c.items.resize(c.items.size() - k);
      size_ -= k;
      n -= k;
      // A summary of more waiters than are left is still a true superset.
      if (c.items.empty()) RemoveChunk(chunks_.size() - 1);
    }
  }
  // Drops the leading waiters for which pred(w) holds; returns how many.
  template <class P, class F>
  size_t DropFrontWhile(P&& pred, F&& drop) {
    size_t dropped = 0;
    while (size_ > 0) {
      Chunk& c = chunks_.front();
      size_t k = 0;
      while (k < c.items.size() && pred(c.items[k])) drop(c.items[k++]);
      dropped += k;
      size_ -= k;
      if (k < c.items.size()) {
        if (k > 0) c.items.erase(c.items.begin(), c.items.begin() + static_cast<std::ptrdiff_t>(k));
        break;
      }
      RemoveChunk(0);
    }
    return dropped;
  }

  // Forgets every waiter (the caller has released them). The first chunk's
  // buffer is kept: a partition freed and made again (B6, L1: most of them
  // live for one or two events) costs no allocation.
  void Clear() {
    if (chunks_.size() > 1) chunks_.resize(1);
    if (!chunks_.empty()) {
      chunks_[0].items.clear();
      chunks_[0].edges = 0;
    }
    size_ = 0;
  }

 private:
  struct Chunk {
    std::vector<Waiter> items;
    // A superset of the EdgeBits of items: exact after a rewrite, all ones
    // for a lone chunk (always visited), wider after drops.
    uint64_t edges = 0;
  };

  static void Resummarize(Chunk& c) {
    c.edges = 0;
    for (const Waiter& w : c.items) c.edges |= EdgeBit(w.edge);
  }

  // Removes chunk i, or empties it when it is the last one left (its buffer kept).
  void RemoveChunk(size_t i) {
    if (chunks_.size() > 1) {
      chunks_.erase(chunks_.begin() + static_cast<std::ptrdiff_t>(i));
      return;
    }
    chunks_[i].items.clear();
    chunks_[i].edges = 0;
  }

  // After chunk i was rewritten: splits it if it grew, removes it if empty,
  // merges it into its predecessor if both are small. Returns the index of
  // the next chunk to look at.
  size_t Settle(size_t i) {
    Chunk& c = chunks_[i];
    if (c.items.empty()) {
      bool last_left = chunks_.size() == 1;
      RemoveChunk(i);
      return last_left ? i + 1 : i;
    }
    if (c.items.size() > 2 * chunk_size_) {
      std::vector<Waiter> all;
      all.swap(c.items);
      size_t pieces = (all.size() + chunk_size_ - 1) / chunk_size_;
      chunks_.insert(chunks_.begin() + static_cast<std::ptrdiff_t>(i) + 1, pieces - 1, Chunk{});
      for (size_t k = 0; k < pieces; ++k) {
        Chunk& piece = chunks_[i + k];
        size_t begin = k * chunk_size_;
        size_t end = begin + chunk_size_ < all.size() ? begin + chunk_size_ : all.size();
        piece.items.assign(all.begin() + static_cast<std::ptrdiff_t>(begin),
                           all.begin() + static_cast<std::ptrdiff_t>(end));
        Resummarize(piece);
      }
      return i + pieces;
    }
    if (i > 0 && chunks_[i - 1].items.size() + c.items.size() <= chunk_size_) {
      Chunk& prev = chunks_[i - 1];
      prev.items.insert(prev.items.end(), c.items.begin(), c.items.end());
      prev.edges |= c.edges;
      chunks_.erase(chunks_.begin() + static_cast<std::ptrdiff_t>(i));
      return i;
    }
    return i + 1;
  }

  // No chunk is empty, except one left alone when the list is empty. The
  // first chunk is held inline: most partitions of a partitioned rule hold
  // a few waiters, and a separate chunk array would cost them an allocation.
  absl::InlinedVector<Chunk, 1> chunks_;
  static inline size_t chunk_size_ = kDefaultChunk;
  size_t size_ = 0;
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_WAITER_LIST_H_
