// The front end as one call: load rule files with their imports, parse, and
// (when everything parsed) check. Used by the CLI, tests and the embedding
// API. Semantic checks run only on programs without syntax or import errors,
// so a broken file never produces cascades of follow-on errors.
#ifndef CEP_COMPILER_DRIVER_FRONTEND_H_
#define CEP_COMPILER_DRIVER_FRONTEND_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "compiler/ast/ast.h"
#include "compiler/check/checker.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/source/source_manager.h"

namespace cep::driver {

struct FrontendResult {
  ast::Program program;
  check::CheckedProgram checked;
  bool parsed = false;   // no syntax or import errors
  bool checked_ok = false;  // parsed and no semantic errors
};

// Status only for I/O failures of the root files (missing, unreadable).
absl::StatusOr<FrontendResult> CompileFiles(const std::vector<std::string>& paths,
                                            SourceManager& sources, DiagnosticEngine& diags);

FrontendResult CompileText(std::string display_path, std::string text, SourceManager& sources,
                           DiagnosticEngine& diags);

}  // namespace cep::driver

#endif  // CEP_COMPILER_DRIVER_FRONTEND_H_
