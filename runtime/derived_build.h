// Builds a derived event from an `emit` clause: evaluates each field's
// program in `env` and copies the values into a new event of the store.
// Shared by pattern rules (engine.cc) and `from` rules (window_matcher.cc).
#ifndef CEP_RUNTIME_DERIVED_BUILD_H_
#define CEP_RUNTIME_DERIVED_BUILD_H_

#include <vector>

#include "compiler/check/schema.h"
#include "compiler/ir/window_ir.h"
#include "runtime/event.h"
#include "runtime/expr_eval.h"

namespace cep::rt {

// The new event holds one reference (the caller's) and has `source` set to
// the rule's program index. A field whose value is a whole event (first(v)
// without `.f`) is null: events are not field values.
inline Event* BuildDerived(const ir::EmitIR& spec, const std::vector<LoadedProgram>& values,
                           const check::Schema& schema, const EvalEnv& env, int64_t time,
                           uint32_t source, EventBuilder& builder, EventStore& store) {
  const check::EventTypeInfo& type = schema.type(spec.type);
  builder.Start(spec.type, static_cast<uint16_t>(type.fields.size()));
  builder.SetTime(time);
  for (size_t f = 0; f < spec.slots.size(); ++f) {
    Value v = values[f].Eval(env);
    if (v.tag == Tag::kString) {
      builder.SetString(spec.slots[f], v.str());
    } else if (v.tag == Tag::kEvent) {
      builder.SetNull(spec.slots[f]);
    } else {
      builder.Set(spec.slots[f], v);
    }
  }
  Event* derived = builder.Build(store);
  derived->source = source;
  return derived;
}

}  // namespace cep::rt

#endif  // CEP_RUNTIME_DERIVED_BUILD_H_
