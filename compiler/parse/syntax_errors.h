// Turns ANTLR's syntax errors into our diagnostics: the exact range of the
// offending token, and a message in our words ("expected ')' , found 'x'")
// built from the parser's expected-token set. Errors on tokens that
// token_scan.h already reported are dropped, as are repeats at one token.
// To avoid cascades, after an error further errors are dropped until the next
// token that starts an item or a clause (those keywords are reserved), where
// the parser has resynchronised. Never throws. Tested by
// tests/unit/parser_test.cc.
#ifndef CEP_COMPILER_PARSE_SYNTAX_ERRORS_H_
#define CEP_COMPILER_PARSE_SYNTAX_ERRORS_H_

#include <vector>

#include "antlr4-runtime.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/source/source_manager.h"

namespace cep::parse {

class SyntaxErrorListener : public antlr4::BaseErrorListener {
 public:
  // `tokens`: the whole token stream, used to find resynchronisation points.
  SyntaxErrorListener(const SourceManager& sources, FileId file, DiagnosticEngine& diags,
                      const std::vector<antlr4::Token*>& tokens);

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line,
                   size_t column, const std::string& msg, std::exception_ptr e) override;

  int reported() const { return reported_; }
  // Every syntax error seen, reported or dropped.
  int seen() const { return seen_; }
  // Errors after this offset are dropped: they lie in the next item,
  // which is parsed on its own (recovery of a broken item can run into it).
  void set_limit(size_t offset) { limit_ = offset; }

 private:
  const SourceManager& sources_;
  FileId file_;
  DiagnosticEngine& diags_;
  std::vector<size_t> sync_offsets_;  // sorted starts of item/clause keywords
  size_t suppress_until_ = 0;         // drop errors before this offset
  int reported_ = 0;
  int seen_ = 0;
  size_t limit_ = SIZE_MAX;
};

}  // namespace cep::parse

#endif  // CEP_COMPILER_PARSE_SYNTAX_ERRORS_H_
