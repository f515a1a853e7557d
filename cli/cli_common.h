// Shared pieces of the cep subcommands: exit codes, diagnostic output
// options, colour detection. Each subcommand lives in cmd_<name>.cc and
// registers itself on the CLI11 app from main.cc.
#ifndef CEP_CLI_CLI_COMMON_H_
#define CEP_CLI_CLI_COMMON_H_

#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/diag/render.h"
#include "compiler/source/source_manager.h"

namespace cep::cli {

// Exit codes, documented in docs/cli.md.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRuleErrors = 1;  // errors in the rules
inline constexpr int kExitUsage = 2;       // bad usage or I/O failure

struct DiagOptions {
  std::string format = "text";  // text | json | sarif
  std::string color = "auto";   // auto | always | never
  uint32_t max_errors = 0;      // 0: unlimited
};

// Adds --diagnostics-format, --color and --max-errors to a subcommand.
void AddDiagOptions(CLI::App* cmd, DiagOptions* opts);

// Writes the diagnostics: text to stderr, json/sarif to stdout.
void EmitDiagnostics(const SourceManager& sources, const DiagnosticEngine& diags,
                     const DiagOptions& opts);

// Prints "cep: error: <message>" to stderr (colour when on a terminal).
void PrintError(std::string_view message);
void PrintError(const absl::Status& status);

}  // namespace cep::cli

#endif  // CEP_CLI_CLI_COMMON_H_
