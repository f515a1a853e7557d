// See syntax_errors.h.
#include "compiler/parse/syntax_errors.h"

#include <algorithm>
#include <string>
#include <vector>

#include "compiler/util/strcat.h"

#include "compiler/parse/antlr_support.h"
#include "compiler/parse/token_scan.h"
#include "CepLexer.h"
#include "CepParser.h"

namespace cep::parse {
namespace {

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ", ";
    out += names[i];
  }
  return out;
}

using gen::CepLexer;

std::string DisplayName(const antlr4::dfa::Vocabulary& vocab, size_t type) {
  switch (type) {
    case antlr4::Token::EOF: return "end of file";
    case CepLexer::IDENT: return "a name";
    case CepLexer::INT: return "an integer";
    case CepLexer::FLOAT: return "a number";
    case CepLexer::DURATION: return "a duration";
    case CepLexer::STRING: return "a string";
    case CepLexer::REGEX: return "a regex literal";
    default: break;
  }
  std::string lit = vocab.getLiteralName(type);
  if (!lit.empty()) return lit;  // already quoted: '->'
  return std::string(vocab.getSymbolicName(type));
}

// Keywords that the grammar's `name` rule also accepts as names.
bool IsSoftKeyword(size_t t) {
  switch (t) {
    case CepLexer::AS: case CepLexer::TUMBLING: case CepLexer::SLIDING: case CepLexer::SESSION:
    case CepLexer::GAP: case CepLexer::EVERY: case CepLexer::BY: case CepLexer::MATCH:
    case CepLexer::SKIP_: case CepLexer::PAST: case CepLexer::TO: case CepLexer::NEXT:
    case CepLexer::FIRST: case CepLexer::LAST: case CepLexer::NO: case CepLexer::TIMEOUT:
    case CepLexer::FOR: case CepLexer::ALL: case CepLexer::UNTIL: case CepLexer::STRICT:
    case CepLexer::ANY: case CepLexer::COUNT: case CepLexer::PREV:
      return true;
    default:
      return false;
  }
}

std::string Found(std::string_view text, const antlr4::Token* t) {
  if (t == nullptr || t->getType() == antlr4::Token::EOF) return "end of file";
  size_t b = t->getStartIndex();
  size_t e = t->getStopIndex() + 1;
  if (b >= text.size() || e > text.size() || e <= b) return "this";
  std::string_view s = text.substr(b, e - b);
  bool truncated = s.size() > 40;
  if (truncated) s = s.substr(0, 40);
  std::string out;
  for (unsigned char c : s) {
    if (c == '\n' || c == '\r' || c == '\t') out.push_back(' ');
    else if (c < 0x20 || c == 0x7f) out += "?";
    else out.push_back(static_cast<char>(c));
  }
  return StrCat("'", out, truncated ? "...'" : "'");
}

std::string Expected(antlr4::Parser* parser) {
  antlr4::misc::IntervalSet set;
  try {
    set = parser->getExpectedTokens();
  } catch (...) {
    return "";
  }
  std::vector<size_t> types;
  for (const auto& iv : set.getIntervals()) {
    for (ssize_t t = iv.a; t <= iv.b && types.size() < 200; ++t) types.push_back(static_cast<size_t>(t));
  }
  auto has = [&](size_t t) {
    for (size_t x : types) if (x == t) return true;
    return false;
  };
  if (has(CepLexer::PATTERN) && has(CepLexer::EMIT) && has(CepLexer::WINDOW)) {
    return "a rule clause (pattern, from, window, group by, having, partition by, within, "
           "after match, emit, on timeout emit, suppress) or '}'";
  }
  if (has(CepLexer::IMPORT) && has(CepLexer::RULE) && has(CepLexer::EVENT)) {
    return "'import', 'event', 'const', 'rule' or an annotation";
  }
  if (has(CepLexer::INT) && has(CepLexer::IDENT) && has(CepLexer::LPAREN) && has(CepLexer::STRING)) {
    return "an expression";
  }
  if (has(CepLexer::IDENT) && has(CepLexer::LPAREN) && has(CepLexer::ALL) && has(CepLexer::BANG)) {
    return "a pattern";
  }
  const antlr4::dfa::Vocabulary& vocab = parser->getVocabulary();
  std::vector<std::string> names;
  for (size_t t : types) {
    if (t == CepLexer::IDENT) {
      names.push_back("a name");
    } else if (!(has(CepLexer::IDENT) && IsSoftKeyword(t))) {
      names.push_back(DisplayName(vocab, t));
    }
  }
  if (names.empty()) return "";
  if (names.size() > 8) {
    names.resize(8);
    names.push_back("...");
  }
  if (names.size() == 1) return names[0];
  std::string last = names.back();
  names.pop_back();
  return StrCat(JoinNames(names), " or ", last);
}

}  // namespace

SyntaxErrorListener::SyntaxErrorListener(const SourceManager& sources, FileId file,
                                         DiagnosticEngine& diags,
                                         const std::vector<antlr4::Token*>& tokens)
    : sources_(sources), file_(file), diags_(diags) {
  for (antlr4::Token* t : tokens) {
    switch (t->getType()) {
      case CepLexer::IMPORT: case CepLexer::EVENT: case CepLexer::CONST: case CepLexer::RULE:
      case CepLexer::AT: case CepLexer::PATTERN: case CepLexer::FROM: case CepLexer::WINDOW:
      case CepLexer::GROUP: case CepLexer::HAVING: case CepLexer::PARTITION:
      case CepLexer::WITHIN: case CepLexer::AFTER: case CepLexer::EMIT: case CepLexer::ON:
      case CepLexer::SUPPRESS:
        sync_offsets_.push_back(t->getStartIndex());
        break;
      default:
        break;
    }
  }
}

void SyntaxErrorListener::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending,
                                      size_t line, size_t column, const std::string& msg,
                                      std::exception_ptr /*e*/) {
  std::string_view text = sources_.text(file_);
  if (offending != nullptr && IsMalformedToken(offending->getType())) return;
  SourceRange range = TokenRange(file_, offending, text.size());
  if (!range.valid()) {
    // No token (lexer error): place it by line and column.
    uint32_t off = sources_.LineStart(file_, static_cast<uint32_t>(line)) + static_cast<uint32_t>(column);
    range = {file_, off, off};
  }
  ++seen_;
  if (range.begin > limit_) return;
  if (reported_ > 0 && range.begin < suppress_until_) return;
  auto next = std::upper_bound(sync_offsets_.begin(), sync_offsets_.end(), range.begin);
  suppress_until_ = next == sync_offsets_.end() ? SIZE_MAX : *next;

  std::string message;
  if (auto* parser = dynamic_cast<antlr4::Parser*>(recognizer)) {
    std::string expected = Expected(parser);
    std::string found = Found(text, offending);
    if (!expected.empty()) {
      message = StrCat("expected ", expected, ", found ", found);
    } else {
      message = StrCat("unexpected ", found);
    }
  } else {
    message = msg;
  }
  ++reported_;
  diags_.Report(DiagKind::kSyntaxError, range, std::move(message));
}

}  // namespace cep::parse
