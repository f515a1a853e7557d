// See cli_common.h.
#include "cli/cli_common.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace cep::cli {
namespace {

bool StderrIsColorTerminal() {
  if (std::getenv("NO_COLOR") != nullptr) return false;
  const char* term = std::getenv("TERM");
  if (term == nullptr || std::string_view(term) == "dumb") return false;
  return isatty(STDERR_FILENO) != 0;
}

}  // namespace

void AddDiagOptions(CLI::App* cmd, DiagOptions* opts) {
  cmd->add_option("--diagnostics-format", opts->format,
                  "How to print diagnostics: text (stderr), json or sarif (stdout)")
      ->check(CLI::IsMember({"text", "json", "sarif"}))
      ->capture_default_str();
  cmd->add_option("--color", opts->color, "Colour text diagnostics: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_option("--max-errors", opts->max_errors,
                  "Stop reporting after this many errors (0: no limit)")
      ->capture_default_str();
}

void EmitDiagnostics(const SourceManager& sources, const DiagnosticEngine& diags,
                     const DiagOptions& opts) {
  RenderOptions ro;
  ro.tool_version = CEP_VERSION;
  if (opts.format == "json") {
    RenderDiagnostics(sources, diags, DiagFormat::kJson, ro, std::cout);
  } else if (opts.format == "sarif") {
    RenderDiagnostics(sources, diags, DiagFormat::kSarif, ro, std::cout);
  } else {
    ro.color = opts.color == "always" || (opts.color == "auto" && StderrIsColorTerminal());
    RenderDiagnostics(sources, diags, DiagFormat::kText, ro, std::cerr);
  }
  std::cout.flush();
  std::cerr.flush();
}

void PrintError(std::string_view message) {
  bool color = StderrIsColorTerminal();
  std::cerr << (color ? "\033[1mcep: \033[31merror:\033[0m " : "cep: error: ") << message << "\n";
}

}  // namespace cep::cli

namespace cep::cli {

void PrintError(const absl::Status& status) { PrintError(std::string(status.message())); }

}  // namespace cep::cli
