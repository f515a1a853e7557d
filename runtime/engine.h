// The engine: runs every compiled pattern rule over one stream of events in
// processing order and hands out derived events.
//
// Per event: assign its sequence number; fire the timers that are due before
// it (window expiry, absence deadlines, timeouts — in deadline order, across
// all rules and partitions); evaluate the shared single-event predicates of
// its type once into a bitset; step each rule that reads its type; turn the
// reported matches into derived events, which go to the output and, when a
// rule reads their type, back into the stream right after the event that
// caused them. Finish() fires every remaining timer (end of input).
//
// Thread-compatible: one engine per thread. Tested by tests/unit/engine_test.cc,
// the golden run tests and the differential tests.
#ifndef CEP_RUNTIME_ENGINE_H_
#define CEP_RUNTIME_ENGINE_H_

#include <cstdint>
#include <queue>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "compiler/check/checked_program.h"
#include "compiler/nfa/prog.h"
#include "runtime/edge_coverage.h"
#include "runtime/event.h"
#include "runtime/expr_eval.h"
#include "runtime/limits.h"
#include "runtime/predicate_set.h"
#include "runtime/rule_matcher.h"
#include "runtime/stats.h"
#include "runtime/time_ordered_queue.h"
#include "runtime/suppressor.h"
#include "runtime/timer_queue.h"
#include "runtime/window_matcher.h"

namespace cep::rt {

// A derived event as the engine hands it out. `event` is valid during the
// callback only (Retain it in the store to keep it).
struct DerivedEvent {
  const Event* event = nullptr;
  uint32_t rule = 0;         // CheckedProgram::rules index
  std::string_view rule_name;
  bool timeout = false;      // from `on timeout emit`
  // The events bound to each named variable, by sequence number.
  struct Binding {
    std::string_view var;
    std::vector<uint64_t> seqs;
  };
  std::vector<Binding> bindings;
};

class Engine {
 public:
  // `checked` and `prog` (and the IR behind prog) must outlive the engine.
  Engine(const check::CheckedProgram& checked, const nfa::Prog& prog, const Limits& limits = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  void SetOutput(std::function<void(const DerivedEvent&)> output) { output_ = std::move(output); }
  EventStore& store() { return store_; }
  // `cep test --coverage`: from now on every pattern rule's matcher counts
  // the transitions it follows into `coverage` (null: stop counting), which
  // must outlive the engine or the next call. See runtime/edge_coverage.h.
  void SetEdgeCoverage(EdgeCoverage* coverage);

  // Takes one reference of `e`. Events must come in processing order (time,
  // then input order); an event older than the last one is the caller's
  // (reorder buffer's) business — here it is processed as if on time.
  void Push(Event* e);
  // Event time has reached `t`: fires every timer with a deadline before it.
  void AdvanceTime(int64_t t);
  // End of input: fires every timer.
  void Finish();

  const EngineStats& stats();
  // OK, or ResourceExhausted once a limit with the `fail` policy was
  // exceeded; events pushed after that are dropped.
  const absl::Status& status() const { return status_; }
  // Approximate bytes of matcher state: events held, DAG nodes, waiters,
  // partitions (what max_memory bounds).
  size_t ApproxBytes() const;
  // Live partial matches and partitions over all rules (budget tests).
  size_t live_waiters() const;
  size_t live_partitions() const;
  size_t live_dag_nodes() const;
  size_t live_dag_bytes() const;  // what those nodes take (match_dag.h bytes_per_node)
  size_t live_groups() const;  // windowed rules' groups

 private:
  void Process(Event* e);
  void FireTimersBefore(int64_t t, bool inclusive);
  // Emits a batch: pattern reports and `from` rule outputs, each sorted by
  // rule (program order), merged so the whole batch is in program order.
  void Emit(std::vector<MatchReport>& reports, std::vector<WindowEmission>& windows);
  void EmitMatch(const MatchReport& r);
  // Counts a derived event and queues it for the rules that read its type.
  void Forward(Event* derived);
  void EnforceLimits();
  // Processes queued derived events with time <= `up_to`, oldest first.
  void DrainDerived(int64_t up_to);
  const std::vector<LoadedProgram>& Checks(uint32_t rule) const { return checks_[rule]; }

  const check::CheckedProgram& checked_;
  const nfa::Prog& prog_;
  Limits limits_;
  EventStore store_;
  TimerQueue timers_;
  EngineStats stats_;

  PredicateSet predicates_;                             // shared single-event predicates
  std::vector<uint64_t> bits_;
  std::vector<std::vector<LoadedProgram>> checks_;       // per rule
  std::vector<std::vector<LoadedProgram>> emits_;        // per rule
  std::vector<std::vector<LoadedProgram>> timeout_emits_;
  std::vector<std::unique_ptr<RuleMatcher>> matchers_;   // per rule (prog.rules order)
  std::vector<std::vector<LoadedProgram>> suppress_keys_;  // per pattern rule
  std::vector<std::optional<Suppressor>> suppressors_;     // per pattern rule
  // `from` rules (ir.window_rules order); their timers carry rule ids
  // matchers_.size() + index.
  std::vector<std::unique_ptr<WindowMatcher>> windows_;
  std::vector<std::vector<uint32_t>> windows_by_type_;
  std::vector<WindowEmission> window_out_;
  std::string suppress_scratch_;
  std::vector<std::vector<uint32_t>> rules_by_type_;
  std::vector<bool> type_consumed_;

  // Derived events waiting to enter the stream, by (time, creation order).
  TimeOrderedQueue derived_queue_;
  std::vector<MatchReport> reports_;
  std::vector<MatchReport> timer_reports_;  // reports of the current timer batch
  std::vector<uint32_t> fired_rules_;      // rules whose timers fired in the current batch
  std::vector<std::vector<const Event*>> per_var_;
  std::vector<const Event*> last_scratch_;
  DerivedEvent emit_out_;  // EmitMatch: reused for every match (P7)
  std::vector<DerivedEvent::Binding> spare_bindings_;  // their seqs buffers kept
  EventBuilder builder_;
  std::function<void(const DerivedEvent&)> output_;
  uint64_t next_seq_ = 1;
  absl::Status status_;
  // Some rule's state may have changed since EnforceLimits last ran (a
  // matcher took the event, a window rule saw it, a timer fired).
  bool touched_ = true;
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_ENGINE_H_
