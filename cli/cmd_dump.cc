// `cep dump --stage=ast FILE`: print a pipeline stage's stable text dump
// (later stages join as they are built). Exit codes as for `cep check`.
#include <iostream>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "compiler/ast/ast_dump.h"
#include "compiler/driver/load.h"

namespace cep::cli {
namespace {

struct DumpArgs {
  std::string stage = "ast";
  std::string path;
  DiagOptions diag;
};

int RunDump(const DumpArgs& args) {
  SourceManager sources;
  DiagnosticEngine diags(args.diag.max_errors);
  absl::StatusOr<ast::Program> program = driver::LoadProgram({args.path}, sources, diags);
  if (!program.ok()) {
    PrintError(program.status().message());
    return kExitUsage;
  }
  // The AST dump shows what was recovered even when there are syntax errors.
  for (const ast::Module& m : program->modules) std::cout << ast::DumpModule(m, sources);
  EmitDiagnostics(sources, diags, args.diag);
  return diags.has_errors() ? kExitRuleErrors : kExitOk;
}

}  // namespace

void RegisterDump(CLI::App& app, SetAction set_action) {
  auto args = std::make_shared<DumpArgs>();
  CLI::App* cmd = app.add_subcommand("dump", "Print a compiler stage as text (for debugging and tests)");
  cmd->add_option("--stage", args->stage, "Which stage: ast")
      ->check(CLI::IsMember({"ast"}))
      ->capture_default_str();
  cmd->add_option("file", args->path, "Rule file")->required();
  AddDiagOptions(cmd, &args->diag);
  cmd->callback([args, set_action] { set_action([args] { return RunDump(*args); }); });
}

}  // namespace cep::cli
