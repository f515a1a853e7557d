// `cep fmt [FILES|DIRS] [--check] [-w] [-l]`: lay rule files out in the one
// canonical format (compiler/fmt/formatter.h; the rules are in
// docs/tooling.md). Directories are searched for *.cep; no path (or `-`)
// formats standard input.
//   default   print the formatted text to stdout
//   --check   print a unified diff for each file that is not formatted; exit 1 if any
//   -w        rewrite the files that are not formatted, in place
//   -l        list the files that are not formatted
// A file with syntax errors is never touched: its diagnostics are printed
// and the exit code is 1; the other files are still formatted. Exit 2 for
// usage and I/O errors. Tested by tests/cli/tooling_test.sh.
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "compiler/driver/load.h"
#include "compiler/fmt/formatter.h"
#include "compiler/fmt/unified_diff.h"
#include "compiler/util/strcat.h"

namespace cep::cli {
namespace {

struct FmtArgs {
  std::vector<std::string> paths;
  bool check = false;
  bool write = false;
  bool list = false;
  int width = fmt::kDefaultWidth;
  DiagOptions diag;
};

// Writes `text` to `path` through a temporary file renamed over it, so an
// interrupted write never leaves a half-written rule file.
absl::Status WriteFileAtomically(const std::string& path, const std::string& text) {
  std::string tmp = path + ".cep-fmt.tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return absl::PermissionDeniedError("cannot write " + tmp);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) return absl::DataLossError("error writing " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return absl::PermissionDeniedError("cannot replace " + path);
  }
  return absl::OkStatus();
}

int RunFmt(const FmtArgs& args) {
  if (args.check + args.write > 1) {
    PrintError("--check and -w exclude each other");
    return kExitUsage;
  }
  if (args.width < 40 || args.width > 1000) {
    PrintError("--width must be between 40 and 1000");
    return kExitUsage;
  }
  SourceManager sources;
  DiagnosticEngine diags(args.diag.max_errors);
  std::vector<FileId> files;
  bool from_stdin = args.paths.empty() || (args.paths.size() == 1 && args.paths[0] == "-");
  if (from_stdin) {
    if (args.write) {
      PrintError("-w needs files to rewrite, not standard input");
      return kExitUsage;
    }
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    files.push_back(sources.AddBuffer("<stdin>", std::move(text)));
  } else {
    absl::StatusOr<std::vector<std::string>> paths = driver::ExpandRulePaths(args.paths);
    if (!paths.ok()) {
      PrintError(paths.status());
      return kExitUsage;
    }
    for (const std::string& p : *paths) {
      absl::StatusOr<FileId> f = sources.LoadFile(p);
      if (!f.ok()) {
        PrintError(f.status());
        return kExitUsage;
      }
      files.push_back(*f);
    }
  }

  fmt::FormatOptions options;
  options.width = args.width;
  int exit = kExitOk;
  for (FileId f : files) {
    absl::StatusOr<std::string> out = fmt::FormatFile(sources, f, diags, options);
    if (!out.ok()) {
      // Syntax errors are already diagnostics; anything else is reported here.
      if (!absl::IsInvalidArgument(out.status())) PrintError(out.status());
      exit = kExitRuleErrors;
      continue;
    }
    std::string path(sources.path(f));
    std::string_view original = sources.text(f);
    bool changed = *out != original;
    if (args.list && changed) std::cout << path << "\n";
    if (args.check) {
      if (changed) {
        std::cout << fmt::UnifiedDiff(original, *out, path + " (original)", path + " (formatted)");
        exit = kExitRuleErrors;
      }
    } else if (args.write) {
      if (changed) {
        absl::Status s = WriteFileAtomically(path, *out);
        if (!s.ok()) {
          PrintError(s);
          return kExitUsage;
        }
      }
    } else if (!args.list) {
      std::cout << *out;
    }
  }
  std::cout.flush();
  if (diags.has_errors()) EmitDiagnostics(sources, diags, args.diag);
  if (args.check && exit == kExitRuleErrors && !diags.has_errors()) {
    std::cerr << "cep: some files are not formatted; run cep fmt -w to format them\n";
  }
  return exit;
}

}  // namespace

void RegisterFmt(CLI::App& app, SetAction set_action) {
  auto args = std::make_shared<FmtArgs>();
  CLI::App* cmd = app.add_subcommand(
      "fmt", "Format rule files in the canonical layout (stdout, --check or -w)");
  cmd->add_option("paths", args->paths,
                  "Rule files or directories (searched for *.cep); none or '-': standard input");
  cmd->add_flag("--check", args->check,
                "Print a diff for each file that is not formatted and exit 1; change nothing");
  cmd->add_flag("-w,--write", args->write, "Rewrite files that are not formatted, in place");
  cmd->add_flag("-l,--list", args->list, "List the files that are not formatted");
  cmd->add_option("--width", args->width, "Line width")->capture_default_str();
  AddDiagOptions(cmd, &args->diag);
  cmd->callback([args, set_action] { set_action([args] { return RunFmt(*args); }); });
}

}  // namespace cep::cli
