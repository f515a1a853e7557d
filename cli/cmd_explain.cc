// `cep explain FILE [--rule NAME] [--format text|dot|svg]`: print each pattern
// rule's automaton — states, transitions with their predicates and
// contiguity policies, window, after-match strategy and partition keys —
// and what it implies (compiler/nfa/explain.h): the selection policies, the
// single-event predicates and the rules sharing them, and the static state
// estimate, flagged when it can explode. `--format dot` prints Graphviz DOT;
// `--format svg` runs Graphviz's `dot` (it must be on PATH) to draw every
// chosen rule in one picture. Windowed (`from`) rules have no automaton: the
// text format says how their window runs and what it keeps
// (compiler/nfa/explain_window.h); the graph formats skip them. Tested by tests/cli/cli_test.sh and
// tests/cli/tooling_test.sh.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "compiler/driver/frontend.h"
#include "compiler/nfa/dump.h"
#include "compiler/nfa/explain.h"
#include "compiler/nfa/explain_window.h"
#include "compiler/util/strcat.h"

namespace cep::cli {
namespace {

struct ExplainArgs {
  std::string path;
  std::string rule;
  std::string format = "text";
  DiagOptions diag;
};

// The full path of `program` on PATH, or empty.
std::string FindOnPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  std::string_view rest(path);
  while (true) {
    size_t colon = rest.find(':');
    std::string dir(rest.substr(0, colon));
    if (dir.empty()) dir = ".";
    std::string candidate = dir + "/" + program;
    if (access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate)) {
      return candidate;
    }
    if (colon == std::string_view::npos) return "";
    rest = rest.substr(colon + 1);
  }
}

// Runs `dot -Tsvg` on `graph`; the SVG text, or an error.
absl::StatusOr<std::string> RenderSvg(const std::string& dot, const std::string& graph) {
  char tmpl[] = "/tmp/cep-explain-XXXXXX";
  int fd = mkstemp(tmpl);
  if (fd < 0) return absl::InternalError("cannot create a temporary file for dot");
  close(fd);
  std::string input = tmpl;
  {
    std::ofstream out(input, std::ios::binary | std::ios::trunc);
    out << graph;
  }
  std::string command = "'" + dot + "' -Tsvg '" + input + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    std::remove(input.c_str());
    return absl::InternalError("cannot run " + dot);
  }
  std::string svg;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) svg.append(buf, n);
  int status = pclose(pipe);
  std::remove(input.c_str());
  if (status != 0) return absl::InternalError(StrCat(dot, " failed: ", svg));
  return svg;
}

int RunExplain(const ExplainArgs& args) {
  std::string dot;
  if (args.format == "svg") {
    dot = FindOnPath("dot");
    if (dot.empty()) {
      PrintError(
          "--format svg needs Graphviz's 'dot' program on PATH, and there is none (Debian: "
          "apt-get install graphviz); --format dot prints the graph for any Graphviz viewer");
      return kExitUsage;
    }
  }
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
  std::vector<std::string> texts = nfa::PredicateTexts(r.checked, r.ir, sources);
  // Pattern rules (automata) and windowed rules, in program order.
  struct Chosen {
    uint32_t order;
    bool window;
    size_t index;
  };
  std::vector<Chosen> rules;
  for (size_t i = 0; i < r.nfa.rules.size(); ++i) {
    if (args.rule.empty() || r.ir.rules[i].name == args.rule) {
      rules.push_back({r.ir.rules[i].rule_index, false, i});
    }
  }
  for (size_t i = 0; i < r.ir.window_rules.size(); ++i) {
    if (args.rule.empty() || r.ir.window_rules[i].name == args.rule) {
      rules.push_back({r.ir.window_rules[i].rule_index, true, i});
    }
  }
  std::sort(rules.begin(), rules.end(), [](const Chosen& a, const Chosen& b) { return a.order < b.order; });
  std::vector<size_t> chosen;
  std::vector<std::string> labels;
  for (const Chosen& c : rules) {
    if (c.window) {
      // A windowed rule has no automaton to draw; text only.
      if (args.format == "text") {
        std::cout << nfa::ExplainWindowRule(r.nfa, c.index, r.checked, sources, texts);
      }
      continue;
    }
    const size_t i = c.index;
    chosen.push_back(i);
    nfa::RuleFacts facts = nfa::ExplainRule(r.nfa, i, r.checked.schema, texts);
    if (args.format == "text") {
      std::cout << nfa::DumpRule(r.nfa, i, r.checked.schema) << nfa::FormatFacts(facts);
    } else if (args.format == "dot") {
      std::cout << nfa::DumpRuleDot(r.nfa, i, r.checked.schema);
    } else {
      labels.push_back(StrCat("state estimate: ", facts.estimate.Growth(),
                              facts.estimate.can_explode() ? " (can explode)" : ""));
    }
  }
  if (rules.empty()) {
    PrintError(args.rule.empty() ? std::string("no rule in ") + args.path
                                 : "no rule named '" + args.rule + "' in " + args.path);
    return kExitUsage;
  }
  if (chosen.empty() && args.format != "text") {
    PrintError(StrCat("--format ", args.format,
                      " draws automata, and only windowed rules were chosen; use --format text"));
    return kExitUsage;
  }
  if (args.format == "svg") {
    absl::StatusOr<std::string> svg =
        RenderSvg(dot, nfa::DumpRulesDot(r.nfa, chosen, r.checked.schema, labels));
    if (!svg.ok()) {
      PrintError(svg.status());
      return kExitUsage;
    }
    std::cout << *svg;
  }
  return kExitOk;
}

}  // namespace

void RegisterExplain(CLI::App& app, SetAction set_action) {
  auto args = std::make_shared<ExplainArgs>();
  CLI::App* cmd = app.add_subcommand(
      "explain", "Show each rule's automaton (or window), policies, shared predicates and state estimate");
  cmd->add_option("file", args->path, "Rule file")->required();
  cmd->add_option("--rule", args->rule, "Only this rule");
  cmd->add_option("--format", args->format,
                  "text, dot (Graphviz) or svg (drawn by Graphviz's dot, which must be on PATH)")
      ->check(CLI::IsMember({"text", "dot", "svg"}))
      ->capture_default_str();
  AddDiagOptions(cmd, &args->diag);
  cmd->callback([args, set_action] { set_action([args] { return RunExplain(*args); }); });
}

}  // namespace cep::cli
