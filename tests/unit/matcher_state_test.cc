// Tests of the matcher's state keeping (runtime/rule_matcher.h,
// runtime/match_dag.h): the one partition of an unpartitioned rule,
// partitions made only by an event that starts a match and freed when
// they empty, the report dedupe, the reused derived-event buffers, and
// the DAG's node layout (variable slots only for what checks read).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "absl/strings/str_split.h"

#include "runtime/engine.h"
#include "runtime/match_dag.h"
#include "tests/unit/engine_harness.h"

namespace cep::rt {
namespace {

TEST_CASE("unpartitioned rule: one partition, reused after it empties") {
  Harness h(std::string(kAbcTypes) + R"(
rule R {
  pattern a: A -> b: B
  within 10s
  emit O {}
})");
  // Three rounds: each ends with no partial match (the window passes).
  for (int round = 0; round < 3; ++round) {
    int64_t t = round * 100;
    h.Push("A", t + 1);
    CHECK(h.engine().live_partitions() == 1);
    h.Push("B", t + 2);
    h.Push("C", t + 50);  // not read by R: fires the expiry timer
    CHECK(h.engine().live_waiters() == 0);
    CHECK(h.engine().live_partitions() == 0);
  }
  h.engine().Finish();
  CHECK(h.Output() == "R@2 a=1 b=2\nR@102 a=4 b=5\nR@202 a=7 b=8\n");
  CHECK(h.engine().live_dag_nodes() == 0);
  CHECK(h.engine().store().live_events() == 0);
}

TEST_CASE("partitioned rule: an event that cannot start a match makes no partition") {
  Harness h(std::string(kAbcTypes) + R"(
rule R {
  pattern a: A[x > 5] -> b: B[x > a.x]
  partition by k
  within 10s
  emit O {}
})");
  for (int k = 0; k < 20; ++k) h.Push("A", 1, {{"x", 1}, {"k", k}});  // fail the start
  CHECK(h.engine().live_partitions() == 0);
  CHECK(h.engine().stats().rules[0].peak_partitions == 0);
  h.Push("A", 2, {{"x", 9}, {"k", 3}});
  CHECK(h.engine().live_partitions() == 1);
  h.Push("B", 3, {{"x", 10}, {"k", 3}});
  h.engine().Finish();
  CHECK(h.Output() == "R@3 a=21 b=22\n");
  CHECK(h.engine().stats().rules[0].peak_partitions == 1);
}

TEST_CASE("a start test that reads the partition key decides the partition too") {
  Harness h(std::string(kAbcTypes) + R"(
rule R {
  pattern a: A[x == k] -> b: B
  partition by k
  within 10s
  emit O {}
})");
  h.Push("A", 1, {{"x", 1}, {"k", 2}});  // x != k: no partition
  CHECK(h.engine().live_partitions() == 0);
  h.Push("A", 2, {{"x", 2}, {"k", 2}});
  CHECK(h.engine().live_partitions() == 1);
  h.Push("B", 3, {{"k", 2}});
  h.engine().Finish();
  CHECK(h.Output() == "R@3 a=2 b=3\n");
}

std::string UserName(int u) { return "a-rather-long-user-name-" + std::to_string(u); }

TEST_CASE("partitions by long string keys: found, read by checks and emit, freed without a trace") {
  Harness h(R"(
event Login { user: string, ok: bool }
rule R {
  pattern f: Login[not ok and user != "nobody"] -> s: Login[ok]
  partition by user
  within 10s
  emit Breach { who = user }
})");
  // Keys longer than a string's own buffer: the partition index compares
  // the key bytes, not a copy. Rounds of 50 users each make 50 partitions
  // that the window then frees; the next round reuses them.
  const size_t base = h.engine().ApproxBytes();
  std::string expected;
  for (int round = 0; round < 3; ++round) {
    int64_t t = round * 100;
    for (int u = 0; u < 50; ++u) {
      h.Push("Login", t + 1, {{"ok", 0}}, {{"user", UserName(u)}});
    }
    CHECK(h.engine().live_partitions() == 50);
    CHECK(h.engine().ApproxBytes() > base);
    // Successes for every other user, in reverse order.
    for (int u = 48; u >= 0; u -= 2) {
      h.Push("Login", t + 2, {{"ok", 1}}, {{"user", UserName(u)}});
    }
    h.Push("Login", t + 50, {{"ok", 0}}, {{"user", "nobody"}});  // the window passes
    CHECK(h.engine().live_partitions() == 0);
    CHECK(h.engine().ApproxBytes() == base);
  }
  h.engine().Finish();
  std::vector<std::string> lines = absl::StrSplit(h.Json(), '\n', absl::SkipEmpty());
  REQUIRE(lines.size() == 75);
  CHECK(lines[0].find("\"who\":\"a-rather-long-user-name-48\"") != std::string::npos);
  CHECK(lines[24].find("\"who\":\"a-rather-long-user-name-0\"") != std::string::npos);
  CHECK(lines[74].find("\"who\":\"a-rather-long-user-name-0\"") != std::string::npos);
}

// `a: A -> b: B` partitioned by k, under a limit of two partitions that
// refuses new ones.
const std::string kPartitionedAB = std::string(kAbcTypes) + R"(
rule R {
  pattern a: A -> b: B
  partition by k
  within 10s
  emit O {}
})";

Limits TwoPartitionsRejectNew() {
  Limits limits;
  limits.max_partitions = 2;
  limits.on_partitions_overflow = OverflowPolicy::kRejectNew;
  return limits;
}

TEST_CASE("emptied partitions are freed: the limit counts the ones holding partial matches") {
  Harness h(kPartitionedAB, TwoPartitionsRejectNew());
  // Keys 1 and 2 match and their partitions empty; key 3 then finds room.
  h.Push("A", 1, {{"k", 1}});
  h.Push("A", 2, {{"k", 2}});
  h.Push("B", 3, {{"k", 1}});
  h.Push("B", 4, {{"k", 2}});
  h.Push("C", 20);  // the window passes: both partitions are empty
  CHECK(h.engine().live_partitions() == 0);
  h.Push("A", 21, {{"k", 3}});
  h.Push("A", 22, {{"k", 1}});  // key 1 again, in a new partition
  h.Push("B", 23, {{"k", 3}});
  h.Push("B", 24, {{"k", 1}});
  h.engine().Finish();
  CHECK(h.Output() == "R@3 a=1 b=3\nR@4 a=2 b=4\nR@23 a=6 b=8\nR@24 a=7 b=9\n");
  CHECK(h.engine().stats().rules[0].partitions_shed == 0);
  CHECK(h.engine().live_partitions() == 0);
  CHECK(h.engine().live_waiters() == 0);
}

TEST_CASE("the limit still sheds when every partition holds a partial match") {
  Harness h(kPartitionedAB, TwoPartitionsRejectNew());
  h.Push("A", 1, {{"k", 1}});
  h.Push("A", 2, {{"k", 2}});
  h.Push("A", 3, {{"k", 3}});  // refused
  h.Push("B", 4, {{"k", 3}});
  h.Push("B", 5, {{"k", 1}});
  h.engine().Finish();
  CHECK(h.Output() == "R@5 a=1 b=5\n");
  CHECK(h.engine().stats().rules[0].partitions_shed == 1);
}

TEST_CASE("one match reached by several parses is reported once") {
  Harness h(std::string(kAbcTypes) + R"(
rule R {
  pattern (c: B+)+ ; d: C
  within 10s
  after match no skip
  emit O {}
})");
  h.Push("B", 1);
  h.Push("B", 2);
  h.Push("C", 3);
  h.engine().Finish();
  // Starting at 1: B1 B2 as one or two iterations; starting at 2: B2.
  CHECK(h.Output() == "R@3 c=1,2 d=3\nR@3 c=2 d=3\n");
}

TEST_CASE("derived events of different shapes reuse one buffer without mixing bindings") {
  Harness h(std::string(kAbcTypes) + R"(
rule Long {
  pattern a: A -> b: B+ -> c: C
  within 10s
  after match skip past last
  emit O {}
}
rule Short {
  pattern c: C
  emit P {}
})");
  h.Push("A", 1);
  h.Push("B", 2);
  h.Push("B", 3);
  h.Push("C", 4);
  h.Push("C", 5);
  h.Push("A", 6);
  h.Push("B", 7);
  h.Push("C", 8);
  h.engine().Finish();
  CHECK(h.Output() ==
        "Long@4 a=1 b=2,3 c=4\nShort@4 c=4\nShort@5 c=5\nLong@8 a=6 b=7 c=8\nShort@8 c=8\n");
}

TEST_CASE("MatchDag: 24-byte nodes, slots only for the first variables, optional hash") {
  EventStore store;
  auto make = [&](uint64_t seq) {
    EventBuilder b;
    b.Start(0, 1);  // field 0 is the time
    b.SetTime(static_cast<int64_t>(seq));
    Event* e = b.Build(store);
    e->seq = seq;
    return e;
  };
  Event* e1 = make(1);
  Event* e2 = make(2);
  Event* e3 = make(3);
  {
    // Three variables, one slot (variable 0), no hash: 24 + 8 bytes a node.
    MatchDag dag(&store, 1, 0, /*hashes=*/false);
    CHECK(dag.bytes_per_node() == 32);
    uint32_t n1 = dag.New(e1, 0, 0);
    uint32_t n2 = dag.New(e2, 2, n1);
    CHECK(dag.vars(n2)[0] == e1);
    CHECK(dag.length(n2) == 2);
    CHECK(dag.parent(n2) == n1);
    CHECK(dag.var(n2) == 2);
    dag.MarkComplete(n2);
    CHECK(dag.complete(n2));
    CHECK_FALSE(dag.complete(n1));
    dag.Release(n1);  // n2 still holds it
    CHECK(dag.live_nodes() == 2);
    dag.Release(n2);
    CHECK(dag.live_nodes() == 0);
    // No slot at all (a pattern whose checks read no variable).
    MatchDag bare(&store, 0, 0, false);
    CHECK(bare.bytes_per_node() == 24);
    uint32_t b1 = bare.New(e3, 5, 0);
    CHECK(bare.event(b1) == e3);
    bare.Release(b1);
  }
  {
    // With hashes: equal bindings reached apart hash alike and compare equal.
    MatchDag dag(&store, 2, 0, /*hashes=*/true);
    CHECK(dag.bytes_per_node() == 24 + 16 + 8);
    uint32_t a1 = dag.New(e1, 0, 0);
    uint32_t a2 = dag.New(e2, 1, a1);
    uint32_t b1 = dag.New(e1, 0, 0);
    uint32_t b2 = dag.New(e2, 1, b1);
    uint32_t c2 = dag.New(e2, 0, b1);
    CHECK(dag.hash(a2) == dag.hash(b2));
    CHECK(dag.SameBindings(a2, b2));
    CHECK(dag.hash(a2) != dag.hash(c2));
    CHECK_FALSE(dag.SameBindings(a2, c2));
    for (uint32_t n : {a1, a2, b1, b2, c2}) dag.Release(n);
    CHECK(dag.live_nodes() == 0);
  }
  store.Release(e1);
  store.Release(e2);
  store.Release(e3);
  CHECK(store.live_events() == 0);
}

}  // namespace
}  // namespace cep::rt
