// CSV records -> events (see csv_reader.h).
// Tested by tests/unit/io_csv_test.cc.
#include "runtime/io/csv_reader.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include <simdjson.h>

#include "compiler/util/strcat.h"
#include "runtime/io/cell_convert.h"
#include "runtime/io/excerpt.h"
#include "runtime/io/utf8.h"

namespace cep::rt::io {
namespace {

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsBlank(std::string_view record) {
  for (char c : record) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

// "'time' or 'ts'".
std::string NameList(const std::vector<std::string>& names) {
  std::string list;
  for (size_t k = 0; k < names.size(); ++k) {
    if (k > 0) list += k + 1 == names.size() ? " or " : ", ";
    list += StrCat("'", names[k], "'");
  }
  return list;
}

}  // namespace

CsvReader::CsvReader(const check::Schema& schema, CsvOptions options)
    : schema_(schema),
      options_(std::move(options)),
      types_(schema, options_.used_types),
      stats_(schema.size()) {}

absl::Status CsvReader::ParseHeader(std::string_view record) {
  if (std::memchr(record.data(), '\0', record.size()) != nullptr ||
      !simdjson::validate_utf8(record.data(), record.size())) {
    return absl::InvalidArgumentError("header: invalid UTF-8 or a NUL byte");
  }
  CsvSplit split = SplitCsvRecord(record, options_.delimiter, &cells_, &scratch_);
  if (split.error != CsvSyntaxError::kNone) {
    return absl::InvalidArgumentError(StrCat("header: malformed CSV at column ", split.offset + 1,
                                             ": ", CsvSyntaxErrorText(split.error)));
  }
  std::vector<std::string> columns;
  for (const CsvCell& cell : cells_) columns.emplace_back(TrimSpaces(cell.text));
  for (size_t c = 0; c < columns.size(); ++c) {
    for (size_t d = 0; d < c; ++d) {
      if (columns[c] == columns[d]) {
        return absl::InvalidArgumentError(
            StrCat("header: duplicate column '", Excerpt(columns[c]), "'"));
      }
    }
  }
  const auto find = [&columns](const std::string& name) -> size_t {
    for (size_t c = 0; c < columns.size(); ++c) {
      if (columns[c] == name) return c;
    }
    return columns.size();
  };
  size_t type_column = columns.size();
  for (const std::string& name : options_.type_fields) {
    type_column = find(name);
    if (type_column < columns.size()) break;
  }
  if (type_column == columns.size()) {
    return absl::InvalidArgumentError(
        StrCat("header: no type column (", NameList(options_.type_fields),
               "); name it with --type-field"));
  }
  std::vector<size_t> time_columns;
  for (const std::string& name : options_.time_fields) {
    size_t c = find(name);
    if (c < columns.size()) time_columns.push_back(c);
  }
  if (time_columns.empty()) {
    return absl::InvalidArgumentError(
        StrCat("header: no time column (", NameList(options_.time_fields),
               "); name it with --time-field"));
  }

  plans_.assign(schema_.size(), TypePlan());
  for (const check::EventTypeInfo& info : schema_.types()) {
    if (info.derived) continue;
    TypePlan& plan = plans_[info.id];
    plan.roles.assign(columns.size(), Role());
    for (const check::FieldInfo& f : info.fields) {
      if (f.builtin) continue;
      const size_t c = find(f.name);
      if (c < columns.size()) {
        plan.roles[c].slot = f.slot;
      } else if (!f.optional && plan.missing_required == nullptr) {
        plan.missing_required = &f;
      }
    }
  }
  columns_ = std::move(columns);
  type_column_ = type_column;
  time_columns_ = std::move(time_columns);
  return absl::OkStatus();
}

std::string CsvReader::FieldName(size_t column) const {
  return column < columns_.size() ? Excerpt(columns_[column]) : StrCat("#", column + 1);
}

ParseResult CsvReader::Bad(std::string_view record, uint64_t line_no, size_t offset,
                           std::string field, std::string message) {
  // A multi-line record: the line of the fault.
  offset = std::min(offset, record.size());
  for (size_t i = 0; i < offset; ++i) {
    if (record[i] == '\n') ++line_no;
  }
  ParseResult result;
  result.outcome = LineOutcome::kBad;
  result.error.line = line_no;
  result.error.field = std::move(field);
  result.error.message = std::move(message);
  ++stats_.bad;
  return result;
}

ParseResult CsvReader::FieldBad(std::string_view record, uint64_t line_no, size_t column,
                                std::string message) {
  const size_t offset = column < cells_.size() ? cells_[column].offset : 0;
  std::string name = column < columns_.size() ? columns_[column] : std::string();
  return Bad(record, line_no, offset, std::move(name),
             StrCat("field '", FieldName(column), "': ", message));
}

ParseResult CsvReader::ParseRecord(std::string_view record, uint64_t line_no,
                                   EventBuilder& builder) {
  if (IsBlank(record)) {
    ++stats_.blank;
    return ParseResult();
  }
  if (const void* nul = std::memchr(record.data(), '\0', record.size())) {
    const size_t at = static_cast<size_t>(static_cast<const char*>(nul) - record.data());
    return Bad(record, line_no, at, {}, StrCat("NUL byte at column ", at + 1));
  }
  if (!simdjson::validate_utf8(record.data(), record.size())) {
    const size_t at = FirstInvalidUtf8(record);
    return Bad(record, line_no, at, {}, StrCat("invalid UTF-8 at column ", at + 1));
  }
  CsvSplit split = SplitCsvRecord(record, options_.delimiter, &cells_, &scratch_);
  if (split.error != CsvSyntaxError::kNone) {
    return Bad(record, line_no, split.offset,
               split.cell < columns_.size() ? columns_[split.cell] : std::string(),
               StrCat("malformed CSV in field '", FieldName(split.cell), "' (column ",
                      split.offset + 1, "): ", CsvSyntaxErrorText(split.error)));
  }
  if (cells_.size() != columns_.size()) {
    return Bad(record, line_no, 0, {},
               StrCat("expected ", columns_.size(), " fields as in the header, got ",
                      cells_.size()));
  }

  // The type.
  const CsvCell& type_cell = cells_[type_column_];
  if (type_cell.text.empty()) {
    return FieldBad(record, line_no, type_column_, "missing event type");
  }
  const TypeLookup found = types_.Find(type_cell.text);
  if (found.use == TypeUse::kUnknown) {
    stats_.CountUnknown(type_cell.text);
    ParseResult result;
    result.outcome = LineOutcome::kUnknownType;
    return result;
  }
  if (found.use == TypeUse::kUnused) {
    stats_.CountUnused(found.id);
    ParseResult result;
    result.outcome = LineOutcome::kUnusedType;
    result.type = found.id;
    return result;
  }

  // The fields, in column order.
  const EventTypeId id = found.id;
  const check::EventTypeInfo& info = schema_.type(id);
  const TypePlan& plan = plans_[id];
  builder.Start(id, static_cast<uint16_t>(info.fields.size()));
  for (size_t c = 0; c < cells_.size(); ++c) {
    const int32_t slot = plan.roles[c].slot;
    if (slot < 0) {
      if (options_.strict && c != type_column_ && !IsMissingCell(cells_[c]) &&
          std::find(time_columns_.begin(), time_columns_.end(), c) == time_columns_.end()) {
        return Bad(record, line_no, cells_[c].offset, columns_[c],
                   StrCat("unknown field '", FieldName(c), "' for type '", info.name, "'"));
      }
      continue;
    }
    const check::FieldInfo& f = info.fields[static_cast<size_t>(slot)];
    Value value;
    std::string error;
    if (!ConvertCell(cells_[c], f.type.kind, f.optional, options_.epoch_unit, &value, &error)) {
      return FieldBad(record, line_no, c, std::move(error));
    }
    if (value.tag == Tag::kString) {
      builder.SetString(slot, value.str());
    } else {
      builder.Set(slot, value);
    }
  }

  // The time: the first time column with a value.
  bool have_time = false;
  for (size_t c : time_columns_) {
    if (IsMissingCell(cells_[c])) continue;
    absl::StatusOr<int64_t> ns = ConvertTimeCell(cells_[c], options_.epoch_unit);
    if (!ns.ok()) {
      return Bad(record, line_no, cells_[c].offset, columns_[c],
                 StrCat("time field '", FieldName(c), "': ", std::string(ns.status().message())));
    }
    builder.SetTime(*ns);
    have_time = true;
    break;
  }
  if (!have_time) {
    std::vector<std::string> names;
    for (size_t c : time_columns_) names.push_back(columns_[c]);
    return Bad(record, line_no, cells_[time_columns_[0]].offset, columns_[time_columns_[0]],
               StrCat("missing time (", NameList(names), " empty)"));
  }
  if (plan.missing_required != nullptr) {
    return Bad(record, line_no, 0, plan.missing_required->name,
               StrCat("missing required field '", plan.missing_required->name,
                      "' (the header has no such column)"));
  }
  stats_.CountEvent(id);
  ParseResult result;
  result.outcome = LineOutcome::kEvent;
  result.type = id;
  return result;
}

}  // namespace cep::rt::io
