// Tests of runtime/waiter_list.h: the chunked, ordered waiter list must
// behave exactly like one flat vector rewritten waiter by waiter — the
// order kept, every waiter whose edge an event can move visited, the
// others untouched — whatever the chunk boundaries. A seeded random
// sequence of operations is run on both and compared after each one.
#include <doctest/doctest.h>

#include <cstdint>
#include <deque>
#include <vector>

#include "runtime/waiter_list.h"

namespace cep::rt {
namespace {

// A waiter is identified by (edge, node); `first` points at one of a few
// events with increasing start times, as in a partition.
bool Same(const Waiter& a, const Waiter& b) {
  return a.edge == b.edge && a.node == b.node && a.first == b.first;
}

std::vector<Waiter> Flatten(const WaiterList& list) {
  std::vector<Waiter> out;
  list.ForEach([&](const Waiter& w) { out.push_back(w); });
  return out;
}

bool Equal(const WaiterList& list, const std::vector<Waiter>& model) {
  std::vector<Waiter> flat = Flatten(list);
  if (flat.size() != model.size() || list.size() != model.size()) return false;
  for (size_t i = 0; i < flat.size(); ++i) {
    if (!Same(flat[i], model[i])) return false;
  }
  return true;
}

struct Rng {
  uint64_t s;
  uint64_t Next() {
    s += 0x9e3779b97f4a7c15ULL;
    uint64_t z = s;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(Next() % n); }
};

TEST_CASE("waiter list: random operations agree with a flat vector") {
  // Chunks of 1, 3 and the default size: splits and merges at every step
  // and at the size the engine uses.
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    const size_t chunk = seed % 3 == 0 ? 1 : (seed % 3 == 1 ? 3 : WaiterList::kDefaultChunk);
    WaiterList::SetChunkSizeForTesting(chunk);
    Rng rng{seed};
    std::deque<Event> events;  // stable addresses
    WaiterList list;
    std::vector<Waiter> model;
    std::vector<Waiter> scratch;
    uint32_t next_node = 1;
    // Edges above 64 share summary bits with lower ones.
    const uint32_t num_edges = seed % 2 == 0 ? 8 : 100;
    auto fresh = [&](const Event* first) {
      return Waiter{rng.Below(num_edges), next_node++, first};
    };
    for (int op = 0; op < 600; ++op) {
      events.emplace_back();
      events.back().seq = events.size();
      events.back().time = static_cast<int64_t>(events.size()) * 10;
      const Event* now = &events.back();
      switch (rng.Below(6)) {
        case 0:
        case 1: {  // starts
          uint32_t n = 1 + rng.Below(40);
          for (uint32_t k = 0; k < n; ++k) {
            Waiter w = fresh(now);
            list.PushBack(w);
            model.push_back(w);
          }
          break;
        }
        case 2:
        case 3: {  // an event moving the waiters of a few edges
          uint64_t movable = 0;
          for (uint32_t k = 0, n = rng.Below(3); k < n; ++k) {
            movable |= WaiterList::EdgeBit(rng.Below(num_edges));
          }
          // What each moved waiter becomes is drawn from the rng, so the
          // list and the model must visit the same waiters in the same order.
          uint64_t step_seed = rng.Next();
          auto step = [&](Rng& r, const Waiter& w, std::vector<Waiter>& out) {
            if ((WaiterList::EdgeBit(w.edge) & movable) == 0) {
              out.push_back(w);
              return;
            }
            uint32_t children = r.Below(4);
            for (uint32_t c = 0; c < children; ++c) {
              out.push_back(Waiter{r.Below(num_edges), w.node * 1000 + c, w.first});
            }
            if (r.Below(2) == 0) out.push_back(w);
          };
          Rng r1{step_seed};
          list.RewriteEdges(movable, scratch,
                            [&](const Waiter& w, std::vector<Waiter>& out) { step(r1, w, out); });
          Rng r2{step_seed};
          std::vector<Waiter> next;
          for (const Waiter& w : model) step(r2, w, next);
          model.swap(next);
          break;
        }
        case 4: {  // expiry: the leading waiters up to some start
          uint64_t cut = rng.Below(static_cast<uint32_t>(events.size()) + 1);
          std::vector<Waiter> dropped;
          size_t n = list.DropFrontWhile([&](const Waiter& w) { return w.start_seq() <= cut; },
                                         [&](const Waiter& w) { dropped.push_back(w); });
          size_t m = 0;
          while (m < model.size() && model[m].start_seq() <= cut) ++m;
          REQUIRE(n == m);
          for (size_t i = 0; i < m; ++i) CHECK(Same(dropped[i], model[i]));
          model.erase(model.begin(), model.begin() + static_cast<std::ptrdiff_t>(m));
          break;
        }
        case 5: {  // run limits: drop from the front or the back
          size_t n = rng.Below(static_cast<uint32_t>(model.size()) + 1);
          std::vector<Waiter> dropped;
          if (rng.Below(2) == 0) {
            list.DropFront(n, [&](const Waiter& w) { dropped.push_back(w); });
            for (size_t i = 0; i < n; ++i) CHECK(Same(dropped[i], model[i]));
            model.erase(model.begin(), model.begin() + static_cast<std::ptrdiff_t>(n));
          } else {
            list.DropBack(n, [&](const Waiter& w) { dropped.push_back(w); });
            REQUIRE(dropped.size() == n);
            model.resize(model.size() - n);
          }
          break;
        }
      }
      REQUIRE(Equal(list, model));
      if (rng.Below(50) == 0) {
        list.Clear();
        model.clear();
        CHECK(list.empty());
      }
    }
  }
  WaiterList::SetChunkSizeForTesting(WaiterList::kDefaultChunk);
}

TEST_CASE("waiter list: an event visits only the chunks holding edges it moves") {
  std::deque<Event> events(1);
  WaiterList list;
  // 1,000 waiters parked on edge 7, then 10 on edge 3 (the newest).
  for (uint32_t i = 0; i < 1000; ++i) list.PushBack(Waiter{7, i + 1, &events[0]});
  for (uint32_t i = 0; i < 10; ++i) list.PushBack(Waiter{3, 2000 + i, &events[0]});
  std::vector<Waiter> scratch;
  size_t stepped = 0;
  const uint64_t movable = WaiterList::EdgeBit(3);
  list.Rewrite(
      [&](uint64_t edges, const Waiter&) {
        return (edges & movable) != 0 ? WaiterList::Visit::kRewrite : WaiterList::Visit::kSkip;
      },
      scratch, [&](const Waiter& w, std::vector<Waiter>& out) {
        ++stepped;
        // Each edge-3 waiter moves on to edge 4.
        out.push_back(w.edge == 3 ? Waiter{4, w.node, w.first} : w);
      });
  // Only the last chunk (at most 2 * chunk_size() waiters) was visited.
  CHECK(stepped <= 2 * WaiterList::chunk_size());
  CHECK(stepped >= 10);
  std::vector<Waiter> flat = Flatten(list);
  REQUIRE(flat.size() == 1010);
  CHECK(flat[999].edge == 7);
  CHECK(flat[1000].edge == 4);
  CHECK(flat[1000].node == 2000);
  // Chunks stay bounded.
  CHECK(list.chunks() >= 1010 / (2 * WaiterList::chunk_size()));
}

TEST_CASE("waiter list: kStop leaves the rest, a grown chunk is split in order") {
  std::deque<Event> events(3);
  for (size_t i = 0; i < events.size(); ++i) {
    events[i].seq = i + 1;
    events[i].time = static_cast<int64_t>(i + 1) * 100;
  }
  WaiterList list;
  for (uint32_t i = 0; i < 100; ++i) list.PushBack(Waiter{1, i + 1, &events[i < 50 ? 0 : 2]});
  std::vector<Waiter> scratch;
  // Expiry of the waiters started at time <= 100: only leading chunks.
  size_t visited = 0;
  list.Rewrite(
      [](uint64_t, const Waiter& first) {
        return first.start_time() <= 100 ? WaiterList::Visit::kRewrite : WaiterList::Visit::kStop;
      },
      scratch, [&](const Waiter& w, std::vector<Waiter>& out) {
        ++visited;
        if (w.start_time() > 100) out.push_back(w);
      });
  CHECK(visited < 100);
  CHECK(list.size() == 50);
  // Every waiter left gains three children before itself: 200 waiters,
  // split into bounded chunks, order kept.
  list.Rewrite([](uint64_t, const Waiter&) { return WaiterList::Visit::kRewrite; }, scratch,
               [](const Waiter& w, std::vector<Waiter>& out) {
                 for (uint32_t c = 1; c <= 3; ++c) out.push_back(Waiter{2, w.node * 10 + c, w.first});
                 out.push_back(w);
               });
  std::vector<Waiter> flat = Flatten(list);
  REQUIRE(flat.size() == 200);
  CHECK(flat[0].node == 511);
  CHECK(flat[3].node == 51);
  CHECK(flat[199].node == 100);
  CHECK(list.chunks() >= 200 / (2 * WaiterList::chunk_size()));
}

}  // namespace
}  // namespace cep::rt
