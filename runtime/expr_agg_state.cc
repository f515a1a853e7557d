// AggState (see agg_state.h). Step() is the one place a value is folded in;
// Update() applies it to the state (copying kept strings), ResultWith()
// applies it to a copy of the small fixed part only, so both give the same
// result bit for bit.
// Tested by tests/unit/expr_eval_test.cc.
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

// ---- the stored values of distinct / percentile ----

Value Resolve(const AggState::Values& vals, const Value& v) {
  if (v.tag != Tag::kString) return v;
  Value r = v;
  r.s = vals.bytes.data() + v.i;
  return r;
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

// Position of `v` in the sorted stored values, and whether it is there.
size_t Find(const AggState::Values& vals, const Value& v, BuiltinId fn, bool* found) {
  size_t lo = 0, hi = vals.v.size();
  *found = false;
  if (fn == BuiltinId::kPercentile) {
    // upper bound: after equal values
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (NumericLess(v, vals.v[mid])) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = IdentityOrder(Resolve(vals, vals.v[mid]), v);
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
    default:  // count; distinct and percentile keep their values in Update
      break;
  }
}

Value AggState::Finish(const Core& c, BuiltinId fn, TypeKind result_kind, double percentile,
                       const Values* values, const Value* tentative) {
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
    case BuiltinId::kDistinct: {
      int64_t n = values != nullptr ? static_cast<int64_t>(values->v.size()) : 0;
      if (tentative != nullptr && !tentative->is_null()) {
        bool found = false;
        if (values != nullptr) Find(*values, *tentative, fn, &found);
        if (!found) ++n;
      }
      return Value::Int(n);
    }
    case BuiltinId::kPercentile: {
      const size_t stored = values != nullptr ? values->v.size() : 0;
      const bool extra = tentative != nullptr && !tentative->is_null();
      const size_t n = stored + (extra ? 1 : 0);
      if (n == 0) return Value::Null();
      // Nearest rank: ceil(p/100 * n), at least 1 (p * n first: exact for
      // integral p, so p = 7 of 100 values is rank 7, not 8).
      double r = std::ceil(percentile * static_cast<double>(n) / 100.0);
      size_t rank = r < 1 ? 1 : r > static_cast<double>(n) ? n : static_cast<size_t>(r);
      size_t index = rank - 1;
      Value v;
      if (extra) {
        bool found = false;
        size_t at = values != nullptr ? Find(*values, *tentative, fn, &found) : 0;
        v = index < at ? values->v[index] : index == at ? *tentative : values->v[index - 1];
      } else {
        v = values->v[index];
      }
      if (result_kind == TypeKind::kDuration) return Value::Duration(v.i);
      return Value::Float(Num(v));
    }
    default:
      return Value::Null();
  }
}

void AggState::Update(const Value& v, BuiltinId fn) {
  if (v.is_null()) return;
  if (fn == BuiltinId::kDistinct || fn == BuiltinId::kPercentile) {
    if (values_ == nullptr) {
      values_ = std::make_shared<Values>();
    } else if (values_.use_count() > 1) {
      values_ = std::make_shared<Values>(*values_);  // shared with a copy: copy on write
    }
    bool found = false;
    size_t at = Find(*values_, v, fn, &found);
    if (found) return;  // distinct: already counted
    ++core_.count;
    Value stored = v;
    if (v.tag == Tag::kString) {
      stored.i = static_cast<int64_t>(values_->bytes.size());
      values_->bytes.append(v.s, v.len);
    }
    values_->v.insert(values_->v.begin() + static_cast<std::ptrdiff_t>(at), stored);
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
  if (fn == BuiltinId::kDistinct || fn == BuiltinId::kPercentile) {
    if (core_.count == 0) {
      core_ = later.core_;
      values_ = later.values_;  // shared until either changes (copy on write)
      return;
    }
    const Values& a = *values_;
    const Values& b = *later.values_;
    auto merged = std::make_shared<Values>();
    merged->v.reserve(a.v.size() + b.v.size());
    merged->bytes.reserve(a.bytes.size() + b.bytes.size());
    auto add = [&](const Values& from, const Value& stored) {
      Value v = stored;
      if (v.tag == Tag::kString) {
        v.i = static_cast<int64_t>(merged->bytes.size());
        merged->bytes.append(from.bytes.data() + stored.i, stored.len);
      }
      merged->v.push_back(v);
    };
    size_t i = 0, j = 0;
    while (i < a.v.size() || j < b.v.size()) {
      if (j == b.v.size()) {
        add(a, a.v[i++]);
      } else if (i == a.v.size()) {
        add(b, b.v[j++]);
      } else if (fn == BuiltinId::kPercentile) {
        // Stable: this state's values first among equal ones.
        if (NumericLess(b.v[j], a.v[i])) {
          add(b, b.v[j++]);
        } else {
          add(a, a.v[i++]);
        }
      } else {
        int c = IdentityOrder(Resolve(a, a.v[i]), Resolve(b, b.v[j]));
        if (c <= 0) add(a, a.v[i++]);
        if (c >= 0) {
          if (c == 0) {
            ++j;  // the same value: counted once
          } else {
            add(b, b.v[j++]);
          }
        }
      }
    }
    core_.count = static_cast<int64_t>(merged->v.size());
    values_ = std::move(merged);
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
  return Finish(core_, fn, result_kind, percentile, values_.get(), nullptr);
}

Value AggState::ResultWith(const Value& tentative, BuiltinId fn, TypeKind result_kind,
                           double percentile) const {
  if (fn == BuiltinId::kDistinct || fn == BuiltinId::kPercentile) {
    return Finish(core_, fn, result_kind, percentile, values_.get(), &tentative);
  }
  Core c = core_;
  Step(c, tentative, fn);
  return Finish(c, fn, result_kind, percentile, values_.get(), nullptr);
}

}  // namespace cep::rt
