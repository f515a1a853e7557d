// Public API: building input events field by field, with no JSON in between.
// Names are resolved once (RuleSet::ResolveType / ResolveField); on the hot
// path each Set is a few comparisons and a store, and Engine::Push copies
// the event into the engine's pooled storage (no allocation in steady state).
//
//   cep::TypeHandle login = *rules.ResolveType("Login");
//   cep::FieldHandle user = *rules.ResolveField(login, "user");
//   cep::EventBuilder b(rules);
//   for (...) {
//     b.Start(login, time_ns);   // each returns absl::Status
//     b.SetString(user, name);
//     engine.Push(b);
//   }
//
// Errors are Status values: a setter of the wrong type for the field
// (SetString on an int field), a field of another event type, a handle of
// another rule set, SetNull on a required field, a Set before Start, a
// string that is not valid UTF-8: InvalidArgument (FailedPrecondition before
// Start). A rejected Set leaves the field as it was. Engine::Push rejects an
// event whose required fields were not all set.
//
// Thread-compatible: one builder per thread. Tested by
// tests/unit/api_builder_test.cc.
#ifndef CEP_EVENT_BUILDER_H_
#define CEP_EVENT_BUILDER_H_

#include <cstdint>
#include <memory>
#include <string_view>

#include "absl/status/status.h"
#include "cep/rule_set.h"

namespace cep {

class EventBuilder {
 public:
  // Builds events of `rules`' types (the builder keeps the rule set alive).
  explicit EventBuilder(const RuleSet& rules);
  ~EventBuilder();
  EventBuilder(EventBuilder&&) noexcept;
  EventBuilder& operator=(EventBuilder&&) noexcept;

  // Begins a new event of an input type at `time_ns` (nanoseconds since the
  // Unix epoch, UTC; see time.h to parse RFC 3339). Every field starts unset.
  absl::Status Start(TypeHandle type, int64_t time_ns);

  absl::Status SetBool(FieldHandle field, bool value);
  // int fields; float fields take the value converted to double, as JSON
  // input does.
  absl::Status SetInt(FieldHandle field, int64_t value);
  absl::Status SetFloat(FieldHandle field, double value);
  // The bytes are copied: `value` need not outlive the call.
  absl::Status SetString(FieldHandle field, std::string_view value);
  absl::Status SetTimestamp(FieldHandle field, int64_t ns_since_epoch);
  absl::Status SetDuration(FieldHandle field, int64_t ns);
  // Optional (`T?`) fields only; unset optional fields are null anyway.
  absl::Status SetNull(FieldHandle field);

  struct Impl;  // implementation detail

 private:
  friend struct BuilderAccess;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cep

#endif  // CEP_EVENT_BUILDER_H_
