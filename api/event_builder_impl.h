// Private to api/: what an EventBuilder holds, for Engine::Push, which
// checks that the event is complete and copies it into its store.
#ifndef CEP_API_EVENT_BUILDER_IMPL_H_
#define CEP_API_EVENT_BUILDER_IMPL_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "api/rule_set_impl.h"
#include "cep/event_builder.h"
#include "runtime/event.h"
#include "runtime/value.h"

namespace cep {

struct EventBuilder::Impl {
  std::shared_ptr<const RuleSet::Impl> rules;
  rt::EventBuilder builder;
  bool started = false;
  EventTypeId type = kNoEventType;
  std::vector<uint8_t> is_set;  // per slot: set since Start
  uint64_t string_bytes = 0;    // bytes in the builder's string scratch

  // Stores a checked value and marks the field set.
  void Set(const FieldHandle& field, rt::Value value);
  // OK when the event was started and every required field is set;
  // InvalidArgument / FailedPrecondition saying what is missing.
  absl::Status CheckComplete(uint32_t rule_set_id) const;
};

struct BuilderAccess {
  static const EventBuilder::Impl& Impl(const EventBuilder& b) { return *b.impl_; }
};

}  // namespace cep

#endif  // CEP_API_EVENT_BUILDER_IMPL_H_
