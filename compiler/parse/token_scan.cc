// See token_scan.h.
#include "compiler/parse/token_scan.h"

#include <cstdio>

#include "compiler/util/strcat.h"
#include "compiler/parse/antlr_support.h"
#include "CepLexer.h"

namespace cep::parse {
namespace {

using gen::CepLexer;

// Length of the valid UTF-8 sequence at s[i], or 0 when it is invalid.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  size_t n;
  uint32_t min;
  if ((c & 0xE0) == 0xC0) { n = 2; min = 0x80; }
  else if ((c & 0xF0) == 0xE0) { n = 3; min = 0x800; }
  else if ((c & 0xF8) == 0xF0) { n = 4; min = 0x10000; }
  else return 0;
  if (i + n > s.size()) return 0;
  uint32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

std::string Printable(std::string_view bytes) {
  std::string out;
  for (unsigned char c : bytes) {
    if (c >= 0x20 && c < 0x7f) {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  return out;
}

bool IsChainOperator(size_t type) {
  switch (type) {
    case CepLexer::PLUS: case CepLexer::MINUS: case CepLexer::STAR: case CepLexer::SLASH:
    case CepLexer::PERCENT: case CepLexer::LT: case CepLexer::LE: case CepLexer::GT:
    case CepLexer::GE: case CepLexer::EQ: case CepLexer::NEQ: case CepLexer::AND:
    case CepLexer::OR: case CepLexer::ANDAND: case CepLexer::OROR: case CepLexer::DOT:
    case CepLexer::IN: case CepLexer::IS: case CepLexer::REGEX_MATCH:
    case CepLexer::REGEX_NOMATCH: case CepLexer::BANG: case CepLexer::NOT:
      return true;
    default:
      return false;
  }
}

// Tokens after which a clause or item starts: the operator count of the
// enclosing group restarts there, since clauses do not nest in one another.
bool StartsClause(size_t type) {
  switch (type) {
    case CepLexer::PATTERN: case CepLexer::FROM: case CepLexer::WINDOW: case CepLexer::GROUP:
    case CepLexer::HAVING: case CepLexer::PARTITION: case CepLexer::WITHIN:
    case CepLexer::AFTER: case CepLexer::EMIT: case CepLexer::ON: case CepLexer::SUPPRESS:
    case CepLexer::COMMA: case CepLexer::RULE: case CepLexer::EVENT: case CepLexer::CONST:
    case CepLexer::IMPORT: case CepLexer::AT:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool IsMalformedToken(size_t type) {
  return type == CepLexer::UNTERMINATED_STRING || type == CepLexer::UNTERMINATED_REGEX ||
         type == CepLexer::UNTERMINATED_COMMENT || type == CepLexer::BAD_CHAR;
}

bool ScanTokens(const std::vector<antlr4::Token*>& tokens, const SourceManager& sources,
                FileId file, DiagnosticEngine& diags) {
  std::string_view text = sources.text(file);

  // Invalid UTF-8 anywhere (strings and comments included): one diagnostic at
  // the first bad byte; the rest of the file is still checked.
  for (size_t i = 0; i < text.size();) {
    size_t n = Utf8SequenceLength(text, i);
    if (n == 0) {
      diags.Report(DiagKind::kInvalidEncoding, {file, static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1)},
                   StrCat("invalid UTF-8 byte ", Printable(text.substr(i, 1)),
                                "; rule files must be UTF-8"));
      break;
    }
    i += n;
  }

  // Malformed tokens. Runs of stray bytes are reported once.
  size_t last_bad_end = SIZE_MAX;
  for (antlr4::Token* t : tokens) {
    SourceRange r = TokenRange(file, t, text.size());
    switch (t->getType()) {
      case CepLexer::UNTERMINATED_STRING:
        diags.Report(DiagKind::kUnterminatedString, {file, r.begin, r.begin + 1},
                     "unterminated string literal: missing closing '\"' before the end of the line");
        break;
      case CepLexer::UNTERMINATED_REGEX:
        diags.Report(DiagKind::kUnterminatedRegex, {file, r.begin, r.begin + 1},
                     "unterminated regex literal: missing closing '/' before the end of the line");
        break;
      case CepLexer::UNTERMINATED_COMMENT:
        diags.Report(DiagKind::kUnterminatedComment, {file, r.begin, r.begin + 2},
                     "unterminated block comment: missing '*/'");
        break;
      case CepLexer::BAD_CHAR: {
        if (last_bad_end != SIZE_MAX && r.begin <= last_bad_end) {
          // Continues the run just reported (or a byte of its character).
          if (r.end > last_bad_end) last_bad_end = r.end;
          break;
        }
        // Stray bytes of a multi-byte character arrive one token per byte.
        size_t n = Utf8SequenceLength(text, r.begin);
        std::string shown = n > 1 ? std::string(text.substr(r.begin, n))
                                  : Printable(text.substr(r.begin, 1));
        if (n > 1) r.end = r.begin + static_cast<uint32_t>(n);
        diags.Report(DiagKind::kInvalidCharacter, r,
                     StrCat("unexpected character '", shown, "'"));
        last_bad_end = r.end;
        break;
      }
      default:
        break;
    }
  }

  // Nesting. A stack of groups; each group counts the operators seen in it
  // since the last clause start; depth = brackets + operators on the path.
  struct Group {
    int ops = 0;
  };
  std::vector<Group> groups(1);
  int total = 0;  // sum of groups[i].ops + number of open brackets
  for (antlr4::Token* t : tokens) {
    size_t type = t->getType();
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    if (type == CepLexer::LPAREN || type == CepLexer::LBRACK || type == CepLexer::LBRACE) {
      groups.push_back({});
      ++total;
      if (static_cast<int>(groups.size()) - 1 > kMaxBracketDepth) {
        diags.Report(DiagKind::kNestingTooDeep, TokenRange(file, t, text.size()),
                     StrCat("brackets nested more than ", kMaxBracketDepth,
                                  " deep; simplify the expression"));
        return false;
      }
    } else if (type == CepLexer::RPAREN || type == CepLexer::RBRACK || type == CepLexer::RBRACE) {
      if (groups.size() > 1) {
        total -= groups.back().ops + 1;
        groups.pop_back();
      }
    } else if (StartsClause(type)) {
      total -= groups.back().ops;
      groups.back().ops = 0;
    } else if (IsChainOperator(type)) {
      ++groups.back().ops;
      ++total;
    }
    if (total > kMaxExpressionDepth) {
      diags.Report(DiagKind::kNestingTooDeep, TokenRange(file, t, text.size()),
                   StrCat("expression nested more than ", kMaxExpressionDepth,
                                " levels deep (brackets and operators); split it with "
                                "constants or simpler conditions"));
      return false;
    }
  }
  return true;
}

}  // namespace cep::parse
