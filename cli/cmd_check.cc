// `cep check FILE_OR_DIR...`: parse and check rule files (directories are
// searched recursively for *.cep) and report every diagnostic.
// Exit 0 when there are no errors (warnings allowed), 1 on errors in the
// rules, 2 on usage or I/O errors.
#include <iostream>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "compiler/driver/frontend.h"
#include "compiler/driver/load.h"

namespace cep::cli {
namespace {

struct CheckArgs {
  std::vector<std::string> paths;
  DiagOptions diag;
  bool quiet = false;
};

int RunCheck(const CheckArgs& args) {
  absl::StatusOr<std::vector<std::string>> files = driver::ExpandRulePaths(args.paths);
  if (!files.ok()) {
    PrintError(files.status());
    return kExitUsage;
  }
  SourceManager sources;
  DiagnosticEngine diags(args.diag.max_errors);
  auto result = driver::CompileFiles(*files, sources, diags);
  if (!result.ok()) {
    PrintError(result.status());
    return kExitUsage;
  }
  EmitDiagnostics(sources, diags, args.diag);
  if (!args.quiet && args.diag.format == "text" && !diags.has_errors()) {
    size_t rules = 0;
    for (const auto& m : (*result)->program.modules) rules += m.rules.size();
    std::cerr << "cep: checked " << (*result)->program.modules.size() << " file"
              << ((*result)->program.modules.size() == 1 ? "" : "s") << ", " << rules << " rule"
              << (rules == 1 ? "" : "s") << ": no errors\n";
  }
  return diags.has_errors() ? kExitRuleErrors : kExitOk;
}

}  // namespace

void RegisterCheck(CLI::App& app, SetAction set_action) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand("check", "Parse and check rule files; report every problem");
  cmd->add_option("paths", args->paths, "Rule files or directories (searched for *.cep)")
      ->required();
  AddDiagOptions(cmd, &args->diag);
  cmd->add_flag("-q,--quiet", args->quiet, "Print nothing when there are no diagnostics");
  cmd->callback([args, set_action] { set_action([args] { return RunCheck(*args); }); });
}

}  // namespace cep::cli
