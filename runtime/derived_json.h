// The JSON Lines form of a derived event, as `cep run` writes it:
//   {"type":"T","time":"<RFC 3339>","rule":"R",<fields in slot order>,
//    "timeout":true (only for `on timeout emit`),
//    "events":{"<var>":[<seq>,...],...}}
// `events` maps each variable that took events to their sequence numbers in
// processing order (1 = the first event processed). Deterministic: the same
// input gives byte-identical output. Tested by tests/golden/run/.
#ifndef CEP_RUNTIME_DERIVED_JSON_H_
#define CEP_RUNTIME_DERIVED_JSON_H_

#include <string>

#include "compiler/check/schema.h"
#include "runtime/engine.h"

namespace cep::rt {

void AppendDerivedJson(const DerivedEvent& d, const check::Schema& schema, std::string* out);

}  // namespace cep::rt

#endif  // CEP_RUNTIME_DERIVED_JSON_H_
