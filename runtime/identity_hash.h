// IdentityHash: a 64-bit hash of a Value's identity — equal exactly when
// ValueIdentical says so (1 and 1.0 differ, so do 0.0 and -0.0; strings by
// bytes; the tag is part of the identity, so the int 5 and the duration 5ns
// differ) — for the distinct-count sketch (hll_sketch.h).
//
// Why our own: the sketch's estimate depends on every bit of the hash, and
// results must be the same on every run and every machine. absl::Hash is
// salted per process in some versions and std::hash is unspecified. This is
// a fixed wyhash-style function (128-bit multiply-and-fold rounds over
// little-endian 8-byte words, read bytewise so the host's byte order does
// not matter) with a splitmix64 finaliser; no seed, no per-process state.
// Tested by tests/unit/sketch_test.cc (fixed values, identity, spread).
#ifndef CEP_RUNTIME_IDENTITY_HASH_H_
#define CEP_RUNTIME_IDENTITY_HASH_H_

#include <cstdint>
#include <cstring>
#include <string_view>

#include "runtime/event.h"
#include "runtime/value.h"

namespace cep::rt {
namespace identity_hash_internal {

constexpr uint64_t kP0 = 0xa0761d6478bd642full;
constexpr uint64_t kP1 = 0xe7037ed1a0b428dbull;
constexpr uint64_t kP2 = 0x8ebc6af09c88c6e3ull;
constexpr uint64_t kP3 = 0x589965cc75374cc3ull;

// The 128-bit product of a and b, folded to 64 bits (wyhash's "mum").
inline uint64_t Mum(uint64_t a, uint64_t b) {
  unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

// splitmix64's finaliser: a bijection with full avalanche.
inline uint64_t Finalize(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

// Up to 8 bytes as a little-endian word, whatever the host's byte order.
inline uint64_t LoadLe(const unsigned char* p, size_t n) {
  uint64_t w = 0;
  for (size_t k = 0; k < n; ++k) w |= static_cast<uint64_t>(p[k]) << (8 * k);
  return w;
}

}  // namespace identity_hash_internal

inline uint64_t HashBytes(std::string_view bytes, uint64_t seed) {
  using namespace identity_hash_internal;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t n = bytes.size();
  uint64_t h = Mum(seed ^ kP0, static_cast<uint64_t>(n) ^ kP1);
  while (n > 8) {
    h = Mum(h ^ LoadLe(p, 8) ^ kP2, kP3 ^ static_cast<uint64_t>(n));
    p += 8;
    n -= 8;
  }
  h = Mum(h ^ LoadLe(p, n) ^ kP1, kP0);
  return Finalize(h);
}

inline uint64_t IdentityHash(const Value& v) {
  using namespace identity_hash_internal;
  // The tag seeds the hash, so equal bits under different tags differ.
  const uint64_t seed = (static_cast<uint64_t>(v.tag) + 1) * 0x9e3779b97f4a7c15ull;
  uint64_t bits = 0;
  switch (v.tag) {
    case Tag::kNull: break;
    case Tag::kBool: bits = v.b ? 1 : 0; break;
    case Tag::kString: return HashBytes(v.str(), seed);
    case Tag::kFloat: std::memcpy(&bits, &v.f, sizeof bits); break;
    case Tag::kEvent: bits = v.ev->seq; break;  // identity is the event; seq names it
    default: bits = static_cast<uint64_t>(v.i); break;
  }
  return Finalize(Mum(bits ^ seed, kP1) ^ bits);
}

}  // namespace cep::rt

#endif  // CEP_RUNTIME_IDENTITY_HASH_H_
