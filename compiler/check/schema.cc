// Schema storage and lookups (see schema.h).
// Tested by tests/unit/check_schema_test.cc.
#include "compiler/check/schema.h"

#include <utility>

#include "compiler/util/strcat.h"

namespace cep::check {

const FieldInfo* EventTypeInfo::FindField(std::string_view field_name) const {
  for (const FieldInfo& f : fields) {
    if (f.name == field_name) return &f;
  }
  return nullptr;
}

std::vector<std::string_view> EventTypeInfo::FieldNames() const {
  std::vector<std::string_view> out;
  for (const FieldInfo& f : fields) {
    if (!f.builtin) out.push_back(f.name);
  }
  return out;
}

EventTypeId Schema::Add(std::string name, bool derived, uint32_t module, SourceRange range) {
  EventTypeInfo info;
  info.id = static_cast<EventTypeId>(types_.size());
  info.name = std::move(name);
  info.derived = derived;
  info.module = module;
  info.range = range;
  FieldInfo time;
  time.name = std::string(kTimeFieldName);
  time.type = Type::Of(TypeKind::kTimestamp);
  time.slot = kTimeSlot;
  time.builtin = true;
  time.range = range;
  info.fields.push_back(std::move(time));
  by_name_.emplace(info.name, info.id);
  types_.push_back(std::move(info));
  return types_.back().id;
}

int32_t Schema::AddField(EventTypeId id, std::string name, Type type, bool optional,
                         SourceRange range) {
  EventTypeInfo& t = types_[id];
  FieldInfo f;
  f.name = std::move(name);
  f.type = type;
  f.optional = optional;
  f.slot = static_cast<int32_t>(t.fields.size());
  f.range = range;
  t.fields.push_back(std::move(f));
  return t.fields.back().slot;
}

const EventTypeInfo* Schema::Find(std::string_view name) const {
  auto it = by_name_.find(absl::string_view(name.data(), name.size()));
  return it == by_name_.end() ? nullptr : &types_[it->second];
}


std::string TypeName(const Type& type, const Schema& schema) {
  if (type.kind == TypeKind::kEvent) {
    std::string name = type.event_type < schema.size()
                           ? StrCat("'", schema.type(type.event_type).name, "'")
                           : std::string("an event");
    return type.group ? StrCat("events of ", name) : StrCat("event ", name);
  }
  if (type.group) return StrCat("values of ", TypeKindName(type.kind));
  return TypeKindName(type.kind);
}

}  // namespace cep::check
