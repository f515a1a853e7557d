// Private to compiler/parse/: walks ANTLR's parse tree and builds our AST.
// Decodes literals (reporting malformed ones), rejects duplicate clauses,
// and tolerates the partial trees that error recovery leaves behind (every
// child may be null). Tested by tests/unit/parser_test.cc.
#ifndef CEP_COMPILER_PARSE_AST_BUILDER_H_
#define CEP_COMPILER_PARSE_AST_BUILDER_H_

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/source/source_manager.h"
#include "CepParser.h"

namespace cep::parse {

// Appends what one top-level item (import, event, const, rule) declares.
void BuildItem(gen::CepParser::ItemContext* item, const SourceManager& sources, FileId file,
               DiagnosticEngine& diags, ast::Module& module);

}  // namespace cep::parse

#endif  // CEP_COMPILER_PARSE_AST_BUILDER_H_
