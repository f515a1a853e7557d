// CompileRules / CompileRuleFiles (include/cep/rule_set.h): the compiler as
// `cep run` drives it (compiler/driver/frontend.h), its diagnostics handed
// back as values. Tested by tests/unit/api_compile_test.cc.
#include <memory>
#include <string>

#include "api/diagnostics_impl.h"
#include "api/rule_set_impl.h"
#include "cep/rule_set.h"
#include "compiler/driver/frontend.h"
#include "compiler/driver/load.h"
#include "compiler/util/strcat.h"

namespace cep {
namespace {

// "3 errors in the rules; the first: t.cep:2:7: error: ... [kind]".
std::string ErrorSummary(const Diagnostics& diags) {
  const CompileDiagnostic* first = nullptr;
  for (const CompileDiagnostic& d : diags.entries()) {
    if (d.severity == DiagnosticSeverity::kError) {
      first = &d;
      break;
    }
  }
  std::string out =
      StrCat(diags.error_count(), diags.error_count() == 1 ? " error" : " errors", " in the rules");
  if (first == nullptr) return out;
  out += "; the first: ";
  if (!first->file.empty()) out += StrCat(first->file, ":", first->line, ":", first->column, ": ");
  out += StrCat("error: ", first->message, " [", first->kind, "]");
  return out;
}

absl::StatusOr<RuleSet> Finish(std::shared_ptr<Compilation> compilation, Diagnostics* out) {
  Diagnostics diags = DiagnosticsAccess::Make(compilation);
  if (out != nullptr) *out = diags;
  const driver::FrontendResult* r = compilation->result.get();
  if (compilation->diags.has_errors()) return absl::InvalidArgumentError(ErrorSummary(diags));
  if (r == nullptr || !r->compiled_ok) {
    return absl::InternalError("the rules did not compile, but no error was reported");
  }
  return RuleSetAccess::Make(MakeRuleSetImpl(std::move(compilation), std::move(diags)));
}

}  // namespace

absl::StatusOr<RuleSet> CompileRules(std::string_view text, const CompileOptions& options,
                                     Diagnostics* diagnostics) {
  auto compilation = std::make_shared<Compilation>(options.max_errors);
  compilation->result = driver::CompileText(options.display_path, std::string(text),
                                            compilation->sources, compilation->diags);
  return Finish(std::move(compilation), diagnostics);
}

absl::StatusOr<RuleSet> CompileRuleFiles(const std::vector<std::string>& paths,
                                         const CompileOptions& options, Diagnostics* diagnostics) {
  if (diagnostics != nullptr) *diagnostics = Diagnostics();
  if (paths.empty()) return absl::InvalidArgumentError("no rule files given");
  absl::StatusOr<std::vector<std::string>> files = driver::ExpandRulePaths(paths);
  if (!files.ok()) return files.status();
  auto compilation = std::make_shared<Compilation>(options.max_errors);
  absl::StatusOr<std::unique_ptr<driver::FrontendResult>> result =
      driver::CompileFiles(*files, compilation->sources, compilation->diags);
  if (!result.ok()) return result.status();
  compilation->result = std::move(*result);
  return Finish(std::move(compilation), diagnostics);
}

}  // namespace cep
