// CloudEventsWriter: derived events as CloudEvents 1.0 in structured JSON,
// one per line:
//
//   {"specversion":"1.0","id":"<16 hex digits>","source":"cep://rule/<rule>",
//    "type":"<derived type>","time":"<RFC 3339>",
//    "datacontenttype":"application/json","data":{<fields in slot order>}}
//
// `id` is deterministic (derived_event_id.h) and unique: derived events of
// one time that would hash alike (e.g. windowed results identical in every
// field) get the 2nd, 3rd, ... disambiguated id, in output order; `source`
// names the rule that
// derived the event; `time` is the derived event's time with the shortest
// exact fraction; `data` holds the emitted fields, written as in JSON Lines
// output (json_writer.h). A timeout's event (`on timeout emit`) carries the
// extension attribute "ceptimeout":true. The bindings' sequence numbers are
// only in JSON Lines output.
// Tested by tests/unit/output_writer_test.cc and tests/golden/run/.
#ifndef CEP_RUNTIME_OUTPUT_CLOUDEVENTS_WRITER_H_
#define CEP_RUNTIME_OUTPUT_CLOUDEVENTS_WRITER_H_

#include <cstdint>
#include <ostream>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "compiler/check/schema.h"
#include "runtime/output/derived_writer.h"

namespace cep::rt::out {

// Appends one CloudEvent (no newline) with the given id.
void AppendCloudEventJson(const DerivedEvent& derived, uint64_t id, const check::Schema& schema,
                          std::string* out);

class CloudEventsWriter : public DerivedWriter {
 public:
  CloudEventsWriter(const check::Schema& schema, std::ostream* out) : schema_(schema), out_(out) {}
  void Write(const DerivedEvent& derived) override;

 private:
  const check::Schema& schema_;
  std::ostream* out_;
  std::string line_;
  // The ids written at the current time, with how often each came.
  int64_t time_ = INT64_MIN;
  absl::flat_hash_map<uint64_t, uint64_t> ids_;
};

}  // namespace cep::rt::out

#endif  // CEP_RUNTIME_OUTPUT_CLOUDEVENTS_WRITER_H_
