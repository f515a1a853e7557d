// Derived events as CloudEvents JSON (see cloudevents_writer.h).
// Tested by tests/unit/output_writer_test.cc.
#include "runtime/output/cloudevents_writer.h"

#include "runtime/io/json_writer.h"
#include "runtime/io/time_parse.h"
#include "runtime/output/derived_event_id.h"

namespace cep::rt::out {

void AppendCloudEventJson(const DerivedEvent& derived, uint64_t id, const check::Schema& schema,
                          std::string* out) {
  const Event& e = *derived.event;
  const check::EventTypeInfo& type = schema.type(e.type);
  out->append("{\"specversion\":\"1.0\",\"id\":\"");
  AppendEventId(id, out);
  // Rule names are identifiers ([A-Za-z_][A-Za-z0-9_]*): nothing to escape.
  out->append("\",\"source\":\"cep://rule/");
  out->append(derived.rule_name.data(), derived.rule_name.size());
  out->append("\",\"type\":");
  io::AppendJsonString(type.name, out);
  out->append(",\"time\":\"");
  io::AppendRfc3339(e.time, out);
  out->append("\",\"datacontenttype\":\"application/json\"");
  if (derived.timeout) out->append(",\"ceptimeout\":true");
  out->append(",\"data\":{");
  bool first = true;
  for (const check::FieldInfo& f : type.fields) {
    if (f.builtin) continue;
    if (!first) out->push_back(',');
    first = false;
    io::AppendJsonString(f.name, out);
    out->push_back(':');
    io::AppendJsonValue(e.field(f.slot), out, &schema);
  }
  out->append("}}");
}

void CloudEventsWriter::Write(const DerivedEvent& derived) {
  if (derived.event->time != time_) {
    time_ = derived.event->time;
    ids_.clear();
  }
  const uint64_t hash = DerivedEventId(derived, schema_);
  const uint64_t id = DisambiguatedEventId(hash, ++ids_[hash]);
  line_.clear();
  AppendCloudEventJson(derived, id, schema_, &line_);
  line_.push_back('\n');
  out_->write(line_.data(), static_cast<std::streamsize>(line_.size()));
}

}  // namespace cep::rt::out
