// Annotations: @severity("low"|"medium"|"high"|"critical") and
// @tags("a", ...) on rules, @doc("...") on anything. Arguments must be
// constant strings (type-mismatch); an annotation given twice is
// duplicate-annotation; an unknown one (or one on a declaration it does not
// apply to) is an unknown-annotation warning with did-you-mean.
// O(annotations). Tested by tests/unit/check_annotation_test.cc.
#include <algorithm>
#include <cstdint>
#include <iterator>

#include "absl/container/flat_hash_map.h"
#include "compiler/diag/suggest.h"
#include "compiler/util/strcat.h"
#include "compiler/check/check_context.h"

namespace cep::check {
namespace {

constexpr std::string_view kSeverities[] = {"low", "medium", "high", "critical"};

const char* TargetName(AnnotationTarget t) {
  switch (t) {
    case AnnotationTarget::kEvent: return "an event type";
    case AnnotationTarget::kConst: return "a constant";
    case AnnotationTarget::kRule: return "a rule";
  }
  return "a declaration";
}

// The constant string arguments, or nullopt (reported).
std::optional<std::vector<std::string>> StringArgs(CheckContext& ctx, uint32_t module,
                                                   ast::Annotation& a, size_t min, size_t max,
                                                   std::string_view usage) {
  bool ok = true;
  std::vector<std::string> out;
  for (auto& arg : a.args) {
    std::optional<ConstValue> v = EvalConstExpr(ctx, module, *arg, "annotation argument");
    if (!v.has_value()) {
      ok = false;
      continue;
    }
    if (v->kind != TypeKind::kString) {
      ctx.diags.Report(DiagKind::kTypeMismatch, arg->range,
                       StrCat("the arguments of '@", a.name.text,
                                    "' are strings; write ", usage));
      ok = false;
      continue;
    }
    out.push_back(v->s);
  }
  if (ok && (a.args.size() < min || a.args.size() > max)) {
    ctx.diags.Report(DiagKind::kWrongArgumentCount, a.range,
                     StrCat("'@", a.name.text, "' takes ",
                                  min == max ? StrCat(min) : StrCat("at least ", min),
                                  " string argument", min == 1 ? "" : "s",
                                  ", e.g. ", usage));
    return std::nullopt;
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace

void CheckAnnotations(CheckContext& ctx, uint32_t module,
                      std::vector<ast::Annotation>& annotations, AnnotationTarget target,
                      CheckedRule* rule) {
  absl::flat_hash_map<std::string_view, const ast::Annotation*> seen;
  for (ast::Annotation& a : annotations) {
    const std::string& name = a.name.text;
    const bool known = name == "severity" || name == "doc" || name == "tags";
    if (!known) {
      std::optional<std::string> suggestion = Suggest(name, {"severity", "doc", "tags"});
      ctx.diags.Report(DiagKind::kUnknownAnnotation, a.name.range.valid() ? a.name.range : a.range,
                       StrCat("unknown annotation '@", name, "'",
                              suggestion ? StrCat("; did you mean '@", *suggestion, "'?")
                                         : "; cep knows @severity, @doc and @tags"));
      continue;
    }
    if (name != "doc" && target != AnnotationTarget::kRule) {
      ctx.diags.Report(DiagKind::kUnknownAnnotation, a.name.range.valid() ? a.name.range : a.range,
                       StrCat("'@", name, "' has no effect on ", TargetName(target),
                                    "; it applies to rules"));
      continue;
    }
    auto [it, inserted] = seen.emplace(name, &a);
    if (!inserted) {
      ctx.diags
          .Report(DiagKind::kDuplicateAnnotation, a.range,
                  StrCat("'@", name, "' is given twice"))
          .Note(it->second->range, "first given here");
      continue;
    }
    if (name == "severity") {
      auto args = StringArgs(ctx, module, a, 1, 1, "@severity(\"high\")");
      if (!args.has_value()) continue;
      const std::string& s = (*args)[0];
      if (std::find(std::begin(kSeverities), std::end(kSeverities), s) == std::end(kSeverities)) {
        ctx.diags.Report(DiagKind::kTypeMismatch, a.args[0]->range,
                         StrCat("unknown severity \"", s, "\"",
                                      Suggestion(s, {"low", "medium", "high", "critical"}),
                                      "; the severities are \"low\", \"medium\", \"high\" and "
                                      "\"critical\""));
        continue;
      }
      if (rule != nullptr) rule->severity = s;
    } else if (name == "doc") {
      auto args = StringArgs(ctx, module, a, 1, 1, "@doc(\"what the rule detects\")");
      if (args.has_value() && rule != nullptr) rule->doc = (*args)[0];
    } else {
      auto args = StringArgs(ctx, module, a, 1, SIZE_MAX, "@tags(\"fraud\", \"login\")");
      if (args.has_value() && rule != nullptr) rule->tags = *args;
    }
  }
}

}  // namespace cep::check
