// JsonObjectReader: reads the members of one JSON object (simdjson
// On-Demand) into an event of a declared type — the part the JSON Lines
// reader (a line is the object) and the CloudEvents reader (`data` is the
// object) share. Internal to runtime/io: it exposes simdjson types, so only
// .cc files include it.
//
// For each member: a declared field of the type is converted by the rules of
// field_convert.h into its slot; a time field (the configured names, in
// rank order) is remembered, the lowest rank with a non-null value giving the
// time; the type field (if any) is skipped; anything else is ignored unread,
// or is an error in strict mode. A declared, type or time key given twice is
// an error. Required fields are checked separately (MissingRequired) so the
// caller can fill fields from elsewhere first (CloudEvents attributes).
//
// Also here: the On-Demand value -> JsonScalar read, and the messages for
// simdjson errors, both shared by the JSON readers.
// Tested by tests/unit/io_jsonl_test.cc and io_cloudevents_test.cc.
#ifndef CEP_RUNTIME_IO_JSON_OBJECT_READER_H_
#define CEP_RUNTIME_IO_JSON_OBJECT_READER_H_

#include <climits>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "absl/container/flat_hash_map.h"
#include "compiler/check/schema.h"
#include "runtime/event.h"
#include "runtime/io/json_scalar.h"
#include "runtime/io/time_parse.h"

namespace cep::rt::io {

// Reads one value (an ondemand::value, or a scalar document) into *out;
// objects and arrays are reported as such, left unread.
simdjson::error_code ReadJsonScalar(simdjson::ondemand::value& value, JsonScalar* out);
simdjson::error_code ReadJsonScalar(simdjson::ondemand::document& doc, JsonScalar* out);

// The message for simdjson error `e` met in `text` (the line or document):
// "malformed JSON: ...", "invalid UTF-8 at column N", ...
std::string JsonErrorMessage(simdjson::error_code e, std::string_view text);

// "missing time field 'time'" / "missing time field ('time' or 'ts')".
std::string MissingTimeMessage(const std::vector<std::string>& names);

// Text with trailing spaces, tabs, CRs and LFs removed.
std::string_view TrimTrailingSpace(std::string_view s);

struct JsonObjectOptions {
  std::string type_field;                // skipped as a member; empty: none
  std::vector<std::string> time_fields;  // in rank order (at most 64)
  EpochUnit epoch_unit = EpochUnit::kAuto;
  bool strict = false;                   // unknown members are errors
};

class JsonObjectReader {
 public:
  static constexpr size_t kMaxTimeFields = 64;  // ranks are bits of a uint64_t

  // `schema` must outlive the reader. Plans are built for declared types only.
  JsonObjectReader(const check::Schema& schema, JsonObjectOptions options);

  struct Result {
    bool ok = true;
    // When !ok: the member concerned (may be empty) and either a simdjson
    // error (json_error != SUCCESS; render with JsonErrorMessage) or a
    // complete message ("field 'x': expected int, got string").
    std::string_view field;
    simdjson::error_code json_error = simdjson::SUCCESS;
    std::string message;
    // When ok: the rank of the time field that gave the time (INT_MAX: no
    // time field with a non-null value), the time, or why it is unparsable.
    int time_rank = INT_MAX;
    int64_t time = 0;
    std::string time_error;
  };

  // Starts `builder` on `type` (which must be declared), with no field seen.
  void Begin(EventTypeId type, EventBuilder& builder);
  // Begin(), then reads the members of `object` into the builder. `field`
  // views stay valid until the next parse.
  Result Read(EventTypeId type, simdjson::ondemand::object& object, EventBuilder& builder);

  // After Read: whether `slot` was given; marks a slot the caller filled.
  bool seen(int slot) const { return seen_[static_cast<size_t>(slot)] != 0; }
  void MarkSeen(int slot) { seen_[static_cast<size_t>(slot)] = 1; }
  // After Read: the first required field of `type` not given, or nullptr.
  const check::FieldInfo* MissingRequired(EventTypeId type) const;

  const JsonObjectOptions& options() const { return options_; }

 private:
  struct KeyInfo {
    int32_t slot = -1;       // the declared field's slot (>= 1), or -1
    int32_t time_rank = -1;  // index in options.time_fields, or -1
    bool is_type = false;    // the type field
  };
  struct KeyEntry {
    std::string name;
    KeyInfo info;
    // The name is plain ASCII (no quote, backslash or control character),
    // so a key whose raw JSON bytes equal it is that name, unescaped.
    bool raw_comparable = false;
    uint32_t next = 0;  // the entry the last object had after this one (a guess)
  };
  // The keys a type's objects may have. Writers keep one key order, so the
  // entry after the last one matched is tried first, by comparing the raw
  // key bytes (no unescaping, no hashing); a miss falls back to the hash
  // table and remembers the order it found for the next object.
  struct KeyPlan {
    std::vector<KeyEntry> entries;
    absl::flat_hash_map<std::string, uint32_t> index;  // name -> entry
    uint32_t first = 0;  // the entry the last object started with
  };

  const check::Schema& schema_;
  JsonObjectOptions options_;
  std::vector<KeyPlan> plans_;  // by EventTypeId (empty for derived types)
  std::vector<uint8_t> seen_;   // per slot, for the current object
};

}  // namespace cep::rt::io

#endif  // CEP_RUNTIME_IO_JSON_OBJECT_READER_H_
