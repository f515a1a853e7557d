// See frontend.h.
#include "compiler/driver/frontend.h"

#include "compiler/driver/load.h"

namespace cep::driver {
namespace {

void CheckIfParsed(FrontendResult& r, const SourceManager& sources, DiagnosticEngine& diags) {
  r.parsed = !diags.has_errors();
  if (!r.parsed) return;
  r.checked = check::Check(r.program, sources, diags);
  r.checked_ok = !diags.has_errors();
}

}  // namespace

absl::StatusOr<FrontendResult> CompileFiles(const std::vector<std::string>& paths,
                                            SourceManager& sources, DiagnosticEngine& diags) {
  absl::StatusOr<ast::Program> program = LoadProgram(paths, sources, diags);
  if (!program.ok()) return program.status();
  FrontendResult r;
  r.program = std::move(*program);
  CheckIfParsed(r, sources, diags);
  return r;
}

FrontendResult CompileText(std::string display_path, std::string text, SourceManager& sources,
                           DiagnosticEngine& diags) {
  FrontendResult r;
  r.program = LoadProgramFromText(std::move(display_path), std::move(text), "", sources, diags);
  CheckIfParsed(r, sources, diags);
  return r;
}

}  // namespace cep::driver
