// See formatter.h. Steps: the parser proper (compiler/parse) decides whether
// the file is valid and reports its errors; then the file is lexed again
// here, comments attached to code tokens (trivia.h), each item parsed on its
// own and laid out (layout.h), the items joined with the blank-line and
// alignment rules, and the document rendered (doc.h). Finally the result is
// parsed again and compared with the input.
#include "compiler/fmt/formatter.h"

#include <algorithm>

#include "CepLexer.h"
#include "CepParser.h"
#include "compiler/ast/ast_dump.h"
#include "compiler/fmt/doc.h"
#include "compiler/fmt/layout.h"
#include "compiler/fmt/trivia.h"
#include "compiler/parse/antlr_support.h"
#include "compiler/parse/parser.h"
#include "compiler/util/strcat.h"

namespace cep::fmt {
namespace {

using parse::gen::CepLexer;
using parse::gen::CepParser;

RawKind KindOf(const antlr4::Token* t) {
  switch (t->getType()) {
    case CepLexer::LINE_COMMENT: return RawKind::kLineComment;
    case CepLexer::BLOCK_COMMENT: return RawKind::kBlockComment;
    case CepLexer::WS:
    case CepLexer::RE_WS: return RawKind::kWhitespace;
    case antlr4::Token::EOF: return RawKind::kEof;
    default: return RawKind::kCode;
  }
}

// The lexer's tokens as plain ranges, and for each ANTLR token index the
// index of the code token (or -1 for whitespace and comments).
void RawTokens(const std::vector<antlr4::Token*>& tokens, size_t text_size,
               std::vector<RawToken>* raw, std::vector<int32_t>* code_index) {
  int32_t next = 0;
  for (antlr4::Token* t : tokens) {
    RawToken r;
    r.kind = KindOf(t);
    if (r.kind == RawKind::kEof) {
      r.begin = r.end = static_cast<uint32_t>(text_size);
    } else {
      r.begin = static_cast<uint32_t>(t->getStartIndex());
      r.end = static_cast<uint32_t>(t->getStopIndex() + 1);
    }
    raw->push_back(r);
    bool code = r.kind == RawKind::kCode || r.kind == RawKind::kEof;
    code_index->push_back(code ? next++ : -1);
  }
}

// What the comments say, as the formatter prints them: line comments
// without trailing blanks, block comments with "\n" line ends.
std::vector<std::string> CommentTexts(std::string_view text) {
  parse::ByteInputStream input(text);
  CepLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  std::vector<std::string> out;
  for (antlr4::Token* t : tokens.getTokens()) {
    RawKind k = KindOf(t);
    if (k != RawKind::kLineComment && k != RawKind::kBlockComment) continue;
    std::string s(text.substr(t->getStartIndex(), t->getStopIndex() + 1 - t->getStartIndex()));
    if (k == RawKind::kLineComment) {
      while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
    } else {
      std::string n;
      for (size_t i = 0; i < s.size(); ++i) {
        if (!(s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n')) n.push_back(s[i]);
      }
      s = std::move(n);
    }
    out.push_back(std::move(s));
  }
  return out;
}

// The AST dump without its " @line:col" places.
std::string DumpWithoutPlaces(const ast::Module& m, const SourceManager& sources) {
  std::string d = ast::DumpModule(m, sources);
  std::string out;
  out.reserve(d.size());
  for (size_t i = 0; i < d.size(); ++i) {
    if (d[i] == ' ' && i + 1 < d.size() && d[i + 1] == '@') {
      size_t j = i + 2;
      size_t digits = 0;
      while (j < d.size() && ((d[j] >= '0' && d[j] <= '9') || d[j] == ':')) {
        ++j;
        ++digits;
      }
      if (digits > 0 && (j == d.size() || d[j] == '\n')) {
        i = j - 1;
        continue;
      }
    }
    out.push_back(d[i]);
  }
  return out;
}

std::string FirstDifference(const std::string& a, const std::string& b) {
  size_t line = 1, start = 0;
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    if (a[i] != b[i]) break;
    if (a[i] == '\n') {
      ++line;
      start = i + 1;
    }
  }
  auto line_of = [&](const std::string& s) {
    size_t end = s.find('\n', start);
    return start >= s.size() ? std::string("<end>") : s.substr(start, end - start);
  };
  return StrCat("AST dump line ", line, ": '", line_of(a), "' became '", line_of(b), "'");
}

// Lays the whole file out.
absl::StatusOr<std::string> Layout(std::string_view text, int width) {
  parse::ByteInputStream input(text);
  CepLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  std::vector<RawToken> raw;
  std::vector<int32_t> code_index;
  RawTokens(tokens.getTokens(), text.size(), &raw, &code_index);
  Trivia trivia = AttachTrivia(text, raw);
  LayoutBuilder builder(text, trivia, std::move(code_index), width);

  std::vector<ItemLayout> items;
  tokens.seek(0);
  while (tokens.LA(1) != antlr4::Token::EOF) {
    size_t start = tokens.index();
    bool done = false;
    {
      // Fast SLL prediction first, as the parser proper does.
      CepParser parser(&tokens);
      parser.removeErrorListeners();
      parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
          antlr4::atn::PredictionMode::SLL);
      parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
      try {
        CepParser::ItemContext* item = parser.item();
        items.push_back(builder.Item(item));
        done = true;
      } catch (const antlr4::ParseCancellationException&) {
      }
    }
    if (!done) {
      tokens.seek(start);
      CepParser parser(&tokens);
      parser.removeErrorListeners();
      parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
      try {
        CepParser::ItemContext* item = parser.item();
        items.push_back(builder.Item(item));
      } catch (const antlr4::ParseCancellationException&) {
        return absl::InternalError("the formatter could not parse a file the parser accepted");
      }
    }
    if (tokens.index() == start) return absl::InternalError("the formatter's parser made no progress");
  }
  Doc end = builder.End();
  if (builder.missed()) return absl::InternalError("the formatter left a token out");

  // Alignment: runs of consecutive compact events (their `{`) or constants
  // (their `=`), one per line with no blank line or comment line between.
  // Like compact items (imports, one-line events, constants) may sit right
  // under each other; alignment runs also end at any blank line between them.
  auto alike = [&](size_t i) {
    return i > 0 && items[i].compact && items[i - 1].compact && items[i].kind == items[i - 1].kind;
  };
  auto joined = [&](size_t i) { return alike(i) && !items[i].first_blank; };
  auto same_run = [&](size_t i) {
    return alike(i) && !items[i].any_blank && !items[i].leading_comment;
  };
  for (size_t b = 0; b < items.size();) {
    size_t end_run = b + 1;
    bool alignable = items[b].compact && (items[b].kind == ItemLayout::Kind::kEvent ||
                                          items[b].kind == ItemLayout::Kind::kConst);
    while (alignable && end_run < items.size() && same_run(end_run)) {
      ++end_run;
    }
    if (alignable && end_run - b > 1) {
      int widest = 0;
      for (size_t i = b; i < end_run; ++i) widest = std::max(widest, items[i].name_width);
      for (size_t i = b; i < end_run; ++i) {
        int n = widest - items[i].name_width;
        if (items[i].flat_width + n > width) continue;  // padded it would not fit: left as is
        std::string pad(static_cast<size_t>(n), ' ');
        items[i].doc.SetIfBreak(items[i].pad_slot, pad, pad);
      }
    }
    b = end_run;
  }

  Doc file;
  for (size_t i = 0; i < items.size(); ++i) {
    // Like compact items keep the author's grouping; everything else is set
    // apart by a blank line.
    if (i > 0) file.Line(joined(i) ? LineKind::kHard : LineKind::kBlank);
    file.Append(items[i].doc);
  }
  file.Append(end);
  return Render(file, width);
}

absl::Status Verify(const SourceManager& sources, FileId file, const ast::Module& original,
                    const std::string& formatted) {
  SourceManager again;
  FileId f = again.AddBuffer(std::string(sources.path(file)), formatted);
  DiagnosticEngine diags;
  ast::Module m = parse::ParseModule(again, f, diags);
  if (diags.has_errors()) {
    const Diagnostic* d = diags.Sorted().front();
    LineCol lc = again.Position(f, d->range.begin);
    return absl::InternalError(StrCat("the formatted text does not parse (line ", lc.line, ": ",
                                      d->message, ")"));
  }
  std::string before = DumpWithoutPlaces(original, sources);
  std::string after = DumpWithoutPlaces(m, again);
  if (before != after) {
    return absl::InternalError(StrCat("formatting would change the meaning: ",
                                      FirstDifference(before, after)));
  }
  if (CommentTexts(sources.text(file)) != CommentTexts(formatted)) {
    return absl::InternalError("formatting would lose or reorder a comment");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> FormatFile(const SourceManager& sources, FileId file,
                                       DiagnosticEngine& diags, const FormatOptions& options) {
  uint32_t errors_before = diags.error_count();
  ast::Module original = parse::ParseModule(sources, file, diags);
  if (diags.error_count() > errors_before) {
    return absl::InvalidArgumentError(
        StrCat(sources.path(file), ": not formatted: it has syntax errors"));
  }
  absl::StatusOr<std::string> out;
  try {
    out = Layout(sources.text(file), options.width);
  } catch (const std::exception& e) {
    out = absl::InternalError(StrCat("formatter failure: ", e.what()));
  }
  if (!out.ok()) {
    return absl::InternalError(StrCat(sources.path(file), ": ", std::string(out.status().message())));
  }
  if (options.verify) {
    absl::Status s = Verify(sources, file, original, *out);
    if (!s.ok()) {
      return absl::InternalError(StrCat(sources.path(file), ": ", std::string(s.message()),
                                        "; the file was left alone (a cep fmt bug: please report it)"));
    }
  }
  return out;
}

absl::StatusOr<std::string> FormatText(std::string_view text, const FormatOptions& options) {
  SourceManager sources;
  FileId f = sources.AddBuffer("<text>", std::string(text));
  DiagnosticEngine diags;
  return FormatFile(sources, f, diags, options);
}

}  // namespace cep::fmt
