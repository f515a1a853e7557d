// The SARIF 2.1.0 diagnostics format of render.h, as GitHub code scanning
// accepts it: one run, one rule per diagnostic kind that occurs, one result
// per diagnostic, notes as related locations. Columns are UTF-16 code units
// (SARIF's default columnKind, stated explicitly).
// Tested by tests/unit/render_test.cc.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "compiler/diag/render_internal.h"

namespace cep::render_internal {
namespace {

std::string Level(Severity s) { return std::string(SeverityName(s)); }  // same words

// The 1-based UTF-16 column of the 1-based byte column `byte_column` in `line`.
// Bytes past the end of the line text (a line terminator) count one each.
uint32_t Utf16Column(std::string_view line, uint32_t byte_column) {
  const size_t limit = byte_column - 1;
  size_t i = 0;
  uint32_t units = 0;
  while (i < limit && i < line.size()) {
    char32_t code_point;
    size_t size = DecodeUtf8(line.substr(i), &code_point);
    if (size == 0) {
      size = 1;  // a reader sees U+FFFD
      units += 1;
    } else {
      units += code_point >= 0x10000 ? 2 : 1;
    }
    i += size;
  }
  if (limit > i) units += static_cast<uint32_t>(limit - i);
  return units + 1;
}

// A relative path stays relative (forward slashes, no leading "./"); an
// absolute one becomes a file:// URI. Everything outside the unreserved set
// and "/" is percent-encoded.
std::string ArtifactUri(std::string_view path, bool* relative) {
  std::string p(path);
  std::replace(p.begin(), p.end(), '\\', '/');
  const bool drive = p.size() >= 2 && std::isalpha(static_cast<unsigned char>(p[0])) && p[1] == ':';
  *relative = !drive && (p.empty() || p[0] != '/');
  std::string_view rest = p;
  while (*relative && rest.substr(0, 2) == "./") rest.remove_prefix(2);
  std::string uri = *relative ? "" : (drive ? "file:///" : "file://");
  for (size_t i = 0; i < rest.size(); ++i) {
    const auto c = static_cast<unsigned char>(rest[i]);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/' ||
        (drive && i == 1)) {
      uri.push_back(static_cast<char>(c));
    } else {
      absl::StrAppendFormat(&uri, "%%%02X", c);
    }
  }
  return uri;
}

// "physicalLocation":{...} — false (and nothing appended) without a place.
bool AppendPhysicalLocation(std::string* out, const SourceManager& sources, SourceRange range) {
  Span span;
  if (!Resolve(sources, range, &span)) return false;
  bool relative;
  const std::string uri = ArtifactUri(span.path, &relative);
  out->append("\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
  AppendJsonString(out, uri);
  if (relative) out->append(",\"uriBaseId\":\"%SRCROOT%\"");
  const uint32_t start_column =
      Utf16Column(sources.LineText(range.file, span.begin.line), span.begin.column);
  const uint32_t end_column =
      Utf16Column(sources.LineText(range.file, span.end.line), span.end.column);
  absl::StrAppend(out, "},\"region\":{\"startLine\":", span.begin.line,
                  ",\"startColumn\":", start_column, ",\"endLine\":", span.end.line,
                  ",\"endColumn\":", end_column, "}}");
  return true;
}

void AppendMessage(std::string* out, std::string_view text) {
  out->append("\"message\":{\"text\":");
  AppendJsonString(out, text);
  out->push_back('}');
}

void AppendResult(std::string* out, const SourceManager& sources, const Diagnostic& d,
                  int rule_index) {
  out->append("{\"ruleId\":");
  AppendJsonString(out, Info(d.kind).name);
  absl::StrAppend(out, ",\"ruleIndex\":", rule_index, ",\"level\":\"", Level(d.severity), "\",");
  AppendMessage(out, d.message);
  std::string location;
  if (AppendPhysicalLocation(&location, sources, d.range)) {
    absl::StrAppend(out, ",\"locations\":[{", location, "}]");
  }
  if (!d.notes.empty()) {
    out->append(",\"relatedLocations\":[");
    for (size_t i = 0; i < d.notes.size(); ++i) {
      if (i > 0) out->push_back(',');
      absl::StrAppend(out, "{\"id\":", i, ",");
      AppendMessage(out, d.notes[i].message);
      std::string note_location;
      if (AppendPhysicalLocation(&note_location, sources, d.notes[i].range)) {
        absl::StrAppend(out, ",", note_location);
      }
      out->push_back('}');
    }
    out->push_back(']');
  }
  out->push_back('}');
}

}  // namespace

void RenderSarif(const SourceManager& sources, const DiagnosticEngine& engine,
                 const RenderOptions& options, std::ostream& out) {
  const std::vector<const Diagnostic*> diags = engine.Sorted();
  // Rules: the kinds that occur, in registry order.
  constexpr size_t kKinds = static_cast<size_t>(DiagKind::kCount_);
  std::vector<int> rule_index(kKinds, -1);
  for (const Diagnostic* d : diags) rule_index[static_cast<size_t>(d->kind)] = 0;
  std::string rules;
  int next_rule = 0;
  for (size_t k = 0; k < kKinds; ++k) {
    if (rule_index[k] < 0) continue;
    rule_index[k] = next_rule++;
    const DiagKindInfo& info = Info(static_cast<DiagKind>(k));
    if (!rules.empty()) rules.push_back(',');
    rules.append("{\"id\":");
    AppendJsonString(&rules, info.name);
    rules.append(",\"shortDescription\":{\"text\":");
    AppendJsonString(&rules, info.summary);
    absl::StrAppend(&rules, "},\"defaultConfiguration\":{\"level\":\"", Level(info.severity),
                    "\"}}");
  }

  std::string sarif =
      "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
      "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"cep\",\"version\":";
  AppendJsonString(&sarif, options.tool_version);
  absl::StrAppend(&sarif, ",\"rules\":[", rules,
                  "]}},\"columnKind\":\"utf16CodeUnits\",\"results\":[");
  for (size_t i = 0; i < diags.size(); ++i) {
    if (i > 0) sarif.push_back(',');
    AppendResult(&sarif, sources, *diags[i], rule_index[static_cast<size_t>(diags[i]->kind)]);
  }
  sarif.append("]}]}\n");
  out << sarif;
}

}  // namespace cep::render_internal
