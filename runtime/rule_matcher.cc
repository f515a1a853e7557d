// See rule_matcher.h. The stepping rules are docs/semantics.md's, edge by
// edge: a strict waiter dies at any event it does not take, a relaxed one at
// the first event it takes (that event goes on in the child), an any-match
// one never; a negation guard kills the waiters of the edges it guards.
#include "runtime/rule_matcher.h"

#include <algorithm>
#include <cstring>

#include "compiler/expr/compile_expr.h"
#include "compiler/util/strcat.h"
#include "runtime/key_codec.h"

namespace cep::rt {

// Running aggregates of a partial match as a filter sees them: the states
// kept on its last node, plus the candidate event when the aggregate is over
// the variable being extended (docs/semantics.md, rule 2).
class RunAggregates : public AggregateSource {
 public:
  RunAggregates(const RuleAggregates& layout, const MatchDag& dag, uint32_t node,
                const Event* candidate, int32_t own_var)
      : layout_(layout), dag_(dag), node_(node), candidate_(candidate), own_var_(own_var) {}

  Value Aggregate(const LoadedProgram& program, uint32_t agg_index,
                  const EvalEnv& env) const override {
    static const AggState kEmpty;
    int32_t slot = layout_.Slot(&program, agg_index);
    const expr::Aggregate& spec = program.program()->aggs[agg_index];
    const AggState& state = node_ != 0 && slot >= 0 ? dag_.aggs(node_)[slot] : kEmpty;
    if (spec.var == own_var_ && candidate_ != nullptr) {
      return state.ResultWith(AggregateInput(program, agg_index, candidate_, env), spec);
    }
    return state.Result(spec);
  }

 private:
  const RuleAggregates& layout_;
  const MatchDag& dag_;
  uint32_t node_;
  const Event* candidate_;
  int32_t own_var_;
};

Value AggregateInput(const LoadedProgram& program, uint32_t agg_index, const Event* e,
                     const EvalEnv& env) {
  const expr::Aggregate& spec = program.program()->aggs[agg_index];
  if (spec.arg.empty()) return Value::EventRef(e);
  return program.EvalAggregateArg(agg_index, e, env);
}

RuleAggregates::RuleAggregates(const std::vector<LoadedProgram>& checks) {
  for (size_t c = 0; c < checks.size(); ++c) {
    const expr::Program* p = checks[c].program();
    if (p == nullptr) continue;
    for (uint32_t a = 0; a < p->aggs.size(); ++a) {
      // Aggregates over the same variable with the same argument share a slot.
      std::string key = expr::CanonicalAggregateKey(*p, a);
      auto it = by_key_.find(key);
      int32_t slot;
      if (it == by_key_.end()) {
        slot = static_cast<int32_t>(slots_.size());
        slots_.push_back({&checks[c], a});
        by_key_.emplace(key, slot);
      } else {
        slot = it->second;
      }
      slot_of_[{&checks[c], a}] = slot;
    }
  }
}

int32_t RuleAggregates::Slot(const LoadedProgram* program, uint32_t agg_index) const {
  auto it = slot_of_.find({program, agg_index});
  return it == slot_of_.end() ? -1 : it->second;
}

namespace {

bool ContainsLoop(const ir::RuleIR& ir, uint32_t node) {
  const ir::Node& n = ir.nodes[node];
  if (n.kind == ir::NodeKind::kRepeat && n.max != 1) return true;
  for (uint32_t c : n.children) {
    if (ContainsLoop(ir, c)) return true;
  }
  return false;
}

// Identical runs can only arise where one match has several parses: a
// quantifier inside a quantifier, a quantifier over something that can
// match nothing (`(A? B?)?` matches nothing by two parses), two branches
// of `|` that can both match nothing, or a variable bound in two places
// (the branches of `|`). Only then is it worth looking for them (run
// merging, report dedupe) and keeping the binding hash on every DAG node.
bool CanRepeatBindings(const ir::RuleIR& ir) {
  std::vector<int> atoms_per_var(ir.vars.size(), 0);
  for (const ir::Node& n : ir.nodes) {
    if (n.kind == ir::NodeKind::kAtom && n.var >= 0) ++atoms_per_var[static_cast<size_t>(n.var)];
    if (n.kind == ir::NodeKind::kRepeat && n.max != 1 && ContainsLoop(ir, n.children[0])) {
      return true;
    }
    if (n.kind == ir::NodeKind::kRepeat && ir::Nullable(ir, n.children[0])) return true;
    if (n.kind == ir::NodeKind::kAlt) {
      int nullable = 0;
      for (uint32_t c : n.children) nullable += ir::Nullable(ir, c) ? 1 : 0;
      if (nullable > 1) return true;
    }
  }
  for (int count : atoms_per_var) {
    if (count > 1) return true;
  }
  return false;
}

// Calls f(instr) for every instruction of every check and of the aggregate
// arguments in them, until f returns true; returns whether one did.
template <class F>
bool AnyCheckInstr(const std::vector<LoadedProgram>& checks, F&& f) {
  auto any = [&](const std::vector<expr::Instr>& code) {
    for (const expr::Instr& in : code) {
      if (f(in)) return true;
    }
    return false;
  };
  for (const LoadedProgram& c : checks) {
    const expr::Program* p = c.program();
    if (p == nullptr) continue;
    if (any(p->code)) return true;
    for (const expr::Aggregate& a : p->aggs) {
      if (any(a.arg)) return true;
    }
  }
  return false;
}

// How many variables need a slot on every DAG node: up to the last one a
// check (or an aggregate argument in it) reads by name. The other variables
// are read only by emit and suppress, which walk the chain (CollectMatch).
// B4's 24 steps read none: no slots instead of 192 bytes per node.
uint32_t VarSlotsRead(const std::vector<LoadedProgram>& checks) {
  uint32_t slots = 0;
  AnyCheckInstr(checks, [&](const expr::Instr& in) {
    if (in.op == expr::Op::kVarEvent) slots = std::max(slots, in.a + 1);
    return false;
  });
  return slots;
}

// Does a check read a partition key by its bare name (kKey)?
bool ReadsKeys(const std::vector<LoadedProgram>& checks) {
  return AnyCheckInstr(checks, [](const expr::Instr& in) { return in.op == expr::Op::kKey; });
}

// Heap bytes of a key too long for the string's own buffer (0 otherwise).
size_t KeyHeapBytes(const std::string& key) {
  return key.capacity() > std::string().capacity() ? key.capacity() + 1 : 0;
}

}  // namespace

RuleMatcher::RuleMatcher(uint32_t rule_index, const nfa::RuleProg& prog,
                         const std::vector<LoadedProgram>* checks, EventStore* store,
                         TimerQueue* timers, const Limits& limits, RuleStats* stats)
    : rule_index_(rule_index),
      prog_(prog),
      ir_(*prog.ir),
      checks_(checks),
      store_(store),
      timers_(timers),
      limits_(limits),
      aggs_(*checks),
      stats_(stats),
      dag_(store, std::min<uint32_t>(VarSlotsRead(*checks), static_cast<uint32_t>(prog.ir->vars.size())),
           aggs_.size(), CanRepeatBindings(*prog.ir)),
      no_vars_(prog.ir->vars.size(), nullptr) {
  NoteRelevantPredicates();
  reads_keys_ = ReadsKeys(*checks);
  // `partition by`, or the correlation index the NFA compiler inferred
  // (compiler/nfa/infer_partition.h).
  key_slots_ = ir_.partitioned ? &ir_.partition_slots : &prog_.inferred_partition;
  unkeyed_ = key_slots_->empty();
}

RuleMatcher::~RuleMatcher() {
  for (size_t i = 0; i < partitions_.size(); ++i) {
    partitions_[i].waiters.ForEach([&](const Waiter& w) { dag_.Release(w.node); });
  }
}

// An event can change this rule's state only if it can pass some test of
// the rule — a take edge's target, a negation or `until` guard, an absence
// guard — or if a strict edge exists (a strict waiter dies at any event).
// Every test whose single-event predicate fails on the event fails, so when
// none of a type's predicate bits is set the event is skipped before any
// partition is touched: most events of a stream of named tickers or ids.
// (A test without a predicate makes its type always relevant.) Measured in
// docs/performance.md (P1): B1 2.4M -> ~20M events/s matcher-only.
// Relevant() is MovableEdges(e) != 0 in a cheaper form, a few word ANDs
// instead of a loop over the type's predicates; deciding irrelevant events
// by MovableEdges alone made B3 and B4 30% slower (they test 4-7
// predicates per type), so both are kept, built here from the same tests.
void RuleMatcher::NoteRelevantPredicates() {
  EventTypeId max_type = 0;
  for (EventTypeId t : ir_.input_types) max_type = std::max(max_type, t);
  relevant_bits_.assign(max_type + 1, {});
  always_relevant_.assign(max_type + 1, 0);
  movers_.assign(max_type + 1, {});
  // Notes that a test of `type` + `f` can move the waiters of `edges`.
  auto note = [&](EventTypeId type, const ir::Filter& f, uint64_t edges) {
    if (type > max_type) return;
    TypeMovers& m = movers_[type];
    if (f.pred == ir::kNoPred) {
      always_relevant_[type] = 1;
      m.always |= edges;
      return;
    }
    std::vector<uint64_t>& v = relevant_bits_[type];
    if (v.size() <= f.pred / 64) v.resize(f.pred / 64 + 1, 0);
    v[f.pred / 64] |= uint64_t{1} << (f.pred % 64);
    for (auto& [pred, bits] : m.by_pred) {
      if (pred == f.pred) {
        bits |= edges;
        return;
      }
    }
    m.by_pred.push_back({f.pred, edges});
  };
  uint64_t strict_edges = 0;
  uint64_t absence_edges = 0;
  for (uint32_t i = 0; i < prog_.edges.size(); ++i) {
    const nfa::Edge& edge = prog_.edges[i];
    uint64_t bit = WaiterList::EdgeBit(i);
    if (edge.kind == nfa::EdgeKind::kAbsence) absence_edges |= bit;
    if (edge.kind != nfa::EdgeKind::kTake) continue;
    // A strict waiter dies at any event it does not take.
    if (edge.policy == ast::SeqPolicy::kStrict) strict_edges |= bit;
    const nfa::State& target = prog_.states[edge.to];
    note(target.type, target.filter, bit);
    for (uint32_t g = 0; g < edge.guard_count + edge.until_count; ++g) {
      const ir::Guard& guard = prog_.guards[edge.guard_begin + g];
      note(guard.type, guard.filter, bit);
    }
  }
  // An absence waiter is moved (killed) by any absence guard.
  if (absence_edges != 0) {
    for (const ir::Guard& g : ir_.absence) note(g.type, g.filter, absence_edges);
  }
  absence_edge_bits_ = absence_edges;
  if (strict_edges != 0) {
    always_relevant_.assign(max_type + 1, 1);
    for (TypeMovers& m : movers_) m.always |= strict_edges;
  }
}

bool RuleMatcher::Relevant(const Event* e, const std::vector<uint64_t>& bits) const {
  if (e->type >= always_relevant_.size() || always_relevant_[e->type]) return true;
  const std::vector<uint64_t>& mask = relevant_bits_[e->type];
  for (size_t i = 0; i < mask.size() && i < bits.size(); ++i) {
    if (mask[i] & bits[i]) return true;
  }
  return false;
}

uint64_t RuleMatcher::MovableEdges(const Event* e, const std::vector<uint64_t>& bits) const {
  if (e->type >= movers_.size()) return ~uint64_t{0};
  const TypeMovers& m = movers_[e->type];
  uint64_t edges = m.always;
  for (const auto& [pred, edge_bits] : m.by_pred) {
    if ((bits[pred >> 6] >> (pred & 63)) & 1) edges |= edge_bits;
  }
  return edges;
}

bool RuleMatcher::BuildKey(const Event* e) {
  key_scratch_.clear();
  if (unkeyed_) return true;
  for (int32_t s : (*key_slots_)[e->type]) {
    const Value& v = e->field(s);
    if (v.is_null()) {
      ++stats_->null_key_events;
      return false;
    }
    EncodeKey(v, key_scratch_);
  }
  return true;
}

bool RuleMatcher::FindPartition(uint32_t* index) const {
  auto it = index_.find(std::string_view(key_scratch_));
  if (it == index_.end()) return false;
  *index = *it;
  return true;
}

bool RuleMatcher::CreatePartition(uint32_t* index) {
  if (!unkeyed_ && limits_.max_partitions != 0 && index_.size() >= limits_.max_partitions) {
    ++stats_->partitions_shed;
    switch (limits_.on_partitions_overflow) {
      case OverflowPolicy::kRejectNew:
        return false;
      case OverflowPolicy::kFail:
        failure_ = StrCat("rule '", ir_.name, "' exceeded max_partitions (",
                          limits_.max_partitions, ")");
        return false;
      case OverflowPolicy::kDropOldest: {
        // Evict the least recently active partition with all its partial matches.
        uint32_t victim = lru_.head;
        Partition& v = partitions_[victim];
        stats_->runs_shed += v.waiters.size();
        v.waiters.ForEach([&](const Waiter& w) { DropWaiter(w); });
        v.waiters.Clear();
        FreePartition(victim);
        break;
      }
    }
  }
  uint32_t i;
  if (!free_partitions_.empty()) {
    i = free_partitions_.back();
    free_partitions_.pop_back();
  } else {
    i = static_cast<uint32_t>(partitions_.size());
    partitions_.emplace_back();
  }
  Partition& p = partitions_[i];
  p.key = key_scratch_;
  long_key_bytes_ += KeyHeapBytes(p.key);
  p.waiters.Clear();
  p.threshold = 0;
  p.scheduled = INT64_MAX;
  p.min_absence = INT64_MAX;
  p.in_use = true;
  p.idle = false;
  if (unkeyed_) {
    single_ = i;
  } else {
    index_.insert(i);
  }
  lru_.PushBack(partitions_, i);
  stats_->peak_partitions = std::max<uint64_t>(stats_->peak_partitions, live_partitions());
  *index = i;
  return true;
}

// A partitioned rule's partition left without waiters is freed: its key
// may never come back (measured: keeping emptied partitions for their key's
// next start cost B6 and L1 about 10% and a few hundred bytes per key, see
// docs/performance.md, P3). The unpartitioned rule's one partition is kept,
// idle, for good.
void RuleMatcher::FreeEmptied() {
  for (uint32_t i : empty_) {
    Partition& p = partitions_[i];
    if (!p.in_use || !p.waiters.empty() || p.idle) continue;
    if (i != single_) {
      FreePartition(i);
      continue;
    }
    p.idle = true;
    p.min_absence = INT64_MAX;
    ++idle_count_;
  }
  empty_.clear();
}

void RuleMatcher::FreePartition(uint32_t index) {
  Partition& p = partitions_[index];
  lru_.Unlink(partitions_, index);
  if (index == single_) {
    single_ = kNone;
  } else {
    index_.erase(index);
  }
  long_key_bytes_ -= KeyHeapBytes(p.key);
  if (p.idle) {
    p.idle = false;
    --idle_count_;
  }
  p.in_use = false;
  ++p.generation;  // stale timers of this partition fire into nothing
  p.waiters.Clear();
  free_partitions_.push_back(index);
}

const Value* RuleMatcher::key_values(uint32_t partition) {
  DecodeKey(partitions_[partition].key, keys_scratch_);
  return keys_scratch_.data();
}

bool RuleMatcher::Passes(EventTypeId type, const ir::Filter& filter, const Event* e, uint32_t node,
                         int32_t own_var, const std::vector<uint64_t>& bits,
                         const Value* keys) const {
  if (e->type != type) return false;
  if (filter.pred != ir::kNoPred && !((bits[filter.pred >> 6] >> (filter.pred & 63)) & 1)) {
    return false;
  }
  if (filter.check < 0) return true;
  RunAggregates aggs(aggs_, dag_, node, e, own_var);
  EvalEnv env;
  env.current = e;
  env.prev = node != 0 ? dag_.event(node) : nullptr;
  env.vars = node != 0 ? dag_.vars(node) : no_vars_.data();
  env.keys = keys;
  env.aggs = &aggs;
  return (*checks_)[filter.check].Test(env);
}

void RuleMatcher::PushWaiter(std::vector<Waiter>& next, const Waiter& w) {
  if (merge()) {
    // Identical runs (same edge, same bindings) have identical futures: keep
    // the first, which the list order prefers.
    auto [it, fresh] = merge_index_.try_emplace({w.edge, dag_.hash(w.node)}, w.node);
    if (!fresh && (it->second == w.node || dag_.SameBindings(it->second, w.node))) {
      ++stats_->runs_merged;
      DropWaiter(w);
      return;
    }
  }
  next.push_back(w);
}

void RuleMatcher::BindingKey(uint32_t node, std::string& out) const {
  out.clear();
  for (uint32_t n = node; n != 0; n = dag_.parent(n)) {
    int32_t var = dag_.var(n);
    uint64_t seq = dag_.event(n)->seq;
    out.append(reinterpret_cast<const char*>(&var), sizeof var);
    out.append(reinterpret_cast<const char*>(&seq), sizeof seq);
  }
}

bool RuleMatcher::CanTake(const nfa::Edge& edge, const Event* e, uint32_t node,
                          const std::vector<uint64_t>& bits, const Value* keys) const {
  const nfa::State& target = prog_.states[edge.to];
  if (!Passes(target.type, target.filter, e, node, target.var, bits, keys)) return false;
  for (uint32_t i = 0; i < edge.until_count; ++i) {
    const ir::Guard& u = prog_.guards[edge.guard_begin + edge.guard_count + i];
    if (Passes(u.type, u.filter, e, node, -1, bits, keys)) return false;
  }
  return true;
}

void RuleMatcher::UpdateAggregates(uint32_t node, int32_t var, const Event* e) {
  if (aggs_.size() == 0) return;
  AggState* states = dag_.mutable_aggs(node);
  EvalEnv env;
  env.current = e;
  env.vars = dag_.vars(node);
  for (uint32_t s = 0; s < aggs_.size(); ++s) {
    const RuleAggregates::SlotSpec& spec = aggs_.slot(s);
    const expr::Aggregate& agg = spec.program->program()->aggs[spec.agg_index];
    if (agg.var != var) continue;
    states[s].Update(AggregateInput(*spec.program, spec.agg_index, e, env), agg);
  }
}

void RuleMatcher::Enter(uint32_t state, Event* e, uint32_t parent, const Event* first,
                        uint32_t partition, std::vector<Waiter>& next,
                        std::vector<MatchReport>& reports) {
  const nfa::State& st = prog_.states[state];
  uint32_t node = dag_.New(e, st.var, parent);
  UpdateAggregates(node, st.var, e);
  Partition& p = partitions_[partition];
  for (uint32_t k = 0; k < st.edge_count; ++k) {
    uint32_t edge_index = st.edge_begin + k;
    const nfa::Edge& edge = prog_.edges[edge_index];
    switch (edge.kind) {
      case nfa::EdgeKind::kTake:
      case nfa::EdgeKind::kAbsence: {
        Waiter w;
        w.edge = edge_index;
        w.node = node;
        w.first = first;
        if (edge.kind == nfa::EdgeKind::kAbsence) {
          p.min_absence = std::min(p.min_absence, Deadline(w));
        }
        dag_.Retain(node);
        ++live_waiters_;
        PushWaiter(next, w);
        break;
      }
      case nfa::EdgeKind::kAccept: {
        if (edge_counters_ != nullptr) ++edge_counters_[edge_index];
        dag_.MarkComplete(node);
        MatchReport r;
        r.rule = rule_index_;
        r.partition = partition;
        r.node = node;
        r.start_seq = first->seq;
        r.time = e->time;
        dag_.Retain(node);
        reports.push_back(r);
        break;
      }
    }
  }
  dag_.Release(node);
}

// The stepping rules of docs/semantics.md for one waiter and one event.
// Inlined into OnEvent's rewrite loop: called once per visited waiter.
[[gnu::always_inline]] inline void RuleMatcher::Step(const Waiter& w, Event* e, uint32_t pi,
                                                     const std::vector<uint64_t>& bits,
                                                     const Value* keys, std::vector<Waiter>& next,
                                                     std::vector<MatchReport>& pending) {
  const nfa::Edge& edge = prog_.edges[w.edge];
  if (edge.kind == nfa::EdgeKind::kAbsence) {
    for (const ir::Guard& g : ir_.absence) {
      if (Passes(g.type, g.filter, e, w.node, -1, bits, keys)) {
        DropWaiter(w);
        return;
      }
    }
    PushWaiter(next, w);
    return;
  }
  bool in_window = ir_.within_ns < 0 || e->time - w.start_time() <= ir_.within_ns;
  bool matched = in_window && CanTake(edge, e, w.node, bits, keys);
  if (matched) {
    if (edge_counters_ != nullptr) ++edge_counters_[w.edge];
    Enter(edge.to, e, w.node, w.first, pi, next, pending);
  }
  bool killed = false;
  for (uint32_t g = 0; g < edge.guard_count && !killed; ++g) {
    const ir::Guard& guard = prog_.guards[edge.guard_begin + g];
    killed = Passes(guard.type, guard.filter, e, w.node, -1, bits, keys);
  }
  bool keep = !killed && (edge.policy == ast::SeqPolicy::kAny ||
                          (edge.policy == ast::SeqPolicy::kRelaxed && !matched));
  if (keep) {
    PushWaiter(next, w);
  } else {
    DropWaiter(w);
  }
}

bool RuleMatcher::OnEvent(Event* e, const std::vector<uint64_t>& bits,
                          std::vector<MatchReport>& out) {
  uint32_t pi;
  if (!Relevant(e, bits)) return false;
  if (unkeyed_ && single_ != kNone) {
    pi = single_;  // the one partition of an unpartitioned rule: no key, no hash
  } else {
    if (!BuildKey(e)) return false;
    if (unkeyed_ || !FindPartition(&pi)) {
      // No partition for this key: make one only if `e` starts a match
      // (most events of a start type fail its filter, B6: 95% of SELLs).
      const Value* start_keys = nullptr;
      if (reads_keys_) {
        DecodeKey(key_scratch_, keys_scratch_);
        start_keys = keys_scratch_.data();
      }
      if (!Starts(e, bits, start_keys)) return false;
      if (!CreatePartition(&pi)) return true;  // a limit may have evicted or failed
    }
  }
  Partition& p = partitions_[pi];
  // An idle partition has no waiters: only a start can change it, and the
  // event that starts nothing leaves it (and its LRU place) as it was.
  const Value* keys = nullptr;  // no check reads a key by name: not decoded
  if (reads_keys_) keys = key_values(pi);
  if (p.idle && !Starts(e, bits, keys)) return false;
  lru_.Touch(partitions_, pi);  // now the most recently active
  std::vector<Waiter>& next = next_scratch_;
  std::vector<MatchReport>& pending = pending_scratch_;
  next.clear();
  pending.clear();
  if (merge()) merge_index_.clear();

  // Only the chunks holding waiters `e` can move are rewritten; every
  // other waiter stays where it is (runtime/waiter_list.h).
  p.waiters.RewriteEdges(MovableEdges(e, bits), next,
                         [&](const Waiter& w, std::vector<Waiter>& out_waiters) {
                           Step(w, e, pi, bits, keys, out_waiters, pending);
                         });
  next.clear();

  // Matches starting at this event come after every older one.
  const nfa::State& start = prog_.states[0];
  for (uint32_t k = 0; k < start.edge_count; ++k) {
    const nfa::Edge& edge = prog_.edges[start.edge_begin + k];
    if (CanTake(edge, e, 0, bits, keys)) {
      if (edge_counters_ != nullptr) ++edge_counters_[start.edge_begin + k];
      Enter(edge.to, e, 0, e, pi, next, pending);
    }
  }
  for (const Waiter& w : next) p.waiters.PushBack(w);
  next.clear();
  Report(p, pending, out);
  pending.clear();
  EnforceRunLimit(p);
  stats_->peak_runs = std::max<uint64_t>(stats_->peak_runs, live_waiters_);
  if (p.waiters.empty()) {
    if (!p.idle) empty_.push_back(pi);  // freed (or idled) once the engine has emitted the reports
  } else {
    if (p.idle) {
      p.idle = false;
      --idle_count_;
    }
    stats_->peak_partitions = std::max<uint64_t>(stats_->peak_partitions, live_partitions());
    Schedule(pi);
  }
  return true;
}

bool RuleMatcher::Starts(const Event* e, const std::vector<uint64_t>& bits,
                         const Value* keys) const {
  const nfa::State& start = prog_.states[0];
  for (uint32_t k = 0; k < start.edge_count; ++k) {
    if (CanTake(prog_.edges[start.edge_begin + k], e, 0, bits, keys)) return true;
  }
  return false;
}

void RuleMatcher::EnforceRunLimit(Partition& p) {
  if (limits_.max_runs_per_partition == 0 || p.waiters.size() <= limits_.max_runs_per_partition) {
    return;
  }
  size_t excess = p.waiters.size() - limits_.max_runs_per_partition;
  stats_->runs_shed += excess;
  switch (limits_.on_runs_overflow) {
    case OverflowPolicy::kFail:
      failure_ = StrCat("rule '", ir_.name, "' exceeded max_runs_per_partition (",
                        limits_.max_runs_per_partition, ")");
      [[fallthrough]];  // still keep the state bounded until the engine stops
    case OverflowPolicy::kDropOldest:
      // The oldest partial matches are the front of the list.
      p.waiters.DropFront(excess, [&](const Waiter& w) { DropWaiter(w); });
      break;
    case OverflowPolicy::kRejectNew:
      // The newest ones (matches started by this event) are the back.
      p.waiters.DropBack(excess, [&](const Waiter& w) { DropWaiter(w); });
      break;
  }
}

// A partition counts its struct, its index slot (4 bytes and a control
// byte at a load of 7/8), its key when too long for the string's own buffer,
// and its first waiter buffer's allocation overhead; further chunks (one
// per 32-64 waiters) are counted per waiter.
size_t RuleMatcher::ApproxBytes() const {
  return dag_.live_nodes() * dag_.bytes_per_node() + live_waiters_ * (sizeof(Waiter) + 1) +
         partitions_in_index() * (sizeof(Partition) + 6 + 16) + long_key_bytes_;
}

size_t RuleMatcher::ShedOldestHalf() {
  size_t dropped = 0;
  for (uint32_t i = lru_.head; i != kNone;) {
    Partition& p = partitions_[i];
    uint32_t next = p.lru_next;
    size_t n = (p.waiters.size() + 1) / 2;
    p.waiters.DropFront(n, [&](const Waiter& w) { DropWaiter(w); });
    dropped += n;
    if (p.waiters.empty()) FreePartition(i);
    i = next;
  }
  stats_->runs_shed += dropped;
  return dropped;
}

// First / last sequence number of the events bound to `var` in the match
// ending at `node` (0 when the variable took no event).
static void VarSeqRange(const MatchDag& dag, uint32_t node, int32_t var, const ir::RuleIR& ir,
                        uint64_t* first, uint64_t* last) {
  *first = 0;
  *last = 0;
  const ir::Var& v = ir.vars[static_cast<size_t>(var)];
  for (uint32_t n = node; n != 0; n = dag.parent(n)) {
    int32_t nv = dag.var(n);
    bool member = nv == var ||
                  (v.is_group && std::find(v.members.begin(), v.members.end(), nv) != v.members.end());
    if (!member) continue;
    uint64_t seq = dag.event(n)->seq;
    if (*last == 0) *last = seq;
    *first = seq;
  }
}

void RuleMatcher::Report(Partition& p, std::vector<MatchReport>& pending,
                         std::vector<MatchReport>& out) {
  // Nothing pending, nothing to cut: the waiters that started at or before
  // the threshold were cut when it was set, and every later one starts later.
  if (pending.empty()) return;
  // One match, several parses (`(A+)+`): report the events once. Only rules
  // that can reach one state with equal bindings twice (merge()) have them.
  bool dedupe = merge() && pending.size() > 1;
  if (dedupe) reported_.clear();
  for (MatchReport& r : pending) {
    if (r.timeout) {
      ++stats_->timeouts;
      out.push_back(r);
      continue;
    }
    if (dedupe) {
      auto [it, fresh] = reported_.try_emplace(dag_.hash(r.node), r.node);
      if (!fresh && (it->second == r.node || dag_.SameBindings(it->second, r.node))) {
        dag_.Release(r.node);
        continue;
      }
    }
    if (ir_.after_match != ast::AfterMatchKind::kNoSkip && r.start_seq <= p.threshold) {
      ++stats_->suppressed;
      dag_.Release(r.node);
      continue;
    }
    ++stats_->matches;
    out.push_back(r);
    switch (ir_.after_match) {
      case ast::AfterMatchKind::kSkipPastLast:
        p.threshold = dag_.event(r.node)->seq;
        break;
      case ast::AfterMatchKind::kSkipToNext:
        p.threshold = r.start_seq;
        break;
      case ast::AfterMatchKind::kSkipToFirst:
      case ast::AfterMatchKind::kSkipToLast: {
        uint64_t first, last;
        VarSeqRange(dag_, r.node, ir_.after_match_var, ir_, &first, &last);
        uint64_t at = ir_.after_match == ast::AfterMatchKind::kSkipToFirst ? first : last;
        p.threshold = at == 0 ? r.start_seq : std::max(r.start_seq, at - 1);
        break;
      }
      case ast::AfterMatchKind::kNoSkip:
        break;
    }
  }
  if (p.threshold == 0) return;
  // The list is ordered by start: the cut partial matches are a prefix.
  const uint64_t threshold = p.threshold;
  p.waiters.DropFrontWhile([threshold](const Waiter& w) { return w.start_seq() <= threshold; },
                           [&](const Waiter& w) { DropWaiter(w); });
}

void RuleMatcher::Schedule(uint32_t index) {
  Partition& p = partitions_[index];
  int64_t next = p.min_absence;
  if (ir_.within_ns >= 0) {
    // Ordered by start: the first take waiter expires first.
    const Waiter* w = p.waiters.FindFirst(
        [&](const Waiter& x) { return prog_.edges[x.edge].kind == nfa::EdgeKind::kTake; });
    if (w != nullptr) next = std::min(next, w->start_time() + ir_.within_ns);
  }
  if (next < p.scheduled) {
    p.scheduled = next;
    timers_->Push({next, rule_index_, index, p.generation});
  }
}

void RuleMatcher::OnTimer(uint32_t partition, uint32_t generation, int64_t deadline,
                          std::vector<MatchReport>& out) {
  Partition& p = partitions_[partition];
  if (!p.in_use || p.generation != generation) return;
  if (p.scheduled <= deadline) p.scheduled = INT64_MAX;
  std::vector<Waiter>& next = next_scratch_;
  std::vector<MatchReport>& pending = pending_scratch_;
  next.clear();
  pending.clear();
  // First the absences that complete at this deadline (their after-match
  // strategy may cut partial matches), then the expiry of what is left:
  // partial matches cut by a reported match do not time out.
  // Only chunks holding absence waiters are visited, and only when one is due.
  if (p.min_absence <= deadline) {
    p.min_absence = INT64_MAX;
    p.waiters.RewriteEdges(absence_edge_bits_, next, [&](const Waiter& w,
                                                         std::vector<Waiter>& kept) {
      // A take edge may share a summary bit with an absence edge.
      if (prog_.edges[w.edge].kind != nfa::EdgeKind::kAbsence) {
        kept.push_back(w);
        return;
      }
      int64_t due = Deadline(w);
      if (due > deadline) {
        p.min_absence = std::min(p.min_absence, due);
        kept.push_back(w);
        return;
      }
      if (edge_counters_ != nullptr) ++edge_counters_[w.edge];
      dag_.MarkComplete(w.node);
      MatchReport r;
      r.rule = rule_index_;
      r.partition = partition;
      r.node = w.node;  // the waiter's reference moves to the report
      r.start_seq = w.start_seq();
      r.time = due;
      pending.push_back(r);
      --live_waiters_;
    });
    next.clear();
    Report(p, pending, out);
    pending.clear();
  }
  // Expiry. A partial match times out once, and not when it already is a
  // match that a loop could still extend (docs/semantics.md, Timeouts).
  // Ordered by start: the expired waiters lie in the leading chunks.
  expired_.clear();
  released_.clear();
  if (ir_.within_ns >= 0) {
    const int64_t oldest_kept = deadline - ir_.within_ns;  // starts after it stay
    p.waiters.Rewrite(
        [oldest_kept](uint64_t, const Waiter& first) {
          return first.start_time() <= oldest_kept ? WaiterList::Visit::kRewrite
                                                   : WaiterList::Visit::kStop;
        },
        next, [&](const Waiter& w, std::vector<Waiter>& kept) {
          const nfa::Edge& edge = prog_.edges[w.edge];
          if (edge.kind == nfa::EdgeKind::kTake && w.start_time() <= oldest_kept) {
            if (ir_.timeout_emit && !dag_.complete(w.node)) expired_.push_back(w.node);
            // Released after the timeouts have read the chains.
            released_.push_back(w.node);
            DropWaiter(w, /*release=*/false);
            return;
          }
          kept.push_back(w);
        });
    next.clear();
  }
  if (!expired_.empty()) {
    // One timeout per partial match (identical bindings reached through other
    // states — another order of all(), another parse — are one), in the
    // order docs/semantics.md gives: event by event, the earlier event
    // first, a partial match after its own extensions, then by variables.
    struct Expired {
      std::vector<std::pair<uint64_t, int32_t>> steps;  // (seq, var), first event first
      uint32_t node;
    };
    std::vector<Expired> list;
    absl::flat_hash_set<std::string> seen;
    for (uint32_t node : expired_) {
      BindingKey(node, binding_scratch_);
      if (!seen.insert(binding_scratch_).second) continue;
      Expired x{{}, node};
      for (uint32_t n = node; n != 0; n = dag_.parent(n)) {
        x.steps.push_back({dag_.event(n)->seq, dag_.var(n)});
      }
      std::reverse(x.steps.begin(), x.steps.end());
      list.push_back(std::move(x));
    }
    std::sort(list.begin(), list.end(), [](const Expired& a, const Expired& b) {
      size_t n = std::min(a.steps.size(), b.steps.size());
      for (size_t i = 0; i < n; ++i) {
        if (a.steps[i].first != b.steps[i].first) return a.steps[i].first < b.steps[i].first;
      }
      if (a.steps.size() != b.steps.size()) return a.steps.size() > b.steps.size();
      for (size_t i = 0; i < n; ++i) {
        if (a.steps[i].second != b.steps[i].second) return a.steps[i].second < b.steps[i].second;
      }
      return false;
    });
    for (const Expired& x : list) {
      const Event* first = dag_.event([&] {
        uint32_t f = x.node;
        while (dag_.parent(f) != 0) f = dag_.parent(f);
        return f;
      }());
      MatchReport r;
      r.rule = rule_index_;
      r.partition = partition;
      r.node = x.node;
      r.start_seq = first->seq;
      r.time = first->time + ir_.within_ns;
      r.timeout = true;
      dag_.Retain(x.node);
      pending.push_back(r);
    }
  }
  for (uint32_t node : released_) dag_.Release(node);
  Report(p, pending, out);
  pending.clear();
  if (p.waiters.empty()) {
    if (!p.idle) empty_.push_back(partition);  // freed (or idled) once the engine has emitted the reports
  } else {
    Schedule(partition);
  }
}

void RuleMatcher::CollectMatch(uint32_t node,
                               std::vector<std::vector<const Event*>>& per_var) const {
  per_var.resize(ir_.vars.size());
  for (auto& v : per_var) v.clear();
  for (uint32_t n = node; n != 0; n = dag_.parent(n)) {
    int32_t var = dag_.var(n);
    if (var >= 0) per_var[static_cast<size_t>(var)].push_back(dag_.event(n));
  }
  for (auto& v : per_var) std::reverse(v.begin(), v.end());
  // A group variable holds the events of the atoms inside it, in order.
  for (size_t g = 0; g < ir_.vars.size(); ++g) {
    const ir::Var& var = ir_.vars[g];
    if (!var.is_group) continue;
    auto& out = per_var[g];
    for (int32_t m : var.members) {
      out.insert(out.end(), per_var[static_cast<size_t>(m)].begin(),
                 per_var[static_cast<size_t>(m)].end());
    }
    std::sort(out.begin(), out.end(),
              [](const Event* a, const Event* b) { return a->seq < b->seq; });
  }
}

}  // namespace cep::rt
