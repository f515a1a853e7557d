// The input event types by name (see input_types.h).
// Tested by tests/unit/io_jsonl_test.cc.
#include "runtime/io/input_types.h"

namespace cep::rt::io {

InputTypes::InputTypes(const check::Schema& schema, const std::vector<bool>& used_types) {
  for (const check::EventTypeInfo& info : schema.types()) {
    if (info.derived) continue;  // only rules make these
    const bool used = info.id >= used_types.size() || used_types[info.id];
    by_name_.emplace(info.name, TypeLookup{used ? TypeUse::kUsed : TypeUse::kUnused, info.id});
  }
}

}  // namespace cep::rt::io
