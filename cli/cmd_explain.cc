// `cep explain FILE [--rule NAME] [--format text|dot]`: print each pattern
// rule's automaton — states, transitions with their predicates and
// contiguity policies, window, after-match strategy and partition keys — as
// text or as Graphviz DOT (`cep explain f.cep --format dot | dot -Tsvg`).
#include <iostream>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "compiler/driver/frontend.h"
#include "compiler/nfa/dump.h"

namespace cep::cli {
namespace {

struct ExplainArgs {
  std::string path;
  std::string rule;
  std::string format = "text";
  DiagOptions diag;
};

int RunExplain(const ExplainArgs& args) {
  SourceManager sources;
  DiagnosticEngine diags(args.diag.max_errors);
  auto result = driver::CompileFiles({args.path}, sources, diags);
  if (!result.ok()) {
    PrintError(result.status());
    return kExitUsage;
  }
  const driver::FrontendResult& r = **result;
  EmitDiagnostics(sources, diags, args.diag);
  if (!r.compiled_ok) return kExitRuleErrors;
  bool found = false;
  for (size_t i = 0; i < r.nfa.rules.size(); ++i) {
    if (!args.rule.empty() && r.ir.rules[i].name != args.rule) continue;
    found = true;
    std::cout << (args.format == "dot" ? nfa::DumpRuleDot(r.nfa, i, r.checked.schema)
                                       : nfa::DumpRule(r.nfa, i, r.checked.schema));
  }
  if (!found) {
    PrintError(args.rule.empty() ? std::string("no pattern rule in ") + args.path
                                 : "no pattern rule named '" + args.rule + "' in " + args.path);
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace

void RegisterExplain(CLI::App& app, SetAction set_action) {
  auto args = std::make_shared<ExplainArgs>();
  CLI::App* cmd = app.add_subcommand("explain", "Show the automaton each pattern rule compiles to");
  cmd->add_option("file", args->path, "Rule file")->required();
  cmd->add_option("--rule", args->rule, "Only this rule");
  cmd->add_option("--format", args->format, "text or dot (Graphviz)")
      ->check(CLI::IsMember({"text", "dot"}))
      ->capture_default_str();
  AddDiagOptions(cmd, &args->diag);
  cmd->callback([args, set_action] { set_action([args] { return RunExplain(*args); }); });
}

}  // namespace cep::cli
