// The JSON diagnostics format of render.h (one document, one line) and the
// JSON string escaper shared with the SARIF renderer.
// Tested by tests/unit/render_test.cc.
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "compiler/diag/render_internal.h"

namespace cep::render_internal {

void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out->append("\\\""); break;
        case '\\': out->append("\\\\"); break;
        case '\n': out->append("\\n"); break;
        case '\r': out->append("\\r"); break;
        case '\t': out->append("\\t"); break;
        default:
          if (c < 0x20 || c == 0x7F) {
            absl::StrAppendFormat(out, "\\u%04x", c);
          } else {
            out->push_back(static_cast<char>(c));
          }
      }
      ++i;
      continue;
    }
    char32_t code_point;
    const size_t size = DecodeUtf8(s.substr(i), &code_point);
    if (size == 0) {
      out->append("\xEF\xBF\xBD");  // U+FFFD for each byte that is not UTF-8
      ++i;
    } else if (code_point == 0x2028 || code_point == 0x2029) {
      // Valid JSON, but not valid JavaScript source: escape them too.
      absl::StrAppendFormat(out, "\\u%04x", static_cast<uint32_t>(code_point));
      i += size;
    } else {
      out->append(s.substr(i, size));
      i += size;
    }
  }
  out->push_back('"');
}

namespace {

// ,"file":...,"line":...  — nothing for a range without a place.
void AppendPlace(std::string* out, const SourceManager& sources, SourceRange range) {
  Span span;
  if (!Resolve(sources, range, &span)) return;
  out->append(",\"file\":");
  AppendJsonString(out, span.path);
  absl::StrAppend(out, ",\"line\":", span.begin.line, ",\"column\":", span.begin.column,
                  ",\"end_line\":", span.end.line, ",\"end_column\":", span.end.column);
}

}  // namespace

void RenderJson(const SourceManager& sources, const DiagnosticEngine& engine,
                const RenderOptions& /*options*/, std::ostream& out) {
  std::string json = "{\"diagnostics\":[";
  bool first = true;
  for (const Diagnostic* d : engine.Sorted()) {
    if (!first) json.push_back(',');
    first = false;
    json.append("{\"kind\":");
    AppendJsonString(&json, Info(d->kind).name);
    json.append(",\"severity\":");
    AppendJsonString(&json, SeverityName(d->severity));
    json.append(",\"message\":");
    AppendJsonString(&json, d->message);
    AppendPlace(&json, sources, d->range);
    json.append(",\"notes\":[");
    for (size_t i = 0; i < d->notes.size(); ++i) {
      if (i > 0) json.push_back(',');
      json.append("{\"message\":");
      AppendJsonString(&json, d->notes[i].message);
      AppendPlace(&json, sources, d->notes[i].range);
      json.push_back('}');
    }
    json.append("]}");
  }
  absl::StrAppend(&json, "],\"errors\":", engine.error_count(),
                  ",\"warnings\":", engine.warning_count(), "}\n");
  out << json;
}

}  // namespace cep::render_internal
