// BlockVector: an indexable sequence whose elements never move, kept in
// blocks of 2^kShift elements. An index is a shift and a mask, inline
// (libstdc++'s std::deque::operator[] is an out-of-line iterator step: 70 to
// 120 instructions per event on B6 and B10, docs/performance.md), and a
// reference stays valid while the sequence grows. Elements are default
// constructed a block at a time and only destroyed with the sequence: the
// matchers reuse freed slots (free lists), so nothing here is erased.
// Tested by tests/unit/block_vector_test.cc.
#ifndef CEP_RUNTIME_BLOCK_VECTOR_H_
#define CEP_RUNTIME_BLOCK_VECTOR_H_

#include <cstddef>
#include <memory>
#include <vector>

namespace cep::rt {

template <class T, unsigned kShift = 6>
class BlockVector {
 public:
  static constexpr size_t kBlock = size_t{1} << kShift;

  T& operator[](size_t i) { return blocks_[i >> kShift][i & (kBlock - 1)]; }
  const T& operator[](size_t i) const { return blocks_[i >> kShift][i & (kBlock - 1)]; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // Appends a default-constructed element (from the current block, or a
  // new one) and returns it.
  T& emplace_back() {
    if (size_ == blocks_.size() * kBlock) blocks_.push_back(std::make_unique<T[]>(kBlock));
    return (*this)[size_++];
  }

 private:
  std::vector<std::unique_ptr<T[]>> blocks_;
  size_t size_ = 0;
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_BLOCK_VECTOR_H_
