// See parser.h. Lexes the whole file, scans the tokens (malformed literals,
// nesting), then parses item by item, each in two stages as ANTLR
// recommends: fast SLL prediction with a bail-out strategy, and only on
// failure full LL with error recovery and our listener, so that valid files
// parse quickly and invalid ones get every error reported.
#include "compiler/parse/parser.h"

#include <algorithm>
#include <vector>

#include "compiler/parse/antlr_support.h"
#include "compiler/parse/ast_builder.h"
#include "compiler/parse/syntax_errors.h"
#include "compiler/parse/token_scan.h"
#include "CepLexer.h"
#include "CepParser.h"

namespace cep::parse {

ast::Module ParseModule(const SourceManager& sources, FileId file, DiagnosticEngine& diags) {
  ast::Module module;
  module.file = file;
  try {
    ByteInputStream input(sources.text(file));
    gen::CepLexer lexer(&input);
    lexer.removeErrorListeners();  // the lexer cannot fail: BAD_CHAR catches all
    antlr4::CommonTokenStream tokens(&lexer);
    tokens.fill();
    if (!ScanTokens(tokens.getTokens(), sources, file, diags)) return module;

    // One item at a time, each with a parser of its own: a parse tree only
    // ever holds one item, so a 10 MB rule file costs the memory of its
    // tokens, not of a whole-file tree.
    SyntaxErrorListener listener(sources, file, diags, tokens.getTokens());
    // Where items can start (those keywords are reserved): after a broken
    // item, parsing resumes at the next one, whatever recovery consumed.
    std::vector<size_t> item_starts;
    for (antlr4::Token* t : tokens.getTokens()) {
      size_t type = t->getType();
      if (type == gen::CepLexer::IMPORT || type == gen::CepLexer::EVENT ||
          type == gen::CepLexer::CONST || type == gen::CepLexer::RULE ||
          type == gen::CepLexer::AT) {
        item_starts.push_back(t->getTokenIndex());
      }
    }
    tokens.seek(0);
    while (tokens.LA(1) != antlr4::Token::EOF) {
      size_t start = tokens.index();
      gen::CepParser::ItemContext* item = nullptr;
      {
        // Stage 1: SLL, bail at the first error.
        gen::CepParser parser(&tokens);
        parser.removeErrorListeners();
        parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
            antlr4::atn::PredictionMode::SLL);
        parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
        try {
          item = parser.item();
        } catch (const antlr4::ParseCancellationException&) {
          item = nullptr;
        }
        if (item != nullptr) BuildItem(item, sources, file, diags, module);
      }
      if (item == nullptr) {
        // Stage 2: full LL with recovery, reporting every error.
        tokens.seek(start);
        gen::CepParser parser(&tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
        parser.addErrorListener(&listener);
        auto next = std::upper_bound(item_starts.begin(), item_starts.end(), start);
        listener.set_limit(next == item_starts.end()
                               ? SIZE_MAX
                               : tokens.get(*next)->getStartIndex());
        int errors_before = listener.seen();
        item = parser.item();
        BuildItem(item, sources, file, diags, module);
        parser.removeErrorListeners();
        if (listener.seen() > errors_before) {
          tokens.seek(next == item_starts.end() ? tokens.size() - 1 : *next);
        }
      }
      // Recovery that consumed nothing must still move on.
      if (tokens.index() == start) tokens.consume();
    }
    return module;
  } catch (const std::exception& e) {
    // ANTLR's runtime should not throw past recovery; if it does, the user
    // still gets a located diagnostic rather than a crash.
    diags.Report(DiagKind::kSyntaxError, {file, 0, 0},
                 std::string("internal parser failure: ") + e.what());
    return module;
  }
}

}  // namespace cep::parse
