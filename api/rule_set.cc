// RuleSet (include/cep/rule_set.h): the compiled program behind a shared
// pointer, its schema described, and names resolved to handles.
// Tested by tests/unit/api_compile_test.cc and api_builder_test.cc.
#include "cep/rule_set.h"

#include <atomic>

#include "api/rule_set_impl.h"
#include "compiler/diag/suggest.h"
#include "compiler/util/strcat.h"

namespace cep {
namespace {

// Handles carry their rule set's id; 0 is no rule set.
std::atomic<uint32_t> next_rule_set_id{1};

}  // namespace

bool ToFieldType(TypeKind kind, FieldType* out) {
  switch (kind) {
    case TypeKind::kBool: *out = FieldType::kBool; return true;
    case TypeKind::kInt: *out = FieldType::kInt; return true;
    case TypeKind::kFloat: *out = FieldType::kFloat; return true;
    case TypeKind::kString: *out = FieldType::kString; return true;
    case TypeKind::kTimestamp: *out = FieldType::kTimestamp; return true;
    case TypeKind::kDuration: *out = FieldType::kDuration; return true;
    default: return false;
  }
}

std::string_view FieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::kBool: return "bool";
    case FieldType::kInt: return "int";
    case FieldType::kFloat: return "float";
    case FieldType::kString: return "string";
    case FieldType::kTimestamp: return "timestamp";
    case FieldType::kDuration: return "duration";
  }
  return "?";
}

std::shared_ptr<const RuleSet::Impl> MakeRuleSetImpl(std::shared_ptr<const Compilation> compilation,
                                                     Diagnostics diagnostics) {
  auto impl = std::make_shared<RuleSet::Impl>();
  impl->id = next_rule_set_id.fetch_add(1, std::memory_order_relaxed);
  impl->compilation = std::move(compilation);
  impl->diagnostics = std::move(diagnostics);
  const check::Schema& schema = impl->schema();
  size_t ntypes = schema.size();
  impl->is_input.assign(ntypes, false);
  impl->read_by_rules.assign(ntypes, false);
  impl->required_slots.resize(ntypes);
  for (const check::EventTypeInfo& t : schema.types()) {
    impl->is_input[t.id] = !t.derived;
    for (const check::FieldInfo& f : t.fields) {
      if (!f.builtin && !f.optional) {
        impl->required_slots[t.id].push_back(static_cast<uint16_t>(f.slot));
      }
    }
  }
  // Every rule's inputs, pattern and `from` rules alike: events of other
  // types are counted and skipped before they take a sequence number, as
  // `cep run` skips them.
  for (const check::CheckedRule& rule : impl->checked().rules) {
    for (EventTypeId t : rule.input_types) impl->read_by_rules[t] = true;
  }
  return impl;
}

absl::Status RuleSet::Impl::UnknownType(std::string_view name) const {
  std::vector<std::string_view> names;
  for (const check::EventTypeInfo& t : schema().types()) names.push_back(t.name);
  return absl::NotFoundError(StrCat("unknown event type '", name, "'", DidYouMean(name, names)));
}

RuleSet::RuleSet(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(const RuleSet&) = default;
RuleSet& RuleSet::operator=(const RuleSet&) = default;
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;

const Diagnostics& RuleSet::diagnostics() const { return impl_->diagnostics; }

std::vector<std::string> RuleSet::rule_names() const {
  std::vector<std::string> out;
  for (const check::CheckedRule& rule : impl_->checked().rules) {
    if (rule.rule != nullptr) out.push_back(rule.rule->name.text);
  }
  return out;
}

std::vector<EventTypeDescription> RuleSet::event_types() const {
  const check::CheckedProgram& checked = impl_->checked();
  std::vector<EventTypeDescription> out;
  for (const check::EventTypeInfo& t : checked.schema.types()) {
    EventTypeDescription d;
    d.name = t.name;
    d.is_input = impl_->is_input[t.id];
    d.read_by_rules = impl_->read_by_rules[t.id];
    for (const check::CheckedRule& rule : checked.rules) {
      if (rule.rule != nullptr && (rule.emit_type == t.id || rule.timeout_emit_type == t.id)) {
        d.emitted_by = rule.rule->name.text;
        break;
      }
    }
    for (const check::FieldInfo& f : t.fields) {
      if (f.builtin) continue;
      FieldDescription fd;
      fd.name = f.name;
      ToFieldType(f.type.kind, &fd.type);
      fd.optional = f.optional;
      d.fields.push_back(std::move(fd));
    }
    out.push_back(std::move(d));
  }
  return out;
}

absl::StatusOr<TypeHandle> RuleSet::ResolveType(std::string_view name) const {
  const check::EventTypeInfo* t = impl_->schema().Find(name);
  if (t == nullptr) return impl_->UnknownType(name);
  return HandleAccess::MakeType(impl_->id, t->id, static_cast<uint16_t>(t->fields.size()),
                                impl_->is_input[t->id]);
}

absl::StatusOr<FieldHandle> RuleSet::ResolveField(TypeHandle type, std::string_view field) const {
  if (!type.valid())
    return absl::InvalidArgumentError("the type handle resolves nothing (default-constructed)");
  if (HandleAccess::RuleSetOf(type) != impl_->id) {
    return absl::InvalidArgumentError("the type handle comes from another rule set");
  }
  const check::EventTypeInfo& t = impl_->schema().type(HandleAccess::TypeOf(type));
  const check::FieldInfo* f = t.FindField(field);
  if (f == nullptr) {
    return absl::NotFoundError(StrCat("event type '", t.name, "' has no field '", field, "'",
                                      DidYouMean(field, t.FieldNames())));
  }
  if (f->builtin) {
    return absl::InvalidArgumentError(StrCat("'", field,
                                             "' is the event time: EventBuilder::Start sets it and "
                                             "DerivedEvent::time() reads it"));
  }
  FieldType kind;
  if (!ToFieldType(f->type.kind, &kind)) {
    return absl::InternalError(StrCat("field '", field, "' of '", t.name, "' has no value type"));
  }
  return HandleAccess::MakeField(impl_->id, t.id, static_cast<uint16_t>(f->slot), kind,
                                 f->optional);
}

absl::StatusOr<FieldHandle> RuleSet::ResolveField(std::string_view type,
                                                  std::string_view field) const {
  absl::StatusOr<TypeHandle> t = ResolveType(type);
  if (!t.ok()) return t.status();
  return ResolveField(*t, field);
}

}  // namespace cep
