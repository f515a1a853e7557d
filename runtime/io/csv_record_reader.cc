// CSV records from lines, with multi-line quoted fields (see
// csv_record_reader.h).
// Tested by tests/unit/io_csv_test.cc.
#include "runtime/io/csv_record_reader.h"

#include <algorithm>

#include "runtime/io/csv_syntax.h"

namespace cep::rt::io {

CsvRecordReader::CsvRecordReader(LineReader& lines, char delimiter, size_t max_record_bytes)
    : lines_(lines), delimiter_(delimiter), max_record_bytes_(max_record_bytes) {}

bool CsvRecordReader::NextLine(Line* line, bool* replayed) {
  if (replay_next_ < replay_lines_.size()) {
    const SavedLine& saved = replay_lines_[replay_next_++];
    *line = Line();
    line->number = saved.number;
    line->length = saved.length;
    line->too_long = saved.too_long;
    line->text = std::string_view(replay_).substr(saved.begin, saved.end - saved.begin);
    *replayed = true;
    return true;
  }
  *replayed = false;
  return lines_.Next(line);
}

bool CsvRecordReader::Next(CsvRecord* record) {
  Line line;
  bool replayed = false;
  if (!NextLine(&line, &replayed)) return false;
  *record = CsvRecord();
  record->line = line.number;
  if (line.too_long) {
    record->problem = CsvRecord::Problem::kTooLong;
    record->length = line.length;
    return true;
  }
  CsvLineState state;
  ScanCsvLine(line.text, 0, delimiter_, &state);
  // Replayed lines are one-line records: an unclosed quote there is that
  // line's own error (SplitCsvRecord reports it).
  if (!state.in_quotes || replayed) {
    record->text = line.text;
    return true;
  }

  // A quoted field goes on over the line break: assemble the record.
  record_.assign(line.text.data(), line.text.size());
  record_lines_.clear();
  record_lines_.push_back({0, record_.size(), line.number, line.text.size(), false});
  for (;;) {
    Line more;
    bool more_replayed = false;  // never: the replay queue was empty
    if (!NextLine(&more, &more_replayed)) {
      Abandon(record, nullptr, state.open_quote);
      return true;
    }
    if (more.too_long || record_.size() + 1 + more.text.size() > max_record_bytes_) {
      Abandon(record, &more, state.open_quote);
      return true;
    }
    record_.push_back('\n');
    const size_t begin = record_.size();
    record_.append(more.text.data(), more.text.size());
    record_lines_.push_back({begin, record_.size(), more.number, more.text.size(), false});
    ScanCsvLine(more.text, begin, delimiter_, &state);
    if (!state.in_quotes) {
      record->text = record_;
      record->lines = record_lines_.size();
      return true;
    }
  }
}

void CsvRecordReader::Abandon(CsvRecord* record, const Line* pending, uint64_t quote_offset) {
  // Where the unclosed quote is.
  const SavedLine* at = &record_lines_[0];
  for (const SavedLine& l : record_lines_) {
    if (l.begin <= quote_offset) at = &l;
  }
  record->problem = CsvRecord::Problem::kUnterminated;
  record->quote_line = at->number;
  record->quote_column = quote_offset - at->begin + 1;
  record->lines = 1;
  // Every line but the first is read again (the replay queue is empty: a
  // multi-line record never starts from a replayed line).
  replay_.clear();
  replay_lines_.clear();
  replay_next_ = 0;
  for (size_t k = 1; k < record_lines_.size(); ++k) {
    const SavedLine& l = record_lines_[k];
    const size_t begin = replay_.size();
    replay_.append(record_, l.begin, l.end - l.begin);
    replay_lines_.push_back({begin, replay_.size(), l.number, l.length, false});
  }
  if (pending != nullptr) {
    const size_t begin = replay_.size();
    replay_.append(pending->text.data(), pending->text.size());
    replay_lines_.push_back(
        {begin, replay_.size(), pending->number, pending->length, pending->too_long});
  }
  record->text = std::string_view(record_).substr(0, record_lines_[0].end);
}

}  // namespace cep::rt::io
