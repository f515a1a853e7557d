// PredicateSet: evaluates the shared single-event predicates of an event's
// type (ir::ProgramIR::predicates) into the engine's bitset, bit p for
// predicate p.
//
// Three ways, chosen per predicate when the set is built:
//
// - An equality index. Predicates of one type that compare the same field
//   with a constant — `name == "INTC"`, `name == "RIMM"`, `"QQQ" == name`,
//   `name in ["A", "B"]`, ints and timestamps too — become one hash table
//   from the constant to the bits of the predicates it satisfies: one field
//   read and one lookup per event set all of them (Esper's filter index,
//   Siddhi's equality index). Used when a field has two or more such
//   predicates, or an `in` list.
// - A compiled test (expr_fast.h) for the other simple shapes: `volume >=
//   950`, `price < 10.5`, `success`, `country is null`.
// - The bytecode interpreter for everything else.
//
// All three give the interpreter's answers: a null field satisfies no
// equality; a field value whose kind differs from the constants' (which the
// checker rules out, but the index does not assume) is tested by the
// predicates themselves. Checked by tests/unit/predicate_set_test.cc
// against the interpreter on random events, and end to end by the
// differential tests (the reference matcher interprets every predicate).
// Tested by tests/unit/predicate_set_test.cc.
#ifndef CEP_RUNTIME_PREDICATE_SET_H_
#define CEP_RUNTIME_PREDICATE_SET_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "compiler/ir/pattern_ir.h"
#include "runtime/event.h"
#include "runtime/expr_eval.h"

namespace cep::rt {

class PredicateSet {
 public:
  // `ir` must outlive the set. `ntypes`: the schema's number of types.
  PredicateSet(const ir::ProgramIR& ir, size_t ntypes);
  PredicateSet(const PredicateSet&) = delete;
  PredicateSet& operator=(const PredicateSet&) = delete;

  // Sets bit p of `bits` to predicate p's answer on `e`, for every predicate
  // of e's type; other bits are left as they are. `bits` holds at least
  // size() bits.
  void Evaluate(const Event* e, std::vector<uint64_t>& bits) const;

  size_t size() const { return programs_.size(); }

  // How the predicates are evaluated (tests, `--stats`-style reports).
  struct Counts {
    size_t indexed = 0;      // answered by an equality index
    size_t indexes = 0;      // equality indexes
    size_t compiled = 0;     // compiled tests
    size_t interpreted = 0;  // the interpreter
  };
  Counts counts() const { return counts_; }

 private:
  using WordMask = std::pair<uint32_t, uint64_t>;  // bits[word] |= mask

  // The equality predicates of one type on one field, whose constants are
  // values of one tag.
  struct EqIndex {
    uint32_t slot = 0;
    Tag tag = Tag::kNull;
    std::vector<WordMask> clear;    // every member's bit
    std::vector<uint32_t> members;  // predicate ids, for values of another tag
    absl::flat_hash_map<std::string, uint32_t> strings;  // constant -> sets index
    absl::flat_hash_map<int64_t, uint32_t> ints;
    std::vector<std::vector<WordMask>> sets;  // the bits a constant satisfies
  };
  struct TypePlan {
    std::vector<EqIndex> indexes;
    std::vector<uint32_t> tests;  // compiled or interpreted, one at a time
  };

  static void SetBit(std::vector<uint64_t>& bits, uint32_t p, bool on) {
    const uint64_t mask = uint64_t{1} << (p & 63);
    if (on) {
      bits[p >> 6] |= mask;
    } else {
      bits[p >> 6] &= ~mask;
    }
  }

  std::vector<LoadedProgram> programs_;  // by PredId, loaded kCompiled
  std::vector<TypePlan> plans_;          // by EventTypeId
  Counts counts_;
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_PREDICATE_SET_H_
