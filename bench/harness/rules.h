// Compiles the rule files of one benchmark with the real compiler
// (compiler/driver/frontend.h), as `cep run` does, and answers what the
// harness needs to know about them. Diagnostics go to standard error.
// Used by cep_bench (bench/harness/bench_main.cc); exercised by bench/run --smoke.
#ifndef CEP_BENCH_HARNESS_RULES_H_
#define CEP_BENCH_HARNESS_RULES_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/driver/frontend.h"
#include "compiler/source/source_manager.h"

namespace cep::bench {

struct CompiledRules {
  SourceManager sources;
  DiagnosticEngine diags;
  std::unique_ptr<driver::FrontendResult> result;

  // Event types the rules read, by EventTypeId (what `cep run` parses;
  // other lines are skipped). When no rule reads anything: every type.
  std::vector<bool> UsedTypes() const;
  // Rules the engine compiles to automata (pattern rules).
  size_t pattern_rules() const { return result->ir.rules.size(); }
  // Rules of the program that are not pattern rules (`from` rules).
  size_t other_rules() const;
};

// Paths may be files or directories (every *.cep below). An error status
// when a file cannot be read or the rules do not compile (the diagnostics
// are printed).
absl::StatusOr<std::unique_ptr<CompiledRules>> CompileRules(const std::vector<std::string>& paths);

}  // namespace cep::bench

#endif  // CEP_BENCH_HARNESS_RULES_H_
