// EventBuilder (include/cep/event_builder.h): typed setters over the
// runtime's EventBuilder (runtime/event.h), checked against the handle's
// field type. The checks are integer compares; names are only looked at to
// word an error. Tested by tests/unit/api_builder_test.cc.
#include "cep/event_builder.h"

#include <cmath>

#include "api/event_builder_impl.h"
#include "compiler/util/strcat.h"
#include "runtime/io/utf8.h"
#include "runtime/value.h"

namespace cep {
namespace {

// The runtime's strings hold 32-bit lengths and offsets.
constexpr uint64_t kMaxStringBytes = UINT32_MAX;

}  // namespace

EventBuilder::EventBuilder(const RuleSet& rules) : impl_(std::make_unique<Impl>()) {
  impl_->rules = RuleSetAccess::Impl(rules);
}
EventBuilder::~EventBuilder() = default;
EventBuilder::EventBuilder(EventBuilder&&) noexcept = default;
EventBuilder& EventBuilder::operator=(EventBuilder&&) noexcept = default;

absl::Status EventBuilder::Start(TypeHandle type, int64_t time_ns) {
  Impl& b = *impl_;
  b.started = false;
  if (!type.valid())
    return absl::InvalidArgumentError("the type handle resolves nothing (default-constructed)");
  if (HandleAccess::RuleSetOf(type) != b.rules->id) {
    return absl::InvalidArgumentError("the type handle comes from another rule set");
  }
  EventTypeId id = HandleAccess::TypeOf(type);
  if (!b.rules->is_input[id]) {
    return absl::InvalidArgumentError(StrCat(
        "'", b.rules->TypeName(id),
        "' is emitted by rules, not declared with 'event': only declared types can be pushed"));
  }
  uint16_t nfields = HandleAccess::FieldCountOf(type);
  b.builder.Start(id, nfields);
  b.builder.SetTime(time_ns);
  b.is_set.assign(nfields, 0);
  b.is_set[0] = 1;
  b.string_bytes = 0;
  b.type = id;
  b.started = true;
  return absl::OkStatus();
}

namespace {

// Whether `field` may take a value of `kind` in the event being built.
absl::Status CheckField(const EventBuilder::Impl& b, const FieldHandle& field, FieldType kind) {
  if (!b.started) return absl::FailedPreconditionError("set a field before Start");
  if (!field.valid()) {
    return absl::InvalidArgumentError("the field handle resolves nothing (default-constructed)");
  }
  if (HandleAccess::RuleSetOf(field) != b.rules->id) {
    return absl::InvalidArgumentError("the field handle comes from another rule set");
  }
  const check::EventTypeInfo& t = b.rules->schema().type(HandleAccess::TypeOf(field));
  const std::string& name = t.fields[HandleAccess::SlotOf(field)].name;
  if (HandleAccess::TypeOf(field) != b.type) {
    return absl::InvalidArgumentError(StrCat("field '", name, "' belongs to '", t.name,
                                             "', not to '", b.rules->TypeName(b.type), "'"));
  }
  if (field.type() == kind) return absl::OkStatus();
  return absl::InvalidArgumentError(StrCat("field '", name, "' of '", t.name, "' is ",
                                           FieldTypeName(field.type()), ", not ",
                                           FieldTypeName(kind)));
}

// The declaration of a field CheckField accepted (for error messages).
const check::FieldInfo& Declared(const EventBuilder::Impl& b, const FieldHandle& field) {
  return b.rules->schema().type(b.type).fields[HandleAccess::SlotOf(field)];
}

}  // namespace

void EventBuilder::Impl::Set(const FieldHandle& field, rt::Value value) {
  builder.Set(HandleAccess::SlotOf(field), value);
  is_set[HandleAccess::SlotOf(field)] = 1;
}

absl::Status EventBuilder::SetBool(FieldHandle field, bool value) {
  if (absl::Status s = CheckField(*impl_, field, FieldType::kBool); !s.ok()) return s;
  impl_->Set(field, rt::Value::Bool(value));
  return absl::OkStatus();
}

absl::Status EventBuilder::SetInt(FieldHandle field, int64_t value) {
  if (field.type() == FieldType::kFloat) return SetFloat(field, static_cast<double>(value));
  if (absl::Status s = CheckField(*impl_, field, FieldType::kInt); !s.ok()) return s;
  impl_->Set(field, rt::Value::Int(value));
  return absl::OkStatus();
}

absl::Status EventBuilder::SetFloat(FieldHandle field, double value) {
  if (absl::Status s = CheckField(*impl_, field, FieldType::kFloat); !s.ok()) return s;
  if (!std::isfinite(value)) {
    // JSON input cannot carry them either: keep both paths alike.
    return absl::InvalidArgumentError(
        StrCat("field '", Declared(*impl_, field).name,
               "': NaN and infinities are not values of a float field"));
  }
  impl_->Set(field, rt::Value::Float(value));
  return absl::OkStatus();
}

absl::Status EventBuilder::SetString(FieldHandle field, std::string_view value) {
  if (absl::Status s = CheckField(*impl_, field, FieldType::kString); !s.ok()) return s;
  size_t bad = rt::io::FirstInvalidUtf8(value);
  if (bad != value.size()) {
    return absl::InvalidArgumentError(StrCat("field '", Declared(*impl_, field).name,
                                             "': invalid UTF-8 at byte ", bad + 1,
                                             " of the string"));
  }
  if (impl_->string_bytes + value.size() > kMaxStringBytes) {
    return absl::InvalidArgumentError(StrCat("field '", Declared(*impl_, field).name,
                                             "': the event's strings would exceed 4 GiB"));
  }
  impl_->string_bytes += value.size();
  impl_->builder.SetString(HandleAccess::SlotOf(field), value);
  impl_->is_set[HandleAccess::SlotOf(field)] = 1;
  return absl::OkStatus();
}

absl::Status EventBuilder::SetTimestamp(FieldHandle field, int64_t ns_since_epoch) {
  if (absl::Status s = CheckField(*impl_, field, FieldType::kTimestamp); !s.ok()) return s;
  impl_->Set(field, rt::Value::Timestamp(ns_since_epoch));
  return absl::OkStatus();
}

absl::Status EventBuilder::SetDuration(FieldHandle field, int64_t ns) {
  if (absl::Status s = CheckField(*impl_, field, FieldType::kDuration); !s.ok()) return s;
  impl_->Set(field, rt::Value::Duration(ns));
  return absl::OkStatus();
}

absl::Status EventBuilder::SetNull(FieldHandle field) {
  if (absl::Status s = CheckField(*impl_, field, field.type()); !s.ok()) return s;
  const check::FieldInfo& f = Declared(*impl_, field);
  if (!f.optional) {
    return absl::InvalidArgumentError(
        StrCat("field '", f.name, "' of '", impl_->rules->TypeName(impl_->type),
               "' is required (not declared '", f.name, ": ", FieldTypeName(field.type()),
               "?'): it cannot be null"));
  }
  impl_->Set(field, rt::Value::Null());
  return absl::OkStatus();
}

absl::Status EventBuilder::Impl::CheckComplete(uint32_t rule_set_id) const {
  if (!started)
    return absl::FailedPreconditionError("the builder holds no event: call Start first");
  if (rules->id != rule_set_id) {
    return absl::InvalidArgumentError(
        "the builder was made for another rule set than the engine's");
  }
  for (uint16_t slot : rules->required_slots[type]) {
    if (is_set[slot] == 0) {
      return absl::InvalidArgumentError(StrCat("event '", rules->TypeName(type),
                                               "': missing required field '",
                                               rules->schema().type(type).fields[slot].name, "'"));
    }
  }
  return absl::OkStatus();
}

}  // namespace cep
