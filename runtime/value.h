// Value: the 16-byte tagged union every field, constant and expression result
// is held in. No heap object per field: strings point into the bytes owned by
// their event (or by the program's constant pool), so copying a Value is two
// words. Tested by tests/unit/value_test.cc.
#ifndef CEP_RUNTIME_VALUE_H_
#define CEP_RUNTIME_VALUE_H_

#include <cstdint>
#include <cstring>
#include <string_view>

namespace cep::rt {

enum class Tag : uint8_t {
  kNull = 0,
  kBool,
  kInt,        // int64
  kFloat,      // double
  kString,     // ptr + len, not owned
  kTimestamp,  // ns since the Unix epoch, in i
  kDuration,   // ns, in i
  kEvent,      // a whole event (`first(v)`, a variable): ev, not owned
};

struct Event;

struct Value {
  union {
    int64_t i;
    double f;
    bool b;
    const char* s;
    const Event* ev;
  };
  uint32_t len = 0;  // kString: byte length
  Tag tag = Tag::kNull;

  Value() : i(0) {}
  static Value Null() { return Value(); }
  static Value Bool(bool v) { Value x; x.b = v; x.tag = Tag::kBool; return x; }
  static Value Int(int64_t v) { Value x; x.i = v; x.tag = Tag::kInt; return x; }
  static Value Float(double v) { Value x; x.f = v; x.tag = Tag::kFloat; return x; }
  static Value Timestamp(int64_t ns) { Value x; x.i = ns; x.tag = Tag::kTimestamp; return x; }
  static Value Duration(int64_t ns) { Value x; x.i = ns; x.tag = Tag::kDuration; return x; }
  static Value EventRef(const Event* e) {
    Value x;
    x.ev = e;
    x.tag = e == nullptr ? Tag::kNull : Tag::kEvent;
    return x;
  }
  static Value String(std::string_view v) {
    Value x;
    x.s = v.data();
    x.len = static_cast<uint32_t>(v.size());
    x.tag = Tag::kString;
    return x;
  }

  bool is_null() const { return tag == Tag::kNull; }
  std::string_view str() const { return {s, len}; }
};
static_assert(sizeof(Value) == 16, "Value must stay two words");

// Equality as the language defines it: null equals nothing (not even null);
// ints and floats compare numerically; strings by bytes.
inline bool ValueEquals(const Value& a, const Value& b) {
  if (a.tag == Tag::kNull || b.tag == Tag::kNull) return false;
  if (a.tag == b.tag) {
    switch (a.tag) {
      case Tag::kBool: return a.b == b.b;
      case Tag::kFloat: return a.f == b.f;
      case Tag::kString: return a.len == b.len && (a.len == 0 || std::memcmp(a.s, b.s, a.len) == 0);
      case Tag::kEvent: return a.ev == b.ev;
      default: return a.i == b.i;
    }
  }
  if (a.tag == Tag::kInt && b.tag == Tag::kFloat) return static_cast<double>(a.i) == b.f;
  if (a.tag == Tag::kFloat && b.tag == Tag::kInt) return a.f == static_cast<double>(b.i);
  return false;
}

// Identity for hashing and grouping (partition keys, distinct): unlike
// ValueEquals, null is identical to null and 1 is not identical to 1.0.
inline bool ValueIdentical(const Value& a, const Value& b) {
  if (a.tag != b.tag) return false;
  switch (a.tag) {
    case Tag::kNull: return true;
    case Tag::kBool: return a.b == b.b;
    case Tag::kString: return a.len == b.len && (a.len == 0 || std::memcmp(a.s, b.s, a.len) == 0);
    case Tag::kFloat: return std::memcmp(&a.f, &b.f, sizeof(double)) == 0;
    case Tag::kEvent: return a.ev == b.ev;
    default: return a.i == b.i;
  }
}

}  // namespace cep::rt

#endif  // CEP_RUNTIME_VALUE_H_
