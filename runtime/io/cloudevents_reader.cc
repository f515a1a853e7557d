// CloudEvents 1.0 structured JSON -> events (see cloudevents_reader.h).
//
// Each CloudEvent object is walked twice with simdjson On-Demand: first its
// attributes (data is skipped unread), so the type is known — and an unused
// type skipped — before `data` is read with the type's key table
// (json_object_reader.h) on the second pass. Only simdjson's error-code API
// is used: nothing here throws.
// Tested by tests/unit/io_cloudevents_test.cc.
#include "runtime/io/cloudevents_reader.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cstring>
#include <utility>

#include <simdjson.h>

#include "compiler/util/strcat.h"
#include "runtime/io/excerpt.h"
#include "runtime/io/field_convert.h"
#include "runtime/io/json_object_reader.h"
#include "runtime/io/json_parser.h"
#include "runtime/io/json_scalar.h"
#include "runtime/io/line_reader.h"

namespace cep::rt::io {

namespace ondemand = simdjson::ondemand;

namespace {

// The context attributes read, as indexes into Attributes::values.
enum Attr : uint8_t {
  kSpecVersion,
  kType,
  kId,
  kSource,
  kSubject,
  kTime,
  kDataContentType,
  kAttrCount,
};
constexpr std::array<std::string_view, kAttrCount> kAttrNames = {
    "specversion", "type", "id", "source", "subject", "time", "datacontenttype"};
// The attributes a declared field of the same name takes when data lacks it.
constexpr std::array<Attr, 3> kFieldAttrs = {kId, kSource, kSubject};

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

// application/json, text/json, anything/anything+json; parameters allowed.
bool IsJsonContentType(std::string_view type) {
  type = type.substr(0, std::min(type.find(';'), type.size()));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  std::string lower(type);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower == "application/json" || lower == "text/json" ||
         (lower.size() > 5 && lower.compare(lower.size() - 5, 5, "+json") == 0);
}

JsonObjectOptions ObjectOptions(const CloudEventsOptions& options) {
  JsonObjectOptions out;
  out.time_fields = options.time_fields;
  out.epoch_unit = options.epoch_unit;
  out.strict = options.strict;
  return out;
}

}  // namespace

struct CloudEventsReader::Impl {
  Impl(const check::Schema& schema, JsonObjectOptions options)
      : objects(schema, std::move(options)) {
    attr_slots.resize(schema.size());
    for (const check::EventTypeInfo& info : schema.types()) {
      for (size_t k = 0; k < kFieldAttrs.size(); ++k) {
        const check::FieldInfo* f = info.FindField(kAttrNames[kFieldAttrs[k]]);
        attr_slots[info.id][k] = f != nullptr && !f->builtin ? f->slot : -1;
      }
    }
  }
  JsonParser parser;
  JsonObjectReader objects;
  // By type: the slots of the declared fields named id, source, subject (or -1).
  std::vector<std::array<int32_t, kFieldAttrs.size()>> attr_slots;
};

// The parse of one JSON text: a CloudEvent or a batch of them.
class CloudEventsReader::TextParse {
 public:
  TextParse(CloudEventsReader& reader, std::string_view text, uint64_t first_line,
            EventBuilder& builder, absl::FunctionRef<void(const ParseResult&)> each)
      : r_(reader), text_(text), line_(first_line), builder_(builder), each_(each) {
    counted_to_ = text.data();
  }

  void Run();

 private:
  struct Attributes {
    std::array<JsonScalar, kAttrCount> values;
    uint32_t present = 0;  // bit per Attr (null counts as absent)
    bool data_base64 = false;
    bool has(Attr a) const { return (present >> a) & 1; }
    std::string_view text(Attr a) const { return values[a].text; }
  };

  // Reports a bad CloudEvent; `index` > 0 inside a batch.
  void Bad(size_t index, std::string_view field, std::string message) {
    ParseResult result;
    result.outcome = LineOutcome::kBad;
    result.error.line = line_;
    result.error.field = std::string(field);
    result.error.message =
        index > 0 ? StrCat("batch element ", index, ": ", message) : std::move(message);
    ++r_.stats_.bad;
    each_(result);
  }
  void JsonBad(size_t index, simdjson::error_code e, std::string_view field = {}) {
    std::string message = JsonErrorMessage(e, text_);
    if (!field.empty() && e != simdjson::UTF8_ERROR) {
      message = StrCat("field '", Excerpt(field), "': ", message);
    }
    Bad(index, field, std::move(message));
  }
  // Hands out an event or a skipped record, or keeps it for later (defer_).
  void Emit(const ParseResult& result) {
    if (defer_) {
      deferred_ = result;
      has_deferred_ = true;
      defer_ = false;
      return;
    }
    if (result.outcome == LineOutcome::kEvent) r_.stats_.CountEvent(result.type);
    each_(result);
  }
  // Advances line_ to the line holding `at` (elements come in text order).
  void MoveTo(const char* at) {
    const char* end = text_.data() + text_.size();
    if (at < counted_to_ || at > end) return;
    for (const char* p = counted_to_; p < at; ++p) line_ += *p == '\n';
    counted_to_ = at;
  }
  // How reading a CloudEvent went.
  enum class Step : uint8_t { kOk, kReported, kFatal };
  // One CloudEvent. kOk: read to its end (an event or a skipped type).
  Step Event(ondemand::object& object, size_t index);
  // The context attributes of `object` (its first pass). kReported: the
  // CloudEvent was reported bad; kFatal: a JSON error ends the text.
  Step ReadAttributes(ondemand::object& object, size_t index, Attributes* attrs);
  // One member of an object being walked and its unescaped key; false (the
  // JSON error reported) when either cannot be read, which ends the text.
  template <typename MemberResult>
  bool Member(MemberResult&& result, size_t index, ondemand::field* member, std::string_view* key) {
    if (auto e = std::move(result).get(*member)) {
      JsonBad(index, e);
      return false;
    }
    if (auto e = member->unescaped_key().get(*key)) {
      JsonBad(index, e);
      return false;
    }
    return true;
  }

  CloudEventsReader& r_;
  std::string_view text_;
  uint64_t line_;
  const char* counted_to_;
  EventBuilder& builder_;
  absl::FunctionRef<void(const ParseResult&)> each_;
  bool defer_ = false;  // Emit keeps the outcome (a single CloudEvent: see Run)
  bool has_deferred_ = false;
  ParseResult deferred_;
};

void CloudEventsReader::TextParse::Run() {
  if (IsBlank(text_)) {
    ++r_.stats_.blank;
    return;
  }
  ondemand::document doc;
  if (auto e = r_.impl_->parser.Iterate(text_).get(doc)) return JsonBad(0, e);
  ondemand::json_type doc_type;
  if (auto e = doc.type().get(doc_type)) return JsonBad(0, e);
  if (doc_type == ondemand::json_type::object) {
    ondemand::object object;
    if (auto e = doc.get_object().get(object)) return JsonBad(0, e);
    // The outcome waits for the check for text after the object.
    defer_ = true;
    if (Event(object, 0) != Step::kOk) return;  // reported
    defer_ = false;
  } else if (doc_type == ondemand::json_type::array) {
    ondemand::array array;
    if (auto e = doc.get_array().get(array)) return JsonBad(0, e);
    size_t index = 0;
    for (auto element_result : array) {
      ++index;
      ondemand::value element;
      if (auto e = std::move(element_result).get(element)) return JsonBad(index, e);
      const char* at = nullptr;
      if (element.current_location().get(at) == simdjson::SUCCESS) MoveTo(at);
      ondemand::json_type type;
      if (auto e = element.type().get(type)) return JsonBad(index, e);
      if (type != ondemand::json_type::object) {
        JsonScalar shown;
        if (auto e = ReadJsonScalar(element, &shown)) return JsonBad(index, e);
        Bad(index, {}, StrCat("expected a CloudEvent (a JSON object), got ", JsonKindName(shown)));
        continue;
      }
      ondemand::object object;
      if (auto e = element.get_object().get(object)) return JsonBad(index, e);
      if (Event(object, index) == Step::kFatal) return;
    }
  } else {
    JsonScalar shown;
    if (auto e = ReadJsonScalar(doc, &shown)) return JsonBad(0, e);
    return Bad(0, {}, StrCat("expected a CloudEvent (a JSON object) or a batch (an array), got ",
                             JsonKindName(shown)));
  }
  // Anything but the end of the input after the value?
  if (doc.current_location().error() == simdjson::SUCCESS) {
    Bad(0, {}, "malformed JSON: text after the CloudEvent or batch");
    return;
  }
  if (has_deferred_) Emit(deferred_);
}

CloudEventsReader::TextParse::Step CloudEventsReader::TextParse::ReadAttributes(
    ondemand::object& object, size_t index, Attributes* attrs) {
  for (auto member_result : object) {
    ondemand::field member;
    std::string_view key;
    if (!Member(std::move(member_result), index, &member, &key)) return Step::kFatal;
    if (key == "data_base64") {
      attrs->data_base64 = true;
      continue;
    }
    size_t a = 0;
    while (a < kAttrCount && kAttrNames[a] != key) ++a;
    if (a == kAttrCount) continue;  // data, extensions: skipped unread here
    JsonScalar value;
    if (auto e = ReadJsonScalar(member.value(), &value)) {
      JsonBad(index, e, key);
      return Step::kFatal;
    }
    if (attrs->has(static_cast<Attr>(a))) {
      Bad(index, key, StrCat("duplicate attribute '", key, "'"));
      return Step::kReported;
    }
    if (value.kind == JsonKind::kNull) continue;
    const bool time_ok = a == kTime && value.kind != JsonKind::kObject &&
                         value.kind != JsonKind::kArray && value.kind != JsonKind::kBool;
    if (value.kind != JsonKind::kString && !time_ok) {
      Bad(index, key,
          StrCat("attribute '", key, "': expected a string, got ", JsonKindName(value)));
      return Step::kReported;
    }
    attrs->values[a] = value;
    attrs->present |= uint32_t{1} << a;
  }
  return Step::kOk;
}

CloudEventsReader::TextParse::Step CloudEventsReader::TextParse::Event(ondemand::object& object, size_t index) {
  Attributes attrs;
  const Step step = ReadAttributes(object, index, &attrs);
  if (step != Step::kOk) return step;

  // The type first: unused and unknown types are skipped unchecked.
  if (!attrs.has(kType)) {
    Bad(index, "type", "missing CloudEvents attribute 'type'");
    return Step::kReported;
  }
  const TypeLookup found = r_.types_.Find(attrs.text(kType));
  if (found.use != TypeUse::kUsed) {
    ParseResult result;
    if (found.use == TypeUse::kUnknown) {
      r_.stats_.CountUnknown(attrs.text(kType));
      result.outcome = LineOutcome::kUnknownType;
    } else {
      r_.stats_.CountUnused(found.id);
      result.outcome = LineOutcome::kUnusedType;
      result.type = found.id;
    }
    Emit(result);
    return Step::kOk;
  }
  const EventTypeId type = found.id;
  for (Attr required : {kSpecVersion, kId, kSource}) {
    if (!attrs.has(required)) {
      Bad(index, kAttrNames[required],
          StrCat("missing CloudEvents attribute '", kAttrNames[required], "'"));
      return Step::kReported;
    }
  }
  if (attrs.text(kSpecVersion) != "1.0") {
    Bad(index, "specversion",
        StrCat("unsupported specversion '", Excerpt(attrs.text(kSpecVersion)),
               "' (expected \"1.0\")"));
    return Step::kReported;
  }
  if (attrs.data_base64) {
    Bad(index, "data_base64",
        "data_base64 (binary data) is not supported: give the fields as a JSON object in 'data'");
    return Step::kReported;
  }
  if (attrs.has(kDataContentType) && !IsJsonContentType(attrs.text(kDataContentType))) {
    Bad(index, "datacontenttype",
        StrCat("datacontenttype '", Excerpt(attrs.text(kDataContentType)),
               "' is not JSON: only JSON data is supported"));
    return Step::kReported;
  }

  // The fields, from data.
  JsonObjectReader& objects = r_.impl_->objects;
  JsonObjectReader::Result read;
  // Second pass: `data`, read with the type's key table. Walking the whole
  // object leaves the parser after it, where text after it can be found.
  if (auto e = object.reset().error()) {
    JsonBad(index, e);
    return Step::kFatal;
  }
  bool have_data = false;
  for (auto member_result : object) {
    ondemand::field member;
    std::string_view key;
    if (!Member(std::move(member_result), index, &member, &key)) return Step::kFatal;
    if (key != "data") continue;
    if (have_data) {
      Bad(index, "data", "duplicate attribute 'data'");
      return Step::kReported;
    }
    ondemand::value data = member.value();
    ondemand::json_type data_type;
    if (auto e = data.type().get(data_type)) {
      JsonBad(index, e, "data");
      return Step::kFatal;
    }
    if (data_type == ondemand::json_type::null) continue;
    if (data_type != ondemand::json_type::object) {
      JsonScalar shown;
      if (auto e = ReadJsonScalar(data, &shown)) {
        JsonBad(index, e, "data");
        return Step::kFatal;
      }
      Bad(index, "data",
          StrCat("attribute 'data': expected a JSON object with the event's fields, got ",
                 JsonKindName(shown)));
      return Step::kReported;
    }
    ondemand::object fields;
    if (auto e = data.get_object().get(fields)) {
      JsonBad(index, e, "data");
      return Step::kFatal;
    }
    read = objects.Read(type, fields, builder_);
    if (!read.ok) {
      if (read.json_error != simdjson::SUCCESS) {
        JsonBad(index, read.json_error, read.field);
        return Step::kFatal;
      }
      Bad(index, read.field, std::move(read.message));
      return Step::kReported;
    }
    have_data = true;
  }
  if (!have_data) objects.Begin(type, builder_);


  // The time: the attribute, else a time field of data.
  int64_t time = 0;
  if (attrs.has(kTime)) {
    absl::StatusOr<int64_t> ns = ConvertTime(attrs.values[kTime], r_.options_.epoch_unit);
    if (!ns.ok()) {
      Bad(index, "time", StrCat("attribute 'time': ", std::string(ns.status().message())));
      return Step::kReported;
    }
    time = *ns;
  } else if (read.time_rank != INT_MAX) {
    const std::string& name = objects.options().time_fields[read.time_rank];
    if (!read.time_error.empty()) {
      Bad(index, name, StrCat("time field '", name, "' of data: ", read.time_error));
      return Step::kReported;
    }
    time = read.time;
  } else {
    std::string message = "missing time: no 'time' attribute";
    if (!objects.options().time_fields.empty()) {
      message += StrCat(" and no ", MissingTimeMessage(objects.options().time_fields).substr(8),
                        " in data");
    }
    Bad(index, "time", std::move(message));
    return Step::kReported;
  }

  // Declared fields named after attributes.
  const check::EventTypeInfo& info = r_.schema_.type(type);
  for (size_t k = 0; k < kFieldAttrs.size(); ++k) {
    const int32_t slot = r_.impl_->attr_slots[type][k];
    const Attr attr = kFieldAttrs[k];
    if (slot < 0 || objects.seen(slot) || !attrs.has(attr)) continue;
    const check::FieldInfo& f = info.fields[static_cast<size_t>(slot)];
    Value value;
    std::string error;
    if (!ConvertField(attrs.values[attr], f.type.kind, f.optional, r_.options_.epoch_unit,
                      &value, &error)) {
      Bad(index, f.name, StrCat("field '", f.name, "' (from the attribute): ", error));
      return Step::kReported;
    }
    if (value.tag == Tag::kString) {
      builder_.SetString(slot, value.str());
    } else {
      builder_.Set(slot, value);
    }
    objects.MarkSeen(slot);
  }
  if (const check::FieldInfo* missing = objects.MissingRequired(type)) {
    Bad(index, missing->name, StrCat("missing required field '", missing->name, "' in data"));
    return Step::kReported;
  }
  builder_.SetTime(time);
  ParseResult result;
  result.outcome = LineOutcome::kEvent;
  result.type = type;
  result.line = line_;
  Emit(result);
  return Step::kOk;
}

CloudEventsReader::CloudEventsReader(const check::Schema& schema, CloudEventsOptions options)
    : schema_(schema),
      options_(std::move(options)),
      types_(schema, options_.used_types),
      impl_(std::make_unique<Impl>(schema, ObjectOptions(options_))),
      stats_(schema.size()) {}

CloudEventsReader::~CloudEventsReader() = default;

void CloudEventsReader::ParsePadded(std::string_view text, uint64_t first_line,
                                    EventBuilder& builder,
                                    absl::FunctionRef<void(const ParseResult&)> each) {
  TextParse(*this, text, first_line, builder, each).Run();
}

void CloudEventsReader::Parse(std::string_view text, uint64_t first_line, EventBuilder& builder,
                              absl::FunctionRef<void(const ParseResult&)> each) {
  if (copy_.size() < text.size() + kLinePadding) copy_.resize(text.size() + kLinePadding);
  if (!text.empty()) std::memcpy(copy_.data(), text.data(), text.size());
  std::memset(copy_.data() + text.size(), 0, kLinePadding);
  ParsePadded(std::string_view(copy_.data(), text.size()), first_line, builder, each);
}

}  // namespace cep::rt::io
