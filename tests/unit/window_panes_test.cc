// AggState::Merge and PaneQueue (runtime/agg_state.h, runtime/window_panes.h):
// merging the states of consecutive runs of values gives what folding the
// values one by one gives, for every aggregate; and the two-stack queue's
// query equals merging the panes it holds, over random pushes and pops.
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "runtime/window_panes.h"

namespace cep::rt {
namespace {

using check::BuiltinId;

constexpr BuiltinId kFns[] = {BuiltinId::kCount, BuiltinId::kSum,    BuiltinId::kAvg,
                              BuiltinId::kMin,   BuiltinId::kMax,    BuiltinId::kFirst,
                              BuiltinId::kLast,  BuiltinId::kDistinct, BuiltinId::kStddev,
                              BuiltinId::kPercentile};

TypeKind ResultKind(BuiltinId fn, TypeKind arg) {
  switch (fn) {
    case BuiltinId::kCount:
    case BuiltinId::kDistinct: return TypeKind::kInt;
    case BuiltinId::kAvg:
    case BuiltinId::kStddev:
    case BuiltinId::kPercentile: return TypeKind::kFloat;
    default: return arg;
  }
}

// Ints, floats (with NaN-free random values), strings and nulls.
Value RandomValue(std::mt19937& rng, TypeKind kind, std::vector<std::string>& strings) {
  if (rng() % 7 == 0) return Value::Null();
  switch (kind) {
    case TypeKind::kInt: return Value::Int(static_cast<int64_t>(rng() % 21) - 10);
    case TypeKind::kFloat: return Value::Float(static_cast<double>(rng() % 1000) / 8.0 - 40.0);
    default: {
      strings.push_back(std::string(1 + rng() % 3, static_cast<char>('a' + rng() % 4)));
      return Value::String(strings.back());
    }
  }
}

bool Same(const Value& a, const Value& b) {
  if (a.tag == Tag::kFloat && b.tag == Tag::kFloat) {
    return std::fabs(a.f - b.f) <= 1e-9 * std::max(1.0, std::fabs(a.f));
  }
  if (a.tag == Tag::kString && b.tag == Tag::kString) return a.str() == b.str();
  return ValueIdentical(a, b);
}

TEST_CASE("merging states of consecutive runs equals folding the values in order") {
  std::mt19937 rng(7);
  for (TypeKind kind : {TypeKind::kInt, TypeKind::kFloat, TypeKind::kString}) {
    for (BuiltinId fn : kFns) {
      const bool numeric_only = fn == BuiltinId::kSum || fn == BuiltinId::kAvg ||
                                fn == BuiltinId::kStddev || fn == BuiltinId::kPercentile;
      if (numeric_only && kind == TypeKind::kString) continue;
      for (int trial = 0; trial < 200; ++trial) {
        std::vector<std::string> strings;
        strings.reserve(64);
        AggState whole, merged, part;
        int n = static_cast<int>(rng() % 40);
        for (int i = 0; i < n; ++i) {
          Value v = RandomValue(rng, kind, strings);
          whole.Update(v, fn);
          part.Update(v, fn);
          if (rng() % 4 == 0) {  // a pane ends
            merged.Merge(part, fn);
            part = AggState();
          }
        }
        merged.Merge(part, fn);
        TypeKind rk = ResultKind(fn, kind);
        Value want = whole.Result(fn, rk, 90);
        Value got = merged.Result(fn, rk, 90);
        CAPTURE(static_cast<int>(fn));
        CAPTURE(static_cast<int>(kind));
        CHECK(Same(want, got));
        CHECK(whole.count() == merged.count());
      }
    }
  }
}

TEST_CASE("the pane queue's query is the merge of its panes, through pushes and pops") {
  std::mt19937 rng(11);
  const std::vector<BuiltinId> fns = {BuiltinId::kSum, BuiltinId::kMin, BuiltinId::kFirst,
                                      BuiltinId::kLast, BuiltinId::kDistinct};
  std::vector<std::vector<int64_t>> live;  // the values of each pane in the queue
  PaneQueue q;
  PaneStates got;
  for (int step = 0; step < 3000; ++step) {
    if (!live.empty() && rng() % 3 == 0) {
      q.Pop(fns);
      live.erase(live.begin());
    } else {
      PaneQueue::Pane p;
      p.index = step;
      p.states.resize(fns.size());
      std::vector<int64_t> values;
      for (int i = static_cast<int>(rng() % 4); i > 0; --i) {
        int64_t v = static_cast<int64_t>(rng() % 50);
        values.push_back(v);
        for (size_t s = 0; s < fns.size(); ++s) p.states[s].Update(Value::Int(v), fns[s]);
      }
      q.Push(std::move(p), fns);
      live.push_back(values);
    }
    REQUIRE(q.size() == live.size());
    if (live.empty()) continue;
    q.Query(fns, got);
    for (size_t s = 0; s < fns.size(); ++s) {
      AggState want;
      for (const auto& pane : live) {
        for (int64_t v : pane) want.Update(Value::Int(v), fns[s]);
      }
      CHECK(Same(want.Result(fns[s], TypeKind::kInt), got[s].Result(fns[s], TypeKind::kInt)));
    }
  }
}

}  // namespace
}  // namespace cep::rt
