// Private to api/: what a RuleSet holds (the compiler's output, kept alive
// by every copy, engine, builder and derived event made from it), and the
// one place that makes and reads the public handles. Users never see this
// header; the public ones only forward-declare RuleSet::Impl.
#ifndef CEP_API_RULE_SET_IMPL_H_
#define CEP_API_RULE_SET_IMPL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "cep/diagnostics.h"
#include "cep/rule_set.h"
#include "compiler/check/checked_program.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/driver/frontend.h"
#include "compiler/nfa/prog.h"
#include "compiler/source/source_manager.h"

namespace cep {

// Everything one compile produced. Immutable once compiled; shared by the
// Diagnostics and the RuleSet made from it.
struct Compilation {
  SourceManager sources;
  DiagnosticEngine diags;
  std::unique_ptr<driver::FrontendResult> result;  // null when loading failed

  explicit Compilation(uint32_t max_errors) : diags(max_errors) {}
};

struct RuleSet::Impl {
  uint32_t id = 0;  // unique per compile: handles carry it
  std::shared_ptr<const Compilation> compilation;
  Diagnostics diagnostics;  // warnings
  // Per EventTypeId.
  std::vector<bool> is_input;                         // declared with `event`
  std::vector<bool> read_by_rules;                    // some rule reads it
  std::vector<std::vector<uint16_t>> required_slots;  // non-optional declared fields

  const check::CheckedProgram& checked() const { return compilation->result->checked; }
  const check::Schema& schema() const { return checked().schema; }
  const nfa::Prog& prog() const { return compilation->result->nfa; }

  // "unknown event type 'Logn'; did you mean 'Login'?" (NotFound).
  absl::Status UnknownType(std::string_view name) const;
  // The name of event type `type`, for messages.
  const std::string& TypeName(uint32_t type) const { return schema().type(type).name; }
};

// Makes and reads handles (the handle classes' only friend).
struct HandleAccess {
  static TypeHandle MakeType(uint32_t rule_set, uint16_t type, uint16_t nfields, bool input) {
    TypeHandle h;
    h.rule_set_ = rule_set;
    h.type_ = type;
    h.nfields_ = nfields;
    h.input_ = input;
    return h;
  }
  static FieldHandle MakeField(uint32_t rule_set, uint16_t type, uint16_t slot, FieldType kind,
                               bool optional) {
    FieldHandle h;
    h.rule_set_ = rule_set;
    h.event_type_ = type;
    h.slot_ = slot;
    h.type_ = kind;
    h.optional_ = optional;
    return h;
  }
  static uint32_t RuleSetOf(const TypeHandle& h) { return h.rule_set_; }
  static uint16_t TypeOf(const TypeHandle& h) { return h.type_; }
  static uint16_t FieldCountOf(const TypeHandle& h) { return h.nfields_; }
  static uint32_t RuleSetOf(const FieldHandle& h) { return h.rule_set_; }
  static uint16_t TypeOf(const FieldHandle& h) { return h.event_type_; }
  static uint16_t SlotOf(const FieldHandle& h) { return h.slot_; }
};

// The RuleSet's private parts, for the engine and the builder.
struct RuleSetAccess {
  static RuleSet Make(std::shared_ptr<const RuleSet::Impl> impl) {
    return RuleSet(std::move(impl));
  }
  static const std::shared_ptr<const RuleSet::Impl>& Impl(const RuleSet& r) { return r.impl_; }
};

// Builds a RuleSet::Impl from a successful compile (result->compiled_ok).
std::shared_ptr<const RuleSet::Impl> MakeRuleSetImpl(std::shared_ptr<const Compilation> compilation,
                                                     Diagnostics diagnostics);

// The public type of a field of `kind`; false for kinds no field has.
bool ToFieldType(TypeKind kind, FieldType* out);

}  // namespace cep

#endif  // CEP_API_RULE_SET_IMPL_H_
