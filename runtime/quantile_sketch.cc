// QuantileSketch (see quantile_sketch.h): two dense collapsing-lowest stores
// plus four special counts. The collapse floor of a store follows only its
// highest index, so every operation gives the same buckets in any order.
// Tested by tests/unit/sketch_test.cc.
#include "runtime/quantile_sketch.h"

#include <algorithm>
#include <cmath>

namespace cep::rt {
namespace {

constexpr double kGamma = (1 + QuantileSketch::kRelativeAccuracy) /
                          (1 - QuantileSketch::kRelativeAccuracy);
const double kLnGamma = std::log(kGamma);
const double kInvLnGamma = 1 / kLnGamma;
// 2 / (gamma + 1): a bucket's representative is this times its upper bound,
// within a of every value in (gamma^(i-1), gamma^i].
constexpr double kRepresentativeScale = 2 / (kGamma + 1);

}  // namespace

int32_t QuantileSketch::Index(double magnitude) {
  // Finite doubles give |log| <= 745, so |index| <= ~37,300: fits easily.
  return static_cast<int32_t>(std::ceil(std::log(magnitude) * kInvLnGamma));
}

double QuantileSketch::Representative(int32_t index) {
  double r = std::exp(index * kLnGamma) * kRepresentativeScale;
  return std::isinf(r) ? std::numeric_limits<double>::max() : r;
}

// ---- Store ----

void QuantileSketch::Store::Add(int32_t index, uint64_t n) {
  if (index > top_) {
    top_ = index;
    int32_t floor = Floor(top_);
    if (!bins_.empty() && floor > offset_) Collapse(floor);
  }
  index = std::max(index, Floor(top_));
  Cover(index);
  bins_[static_cast<size_t>(index - offset_)] += n;
  total_ += n;
}

void QuantileSketch::Store::Merge(const Store& other) {
  // Highest index first: the floor rises (and collapses) at most once, and
  // the rest grows the array downward in geometric steps.
  const std::vector<uint64_t>& b = other.bins_;
  for (size_t k = b.size(); k-- > 0;) {
    if (b[k] != 0) Add(other.offset_ + static_cast<int32_t>(k), b[k]);
  }
}

void QuantileSketch::Store::Collapse(int32_t floor) {
  size_t k = static_cast<size_t>(floor - offset_);
  uint64_t folded = 0;
  for (size_t j = 0; j < k && j < bins_.size(); ++j) folded += bins_[j];
  if (k >= bins_.size()) {
    bins_.assign(1, folded);
  } else {
    bins_.erase(bins_.begin(), bins_.begin() + static_cast<std::ptrdiff_t>(k));
    bins_[0] += folded;
  }
  offset_ = floor;
}

void QuantileSketch::Store::Cover(int32_t index) {
  // Capacity never exceeds kMaxBins: reserve exactly (doubling, capped);
  // every index lies in [floor, top], kMaxBins wide.
  auto reserve = [this](size_t need) {
    if (need > bins_.capacity()) {
      bins_.reserve(std::min<size_t>(kMaxBins, std::max(need, 2 * bins_.capacity())));
    }
  };
  if (bins_.empty()) {
    reserve(8);
    bins_.push_back(0);
    offset_ = index;
    return;
  }
  if (index < offset_) {
    // Grow down with slack (half the current size, not below the floor) so
    // a descending run of values costs amortised O(1) per new bucket.
    int32_t slack = static_cast<int32_t>(bins_.size() / 2);
    int32_t new_offset = std::max(Floor(top_), std::min(index, offset_ - slack));
    size_t grow = static_cast<size_t>(offset_ - new_offset);
    reserve(bins_.size() + grow);
    bins_.insert(bins_.begin(), grow, 0);
    offset_ = new_offset;
  } else if (static_cast<size_t>(index - offset_) >= bins_.size()) {
    size_t need = static_cast<size_t>(index - offset_) + 1;
    reserve(need);
    bins_.resize(need, 0);
  }
}

// ---- QuantileSketch ----

void QuantileSketch::Add(double x) {
  if (std::isnan(x)) {
    ++nans_;
  } else if (x == 0) {
    ++zeros_;
  } else if (std::isinf(x)) {
    ++(x > 0 ? positive_infinities_ : negative_infinities_);
  } else if (x > 0) {
    positive_.Add(Index(x), 1);
  } else {
    negative_.Add(Index(-x), 1);
  }
}

void QuantileSketch::Merge(const QuantileSketch& other) {
  positive_.Merge(other.positive_);
  negative_.Merge(other.negative_);
  zeros_ += other.zeros_;
  negative_infinities_ += other.negative_infinities_;
  positive_infinities_ += other.positive_infinities_;
  nans_ += other.nans_;
}

uint64_t QuantileSketch::count() const {
  return positive_.total() + negative_.total() + zeros_ + negative_infinities_ +
         positive_infinities_ + nans_;
}

int32_t QuantileSketch::Walk(const Store& s, bool ascending, int32_t extra, uint64_t rank,
                             uint64_t& cum) {
  int32_t top = std::max(s.top(), extra);
  if (top == kNoIndex) return kNoIndex;  // empty, nothing tentative
  const int32_t floor = Floor(top);
  const int32_t ex = extra == kNoIndex ? kNoIndex : std::max(extra, floor);
  bool pending = extra != kNoIndex;
  const std::vector<uint64_t>& bins = s.bins();
  const size_t n = bins.size();
  for (size_t j = 0; j < n; ++j) {
    size_t k = ascending ? j : n - 1 - j;
    int32_t idx = std::max(s.offset() + static_cast<int32_t>(k), floor);
    if (pending && (ascending ? ex <= idx : ex >= idx)) {
      pending = false;
      if (rank <= ++cum) return ex;
    }
    if (bins[k] != 0) {
      cum += bins[k];
      if (rank <= cum) return idx;
    }
  }
  if (pending && rank <= ++cum) return ex;
  return kNoIndex;
}

double QuantileSketch::ValueAtRank(uint64_t rank, const double* extra) const {
  int32_t extra_negative = kNoIndex, extra_positive = kNoIndex;
  uint64_t extra_zero = 0, extra_negative_infinity = 0, extra_positive_infinity = 0;
  if (extra != nullptr) {
    double x = *extra;
    if (std::isnan(x)) {
      // NaN sorts last: it changes nothing below the top rank.
    } else if (x == 0) {
      extra_zero = 1;
    } else if (std::isinf(x)) {
      (x > 0 ? extra_positive_infinity : extra_negative_infinity) = 1;
    } else if (x > 0) {
      extra_positive = Index(x);
    } else {
      extra_negative = Index(-x);
    }
  }
  uint64_t cum = negative_infinities_ + extra_negative_infinity;
  if (rank <= cum) return -std::numeric_limits<double>::infinity();
  int32_t i = Walk(negative_, /*ascending=*/false, extra_negative, rank, cum);
  if (i != kNoIndex) return -Representative(i);
  cum += zeros_ + extra_zero;
  if (rank <= cum) return 0.0;
  i = Walk(positive_, /*ascending=*/true, extra_positive, rank, cum);
  if (i != kNoIndex) return Representative(i);
  cum += positive_infinities_ + extra_positive_infinity;
  if (rank <= cum) return std::numeric_limits<double>::infinity();
  return std::numeric_limits<double>::quiet_NaN();
}

void QuantileSketch::Tops::Note(double x) {
  if (std::isnan(x) || std::isinf(x) || x == 0) return;
  int32_t& top = x > 0 ? positive : negative;
  top = std::max(top, Index(std::fabs(x)));
}

double QuantileSketch::Quantize(double x, const Tops& tops) {
  if (std::isnan(x) || std::isinf(x)) return x;
  if (x == 0) return 0.0;
  int32_t top = x > 0 ? tops.positive : tops.negative;
  int32_t i = std::max(Index(std::fabs(x)), Floor(top));
  return x > 0 ? Representative(i) : -Representative(i);
}

size_t QuantileSketch::HeapBytes() const {
  return positive_.HeapBytes() + negative_.HeapBytes();
}

}  // namespace cep::rt
