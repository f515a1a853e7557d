// Runs one pattern rule's NFA (compiler/nfa/prog.h) over the events of its
// input types, per partition, and reports completed matches.
//
// State per partition: an ordered list of *waiters*. A waiter is one
// outgoing edge of the state a partial match is in, waiting for an event it
// can take (or, for an absence edge, for its deadline). The list is kept in
// order of (start event, preference): a waiter's children replace it in the
// list, taken-now before still-waiting, and matches starting at a new event
// are appended — so matches completing at one event come out in the order
// docs/semantics.md defines, and after-match strategies cut a prefix.
// A waiter is 16 bytes (runtime/waiter_list.h); the events it has taken live
// in the shared MatchDag. An event visits only the chunks of the list that
// hold waiters it can move (MovableEdges), so its cost does not grow with
// the waiters parked on other edges (the window).
//
// Time: the engine fires timers (window expiry, absence deadlines) in
// deadline order before any later event.
//
// Partitions: an unpartitioned rule has one partition, made at its first
// start and kept for good, idle when it has no waiters (no key hash per
// event; its after-match threshold cannot matter any more, every later
// match starts after it). A partitioned rule makes a partition only for an
// event that passes a start edge's full test, and frees it once its
// waiters run out.
// Tested by tests/unit/matcher_test.cc and the differential tests.
#ifndef CEP_RUNTIME_RULE_MATCHER_H_
#define CEP_RUNTIME_RULE_MATCHER_H_

#include <cstdint>
#include <queue>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"
#include "compiler/nfa/prog.h"
#include "runtime/block_vector.h"
#include "runtime/expr_eval.h"
#include "runtime/limits.h"
#include "runtime/lru_order.h"
#include "runtime/match_dag.h"
#include "runtime/stats.h"
#include "runtime/timer_queue.h"
#include "runtime/waiter_list.h"

namespace cep::rt {

// The running-aggregate slots of one rule: every aggregate its filters use,
// deduplicated (same variable, function and argument share a slot). The
// match DAG keeps one AggState per slot on each node.
class RuleAggregates {
 public:
  struct SlotSpec {
    const LoadedProgram* program = nullptr;
    uint32_t agg_index = 0;
  };
  explicit RuleAggregates(const std::vector<LoadedProgram>& checks);
  uint32_t size() const { return static_cast<uint32_t>(slots_.size()); }
  const SlotSpec& slot(uint32_t i) const { return slots_[i]; }
  int32_t Slot(const LoadedProgram* program, uint32_t agg_index) const;

 private:
  std::vector<SlotSpec> slots_;
  absl::flat_hash_map<std::string, int32_t> by_key_;
  absl::flat_hash_map<std::pair<const LoadedProgram*, uint32_t>, int32_t> slot_of_;
};

// The value an aggregate folds in for event `e`: its argument evaluated with
// the variable bound to `e` (the event itself for count(v)).
Value AggregateInput(const LoadedProgram& program, uint32_t agg_index, const Event* e,
                     const EvalEnv& env);

// A completed match (or, with `timeout`, an expired partial match) that the
// engine turns into a derived event. Holds a reference on `node`.
struct MatchReport {
  uint32_t rule = 0;        // index into nfa::Prog::rules
  uint32_t partition = 0;
  uint32_t node = 0;        // the match's last node in the rule's DAG
  uint64_t start_seq = 0;
  int64_t time = 0;         // completion time: the last event's, or the deadline
  bool timeout = false;
};

class RuleMatcher {
 public:
  RuleMatcher(uint32_t rule_index, const nfa::RuleProg& prog, const std::vector<LoadedProgram>* checks,
              EventStore* store, TimerQueue* timers, const Limits& limits, RuleStats* stats);
  RuleMatcher(const RuleMatcher&) = delete;
  RuleMatcher& operator=(const RuleMatcher&) = delete;
  ~RuleMatcher();

  // Processes one event of an input type of the rule. `pred_bits` holds the
  // shared single-event predicates of this event (bit per PredId). Returns
  // false when the event left the rule's state as it was (most events: see
  // NoteRelevantPredicates), so the engine need not re-check its limits.
  bool OnEvent(Event* e, const std::vector<uint64_t>& pred_bits, std::vector<MatchReport>& out);

  // Fires, in `partition`, the deadlines <= `deadline` (absence completions
  // and, with `within`, expiry and timeouts), then reschedules the partition.
  void OnTimer(uint32_t partition, uint32_t generation, int64_t deadline,
               std::vector<MatchReport>& out);

  // The events bound to each variable of a reported match, in order.
  void CollectMatch(uint32_t node, std::vector<std::vector<const Event*>>& per_var) const;
  const MatchDag& dag() const { return dag_; }
  void ReleaseReport(const MatchReport& r) { dag_.Release(r.node); }
  // Partition key values (for bare key names in emit expressions), decoded
  // into a scratch buffer: valid until the next call or FreeEmptyPartitions.
  const Value* key_values(uint32_t partition);
  // Frees the partitions that OnEvent / OnTimer left without partial
  // matches. The engine calls it after emitting their reports, which read
  // the partitions' keys.
  void FreeEmptyPartitions() {
    if (!empty_.empty()) FreeEmptied();  // the common case: nothing to free
  }

  size_t live_waiters() const { return live_waiters_; }
  // Partitions holding partial matches (an idle single partition is not counted).
  size_t live_partitions() const { return partitions_in_index() - idle_count_; }
  // Approximate bytes of this rule's state, events excluded (they are the
  // store's): DAG nodes, waiters and partitions.
  size_t ApproxBytes() const;
  // Memory pressure: drops the older half (at least one) of the partial
  // matches of every partition. Returns how many were dropped.
  size_t ShedOldestHalf();
  // A limit with the kFail policy was exceeded: what happened, else empty.
  const std::string& failure() const { return failure_; }

  // Coverage hook (cep test --coverage): when set, counters[e] (one per edge
  // of the rule's program) counts the times edge e was followed: an event
  // taken, a match accepted, an absence completed. Null (the default) costs
  // one predictable branch per step. See runtime/edge_coverage.h.
  void set_edge_counters(uint64_t* counters) { edge_counters_ = counters; }

 private:
  struct Partition {
    std::string key;               // encoded key bytes (owned); decoded when read
    WaiterList waiters;
    uint64_t threshold = 0;        // after-match: matches starting at or before are suppressed
    int64_t scheduled = INT64_MAX; // earliest deadline queued for this partition
    int64_t min_absence = INT64_MAX;
    uint32_t generation = 0;
    bool in_use = false;
    bool idle = false;             // the single partition, kept without waiters
    // Least-recently-active list of live partitions (for eviction).
    uint32_t lru_prev = kNone;
    uint32_t lru_next = kNone;
  };
  static constexpr uint32_t kNone = UINT32_MAX;

  // Encodes the partition key of `e` into key_scratch_; false (counted) when
  // a key field is null.
  bool BuildKey(const Event* e);
  // The partition of key_scratch_, if it exists / created (false when the
  // partition limit sheds it).
  bool FindPartition(uint32_t* index) const;
  bool CreatePartition(uint32_t* index);
  void FreePartition(uint32_t index);
  void FreeEmptied();
  size_t partitions_in_index() const { return index_.size() + (single_ != kNone ? 1 : 0); }
  // Can `e` start a match (a start edge's full test)? `keys` as for CanTake.
  bool Starts(const Event* e, const std::vector<uint64_t>& bits, const Value* keys) const;
  void Schedule(uint32_t index);

  // Does `e` pass the atom/guard test `type`+`filter` for a match at `node`?
  bool Passes(EventTypeId type, const ir::Filter& filter, const Event* e, uint32_t node,
              int32_t own_var, const std::vector<uint64_t>& bits, const Value* keys) const;
  // Can the take edge `edge` take `e` after `node` (atom test and until)?
  bool CanTake(const nfa::Edge& edge, const Event* e, uint32_t node,
               const std::vector<uint64_t>& bits, const Value* keys) const;
  // Enters `state` by taking `e` after `parent`: appends the new waiters to
  // `next` and reports accepts.
  // `first` is the match's first event.
  void Enter(uint32_t state, Event* e, uint32_t parent, const Event* first, uint32_t partition,
             std::vector<Waiter>& next, std::vector<MatchReport>& reports);
  // Steps one waiter over `e` (OnEvent): appends what replaces it to `next`.
  void Step(const Waiter& w, Event* e, uint32_t partition, const std::vector<uint64_t>& bits,
            const Value* keys, std::vector<Waiter>& next, std::vector<MatchReport>& pending);
  // An absence waiter's completion time.
  int64_t Deadline(const Waiter& w) const {
    return ir_.absence_ns >= 0 ? dag_.event(w.node)->time + ir_.absence_ns
                               : w.start_time() + ir_.within_ns;
  }
  void UpdateAggregates(uint32_t node, int32_t var, const Event* e);
  // Applies the after-match strategy to the reports of one partition and
  // drops the waiters it cuts off.
  void Report(Partition& p, std::vector<MatchReport>& pending,
              std::vector<MatchReport>& out);
  void EnforceRunLimit(Partition& p);
  // Appends `w` to `next` unless an identical run is already there.
  void PushWaiter(std::vector<Waiter>& next, const Waiter& w);
  void DropWaiter(const Waiter& w, bool release = true) {
    if (release) dag_.Release(w.node);
    --live_waiters_;
  }
  // The identity of a match's bindings: (variable, event) pairs, last first.
  void BindingKey(uint32_t node, std::string& out) const;

  uint32_t rule_index_;
  const nfa::RuleProg& prog_;
  const ir::RuleIR& ir_;
  const std::vector<LoadedProgram>* checks_;
  EventStore* store_;
  TimerQueue* timers_;
  const Limits& limits_;
  RuleAggregates aggs_;
  RuleStats* stats_;
  MatchDag dag_;
  std::vector<const Event*> no_vars_;  // the variable table before any event

  // Partitions never move: decoded key strings point into each key, and the
  // index's hash reads keys through the container.
  BlockVector<Partition> partitions_;
  std::vector<uint32_t> free_partitions_;
  // The partitions by key: a set of partition indexes hashed and compared
  // by their key bytes, looked up by the bytes themselves (a map from a
  // copy of the key would keep every key twice).
  struct KeyHash {
    using is_transparent = void;
    const BlockVector<Partition>* partitions;
    size_t operator()(std::string_view key) const {
      return absl::Hash<absl::string_view>{}(absl::string_view(key.data(), key.size()));
    }
    size_t operator()(uint32_t i) const { return (*this)((*partitions)[i].key); }
  };
  struct KeyEq {
    using is_transparent = void;
    const BlockVector<Partition>* partitions;
    std::string_view Key(std::string_view key) const { return key; }
    std::string_view Key(uint32_t i) const { return (*partitions)[i].key; }
    template <class A, class B>
    bool operator()(const A& a, const B& b) const { return Key(a) == Key(b); }
  };
  absl::flat_hash_set<uint32_t, KeyHash, KeyEq> index_{0, KeyHash{&partitions_},
                                                       KeyEq{&partitions_}};
  size_t long_key_bytes_ = 0;  // heap bytes of keys too long for the string's own buffer
  std::string key_scratch_;
  std::string binding_scratch_;
  std::vector<Waiter> next_scratch_;
  std::vector<MatchReport> pending_scratch_;
  std::vector<uint32_t> expired_;                  // OnTimer: nodes that may time out
  std::vector<uint32_t> released_;                 // OnTimer: nodes of expired waiters
  absl::flat_hash_map<uint64_t, uint32_t> reported_;  // Report (merge() rules): hash -> node
  size_t live_waiters_ = 0;
  LruOrder lru_;  // live partitions, least recently active first
  std::string failure_;
  std::vector<uint32_t> empty_;  // partitions to free (or idle) after the reports are emitted
  const std::vector<std::vector<int32_t>>* key_slots_ = nullptr;  // per type: the key fields
  bool unkeyed_ = false;         // no partition key: one partition, single_
  uint32_t single_ = kNone;      // unkeyed_: the one partition (not in index_)
  size_t idle_count_ = 0;        // 1 while single_ is idle
  // Decoded partition keys, for checks that read a key by its bare name
  // (reads_keys_) and for emit (key_values).
  bool reads_keys_ = false;
  std::vector<Value> keys_scratch_;
  // The pattern can reach one state with equal bindings twice (then the
  // DAG keeps binding hashes for run merging and report dedupe).
  bool merge() const { return dag_.keeps_hashes(); }
  uint64_t* edge_counters_ = nullptr;  // coverage hook, see set_edge_counters
  // Which events can change this rule's state (NoteRelevantPredicates).
  std::vector<std::vector<uint64_t>> relevant_bits_;  // per type: predicate bits tested
  std::vector<uint8_t> always_relevant_;              // per type: some test has no predicate
  void NoteRelevantPredicates();
  bool Relevant(const Event* e, const std::vector<uint64_t>& bits) const;
  // Which waiters an event can move, by edge (WaiterList::EdgeBit): per
  // input type, the edges any event of the type moves (a test without a
  // predicate, a strict edge) and, per predicate, the edges whose target,
  // guard or absence test uses it. Built by NoteRelevantPredicates.
  struct TypeMovers {
    uint64_t always = 0;
    std::vector<std::pair<uint32_t, uint64_t>> by_pred;  // (PredId, edge bits)
  };
  std::vector<TypeMovers> movers_;
  uint64_t absence_edge_bits_ = 0;  // EdgeBit of every absence edge
  uint64_t MovableEdges(const Event* e, const std::vector<uint64_t>& bits) const;
  absl::flat_hash_map<std::pair<uint32_t, uint64_t>, uint32_t> merge_index_;  // (edge, bindings hash) -> node
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_RULE_MATCHER_H_
