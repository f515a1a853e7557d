// Private to api/: the event type a JSON object names, for the error about
// an event of an unknown type (the reader only says that the type is
// unknown). Error path only: it parses the text again.
// Tested by tests/unit/api_engine_test.cc (unknown types).
#ifndef CEP_API_JSON_TYPE_NAME_H_
#define CEP_API_JSON_TYPE_NAME_H_

#include <string>
#include <string_view>

namespace cep {

// The string value of `type_field` in the JSON object `json`, or "" when
// there is none.
std::string JsonTypeName(std::string_view json, std::string_view type_field);

}  // namespace cep

#endif  // CEP_API_JSON_TYPE_NAME_H_
