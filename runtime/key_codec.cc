// See key_codec.h.
#include "runtime/key_codec.h"

#include <cstdint>
#include <cstring>

namespace cep::rt {

void EncodeKey(const Value& v, std::string& out) {
  out.push_back(static_cast<char>(v.tag));
  switch (v.tag) {
    case Tag::kNull:
      break;
    case Tag::kString: {
      uint32_t n = v.len;
      out.append(reinterpret_cast<const char*>(&n), sizeof n);
      out.append(v.s, v.len);
      break;
    }
    case Tag::kBool:
      out.push_back(v.b ? 1 : 0);
      break;
    case Tag::kFloat: {
      double d = v.f == 0 ? 0.0 : v.f;  // -0.0 and 0.0 are one key
      out.append(reinterpret_cast<const char*>(&d), sizeof d);
      break;
    }
    default:
      out.append(reinterpret_cast<const char*>(&v.i), sizeof v.i);
      break;
  }
}

void DecodeKey(const std::string& key, std::vector<Value>& out) {
  out.clear();
  size_t i = 0;
  while (i < key.size()) {
    Tag tag = static_cast<Tag>(key[i++]);
    Value v;
    v.tag = tag;
    switch (tag) {
      case Tag::kNull:
        break;
      case Tag::kString: {
        uint32_t n;
        std::memcpy(&n, key.data() + i, sizeof n);
        i += sizeof n;
        v.s = key.data() + i;
        v.len = n;
        i += n;
        break;
      }
      case Tag::kBool:
        v.b = key[i++] != 0;
        break;
      case Tag::kFloat:
        std::memcpy(&v.f, key.data() + i, sizeof v.f);
        i += sizeof v.f;
        break;
      default:
        std::memcpy(&v.i, key.data() + i, sizeof v.i);
        i += sizeof v.i;
        break;
    }
    out.push_back(v);
  }
}

}  // namespace cep::rt
