// Module scoping: which modules' declarations a module sees (its own and
// those it imports, transitively), and lookups of event types and consts by
// name with "did you mean" and "declared in X, which this file does not
// import" diagnostics. Visibility is a dense closure matrix: O(modules^2)
// memory, computed once by a BFS per module.
// Tested by tests/unit/check_names_test.cc.
#include <algorithm>
#include <deque>

#include "compiler/util/strcat.h"
#include "compiler/check/check_context.h"
#include "compiler/diag/suggest.h"

namespace cep::check {

std::string_view CheckContext::ModulePath(uint32_t module) const {
  FileId file = program.modules[module].file;
  if (file == kNoFile || file >= sources.file_count()) return "<input>";
  return sources.path(file);
}

SourceRange CheckContext::FileStart(uint32_t module) const {
  return SourceRange{program.modules[module].file, 0, 0};
}

std::string DeclaredHere(std::string_view name) {
  return StrCat("'", name, "' declared here");
}

std::string Suggestion(std::string_view name, const std::vector<std::string_view>& candidates) {
  return DidYouMean(name, candidates);
}

std::string JoinStrings(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out.append(sep);
    out += parts[i];
  }
  return out;
}

void ComputeVisibility(CheckContext& ctx) {
  const size_t n = ctx.program.modules.size();
  ctx.visible.assign(n, std::vector<bool>(n, false));
  for (size_t m = 0; m < n; ++m) {
    std::deque<size_t> queue{m};
    ctx.visible[m][m] = true;
    while (!queue.empty()) {
      size_t cur = queue.front();
      queue.pop_front();
      if (cur >= ctx.program.imports.size()) continue;
      for (uint32_t next : ctx.program.imports[cur]) {
        if (next < n && !ctx.visible[m][next]) {
          ctx.visible[m][next] = true;
          queue.push_back(next);
        }
      }
    }
  }
}

std::string NotImportedSuffix(const CheckContext& ctx, uint32_t declaring_module) {
  return StrCat("; it is declared in '", ctx.ModulePath(declaring_module),
                      "', which this file does not import");
}

std::vector<std::string_view> VisibleTypeNames(const CheckContext& ctx, uint32_t module) {
  std::vector<std::string_view> out;
  for (const EventTypeInfo& t : ctx.out.schema.types()) {
    if (ctx.Visible(module, t.module)) out.push_back(t.name);
  }
  return out;
}

const EventTypeInfo* LookupEventType(CheckContext& ctx, uint32_t module, const ast::Name& name,
                                     std::string_view what) {
  if (name.empty()) return nullptr;  // the parser already reported it
  const EventTypeInfo* t = ctx.out.schema.Find(name.text);
  if (t != nullptr && ctx.Visible(module, t->module)) return t;
  if (t != nullptr) {
    // The file declares the name itself, as a rejected duplicate: reported.
    for (const ast::EventDecl& e : ctx.program.modules[module].events) {
      if (e.name.text == name.text) return nullptr;
    }
    std::string where =
        t->derived
            ? StrCat("; it is emitted by a rule in '", ctx.ModulePath(t->module),
                           "', which this file does not import")
            : NotImportedSuffix(ctx, t->module);
    ctx.diags
        .Report(DiagKind::kUnknownType, name.range,
                StrCat("unknown ", what, " '", name.text, "'", where))
        .Note(t->range, DeclaredHere(t->name));
    return nullptr;
  }
  ctx.diags.Report(DiagKind::kUnknownType, name.range,
                   StrCat("unknown ", what, " '", name.text, "'",
                                Suggestion(name.text, VisibleTypeNames(ctx, module))));
  return nullptr;
}

int32_t LookupConst(const CheckContext& ctx, uint32_t module, std::string_view name,
                    int32_t* hidden) {
  auto it = ctx.const_by_name.find(absl::string_view(name.data(), name.size()));
  if (it == ctx.const_by_name.end()) return -1;
  if (ctx.Visible(module, ctx.out.consts[it->second].module)) return it->second;
  // The file declares the name itself, as a rejected duplicate: reported.
  for (const ast::ConstDecl& c : ctx.program.modules[module].consts) {
    if (c.name.text == name) return -1;
  }
  if (hidden != nullptr) *hidden = it->second;
  return -1;
}

std::vector<std::string_view> VisibleConstNames(const CheckContext& ctx, uint32_t module) {
  std::vector<std::string_view> out;
  for (const auto& [name, index] : ctx.const_by_name) {
    if (ctx.Visible(module, ctx.out.consts[index].module)) out.push_back(name);
  }
  std::sort(out.begin(), out.end());  // hash order must not pick the suggestion
  return out;
}

}  // namespace cep::check
