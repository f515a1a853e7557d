// Windowed `from` rules and `suppress` through the engine
// (runtime/window_matcher.h, runtime/suppressor.h), on hand-checked cases:
// each window kind, having, groups (null keys, the group limit), timers
// driven by the watermark, derived window events read by a pattern rule, and
// the budget: after Finish no group, pane or event is left.
#include <doctest/doctest.h>

#include <string>

#include "tests/unit/engine_harness.h"

namespace cep::rt {
namespace {

constexpr char kReq[] = R"(
event Req { svc: string?, ms: int }
)";

TEST_CASE("tumbling window per group: emitted at the window end, then freed") {
  Harness h(std::string(kReq) + R"(
rule W {
  from Req as r
  window tumbling 10s
  group by svc
  emit O { svc = svc, n = count(), total = sum(ms), hi = max(ms), first_ms = first(r).ms }
})");
  h.PushFields("Req", 1, {{"ms", 5}}, {{"svc", "a"}});
  h.PushFields("Req", 2, {{"ms", 7}}, {{"svc", "b"}});
  h.PushFields("Req", 9, {{"ms", 9}}, {{"svc", "a"}});
  CHECK(h.Output().empty());
  h.PushFields("Req", 10, {{"ms", 1}}, {{"svc", "a"}});  // next window: the first closes
  CHECK(h.Output() == "W@10\nW@10\n");
  CHECK(h.engine().live_groups() == 1);
  h.engine().Finish();
  CHECK(h.Json() ==
        "{\"type\":\"O\",\"time\":\"1970-01-01T00:00:10Z\",\"rule\":\"W\",\"svc\":\"a\",\"n\":2,"
        "\"total\":14,\"hi\":9,\"first_ms\":5,\"events\":{}}\n"
        "{\"type\":\"O\",\"time\":\"1970-01-01T00:00:10Z\",\"rule\":\"W\",\"svc\":\"b\",\"n\":1,"
        "\"total\":7,\"hi\":7,\"first_ms\":7,\"events\":{}}\n"
        "{\"type\":\"O\",\"time\":\"1970-01-01T00:00:20Z\",\"rule\":\"W\",\"svc\":\"a\",\"n\":1,"
        "\"total\":1,\"hi\":1,\"first_ms\":1,\"events\":{}}\n");
  CHECK(h.engine().live_groups() == 0);
  CHECK(h.engine().store().live_events() == 0);
}

TEST_CASE("the watermark closes a window without a later event") {
  Harness h(std::string(kReq) + R"(
rule W { from Req window tumbling 10s emit O { n = count() } })");
  h.PushFields("Req", 3, {{"ms", 1}});
  h.engine().AdvanceTime(9 * kSec);
  CHECK(h.Output().empty());
  h.engine().AdvanceTime(10 * kSec);  // every event before 10s has been seen
  CHECK(h.Output() == "W@10\n");
}

TEST_CASE("sliding windows overlap; every > size leaves gaps whose events count nowhere") {
  Harness h(std::string(kReq) + R"(
rule Overlap { from Req window sliding 20s every 10s emit O { n = count(), s = sum(ms) } }
rule Gaps { from Req window sliding 5s every 10s emit P { n = count(), s = sum(ms) } })");
  h.PushFields("Req", 1, {{"ms", 1}});
  h.PushFields("Req", 7, {{"ms", 2}});   // in no Gaps window: [0,5), [10,15), ...
  h.PushFields("Req", 12, {{"ms", 4}});
  h.PushFields("Req", 25, {{"ms", 8}});
  h.engine().Finish();
  // Overlap: [-10,10) {1,2}; [0,20) {1,2,4}; [10,30) {4,8}; [20,40) {8}.
  // Gaps: [0,5) {1}; [10,15) {4}; [20,25) {}; [30,35) none.
  CHECK(h.Output() == "Gaps@5\nOverlap@10\nGaps@15\nOverlap@20\nOverlap@30\nOverlap@40\n");
  CHECK(h.Json().find("\"rule\":\"Gaps\",\"n\":1,\"s\":4") != std::string::npos);
  CHECK(h.Json().find("\"rule\":\"Overlap\",\"n\":3,\"s\":7") != std::string::npos);
  CHECK(h.engine().live_groups() == 0);
  CHECK(h.engine().store().live_events() == 0);
}

TEST_CASE("session windows close gap after the last event of their group") {
  Harness h(std::string(kReq) + R"(
rule S {
  from Req
  window session gap 5s
  group by svc
  emit O { svc = svc, n = count() }
})");
  h.PushFields("Req", 0, {{"ms", 1}}, {{"svc", "a"}});
  h.PushFields("Req", 4, {{"ms", 1}}, {{"svc", "a"}});
  h.PushFields("Req", 6, {{"ms", 1}}, {{"svc", "b"}});
  h.PushFields("Req", 9, {{"ms", 1}}, {{"svc", "a"}});  // 4 + 5 = 9: a new session
  CHECK(h.Output() == "S@9\n");
  h.engine().Finish();
  CHECK(h.Output() == "S@9\nS@11\nS@14\n");
  CHECK(h.engine().live_groups() == 0);
}

TEST_CASE("count windows: every M events over the last N, per group; a partial window is dropped") {
  Harness h(std::string(kReq) + R"(
rule C { from Req window count 3 every 2 emit O { n = count(), s = sum(ms) } })");
  for (int i = 1; i <= 7; ++i) h.PushFields("Req", i, {{"ms", static_cast<double>(i)}});
  h.engine().Finish();
  CHECK(h.Output() == "C@2\nC@4\nC@6\n");
  std::string json = h.Json();
  CHECK(json.find("\"n\":2,\"s\":3") != std::string::npos);   // 1+2
  CHECK(json.find("\"n\":3,\"s\":9") != std::string::npos);   // 2+3+4
  CHECK(json.find("\"n\":3,\"s\":15") != std::string::npos);  // 4+5+6
}

TEST_CASE("having filters groups; a null key is a group of its own") {
  Harness h(std::string(kReq) + R"(
rule H {
  from Req
  window tumbling 1m
  group by svc
  having count() >= 2
  emit O { svc = coalesce(svc, "none"), n = count() }
})");
  h.PushFields("Req", 1, {{"ms", 1}});
  h.PushFields("Req", 2, {{"ms", 1}}, {{"svc", "a"}});
  h.PushFields("Req", 3, {{"ms", 1}});
  h.engine().Finish();
  CHECK(h.Json() ==
        "{\"type\":\"O\",\"time\":\"1970-01-01T00:01:00Z\",\"rule\":\"H\",\"svc\":\"none\","
        "\"n\":2,\"events\":{}}\n");
}

TEST_CASE("the group limit evicts the least recently active group") {
  Limits limits;
  limits.max_partitions = 2;
  Harness h(std::string(kReq) + R"(
rule W { from Req window tumbling 1m group by svc emit O { svc = svc, n = count() } })",
            limits);
  h.PushFields("Req", 1, {{"ms", 1}}, {{"svc", "a"}});
  h.PushFields("Req", 2, {{"ms", 1}}, {{"svc", "b"}});
  h.PushFields("Req", 3, {{"ms", 1}}, {{"svc", "a"}});
  h.PushFields("Req", 4, {{"ms", 1}}, {{"svc", "c"}});  // evicts b
  h.engine().Finish();
  std::string json = h.Json();
  CHECK(json.find("\"svc\":\"a\",\"n\":2") != std::string::npos);
  CHECK(json.find("\"svc\":\"c\",\"n\":1") != std::string::npos);
  CHECK(json.find("\"svc\":\"b\"") == std::string::npos);
  CHECK(h.engine().stats().rules[0].partitions_shed == 1);
}

TEST_CASE("window-less rules emit per event; derived window events feed pattern rules") {
  Harness h(std::string(kReq) + R"(
rule Slow { from Req[ms > 100] as r emit SlowSeen { svc = r.svc, ms = ms } }
rule Busy { from Req window tumbling 10s emit BusyWindow { n = count() } }
rule TwoBusy {
  pattern a: BusyWindow[n >= 2] -> b: BusyWindow[n >= 2]
  emit TwoBusySeen { first = a.n, second = b.n }
})");
  h.PushFields("Req", 1, {{"ms", 150}}, {{"svc", "a"}});
  h.PushFields("Req", 2, {{"ms", 1}});
  h.PushFields("Req", 11, {{"ms", 1}});
  h.PushFields("Req", 12, {{"ms", 1}});
  h.engine().Finish();
  CHECK(h.Output() == "Slow@1 r=1\nBusy@10\nBusy@20\nTwoBusy@20 a=3 b=6\n");
}

TEST_CASE("suppress: one output per key per duration, for pattern and window rules") {
  Harness h(R"(
event L { user: string, ok: bool }
rule Fail {
  pattern l: L[not ok]
  emit Failed { user = l.user }
  suppress by l.user for 10s
}
rule Any {
  from L
  window tumbling 5s
  emit Seen { n = count() }
  suppress for 10s
})");
  auto push = [&](int64_t t, const std::string& user, bool ok) {
    h.PushFields("L", t, {{"ok", ok ? 1.0 : 0.0}}, {{"user", user}});
  };
  push(0, "a", false);
  push(1, "a", false);   // suppressed until 10
  push(2, "b", false);
  push(10, "a", false);  // passes again
  push(11, "c", true);
  h.engine().Finish();
  // Any: windows end at 5 (passes), 15 (passes: 5 + 10 <= 15).
  CHECK(h.Output() == "Fail@0 l=1\nFail@2 l=3\nAny@5\nFail@10 l=4\nAny@15\n");
  CHECK(h.engine().stats().rules[0].outputs_suppressed == 1);
}

}  // namespace
}  // namespace cep::rt
