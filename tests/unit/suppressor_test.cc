// Suppressor (runtime/suppressor.h) and the key codec (runtime/key_codec.h).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "runtime/key_codec.h"
#include "runtime/suppressor.h"

namespace cep::rt {
namespace {

TEST_CASE("suppressor: one pass per key per duration; idle keys expire") {
  Suppressor s(10);
  CHECK(s.Pass("a", 0));
  CHECK_FALSE(s.Pass("a", 9));
  CHECK(s.Pass("b", 9));
  CHECK(s.Pass("a", 10));  // the silence is [0, 10)
  CHECK_FALSE(s.Pass("a", 19));
  CHECK(s.Pass("c", 100));  // a and b expired
  CHECK(s.live_keys() == 1);
  CHECK_FALSE(s.Pass("c", 95));  // an earlier time never shortens a silence
}

TEST_CASE("key codec: tags are part of the identity; round trip") {
  std::string k1, k2, k3;
  EncodeKey(Value::Int(1), k1);
  EncodeKey(Value::Float(1.0), k2);
  CHECK(k1 != k2);
  EncodeKey(Value::Float(-0.0), k3);
  std::string k4;
  EncodeKey(Value::Float(0.0), k4);
  CHECK(k3 == k4);
  std::string key;
  EncodeKey(Value::String("ab"), key);
  EncodeKey(Value::Null(), key);
  EncodeKey(Value::Bool(true), key);
  EncodeKey(Value::Timestamp(42), key);
  std::vector<Value> out;
  DecodeKey(key, out);
  REQUIRE(out.size() == 4);
  CHECK(out[0].str() == "ab");
  CHECK(out[1].is_null());
  CHECK(out[2].b);
  CHECK(out[3].tag == Tag::kTimestamp);
  CHECK(out[3].i == 42);
}

}  // namespace
}  // namespace cep::rt
