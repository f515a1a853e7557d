// A stable, indented text dump of an ast::Module for `cep dump --stage=ast`
// and golden tests. Expressions print as s-expressions on one line; places
// print as line:col. The format changes only together with its goldens.
// Tested by tests/golden/ast/.
#ifndef CEP_COMPILER_AST_AST_DUMP_H_
#define CEP_COMPILER_AST_AST_DUMP_H_

#include <string>

#include "compiler/ast/ast.h"
#include "compiler/source/source_manager.h"

namespace cep::ast {

std::string DumpModule(const Module& module, const SourceManager& sources);
std::string DumpExpr(const Expr& expr);

}  // namespace cep::ast

#endif  // CEP_COMPILER_AST_AST_DUMP_H_
