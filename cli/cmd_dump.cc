// `cep dump --stage=ast|ir|nfa FILE`: print a pipeline stage's stable text
// dump. The AST dump shows what was recovered even with syntax errors; the
// later stages need a program without errors. Exit codes as for `cep check`.
#include <iostream>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "compiler/ast/ast_dump.h"
#include "compiler/driver/frontend.h"
#include "compiler/driver/load.h"
#include "compiler/nfa/dump.h"

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
  if (args.stage == "ast") {
    absl::StatusOr<ast::Program> program = driver::LoadProgram({args.path}, sources, diags);
    if (!program.ok()) {
      PrintError(program.status());
      return kExitUsage;
    }
    for (const ast::Module& m : program->modules) std::cout << ast::DumpModule(m, sources);
    EmitDiagnostics(sources, diags, args.diag);
    return diags.has_errors() ? kExitRuleErrors : kExitOk;
  }
  auto result = driver::CompileFiles({args.path}, sources, diags);
  if (!result.ok()) {
    PrintError(result.status());
    return kExitUsage;
  }
  const driver::FrontendResult& r = **result;
  if (r.compiled_ok) {
    if (args.stage == "ir") {
      std::cout << ir::Dump(r.ir, r.checked.schema);
    } else {
      for (size_t i = 0; i < r.nfa.rules.size(); ++i) {
        std::cout << nfa::DumpRule(r.nfa, i, r.checked.schema);
      }
    }
  }
  EmitDiagnostics(sources, diags, args.diag);
  return diags.has_errors() ? kExitRuleErrors : kExitOk;
}

}  // namespace

void RegisterDump(CLI::App& app, SetAction set_action) {
  auto args = std::make_shared<DumpArgs>();
  CLI::App* cmd = app.add_subcommand("dump", "Print a compiler stage as text (for debugging and tests)");
  cmd->add_option("--stage", args->stage, "Which stage: ast, ir (pattern IR) or nfa (automata)")
      ->check(CLI::IsMember({"ast", "ir", "nfa"}))
      ->capture_default_str();
  cmd->add_option("file", args->path, "Rule file")->required();
  AddDiagOptions(cmd, &args->diag);
  cmd->callback([args, set_action] { set_action([args] { return RunDump(*args); }); });
}

}  // namespace cep::cli
