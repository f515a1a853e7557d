// Suppressor: a rule's `suppress [by k, ...] for D` state. An output with
// key K at time t passes when no output with key K passed in (t - D, t];
// it then silences K until t + D. Keys are encoded values (key_codec.h).
//
// Memory: one entry per key that passed within the last D; entries expire in
// passing order from a FIFO, so idle keys cost nothing after D. Times that
// go backwards (derived events at one instant in a different order) never
// shorten a silence.
// Tested by tests/unit/suppressor_test.cc.
#ifndef CEP_RUNTIME_SUPPRESSOR_H_
#define CEP_RUNTIME_SUPPRESSOR_H_

#include <cstdint>
#include <deque>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"

namespace cep::rt {

class Suppressor {
 public:
  explicit Suppressor(int64_t duration_ns) : duration_(duration_ns) {}

  // Whether an output with `key` at `time` passes (and, if so, starts its
  // silence).
  bool Pass(const std::string& key, int64_t time) {
    Expire(time);
    auto it = until_.find(key);
    if (it != until_.end() && time < it->second) return false;
    int64_t until = time > INT64_MAX - duration_ ? INT64_MAX : time + duration_;
    if (it != until_.end()) {
      it->second = until;
    } else {
      until_.emplace(key, until);
    }
    fifo_.emplace_back(until, key);
    return true;
  }

  size_t live_keys() const { return until_.size(); }
  size_t ApproxBytes() const {
    size_t n = 0;
    for (const auto& [until, key] : fifo_) n += 2 * (key.size() + sizeof(std::string)) + 16;
    return n;
  }

 private:
  void Expire(int64_t time) {
    while (!fifo_.empty() && fifo_.front().first <= time) {
      auto it = until_.find(fifo_.front().second);
      // A later pass of the same key moved its silence: keep that one.
      if (it != until_.end() && it->second <= time) until_.erase(it);
      fifo_.pop_front();
    }
  }

  int64_t duration_;
  absl::flat_hash_map<std::string, int64_t> until_;
  std::deque<std::pair<int64_t, std::string>> fifo_;  // (until, key) in passing order
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_SUPPRESSOR_H_
