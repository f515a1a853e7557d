// Pattern flow, by Glushkov's construction: every atom is a position; one
// bottom-up walk computes first(n), last(n) and nullable(n) for each node and
// the follow sets (which positions can come right after which):
//   seq      last(c_i) -> first(c_j) for j > i, up to the first non-nullable c_j
//   loop     last(body) -> first(body) when it can iterate
//   all(...) last(c_i) -> first(c_j) for every i != j (any order)
// The predecessors of an atom (its `prev`) are the positions whose follow
// set holds it, plus START when it is in first(root). Negated atoms and
// `until` atoms are "virtual" positions: they take part in first/last/follow
// like atoms and are nullable (so the flow passes through them), but they are
// never anyone's predecessor. A negation can start the match when it is in
// first(root) and end it when it is in last(root).
// Each node is visited once; sets are sorted vectors, so the cost is
// O(atoms^2) per sequence in the worst case. Tested by
// tests/unit/check_prev_test.cc and check_bounds_test.cc.
#include <algorithm>
#include <iterator>

#include "compiler/check/rule_state.h"
#include "compiler/util/strcat.h"

namespace cep::check {
namespace {

using Set = std::vector<int32_t>;

void Union(Set* a, const Set& b) {
  if (b.empty()) return;
  Set out;
  std::set_union(a->begin(), a->end(), b.begin(), b.end(), std::back_inserter(out));
  *a = std::move(out);
}

struct Sets {
  Set first;
  Set last;
  bool nullable = true;
};

class Glushkov {
 public:
  explicit Glushkov(RuleState& rs) : rs_(rs), follow_(rs.atoms.size()) {}

  Sets Compute(const ast::Pattern& p) {
    switch (p.kind) {
      case ast::PatternKind::kAtom: {
        int32_t a = Index(p);
        if (a < 0) return Sets{};
        return Sets{{a}, {a}, false};
      }
      case ast::PatternKind::kNot: {
        const ast::Pattern* child = p.children.empty() ? nullptr : p.children[0].get();
        int32_t v = child != nullptr && child->kind == ast::PatternKind::kAtom ? Index(*child) : -1;
        if (v < 0) return Sets{};
        return Sets{{v}, {v}, true};  // virtual: nullable, passes the flow through
      }
      case ast::PatternKind::kGroup:
        return p.children.empty() || p.children[0] == nullptr ? Sets{} : Compute(*p.children[0]);
      case ast::PatternKind::kSeq: {
        std::vector<Sets> cs;
        for (const auto& c : p.children) {
          if (c != nullptr) cs.push_back(Compute(*c));
        }
        for (size_t i = 0; i < cs.size(); ++i) {
          for (size_t j = i + 1; j < cs.size(); ++j) {
            AddFollow(cs[i].last, cs[j].first);
            if (!cs[j].nullable) break;
          }
        }
        Sets out;
        for (const Sets& c : cs) {
          Union(&out.first, c.first);
          if (!c.nullable) break;
        }
        for (size_t i = cs.size(); i-- > 0;) {
          Union(&out.last, cs[i].last);
          if (!cs[i].nullable) break;
        }
        out.nullable = std::all_of(cs.begin(), cs.end(), [](const Sets& c) { return c.nullable; });
        return out;
      }
      case ast::PatternKind::kAlt: {
        Sets out;
        out.nullable = false;
        for (const auto& c : p.children) {
          if (c == nullptr) continue;
          Sets s = Compute(*c);
          Union(&out.first, s.first);
          Union(&out.last, s.last);
          out.nullable = out.nullable || s.nullable;
        }
        return out;
      }
      case ast::PatternKind::kAll: {
        std::vector<Sets> cs;
        for (const auto& c : p.children) {
          if (c != nullptr) cs.push_back(Compute(*c));
        }
        Sets out;
        for (size_t i = 0; i < cs.size(); ++i) {
          for (size_t j = 0; j < cs.size(); ++j) {
            if (i != j) AddFollow(cs[i].last, cs[j].first);
          }
          Union(&out.first, cs[i].first);
          Union(&out.last, cs[i].last);
          out.nullable = out.nullable && cs[i].nullable;
        }
        return out;
      }
      case ast::PatternKind::kRepeat: {
        Sets out;
        if (!p.children.empty() && p.children[0] != nullptr) out = Compute(*p.children[0]);
        if (p.quant.max != 1) AddFollow(out.last, out.first);
        out.nullable = out.nullable || p.quant.min == 0;
        if (p.until != nullptr && p.until->kind == ast::PatternKind::kAtom) {
          int32_t u = Index(*p.until);  // checked after the loop's events, never taken
          if (u >= 0) {
            AddFollow(out.last, {u});
            if (out.nullable) Union(&out.first, {u});
          }
        }
        return out;
      }
    }
    return Sets{};
  }

  const std::vector<Set>& follow() const { return follow_; }

 private:
  int32_t Index(const ast::Pattern& p) const {
    auto it = rs_.atom_index.find(&p);
    return it == rs_.atom_index.end() ? -1 : it->second;
  }
  void AddFollow(const Set& from, const Set& to) {
    for (int32_t x : from) Union(&follow_[x], to);
  }

  RuleState& rs_;
  std::vector<Set> follow_;  // per position
};

std::string Describe(const ast::Pattern& atom) {
  if (atom.var.empty()) return StrCat("'", atom.type_name.text, "'");
  return StrCat("'", atom.var.text, ": ", atom.type_name.text, "'");
}

}  // namespace

void ComputePatternFlow(RuleState& rs) {
  if (rs.rule.pattern == nullptr) return;
  Glushkov g(rs);
  Sets root = g.Compute(*rs.rule.pattern);
  rs.first_atoms = root.first;
  for (size_t i = 0; i < rs.atoms.size(); ++i) {
    AtomInfo& a = rs.atoms[i];
    const int32_t pos = static_cast<int32_t>(i);
    a.can_be_first = std::binary_search(root.first.begin(), root.first.end(), pos);
    a.can_be_last = std::binary_search(root.last.begin(), root.last.end(), pos);
    a.prev.may_be_first = a.can_be_first;
    a.prev.atom = Describe(*a.atom);
  }
  // Predecessors: invert the follow sets, skipping virtual positions.
  for (size_t x = 0; x < rs.atoms.size(); ++x) {
    const AtomInfo& from = rs.atoms[x];
    if (from.negation != nullptr || from.loop != nullptr) continue;
    const EventTypeId t = from.atom->event_type;
    for (int32_t y : g.follow()[x]) {
      std::vector<EventTypeId>& types = rs.atoms[y].prev.types;
      if (std::find(types.begin(), types.end(), t) == types.end()) types.push_back(t);
    }
  }
}

}  // namespace cep::check
