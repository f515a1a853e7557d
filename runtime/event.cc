// See event.h.
#include "runtime/event.h"

#include <algorithm>
#include <cstdlib>
#include <new>

namespace cep::rt {

EventStore::~EventStore() {
  for (auto& list : free_) {
    for (Event* e : list) std::free(e);
  }
}

Event* EventStore::Allocate(EventTypeId type, uint16_t nfields, uint32_t string_bytes) {
  size_t bytes = sizeof(Event) + size_t{nfields} * sizeof(Value) + string_bytes;
  uint32_t cls = static_cast<uint32_t>((bytes + kClassBytes - 1) / kClassBytes);
  void* block = nullptr;
  if (cls < kMaxPooledClass && cls < free_.size() && !free_[cls].empty()) {
    block = free_[cls].back();
    free_[cls].pop_back();
  } else {
    block = std::malloc(size_t{cls} * kClassBytes);
    if (block == nullptr) throw std::bad_alloc();
  }
  Event* e = new (block) Event();
  e->refs = 1;
  e->type = type;
  e->nfields = nfields;
  e->string_bytes = string_bytes;
  e->size_class = cls;
  Value* f = e->fields();
  for (uint16_t i = 0; i < nfields; ++i) new (&f[i]) Value();
  ++live_;
  live_bytes_ += size_t{cls} * kClassBytes;
  return e;
}

void EventStore::Free(Event* e) {
  --live_;
  live_bytes_ -= size_t{e->size_class} * kClassBytes;
  uint32_t cls = e->size_class;
  if (cls < kMaxPooledClass) {
    if (free_.size() <= cls) free_.resize(cls + 1);
    free_[cls].push_back(e);
  } else {
    std::free(e);
  }
}

void EventBuilder::Start(EventTypeId type, uint16_t nfields) {
  type_ = type;
  // Sized once per field count; after that a start only clears: every slot
  // null and not a string (offsets_ is read only for string slots).
  if (values_.size() != nfields) {
    values_.resize(nfields);
    is_string_.resize(nfields);
    offsets_.resize(nfields);
  }
  std::fill(values_.begin(), values_.end(), Value::Null());
  std::fill(is_string_.begin(), is_string_.end(), uint8_t{0});
  scratch_.clear();
}

void EventBuilder::SetString(int slot, std::string_view s) {
  offsets_[slot] = static_cast<uint32_t>(scratch_.size());
  scratch_.append(s.data(), s.size());
  Value v;
  v.tag = Tag::kString;
  v.len = static_cast<uint32_t>(s.size());
  v.s = nullptr;  // fixed up in Build
  values_[slot] = v;
  is_string_[slot] = true;
}

Event* EventBuilder::Build(EventStore& store) const {
  Event* e = store.Allocate(type_, nfields(), static_cast<uint32_t>(scratch_.size()));
  char* area = e->string_area();
  if (!scratch_.empty()) std::memcpy(area, scratch_.data(), scratch_.size());
  Value* f = e->fields();
  for (size_t i = 0; i < values_.size(); ++i) {
    f[i] = values_[i];
    if (is_string_[i]) f[i].s = area + offsets_[i];
  }
  e->time = values_.empty() ? 0 : values_[0].i;
  return e;
}

}  // namespace cep::rt
