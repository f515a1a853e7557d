// CSV record boundaries and cell splitting (see csv_syntax.h).
// Tested by tests/unit/io_csv_test.cc.
#include "runtime/io/csv_syntax.h"

#include <cstring>

namespace cep::rt::io {
namespace {

// Offset of the first `c` in text[from, to), or `to`.
size_t Find(std::string_view text, size_t from, size_t to, char c) {
  if (from >= to) return to;
  const void* p = std::memchr(text.data() + from, c, to - from);
  return p == nullptr ? to : static_cast<size_t>(static_cast<const char*>(p) - text.data());
}

}  // namespace

void ScanCsvLine(std::string_view line, size_t offset, char delimiter, CsvLineState* state) {
  enum class S { kStart, kUnquoted, kQuoted, kAfterQuote };
  S s = state->in_quotes ? S::kQuoted : S::kStart;
  const size_t n = line.size();
  size_t i = 0;
  while (i < n) {
    switch (s) {
      case S::kStart:
        if (line[i] == '"') {
          s = S::kQuoted;
          state->open_quote = offset + i;
          ++i;
        } else {
          s = S::kUnquoted;
        }
        break;
      case S::kUnquoted:
      case S::kAfterQuote:
        // Up to the next delimiter (stray quotes are SplitCsvRecord's errors).
        i = Find(line, i, n, delimiter);
        if (i < n) {
          ++i;
          s = S::kStart;
        }
        break;
      case S::kQuoted:
        i = Find(line, i, n, '"');
        if (i == n) break;
        ++i;
        if (i < n && line[i] == '"') {
          ++i;  // "" stands for one quote
        } else {
          s = S::kAfterQuote;
        }
        break;
    }
  }
  state->in_quotes = s == S::kQuoted;
}

CsvSplit SplitCsvRecord(std::string_view record, char delimiter, std::vector<CsvCell>* cells,
                        std::string* scratch) {
  cells->clear();
  const size_t n = record.size();
  if (scratch->size() < n) scratch->resize(n);
  size_t written = 0;  // bytes of *scratch in use
  CsvSplit result;
  const auto fail = [&](CsvSyntaxError error, size_t offset) {
    result.error = error;
    result.cell = cells->size();
    result.offset = offset;
    return result;
  };
  size_t i = 0;
  for (;;) {
    const size_t start = i;
    CsvCell cell;
    cell.offset = static_cast<uint32_t>(start);
    if (i < n && record[i] == '"') {
      cell.quoted = true;
      size_t j = i + 1;
      bool escaped = false;
      size_t close;
      for (;;) {
        close = Find(record, j, n, '"');
        if (close == n) return fail(CsvSyntaxError::kUnterminatedQuote, start);
        if (close + 1 < n && record[close + 1] == '"') {
          escaped = true;
          j = close + 2;
          continue;
        }
        break;
      }
      if (!escaped) {
        cell.text = record.substr(i + 1, close - i - 1);
      } else {
        char* out = scratch->data() + written;
        size_t len = 0;
        for (size_t k = i + 1; k < close; ++k) {
          out[len++] = record[k];
          if (record[k] == '"') ++k;  // the second quote of ""
        }
        cell.text = std::string_view(out, len);
        written += len;
      }
      i = close + 1;
      if (i < n && record[i] != delimiter) return fail(CsvSyntaxError::kTextAfterQuote, i);
    } else {
      const size_t end = Find(record, i, n, delimiter);
      const size_t quote = Find(record, i, end, '"');
      if (quote < end) return fail(CsvSyntaxError::kQuoteInUnquoted, quote);
      cell.text = record.substr(i, end - i);
      i = end;
    }
    cells->push_back(cell);
    if (i >= n) break;
    ++i;  // the delimiter
    if (i == n) {
      // A trailing delimiter: one more, empty, cell.
      CsvCell last;
      last.offset = static_cast<uint32_t>(n);
      cells->push_back(last);
      break;
    }
  }
  return result;
}

const char* CsvSyntaxErrorText(CsvSyntaxError error) {
  switch (error) {
    case CsvSyntaxError::kNone: return "no error";
    case CsvSyntaxError::kQuoteInUnquoted:
      return "a '\"' inside an unquoted field (quote the whole field and double the quote)";
    case CsvSyntaxError::kTextAfterQuote: return "text after the closing quote of a field";
    case CsvSyntaxError::kUnterminatedQuote: return "unterminated quoted field";
  }
  return "malformed CSV";
}

}  // namespace cep::rt::io
