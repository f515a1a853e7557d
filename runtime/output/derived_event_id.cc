// Deterministic ids of derived events (see derived_event_id.h).
// Tested by tests/unit/output_writer_test.cc.
#include "runtime/output/derived_event_id.h"

#include <cstring>
#include <string_view>

namespace cep::rt::out {
namespace {

class Fnv1a {
 public:
  void Bytes(std::string_view s) {
    U64(s.size());  // the length first, so ("ab","c") and ("a","bc") differ
    for (char c : s) Byte(static_cast<uint8_t>(c));
  }
  void U64(uint64_t v) {
    for (int i = 0; i < 8; ++i) Byte(static_cast<uint8_t>(v >> (8 * i)));
  }
  uint64_t value() const { return h_; }

 private:
  void Byte(uint8_t b) {
    h_ ^= b;
    h_ *= 0x100000001b3ULL;
  }
  uint64_t h_ = 0xcbf29ce484222325ULL;
};

}  // namespace

uint64_t DerivedEventId(const DerivedEvent& derived, const check::Schema& schema) {
  Fnv1a h;
  h.Bytes(derived.rule_name);
  h.U64(derived.timeout ? 1 : 0);
  h.Bytes(schema.type(derived.event->type).name);
  h.U64(static_cast<uint64_t>(derived.event->time));
  for (const DerivedEvent::Binding& b : derived.bindings) {
    h.Bytes(b.var);
    h.U64(b.seqs.size());
    for (uint64_t seq : b.seqs) h.U64(seq);
  }
  // The fields: windowed rules' results have no bindings, and groups closing
  // at one time differ only here.
  const Value* fields = derived.event->fields();
  for (uint16_t slot = 1; slot < derived.event->nfields; ++slot) {
    const Value& v = fields[slot];
    h.U64(static_cast<uint64_t>(v.tag));
    switch (v.tag) {
      case Tag::kNull:
      case Tag::kEvent:  // never in a derived event's fields
        break;
      case Tag::kBool:
        h.U64(v.b ? 1 : 0);
        break;
      case Tag::kString:
        h.Bytes(v.str());
        break;
      case Tag::kFloat: {
        uint64_t bits;
        std::memcpy(&bits, &v.f, sizeof bits);
        h.U64(bits);
        break;
      }
      default:
        h.U64(static_cast<uint64_t>(v.i));
        break;
    }
  }
  return h.value();
}

uint64_t DisambiguatedEventId(uint64_t id, uint64_t n) {
  if (n <= 1) return id;
  Fnv1a h;
  h.U64(id);
  h.U64(n);
  return h.value();
}

void AppendEventId(uint64_t id, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int shift = 60; shift >= 0; shift -= 4) out->push_back(kHex[(id >> shift) & 0xF]);
}

}  // namespace cep::rt::out
