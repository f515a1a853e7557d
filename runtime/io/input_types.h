// InputTypes: the event types input records may name, looked up by name once
// per record. A name is either unknown (no `event` declaration: undeclared,
// or a type that only rules emit), declared but unused (no rule reads it, so
// the record is skipped without reading its fields), or used.
// Shared by every reader (JSON Lines, CSV, CloudEvents).
// Tested by tests/unit/io_jsonl_test.cc, io_csv_test.cc and io_cloudevents_test.cc.
#ifndef CEP_RUNTIME_IO_INPUT_TYPES_H_
#define CEP_RUNTIME_IO_INPUT_TYPES_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "compiler/ast/types.h"
#include "compiler/check/schema.h"

namespace cep::rt::io {

enum class TypeUse : uint8_t { kUnknown, kUnused, kUsed };

struct TypeLookup {
  TypeUse use = TypeUse::kUnknown;
  EventTypeId id = kNoEventType;  // kUnused and kUsed
};

class InputTypes {
 public:
  // used_types[id]: some rule reads type `id`. Empty: every type is used; ids
  // past the end count as used.
  InputTypes(const check::Schema& schema, const std::vector<bool>& used_types);

  TypeLookup Find(std::string_view name) const {
    auto it = by_name_.find(absl::string_view(name.data(), name.size()));
    if (it == by_name_.end()) return {};
    return it->second;
  }

 private:
  absl::flat_hash_map<std::string, TypeLookup> by_name_;
};

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_INPUT_TYPES_H_
