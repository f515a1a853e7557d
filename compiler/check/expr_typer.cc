// Expression typing: dispatch, names, field access and groups (see
// expr_typer.h). Bare names resolve by scope kind, in this order:
//   atom filter     field of the atom's type, pattern variable, prev, const
//   pattern output  pattern variable, partition key, const
//   from filter     field of the from type, the `as` alias, const
//   window output   group key (outside aggregates), alias, field (inside
//                   aggregates only; outside: ungrouped-field), const
//   const           const
// Tested by tests/unit/check_expr_test.cc and check_names_test.cc.
#include "compiler/check/expr_typer.h"

#include <algorithm>
#include <cctype>

#include "compiler/util/strcat.h"

namespace cep::check {

using Kind = ExprScope::Kind;

std::string ExprTyper::Text(const ast::Expr& e) const {
  if (e.range.valid() && e.range.file < ctx_.sources.file_count() && e.range.end > e.range.begin) {
    return std::string(ctx_.sources.text(e.range));
  }
  if (e.kind == ast::ExprKind::kName) return e.name.text;
  return "this expression";
}

std::string_view ExprTyper::VarName(int32_t var) const {
  if (scope_.rule == nullptr || var < 0 ||
      static_cast<size_t>(var) >= scope_.rule->variables.size()) {
    return "?";
  }
  return scope_.rule->variables[var].name.text;
}

Typed ExprTyper::Value(ast::Expr& e) { return Scalar(Visit(e), e); }

Typed ExprTyper::Condition(ast::Expr& e, std::string_view what) {
  Typed t = Value(e);
  if (!t.type.known()) return t;
  if (t.type.kind != TypeKind::kBool) {
    ctx_.diags.Report(DiagKind::kTypeMismatch, e.range,
                      StrCat("the ", what, " must be a bool condition, but '", Text(e),
                                   "' is ", TypeStr(t.type)));
    return Typed::Unknown();
  }
  return t;
}

Typed ExprTyper::Scalar(const Typed& t, const ast::Expr& e) {
  if (!t.type.group || agg_depth_ > 0) return t;
  std::string text = Text(e);
  std::string msg;
  if (t.group_of == kWindowEvents) {
    msg = StrCat("'", text,
                       "' holds one value per event of the window; aggregate it, e.g. "
                       "count() or last(",
                       text, ")");
  } else {
    std::string_view var = VarName(t.group_of);
    if (t.type.kind == TypeKind::kEvent) {
      msg = StrCat("'", text, "' holds every event bound to the repeated variable '", var,
                         "'; aggregate it, e.g. count(", var, ") or last(", var, ")");
    } else {
      std::string example =
          e.kind == ast::ExprKind::kField
              ? StrCat("last(", var, ").", e.name.text)
              : StrCat("max(", text, ")");
      msg = StrCat("'", text,
                         "' holds one value per event bound to the repeated variable '", var,
                         "'; aggregate it, e.g. ", example);
    }
    if (scope_.kind == Kind::kAtomFilter && scope_.own_var == t.group_of) {
      msg += StrCat("; for the current event write the field name alone");
    }
  }
  ctx_.diags.Report(DiagKind::kTypeMismatch, e.range, std::move(msg));
  return Typed::Unknown();
}

bool ExprTyper::MergeGroup(const Typed& a, const Typed& b, const ast::Expr& e, Typed* out) {
  if (a.type.group && b.type.group && a.group_of != b.group_of) {
    ctx_.diags.Report(DiagKind::kTypeMismatch, e.range,
                      StrCat("one aggregate cannot combine the events of '",
                                   VarName(a.group_of), "' and '", VarName(b.group_of), "'"));
    return false;
  }
  out->type.group = a.type.group || b.type.group;
  out->group_of = a.type.group ? a.group_of : b.group_of;
  return true;
}

Typed ExprTyper::Visit(ast::Expr& e) {
  Typed t;
  switch (e.kind) {
    case ast::ExprKind::kIntLit: t = Typed::Of(TypeKind::kInt); break;
    case ast::ExprKind::kFloatLit: t = Typed::Of(TypeKind::kFloat); break;
    case ast::ExprKind::kDurationLit: t = Typed::Of(TypeKind::kDuration); break;
    case ast::ExprKind::kStringLit: t = Typed::Of(TypeKind::kString); break;
    case ast::ExprKind::kBoolLit: t = Typed::Of(TypeKind::kBool); break;
    case ast::ExprKind::kNullLit: t = Typed::Of(TypeKind::kNull, /*nullable=*/true); break;
    case ast::ExprKind::kName: t = VisitName(e, /*field_base=*/false, nullptr); break;
    case ast::ExprKind::kField: t = VisitField(e); break;
    case ast::ExprKind::kCall: t = VisitCall(e); break;
    case ast::ExprKind::kUnary: t = VisitUnary(e); break;
    case ast::ExprKind::kBinary: t = VisitBinary(e); break;
    case ast::ExprKind::kIn: t = VisitIn(e); break;
    case ast::ExprKind::kIsNull: t = VisitIsNull(e); break;
    case ast::ExprKind::kRegexMatch: t = VisitRegexMatch(e); break;
    case ast::ExprKind::kError: break;  // the parser reported it
  }
  e.type = t.type;
  return t;
}

// ------------------------------------------------------------------ names

bool ExprTyper::ResolveField(ast::Expr& e, Typed* out) {
  if (scope_.current == nullptr) return false;
  const FieldInfo* f = scope_.current->FindField(e.name.text);
  if (f == nullptr) return false;
  e.ref = ast::NameRef::kField;
  e.slot = f->slot;
  *out = Typed{f->type, f->optional, kNoGroup};
  if (scope_.kind == Kind::kWindowOutput) {
    if (agg_depth_ == 0) {
      ctx_.diags.Report(DiagKind::kUngroupedField, e.range,
                        StrCat("field '", e.name.text,
                                     "' is neither a 'group by' key nor inside an aggregate; "
                                     "add it to 'group by' or aggregate it, e.g. last(",
                                     e.name.text, ")"));
      *out = Typed::Unknown();
      return true;
    }
    out->type.group = true;
    out->group_of = kWindowEvents;
  }
  return true;
}

bool ExprTyper::ResolveVariable(ast::Expr& e, Typed* out) {
  if (scope_.rule == nullptr) return false;
  const std::vector<ast::Variable>& vars = scope_.rule->variables;
  for (size_t i = 0; i < vars.size(); ++i) {
    const ast::Variable& v = vars[i];
    if (v.name.text != e.name.text) continue;
    VarView view;
    if (scope_.vars != nullptr && i < scope_.vars->size()) view = (*scope_.vars)[i];
    *out = Typed::Unknown();
    std::string_view name = v.name.text;
    std::string_view why;
    switch (view.access) {
      case VarAccess::kVisible:
      case VarAccess::kMaybeUnbound:
        break;
      case VarAccess::kLater:
        why = "' is bound by a later step; a filter can only read variables bound before it";
        break;
      case VarAccess::kSibling:
        why = "' is bound in another branch of the same all(...), which may match after this one";
        break;
      case VarAccess::kOtherBranch:
        why = "' is bound in another alternative of '|', so it is never bound when this step "
              "matches";
        break;
      case VarAccess::kEnclosing:
        why = "' names a group that contains this step; it is bound only when the whole group "
              "has matched";
        break;
    }
    if (!why.empty()) {
      ctx_.diags.Report(DiagKind::kUnknownVariable, e.range, StrCat("variable '", name, why))
          .Note(v.name.range, StrCat("'", name, "' bound here"));
      return true;
    }
    e.ref = ast::NameRef::kVariable;
    e.decl_index = static_cast<int32_t>(i);
    if (scope_.var_uses != nullptr && i < scope_.var_uses->size()) ++(*scope_.var_uses)[i];
    if (v.event_type == kNoEventType) {
      if (v.decl != nullptr && v.decl->kind != ast::PatternKind::kAtom) {
        ctx_.diags.Report(DiagKind::kTypeMismatch, e.range,
                          StrCat("'", name,
                                       "' is bound to a group of steps, not to one event; "
                                       "name the events inside the group and use those"));
      }
      return true;  // an atom with an unknown type: already reported
    }
    bool group = v.repeated;
    if (scope_.kind == Kind::kFromFilter || scope_.kind == Kind::kRowOutput) group = false;
    out->type = Type::Event(v.event_type, group);
    out->nullable = view.access == VarAccess::kMaybeUnbound;
    if (group) {
      out->group_of = scope_.kind == Kind::kWindowOutput ? kWindowEvents
                                                         : static_cast<int32_t>(i);
    }
    return true;
  }
  return false;
}

bool ExprTyper::ResolveKey(ast::Expr& e, Typed* out) {
  if (scope_.keys == nullptr) return false;
  for (const KeyName& k : *scope_.keys) {
    if (k.name != e.name.text) continue;
    e.ref = ast::NameRef::kGroupKey;
    e.decl_index = k.position;
    *out = Typed{k.type, k.nullable, kNoGroup};
    return true;
  }
  return false;
}

bool ExprTyper::ResolveConstName(ast::Expr& e, Typed* out) {
  int32_t index = LookupConst(ctx_, scope_.module, e.name.text);
  if (index < 0) return false;
  e.ref = ast::NameRef::kConst;
  e.decl_index = index;
  *out = Typed{ResolveConst(ctx_, index, e.range), false, kNoGroup};
  return true;
}

Typed ExprTyper::VisitName(ast::Expr& e, bool field_base, bool* is_prev) {
  Typed t;
  const bool prev_name = e.name.text == "prev";
  switch (scope_.kind) {
    case Kind::kConst:
      if (ResolveConstName(e, &t)) return t;
      break;
    case Kind::kAtomFilter:
      if (ResolveField(e, &t) || ResolveVariable(e, &t)) return t;
      if (prev_name && scope_.prev != nullptr) {
        const PrevInfo& prev = *scope_.prev;
        if (prev.types.empty()) {
          ctx_.diags.Report(DiagKind::kInvalidPrev, e.range,
                            StrCat("'prev' has no event here: ", prev.atom,
                                         " is always the first event of a match"));
          return Typed::Unknown();
        }
        e.ref = ast::NameRef::kPrev;
        if (std::find(prev.types.begin(), prev.types.end(), kNoEventType) != prev.types.end()) {
          return Typed::Unknown();  // a predecessor's type is unknown (reported)
        }
        if (field_base) {
          *is_prev = true;
          return Typed{Type::Event(prev.types.size() == 1 ? prev.types[0] : kNoEventType),
                       prev.may_be_first, kNoGroup};
        }
        if (prev.types.size() != 1) {
          ctx_.diags.Report(DiagKind::kTypeMismatch, e.range,
                            StrCat("'prev' can be events of different types here; read "
                                         "a field they share, e.g. prev.time"));
          return Typed::Unknown();
        }
        return Typed{Type::Event(prev.types[0]), prev.may_be_first, kNoGroup};
      }
      if (ResolveConstName(e, &t)) return t;
      break;
    case Kind::kPatternOutput:
      if (ResolveVariable(e, &t) || ResolveKey(e, &t) || ResolveConstName(e, &t)) return t;
      break;
    case Kind::kFromFilter:
    case Kind::kRowOutput:
      if (ResolveField(e, &t) || ResolveVariable(e, &t) || ResolveConstName(e, &t)) return t;
      break;
    case Kind::kWindowOutput:
      if (agg_depth_ == 0 && ResolveKey(e, &t)) return t;
      if (ResolveVariable(e, &t) || ResolveField(e, &t) || ResolveConstName(e, &t)) return t;
      break;
  }
  if (prev_name) {
    ctx_.diags.Report(DiagKind::kInvalidPrev, e.range,
                      "'prev' can only be used in the filter of a pattern step");
    return Typed::Unknown();
  }
  ReportUnknownName(e);
  return Typed::Unknown();
}

void ExprTyper::ReportUnknownName(ast::Expr& e) {
  const std::string& name = e.name.text;
  if (name.empty()) return;
  if (scope_.current != nullptr && !scope_.current->complete) return;  // rule cycle
  int32_t hidden = -1;
  LookupConst(ctx_, scope_.module, name, &hidden);
  if (hidden >= 0) {
    const CheckedConst& c = ctx_.out.consts[hidden];
    ctx_.diags
        .Report(DiagKind::kUnknownName, e.range,
                StrCat("unknown name '", name, "'; constant '", name,
                             "' is declared in '", ctx_.ModulePath(c.module),
                             "', which this file does not import"))
        .Note(c.decl->name.range, DeclaredHere(name));
    return;
  }
  if (scope_.kind == Kind::kConst) {
    ctx_.diags.Report(DiagKind::kUnknownName, e.range,
                      StrCat("unknown constant '", name,
                             "' (only literals and constants can be used here)",
                             Suggestion(name, VisibleConstNames(ctx_, scope_.module))));
    return;
  }
  if (const EventTypeInfo* t = ctx_.out.schema.Find(name);
      t != nullptr && ctx_.Visible(scope_.module, t->module)) {
    std::string var(1, static_cast<char>(std::tolower(static_cast<unsigned char>(name[0]))));
    std::string how = InPattern() ? StrCat("bind it to a variable (", var, ": ", name, ")")
                                  : StrCat("name the event with 'as' (from ", name, " as ", var,
                                           ")");
    ctx_.diags.Report(DiagKind::kUnknownName, e.range,
                      StrCat("'", name, "' is an event type, not a value; ", how,
                             " and read its fields (", var, ".field)"));
    return;
  }
  // A field of some bound event, written bare in a pattern rule's output.
  if (scope_.kind == Kind::kPatternOutput && scope_.rule != nullptr) {
    for (const ast::Variable& v : scope_.rule->variables) {
      if (v.event_type == kNoEventType) continue;
      if (ctx_.out.schema.type(v.event_type).FindField(name) != nullptr) {
        ctx_.diags.Report(DiagKind::kUnknownName, e.range,
                          StrCat("unknown name '", name,
                                       "'; to read the field of a matched event, qualify it "
                                       "with its variable, e.g. '",
                                       v.name.text, ".", name, "'"));
        return;
      }
    }
  }
  std::vector<std::string_view> candidates;
  if (scope_.current != nullptr) {
    for (std::string_view f : scope_.current->FieldNames()) candidates.push_back(f);
  }
  if (scope_.rule != nullptr) {
    for (size_t i = 0; i < scope_.rule->variables.size(); ++i) {
      if (scope_.vars == nullptr || i >= scope_.vars->size() ||
          (*scope_.vars)[i].access == VarAccess::kVisible ||
          (*scope_.vars)[i].access == VarAccess::kMaybeUnbound) {
        candidates.push_back(scope_.rule->variables[i].name.text);
      }
    }
  }
  if (scope_.keys != nullptr) {
    for (const KeyName& k : *scope_.keys) candidates.push_back(k.name);
  }
  for (std::string_view c : VisibleConstNames(ctx_, scope_.module)) candidates.push_back(c);
  if (scope_.current != nullptr &&
      (scope_.kind == Kind::kAtomFilter || scope_.kind == Kind::kFromFilter ||
       scope_.kind == Kind::kRowOutput)) {
    ctx_.diags
        .Report(DiagKind::kUnknownField, e.range,
                StrCat("unknown field '", name, "' in event type '",
                             scope_.current->name, "'", Suggestion(name, candidates)))
        .Note(scope_.current->range, DeclaredHere(scope_.current->name));
    return;
  }
  ctx_.diags.Report(DiagKind::kUnknownName, e.range,
                    StrCat("unknown name '", name, "'", Suggestion(name, candidates)));
}

// ------------------------------------------------------------------ fields

Typed ExprTyper::VisitField(ast::Expr& e) {
  if (e.args.empty() || e.args[0] == nullptr) return Typed::Unknown();
  ast::Expr& base = *e.args[0];
  Typed b;
  if (base.kind == ast::ExprKind::kName) {
    bool is_prev = false;
    b = VisitName(base, /*field_base=*/true, &is_prev);
    base.type = b.type;
    if (is_prev) return VisitPrevField(e, base);
  } else {
    b = Visit(base);
  }
  if (!b.type.known()) return Typed::Unknown();
  if (b.type.kind != TypeKind::kEvent) {
    ctx_.diags.Report(DiagKind::kTypeMismatch, base.range,
                      StrCat("'", Text(base), "' is ", TypeStr(b.type),
                                   ", not an event; it has no field '", e.name.text, "'"));
    return Typed::Unknown();
  }
  if (b.type.event_type == kNoEventType) return Typed::Unknown();
  const EventTypeInfo& t = ctx_.out.schema.type(b.type.event_type);
  const FieldInfo* f = t.FindField(e.name.text);
  if (f == nullptr) {
    if (!t.complete) return Typed::Unknown();
    ctx_.diags
        .Report(DiagKind::kUnknownField, e.name.range.valid() ? e.name.range : e.range,
                StrCat("unknown field '", e.name.text, "' in event type '", t.name, "'",
                             Suggestion(e.name.text, t.FieldNames())))
        .Note(t.range, DeclaredHere(t.name));
    return Typed::Unknown();
  }
  e.slot = f->slot;
  Typed out{f->type, b.nullable || f->optional, b.group_of};
  out.type.group = b.type.group;
  return out;
}

Typed ExprTyper::VisitPrevField(ast::Expr& e, ast::Expr& base) {
  const PrevInfo& prev = *scope_.prev;
  const FieldInfo* first = nullptr;
  bool same_slot = true;
  for (EventTypeId id : prev.types) {
    const EventTypeInfo& t = ctx_.out.schema.type(id);
    const FieldInfo* f = t.FindField(e.name.text);
    if (f == nullptr) {
      if (!t.complete) return Typed::Unknown();
      std::string msg =
          prev.types.size() == 1
              ? StrCat("unknown field '", e.name.text, "' in event type '", t.name, "'",
                             Suggestion(e.name.text, t.FieldNames()))
              : StrCat("'prev' can be an event of type '", t.name,
                             "' here, which has no field '", e.name.text, "'");
      ctx_.diags.Report(DiagKind::kUnknownField, e.name.range.valid() ? e.name.range : e.range,
                        std::move(msg))
          .Note(t.range, DeclaredHere(t.name));
      return Typed::Unknown();
    }
    if (first == nullptr) {
      first = f;
      continue;
    }
    if (!(f->type == first->type)) {
      ctx_.diags.Report(DiagKind::kTypeMismatch, e.range,
                        StrCat("'prev.", e.name.text, "' has different types here: ",
                                     TypeStr(first->type), " in '",
                                     ctx_.out.schema.type(prev.types[0]).name, "' and ",
                                     TypeStr(f->type), " in '", t.name, "'"));
      return Typed::Unknown();
    }
    if (f->slot != first->slot) same_slot = false;
  }
  if (first == nullptr) return Typed::Unknown();
  (void)base;
  // Per-type slots differ: later stages look the slot up per predecessor type.
  e.slot = same_slot ? first->slot : -1;
  return Typed{first->type, prev.may_be_first || first->optional, kNoGroup};
}

}  // namespace cep::check
