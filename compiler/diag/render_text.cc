// The clang-style text format of render.h: "file:line:col: error: message
// [kind]", the source line from the in-memory buffer with a gutter, a caret
// line, notes, and a closing summary. Tabs are expanded; control bytes,
// invalid UTF-8 and invisible or bidirectional code points are shown as
// <XX> / <U+XXXX> so source text never reaches a terminal raw; lines wider
// than kLongLine columns are cut to a window around the caret.
// Tested by tests/unit/render_test.cc.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "compiler/diag/render_internal.h"

namespace cep::render_internal {
namespace {

constexpr uint32_t kTabStop = 8;
constexpr uint32_t kLongLine = 200;      // wider lines are shown in a window
constexpr uint32_t kWindow = 120;        // columns of source in the window
constexpr uint32_t kContextBefore = 40;  // of them, before the caret
// Lines longer than this (in bytes) are only scanned near the caret.
constexpr uint32_t kScanBytes = 4096;
constexpr uint32_t kScanBefore = 1024;
constexpr std::string_view kEllipsis = "...";

constexpr char kReset[] = "\x1b[0m";
constexpr char kBold[] = "\x1b[1m";
constexpr char kRed[] = "\x1b[1;31m";
constexpr char kMagenta[] = "\x1b[1;35m";
constexpr char kCyan[] = "\x1b[1;36m";
constexpr char kGreen[] = "\x1b[1;32m";

enum class CellKind : uint8_t { kRaw, kTab, kByteEscape, kCodePointEscape };

// One displayed character: a run of source bytes and the columns it takes.
struct Cell {
  uint32_t byte;    // offset of its first byte in the text
  uint32_t column;  // 0-based display column where it starts
  uint32_t width;   // display columns
  uint32_t size;    // source bytes
  CellKind kind;
  char32_t code_point;  // for kCodePointEscape
};

struct Cells {
  std::vector<Cell> cells;
  uint32_t width = 0;  // total display columns
};

// Code points that would be invisible or reorder the text on a terminal.
bool MustEscape(char32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF;
}

// Terminal columns of a printable code point (a small wcwidth).
uint32_t CodePointWidth(char32_t cp) {
  if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
      (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
      (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F)) {
    return 0;  // combining marks and variation selectors
  }
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
      (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
      (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD)) {
    return 2;  // East Asian wide and fullwidth, emoji
  }
  return 1;
}

std::string CodePointEscape(char32_t cp) {
  return absl::StrFormat("<U+%04X>", static_cast<uint32_t>(cp));
}

// Splits `text` into cells. Tabs expand to the next tab stop when
// `expand_tabs`, and are escaped otherwise.
Cells BuildCells(std::string_view text, bool expand_tabs) {
  Cells out;
  out.cells.reserve(text.size());
  uint32_t column = 0;
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    Cell cell{static_cast<uint32_t>(i), column, 1, 1, CellKind::kRaw, 0};
    if (c == '\t' && expand_tabs) {
      cell.kind = CellKind::kTab;
      cell.width = kTabStop - column % kTabStop;
    } else if (c < 0x20 || c == 0x7F) {
      cell.kind = CellKind::kByteEscape;
      cell.width = 4;  // <XX>
    } else if (c >= 0x80) {
      char32_t cp;
      const size_t size = DecodeUtf8(text.substr(i), &cp);
      if (size == 0) {
        cell.kind = CellKind::kByteEscape;
        cell.width = 4;
      } else {
        cell.size = static_cast<uint32_t>(size);
        if (MustEscape(cp)) {
          cell.kind = CellKind::kCodePointEscape;
          cell.code_point = cp;
          cell.width = static_cast<uint32_t>(CodePointEscape(cp).size());
        } else {
          cell.width = CodePointWidth(cp);
        }
      }
    }
    column += cell.width;
    i += cell.size;
    out.cells.push_back(cell);
  }
  out.width = column;
  return out;
}

void AppendCell(std::string* out, std::string_view text, const Cell& cell) {
  switch (cell.kind) {
    case CellKind::kRaw: out->append(text.substr(cell.byte, cell.size)); break;
    case CellKind::kTab: out->append(cell.width, ' '); break;
    case CellKind::kByteEscape:
      absl::StrAppendFormat(out, "<%02X>", static_cast<unsigned char>(text[cell.byte]));
      break;
    case CellKind::kCodePointEscape: out->append(CodePointEscape(cell.code_point)); break;
  }
}

// A message or path made safe for a terminal (tabs escaped as well).
std::string Sanitize(std::string_view text) {
  std::string out;
  for (const Cell& cell : BuildCells(text, /*expand_tabs=*/false).cells) {
    AppendCell(&out, text, cell);
  }
  return out;
}

// The display column where byte `byte` is drawn; the total width past the end.
uint32_t ColumnOf(const Cells& cells, uint32_t byte) {
  auto it = std::partition_point(cells.cells.begin(), cells.cells.end(),
                                 [byte](const Cell& c) { return c.byte + c.size <= byte; });
  return it == cells.cells.end() ? cells.width : it->column;
}

// The source line of range.begin and its caret line, with the gutter.
void AppendExcerpt(std::string* out, const SourceManager& sources, SourceRange range,
                   const RenderOptions& options) {
  const LineCol begin = sources.Position(range.file, range.begin);
  const std::string_view line = sources.LineText(range.file, begin.line);
  const auto line_size = static_cast<uint32_t>(line.size());
  const uint32_t begin_byte = begin.column - 1;  // line_size or more at the end
  uint32_t end_byte = begin_byte;
  if (range.end > range.begin) {
    const LineCol end = sources.Position(range.file, range.end);
    end_byte = end.line == begin.line ? std::min(end.column - 1, line_size) : line_size;
    end_byte = std::max(end_byte, begin_byte);
  }

  // Very long lines: look only at bytes near the caret.
  std::string_view shown = line;
  uint32_t shown_from = 0;
  bool cut_before = false;
  bool cut_after = false;
  if (line_size > kScanBytes) {
    uint32_t from = std::min(begin_byte > kScanBefore ? begin_byte - kScanBefore : 0, line_size);
    // Start on a character boundary, not on a continuation byte.
    while (from > 0 && from < begin_byte &&
           (static_cast<unsigned char>(line[from]) & 0xC0) == 0x80) {
      ++from;
    }
    const uint32_t to = std::min(line_size, from + kScanBytes);
    cut_before = from > 0;
    cut_after = to < line_size;
    shown = line.substr(from, to - from);
    shown_from = from;
  }
  const Cells cells = BuildCells(shown, /*expand_tabs=*/true);
  const uint32_t caret = ColumnOf(cells, begin_byte - shown_from);
  const uint32_t mark_end = std::max(ColumnOf(cells, end_byte - shown_from), caret + 1);

  // The window of display columns [window_begin, window_end) to show.
  uint32_t window_begin = 0;
  uint32_t window_end = cells.width;
  if (cut_before || cut_after || cells.width > kLongLine) {
    uint32_t from = caret > kContextBefore ? caret - kContextBefore : 0;
    uint32_t to = from + kWindow;
    if (to > cells.width) {
      to = cells.width;
      from = to > kWindow ? to - kWindow : 0;
    }
    // Cut between cells: the first cell starting at or after `from`, and
    // the last one ending at or before `to`.
    auto first = std::partition_point(cells.cells.begin(), cells.cells.end(),
                                      [from](const Cell& c) { return c.column < from; });
    window_begin = first == cells.cells.end() ? cells.width : first->column;
    window_end = window_begin;
    for (auto it = first; it != cells.cells.end() && it->column + it->width <= to; ++it) {
      window_end = it->column + it->width;
    }
  }
  const bool dots_before = cut_before || window_begin > 0;
  const bool dots_after = cut_after || window_end < cells.width;

  std::string echo;
  if (dots_before) echo.append(kEllipsis);
  for (const Cell& cell : cells.cells) {
    if (cell.column >= window_begin && cell.column + cell.width <= window_end) {
      AppendCell(&echo, shown, cell);
    }
  }
  if (dots_after) echo.append(kEllipsis);

  const uint32_t shift = dots_before ? static_cast<uint32_t>(kEllipsis.size()) : 0;
  const uint32_t visible_end = std::min(mark_end, std::max(window_end, caret + 1));
  std::string marks(1, '^');
  marks.append(visible_end - caret - 1, '~');

  const std::string number = absl::StrCat(begin.line);
  const size_t gutter = std::max<size_t>(4, number.size());
  absl::StrAppend(out, std::string(gutter - number.size() + 1, ' '), number, " |");
  if (!echo.empty()) absl::StrAppend(out, " ", echo);
  absl::StrAppend(out, "\n", std::string(gutter + 2, ' '), "| ",
                  std::string(shift + caret - window_begin, ' '));
  if (options.color) {
    absl::StrAppend(out, kGreen, marks, kReset, "\n");
  } else {
    absl::StrAppend(out, marks, "\n");
  }
}

// One diagnostic or note: the header line and, with a place, the excerpt.
void AppendEntry(std::string* out, const SourceManager& sources, SourceRange range,
                 Severity severity, std::string_view message, std::string_view kind,
                 const RenderOptions& options) {
  Span span;
  const bool placed = Resolve(sources, range, &span);
  const std::string where =
      placed ? absl::StrCat(Sanitize(span.path), ":", span.begin.line, ":", span.begin.column)
             : "cep";
  std::string text = Sanitize(message);
  if (!kind.empty()) absl::StrAppend(&text, " [", std::string(kind), "]");
  const std::string label(SeverityName(severity));
  if (options.color) {
    const char* color = severity == Severity::kError     ? kRed
                        : severity == Severity::kWarning ? kMagenta
                                                         : kCyan;
    absl::StrAppend(out, kBold, where, ": ", kReset, color, label, ": ", kReset);
    if (severity == Severity::kNote) {
      absl::StrAppend(out, text, "\n");
    } else {
      absl::StrAppend(out, kBold, text, kReset, "\n");
    }
  } else {
    absl::StrAppend(out, where, ": ", label, ": ", text, "\n");
  }
  if (placed) AppendExcerpt(out, sources, range, options);
}

std::string Count(uint32_t n, const char* noun) {
  return absl::StrCat(n, " ", noun, n == 1 ? "" : "s");
}

}  // namespace

void RenderText(const SourceManager& sources, const DiagnosticEngine& engine,
                const RenderOptions& options, std::ostream& out) {
  std::string text;
  for (const Diagnostic* d : engine.Sorted()) {
    AppendEntry(&text, sources, d->range, d->severity, d->message, Info(d->kind).name, options);
    for (const DiagNote& note : d->notes) {
      AppendEntry(&text, sources, note.range, Severity::kNote, note.message, "", options);
    }
  }
  if (engine.dropped_count() > 0) {
    absl::StrAppend(&text, "cep: too many errors emitted (", engine.dropped_count(),
                    " more not shown); stopping now\n");
  }
  std::vector<std::string> parts;
  if (engine.error_count() > 0) parts.push_back(Count(engine.error_count(), "error"));
  if (engine.warning_count() > 0) parts.push_back(Count(engine.warning_count(), "warning"));
  if (!parts.empty()) absl::StrAppend(&text, absl::StrJoin(parts, " and "), " generated.\n");
  out << text;
}

}  // namespace cep::render_internal
