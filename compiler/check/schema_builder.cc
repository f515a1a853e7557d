// Builds the declared part of the Schema: one EventTypeId per `event`
// declaration in program order, slot 0 for the built-in `time`, then the
// declared fields in order. Reports duplicate-type (across the whole
// program), duplicate-field (including a field named `time`) and unknown-type
// for field types. Derived types are added later by rule_graph.cc.
// O(fields) with hashing.
// Tested by tests/unit/check_schema_test.cc.
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "compiler/util/strcat.h"
#include "compiler/check/check_context.h"

namespace cep::check {
namespace {

constexpr std::pair<std::string_view, TypeKind> kFieldTypes[] = {
    {"int", TypeKind::kInt},           {"float", TypeKind::kFloat},
    {"bool", TypeKind::kBool},         {"string", TypeKind::kString},
    {"timestamp", TypeKind::kTimestamp}, {"duration", TypeKind::kDuration},
};

// The scalar type a field declaration names; kUnknown (reported) otherwise.
Type FieldType(CheckContext& ctx, const ast::FieldDecl& f) {
  for (const auto& [name, kind] : kFieldTypes) {
    if (f.type_name.text == name) return Type::Of(kind);
  }
  if (f.type_name.empty()) return Type{};
  std::vector<std::string_view> names;
  for (const auto& entry : kFieldTypes) names.push_back(entry.first);
  std::string extra = Suggestion(f.type_name.text, names);
  // Type names from other languages.
  static constexpr std::pair<std::string_view, std::string_view> kForeign[] = {
      {"long", "int"},       {"int64", "int"},     {"double", "float"}, {"number", "float"},
      {"real", "float"},     {"decimal", "float"}, {"boolean", "bool"}, {"str", "string"},
      {"text", "string"},    {"datetime", "timestamp"}, {"date", "timestamp"},
      {"time", "timestamp"}, {"interval", "duration"},
  };
  for (const auto& [foreign, ours] : kForeign) {
    if (f.type_name.text == foreign) extra = StrCat("; did you mean '", ours, "'?");
  }
  if (extra.empty() && ctx.out.schema.Find(f.type_name.text) != nullptr) {
    extra = "; fields hold values (int, float, bool, string, timestamp, duration), not events";
  }
  ctx.diags.Report(DiagKind::kUnknownType, f.type_name.range,
                   StrCat("unknown field type '", f.type_name.text, "'", extra));
  return Type{};
}

}  // namespace

void BuildDeclaredSchema(CheckContext& ctx) {
  Schema& schema = ctx.out.schema;
  for (uint32_t m = 0; m < ctx.program.modules.size(); ++m) {
    for (const ast::EventDecl& decl : ctx.program.modules[m].events) {
      EventTypeId id = kNoEventType;
      if (!decl.name.empty()) {
        if (const EventTypeInfo* first = schema.Find(decl.name.text)) {
          std::string where = first->module == m
                                  ? std::string()
                                  : StrCat(" in '", ctx.ModulePath(first->module), "'");
          ctx.diags
              .Report(DiagKind::kDuplicateType, decl.name.range,
                      StrCat("event type '", decl.name.text, "' is already declared",
                                   where))
              .Note(first->range, "previous declaration here");
        } else {
          id = schema.Add(decl.name.text, /*derived=*/false, m, decl.name.range);
        }
      }
      absl::flat_hash_map<std::string_view, const ast::FieldDecl*> seen;
      for (const ast::FieldDecl& f : decl.fields) {
        Type type = FieldType(ctx, f);
        if (f.name.empty()) continue;
        if (f.name.text == kTimeFieldName) {
          ctx.diags
              .Report(DiagKind::kDuplicateField, f.name.range,
                      StrCat("field 'time' is built into every event type"))
              .Note(SourceRange{},
                    "'time' is the event time (a timestamp); rename this field, e.g. "
                    "'occurred_at'");
          continue;
        }
        auto [it, inserted] = seen.emplace(f.name.text, &f);
        if (!inserted) {
          ctx.diags
              .Report(DiagKind::kDuplicateField, f.name.range,
                      StrCat("field '", f.name.text, "' is already declared in '",
                                   decl.name.text, "'"))
              .Note(it->second->name.range, "previous declaration here");
          continue;
        }
        if (id != kNoEventType) {
          schema.AddField(id, f.name.text, type, f.optional, f.name.range);
        }
      }
    }
  }
}

}  // namespace cep::check
