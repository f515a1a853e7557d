// Key codec: group / partition / suppression keys as byte strings, so a key
// of several values is one hash-map key, and decoded back into Values whose
// strings point into the owned bytes.
//
// Identity: equal keys encode to equal bytes. A value's tag is part of its
// identity (1 and 1.0 are different keys); -0.0 and 0.0 are one key; null
// is a key of its own (group by keeps nulls together, as SQL does).
// Tested by tests/unit/key_codec_test.cc.
#ifndef CEP_RUNTIME_KEY_CODEC_H_
#define CEP_RUNTIME_KEY_CODEC_H_

#include <string>
#include <vector>

#include "runtime/value.h"

namespace cep::rt {

// Appends the identity of `v` to `out` (tag byte + payload).
void EncodeKey(const Value& v, std::string& out);
// Decodes a concatenation of EncodeKey outputs; strings point into `key`.
void DecodeKey(const std::string& key, std::vector<Value>& out);

}  // namespace cep::rt

#endif  // CEP_RUNTIME_KEY_CODEC_H_
