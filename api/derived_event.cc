// DerivedEvent (include/cep/derived_event.h): an owned copy of what the
// engine emitted, with typed reads by name or handle, and the JSON line of
// `cep run` (runtime/derived_json.h) rebuilt from the copy.
// Tested by tests/unit/api_engine_test.cc.
#include "cep/derived_event.h"

#include "api/derived_event_impl.h"
#include "compiler/util/strcat.h"
#include "runtime/derived_json.h"

namespace cep {

void DerivedAccess::SetValue(const rt::Value& v, FieldType declared, FieldValue* out) {
  out->type_ = declared;
  out->null_ = v.is_null();
  if (out->null_) return;
  switch (declared) {
    case FieldType::kBool: out->b_ = v.tag == rt::Tag::kBool && v.b; break;
    // A float field of a type two rules emit may hold an int from one of them.
    case FieldType::kFloat:
      out->f_ = v.tag == rt::Tag::kInt ? static_cast<double>(v.i) : v.f;
      break;
    case FieldType::kString: out->s_.assign(v.s, v.len); break;
    case FieldType::kInt:
    case FieldType::kTimestamp:
    case FieldType::kDuration:
      out->i_ = v.tag == rt::Tag::kFloat ? static_cast<int64_t>(v.f) : v.i;
      break;
  }
}

void DerivedAccess::Fill(const rt::DerivedEvent& d,
                         const std::shared_ptr<const RuleSet::Impl>& rules, DerivedEvent* out) {
  const rt::Event& e = *d.event;
  const check::EventTypeInfo& type = rules->schema().type(e.type);
  if (out->rules_ != rules) out->rules_ = rules;
  out->rule_ = d.rule_name;
  out->type_ = type.name;
  out->type_id_ = e.type;
  out->time_ = e.time;
  out->timeout_ = d.timeout;
  out->fields_.resize(type.fields.size());
  for (const check::FieldInfo& f : type.fields) {
    FieldType kind = FieldType::kTimestamp;
    ToFieldType(f.type.kind, &kind);
    SetValue(e.field(f.slot), kind, &out->fields_[f.slot]);
  }
  out->matched_.resize(d.bindings.size());
  for (size_t i = 0; i < d.bindings.size(); ++i) {
    out->matched_[i].variable.assign(d.bindings[i].var.data(), d.bindings[i].var.size());
    out->matched_[i].seqs.assign(d.bindings[i].seqs.begin(), d.bindings[i].seqs.end());
  }
}

DerivedEvent::DerivedEvent() = default;
DerivedEvent::~DerivedEvent() = default;
DerivedEvent::DerivedEvent(const DerivedEvent&) = default;
DerivedEvent& DerivedEvent::operator=(const DerivedEvent&) = default;
DerivedEvent::DerivedEvent(DerivedEvent&&) noexcept = default;
DerivedEvent& DerivedEvent::operator=(DerivedEvent&&) noexcept = default;

std::string_view DerivedEvent::field_name(size_t i) const {
  return rules_->schema().type(type_id_).fields[i + 1].name;
}

const FieldValue* DerivedEvent::Find(std::string_view name) const {
  if (rules_ == nullptr) return nullptr;
  const check::FieldInfo* f = rules_->schema().type(type_id_).FindField(name);
  return f == nullptr ? nullptr : &fields_[f->slot];
}

const FieldValue* DerivedEvent::Find(FieldHandle field) const {
  if (rules_ == nullptr || HandleAccess::RuleSetOf(field) != rules_->id ||
      HandleAccess::TypeOf(field) != type_id_) {
    return nullptr;
  }
  return &fields_[HandleAccess::SlotOf(field)];
}

namespace {

// The field `name` of `e` if it exists, is of `kind` and is not null.
absl::StatusOr<const FieldValue*> Typed(const DerivedEvent& e, std::string_view name,
                                        FieldType kind) {
  const FieldValue* v = e.Find(name);
  if (v == nullptr) {
    return absl::NotFoundError(StrCat("derived event '", e.type(), "' has no field '", name, "'"));
  }
  if (v->type() != kind) {
    return absl::InvalidArgumentError(StrCat("field '", name, "' of '", e.type(), "' is ",
                                             FieldTypeName(v->type()), ", not ",
                                             FieldTypeName(kind)));
  }
  if (v->is_null()) {
    return absl::FailedPreconditionError(StrCat("field '", name, "' of '", e.type(), "' is null"));
  }
  return v;
}

}  // namespace

absl::StatusOr<bool> DerivedEvent::GetBool(std::string_view name) const {
  absl::StatusOr<const FieldValue*> v = Typed(*this, name, FieldType::kBool);
  if (!v.ok()) return v.status();
  return (*v)->bool_value();
}

absl::StatusOr<int64_t> DerivedEvent::GetInt(std::string_view name) const {
  absl::StatusOr<const FieldValue*> v = Typed(*this, name, FieldType::kInt);
  if (!v.ok()) return v.status();
  return (*v)->int_value();
}

absl::StatusOr<double> DerivedEvent::GetFloat(std::string_view name) const {
  absl::StatusOr<const FieldValue*> v = Typed(*this, name, FieldType::kFloat);
  if (!v.ok()) return v.status();
  return (*v)->float_value();
}

absl::StatusOr<std::string_view> DerivedEvent::GetString(std::string_view name) const {
  absl::StatusOr<const FieldValue*> v = Typed(*this, name, FieldType::kString);
  if (!v.ok()) return v.status();
  return (*v)->string_value();
}

absl::StatusOr<int64_t> DerivedEvent::GetTimestamp(std::string_view name) const {
  absl::StatusOr<const FieldValue*> v = Typed(*this, name, FieldType::kTimestamp);
  if (!v.ok()) return v.status();
  return (*v)->timestamp_value();
}

absl::StatusOr<int64_t> DerivedEvent::GetDuration(std::string_view name) const {
  absl::StatusOr<const FieldValue*> v = Typed(*this, name, FieldType::kDuration);
  if (!v.ok()) return v.status();
  return (*v)->duration_value();
}

std::string DerivedEvent::ToJson() const {
  std::string out;
  if (rules_ == nullptr) return out;
  // Rebuild the runtime event and let the CLI's writer print it, so both
  // print the same bytes.
  rt::EventBuilder b;
  b.Start(static_cast<EventTypeId>(type_id_), static_cast<uint16_t>(fields_.size()));
  for (size_t slot = 0; slot < fields_.size(); ++slot) {
    const FieldValue& v = fields_[slot];
    if (v.is_null()) continue;
    switch (v.type()) {
      case FieldType::kBool: b.Set(static_cast<int>(slot), rt::Value::Bool(v.bool_value())); break;
      case FieldType::kInt: b.Set(static_cast<int>(slot), rt::Value::Int(v.int_value())); break;
      case FieldType::kFloat:
        b.Set(static_cast<int>(slot), rt::Value::Float(v.float_value()));
        break;
      case FieldType::kString: b.SetString(static_cast<int>(slot), v.string_value()); break;
      case FieldType::kTimestamp:
        b.Set(static_cast<int>(slot), rt::Value::Timestamp(v.timestamp_value()));
        break;
      case FieldType::kDuration:
        b.Set(static_cast<int>(slot), rt::Value::Duration(v.duration_value()));
        break;
    }
  }
  b.SetTime(time_);
  rt::EventStore store;
  rt::Event* e = b.Build(store);
  rt::DerivedEvent d;
  d.event = e;
  d.rule_name = rule_;
  d.timeout = timeout_;
  for (const MatchedEvents& m : matched_) d.bindings.push_back({m.variable, m.seqs});
  rt::AppendDerivedJson(d, rules_->schema(), &out);
  store.Release(e);
  return out;
}

}  // namespace cep
