// Private to api/: fills a public DerivedEvent from the runtime's (which is
// valid only during the engine's output call).
#ifndef CEP_API_DERIVED_EVENT_IMPL_H_
#define CEP_API_DERIVED_EVENT_IMPL_H_

#include <memory>

#include "api/rule_set_impl.h"
#include "cep/derived_event.h"
#include "runtime/engine.h"

namespace cep {

struct DerivedAccess {
  // Overwrites *out, reusing its vectors' and strings' capacity (the engine
  // refills one object per callback, so steady state allocates little).
  static void Fill(const rt::DerivedEvent& d, const std::shared_ptr<const RuleSet::Impl>& rules,
                   DerivedEvent* out);
  static void SetValue(const rt::Value& v, FieldType declared, FieldValue* out);
};

}  // namespace cep

#endif  // CEP_API_DERIVED_EVENT_IMPL_H_
