// AggState (see agg_state.h). Step() is the one place a value is folded in;
// Update() applies it to the state (copying kept strings), ResultWith()
// applies it to a copy of the small fixed part only, so both give the same
// result bit for bit. distinct and percentile hand their values to an
// AggValueStore (agg_value_store.h), shared between copies of the state.
// Tested by tests/unit/expr_eval_test.cc and tests/unit/sketch_test.cc.
#include "runtime/agg_state.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace cep::rt {
namespace {

using check::BuiltinId;

double Num(const Value& v) {
  return v.tag == Tag::kFloat ? v.f : static_cast<double>(v.i);
}

int CompareBytes(std::string_view a, std::string_view b) {
  size_t n = std::min(a.size(), b.size());
  int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
  if (c != 0) return c;
  return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

// Whether `v` replaces `kept` in min (want_less) or max.
bool Better(const Value& v, const Value& kept, bool want_less) {
  if (v.tag == Tag::kString && kept.tag == Tag::kString) {
    int c = CompareBytes(v.str(), kept.str());
    return want_less ? c < 0 : c > 0;
  }
  if (v.tag == Tag::kFloat || kept.tag == Tag::kFloat) {
    double x = Num(v), y = Num(kept);
    if (std::isnan(x)) return false;
    if (std::isnan(y)) return true;
    return want_less ? x < y : x > y;
  }
  return want_less ? v.i < kept.i : v.i > kept.i;
}

// Rounds a / b half away from zero (b > 0).
int64_t RoundDiv(__int128 a, int64_t b) {
  __int128 q = a / b;
  __int128 r = a % b;
  if (r < 0) r = -r;
  if (2 * r >= b) q += a < 0 ? -1 : 1;
  return static_cast<int64_t>(q);
}

}  // namespace

void AggState::Step(Core& c, const Value& v, BuiltinId fn) {
  if (v.is_null()) return;
  ++c.count;
  switch (fn) {
    case BuiltinId::kSum:
    case BuiltinId::kAvg:
      if (v.tag == Tag::kFloat) {
        c.fsum += v.f;
      } else {
        c.isum += v.i;
      }
      break;
    case BuiltinId::kStddev: {
      double x = Num(v);
      double d = x - c.mean;
      c.mean += d / static_cast<double>(c.count);
      c.m2 += d * (x - c.mean);
      break;
    }
    case BuiltinId::kMin:
    case BuiltinId::kMax:
      if (c.kept.is_null() || Better(v, c.kept, fn == BuiltinId::kMin)) c.kept = v;
      break;
    case BuiltinId::kFirst:
      if (c.kept.is_null()) c.kept = v;
      break;
    case BuiltinId::kLast:
      c.kept = v;
      break;
    default:  // count; distinct and percentile: the value store (Update)
      break;
  }
}

Value AggState::Finish(const Core& c, BuiltinId fn, TypeKind result_kind) {
  switch (fn) {
    case BuiltinId::kCount: return Value::Int(c.count);
    case BuiltinId::kSum: {
      if (result_kind == TypeKind::kFloat) {
        return Value::Float(c.fsum + static_cast<double>(c.isum));
      }
      int64_t wrapped = static_cast<int64_t>(static_cast<uint64_t>(c.isum));
      return result_kind == TypeKind::kDuration ? Value::Duration(wrapped) : Value::Int(wrapped);
    }
    case BuiltinId::kAvg:
      if (c.count == 0) return Value::Null();
      if (result_kind == TypeKind::kDuration) return Value::Duration(RoundDiv(c.isum, c.count));
      return Value::Float((c.fsum + static_cast<double>(c.isum)) / static_cast<double>(c.count));
    case BuiltinId::kMin:
    case BuiltinId::kMax:
    case BuiltinId::kFirst:
    case BuiltinId::kLast:
      return c.kept;
    case BuiltinId::kStddev:
      if (c.count < 2) return Value::Null();
      return Value::Float(std::sqrt(c.m2 / static_cast<double>(c.count - 1)));
    default:
      return Value::Null();
  }
}

Value AggState::FinishValues(BuiltinId fn, TypeKind result_kind, double percentile,
                             const Value* tentative) const {
  static const AggValueStore kNone;  // no value folded in yet
  const AggValueStore& values = values_ != nullptr ? *values_ : kNone;
  if (fn == BuiltinId::kDistinct) return Value::Int(values.Distinct(tentative));
  return values.Percentile(percentile, result_kind, tentative);
}

AggValueStore& AggState::MutableValues() {
  if (values_ == nullptr) {
    values_ = std::make_shared<AggValueStore>();
  } else if (values_.use_count() > 1) {
    values_ = std::make_shared<AggValueStore>(*values_);  // shared with a copy: copy on write
  }
  return *values_;
}

void AggState::Update(const Value& v, BuiltinId fn) {
  if (v.is_null()) return;
  if (fn == BuiltinId::kDistinct || fn == BuiltinId::kPercentile) {
    ++core_.count;
    if (fn == BuiltinId::kDistinct) {
      MutableValues().AddDistinct(v);
    } else {
      MutableValues().AddNumber(v);
    }
    return;
  }
  Step(core_, v, fn);
  if (core_.kept.tag == Tag::kString && core_.kept.len > 0 &&
      (kept_bytes_ == nullptr || core_.kept.s != kept_bytes_->data())) {
    kept_bytes_ = std::make_shared<const std::string>(core_.kept.s, core_.kept.len);
    core_.kept.s = kept_bytes_->data();
  }
}

void AggState::Merge(const AggState& later, BuiltinId fn) {
  if (later.core_.count == 0) return;
  if (&later == this) {  // the stores merge in place: never from themselves
    AggState copy = later;
    Merge(copy, fn);
    return;
  }
  if (fn == BuiltinId::kDistinct || fn == BuiltinId::kPercentile) {
    if (core_.count == 0) {
      core_ = later.core_;
      values_ = later.values_;  // shared until either changes (copy on write)
      return;
    }
    core_.count += later.core_.count;
    if (fn == BuiltinId::kDistinct) {
      MutableValues().MergeDistinct(*later.values_);
    } else {
      MutableValues().MergeNumbers(*later.values_);
    }
    return;
  }
  const Core& o = later.core_;
  bool take_kept = false;
  switch (fn) {
    case BuiltinId::kSum:
    case BuiltinId::kAvg:
      core_.isum += o.isum;
      core_.fsum += o.fsum;
      break;
    case BuiltinId::kStddev: {
      // Chan et al.'s pairwise update of Welford's mean and M2.
      double na = static_cast<double>(core_.count), nb = static_cast<double>(o.count);
      double n = na + nb;
      double delta = o.mean - core_.mean;
      core_.mean += delta * nb / n;
      core_.m2 += o.m2 + delta * delta * na * nb / n;
      break;
    }
    case BuiltinId::kMin:
    case BuiltinId::kMax:
      take_kept = core_.kept.is_null() ||
                  (!o.kept.is_null() && Better(o.kept, core_.kept, fn == BuiltinId::kMin));
      break;
    case BuiltinId::kFirst:
      take_kept = core_.kept.is_null();
      break;
    case BuiltinId::kLast:
      take_kept = !o.kept.is_null();
      break;
    default:
      break;
  }
  core_.count += o.count;
  if (take_kept) {
    core_.kept = o.kept;
    kept_bytes_ = later.kept_bytes_;  // immutable: shared
  }
}

Value AggState::Result(BuiltinId fn, TypeKind result_kind, double percentile) const {
  if (fn == BuiltinId::kDistinct || fn == BuiltinId::kPercentile) {
    return FinishValues(fn, result_kind, percentile, nullptr);
  }
  return Finish(core_, fn, result_kind);
}

Value AggState::ResultWith(const Value& tentative, BuiltinId fn, TypeKind result_kind,
                           double percentile) const {
  if (fn == BuiltinId::kDistinct || fn == BuiltinId::kPercentile) {
    return FinishValues(fn, result_kind, percentile, &tentative);
  }
  Core c = core_;
  Step(c, tentative, fn);
  return Finish(c, fn, result_kind);
}

size_t AggState::ApproxHeapBytes() const {
  size_t n = kept_bytes_ != nullptr ? kept_bytes_->capacity() : 0;
  if (values_ != nullptr) n += sizeof(AggValueStore) + values_->HeapBytes();
  return n;
}

}  // namespace cep::rt
