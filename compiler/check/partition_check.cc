// Partition keys of a pattern rule (`partition by user` or, per type,
// `partition by Order.id, Payment.order_id`). Every event type the pattern
// reads (negated and `until` atoms too) gets the list of keys that apply to
// it: the unqualified keys and the keys qualified with its name, in written
// order. The lists must have the same length and, position by position, the
// same types (invalid-partition-key, with a note at the type that breaks the
// rule). Fills CheckedRule::partition and the key names that outputs may use
// bare (NameRef::kGroupKey, decl_index = key position).
// O(keys x types). Tested by tests/unit/check_partition_test.cc.
#include <algorithm>

#include "compiler/util/strcat.h"
#include "compiler/check/rule_state.h"

namespace cep::check {

void CheckPartitionKeys(RuleState& rs) {
  ast::Rule& r = rs.rule;
  if (r.partition_by.empty() || r.pattern == nullptr) return;
  CheckContext& ctx = rs.ctx;
  const Schema& schema = ctx.out.schema;

  std::vector<const EventTypeInfo*> types;  // in order of first appearance
  for (const AtomInfo& a : rs.atoms) {
    if (a.type == nullptr) return;  // an unknown type: already reported
    if (!a.type->complete) return;  // a rule cycle: already reported
    if (std::find(types.begin(), types.end(), a.type) == types.end()) types.push_back(a.type);
  }

  bool ok = true;
  // Qualifiers must name an event type of the pattern; fields must exist.
  std::vector<const EventTypeInfo*> qualifier(r.partition_by.size(), nullptr);
  for (size_t k = 0; k < r.partition_by.size(); ++k) {
    const ast::PartitionKey& key = r.partition_by[k];
    if (key.qualifier.empty()) continue;
    const EventTypeInfo* t = LookupEventType(ctx, rs.module, key.qualifier);
    if (t == nullptr) {
      ok = false;
      continue;
    }
    if (std::find(types.begin(), types.end(), t) == types.end()) {
      ctx.diags.Report(DiagKind::kInvalidPartitionKey, key.qualifier.range,
                       StrCat("'", t->name,
                                    "' is not an event type of this rule's pattern"));
      ok = false;
      continue;
    }
    qualifier[k] = t;
    if (t->FindField(key.field.text) == nullptr) {
      ctx.diags
          .Report(DiagKind::kUnknownField, key.field.range,
                  StrCat("unknown field '", key.field.text, "' in event type '", t->name,
                               "'", Suggestion(key.field.text, t->FieldNames())))
          .Note(t->range, DeclaredHere(t->name));
      ok = false;
    }
  }
  if (!ok) return;

  // Per type: the fields of its keys, in order.
  std::vector<std::vector<const FieldInfo*>> fields(types.size());
  std::vector<std::vector<const ast::PartitionKey*>> keys_of(types.size());
  for (size_t ti = 0; ti < types.size(); ++ti) {
    const EventTypeInfo* t = types[ti];
    for (size_t k = 0; k < r.partition_by.size(); ++k) {
      const ast::PartitionKey& key = r.partition_by[k];
      if (!key.qualifier.empty() && qualifier[k] != t) continue;
      const FieldInfo* f = t->FindField(key.field.text);
      if (f == nullptr) {
        ctx.diags
            .Report(DiagKind::kInvalidPartitionKey, key.field.range,
                    StrCat("partition key '", key.field.text, "' is not a field of '",
                                 t->name, "', which the pattern reads; name the key per "
                                 "type, e.g. '", t->name, ".<field>'"))
            .Note(t->range, DeclaredHere(t->name));
        ok = false;
        continue;
      }
      fields[ti].push_back(f);
      keys_of[ti].push_back(&key);
    }
  }
  if (!ok) return;

  // Same number of keys and the same types, position by position.
  const size_t n = fields[0].size();
  for (size_t ti = 1; ti < types.size(); ++ti) {
    if (fields[ti].size() != n) {
      const size_t fewer = fields[ti].size() < n ? ti : 0;
      const size_t more = fewer == 0 ? ti : 0;
      SourceRange all = SourceRange::Join(r.partition_by.front().range,
                                          r.partition_by.back().range);
      ctx.diags
          .Report(DiagKind::kInvalidPartitionKey, all,
                  StrCat("'", types[fewer]->name, "' has ", fields[fewer].size(),
                               " partition key", fields[fewer].size() == 1 ? "" : "s",
                               " but '", types[more]->name, "' has ", fields[more].size(),
                               "; every event type of the pattern needs one key per position, "
                               "e.g. '", types[fewer]->name, ".<field>'"))
          .Note(types[fewer]->range, DeclaredHere(types[fewer]->name));
      return;
    }
    for (size_t j = 0; j < n; ++j) {
      if (fields[ti][j]->type == fields[0][j]->type) continue;
      ctx.diags
          .Report(DiagKind::kInvalidPartitionKey, keys_of[ti][j]->range,
                  StrCat("partition key '", fields[ti][j]->name, "' is ",
                               TypeName(fields[ti][j]->type, schema), " in '", types[ti]->name,
                               "' but key '", fields[0][j]->name, "' is ",
                               TypeName(fields[0][j]->type, schema), " in '", types[0]->name,
                               "'; events of one partition must have equal keys"))
          .Note(fields[0][j]->range, StrCat("'", types[0]->name, ".",
                                                  fields[0][j]->name, "' declared here"));
      ok = false;
    }
  }
  if (!ok) return;

  rs.out.partition.clear();
  for (size_t ti = 0; ti < types.size(); ++ti) {
    PartitionSlots slots;
    slots.event_type = types[ti]->id;
    for (const FieldInfo* f : fields[ti]) slots.slots.push_back(f->slot);
    rs.out.partition.push_back(std::move(slots));
  }
  rs.out.partition_key_types.clear();
  for (size_t j = 0; j < n; ++j) {
    rs.out.partition_key_types.push_back(fields[0][j]->type);
    bool nullable = false;
    for (size_t ti = 0; ti < types.size(); ++ti) nullable |= fields[ti][j]->optional;
    for (size_t ti = 0; ti < types.size(); ++ti) {
      const std::string& name = fields[ti][j]->name;
      bool known = false;
      for (const KeyName& k : rs.keys) known |= k.name == name;
      if (!known) rs.keys.push_back({name, static_cast<int32_t>(j), fields[0][j]->type, nullable});
    }
  }
}

}  // namespace cep::check
