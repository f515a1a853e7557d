// Input formats by name and by file extension (see input_format.h).
// Tested by tests/unit/io_input_test.cc.
#include "runtime/io/input_format.h"

#include <string>

#include "absl/status/status.h"
#include "compiler/util/strcat.h"

namespace cep::rt::io {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

absl::StatusOr<InputFormat> ParseInputFormat(std::string_view name) {
  const std::string n = Lower(name);
  if (n == "jsonl" || n == "json" || n == "ndjson") return InputFormat::kJsonLines;
  if (n == "csv") return InputFormat::kCsv;
  if (n == "cloudevents" || n == "ce") return InputFormat::kCloudEvents;
  return absl::InvalidArgumentError(
      StrCat("unknown input format '", name, "' (expected jsonl, csv or cloudevents)"));
}

const char* InputFormatName(InputFormat format) {
  switch (format) {
    case InputFormat::kJsonLines: return "jsonl";
    case InputFormat::kCsv: return "csv";
    case InputFormat::kCloudEvents: return "cloudevents";
  }
  return "jsonl";
}

InputFormat FormatFromPath(std::string_view path) {
  const std::string p = Lower(path);
  for (std::string_view ce : {".ce.jsonl", ".ce.ndjson", ".ce.json", ".cloudevents.jsonl",
                              ".cloudevents.ndjson", ".cloudevents.json"}) {
    if (EndsWith(p, ce)) return InputFormat::kCloudEvents;
  }
  if (EndsWith(p, ".csv")) return InputFormat::kCsv;
  return InputFormat::kJsonLines;
}

}  // namespace cep::rt::io
