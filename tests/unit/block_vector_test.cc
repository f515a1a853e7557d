// Tests of runtime/block_vector.h: indexes across blocks, and references
// that stay valid while the sequence grows.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "runtime/block_vector.h"

namespace cep::rt {
namespace {

TEST_CASE("block vector: elements keep their place and their address as it grows") {
  BlockVector<std::string, 2> v;  // blocks of 4: growth crosses many blocks
  CHECK(v.empty());
  std::vector<const std::string*> addresses;
  for (int i = 0; i < 37; ++i) {
    std::string& s = v.emplace_back();
    CHECK(s.empty());  // default constructed
    s = "value-" + std::to_string(i) + "-long-enough-for-the-heap";
    addresses.push_back(&s);
  }
  REQUIRE(v.size() == 37);
  for (int i = 0; i < 37; ++i) {
    CHECK(v[static_cast<size_t>(i)] == "value-" + std::to_string(i) + "-long-enough-for-the-heap");
    CHECK(&v[static_cast<size_t>(i)] == addresses[static_cast<size_t>(i)]);
  }
  const BlockVector<std::string, 2>& c = v;
  CHECK(c[36] == "value-36-long-enough-for-the-heap");
}

}  // namespace
}  // namespace cep::rt
