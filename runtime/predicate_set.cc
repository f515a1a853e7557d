// See predicate_set.h.
#include "runtime/predicate_set.h"

#include <map>
#include <optional>
#include <tuple>

namespace cep::rt {

namespace {

// A predicate that is true exactly when field `slot` of the event has the
// tag `tag` and equals one of `constants` (all of that tag), false when the
// field is null.
struct Equality {
  uint32_t slot = 0;
  Tag tag = Tag::kNull;
  std::vector<Value> constants;
};

bool IndexableTag(Tag t) {
  return t == Tag::kString || t == Tag::kInt || t == Tag::kTimestamp || t == Tag::kDuration;
}

// `field == constant` (either order) as a compiled comparison. kCmpString on
// two strings is byte equality; kCmpInt on two values of one tag compares
// their int payloads — what a hash of the bytes or the int decides.
std::optional<Equality> FromComparison(const FastTest& t) {
  if (t.shape != FastTest::Shape::kCompare || t.x != static_cast<uint8_t>(expr::CmpOp::kEq)) {
    return std::nullopt;
  }
  if (t.op != expr::Op::kCmpString && t.op != expr::Op::kCmpInt) return std::nullopt;
  const FastOperand* field = &t.left;
  const FastOperand* constant = &t.right;
  if (field->kind != FastOperand::Kind::kField) std::swap(field, constant);
  if (field->kind != FastOperand::Kind::kField || constant->kind != FastOperand::Kind::kConst ||
      field->to_float || constant->to_float) {
    return std::nullopt;
  }
  const Tag tag = constant->constant.tag;
  if (!IndexableTag(tag) || (tag == Tag::kString) != (t.op == expr::Op::kCmpString)) {
    return std::nullopt;
  }
  return Equality{field->slot, tag, {constant->constant}};
}

// The constant `c` as the interpreter loads it, if its kind can be indexed.
std::optional<Value> IndexableConst(const expr::Const& c) {
  switch (c.kind) {
    case TypeKind::kString: return Value::String(c.text);
    case TypeKind::kInt: return Value::Int(c.i);
    case TypeKind::kTimestamp: return Value::Timestamp(c.i);
    case TypeKind::kDuration: return Value::Duration(c.i);
    default: return std::nullopt;
  }
}

// `field in [c1, ..., cn]` with constants of one tag: kField, n kConst, kIn
// (x = 0; `not in` is not an equality). ValueEquals of two values of one
// tag is byte or payload equality.
std::optional<Equality> FromIn(const expr::Program& p) {
  const std::vector<expr::Instr>& code = p.code;
  if (code.size() < 3 || code[0].op != expr::Op::kField) return std::nullopt;
  const expr::Instr& in = code.back();
  if (in.op != expr::Op::kIn || in.x != 0 || in.a != code.size() - 2) return std::nullopt;
  Equality eq;
  eq.slot = code[0].a;
  for (size_t i = 1; i + 1 < code.size(); ++i) {
    if (code[i].op != expr::Op::kConst || code[i].a >= p.consts.size()) return std::nullopt;
    std::optional<Value> v = IndexableConst(p.consts[code[i].a]);
    if (!v || (i > 1 && v->tag != eq.tag)) return std::nullopt;
    eq.tag = v->tag;
    eq.constants.push_back(*v);
  }
  return eq;
}

void AddBit(std::vector<std::pair<uint32_t, uint64_t>>& masks, uint32_t p) {
  const uint32_t word = p >> 6;
  const uint64_t bit = uint64_t{1} << (p & 63);
  for (auto& [w, m] : masks) {
    if (w == word) {
      m |= bit;
      return;
    }
  }
  masks.emplace_back(word, bit);
}

}  // namespace

PredicateSet::PredicateSet(const ir::ProgramIR& ir, size_t ntypes) {
  programs_.reserve(ir.predicates.size());
  for (const ir::PredicateEntry& entry : ir.predicates) {
    programs_.emplace_back(&entry.program, LoadedProgram::Mode::kCompiled);
  }
  plans_.resize(ntypes);

  // Group the equalities by (type, field, tag); the rest are tested one by one.
  struct Member {
    uint32_t pred;
    Equality eq;
    bool is_in;
  };
  std::map<std::tuple<EventTypeId, uint32_t, Tag>, std::vector<Member>> groups;
  std::vector<std::pair<EventTypeId, uint32_t>> singles;
  for (uint32_t p = 0; p < ir.predicates.size(); ++p) {
    const EventTypeId type = ir.predicates[p].type;
    if (type >= ntypes) continue;  // no event of it can arrive
    std::optional<Equality> eq;
    bool is_in = false;
    if (const FastTest* t = programs_[p].compiled()) eq = FromComparison(*t);
    if (!eq) {
      eq = FromIn(ir.predicates[p].program);
      is_in = eq.has_value();
    }
    if (eq) {
      groups[{type, eq->slot, eq->tag}].push_back({p, std::move(*eq), is_in});
    } else {
      singles.emplace_back(type, p);
    }
  }
  for (auto& [key, members] : groups) {
    const auto& [type, slot, tag] = key;
    // One `==` on a field is as fast compiled as hashed; index from two on,
    // or for an `in` list (which the interpreter scans).
    if (members.size() == 1 && !members[0].is_in) {
      singles.emplace_back(type, members[0].pred);
      continue;
    }
    EqIndex ix;
    ix.slot = slot;
    ix.tag = tag;
    for (const Member& m : members) {
      ix.members.push_back(m.pred);
      AddBit(ix.clear, m.pred);
      for (const Value& c : m.eq.constants) {
        // The set of constant `key` in `map`, made on first sight.
        auto set_of = [&ix](auto& map, auto key) {
          auto [it, fresh] = map.try_emplace(key, static_cast<uint32_t>(ix.sets.size()));
          if (fresh) ix.sets.emplace_back();
          return it->second;
        };
        uint32_t set = tag == Tag::kString ? set_of(ix.strings, std::string(c.str()))
                                           : set_of(ix.ints, c.i);
        AddBit(ix.sets[set], m.pred);
      }
    }
    counts_.indexed += members.size();
    ++counts_.indexes;
    plans_[type].indexes.push_back(std::move(ix));
  }
  for (const auto& [type, p] : singles) {
    plans_[type].tests.push_back(p);
    if (programs_[p].compiled() != nullptr) {
      ++counts_.compiled;
    } else {
      ++counts_.interpreted;
    }
  }
}

void PredicateSet::Evaluate(const Event* e, std::vector<uint64_t>& bits) const {
  if (e->type >= plans_.size()) return;
  const TypePlan& plan = plans_[e->type];
  EvalEnv env;
  env.current = e;
  for (const EqIndex& ix : plan.indexes) {
    for (const auto& [w, m] : ix.clear) bits[w] &= ~m;
    const Value v = internal::FieldOf(e, ix.slot);
    if (v.tag == ix.tag) {
      const std::vector<WordMask>* set = nullptr;
      if (ix.tag == Tag::kString) {
        auto it = ix.strings.find(absl::string_view(v.s, v.len));
        if (it != ix.strings.end()) set = &ix.sets[it->second];
      } else {
        auto it = ix.ints.find(v.i);
        if (it != ix.ints.end()) set = &ix.sets[it->second];
      }
      if (set != nullptr) {
        for (const auto& [w, m] : *set) bits[w] |= m;
      }
    } else if (!v.is_null()) {
      // Not the constants' kind: no hash can answer; ask each predicate.
      for (uint32_t p : ix.members) SetBit(bits, p, programs_[p].Test(env));
    }
  }
  for (uint32_t p : plan.tests) SetBit(bits, p, programs_[p].Test(env));
}

}  // namespace cep::rt
