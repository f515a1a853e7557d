// The `cep` command line: subcommands check, dump (and more as the engine
// grows). Usage errors exit 2; see cli_common.h for the exit codes.
#include <iostream>

#include "CLI/CLI.hpp"
#include "cli/cli_common.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"cep: a complex event processing rule engine", "cep"};
  app.set_version_flag("-V,--version", std::string("cep ") + CEP_VERSION);
  app.require_subcommand(1);
  std::function<int()> action;
  auto set_action = [&action](std::function<int()> a) { action = std::move(a); };
  cep::cli::RegisterCheck(app, set_action);
  cep::cli::RegisterDump(app, set_action);
  cep::cli::RegisterExplain(app, set_action);
  cep::cli::RegisterRun(app, set_action);
  cep::cli::RegisterFmt(app, set_action);
  cep::cli::RegisterTest(app, set_action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return cep::cli::kExitUsage;
  }
  return action ? action() : cep::cli::kExitUsage;
}
