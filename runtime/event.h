// Events as the engine holds them, and the store that allocates them.
//
// An Event is one block: this header, then `nfields` Values (slot 0 is the
// built-in `time`), then the bytes of its string fields, which the string
// Values point into. Events are reference counted: the reorder buffer and
// every match-DAG node holding one keep it alive; the last Release returns
// the block to the store's free list for its size class, so in steady state
// no event costs a heap allocation.
// Tested by tests/unit/event_test.cc.
#ifndef CEP_RUNTIME_EVENT_H_
#define CEP_RUNTIME_EVENT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast/types.h"
#include "runtime/value.h"

namespace cep::rt {

struct Event {
  int64_t time = 0;        // ns since the epoch; equal to fields()[0].i
  uint64_t seq = 0;        // position in processing order (set by the engine)
  uint32_t refs = 0;
  EventTypeId type = kNoEventType;
  uint16_t nfields = 0;
  uint32_t string_bytes = 0;
  uint32_t size_class = 0;  // store bookkeeping
  uint32_t input_line = 0;  // 1-based line of the input it came from (0: derived)
  uint32_t source = 0;      // index of the input it came from (or the deriving rule)

  Value* fields() { return reinterpret_cast<Value*>(this + 1); }
  const Value* fields() const { return reinterpret_cast<const Value*>(this + 1); }
  const Value& field(int slot) const { return fields()[slot]; }
  char* string_area() { return reinterpret_cast<char*>(fields() + nfields); }
};
static_assert(sizeof(Event) % alignof(Value) == 0, "fields must follow the header aligned");

class EventStore {
 public:
  EventStore() = default;
  ~EventStore();
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  // A new event with refs == 1, every field null, `string_bytes` bytes of
  // string area. The caller fills the fields.
  Event* Allocate(EventTypeId type, uint16_t nfields, uint32_t string_bytes);
  void Retain(Event* e) { ++e->refs; }
  void Release(Event* e) {
    if (--e->refs == 0) Free(e);
  }

  size_t live_events() const { return live_; }
  size_t live_bytes() const { return live_bytes_; }

 private:
  void Free(Event* e);
  static constexpr uint32_t kClassBytes = 64;   // size-class granularity
  static constexpr uint32_t kMaxPooledClass = 64;  // blocks up to 4 KiB are pooled
  std::vector<std::vector<Event*>> free_;  // per size class
  size_t live_ = 0;
  size_t live_bytes_ = 0;
};

// Builds one event field by field, copying string bytes into a scratch
// buffer, then packs it into the store. Reused across events: after the
// first few events it allocates nothing.
class EventBuilder {
 public:
  void Start(EventTypeId type, uint16_t nfields);
  void SetNull(int slot) { values_[slot] = Value::Null(); }
  void Set(int slot, Value v) { values_[slot] = v; is_string_[slot] = false; }
  void SetString(int slot, std::string_view s);
  void SetTime(int64_t ns) { Set(0, Value::Timestamp(ns)); }
  const Value& Get(int slot) const { return values_[slot]; }
  uint16_t nfields() const { return static_cast<uint16_t>(values_.size()); }
  EventTypeId type() const { return type_; }

  // Copies the event into the store (refs == 1).
  Event* Build(EventStore& store) const;

 private:
  EventTypeId type_ = kNoEventType;
  std::vector<Value> values_;
  std::vector<uint8_t> is_string_;  // the value's bytes live in scratch_
  std::vector<uint32_t> offsets_; // offset of each string in scratch_
  std::string scratch_;
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_EVENT_H_
