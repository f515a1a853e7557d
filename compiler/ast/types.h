// Value types of the .cep language, shared by the AST (filled in by the
// checker) and later stages. A type is a scalar kind, optionally a "group"
// (the values of a field over all events bound to a Kleene variable, usable
// only inside aggregates), or an event of a declared type.
#ifndef CEP_COMPILER_AST_TYPES_H_
#define CEP_COMPILER_AST_TYPES_H_

#include <cstdint>
#include <string>

namespace cep {

enum class TypeKind : uint8_t {
  kUnknown,    // not checked yet, or an error already reported (suppresses cascades)
  kNull,       // the literal null
  kBool,
  kInt,        // int64
  kFloat,      // double
  kString,
  kTimestamp,  // event time, ns since the Unix epoch
  kDuration,   // ns
  kEvent,      // a whole event bound to a variable; event_type says which
};

using EventTypeId = uint16_t;
inline constexpr EventTypeId kNoEventType = UINT16_MAX;

struct Type {
  TypeKind kind = TypeKind::kUnknown;
  // True for the values of a Kleene (repeated) variable: `fail` or `fail.ip`
  // where `fail: Login+`. Only aggregates accept groups.
  bool group = false;
  EventTypeId event_type = kNoEventType;  // for kEvent

  static Type Of(TypeKind k) { return Type{k, false, kNoEventType}; }
  static Type Event(EventTypeId id, bool group = false) {
    return Type{TypeKind::kEvent, group, id};
  }
  bool known() const { return kind != TypeKind::kUnknown; }
  bool numeric() const { return kind == TypeKind::kInt || kind == TypeKind::kFloat; }
  friend bool operator==(const Type&, const Type&) = default;
};

// "int", "float", "string", ...; events print as "event" (callers that know
// the schema print its name instead).
const char* TypeKindName(TypeKind k);

}  // namespace cep

#endif  // CEP_COMPILER_AST_TYPES_H_
