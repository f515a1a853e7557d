// See frontend.h.
#include "compiler/driver/frontend.h"

#include "compiler/driver/load.h"
#include "compiler/ir/lower.h"

namespace cep::driver {
namespace {

void CompileParsed(FrontendResult& r, const SourceManager& sources, DiagnosticEngine& diags,
                   const nfa::CompileLimits& limits) {
  r.parsed = !diags.has_errors();
  if (!r.parsed) return;
  r.checked = check::Check(r.program, sources, diags);
  r.checked_ok = !diags.has_errors();
  if (!r.checked_ok) return;
  r.ir = ir::Lower(r.checked);
  r.nfa = nfa::Compile(r.ir, limits, diags);
  r.compiled_ok = !diags.has_errors();
}

}  // namespace

absl::StatusOr<std::unique_ptr<FrontendResult>> CompileFiles(
    const std::vector<std::string>& paths, SourceManager& sources, DiagnosticEngine& diags,
    const nfa::CompileLimits& limits) {
  absl::StatusOr<ast::Program> program = LoadProgram(paths, sources, diags);
  if (!program.ok()) return program.status();
  auto r = std::make_unique<FrontendResult>();
  r->program = std::move(*program);
  CompileParsed(*r, sources, diags, limits);
  return r;
}

std::unique_ptr<FrontendResult> CompileText(std::string display_path, std::string text,
                                            SourceManager& sources, DiagnosticEngine& diags,
                                            const nfa::CompileLimits& limits) {
  auto r = std::make_unique<FrontendResult>();
  r->program = LoadProgramFromText(std::move(display_path), std::move(text), "", sources, diags);
  CompileParsed(*r, sources, diags, limits);
  return r;
}

}  // namespace cep::driver
