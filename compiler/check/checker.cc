// The checker's entry point: runs the program-wide passes in order, then
// every rule in dependency order (emitters before the rules that read their
// events). See checker.h for the language rules enforced.
// Tested by the tests/unit/check_*_test.cc files.
#include "compiler/check/checker.h"

#include "compiler/check/check_context.h"

namespace cep::check {

CheckedProgram Check(ast::Program& program, const SourceManager& sources,
                     DiagnosticEngine& diags) {
  CheckedProgram out;
  CheckContext ctx(program, sources, diags, out);
  ComputeVisibility(ctx);
  DeclareConstsAndRules(ctx);
  BuildDeclaredSchema(ctx);
  EvaluateConsts(ctx);
  for (uint32_t m = 0; m < program.modules.size(); ++m) {
    for (ast::EventDecl& e : program.modules[m].events) {
      CheckAnnotations(ctx, m, e.annotations, AnnotationTarget::kEvent, nullptr);
    }
    for (ast::ConstDecl& c : program.modules[m].consts) {
      CheckAnnotations(ctx, m, c.annotations, AnnotationTarget::kConst, nullptr);
    }
  }
  BuildRuleGraph(ctx);
  for (uint32_t r : out.rule_order) CheckRule(ctx, r);
  // A derived type whose only emitters failed early stays incomplete: mark it
  // complete so later stages see a plain (possibly empty) type.
  for (const EventTypeInfo& t : out.schema.types()) {
    if (!t.complete) out.schema.mutable_type(t.id).complete = true;
  }
  return out;
}

}  // namespace cep::check
