// A derived event's identity for CloudEvents output: 64 bits of FNV-1a over
// what makes the event what it is — the rule's name, whether it is a
// timeout, the derived type's name, its time, each variable's name with the
// sequence numbers of the events it took, and the emitted field values —
// written as 16 hex digits.
//
// Deterministic: the same input (and options) always gives the same ids, on
// every machine (FNV-1a over bytes in a fixed order, integers little-endian).
// Two derived events share this hash only if they agree on all of that (or
// by a 64-bit collision); the CloudEvents writer makes even those distinct
// (see cloudevents_writer.h), so ids are unique within a run.
// Tested by tests/unit/output_writer_test.cc.
#ifndef CEP_RUNTIME_OUTPUT_DERIVED_EVENT_ID_H_
#define CEP_RUNTIME_OUTPUT_DERIVED_EVENT_ID_H_

#include <cstdint>
#include <string>

#include "compiler/check/schema.h"
#include "runtime/engine.h"

namespace cep::rt::out {

uint64_t DerivedEventId(const DerivedEvent& derived, const check::Schema& schema);

// The id of the `n`th (n >= 1) event with the same DerivedEventId `id` in a
// run: `id` itself for n == 1, else a hash of both.
uint64_t DisambiguatedEventId(uint64_t id, uint64_t n);

// Appends `id` as 16 lowercase hex digits.
void AppendEventId(uint64_t id, std::string* out);

}  // namespace cep::rt::out

#endif  // CEP_RUNTIME_OUTPUT_DERIVED_EVENT_ID_H_
