// The NFA program of a pattern rule: a position automaton (Glushkov) — one
// state per atom occurrence, entered by taking an event that the atom
// accepts, plus state 0, the start. Each state lists its outgoing edges in
// priority order (docs/semantics.md, "Preference order"); an edge is a take
// into another state, an accept (the match completes on entering this
// state) or an absence accept (completes at a deadline unless a guard event
// comes first). Edges carry their contiguity policy and the negation guards
// that kill them. Flat, trivially copyable vectors; built by compile.h,
// printed by dump.h, run by runtime/matcher.
#ifndef CEP_COMPILER_NFA_PROG_H_
#define CEP_COMPILER_NFA_PROG_H_

#include <cstdint>
#include <vector>

#include "compiler/ir/pattern_ir.h"

namespace cep::nfa {

enum class EdgeKind : uint8_t {
  kTake,     // take an event matching states[to]'s atom
  kAccept,   // the match is complete (reported when the state is entered)
  kAbsence,  // the match completes at its deadline unless an absence guard event comes
};

struct Edge {
  EdgeKind kind = EdgeKind::kTake;
  ast::SeqPolicy policy = ast::SeqPolicy::kRelaxed;
  uint8_t until_count = 0;    // kTake: guards after the kill guards the taken event must NOT pass
  uint8_t pad = 0;
  uint16_t guard_count = 0;   // guards[guard_begin .. +guard_count] kill this edge
  uint16_t pad2 = 0;
  uint32_t to = 0;            // kTake: the target state
  uint32_t guard_begin = 0;   // kill guards, then `until_count` until tests (loops' `until`)
};
static_assert(sizeof(Edge) == 16);

struct State {
  EventTypeId type = kNoEventType;  // the atom taken to enter (state 0: none)
  int32_t var = -1;
  ir::Filter filter;
  uint32_t edge_begin = 0;
  uint32_t edge_count = 0;
};

struct RuleProg {
  const ir::RuleIR* ir = nullptr;  // rule-level facts: window, absence, partition, emit
  std::vector<State> states;       // states[0] is the start
  std::vector<Edge> edges;
  std::vector<ir::Guard> guards;
  bool accepts_at_start = false;   // never: the compiler rejects empty matches
  // An implicit `partition by` from equality correlations (infer_partition.h):
  // per event type id, the key slots; empty when the rule is not indexed.
  std::vector<std::vector<int32_t>> inferred_partition;
};

struct Prog {
  const ir::ProgramIR* ir = nullptr;
  std::vector<RuleProg> rules;  // parallel to ir->rules
};

}  // namespace cep::nfa

#endif  // CEP_COMPILER_NFA_PROG_H_
