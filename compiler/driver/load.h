// Loads rule files and, transitively, the files they import, parsing each
// once. Import paths are relative to the importing file's directory (an
// absolute path is used as is). Files are identified by their canonical path
// so one file reached twice is loaded once.
//
// Problems in the rules (a missing imported file, an import cycle, syntax
// errors) are diagnostics; a root file that cannot be read is a Status (the
// CLI's exit code 2). Tested by tests/unit/load_test.cc.
#ifndef CEP_COMPILER_DRIVER_LOAD_H_
#define CEP_COMPILER_DRIVER_LOAD_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/source/source_manager.h"

namespace cep::driver {

absl::StatusOr<ast::Program> LoadProgram(const std::vector<std::string>& root_paths,
                                         SourceManager& sources, DiagnosticEngine& diags);

// One root given as text (tests, the embedding API). Imports are resolved
// relative to `base_dir` (may be empty: the current directory).
ast::Program LoadProgramFromText(std::string display_path, std::string text,
                                 const std::string& base_dir, SourceManager& sources,
                                 DiagnosticEngine& diags);

// Expands directories recursively into their *.cep files (sorted), keeps
// files as given. A path that does not exist is a NotFound Status.
absl::StatusOr<std::vector<std::string>> ExpandRulePaths(const std::vector<std::string>& paths);

}  // namespace cep::driver

#endif  // CEP_COMPILER_DRIVER_LOAD_H_
