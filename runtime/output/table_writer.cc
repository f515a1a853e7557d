// Derived events as aligned columns (see table_writer.h).
// Tested by tests/unit/output_writer_test.cc.
#include "runtime/output/table_writer.h"

#include <algorithm>

#include "compiler/check/const_value.h"
#include "runtime/io/json_writer.h"
#include "runtime/io/time_parse.h"
#include "runtime/io/utf8.h"

namespace cep::rt::out {
namespace {

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// A string that reads unambiguously without quotes.
bool IsPlain(std::string_view s) {
  if (s.empty() || io::FirstInvalidUtf8(s) != s.size()) return false;
  for (char c : s) {
    const unsigned char b = static_cast<unsigned char>(c);
    if (b <= 0x20 || b == 0x7F || c == '"' || c == '\\') return false;
  }
  return true;
}

void AppendValue(const Value& v, const check::Schema& schema, std::string* out) {
  switch (v.tag) {
    case Tag::kString:
      if (IsPlain(v.str())) {
        out->append(v.str().data(), v.str().size());
      } else {
        io::AppendJsonString(v.str(), out);
      }
      return;
    case Tag::kTimestamp:
      io::AppendRfc3339(v.i, out);
      return;
    case Tag::kDuration:
      out->append(check::FormatDuration(v.i));
      return;
    default:
      io::AppendJsonValue(v, out, &schema);
      return;
  }
}

}  // namespace

TableWriter::TableWriter(const check::CheckedProgram& program, std::ostream* out)
    : schema_(program.schema), out_(out) {
  for (const check::CheckedRule& rule : program.rules) {
    if (rule.rule != nullptr) rule_width_ = std::max(rule_width_, rule.rule->name.text.size());
    for (EventTypeId t : {rule.emit_type, rule.timeout_emit_type}) {
      if (t != kNoEventType && t < schema_.size()) {
        type_width_ = std::max(type_width_, schema_.type(t).name.size());
      }
    }
  }
  field_widths_.resize(schema_.size());
}

void TableWriter::AppendCell(const std::string& text, size_t* width) {
  const size_t n = CodePoints(text);
  *width = std::max(*width, n);
  line_.append(text);
  line_.append(*width - n + 2, ' ');
}

void TableWriter::Write(const DerivedEvent& derived) {
  const Event& e = *derived.event;
  const check::EventTypeInfo& type = schema_.type(e.type);
  line_.clear();
  if (!header_written_) {
    header_written_ = true;
    AppendCell("TIME", &time_width_);
    AppendCell("RULE", &rule_width_);
    AppendCell("TYPE", &type_width_);
    line_.append("FIELDS\n");
  }
  cell_.clear();
  io::AppendRfc3339(e.time, &cell_);
  AppendCell(cell_, &time_width_);
  AppendCell(std::string(derived.rule_name), &rule_width_);
  AppendCell(type.name, &type_width_);
  std::vector<size_t>& widths = field_widths_[e.type];
  widths.resize(type.fields.size(), 0);
  for (const check::FieldInfo& f : type.fields) {
    if (f.builtin) continue;
    cell_.assign(f.name);
    cell_.push_back('=');
    AppendValue(e.field(f.slot), schema_, &cell_);
    AppendCell(cell_, &widths[f.slot]);
  }
  if (derived.timeout) line_.append("(timeout)");
  // The last cell is not padded.
  while (!line_.empty() && line_.back() == ' ') line_.pop_back();
  line_.push_back('\n');
  out_->write(line_.data(), static_cast<std::streamsize>(line_.size()));
}

}  // namespace cep::rt::out
