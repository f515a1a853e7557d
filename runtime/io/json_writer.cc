// JSON output of values and events (see json_writer.h).
// Tested by tests/unit/io_json_writer_test.cc.
#include "runtime/io/json_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "runtime/io/time_parse.h"
#include "runtime/io/utf8.h"

namespace cep::rt::io {
namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

// True for bytes that can be copied as they are: printable ASCII other than
// '"' and '\\'.
bool IsPlain(uint8_t b) { return b >= 0x20 && b < 0x80 && b != '"' && b != '\\'; }

void AppendInt(int64_t v, std::string* out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

void AppendFloat(double v, std::string* out) {
  if (!std::isfinite(v)) {
    out->append("null");
    return;
  }
  char buf[40];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
  // "2" would read back as an int: write "2.0".
  if (std::memchr(buf, '.', r.ptr - buf) == nullptr &&
      std::memchr(buf, 'e', r.ptr - buf) == nullptr) {
    out->append(".0");
  }
}

}  // namespace

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    // The longest run of bytes copied as they are.
    size_t run = i;
    while (run < s.size() && IsPlain(static_cast<uint8_t>(s[run]))) ++run;
    if (run > i) {
      out->append(s.data() + i, run - i);
      i = run;
      if (i == s.size()) break;
    }
    const uint8_t b = static_cast<uint8_t>(s[i]);
    if (b >= 0x80) {
      size_t n = Utf8SequenceLength(s, i);
      if (n != 0) {
        out->append(s.data() + i, n);
        i += n;
      } else {
        out->append(kReplacement);
        i += Utf8InvalidLength(s, i);
      }
      continue;
    }
    switch (b) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default: {
        const char esc[6] = {'\\', 'u', '0', '0', kHex[b >> 4], kHex[b & 0xF]};
        out->append(esc, sizeof esc);
        break;
      }
    }
    ++i;
  }
  out->push_back('"');
}

void AppendJsonValue(const Value& v, std::string* out, const check::Schema* schema) {
  switch (v.tag) {
    case Tag::kNull: out->append("null"); return;
    case Tag::kBool: out->append(v.b ? "true" : "false"); return;
    case Tag::kInt: AppendInt(v.i, out); return;
    case Tag::kFloat: AppendFloat(v.f, out); return;
    case Tag::kString: AppendJsonString(v.str(), out); return;
    case Tag::kTimestamp:
      out->push_back('"');
      AppendRfc3339(v.i, out);
      out->push_back('"');
      return;
    case Tag::kDuration: AppendInt(v.i, out); return;
    case Tag::kEvent:
      if (schema != nullptr && v.ev != nullptr && v.ev->type < schema->size()) {
        AppendEventJson(*v.ev, schema->type(v.ev->type), out);
        return;
      }
      break;
  }
  out->append("null");
}

void AppendEventJson(const Event& event, const check::EventTypeInfo& type, std::string* out) {
  out->append("{\"type\":");
  AppendJsonString(type.name, out);
  out->append(",\"time\":\"");
  AppendRfc3339(event.time, out);
  out->push_back('"');
  const Value* fields = event.fields();
  const size_t n = std::min<size_t>(event.nfields, type.fields.size());
  for (size_t slot = 1; slot < n; ++slot) {
    out->push_back(',');
    AppendJsonString(type.fields[slot].name, out);
    out->push_back(':');
    AppendJsonValue(fields[slot], out);
  }
  out->push_back('}');
}

}  // namespace cep::rt::io
