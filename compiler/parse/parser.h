// The parser: .cep text -> ast::Module. The only entry point of compiler/parse/;
// ANTLR types never appear outside this directory. Every syntax error is
// reported (ANTLR error recovery), with our own messages and exact ranges.
// Malformed literals (unterminated strings/regexes/comments, bad durations,
// out-of-range numbers, invalid bytes) get their own diagnostic kinds.
// Nesting is bounded (see nesting_scan.h) so no input can overflow the stack.
// Tested by tests/unit/parser_test.cc and tests/golden/.
#ifndef CEP_COMPILER_PARSE_PARSER_H_
#define CEP_COMPILER_PARSE_PARSER_H_

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/source/source_manager.h"

namespace cep::parse {

// Parses one file. On syntax errors the module holds whatever could be
// recovered; callers should not run the checker when `diags` has errors.
ast::Module ParseModule(const SourceManager& sources, FileId file, DiagnosticEngine& diags);

}  // namespace cep::parse

#endif  // CEP_COMPILER_PARSE_PARSER_H_
