// Checks run over the token stream before parsing:
//  - malformed tokens (unterminated strings, regexes and comments, stray
//    bytes, invalid UTF-8) get their own precise diagnostics, and the parser's
//    generic syntax errors on those tokens are suppressed later;
//  - nesting depth: brackets, prefix operators and operator chains are
//    counted so that no input can make the recursive-descent parser, the AST
//    builder or the checker overflow the stack. Over the limit the file is
//    not parsed (one nesting-too-deep diagnostic instead).
// Linear in the number of tokens. Tested by tests/unit/parser_test.cc.
#ifndef CEP_COMPILER_PARSE_TOKEN_SCAN_H_
#define CEP_COMPILER_PARSE_TOKEN_SCAN_H_

#include <vector>

#include "antlr4-runtime.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/source/source_manager.h"

namespace cep::parse {

inline constexpr int kMaxBracketDepth = 256;
// Bound on the depth of any expression tree: brackets + operators that can
// nest (binary chains, prefix operators) along any path.
inline constexpr int kMaxExpressionDepth = 1000;

// Reports malformed tokens. Returns true when nesting is within limits.
bool ScanTokens(const std::vector<antlr4::Token*>& tokens, const SourceManager& sources,
                FileId file, DiagnosticEngine& diags);

// True for token types that ScanTokens reports itself.
bool IsMalformedToken(size_t token_type);

}  // namespace cep::parse

#endif  // CEP_COMPILER_PARSE_TOKEN_SCAN_H_
