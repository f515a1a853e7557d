// Registers the program's consts and rules: fills CheckedProgram::consts and
// ::rules in program order (module order, then declaration order) and reports
// duplicate-const / duplicate-rule with a note at the first declaration.
// Names are unique across the whole program, whatever the imports. Event
// types are registered by schema_builder.cc. O(declarations) with hashing.
// Tested by tests/unit/check_names_test.cc.
#include "compiler/util/strcat.h"
#include "compiler/check/check_context.h"

namespace cep::check {
namespace {

std::string InFile(const CheckContext& ctx, uint32_t first_module, uint32_t module) {
  if (first_module == module) return "";
  return StrCat(" in '", ctx.ModulePath(first_module), "'");
}

}  // namespace

void DeclareConstsAndRules(CheckContext& ctx) {
  for (uint32_t m = 0; m < ctx.program.modules.size(); ++m) {
    ast::Module& module = ctx.program.modules[m];
    for (ast::ConstDecl& c : module.consts) {
      int32_t index = static_cast<int32_t>(ctx.out.consts.size());
      CheckedConst cc;
      cc.name = c.name.text;
      cc.module = m;
      cc.decl = &c;
      ctx.out.consts.push_back(std::move(cc));
      ctx.const_state.push_back(CheckContext::ConstState::kPending);
      ctx.const_type.push_back(Type{});
      if (c.name.empty()) continue;
      auto [it, inserted] = ctx.const_by_name.emplace(c.name.text, index);
      if (!inserted) {
        const CheckedConst& first = ctx.out.consts[it->second];
        ctx.diags
            .Report(DiagKind::kDuplicateConst, c.name.range,
                    StrCat("constant '", c.name.text, "' is already declared",
                                 InFile(ctx, first.module, m)))
            .Note(first.decl->name.range, "previous declaration here");
      }
    }
    for (ast::Rule& r : module.rules) {
      int32_t index = static_cast<int32_t>(ctx.out.rules.size());
      CheckedRule cr;
      cr.rule = &r;
      cr.module = m;
      ctx.out.rules.push_back(std::move(cr));
      if (r.name.empty()) continue;
      auto [it, inserted] = ctx.rule_by_name.emplace(r.name.text, index);
      if (!inserted) {
        const CheckedRule& first = ctx.out.rules[it->second];
        ctx.diags
            .Report(DiagKind::kDuplicateRule, r.name.range,
                    StrCat("rule '", r.name.text, "' is already declared",
                                 InFile(ctx, first.module, m)))
            .Note(first.rule->name.range, "previous declaration here");
      }
    }
  }
}

}  // namespace cep::check
