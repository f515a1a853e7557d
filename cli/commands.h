// Registration functions of the subcommands. Each adds its subcommand to the
// app and, when it is chosen, hands main() the action to run.
#ifndef CEP_CLI_COMMANDS_H_
#define CEP_CLI_COMMANDS_H_

#include <functional>

#include "CLI/CLI.hpp"

namespace cep::cli {

using SetAction = std::function<void(std::function<int()>)>;

void RegisterCheck(CLI::App& app, SetAction set_action);
void RegisterDump(CLI::App& app, SetAction set_action);
void RegisterExplain(CLI::App& app, SetAction set_action);
void RegisterRun(CLI::App& app, SetAction set_action);
void RegisterFmt(CLI::App& app, SetAction set_action);
void RegisterTest(CLI::App& app, SetAction set_action);

}  // namespace cep::cli

#endif  // CEP_CLI_COMMANDS_H_
