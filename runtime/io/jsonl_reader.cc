// JSON Lines -> events with simdjson On-Demand (see jsonl_reader.h).
//
// One line is walked once: the type field is found first
// (find_field_unordered: usually the first key), then, for a type that is
// read, the object is rewound and every key is looked up in the type's key
// table, which says whether it is a declared field (its slot), a time field
// (its rank among the time fields) and/or the type field. Only simdjson's
// error-code API is used: nothing here throws.
// Tested by tests/unit/io_jsonl_test.cc.
#include "runtime/io/jsonl_reader.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cstring>
#include <utility>

#include <simdjson.h>

#include "compiler/util/strcat.h"
#include "runtime/io/excerpt.h"
#include "runtime/io/field_convert.h"
#include "runtime/io/json_scalar.h"
#include "runtime/io/line_reader.h"
#include "runtime/io/utf8.h"

namespace cep::rt::io {

namespace ondemand = simdjson::ondemand;

struct JsonLinesReader::Parser {
  ondemand::parser parser;
};

struct JsonLinesReader::KeyInfo {
  int32_t slot = -1;       // the declared field's slot (>= 1), or -1
  int32_t time_rank = -1;  // index in options.time_fields, or -1
  bool is_type = false;    // the type field
};

struct JsonLinesReader::TypePlan {
  const check::EventTypeInfo* info = nullptr;
  bool input = false;  // declared with `event`: may come from input
  bool used = true;
  absl::flat_hash_map<std::string, KeyInfo> keys;
};

namespace {

constexpr size_t kMaxTimeFields = 64;  // time ranks are bits of a uint64_t
constexpr size_t kInitialParserCapacity = 64 * 1024;

absl::string_view AbslView(std::string_view s) { return absl::string_view(s.data(), s.size()); }

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

// JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool IsJsonNumber(std::string_view t) {
  size_t i = 0;
  const auto digit = [&](size_t k) { return k < t.size() && t[k] >= '0' && t[k] <= '9'; };
  if (i < t.size() && t[i] == '-') ++i;
  if (!digit(i)) return false;
  if (t[i] == '0') {
    ++i;
  } else {
    while (digit(i)) ++i;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  return i == t.size();
}

std::string_view TrimTrailingSpace(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' ||
                        s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string_view RawToken(ondemand::value& value) { return value.raw_json_token(); }
std::string_view RawToken(ondemand::document& doc) {
  std::string_view token;
  if (doc.raw_json_token().get(token)) return {};
  return token;
}

// Reads one value (an ondemand::value, or a scalar document) into *out;
// objects and arrays are left unread.
template <typename V>
simdjson::error_code ReadScalar(V& value, JsonScalar* out) {
  ondemand::json_type type;
  if (auto e = value.type().get(type)) return e;
  switch (type) {
    case ondemand::json_type::object:
      out->kind = JsonKind::kObject;
      return simdjson::SUCCESS;
    case ondemand::json_type::array:
      out->kind = JsonKind::kArray;
      return simdjson::SUCCESS;
    case ondemand::json_type::string:
      out->kind = JsonKind::kString;
      return value.get_string().get(out->text);
    case ondemand::json_type::boolean:
      out->kind = JsonKind::kBool;
      if (auto e = value.get_bool().get(out->b)) {
        return e == simdjson::INCORRECT_TYPE ? simdjson::T_ATOM_ERROR : e;  // "tru"
      }
      return simdjson::SUCCESS;
    case ondemand::json_type::null: {
      bool is_null = false;
      if (auto e = value.is_null().get(is_null)) return e;
      if (!is_null) return simdjson::N_ATOM_ERROR;
      out->kind = JsonKind::kNull;
      return simdjson::SUCCESS;
    }
    case ondemand::json_type::number: {
      out->text = TrimTrailingSpace(RawToken(value));
      ondemand::number number;
      if (auto e = value.get_number().get(number)) {
        // simdjson rejects integers beyond 64 bits and doubles beyond the
        // range: keep them as text if they are well-formed.
        if (e == simdjson::NUMBER_ERROR && IsJsonNumber(out->text)) {
          out->kind = JsonKind::kBigNumber;
          return simdjson::SUCCESS;
        }
        return e;
      }
      switch (number.get_number_type()) {
        case ondemand::number_type::signed_integer:
          out->kind = JsonKind::kInt;
          out->i = number.get_int64();
          break;
        case ondemand::number_type::unsigned_integer:
          out->kind = JsonKind::kUint;
          out->u = number.get_uint64();
          break;
        default: {
          // Not number.get_double(): simdjson 3.0.1 returns 0 there for
          // floats with more than 19 significant digits (simdjson issue
          // 2099). from_chars is exact (correctly rounded).
          out->kind = JsonKind::kFloat;
          const char* end = out->text.data() + out->text.size();
          auto [ptr, ec] = std::from_chars(out->text.data(), end, out->f);
          if (ec != std::errc() || ptr != end) out->kind = JsonKind::kBigNumber;
          break;
        }
      }
      return simdjson::SUCCESS;
    }
  }
  return simdjson::INCORRECT_TYPE;
}

// The message for a simdjson error on `line`.
std::string JsonErrorMessage(simdjson::error_code e, std::string_view line) {
  if (e == simdjson::UTF8_ERROR) {
    size_t at = FirstInvalidUtf8(line);
    if (at < line.size()) return StrCat("invalid UTF-8 at column ", at + 1);
    return "invalid UTF-8";
  }
  if (const void* nul = std::memchr(line.data(), '\0', line.size())) {
    return StrCat("malformed JSON: NUL byte at column ",
                  static_cast<const char*>(nul) - line.data() + 1);
  }
  switch (e) {
    case simdjson::UNESCAPED_CHARS:
      return "malformed JSON: unescaped control character in a string";
    case simdjson::UNCLOSED_STRING:
      return "malformed JSON: unclosed string";
    case simdjson::STRING_ERROR:
      return "malformed JSON: invalid escape in a string";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
      return "malformed JSON: invalid literal (expected true, false or null)";
    case simdjson::NUMBER_ERROR:
      return "malformed JSON: invalid number";
    case simdjson::DEPTH_ERROR:
      return "malformed JSON: nested deeper than 1024 levels";
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT: {
      std::string_view t = TrimTrailingSpace(line);
      if (t.empty() || t.back() != '}') {
        return "malformed JSON: the line does not end with '}' (truncated, or text after the "
               "object)";
      }
      return "malformed JSON: unbalanced braces or brackets";
    }
    case simdjson::TRAILING_CONTENT:
      return "malformed JSON: text after the object";
    case simdjson::CAPACITY:
      return "line too long for the JSON parser";
    case simdjson::MEMALLOC:
      return "out of memory parsing the line";
    case simdjson::TAPE_ERROR:
    case simdjson::INCORRECT_TYPE:
      return "malformed JSON: bad structure (a missing or extra comma, colon, quote, brace or "
             "bracket)";
    default:
      return StrCat("malformed JSON: ", simdjson::error_message(e));
  }
}

std::string MissingTimeMessage(const std::vector<std::string>& names) {
  if (names.size() == 1) return StrCat("missing time field '", names[0], "'");
  std::string list;
  for (size_t k = 0; k < names.size(); ++k) {
    if (k > 0) list += k + 1 == names.size() ? " or " : ", ";
    list += StrCat("'", names[k], "'");
  }
  return StrCat("missing time field (", list, ")");
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
  ParseResult ReadFields(const TypePlan& plan, ondemand::object& object);

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
  ondemand::parser& parser = r_.parser_->parser;
  if (line_.size() > parser.capacity()) {
    // Grow geometrically rather than to each new longest line.
    if (auto e = parser.allocate(std::max(line_.size(), 2 * parser.capacity()))) {
      return JsonError(e);
    }
  }
  ondemand::document doc;
  if (auto e = parser.iterate(line_.data(), line_.size(), line_.size() + kLinePadding).get(doc)) {
    return JsonError(e);
  }
  ondemand::json_type doc_type;
  if (auto e = doc.type().get(doc_type)) return JsonError(e);
  if (doc_type != ondemand::json_type::object) {
    JsonScalar shown;
    if (auto e = ReadScalar(doc, &shown)) return JsonError(e);
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
  if (auto e = ReadScalar(type_value, &type_json)) return JsonError(e, type_field);
  if (type_json.kind != JsonKind::kString) {
    return FieldError(type_field, StrCat("expected a string naming an event type, got ",
                                         JsonKindName(type_json)));
  }
  auto found = r_.input_types_.find(AbslView(type_json.text));
  if (found == r_.input_types_.end()) {
    r_.CountUnknown(type_json.text);
    ParseResult result;
    result.outcome = LineOutcome::kUnknownType;
    return result;
  }
  const EventTypeId id = found->second;
  const TypePlan& plan = r_.plans_[id];
  if (!plan.used) {
    ++r_.stats_.unused_type;
    ++r_.unused_by_type_[id];
    ParseResult result;
    result.outcome = LineOutcome::kUnusedType;
    result.type = id;
    return result;
  }

  // The fields.
  if (auto e = object.reset().error()) return JsonError(e);
  ParseResult result = ReadFields(plan, object);
  if (result.outcome == LineOutcome::kBad) return result;
  // Anything but the end of the input after the object?
  if (doc.current_location().error() == simdjson::SUCCESS) {
    return Bad({}, JsonErrorMessage(simdjson::TRAILING_CONTENT, line_));
  }
  ++r_.stats_.events;
  result.outcome = LineOutcome::kEvent;
  result.type = id;
  return result;
}

ParseResult JsonLinesReader::LineParse::ReadFields(const TypePlan& plan,
                                                   ondemand::object& object) {
  const check::EventTypeInfo& info = *plan.info;
  const JsonLinesOptions& options = r_.options_;
  const uint16_t nfields = static_cast<uint16_t>(info.fields.size());
  builder_.Start(info.id, nfields);
  uint8_t* seen = r_.seen_.data();
  std::memset(seen, 0, nfields);
  uint64_t times_seen = 0;
  int type_count = 0;
  int best_rank = INT_MAX;  // the time field the time comes from
  int64_t best_time = 0;
  std::string time_error;  // set if that field's value is bad

  for (auto field_result : object) {
    ondemand::field field;
    if (auto e = std::move(field_result).get(field)) return JsonError(e);
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return JsonError(e);
    auto it = plan.keys.find(AbslView(key));
    if (it == plan.keys.end()) {
      if (options.strict) {
        return Bad(key, StrCat("unknown field '", Excerpt(key), "' for type '", info.name, "'"));
      }
      continue;  // the value is skipped unread
    }
    const KeyInfo& k = it->second;
    if (k.is_type && ++type_count > 1) {
      return Bad(key, StrCat("duplicate field '", Excerpt(key), "'"));
    }
    if (k.time_rank < 0 && k.slot < 0) continue;  // just the type field

    JsonScalar json;
    if (auto e = ReadScalar(field.value(), &json)) return JsonError(e, key);

    if (k.time_rank >= 0) {
      const uint64_t bit = uint64_t{1} << k.time_rank;
      if (times_seen & bit) return Bad(key, StrCat("duplicate field '", Excerpt(key), "'"));
      times_seen |= bit;
      // null counts as absent: the next time field may give the time.
      if (json.kind != JsonKind::kNull && k.time_rank < best_rank) {
        best_rank = k.time_rank;
        absl::StatusOr<int64_t> ns = ConvertTime(json, options.epoch_unit);
        if (ns.ok()) {
          best_time = *ns;
          time_error.clear();
        } else {
          time_error = std::string(ns.status().message());
        }
      }
    }
    if (k.slot > 0) {
      if (seen[k.slot]) return Bad(key, StrCat("duplicate field '", Excerpt(key), "'"));
      seen[k.slot] = 1;
      const check::FieldInfo& f = info.fields[k.slot];
      Value value;
      std::string error;
      if (!ConvertField(json, f.type.kind, f.optional, options.epoch_unit, &value, &error)) {
        return FieldError(key, error);
      }
      if (value.tag == Tag::kString) {
        builder_.SetString(k.slot, value.str());
      } else {
        builder_.Set(k.slot, value);
      }
    }
  }

  const std::vector<std::string>& time_fields = options.time_fields;
  if (best_rank == INT_MAX) return Bad(time_fields[0], MissingTimeMessage(time_fields));
  if (!time_error.empty()) {
    const std::string& name = time_fields[best_rank];
    return Bad(name, StrCat("time field '", name, "': ", time_error));
  }
  builder_.SetTime(best_time);
  for (uint16_t slot = 1; slot < nfields; ++slot) {
    const check::FieldInfo& f = info.fields[slot];
    if (!seen[slot] && !f.optional) {
      return Bad(f.name, StrCat("missing required field '", f.name, "'"));
    }
  }
  return ParseResult();
}

JsonLinesReader::JsonLinesReader(const check::Schema& schema, JsonLinesOptions options)
    : schema_(schema), options_(std::move(options)), parser_(std::make_unique<Parser>()) {
  if (options_.time_fields.empty()) options_.time_fields.push_back("time");
  if (options_.time_fields.size() > kMaxTimeFields) options_.time_fields.resize(kMaxTimeFields);
  // Best effort: iterate() allocates on demand if this fails.
  simdjson::error_code preallocated = parser_->parser.allocate(kInitialParserCapacity);
  (void)preallocated;

  size_t max_fields = 1;
  plans_.resize(schema_.size());
  unused_by_type_.assign(schema_.size(), 0);
  for (const check::EventTypeInfo& info : schema_.types()) {
    TypePlan& plan = plans_[info.id];
    plan.info = &info;
    plan.input = !info.derived;
    plan.used = info.id >= options_.used_types.size() || options_.used_types[info.id];
    if (!plan.input) continue;
    input_types_.emplace(info.name, info.id);
    max_fields = std::max(max_fields, info.fields.size());
    plan.keys[options_.type_field].is_type = true;
    for (size_t rank = 0; rank < options_.time_fields.size(); ++rank) {
      KeyInfo& k = plan.keys[options_.time_fields[rank]];
      if (k.time_rank < 0) k.time_rank = static_cast<int32_t>(rank);
    }
    for (const check::FieldInfo& f : info.fields) {
      if (f.builtin) continue;  // the time comes from the time fields
      plan.keys[f.name].slot = f.slot;
    }
  }
  seen_.assign(max_fields, 0);
}

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

void JsonLinesReader::CountUnknown(std::string_view name) {
  ++stats_.unknown_type;
  auto it = unknown_index_.find(AbslView(name));
  if (it != unknown_index_.end()) {
    ++unknown_types_[it->second].second;
  } else if (unknown_types_.size() < kMaxUnknownNames) {
    unknown_index_.emplace(std::string(name), unknown_types_.size());
    unknown_types_.emplace_back(std::string(name), 1);
  }
}

std::string FormatLineError(std::string_view path, const LineError& error) {
  return StrCat(path, ":", error.line, ": ", error.message);
}

}  // namespace cep::rt::io
