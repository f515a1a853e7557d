// Tests for runtime/event.h: EventStore allocation, reuse and reference
// counts, and EventBuilder (fields, strings copied into the event, reuse).
#include "runtime/event.h"

#include <string>

#include <doctest/doctest.h>

namespace cep::rt {
namespace {

TEST_CASE("EventStore allocates events with null fields and one reference") {
  EventStore store;
  Event* e = store.Allocate(/*type=*/3, /*nfields=*/4, /*string_bytes=*/10);
  CHECK(e->refs == 1);
  CHECK(e->type == 3);
  CHECK(e->nfields == 4);
  CHECK(e->string_bytes == 10);
  for (int i = 0; i < 4; ++i) CHECK(e->field(i).is_null());
  CHECK(store.live_events() == 1);
  CHECK(store.live_bytes() > 0);
  store.Release(e);
  CHECK(store.live_events() == 0);
  CHECK(store.live_bytes() == 0);
}

TEST_CASE("EventStore frees an event on its last Release only") {
  EventStore store;
  Event* e = store.Allocate(0, 2, 0);
  store.Retain(e);
  store.Retain(e);
  CHECK(e->refs == 3);
  store.Release(e);
  store.Release(e);
  CHECK(store.live_events() == 1);
  CHECK(e->refs == 1);
  store.Release(e);
  CHECK(store.live_events() == 0);
}

TEST_CASE("EventStore reuses a freed block of the same size class") {
  EventStore store;
  Event* a = store.Allocate(0, 3, 5);
  store.Release(a);
  Event* b = store.Allocate(1, 3, 5);
  CHECK(b == a);  // popped from the free list
  CHECK(b->refs == 1);
  CHECK(b->type == 1);
  for (int i = 0; i < 3; ++i) CHECK(b->field(i).is_null());
  // A different size class gets a different block.
  Event* c = store.Allocate(0, 40, 0);
  CHECK(c != b);
  store.Release(b);
  store.Release(c);
  CHECK(store.live_events() == 0);
}

TEST_CASE("EventStore handles blocks too large to pool") {
  EventStore store;
  Event* big = store.Allocate(0, 2, 100000);
  CHECK(big->string_bytes == 100000);
  store.Release(big);
  CHECK(store.live_bytes() == 0);
}

TEST_CASE("EventBuilder builds an event with copied strings") {
  EventStore store;
  EventBuilder builder;
  builder.Start(/*type=*/2, /*nfields=*/4);
  CHECK(builder.type() == 2);
  CHECK(builder.nfields() == 4);
  builder.SetTime(1'700'000'000'000'000'000);
  std::string user = "alice";
  builder.SetString(1, user);
  builder.Set(2, Value::Int(42));
  builder.SetString(3, "");
  Event* e = builder.Build(store);
  user = "XXXXX";  // the event holds its own copy
  CHECK(e->time == 1'700'000'000'000'000'000);
  CHECK(e->field(0).tag == Tag::kTimestamp);
  CHECK(e->field(1).tag == Tag::kString);
  CHECK(e->field(1).str() == "alice");
  CHECK(e->field(1).s >= e->string_area());
  CHECK(e->field(2).i == 42);
  CHECK(e->field(3).tag == Tag::kString);
  CHECK(e->field(3).str().empty());
  store.Release(e);
}

TEST_CASE("EventBuilder is reusable and resets fields between events") {
  EventStore store;
  EventBuilder builder;
  builder.Start(0, 3);
  builder.SetTime(1);
  builder.SetString(1, "first");
  builder.SetString(2, "second");
  Event* a = builder.Build(store);

  builder.Start(0, 3);
  builder.SetTime(2);
  builder.SetString(2, "again");
  Event* b = builder.Build(store);
  CHECK(b->field(1).is_null());
  CHECK(b->field(2).str() == "again");
  // The first event is untouched by the builder's reuse.
  CHECK(a->field(1).str() == "first");
  CHECK(a->field(2).str() == "second");

  // A string overwritten by a non-string value is not fixed up as a string.
  builder.Start(0, 2);
  builder.SetString(1, "gone");
  builder.Set(1, Value::Int(7));
  Event* c = builder.Build(store);
  CHECK(c->field(1).tag == Tag::kInt);
  CHECK(c->field(1).i == 7);
  store.Release(a);
  store.Release(b);
  store.Release(c);
}

TEST_CASE("EventBuilder keeps strings with NUL bytes and non-ASCII text") {
  EventStore store;
  EventBuilder builder;
  builder.Start(0, 2);
  const std::string s("a\0b\xC3\xA9", 5);
  builder.SetString(1, s);
  Event* e = builder.Build(store);
  CHECK(e->field(1).str() == s);
  store.Release(e);
}

}  // namespace
}  // namespace cep::rt
