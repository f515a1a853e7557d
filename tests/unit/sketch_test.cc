// distinct and percentile past their exact bound (runtime/agg_value_store.h,
// hll_sketch.h, quantile_sketch.h, identity_hash.h): exact up to 4096 values;
// accuracy of the sketches on seeded random data (distinct within 4% at 10k,
// 100k and 1M distinct values; percentile within 1% relative error over
// uniform, heavy-tailed, signed and duration data); merge of sketches equals
// the sketch of the union, in every exact/sketch combination; ResultWith
// equals Update-then-Result without changing the state; determinism.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "runtime/agg_state.h"
#include "runtime/agg_value_store.h"
#include "runtime/hll_sketch.h"
#include "runtime/identity_hash.h"
#include "runtime/quantile_sketch.h"

namespace cep::rt {
namespace {

using check::BuiltinId;

constexpr size_t kBound = AggValueStore::kExactValues;
constexpr double kAlpha = QuantileSketch::kRelativeAccuracy;

// Bit-for-bit equality of two results (NaN equals NaN).
bool SameBits(const Value& a, const Value& b) {
  if (a.tag != b.tag) return false;
  if (a.tag == Tag::kFloat) return std::memcmp(&a.f, &b.f, sizeof(double)) == 0;
  return ValueIdentical(a, b);
}

int64_t DistinctOf(const AggState& s) { return s.Result(BuiltinId::kDistinct, TypeKind::kInt).i; }

double Relative(double got, double want) { return std::fabs(got - want) / std::fabs(want); }

// The exact nearest-rank percentile of `sorted` (NaN last, as the engine).
double ExactPercentile(const std::vector<double>& sorted, double p) {
  double r = std::ceil(p * static_cast<double>(sorted.size()) / 100.0);
  size_t rank = r < 1 ? 1 : std::min(sorted.size(), static_cast<size_t>(r));
  return sorted[rank - 1];
}

// Whether `got` is within the sketch's relative accuracy of `want` (a hair
// over alpha: bucket boundaries are computed with a floating-point log).
bool WithinAlpha(double got, double want) {
  if (want == 0 || std::isinf(want) || std::isnan(want)) {
    return std::memcmp(&got, &want, sizeof got) == 0 || (want == 0 && got == 0);
  }
  return Relative(got, want) <= kAlpha * (1 + 1e-9);
}

// ---- identity hash ----

TEST_CASE("identity hash: equal for identical values, different across tags, fixed across runs") {
  std::string a = "user-17", b = "user-17";
  CHECK(IdentityHash(Value::String(a)) == IdentityHash(Value::String(b)));  // by bytes
  CHECK(IdentityHash(Value::Int(1)) != IdentityHash(Value::Float(1.0)));
  CHECK(IdentityHash(Value::Float(0.0)) != IdentityHash(Value::Float(-0.0)));
  CHECK(IdentityHash(Value::Int(5)) != IdentityHash(Value::Duration(5)));
  CHECK(IdentityHash(Value::Int(5)) != IdentityHash(Value::Timestamp(5)));
  CHECK(IdentityHash(Value::Bool(true)) != IdentityHash(Value::Int(1)));
  CHECK(IdentityHash(Value::String("")) != IdentityHash(Value::String(std::string(1, '\0'))));
  CHECK(IdentityHash(Value::String("abcdefgh")) != IdentityHash(Value::String(std::string_view("abcdefgh\0", 9))));
  // Pinned: the sketch's estimates depend on every bit, and must not change
  // between processes, builds or machines. A change here changes results.
  CHECK(IdentityHash(Value::Int(0)) == 0x7cc5da0b962f7ac2ull);
  CHECK(IdentityHash(Value::Int(42)) == 0x1ccacfe0c248e5e0ull);
  CHECK(IdentityHash(Value::Float(1.5)) == 0x4f94f70a4b5bd6cfull);
  CHECK(IdentityHash(Value::String("cep")) == 0x72115f8bd1f68d02ull);
  CHECK(IdentityHash(Value::String("a string longer than sixteen bytes")) ==
        0x164ab6ed2073e2bfull);
}

TEST_CASE("identity hash: sequential ints spread evenly over the HLL registers") {
  // 409,600 consecutive ints over 4096 registers: 100 expected per register.
  std::vector<int> hits(HllSketch::kRegisters, 0);
  for (int64_t i = 0; i < 409600; ++i) {
    ++hits[IdentityHash(Value::Int(i)) >> (64 - HllSketch::kPrecision)];
  }
  double chi2 = 0;
  for (int h : hits) chi2 += (h - 100.0) * (h - 100.0) / 100.0;
  // 4095 degrees of freedom: mean 4095, sd ~90.5; 4500 is 4.5 sd.
  CHECK(chi2 < 4500);
  CHECK(*std::min_element(hits.begin(), hits.end()) > 40);
}

// ---- distinct ----

TEST_CASE("distinct: exact up to the bound, then an estimate") {
  AggState s;
  for (int64_t i = 0; i < static_cast<int64_t>(kBound); ++i) {
    s.Update(Value::Int(i * 7919), BuiltinId::kDistinct);
    s.Update(Value::Int(i * 7919), BuiltinId::kDistinct);  // repeats count once
  }
  CHECK(DistinctOf(s) == static_cast<int64_t>(kBound));
  CHECK(s.count() == 2 * static_cast<int64_t>(kBound));  // every non-null value
  s.Update(Value::Int(-1), BuiltinId::kDistinct);  // the 4097th distinct value
  int64_t estimate = DistinctOf(s);
  CHECK(Relative(static_cast<double>(estimate), kBound + 1.0) < 0.04);
  // Strings: the bound on bytes switches too (64 KiB: 64 strings of 1 KiB).
  AggState t;
  std::vector<std::string> big;
  for (int k = 0; k < 70; ++k) big.push_back(std::string(1024, static_cast<char>('!' + k)));
  for (int k = 0; k < 64; ++k) t.Update(Value::String(big[k]), BuiltinId::kDistinct);
  CHECK(DistinctOf(t) == 64);
  for (int k = 64; k < 70; ++k) t.Update(Value::String(big[k]), BuiltinId::kDistinct);
  CHECK(std::abs(DistinctOf(t) - 70) <= 2);  // sketched now: an estimate, close for few values
  CHECK(t.ApproxHeapBytes() < 8 * 1024);  // the strings are gone: the sketch
}

TEST_CASE("distinct: within 4% at 10k, 100k and 1M distinct values (ints, strings, floats)") {
  std::mt19937_64 rng(20240601);
  for (int n : {10000, 100000, 1000000}) {
    AggState ints, strings, floats;
    std::string buf;
    for (int k = 0; k < n; ++k) {
      int64_t x = static_cast<int64_t>(rng());
      ints.Update(Value::Int(x), BuiltinId::kDistinct);
      if (k % 3 == 0) ints.Update(Value::Int(x), BuiltinId::kDistinct);  // a repeat
      buf.assign("user-");
      buf += std::to_string(k);
      strings.Update(Value::String(buf), BuiltinId::kDistinct);
      floats.Update(Value::Float(k * 0.25), BuiltinId::kDistinct);
      floats.Update(Value::Int(k), BuiltinId::kDistinct);  // 1 and 1.0 differ: 2n values
    }
    double ei = static_cast<double>(DistinctOf(ints));
    double es = static_cast<double>(DistinctOf(strings));
    double ef = static_cast<double>(DistinctOf(floats));
    MESSAGE("distinct n=" << n << ": ints " << Relative(ei, n) * 100 << "%, strings "
                          << Relative(es, n) * 100 << "%, floats+ints "
                          << Relative(ef, 2.0 * n) * 100 << "%");
    CHECK(Relative(ei, n) < 0.04);
    CHECK(Relative(es, n) < 0.04);
    CHECK(Relative(ef, 2.0 * n) < 0.04);
  }
}

TEST_CASE("distinct: the estimate's error over many streams is HLL's 1.6%") {
  // 200 streams of 20,000 values (past the exact bound): the RMS relative
  // error must be near 1.04/sqrt(4096) = 1.6%, and the mean (bias) small.
  std::mt19937_64 rng(99);
  double sum = 0, sum2 = 0;
  const int streams = 200, n = 20000;
  for (int t = 0; t < streams; ++t) {
    HllSketch h;
    for (int k = 0; k < n; ++k) h.Add(IdentityHash(Value::Int(static_cast<int64_t>(rng()))));
    double rel = (static_cast<double>(h.Estimate()) - n) / n;
    sum += rel;
    sum2 += rel * rel;
  }
  double bias = sum / streams, rmse = std::sqrt(sum2 / streams);
  MESSAGE("HLL over " << streams << " streams of " << n << ": bias " << bias * 100 << "%, RMSE "
                      << rmse * 100 << "%");
  CHECK(std::fabs(bias) < 0.005);
  CHECK(rmse < 0.02);
  CHECK(rmse > 0.01);  // it is a sketch: an exact count here would be a bug
}

// ---- percentile ----

struct Dataset {
  const char* name;
  std::vector<double> values;
};

std::vector<Dataset> PercentileData() {
  std::mt19937_64 rng(1234);
  std::vector<Dataset> sets;
  const int n = 50000;
  {
    Dataset d{"uniform [0, 1000)", {}};
    std::uniform_real_distribution<double> u(0, 1000);
    for (int k = 0; k < n; ++k) d.values.push_back(u(rng));
    sets.push_back(std::move(d));
  }
  {
    Dataset d{"pareto (shape 1.1, heavy tail)", {}};
    std::uniform_real_distribution<double> u(0, 1);
    for (int k = 0; k < n; ++k) d.values.push_back(1.0 / std::pow(1 - u(rng), 1 / 1.1));
    sets.push_back(std::move(d));
  }
  {
    Dataset d{"lognormal (sigma 3)", {}};
    std::lognormal_distribution<double> ln(0, 3);
    for (int k = 0; k < n; ++k) d.values.push_back(ln(rng));
    sets.push_back(std::move(d));
  }
  {
    Dataset d{"signed normal with 10% zeros", {}};
    std::normal_distribution<double> g(0, 100);
    for (int k = 0; k < n; ++k) d.values.push_back(k % 10 == 0 ? (k % 20 == 0 ? -0.0 : 0.0) : g(rng));
    sets.push_back(std::move(d));
  }
  {
    Dataset d{"all negative, heavy tail", {}};
    std::lognormal_distribution<double> ln(2, 2);
    for (int k = 0; k < n; ++k) d.values.push_back(-ln(rng));
    sets.push_back(std::move(d));
  }
  return sets;
}

TEST_CASE("percentile: within 1% relative error for p in {1, 50, 90, 99, 100}") {
  for (const Dataset& d : PercentileData()) {
    AggState s;
    for (double x : d.values) s.Update(Value::Float(x), BuiltinId::kPercentile);
    std::vector<double> sorted = d.values;
    std::sort(sorted.begin(), sorted.end());
    double worst = 0;
    for (double p : {0.0, 1.0, 50.0, 90.0, 99.0, 100.0}) {
      double want = ExactPercentile(sorted, p);
      double got = s.Result(BuiltinId::kPercentile, TypeKind::kFloat, p).f;
      CAPTURE(std::string(d.name));
      CAPTURE(p);
      CAPTURE(want);
      CAPTURE(got);
      CHECK(WithinAlpha(got, want));
      if (want != 0) worst = std::max(worst, Relative(got, want));
    }
    MESSAGE("percentile " << std::string(d.name) << ": worst relative error " << worst * 100 << "%");
  }
}

TEST_CASE("percentile: durations stay durations, rounded; ints give floats") {
  std::mt19937_64 rng(5);
  std::lognormal_distribution<double> ln(16, 2);  // ~9 ms median, up to minutes
  AggState d, i;
  std::vector<double> sorted;
  for (int k = 0; k < 20000; ++k) {
    auto ns = static_cast<int64_t>(ln(rng));
    d.Update(Value::Duration(ns), BuiltinId::kPercentile);
    i.Update(Value::Int(ns), BuiltinId::kPercentile);
    sorted.push_back(static_cast<double>(ns));
  }
  std::sort(sorted.begin(), sorted.end());
  for (double p : {1.0, 50.0, 90.0, 99.0, 100.0}) {
    Value got = d.Result(BuiltinId::kPercentile, TypeKind::kDuration, p);
    REQUIRE(got.tag == Tag::kDuration);
    Value as_float = i.Result(BuiltinId::kPercentile, TypeKind::kFloat, p);
    REQUIRE(as_float.tag == Tag::kFloat);
    CHECK(got.i == std::llround(as_float.f));
    double want = ExactPercentile(sorted, p);
    CHECK(Relative(static_cast<double>(got.i), want) <= kAlpha + 1.0 / want);  // + rounding
  }
}

TEST_CASE("percentile: exact up to the bound; infinities, NaN and zeros exact past it") {
  AggState s;
  std::vector<double> sorted;
  for (size_t k = 0; k < kBound; ++k) {
    double x = static_cast<double>((k * 7919) % 10007) - 5000.5;
    s.Update(Value::Float(x), BuiltinId::kPercentile);
    sorted.push_back(x);
  }
  std::sort(sorted.begin(), sorted.end());
  for (double p : {0.0, 1.0, 33.3, 50.0, 99.9, 100.0}) {
    CHECK(s.Result(BuiltinId::kPercentile, TypeKind::kFloat, p).f == ExactPercentile(sorted, p));
  }
  // Past the bound: the special values keep their place and their value.
  const double inf = std::numeric_limits<double>::infinity();
  AggState t;
  for (int k = 0; k < 1000; ++k) t.Update(Value::Float(-inf), BuiltinId::kPercentile);
  for (int k = 0; k < 3000; ++k) t.Update(Value::Float(k % 2 ? 0.0 : -0.0), BuiltinId::kPercentile);
  for (int k = 0; k < 1000; ++k) t.Update(Value::Float(inf), BuiltinId::kPercentile);
  for (int k = 0; k < 1000; ++k) t.Update(Value::Float(std::nan("")), BuiltinId::kPercentile);
  CHECK(t.Result(BuiltinId::kPercentile, TypeKind::kFloat, 10).f == -inf);
  CHECK(t.Result(BuiltinId::kPercentile, TypeKind::kFloat, 50).f == 0.0);
  CHECK(t.Result(BuiltinId::kPercentile, TypeKind::kFloat, 80).f == inf);
  CHECK(std::isnan(t.Result(BuiltinId::kPercentile, TypeKind::kFloat, 100).f));
}

TEST_CASE("percentile: data wider than 2048 buckets collapses the smallest, memory stays bounded") {
  // Log-uniform over 1e-12 .. 1e12 (24 decades; 2048 buckets cover ~17.8):
  // the upper quantiles keep the 1% guarantee, the lowest are answered by
  // the collapsed bucket (never below the exact value).
  std::mt19937_64 rng(77);
  std::uniform_real_distribution<double> e(-12, 12);
  AggState s;
  std::vector<double> sorted;
  for (int k = 0; k < 100000; ++k) {
    double x = std::pow(10.0, e(rng));
    s.Update(Value::Float(x), BuiltinId::kPercentile);
    sorted.push_back(x);
  }
  std::sort(sorted.begin(), sorted.end());
  for (double p : {50.0, 90.0, 99.0, 100.0}) {
    double want = ExactPercentile(sorted, p);
    CHECK(WithinAlpha(s.Result(BuiltinId::kPercentile, TypeKind::kFloat, p).f, want));
  }
  double low = s.Result(BuiltinId::kPercentile, TypeKind::kFloat, 1).f;
  CHECK(low >= ExactPercentile(sorted, 1) * (1 - kAlpha));
  CHECK(low <= 1e12 / std::pow(1.0202, 2046));  // the collapsed bucket's representative
  const size_t limit = 2 * QuantileSketch::kMaxBins * sizeof(uint64_t) + 256;
  MESSAGE("quantile sketch over 24 decades: " << s.ApproxHeapBytes() << " heap bytes");
  CHECK(s.ApproxHeapBytes() <= limit);
}

// ---- merge ----

// Folds `values` one by one, and as panes of random sizes merged in order;
// both must give the same result, bit for bit.
void CheckMergeEqualsFold(const std::vector<Value>& values, BuiltinId fn, TypeKind kind,
                          const std::vector<size_t>& cuts) {
  AggState whole;
  for (const Value& v : values) whole.Update(v, fn);
  AggState merged, part;
  size_t next_cut = 0;
  for (size_t k = 0; k < values.size(); ++k) {
    part.Update(values[k], fn);
    if (next_cut < cuts.size() && k + 1 == cuts[next_cut]) {
      ++next_cut;
      merged.Merge(part, fn);
      part = AggState();
    }
  }
  merged.Merge(part, fn);
  CHECK(whole.count() == merged.count());
  for (double p : {0.0, 1.0, 50.0, 90.0, 99.0, 100.0}) {
    CAPTURE(p);
    CHECK(SameBits(whole.Result(fn, kind, p), merged.Result(fn, kind, p)));
    if (fn == BuiltinId::kDistinct) break;
  }
}

TEST_CASE("merge equals folding: exact+exact overflowing, exact+sketch, sketch+exact, sketch+sketch") {
  std::mt19937_64 rng(31);
  std::vector<Value> ints, floats;
  std::vector<std::string> strings_store;
  strings_store.reserve(30000);
  std::lognormal_distribution<double> ln(0, 4);
  for (int k = 0; k < 30000; ++k) {
    ints.push_back(Value::Int(static_cast<int64_t>(rng() % 20000)));  // repeats too
    double x = ln(rng);
    floats.push_back(Value::Float(k % 3 == 0 ? -x : k % 17 == 0 ? 0.0 : x));
  }
  std::vector<Value> strings;
  for (int k = 0; k < 30000; ++k) {
    strings_store.emplace_back("s");  // (not "s" + ...: GCC 12's -Wrestrict false positive)
    strings_store.back() += std::to_string(rng() % 25000);
  }
  for (const std::string& s : strings_store) strings.push_back(Value::String(s));

  const size_t b = kBound;
  struct Shape {
    const char* name;
    size_t n;
    std::vector<size_t> cuts;
  };
  const std::vector<Shape> shapes = {
      {"exact+exact, fits", b, {b / 2}},
      {"exact+exact, overflows", 3 * b / 2, {3 * b / 4}},
      {"exact+sketch", 3 * b, {b / 2}},
      {"sketch+exact", 3 * b, {5 * b / 2}},
      {"sketch+sketch", 5 * b, {5 * b / 2}},
      {"many panes", 30000, {100, 2000, 4000, 4100, 9000, 15000, 15001, 29000}},
  };
  for (const Shape& sh : shapes) {
    CAPTURE(sh.name);
    auto prefix = [&](const std::vector<Value>& v) {
      return std::vector<Value>(v.begin(), v.begin() + static_cast<long>(sh.n));
    };
    CheckMergeEqualsFold(prefix(ints), BuiltinId::kDistinct, TypeKind::kInt, sh.cuts);
    CheckMergeEqualsFold(prefix(strings), BuiltinId::kDistinct, TypeKind::kInt, sh.cuts);
    CheckMergeEqualsFold(prefix(floats), BuiltinId::kPercentile, TypeKind::kFloat, sh.cuts);
    CheckMergeEqualsFold(prefix(ints), BuiltinId::kPercentile, TypeKind::kFloat, sh.cuts);
  }
}

TEST_CASE("sketch merge equals the sketch of the union; order of merging does not matter") {
  std::mt19937_64 rng(8);
  std::lognormal_distribution<double> ln(3, 5);  // wide: exercises the collapse
  QuantileSketch all, a, b, c, ab_c, c_ba;
  HllSketch hall, ha, hb, hc;
  for (int k = 0; k < 60000; ++k) {
    double x = k % 5 == 0 ? -ln(rng) : ln(rng);
    uint64_t h = IdentityHash(Value::Float(x));
    all.Add(x);
    hall.Add(h);
    (k % 3 == 0 ? a : k % 3 == 1 ? b : c).Add(x);
    (k % 3 == 0 ? ha : k % 3 == 1 ? hb : hc).Add(h);
  }
  ab_c = a;
  ab_c.Merge(b);
  ab_c.Merge(c);
  c_ba = c;
  QuantileSketch ba = b;
  ba.Merge(a);
  c_ba.Merge(ba);
  REQUIRE(all.count() == ab_c.count());
  REQUIRE(all.count() == c_ba.count());
  for (uint64_t rank = 1; rank <= all.count(); rank += 997) {
    double want = all.ValueAtRank(rank);
    double got1 = ab_c.ValueAtRank(rank), got2 = c_ba.ValueAtRank(rank);
    CHECK(std::memcmp(&want, &got1, sizeof want) == 0);
    CHECK(std::memcmp(&want, &got2, sizeof want) == 0);
  }
  HllSketch habc = ha;
  habc.Merge(hb);
  habc.Merge(hc);
  HllSketch hcba = hc;
  hcba.Merge(hb);
  hcba.Merge(ha);
  CHECK(habc.Estimate() == hall.Estimate());
  CHECK(hcba.Estimate() == hall.Estimate());
}

// ---- ResultWith ----

// ResultWith(t) equals Update(t)-then-Result, and leaves the state (and the
// copies sharing its storage) unchanged, for every tentative value given.
void CheckResultWith(const AggState& state, const std::vector<Value>& tentatives, BuiltinId fn,
                     TypeKind kind) {
  for (double p : {0.0, 1.0, 50.0, 99.0, 100.0}) {
    const Value before = state.Result(fn, kind, p);
    for (const Value& t : tentatives) {
      Value with = state.ResultWith(t, fn, kind, p);
      CHECK(SameBits(state.Result(fn, kind, p), before));  // unchanged
      AggState updated = state;
      updated.Update(t, fn);
      CAPTURE(p);
      CHECK(SameBits(with, updated.Result(fn, kind, p)));
      CHECK(SameBits(state.Result(fn, kind, p), before));  // the copy wrote its own storage
    }
    if (fn == BuiltinId::kDistinct) break;
  }
}

TEST_CASE("ResultWith equals Update-then-Result below, at and past the bound") {
  std::mt19937_64 rng(4);
  const double inf = std::numeric_limits<double>::infinity();
  for (size_t n : {size_t{0}, size_t{1}, kBound - 1, kBound, kBound + 1, 3 * kBound}) {
    CAPTURE(n);
    AggState distinct, pct, durations;
    std::vector<int64_t> seen;
    for (size_t k = 0; k < n; ++k) {
      int64_t x = static_cast<int64_t>(rng() % 1000000) - 500000;
      seen.push_back(x);
      distinct.Update(Value::Int(x), BuiltinId::kDistinct);
      pct.Update(Value::Float(static_cast<double>(x) * 1e-3), BuiltinId::kPercentile);
      durations.Update(Value::Duration(x < 0 ? -x : x), BuiltinId::kPercentile);
    }
    std::vector<Value> dt = {Value::Null(), Value::Int(123456789), Value::Float(1.0),
                             Value::Int(1)};
    if (!seen.empty()) dt.push_back(Value::Int(seen[0]));  // already there
    CheckResultWith(distinct, dt, BuiltinId::kDistinct, TypeKind::kInt);
    std::vector<Value> pt = {Value::Null(),       Value::Float(0.0),   Value::Float(-0.0),
                             Value::Float(1e-3),  Value::Float(-250),  Value::Float(1e30),
                             Value::Float(-1e30), Value::Float(inf),   Value::Float(-inf),
                             Value::Float(std::nan("")), Value::Float(1e-30)};
    CheckResultWith(pct, pt, BuiltinId::kPercentile, TypeKind::kFloat);
    std::vector<Value> durt = {Value::Duration(0), Value::Duration(1), Value::Duration(499999),
                               Value::Duration(int64_t{1} << 62)};
    CheckResultWith(durations, durt, BuiltinId::kPercentile, TypeKind::kDuration);
  }
}

TEST_CASE("ResultWith at the bound with strings: the byte bound switches too") {
  AggState s;
  std::vector<std::string> big;
  for (int k = 0; k < 65; ++k) big.push_back(std::string(1000, static_cast<char>('0' + k)));
  for (int k = 0; k < 65; ++k) s.Update(Value::String(big[k]), BuiltinId::kDistinct);
  std::string huge(2000, 'x');
  CheckResultWith(s, {Value::String(huge), Value::String(big[3]), Value::String("short")},
                  BuiltinId::kDistinct, TypeKind::kInt);
  // A few short strings, then one string past the byte bound on its own.
  AggState few;
  for (const char* w : {"a", "bb", "ccc"}) few.Update(Value::String(w), BuiltinId::kDistinct);
  std::string past(AggValueStore::kExactStringBytes, 'y');
  CheckResultWith(few, {Value::String(past), Value::String("a")}, BuiltinId::kDistinct,
                  TypeKind::kInt);
}

// ---- determinism and sharing ----

TEST_CASE("sketched results are deterministic and copies stay independent") {
  auto build = [](uint64_t seed) {
    std::mt19937_64 rng(seed);
    AggState d, p;
    for (int k = 0; k < 50000; ++k) {
      int64_t x = static_cast<int64_t>(rng() % 40000);
      d.Update(Value::Int(x), BuiltinId::kDistinct);
      p.Update(Value::Int(x), BuiltinId::kPercentile);
    }
    return std::make_pair(d, p);
  };
  auto [d1, p1] = build(3);
  auto [d2, p2] = build(3);
  CHECK(DistinctOf(d1) == DistinctOf(d2));
  for (double q : {1.0, 50.0, 99.0}) {
    CHECK(SameBits(p1.Result(BuiltinId::kPercentile, TypeKind::kFloat, q),
                   p2.Result(BuiltinId::kPercentile, TypeKind::kFloat, q)));
  }
  // A copy shares the sketch until one side changes it.
  AggState copy = d1;
  int64_t before = DistinctOf(d1);
  for (int64_t k = 0; k < 20000; ++k) copy.Update(Value::Int(1000000 + k), BuiltinId::kDistinct);
  CHECK(DistinctOf(d1) == before);
  CHECK(DistinctOf(copy) > before + 15000);
  // Merging a state into itself doubles nothing for distinct.
  AggState self = d1;
  self.Merge(self, BuiltinId::kDistinct);
  CHECK(DistinctOf(self) == before);
}

}  // namespace
}  // namespace cep::rt
