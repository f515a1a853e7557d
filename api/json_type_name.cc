// See json_type_name.h.
#include "api/json_type_name.h"

#include <simdjson.h>

namespace cep {

std::string JsonTypeName(std::string_view json, std::string_view type_field) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(json.data(), json.size()).get(doc) != simdjson::SUCCESS) return "";
  simdjson::dom::object object;
  if (doc.get_object().get(object) != simdjson::SUCCESS) return "";
  std::string_view name;
  if (object.at_key(type_field).get_string().get(name) != simdjson::SUCCESS) return "";
  return std::string(name);
}

}  // namespace cep
