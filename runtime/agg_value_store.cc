// AggValueStore (see agg_value_store.h): sorted exact values until the
// bound, then a sketch. Every decision to switch looks only at the set (or
// multiset) of values reached, never at how it was reached, so folding,
// merging and ResultWith agree exactly.
// Tested by tests/unit/sketch_test.cc.
#include "runtime/agg_value_store.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "runtime/hll_sketch.h"
#include "runtime/identity_hash.h"
#include "runtime/quantile_sketch.h"

namespace cep::rt {
namespace {

double Num(const Value& v) {
  return v.tag == Tag::kFloat ? v.f : static_cast<double>(v.i);
}

int CompareBytes(std::string_view a, std::string_view b) {
  size_t n = std::min(a.size(), b.size());
  int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
  if (c != 0) return c;
  return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

uint64_t Bits(double d) {
  uint64_t u;
  std::memcpy(&u, &d, sizeof u);
  return u;
}

// A total order whose equality is ValueIdentical (distinct).
int IdentityOrder(const Value& a, const Value& b) {
  if (a.tag != b.tag) return a.tag < b.tag ? -1 : 1;
  switch (a.tag) {
    case Tag::kNull: return 0;
    case Tag::kBool: return static_cast<int>(a.b) - static_cast<int>(b.b);
    case Tag::kString: return CompareBytes(a.str(), b.str());
    case Tag::kFloat: {
      uint64_t x = Bits(a.f), y = Bits(b.f);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case Tag::kEvent: return a.ev < b.ev ? -1 : a.ev > b.ev ? 1 : 0;
    default: return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
  }
}

// Numeric order, NaN last (percentile).
bool NumericLess(const Value& a, const Value& b) {
  if (a.tag == Tag::kFloat || b.tag == Tag::kFloat) {
    double x = Num(a), y = Num(b);
    if (std::isnan(x)) return false;
    if (std::isnan(y)) return true;
    return x < y;
  }
  return a.i < b.i;
}

bool FitsExact(size_t values, size_t string_bytes) {
  return values <= AggValueStore::kExactValues &&
         string_bytes <= AggValueStore::kExactStringBytes;
}

size_t StringBytes(const Value& v) { return v.tag == Tag::kString ? v.len : 0; }

// Past half the bound an exact distinct set keeps its would-be sketch up to
// date beside it, so that ResultWith of a new value at the bound costs an
// HLL estimate, not hashing 4096 values.
bool ShadowWanted(size_t values, size_t string_bytes) {
  return values >= AggValueStore::kExactValues / 2 ||
         string_bytes >= AggValueStore::kExactStringBytes / 2;
}

// Nearest rank: ceil(p/100 * n), within [1, n] (p * n first: exact for
// integral p, so p = 7 of 100 values is rank 7, not 8).
uint64_t NearestRank(double p, uint64_t n) {
  double r = std::ceil(p * static_cast<double>(n) / 100.0);
  return r < 1 ? 1 : r > static_cast<double>(n) ? n : static_cast<uint64_t>(r);
}

// A sketch's float answer as a result: durations round to whole ns.
Value NumberResult(double x, TypeKind result_kind) {
  if (result_kind != TypeKind::kDuration) return Value::Float(x);
  constexpr double kLimit = 9223372036854775807.0;  // 2^63
  if (std::isnan(x)) return Value::Duration(0);     // durations have no NaN
  if (x >= kLimit) return Value::Duration(std::numeric_limits<int64_t>::max());
  if (x <= -kLimit) return Value::Duration(std::numeric_limits<int64_t>::min());
  return Value::Duration(std::llround(x));
}

}  // namespace

AggValueStore::AggValueStore() = default;
AggValueStore::~AggValueStore() = default;

AggValueStore::AggValueStore(const AggValueStore& other)
    : v_(other.v_), bytes_(other.bytes_), shadow_(other.shadow_) {
  if (other.hll_ != nullptr) hll_ = std::make_unique<HllSketch>(*other.hll_);
  if (other.quantiles_ != nullptr) quantiles_ = std::make_unique<QuantileSketch>(*other.quantiles_);
}

Value AggValueStore::Resolve(const Value& stored) const {
  if (stored.tag != Tag::kString) return stored;
  Value r = stored;
  r.s = bytes_.data() + stored.i;
  return r;
}

size_t AggValueStore::FindIdentity(const Value& v, bool* found) const {
  size_t lo = 0, hi = v_.size();
  *found = false;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = IdentityOrder(Resolve(v_[mid]), v);
    if (c == 0) {
      *found = true;
      return mid;
    }
    if (c < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

size_t AggValueStore::UpperBoundNumeric(const Value& v) const {
  return static_cast<size_t>(std::upper_bound(v_.begin(), v_.end(), v, NumericLess) - v_.begin());
}

void AggValueStore::InsertAt(size_t at, const Value& v) {
  Value stored = v;
  if (v.tag == Tag::kString) {
    stored.i = static_cast<int64_t>(bytes_.size());
    bytes_.append(v.s, v.len);
  }
  v_.insert(v_.begin() + static_cast<std::ptrdiff_t>(at), stored);
}

void AggValueStore::FreeExact() {
  std::vector<Value>().swap(v_);
  std::string().swap(bytes_);
}

void AggValueStore::BuildShadow() {
  hll_ = std::make_unique<HllSketch>();
  for (const Value& stored : v_) hll_->Add(IdentityHash(Resolve(stored)));
  shadow_ = true;
}

void AggValueStore::SwitchToHll() {
  if (hll_ == nullptr) BuildShadow();  // else the shadow is up to date
  shadow_ = false;
  FreeExact();
}

void AggValueStore::SwitchToQuantiles() {
  quantiles_ = std::make_unique<QuantileSketch>();
  for (const Value& v : v_) quantiles_->Add(Num(v));
  FreeExact();
}

// ---- distinct ----

void AggValueStore::AddDistinct(const Value& v) {
  if (hll_sketched()) {
    hll_->Add(IdentityHash(v));
    return;
  }
  bool found = false;
  size_t at = FindIdentity(v, &found);
  if (found) return;
  if (!FitsExact(v_.size() + 1, bytes_.size() + StringBytes(v))) {
    SwitchToHll();
    hll_->Add(IdentityHash(v));
    return;
  }
  InsertAt(at, v);
  if (hll_ != nullptr) {
    hll_->Add(IdentityHash(v));
  } else if (ShadowWanted(v_.size(), bytes_.size())) {
    BuildShadow();
  }
}

int64_t AggValueStore::Distinct(const Value* tentative) const {
  const bool extra = tentative != nullptr && !tentative->is_null();
  if (hll_sketched()) {
    return extra ? hll_->EstimateWith(IdentityHash(*tentative)) : hll_->Estimate();
  }
  const int64_t n = static_cast<int64_t>(v_.size());
  if (!extra) return n;
  bool found = false;
  FindIdentity(*tentative, &found);
  if (found) return n;
  if (FitsExact(v_.size() + 1, bytes_.size() + StringBytes(*tentative))) return n + 1;
  // Adding it would switch to the sketch: the shadow's estimate, or (a
  // string past the byte bound before half the bound) build it on the stack.
  if (hll_ != nullptr) return hll_->EstimateWith(IdentityHash(*tentative));
  HllSketch h;
  for (const Value& stored : v_) h.Add(IdentityHash(Resolve(stored)));
  h.Add(IdentityHash(*tentative));
  return h.Estimate();
}

void AggValueStore::MergeDistinct(const AggValueStore& later) {
  if (later.hll_sketched()) {
    if (!hll_sketched()) SwitchToHll();
    hll_->Merge(*later.hll_);
    return;
  }
  if (hll_sketched()) {
    for (const Value& stored : later.v_) hll_->Add(IdentityHash(later.Resolve(stored)));
    return;
  }
  // Both exact: merge the sorted sets (the same value counted once).
  std::vector<Value> merged;
  std::string bytes;
  merged.reserve(v_.size() + later.v_.size());
  bytes.reserve(bytes_.size() + later.bytes_.size());
  auto add = [&](const AggValueStore& from, const Value& stored) {
    Value v = stored;
    if (v.tag == Tag::kString) {
      v.i = static_cast<int64_t>(bytes.size());
      bytes.append(from.bytes_.data() + stored.i, stored.len);
    }
    merged.push_back(v);
  };
  size_t i = 0, j = 0;
  while (i < v_.size() || j < later.v_.size()) {
    if (j == later.v_.size()) {
      add(*this, v_[i++]);
    } else if (i == v_.size()) {
      add(later, later.v_[j++]);
    } else {
      int c = IdentityOrder(Resolve(v_[i]), later.Resolve(later.v_[j]));
      if (c <= 0) add(*this, v_[i++]);
      if (c == 0) {
        ++j;
      } else if (c > 0) {
        add(later, later.v_[j++]);
      }
    }
  }
  v_ = std::move(merged);
  bytes_ = std::move(bytes);
  hll_.reset();  // a shadow of the old set
  shadow_ = false;
  if (!FitsExact(v_.size(), bytes_.size())) {
    SwitchToHll();
  } else if (ShadowWanted(v_.size(), bytes_.size())) {
    BuildShadow();
  }
}

// ---- percentile ----

void AggValueStore::AddNumber(const Value& v) {
  if (quantiles_ != nullptr) {
    quantiles_->Add(Num(v));
    return;
  }
  if (!FitsExact(v_.size() + 1, 0)) {
    SwitchToQuantiles();
    quantiles_->Add(Num(v));
    return;
  }
  InsertAt(UpperBoundNumeric(v), v);
}

Value AggValueStore::Percentile(double p, TypeKind result_kind, const Value* tentative) const {
  const bool extra = tentative != nullptr && !tentative->is_null();
  if (quantiles_ != nullptr) {
    double x = extra ? Num(*tentative) : 0;
    uint64_t n = quantiles_->count() + (extra ? 1 : 0);
    return NumberResult(quantiles_->ValueAtRank(NearestRank(p, n), extra ? &x : nullptr),
                        result_kind);
  }
  const size_t n = v_.size() + (extra ? 1 : 0);
  if (n == 0) return Value::Null();
  const size_t index = NearestRank(p, n) - 1;
  Value v;
  if (extra) {
    size_t at = UpperBoundNumeric(*tentative);
    v = index < at ? v_[index] : index == at ? *tentative : v_[index - 1];
  } else {
    v = v_[index];
  }
  if (!FitsExact(n, 0)) {
    // Adding the tentative value would switch to the sketch: its answer is
    // the representative of v's bucket, whose collapse floor follows the
    // largest magnitude of each sign (at the ends of the sorted values).
    QuantileSketch::Tops tops;
    auto finite = [](const Value& x) { return std::isfinite(Num(x)); };
    auto low = std::find_if(v_.begin(), v_.end(), finite);
    auto high = std::find_if(v_.rbegin(), v_.rend(), finite);
    if (low != v_.end()) tops.Note(Num(*low));
    if (high != v_.rend()) tops.Note(Num(*high));
    tops.Note(Num(*tentative));
    return NumberResult(QuantileSketch::Quantize(Num(v), tops), result_kind);
  }
  if (result_kind == TypeKind::kDuration) return Value::Duration(v.i);
  return Value::Float(Num(v));
}

void AggValueStore::MergeNumbers(const AggValueStore& later) {
  if (later.quantiles_ != nullptr) {
    if (quantiles_ == nullptr) SwitchToQuantiles();
    quantiles_->Merge(*later.quantiles_);
    return;
  }
  if (quantiles_ == nullptr && !FitsExact(v_.size() + later.v_.size(), 0)) SwitchToQuantiles();
  if (quantiles_ != nullptr) {
    for (const Value& v : later.v_) quantiles_->Add(Num(v));
    return;
  }
  // Both exact: a stable merge, this store's values first among equal ones.
  std::vector<Value> merged(v_.size() + later.v_.size());
  std::merge(v_.begin(), v_.end(), later.v_.begin(), later.v_.end(), merged.begin(), NumericLess);
  v_ = std::move(merged);
}

size_t AggValueStore::HeapBytes() const {
  size_t n = v_.capacity() * sizeof(Value) + bytes_.capacity();
  if (hll_ != nullptr) n += sizeof(HllSketch);
  if (quantiles_ != nullptr) n += sizeof(QuantileSketch) + quantiles_->HeapBytes();
  return n;
}

}  // namespace cep::rt
