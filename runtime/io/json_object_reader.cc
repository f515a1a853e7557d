// Reading a JSON object's members into an event (see json_object_reader.h).
// Only simdjson's error-code API is used: nothing here throws.
// Tested by tests/unit/io_jsonl_test.cc and io_cloudevents_test.cc.
#include "runtime/io/json_object_reader.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <utility>

#include "compiler/util/strcat.h"
#include "runtime/io/excerpt.h"
#include "runtime/io/field_convert.h"
#include "runtime/io/number_text.h"
#include "runtime/io/utf8.h"

namespace cep::rt::io {

namespace ondemand = simdjson::ondemand;

namespace {

absl::string_view AbslView(std::string_view s) { return absl::string_view(s.data(), s.size()); }

// Whether the raw (still escaped) key at `raw` is exactly `name`: its bytes,
// then the closing quote. `name` holds no quote or backslash, so a key with
// an escape never compares equal (it goes the unescaping way). Reads at most
// name.size() + 1 bytes, all inside the key or the input's padding. A loop,
// not memcmp: names are short, and the call costs more than the compare.
bool RawKeyIs(const char* raw, const std::string& name) {
  const size_t n = name.size();
  for (size_t i = 0; i < n; ++i) {
    if (raw[i] != name[i]) return false;
  }
  return raw[n] == '"';
}

std::string_view RawToken(ondemand::value& value) { return value.raw_json_token(); }
std::string_view RawToken(ondemand::document& doc) {
  std::string_view token;
  if (doc.raw_json_token().get(token)) return {};
  return token;
}

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

}  // namespace

simdjson::error_code ReadJsonScalar(ondemand::value& value, JsonScalar* out) {
  return ReadScalar(value, out);
}
simdjson::error_code ReadJsonScalar(ondemand::document& doc, JsonScalar* out) {
  return ReadScalar(doc, out);
}

std::string_view TrimTrailingSpace(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' ||
                        s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string JsonErrorMessage(simdjson::error_code e, std::string_view text) {
  if (e == simdjson::UTF8_ERROR) {
    size_t at = FirstInvalidUtf8(text);
    if (at < text.size()) return StrCat("invalid UTF-8 at column ", at + 1);
    return "invalid UTF-8";
  }
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    return StrCat("malformed JSON: NUL byte at column ",
                  static_cast<const char*>(nul) - text.data() + 1);
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
      std::string_view t = TrimTrailingSpace(text);
      if (t.empty() || (t.back() != '}' && t.back() != ']')) {
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

JsonObjectReader::JsonObjectReader(const check::Schema& schema, JsonObjectOptions options)
    : schema_(schema), options_(std::move(options)) {
  if (options_.time_fields.size() > kMaxTimeFields) options_.time_fields.resize(kMaxTimeFields);
  size_t max_fields = 1;
  plans_.resize(schema_.size());
  for (const check::EventTypeInfo& info : schema_.types()) {
    if (info.derived) continue;
    KeyPlan& plan = plans_[info.id];
    max_fields = std::max(max_fields, info.fields.size());
    // The first guess at a line's order: type, time, the declared fields.
    const auto entry = [&plan](const std::string& name) -> KeyInfo& {
      auto [it, fresh] = plan.index.try_emplace(name, static_cast<uint32_t>(plan.entries.size()));
      if (fresh) {
        KeyEntry e;
        e.name = name;
        e.raw_comparable = std::all_of(name.begin(), name.end(), [](char c) {
          return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
        });
        plan.entries.push_back(std::move(e));
      }
      return plan.entries[it->second].info;
    };
    if (!options_.type_field.empty()) entry(options_.type_field).is_type = true;
    for (size_t rank = 0; rank < options_.time_fields.size(); ++rank) {
      KeyInfo& k = entry(options_.time_fields[rank]);
      if (k.time_rank < 0) k.time_rank = static_cast<int32_t>(rank);
    }
    for (const check::FieldInfo& f : info.fields) {
      if (f.builtin) continue;  // the time comes from the time fields
      entry(f.name).slot = f.slot;
    }
    for (size_t k = 0; k < plan.entries.size(); ++k) {
      plan.entries[k].next = static_cast<uint32_t>(k + 1);
    }
  }
  seen_.assign(max_fields, 0);
}

void JsonObjectReader::Begin(EventTypeId type, EventBuilder& builder) {
  const uint16_t nfields = static_cast<uint16_t>(schema_.type(type).fields.size());
  builder.Start(type, nfields);
  std::memset(seen_.data(), 0, nfields);
}

JsonObjectReader::Result JsonObjectReader::Read(EventTypeId type, ondemand::object& object,
                                                EventBuilder& builder) {
  const check::EventTypeInfo& info = schema_.type(type);
  KeyPlan& plan = plans_[type];
  const uint32_t nentries = static_cast<uint32_t>(plan.entries.size());
  Begin(type, builder);
  uint8_t* seen = seen_.data();
  uint64_t times_seen = 0;
  int type_count = 0;
  Result result;
  const auto bad = [&result](std::string_view key, std::string message) -> Result& {
    result.ok = false;
    result.field = key;
    result.message = std::move(message);
    return result;
  };
  const auto json_error = [&result](std::string_view key, simdjson::error_code e) -> Result& {
    result.ok = false;
    result.field = key;
    result.json_error = e;
    return result;
  };

  uint32_t guess = plan.first;  // the entry expected next
  uint32_t last = UINT32_MAX;   // the entry matched last
  for (auto field_result : object) {
    ondemand::field field;
    if (auto e = std::move(field_result).get(field)) return json_error({}, e);
    std::string_view key;
    uint32_t found;
    if (guess < nentries && plan.entries[guess].raw_comparable &&
        RawKeyIs(field.key().raw(), plan.entries[guess].name)) {
      found = guess;
      key = plan.entries[found].name;
    } else {
      if (auto e = field.unescaped_key().get(key)) return json_error({}, e);
      auto it = plan.index.find(AbslView(key));
      if (it == plan.index.end()) {
        if (options_.strict) {
          return bad(key, StrCat("unknown field '", Excerpt(key), "' for type '", info.name, "'"));
        }
        continue;  // the value is skipped unread
      }
      found = it->second;
      // Remember the writer's order for the next object.
      if (last == UINT32_MAX) {
        plan.first = found;
      } else {
        plan.entries[last].next = found;
      }
    }
    last = found;
    guess = plan.entries[found].next;
    const KeyInfo& k = plan.entries[found].info;
    if (k.is_type && ++type_count > 1) {
      return bad(key, StrCat("duplicate field '", Excerpt(key), "'"));
    }
    if (k.time_rank < 0 && k.slot < 0) continue;  // just the type field

    JsonScalar json;
    if (auto e = ReadScalar(field.value(), &json)) return json_error(key, e);

    if (k.time_rank >= 0) {
      const uint64_t bit = uint64_t{1} << k.time_rank;
      if (times_seen & bit) return bad(key, StrCat("duplicate field '", Excerpt(key), "'"));
      times_seen |= bit;
      // null counts as absent: the next time field may give the time.
      if (json.kind != JsonKind::kNull && k.time_rank < result.time_rank) {
        result.time_rank = k.time_rank;
        absl::StatusOr<int64_t> ns = ConvertTime(json, options_.epoch_unit);
        if (ns.ok()) {
          result.time = *ns;
          result.time_error.clear();
        } else {
          result.time_error = std::string(ns.status().message());
        }
      }
    }
    if (k.slot > 0) {
      if (seen[k.slot]) return bad(key, StrCat("duplicate field '", Excerpt(key), "'"));
      seen[k.slot] = 1;
      const check::FieldInfo& f = info.fields[k.slot];
      Value value;
      std::string error;
      if (!ConvertField(json, f.type.kind, f.optional, options_.epoch_unit, &value, &error)) {
        return bad(key, StrCat("field '", Excerpt(key), "': ", error));
      }
      if (value.tag == Tag::kString) {
        builder.SetString(k.slot, value.str());
      } else {
        builder.Set(k.slot, value);
      }
    }
  }
  return result;
}

const check::FieldInfo* JsonObjectReader::MissingRequired(EventTypeId type) const {
  const check::EventTypeInfo& info = schema_.type(type);
  for (size_t slot = 1; slot < info.fields.size(); ++slot) {
    if (!seen_[slot] && !info.fields[slot].optional) return &info.fields[slot];
  }
  return nullptr;
}

}  // namespace cep::rt::io
