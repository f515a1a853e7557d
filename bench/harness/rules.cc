// See rules.h.
#include "bench/harness/rules.h"

#include <iostream>

#include "compiler/diag/render.h"
#include "compiler/driver/load.h"

namespace cep::bench {

std::vector<bool> CompiledRules::UsedTypes() const {
  const check::Schema& schema = result->checked.schema;
  std::vector<bool> used(schema.size(), false);
  bool any = false;
  for (const ir::RuleIR& rule : result->ir.rules) {
    for (EventTypeId t : rule.input_types) used[t] = any = true;
  }
  for (const ir::WindowRuleIR& rule : result->ir.window_rules) used[rule.type] = any = true;
  if (!any) used.assign(schema.size(), true);
  return used;
}

size_t CompiledRules::other_rules() const {
  size_t n = 0;
  for (const check::CheckedRule& rule : result->checked.rules) n += rule.is_pattern ? 0 : 1;
  return n;
}

absl::StatusOr<std::unique_ptr<CompiledRules>> CompileRules(const std::vector<std::string>& paths) {
  absl::StatusOr<std::vector<std::string>> files = driver::ExpandRulePaths(paths);
  if (!files.ok()) return files.status();
  auto rules = std::make_unique<CompiledRules>();
  auto compiled = driver::CompileFiles(*files, rules->sources, rules->diags);
  if (!compiled.ok()) return compiled.status();
  rules->result = std::move(*compiled);
  if (rules->diags.has_errors() || rules->diags.warning_count() > 0) {
    RenderDiagnostics(rules->sources, rules->diags, DiagFormat::kText, {}, std::cerr);
  }
  if (!rules->result->compiled_ok) return absl::InvalidArgumentError("the rules do not compile");
  return rules;
}

}  // namespace cep::bench
