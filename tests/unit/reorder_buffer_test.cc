// Tests of runtime/reorder_buffer.h: order restored within max_delay, ties in
// input order, late events refused, flush at the end.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "runtime/reorder_buffer.h"

namespace cep::rt {
namespace {

struct Fixture {
  EventStore store;
  std::vector<Event*> made;
  Event* Make(int64_t time, uint32_t line) {
    EventBuilder b;
    b.Start(0, 1);
    b.SetTime(time);
    Event* e = b.Build(store);
    e->input_line = line;
    return e;
  }
};

std::string Drain(ReorderBuffer& r, EventStore& store, bool flush) {
  std::string out;
  auto sink = [&](Event* e) {
    out += std::to_string(e->time) + "/" + std::to_string(e->input_line) + " ";
    store.Release(e);
  };
  if (flush) {
    r.Flush(sink);
  } else {
    r.Release(sink);
  }
  return out;
}

TEST_CASE("events within max_delay come out in time order, ties in input order") {
  Fixture f;
  ReorderBuffer r(10);
  CHECK(r.Add(f.Make(100, 1)));
  CHECK(r.Add(f.Make(95, 2)));   // 5 late: within the delay
  CHECK(r.Add(f.Make(100, 3)));  // a tie: after line 1
  CHECK(Drain(r, f.store, false) == "");  // watermark 90: nothing yet
  CHECK(r.Add(f.Make(108, 4)));  // watermark 98
  CHECK(Drain(r, f.store, false) == "95/2 ");
  CHECK(r.Add(f.Make(120, 5)));  // watermark 110
  CHECK(Drain(r, f.store, false) == "100/1 100/3 108/4 ");
  CHECK(Drain(r, f.store, true) == "120/5 ");
  CHECK(f.store.live_events() == 0);
}

TEST_CASE("events older than the watermark are late and stay with the caller") {
  Fixture f;
  ReorderBuffer r(5);
  CHECK(r.Add(f.Make(100, 1)));
  Event* late = f.Make(94, 2);
  CHECK_FALSE(r.Add(late));
  f.store.Release(late);
  CHECK(r.Add(f.Make(95, 3)));  // exactly at the watermark: still on time
  CHECK(r.watermark() == 95);
  CHECK(Drain(r, f.store, true) == "95/3 100/1 ");
  CHECK(r.peak() == 2);
}

TEST_CASE("zero delay passes in-order input straight through") {
  Fixture f;
  ReorderBuffer r(0);
  CHECK(r.Add(f.Make(1, 1)));
  CHECK(Drain(r, f.store, false) == "1/1 ");
  CHECK(r.Add(f.Make(1, 2)));
  CHECK(Drain(r, f.store, false) == "1/2 ");
  Event* late = f.Make(0, 3);
  CHECK_FALSE(r.Add(late));
  f.store.Release(late);
  CHECK(r.buffered() == 0);
}

}  // namespace
}  // namespace cep::rt
