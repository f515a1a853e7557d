// See parser.h. Lexes the whole file, scans the tokens (malformed literals,
// nesting), then parses in two stages as ANTLR recommends: fast SLL
// prediction with a bail-out strategy, and only on failure full LL with
// error recovery and our listener, so that valid files parse quickly and
// invalid ones get every error reported.
#include "compiler/parse/parser.h"

#include "compiler/parse/antlr_support.h"
#include "compiler/parse/ast_builder.h"
#include "compiler/parse/syntax_errors.h"
#include "compiler/parse/token_scan.h"
#include "CepLexer.h"
#include "CepParser.h"

namespace cep::parse {

ast::Module ParseModule(const SourceManager& sources, FileId file, DiagnosticEngine& diags) {
  ast::Module empty;
  empty.file = file;
  try {
    ByteInputStream input(sources.text(file));
    gen::CepLexer lexer(&input);
    lexer.removeErrorListeners();  // the lexer cannot fail: BAD_CHAR catches all
    antlr4::CommonTokenStream tokens(&lexer);
    tokens.fill();
    if (!ScanTokens(tokens.getTokens(), sources, file, diags)) return empty;

    gen::CepParser parser(&tokens);
    parser.removeErrorListeners();
    // Stage 1: SLL, bail at the first error.
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::SLL);
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    gen::CepParser::FileContext* tree = nullptr;
    try {
      tree = parser.file();
    } catch (const antlr4::ParseCancellationException&) {
      tree = nullptr;
    }
    if (tree == nullptr) {
      // Stage 2: full LL with recovery, reporting every error.
      tokens.seek(0);
      parser.reset();
      parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
          antlr4::atn::PredictionMode::LL);
      parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
      SyntaxErrorListener listener(sources, file, diags, tokens.getTokens());
      parser.addErrorListener(&listener);
      tree = parser.file();
      parser.removeErrorListeners();
    }
    return BuildModule(tree, sources, file, diags);
  } catch (const std::exception& e) {
    // ANTLR's runtime should not throw past recovery; if it does, the user
    // still gets a located diagnostic rather than a crash.
    diags.Report(DiagKind::kSyntaxError, {file, 0, 0},
                 std::string("internal parser failure: ") + e.what());
    return empty;
  }
}

}  // namespace cep::parse
