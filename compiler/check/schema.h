// The schema of one compilation: every event type (declared with `event` or
// derived from a rule's `emit`) with a dense EventTypeId, and its fields with
// slot indexes. Built by the checker (schema_builder.cc for declared types,
// emit_check.cc for derived ones) and read by every later stage: nothing on
// the per-event path looks a name up.
//
// Slot layout: slot 0 is the built-in `time` field (timestamp) of every event
// type; declared or emitted fields follow in the order they are written.
//
// Tested by tests/unit/check_schema_test.cc.
#ifndef CEP_COMPILER_CHECK_SCHEMA_H_
#define CEP_COMPILER_CHECK_SCHEMA_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "compiler/ast/types.h"
#include "compiler/source/source_manager.h"

namespace cep::check {

inline constexpr int32_t kTimeSlot = 0;
inline constexpr std::string_view kTimeFieldName = "time";

struct FieldInfo {
  std::string name;
  Type type;              // a scalar kind, never a group or an event
  bool optional = false;  // `T?` (declared) or may be null (derived)
  int32_t slot = -1;      // index into the event's values; 0 is `time`
  bool builtin = false;   // true only for `time`
  SourceRange range;      // the declaration (or the emit field for derived types)
};

struct EventTypeInfo {
  EventTypeId id = kNoEventType;
  std::string name;
  bool derived = false;       // no `event` declaration: the fields come from emits
  bool complete = true;       // derived types whose emitter was not checked yet
                              // (rule cycles) are incomplete: field lookups on
                              // them report nothing and give kUnknown
  uint32_t module = 0;        // the module that declares (or first emits) it
  SourceRange range;          // the declaration's name, or the first emit's type name
  int32_t emitted_by = -1;    // derived: index of the defining rule in CheckedProgram::rules
  std::vector<FieldInfo> fields;  // fields[i].slot == i

  const FieldInfo* FindField(std::string_view field_name) const;
  // Field names other than `time`, for did-you-mean.
  std::vector<std::string_view> FieldNames() const;
};

class Schema {
 public:
  // Adds a type with only the built-in `time` field. The name must be new.
  EventTypeId Add(std::string name, bool derived, uint32_t module, SourceRange range);
  // Appends a field with the next slot; returns its slot.
  int32_t AddField(EventTypeId id, std::string name, Type type, bool optional,
                   SourceRange range);

  const EventTypeInfo* Find(std::string_view name) const;
  const EventTypeInfo& type(EventTypeId id) const { return types_[id]; }
  EventTypeInfo& mutable_type(EventTypeId id) { return types_[id]; }
  size_t size() const { return types_.size(); }
  const std::vector<EventTypeInfo>& types() const { return types_; }

 private:
  std::vector<EventTypeInfo> types_;  // indexed by EventTypeId
  absl::flat_hash_map<std::string, EventTypeId> by_name_;
};

// "int", "float?"-less spelling of a type for messages: "int", "string",
// "event 'Login'", "values of float" (a group), "events of 'Login'".
std::string TypeName(const Type& type, const Schema& schema);

}  // namespace cep::check

#endif  // CEP_COMPILER_CHECK_SCHEMA_H_
