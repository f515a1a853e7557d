// Outputs of a rule: `emit T { f = e, ... }`, `on timeout emit`, `suppress`.
// Values are typed where they are written: in a pattern rule over the
// variables (fields of a variable that may be unbound may be null; under
// `on timeout emit` every variable but the one that starts every match may
// be), aggregates of repeated variables,
// partition keys and consts; in a windowed rule over group keys and
// aggregates of the window's events; in a plain `from` rule over the event's
// fields.
// T declared: every field must exist (unknown-field), take the value's type
// (int widens to float; type-mismatch), required fields must be set
// (missing-field) and should not get a value that may be null
// (optional-field-use). T undeclared: a derived event type whose fields are
// the emitted ones; the first emitter checked defines it, every other emit of
// T must set the same fields with the same types (int and float widen to
// float; a field that may be null anywhere is optional).
// O(fields). Tested by tests/unit/check_emit_test.cc.
#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "compiler/util/strcat.h"
#include "compiler/check/rule_state.h"

namespace cep::check {
namespace {

// The keys every derived event's output carries beside its fields
// (runtime/derived_json.h, docs/input.md): a field of the same name would
// write the key twice, and JSON readers keep only one of them. Null when
// `name` is not one of them (`time` has its own diagnostic).
struct OutputKey {
  std::string_view name, meaning, instead;
};
const OutputKey* FindOutputKey(std::string_view name) {
  static constexpr OutputKey kKeys[] = {
      {"type", "the derived event's type", "kind"},
      {"rule", "the rule that derived it", "source_rule"},
      {"events", "the sequence numbers of the events it matched", "event_count"},
      {"timeout", "whether `on timeout emit` derived it", "timed_out_after"},
  };
  for (const OutputKey& k : kKeys) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

struct EmitValue {
  ast::EmitField* field;
  Typed value;
};

std::string ValueText(const CheckContext& ctx, const ast::Expr& e) {
  if (!e.range.valid() || e.range.file >= ctx.sources.file_count() || e.range.end <= e.range.begin) {
    return "the value";
  }
  return std::string(ctx.sources.text(e.range));
}

// Checks one emit; returns the emitted type or kNoEventType.
EventTypeId CheckEmit(RuleState& rs, ast::EmitSpec& spec, const ExprScope& scope) {
  CheckContext& ctx = rs.ctx;
  Schema& schema = ctx.out.schema;
  const bool typed_values = scope.kind == ExprScope::Kind::kPatternOutput || scope.current != nullptr;

  // The values, and the checks that do not depend on the target type.
  std::vector<EmitValue> values;
  absl::flat_hash_map<std::string_view, const ast::EmitField*> seen;
  for (ast::EmitField& f : spec.fields) {
    Typed t;
    if (f.value != nullptr && typed_values) t = ExprTyper(ctx, scope).Value(*f.value);
    if (f.name.empty()) continue;
    if (f.name.text == kTimeFieldName) {
      ctx.diags.Report(DiagKind::kDuplicateField, f.name.range,
                       "field 'time' is built in: an emitted event takes the time of the event "
                       "that completed the match (or the end of the window)");
      continue;
    }
    if (const OutputKey* key = FindOutputKey(f.name.text)) {
      ctx.diags
          .Report(DiagKind::kDuplicateField, f.name.range,
                  StrCat("field '", f.name.text, "' is built into every derived event's output (",
                         key->meaning, ")"))
          .Note(SourceRange{}, StrCat("rename the field, e.g. '", key->instead, "'"));
      continue;
    }
    auto [it, inserted] = seen.emplace(f.name.text, &f);
    if (!inserted) {
      ctx.diags
          .Report(DiagKind::kDuplicateField, f.name.range,
                  StrCat("field '", f.name.text, "' is assigned twice"))
          .Note(it->second->name.range, "first assigned here");
      continue;
    }
    if (t.type.kind == TypeKind::kEvent && f.value != nullptr) {
      ctx.diags.Report(DiagKind::kTypeMismatch, f.value->range,
                       StrCat("a field holds a single value, but '",
                                    ValueText(ctx, *f.value), "' is ",
                                    TypeName(t.type, schema),
                                    "; emit one of its fields, e.g. '",
                                    ValueText(ctx, *f.value), ".time'"));
      t = Typed::Unknown();
    }
    values.push_back({&f, t});
  }
  if (spec.type_name.empty()) return kNoEventType;

  const EventTypeInfo* found = schema.Find(spec.type_name.text);
  if (found == nullptr || !found->derived) {
    const EventTypeInfo* t = LookupEventType(ctx, rs.module, spec.type_name);
    if (t == nullptr) return kNoEventType;
    // A declared type: check against its fields.
    std::vector<const FieldInfo*> set;
    for (const EmitValue& v : values) {
      const ast::EmitField& f = *v.field;
      const FieldInfo* fi = t->FindField(f.name.text);
      if (fi == nullptr) {
        ctx.diags
            .Report(DiagKind::kUnknownField, f.name.range,
                    StrCat("unknown field '", f.name.text, "' in event type '", t->name,
                                 "'", Suggestion(f.name.text, t->FieldNames())))
            .Note(t->range, DeclaredHere(t->name));
        continue;
      }
      set.push_back(fi);
      const Type& vt = v.value.type;
      if (!vt.known()) continue;
      const std::string text = ValueText(ctx, *f.value);
      if (vt.kind == TypeKind::kNull) {
        if (!fi->optional) {
          ctx.diags
              .Report(DiagKind::kTypeMismatch, f.value->range,
                      StrCat("field '", fi->name, "' of '", t->name,
                                   "' is required and cannot be null"))
              .Note(fi->range, StrCat("'", t->name, ".", fi->name, "' declared here"));
        }
        continue;
      }
      const bool widen = vt.kind == TypeKind::kInt && fi->type.kind == TypeKind::kFloat;
      if (vt.kind != fi->type.kind && !widen && fi->type.known()) {
        ctx.diags
            .Report(DiagKind::kTypeMismatch, f.value->range,
                    StrCat("field '", fi->name, "' of '", t->name, "' is ",
                                 TypeName(fi->type, schema), ", but '", text, "' is ",
                                 TypeName(vt, schema)))
            .Note(fi->range, StrCat("'", t->name, ".", fi->name, "' declared here"));
        continue;
      }
      if (v.value.nullable && !fi->optional) {
        ctx.diags
            .Report(DiagKind::kOptionalFieldUse, f.value->range,
                    StrCat("'", text, "' may be null, but field '", fi->name, "' of '",
                                 t->name, "' is required; give a default, e.g. coalesce(",
                                 text, ", ...)"))
            .Note(fi->range, StrCat("'", t->name, ".", fi->name, "' declared here"));
      }
    }
    std::vector<std::string> missing;
    for (const FieldInfo& fi : t->fields) {
      if (fi.builtin || fi.optional) continue;
      if (std::find(set.begin(), set.end(), &fi) == set.end()) {
        missing.push_back(StrCat("'", fi.name, "'"));
      }
    }
    if (!missing.empty()) {
      ctx.diags
          .Report(DiagKind::kMissingField, spec.type_name.range,
                  StrCat("emit of '", t->name, "' does not set the required field",
                               missing.size() == 1 ? " " : "s ", JoinStrings(missing, ", ")))
          .Note(t->range, DeclaredHere(t->name));
    }
    return t->id;
  }

  // A derived type.
  EventTypeInfo& t = schema.mutable_type(found->id);
  if (!t.complete) {
    for (const EmitValue& v : values) {
      Type type = v.value.type;
      if (type.kind == TypeKind::kNull) {
        ctx.diags.Report(DiagKind::kTypeMismatch, v.field->value->range,
                         StrCat("the type of field '", v.field->name.text,
                                      "' cannot be inferred from null; declare event type '",
                                      t.name, "' or emit a typed value"));
        type = Type{};
      }
      schema.AddField(t.id, v.field->name.text, type, v.value.nullable, v.field->name.range);
    }
    t.complete = true;
    t.emitted_by = static_cast<int32_t>(rs.rule_index);
    t.module = rs.module;
    t.range = spec.type_name.range;
    return t.id;
  }
  // Another emitter of a derived type: it must agree with the first.
  const std::string other =
      t.emitted_by >= 0 ? ctx.out.rules[t.emitted_by].rule->name.text : std::string("?");
  auto note = [&](DiagBuilder d) {
    d.Note(t.range, StrCat("'", t.name, "' first emitted here, by rule '", other, "'"));
  };
  std::vector<bool> covered(t.fields.size(), false);
  for (const EmitValue& v : values) {
    const ast::EmitField& f = *v.field;
    FieldInfo* fi = nullptr;
    for (FieldInfo& x : t.fields) {
      if (x.name == f.name.text && !x.builtin) fi = &x;
    }
    if (fi == nullptr) {
      note(ctx.diags.Report(DiagKind::kTypeMismatch, f.name.range,
                            StrCat("'", t.name, "' has no field '", f.name.text,
                                         "' where rule '", other,
                                         "' emits it; every rule emitting an undeclared event "
                                         "type must emit the same fields")));
      continue;
    }
    covered[fi->slot] = true;
    const Type& vt = v.value.type;
    if (v.value.nullable) fi->optional = true;
    if (!vt.known() || !fi->type.known() || vt.kind == TypeKind::kNull) continue;
    if (vt == fi->type) continue;
    if (vt.numeric() && fi->type.numeric()) {
      fi->type = Type::Of(TypeKind::kFloat);
      continue;
    }
    note(ctx.diags.Report(DiagKind::kTypeMismatch, f.value->range,
                          StrCat("field '", fi->name, "' of '", t.name, "' is ",
                                       TypeName(vt, schema), " here but ",
                                       TypeName(fi->type, schema), " in rule '", other, "'")));
  }
  std::vector<std::string> missing;
  for (const FieldInfo& fi : t.fields) {
    if (!fi.builtin && !covered[fi.slot]) missing.push_back(StrCat("'", fi.name, "'"));
  }
  if (!missing.empty()) {
    note(ctx.diags.Report(DiagKind::kTypeMismatch, spec.type_name.range,
                          StrCat("this emit of '", t.name, "' lacks the field",
                                       missing.size() == 1 ? " " : "s ",
                                       JoinStrings(missing, ", "), " that rule '", other,
                                       "' emits; every rule emitting an undeclared event type "
                                       "must emit the same fields")));
  }
  return t.id;
}

}  // namespace

void CheckOutputs(RuleState& rs) {
  ast::Rule& r = rs.rule;
  std::vector<VarView> views(r.variables.size());
  for (size_t i = 0; i < views.size() && i < rs.var_maybe_unbound.size(); ++i) {
    views[i].access = rs.var_maybe_unbound[i] ? VarAccess::kMaybeUnbound : VarAccess::kVisible;
    views[i].may_be_empty = rs.var_may_be_empty[i];
  }
  ExprScope scope;
  scope.module = rs.module;
  scope.rule = &r;
  scope.vars = &views;
  scope.keys = &rs.keys;
  scope.var_uses = &rs.var_uses;
  if (rs.is_pattern) {
    scope.kind = ExprScope::Kind::kPatternOutput;
  } else {
    scope.kind = rs.has_window ? ExprScope::Kind::kWindowOutput : ExprScope::Kind::kRowOutput;
    scope.current = rs.from_type;
  }
  if (r.emit.has_value()) {
    EventTypeId id = CheckEmit(rs, *r.emit, scope);
    r.emit->event_type = id;
    rs.out.emit_type = id;
  }
  if (r.timeout_emit.has_value() && rs.is_pattern) {
    // A timed-out partial match has certainly bound only the variable of the
    // step that every match starts with; any other may be unbound (null).
    std::vector<VarView> partial(views.size());
    for (size_t i = 0; i < partial.size(); ++i) {
      bool certain = !rs.first_atoms.empty() && !views[i].may_be_empty &&
                     views[i].access == VarAccess::kVisible;
      for (int32_t a : rs.first_atoms) {
        const AtomInfo& atom = rs.atoms[a];
        if (atom.negation != nullptr || atom.loop != nullptr ||
            atom.atom->var_index != static_cast<int32_t>(i)) {
          certain = false;
        }
      }
      partial[i].access = certain ? VarAccess::kVisible : VarAccess::kMaybeUnbound;
      partial[i].may_be_empty = !certain;
    }
    ExprScope timeout = scope;
    timeout.vars = &partial;
    EventTypeId id = CheckEmit(rs, *r.timeout_emit, timeout);
    r.timeout_emit->event_type = id;
    rs.out.timeout_emit_type = id;
  }
  if (r.suppress.has_value()) {
    ast::Suppress& s = *r.suppress;
    if (rs.is_pattern || rs.from_type != nullptr) {
      for (auto& key : s.keys) ExprTyper(rs.ctx, scope).Value(*key);
    }
    if (s.duration != nullptr) {
      rs.out.suppress_ns = EvalPositiveDuration(rs.ctx, rs.module, *s.duration, "suppression time");
    }
  }
}

}  // namespace cep::check
