// WindowMatcher: runs one `from` rule (compiler/ir/window_ir.h).
//
// Without a window every event that passes the filter emits at once. With a
// window the rule keeps, per group (the `group by` values; one group without
// it), the aggregate states of its window and emits one derived event per
// group and window that holds events and passes `having`:
//   - tumbling / sliding: windows [k*every, k*every + size) in event time,
//     aligned to the epoch; events fold into panes of width
//     gcd(size, every), finished panes go into a PaneQueue (window_panes.h),
//     and each window end merges O(1) states. A window ending at `e` is
//     emitted (time `e`) once event time reaches `e`: before the first event
//     at or after `e`, or when the watermark passes it (a timer at e - 1).
//     An event in no window (sliding with every > size) is ignored.
//   - session: a group's window closes `gap` after its last event; emitted
//     at last + gap.
//   - count N [every M]: per group, every M-th event emits the last N events
//     (fewer while the group has seen fewer), at that event's time; the rest
//     of a count window at end of input is not emitted.
// Outputs of one instant come ordered by the group's first event in the
// window. Every aggregate is folded once per event (AggState), never
// recomputed from the events; first(v) / last(v) keep their events alive
// through the pane holding them.
//
// Groups are bounded by Limits::max_partitions (policy as for partitions:
// drop-oldest evicts the least recently active group) and freed as soon as
// they hold no window state: idle time-window groups cost nothing.
// Tested by tests/unit/window_matcher_test.cc, tests/golden/run/window_*,
// and cross-checked against a naive window computation by
// tests/differential (window cases).
#ifndef CEP_RUNTIME_WINDOW_MATCHER_H_
#define CEP_RUNTIME_WINDOW_MATCHER_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "compiler/check/schema.h"
#include "compiler/ir/window_ir.h"
#include "runtime/event.h"
#include "runtime/expr_eval.h"
#include "runtime/limits.h"
#include "runtime/lru_order.h"
#include "runtime/rule_matcher.h"
#include "runtime/stats.h"
#include "runtime/suppressor.h"
#include "runtime/timer_queue.h"
#include "runtime/window_panes.h"

namespace cep::rt {

// A derived event of a `from` rule, handed to the engine (which holds the
// reference from then on).
struct WindowEmission {
  uint32_t rule_index = 0;  // program order
  uint64_t order = 0;       // the first event of the window (or the event itself)
  Event* derived = nullptr;
  uint64_t row_seq = 0;     // window-less rules: the event that emitted it
  const ir::WindowRuleIR* rule = nullptr;
  class WindowMatcher* matcher = nullptr;
  // `suppress`: the key, decided by WindowMatcher::Admit once the batch is in
  // output order (a batch's emissions are made in timer order).
  std::string suppress_key;
};

class WindowMatcher {
 public:
  // `timer_id` is the Timer::rule value this matcher's timers carry.
  WindowMatcher(uint32_t timer_id, const ir::WindowRuleIR& ir, const check::Schema& schema,
                EventStore* store, TimerQueue* timers, const Limits& limits, RuleStats* stats);
  ~WindowMatcher();
  WindowMatcher(const WindowMatcher&) = delete;
  WindowMatcher& operator=(const WindowMatcher&) = delete;

  // An event of the `from` type; `pred_bits` as for RuleMatcher::OnEvent.
  void OnEvent(Event* e, const std::vector<uint64_t>& pred_bits, std::vector<WindowEmission>& out);
  // A timer of this matcher reached its deadline.
  void OnTimer(const Timer& timer, std::vector<WindowEmission>& out);

  // Whether an emission of this matcher goes out: applies `suppress` (the
  // emissions of one batch must come in output order) and counts it.
  bool Admit(const WindowEmission& w);

  const ir::WindowRuleIR& ir() const { return ir_; }
  size_t live_groups() const { return index_.size(); }
  size_t ApproxBytes() const;
  // Memory pressure: evicts the least recently active half of the groups
  // (at least one). Returns how many.
  size_t ShedOldestHalf();
  const std::string& failure() const { return failure_; }

 private:
  struct Group {
    std::string key;                 // encoded (key_codec.h)
    std::vector<Value> key_values;   // decoded; strings point into `key`
    PaneQueue panes;                 // finished panes of the current window(s)
    PaneQueue::Pane open;            // the pane being filled
    bool has_open = false;
    int64_t last_time = 0;           // session: the last event's time
    int64_t seen = 0;                // count windows: events so far
    uint32_t generation = 0;         // session timers
    uint32_t incarnation = 0;        // bumped when the slot is freed
    bool in_use = false;
    bool active = false;             // listed in active_
    uint32_t lru_prev = kNone;
    uint32_t lru_next = kNone;
  };
  static constexpr uint32_t kNone = UINT32_MAX;

  bool FindOrCreateGroup(uint32_t* index);
  void FreeGroup(uint32_t index);
  PaneQueue::Pane NewPane(int64_t index, uint64_t first_seq);
  // Keeps a dropped pane's states vector (emptied) for NewPane.
  void Recycle(PaneStates& states);
  void Fold(Group& g, Event* e);
  void Seal(Group& g);
  void PopPane(Group& g);
  void FireTimeWindow(int64_t end, std::vector<WindowEmission>& out);
  void Schedule(int64_t end);
  // Evaluates having / suppress / emit over `states` for group `g`.
  void EmitWindow(const Group& g, const PaneStates& states, int64_t time, uint64_t order,
                  std::vector<WindowEmission>& out);
  void EmitRow(Event* e, const EvalEnv& env, std::vector<WindowEmission>& out);
  void SuppressKey(const EvalEnv& env, std::string& out);

  uint32_t timer_id_;
  const ir::WindowRuleIR& ir_;
  const check::Schema& schema_;
  EventStore* store_;
  TimerQueue* timers_;
  const Limits& limits_;
  RuleStats* stats_;

  // Programs: keys, check, having, emit values, suppress keys.
  std::vector<LoadedProgram> keys_;
  std::vector<std::optional<FastOperand>> key_fields_;  // per key: the field it reads alone
  std::optional<LoadedProgram> check_;
  std::vector<LoadedProgram> outputs_;   // [having?] + emit values + suppress keys
  size_t emit_begin_ = 0, suppress_begin_ = 0;
  size_t live_panes_ = 0;
  std::unique_ptr<RuleAggregates> aggs_;
  std::vector<check::BuiltinId> fns_;    // per aggregate slot
  bool holds_events_ = false;            // some slot keeps events (first(v), last(v))
  std::optional<Suppressor> suppressor_;
  int64_t pane_width_ = 1;               // time panes (ns) or count panes (events)

  std::deque<Group> groups_;             // deque: key_values point into each key
  std::vector<uint32_t> free_groups_;
  absl::flat_hash_map<std::string, uint32_t> index_;
  std::vector<std::pair<uint32_t, uint32_t>> active_;  // (group, incarnation) with window state
  LruOrder lru_;  // live groups, least recently active first
  int64_t next_end_ = INT64_MAX;         // time windows: the end a timer is queued for

  std::string key_scratch_;
  std::string suppress_scratch_;
  PaneStates query_scratch_;
  // States vectors of dropped panes, emptied, for the next new pane: a pane
  // costs no allocation once the first windows have come and gone. At most
  // kMaxSpareStates are kept (not counted by ApproxBytes: shedding groups
  // must lower the count it is checked against).
  static constexpr size_t kMaxSpareStates = 1024;
  std::vector<PaneStates> spare_states_;
  // Per aggregate slot, how Fold reads its argument from the event: the
  // event itself (count(), first(t)), one field, perhaps widened to float
  // (sum(volume)), or the interpreter for anything else.
  struct SlotInput {
    enum class Kind : uint8_t { kProgram, kEvent, kField };
    Kind kind = Kind::kProgram;
    FastOperand field;  // kField
  };
  std::vector<SlotInput> inputs_;
  std::vector<std::pair<uint64_t, size_t>> batch_;  // FireTimeWindow: (order, out index)
  EventBuilder builder_;
  std::string failure_;
};

}  // namespace cep::rt

#endif  // CEP_RUNTIME_WINDOW_MATCHER_H_
