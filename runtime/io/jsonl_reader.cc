// JSON Lines -> events with simdjson On-Demand (see jsonl_reader.h).
//
// One line is walked once: the type field is found first
// (find_field_unordered: usually the first key), then, for a type that is
// read, the object is rewound and every key is looked up in the type's key
// table (json_object_reader.h), which says whether it is a declared field
// (its slot), a time field (its rank among the time fields) and/or the type
// field. Only simdjson's error-code API is used: nothing here throws.
// Tested by tests/unit/io_jsonl_test.cc.
#include "runtime/io/jsonl_reader.h"

#include <climits>
#include <cstring>
#include <utility>

#include <simdjson.h>

#include "compiler/util/strcat.h"
#include "runtime/io/excerpt.h"
#include "runtime/io/json_object_reader.h"
#include "runtime/io/json_parser.h"
#include "runtime/io/json_scalar.h"
#include "runtime/io/line_reader.h"

namespace cep::rt::io {

namespace ondemand = simdjson::ondemand;

struct JsonLinesReader::Parser {
  Parser(const check::Schema& schema, JsonObjectOptions options)
      : objects(schema, std::move(options)) {}
  JsonParser parser;
  JsonObjectReader objects;
};

namespace {

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

}  // namespace

// The parse of one line: the state of the walk and the way out of it.
class JsonLinesReader::LineParse {
 public:
  LineParse(JsonLinesReader& reader, std::string_view line, uint64_t line_no,
            EventBuilder& builder)
      : r_(reader), line_(line), line_no_(line_no), builder_(builder) {}

  ParseResult Run();

 private:
  ParseResult Bad(std::string_view field, std::string message) {
    ParseResult result;
    result.outcome = LineOutcome::kBad;
    result.error.line = line_no_;
    result.error.field = std::string(field);
    result.error.message = std::move(message);
    ++r_.stats_.bad;
    return result;
  }
  ParseResult JsonError(simdjson::error_code e, std::string_view field = {}) {
    std::string message = JsonErrorMessage(e, line_);
    if (!field.empty() && e != simdjson::UTF8_ERROR) {
      message = StrCat("field '", Excerpt(field), "': ", message);
    }
    return Bad(field, std::move(message));
  }
  ParseResult FieldError(std::string_view field, std::string_view message) {
    return Bad(field, StrCat("field '", Excerpt(field), "': ", message));
  }
  ParseResult ReadFields(EventTypeId type, ondemand::object& object);

  JsonLinesReader& r_;
  std::string_view line_;
  uint64_t line_no_;
  EventBuilder& builder_;
};

ParseResult JsonLinesReader::LineParse::Run() {
  if (IsBlank(line_)) {
    ++r_.stats_.blank;
    return ParseResult();
  }
  ondemand::document doc;
  if (auto e = r_.parser_->parser.Iterate(line_).get(doc)) return JsonError(e);
  ondemand::json_type doc_type;
  if (auto e = doc.type().get(doc_type)) return JsonError(e);
  if (doc_type != ondemand::json_type::object) {
    JsonScalar shown;
    if (auto e = ReadJsonScalar(doc, &shown)) return JsonError(e);
    return Bad({}, StrCat("expected a JSON object, got ", JsonKindName(shown)));
  }
  ondemand::object object;
  if (auto e = doc.get_object().get(object)) return JsonError(e);

  // The type.
  const std::string& type_field = r_.options_.type_field;
  ondemand::value type_value;
  if (auto e = object.find_field_unordered(type_field).get(type_value)) {
    if (e == simdjson::NO_SUCH_FIELD) {
      return Bad(type_field, StrCat("missing type field '", type_field, "'"));
    }
    return JsonError(e);  // a structural error met while looking for it
  }
  JsonScalar type_json;
  if (auto e = ReadJsonScalar(type_value, &type_json)) return JsonError(e, type_field);
  if (type_json.kind != JsonKind::kString) {
    return FieldError(type_field, StrCat("expected a string naming an event type, got ",
                                         JsonKindName(type_json)));
  }
  const TypeLookup found = r_.types_.Find(type_json.text);
  if (found.use == TypeUse::kUnknown) {
    r_.stats_.CountUnknown(type_json.text);
    ParseResult result;
    result.outcome = LineOutcome::kUnknownType;
    return result;
  }
  const EventTypeId id = found.id;
  if (found.use == TypeUse::kUnused) {
    r_.stats_.CountUnused(id);
    ParseResult result;
    result.outcome = LineOutcome::kUnusedType;
    result.type = id;
    return result;
  }

  // The fields.
  if (auto e = object.reset().error()) return JsonError(e);
  ParseResult result = ReadFields(id, object);
  if (result.outcome == LineOutcome::kBad) return result;
  // Anything but the end of the input after the object?
  if (doc.current_location().error() == simdjson::SUCCESS) {
    return Bad({}, JsonErrorMessage(simdjson::TRAILING_CONTENT, line_));
  }
  r_.stats_.CountEvent(id);
  result.outcome = LineOutcome::kEvent;
  result.type = id;
  return result;
}

ParseResult JsonLinesReader::LineParse::ReadFields(EventTypeId type, ondemand::object& object) {
  JsonObjectReader& objects = r_.parser_->objects;
  JsonObjectReader::Result read = objects.Read(type, object, builder_);
  if (!read.ok) {
    if (read.json_error != simdjson::SUCCESS) return JsonError(read.json_error, read.field);
    return Bad(read.field, std::move(read.message));
  }
  const std::vector<std::string>& time_fields = objects.options().time_fields;
  if (read.time_rank == INT_MAX) return Bad(time_fields[0], MissingTimeMessage(time_fields));
  if (!read.time_error.empty()) {
    const std::string& name = time_fields[read.time_rank];
    return Bad(name, StrCat("time field '", name, "': ", read.time_error));
  }
  builder_.SetTime(read.time);
  if (const check::FieldInfo* missing = objects.MissingRequired(type)) {
    return Bad(missing->name, StrCat("missing required field '", missing->name, "'"));
  }
  return ParseResult();
}

namespace {

JsonObjectOptions ObjectOptions(const JsonLinesOptions& options) {
  JsonObjectOptions out;
  out.type_field = options.type_field;
  out.time_fields = options.time_fields;
  if (out.time_fields.empty()) out.time_fields.push_back("time");
  out.epoch_unit = options.epoch_unit;
  out.strict = options.strict;
  return out;
}

}  // namespace

JsonLinesReader::JsonLinesReader(const check::Schema& schema, JsonLinesOptions options)
    : options_(std::move(options)),
      types_(schema, options_.used_types),
      parser_(std::make_unique<Parser>(schema, ObjectOptions(options_))),
      stats_(schema.size()) {}

JsonLinesReader::~JsonLinesReader() = default;

ParseResult JsonLinesReader::ParsePaddedLine(std::string_view line, uint64_t line_no,
                                             EventBuilder& builder) {
  return LineParse(*this, line, line_no, builder).Run();
}

ParseResult JsonLinesReader::ParseLine(std::string_view line, uint64_t line_no,
                                       EventBuilder& builder) {
  if (copy_.size() < line.size() + kLinePadding) copy_.resize(line.size() + kLinePadding);
  if (!line.empty()) std::memcpy(copy_.data(), line.data(), line.size());
  std::memset(copy_.data() + line.size(), 0, kLinePadding);
  return ParsePaddedLine(std::string_view(copy_.data(), line.size()), line_no, builder);
}

}  // namespace cep::rt::io
