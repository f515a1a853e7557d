// Public API: a derived event (what a rule's `emit` produced), as an owned
// value: its rule, type, time, fields (by name, by handle, or in declaration
// order, with typed accessors) and the sequence numbers of the events each
// pattern variable matched. Copyable; it keeps what it needs of its rule set
// alive, so it may outlive the engine.
//
// Sequence numbers count events in processing order, from 1, per engine:
// input events in (time, push order) once the reorder buffer releases them,
// and derived events that rules read back, right after the event that caused
// them — the `events` of `cep run`'s output (docs/semantics.md).
// Tested by tests/unit/api_engine_test.cc.
#ifndef CEP_DERIVED_EVENT_H_
#define CEP_DERIVED_EVENT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "cep/rule_set.h"

namespace cep {

// One field's value. The accessor of the field's type gives the value; any
// other accessor, or any accessor of a null value, gives 0 / false / "".
class FieldValue {
 public:
  FieldType type() const { return type_; }
  bool is_null() const { return null_; }
  bool bool_value() const { return !null_ && type_ == FieldType::kBool && b_; }
  int64_t int_value() const { return !null_ && type_ == FieldType::kInt ? i_ : 0; }
  double float_value() const { return !null_ && type_ == FieldType::kFloat ? f_ : 0.0; }
  std::string_view string_value() const {
    return !null_ && type_ == FieldType::kString ? std::string_view(s_) : std::string_view();
  }
  int64_t timestamp_value() const { return !null_ && type_ == FieldType::kTimestamp ? i_ : 0; }
  int64_t duration_value() const { return !null_ && type_ == FieldType::kDuration ? i_ : 0; }

 private:
  friend struct DerivedAccess;
  FieldType type_ = FieldType::kBool;
  bool null_ = true;
  bool b_ = false;
  int64_t i_ = 0;
  double f_ = 0;
  std::string s_;
};

// The events one pattern variable took, by sequence number, in order.
struct MatchedEvents {
  std::string variable;
  std::vector<uint64_t> seqs;
};

class DerivedEvent {
 public:
  DerivedEvent();
  ~DerivedEvent();
  DerivedEvent(const DerivedEvent&);
  DerivedEvent& operator=(const DerivedEvent&);
  DerivedEvent(DerivedEvent&&) noexcept;
  DerivedEvent& operator=(DerivedEvent&&) noexcept;

  std::string_view rule() const { return rule_; }
  std::string_view type() const { return type_; }
  // ns since the Unix epoch: the completing event's time, or the deadline of
  // an absence or timeout.
  int64_t time() const { return time_; }
  // From `on timeout emit`.
  bool timeout() const { return timeout_; }

  // The fields in declaration order, without the built-in `time`.
  size_t field_count() const { return fields_.empty() ? 0 : fields_.size() - 1; }
  std::string_view field_name(size_t i) const;
  const FieldValue& field(size_t i) const { return fields_[i + 1]; }

  // nullptr when this event's type has no such field ("time" is the time).
  const FieldValue* Find(std::string_view name) const;
  // nullptr when the handle is not a field of this event's type.
  const FieldValue* Find(FieldHandle field) const;

  // Typed reads: NotFound for no such field, InvalidArgument for another
  // type ("field 'attempts' of 'Alert' is int, not string"),
  // FailedPrecondition for null.
  absl::StatusOr<bool> GetBool(std::string_view name) const;
  absl::StatusOr<int64_t> GetInt(std::string_view name) const;
  absl::StatusOr<double> GetFloat(std::string_view name) const;
  // Points into this object.
  absl::StatusOr<std::string_view> GetString(std::string_view name) const;
  absl::StatusOr<int64_t> GetTimestamp(std::string_view name) const;
  absl::StatusOr<int64_t> GetDuration(std::string_view name) const;

  // Only the variables that took events, in the rule's order.
  const std::vector<MatchedEvents>& matched() const { return matched_; }

  // The JSON line `cep run` writes for this event (without the newline).
  std::string ToJson() const;

 private:
  friend struct DerivedAccess;
  std::shared_ptr<const RuleSet::Impl> rules_;  // names and schema
  std::string_view rule_;                       // point into *rules_
  std::string_view type_;
  uint32_t type_id_ = 0;
  int64_t time_ = 0;
  bool timeout_ = false;
  std::vector<FieldValue> fields_;  // by slot; [0] is `time`
  std::vector<MatchedEvents> matched_;
};

}  // namespace cep

#endif  // CEP_DERIVED_EVENT_H_
