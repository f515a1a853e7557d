// The compiler as one call: load rule files with their imports, parse, (when
// everything parsed) check, and (when the checks pass) lower the pattern
// rules to IR and compile their automata. Used by the CLI, tests and the embedding
// API. Semantic checks run only on programs without syntax or import errors,
// so a broken file never produces cascades of follow-on errors.
#ifndef CEP_COMPILER_DRIVER_FRONTEND_H_
#define CEP_COMPILER_DRIVER_FRONTEND_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "compiler/ast/ast.h"
#include "compiler/check/checker.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/ir/pattern_ir.h"
#include "compiler/nfa/compile.h"
#include "compiler/nfa/prog.h"
#include "compiler/source/source_manager.h"

namespace cep::driver {

// Everything the compiler produced, each stage pointing into the one
// before: keep it in its unique_ptr (the addresses must not move).
struct FrontendResult {
  ast::Program program;
  check::CheckedProgram checked;
  ir::ProgramIR ir;        // pattern rules, lowered (when checked_ok)
  nfa::Prog nfa;           // their automata (when compiled_ok)
  bool parsed = false;      // no syntax or import errors
  bool checked_ok = false;  // parsed and no semantic errors
  bool compiled_ok = false; // checked and every automaton within budget
};

// Status only for I/O failures of the root files (missing, unreadable).
absl::StatusOr<std::unique_ptr<FrontendResult>> CompileFiles(
    const std::vector<std::string>& paths, SourceManager& sources, DiagnosticEngine& diags,
    const nfa::CompileLimits& limits = {});

std::unique_ptr<FrontendResult> CompileText(std::string display_path, std::string text,
                                            SourceManager& sources, DiagnosticEngine& diags,
                                            const nfa::CompileLimits& limits = {});

}  // namespace cep::driver

#endif  // CEP_COMPILER_DRIVER_FRONTEND_H_
