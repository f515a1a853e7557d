// See derived_json.h.
#include "runtime/derived_json.h"

#include "runtime/io/json_writer.h"
#include "runtime/io/time_parse.h"

namespace cep::rt {

void AppendDerivedJson(const DerivedEvent& d, const check::Schema& schema, std::string* out) {
  const Event& e = *d.event;
  const check::EventTypeInfo& type = schema.type(e.type);
  out->append("{\"type\":");
  io::AppendJsonString(type.name, out);
  out->append(",\"time\":\"");
  io::AppendRfc3339(e.time, out);
  out->append("\",\"rule\":");
  io::AppendJsonString(d.rule_name, out);
  for (const check::FieldInfo& f : type.fields) {
    if (f.builtin) continue;
    out->push_back(',');
    io::AppendJsonString(f.name, out);
    out->push_back(':');
    io::AppendJsonValue(e.field(f.slot), out, &schema);
  }
  if (d.timeout) out->append(",\"timeout\":true");
  out->append(",\"events\":{");
  for (size_t b = 0; b < d.bindings.size(); ++b) {
    if (b > 0) out->push_back(',');
    io::AppendJsonString(d.bindings[b].var, out);
    out->append(":[");
    for (size_t i = 0; i < d.bindings[b].seqs.size(); ++i) {
      if (i > 0) out->push_back(',');
      out->append(std::to_string(d.bindings[b].seqs[i]));
    }
    out->push_back(']');
  }
  out->append("}}");
}

}  // namespace cep::rt
