// See window_matcher.h.
#include "runtime/window_matcher.h"

#include <algorithm>
#include <numeric>
#include <optional>

#include "compiler/util/strcat.h"
#include "runtime/derived_build.h"
#include "runtime/key_codec.h"

namespace cep::rt {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

int64_t SaturatingAdd(int64_t a, int64_t b) {
  if (b > 0 && a > INT64_MAX - b) return INT64_MAX;
  return a + b;
}

// Aggregate values of one window: the merged state of each slot.
class StateAggregates : public AggregateSource {
 public:
  StateAggregates(const RuleAggregates& layout, const PaneStates& states)
      : layout_(layout), states_(states) {}
  Value Aggregate(const LoadedProgram& program, uint32_t agg_index,
                  const EvalEnv&) const override {
    int32_t slot = layout_.Slot(&program, agg_index);
    if (slot < 0) return Value::Null();
    return states_[slot].Result(program.program()->aggs[agg_index]);
  }

 private:
  const RuleAggregates& layout_;
  const PaneStates& states_;
};

// `code` as one field of the event (perhaps widened to float), which Fold
// and the group key read without the interpreter; nullopt otherwise.
std::optional<FastOperand> FieldOperand(const std::vector<expr::Instr>& code) {
  FastOperand o;
  if (!CompileFastOperand(code, {}, &o) || o.kind != FastOperand::Kind::kField) return std::nullopt;
  return o;
}

}  // namespace

WindowMatcher::WindowMatcher(uint32_t timer_id, const ir::WindowRuleIR& ir,
                             const check::Schema& schema, EventStore* store, TimerQueue* timers,
                             const Limits& limits, RuleStats* stats)
    : timer_id_(timer_id),
      ir_(ir),
      schema_(schema),
      store_(store),
      timers_(timers),
      limits_(limits),
      stats_(stats) {
  for (const expr::Program& k : ir.keys) {
    keys_.emplace_back(&k);
    // `group by name`: one field of the event, read without the interpreter.
    key_fields_.push_back(FieldOperand(k.code));
  }
  if (ir.check) check_.emplace(&*ir.check, LoadedProgram::Mode::kCompiled);
  // One vector, so aggregate slots are shared across having, emit and
  // suppress: emit values first (BuildDerived indexes them from 0).
  if (ir.emit) {
    for (const expr::Program& v : ir.emit->values) outputs_.emplace_back(&v);
  }
  emit_begin_ = 0;
  if (ir.having) outputs_.emplace_back(&*ir.having);
  suppress_begin_ = outputs_.size();
  if (ir.suppress) {
    for (const expr::Program& k : ir.suppress->keys) outputs_.emplace_back(&k);
    suppressor_.emplace(ir.suppress->duration_ns);
  }
  aggs_ = std::make_unique<RuleAggregates>(outputs_);
  for (uint32_t s = 0; s < aggs_->size(); ++s) {
    const RuleAggregates::SlotSpec& spec = aggs_->slot(s);
    const expr::Aggregate& a = spec.program->program()->aggs[spec.agg_index];
    auto fn = static_cast<check::BuiltinId>(a.builtin);
    fns_.push_back(fn);
    // What AggregateInput would compute, for the shapes that need no
    // interpreter: Fold's env reads the folded event as the current one.
    SlotInput in;
    if (a.arg.empty()) {
      in.kind = SlotInput::Kind::kEvent;
    } else if (std::optional<FastOperand> field = FieldOperand(a.arg)) {
      in.kind = SlotInput::Kind::kField;
      in.field = *field;
    }
    inputs_.push_back(in);
    if (a.arg.empty() && (fn == check::BuiltinId::kFirst || fn == check::BuiltinId::kLast)) {
      holds_events_ = true;
    }
  }
  if (ir.window == ir::WindowKind::kTumbling || ir.window == ir::WindowKind::kSliding ||
      ir.window == ir::WindowKind::kCount) {
    pane_width_ = std::gcd(ir.size, ir.every);
  }
}

WindowMatcher::~WindowMatcher() {
  for (uint32_t i = 0; i < groups_.size(); ++i) {
    if (groups_[i].in_use) FreeGroup(i);
  }
}

// ---- groups ----

bool WindowMatcher::FindOrCreateGroup(uint32_t* index) {
  auto it = index_.find(key_scratch_);
  if (it != index_.end()) {
    *index = it->second;
    lru_.Touch(groups_, *index);
    return true;
  }
  if (limits_.max_partitions != 0 && index_.size() >= limits_.max_partitions) {
    ++stats_->partitions_shed;
    switch (limits_.on_partitions_overflow) {
      case OverflowPolicy::kRejectNew:
        return false;
      case OverflowPolicy::kFail:
        failure_ = StrCat("rule '", ir_.name, "' exceeded max_partitions (",
                          limits_.max_partitions, " groups)");
        return false;
      case OverflowPolicy::kDropOldest:
        FreeGroup(lru_.head);  // the least recently active group, with its windows
        break;
    }
  }
  uint32_t i;
  if (!free_groups_.empty()) {
    i = free_groups_.back();
    free_groups_.pop_back();
  } else {
    i = static_cast<uint32_t>(groups_.size());
    groups_.emplace_back();
  }
  Group& g = groups_[i];
  g.key = key_scratch_;
  DecodeKey(g.key, g.key_values);
  g.in_use = true;
  g.has_open = false;
  g.seen = 0;
  g.active = false;
  index_.emplace(g.key, i);
  lru_.PushBack(groups_, i);
  stats_->peak_partitions = std::max<uint64_t>(stats_->peak_partitions, index_.size());
  *index = i;
  return true;
}

void WindowMatcher::FreeGroup(uint32_t i) {
  Group& g = groups_[i];
  while (!g.panes.empty()) PopPane(g);
  if (g.has_open) {
    if (g.open.first_event != nullptr) store_->Release(g.open.first_event);
    if (g.open.last_event != nullptr) store_->Release(g.open.last_event);
    Recycle(g.open.states);
    g.open = {};
    g.has_open = false;
    --live_panes_;
  }
  g.panes.Clear();
  index_.erase(g.key);
  lru_.Unlink(groups_, i);
  g.in_use = false;
  g.active = false;
  ++g.incarnation;
  ++g.generation;  // stale session timers
  free_groups_.push_back(i);
}

size_t WindowMatcher::ShedOldestHalf() {
  size_t n = std::max<size_t>(1, index_.size() / 2);
  size_t shed = 0;
  while (shed < n && lru_.head != kNone) {
    FreeGroup(lru_.head);
    ++shed;
  }
  stats_->partitions_shed += shed;
  return shed;
}

size_t WindowMatcher::ApproxBytes() const {
  // Merged copies (the queues' suffix states) at most double the panes' states.
  size_t pane = sizeof(PaneQueue::Pane) + 2 * fns_.size() * sizeof(AggState);
  return groups_.size() * sizeof(Group) + index_.size() * 64 + live_panes_ * pane;
}

// ---- panes ----

void WindowMatcher::Recycle(PaneStates& states) {
  if (spare_states_.size() >= kMaxSpareStates) return;  // freed with its pane
  PaneQueue::Reset(states);
  spare_states_.push_back(std::move(states));
}

PaneQueue::Pane WindowMatcher::NewPane(int64_t index, uint64_t first_seq) {
  PaneQueue::Pane p;
  p.index = index;
  p.first_seq = first_seq;
  if (!spare_states_.empty()) {
    p.states = std::move(spare_states_.back());  // emptied when it was dropped
    spare_states_.pop_back();
  }
  p.states.resize(fns_.size());
  ++live_panes_;
  return p;
}

void WindowMatcher::Fold(Group& g, Event* e) {
  EvalEnv env;
  env.current = e;
  env.keys = g.key_values.data();
  PaneQueue::Pane& p = g.open;
  for (uint32_t s = 0; s < fns_.size(); ++s) {
    const SlotInput& in = inputs_[s];
    Value v;
    switch (in.kind) {
      case SlotInput::Kind::kEvent: v = Value::EventRef(e); break;
      case SlotInput::Kind::kField: v = internal::LoadOperand(in.field, env); break;
      case SlotInput::Kind::kProgram: {
        const RuleAggregates::SlotSpec& spec = aggs_->slot(s);
        v = AggregateInput(*spec.program, spec.agg_index, e, env);
        break;
      }
    }
    p.states[s].Update(v, fns_[s]);
  }
  if (holds_events_) {
    if (p.first_event == nullptr) {
      store_->Retain(e);
      p.first_event = e;
    } else {
      store_->Retain(e);
      if (p.last_event != nullptr) store_->Release(p.last_event);
      p.last_event = e;
    }
  }
}

void WindowMatcher::Seal(Group& g) {
  g.panes.Push(std::move(g.open), fns_);
  g.open = {};
  g.has_open = false;
}

void WindowMatcher::PopPane(Group& g) {
  PaneQueue::Pane p;
  g.panes.Pop(fns_, &p);
  if (p.first_event != nullptr) store_->Release(p.first_event);
  if (p.last_event != nullptr) store_->Release(p.last_event);
  Recycle(p.states);
  --live_panes_;
}

// ---- events and timers ----

void WindowMatcher::OnEvent(Event* e, const std::vector<uint64_t>& pred_bits,
                            std::vector<WindowEmission>& out) {
  if (ir_.pred != UINT32_MAX && ((pred_bits[ir_.pred >> 6] >> (ir_.pred & 63)) & 1) == 0) return;
  const Event* vars[1] = {e};
  EvalEnv env;
  env.current = e;
  env.vars = vars;
  if (check_ && !check_->Test(env)) return;
  if (ir_.window == ir::WindowKind::kNone) {
    EmitRow(e, env, out);
    return;
  }
  const int64_t t = e->time;
  int64_t first_end = 0;
  if (ir_.window == ir::WindowKind::kTumbling || ir_.window == ir::WindowKind::kSliding) {
    // The earliest window [k*every, k*every + size) holding t.
    int64_t start = (FloorDiv(t - ir_.size, ir_.every) + 1) * ir_.every;
    if (start > t) return;  // between windows (every > size): in none
    first_end = start + ir_.size;
  }
  key_scratch_.clear();
  for (size_t k = 0; k < keys_.size(); ++k) {
    EncodeKey(key_fields_[k] ? internal::LoadOperand(*key_fields_[k], env) : keys_[k].Eval(env),
              key_scratch_);
  }
  uint32_t gi;
  if (!FindOrCreateGroup(&gi)) return;
  Group& g = groups_[gi];
  switch (ir_.window) {
    case ir::WindowKind::kTumbling:
    case ir::WindowKind::kSliding: {
      int64_t pane = FloorDiv(t, pane_width_);
      if (g.has_open && g.open.index != pane) Seal(g);
      if (!g.has_open) {
        g.open = NewPane(pane, e->seq);
        g.has_open = true;
      }
      Fold(g, e);
      if (!g.active) {
        g.active = true;
        active_.emplace_back(gi, g.incarnation);
      }
      Schedule(first_end);
      break;
    }
    case ir::WindowKind::kSession: {
      if (!g.has_open) {
        g.open = NewPane(0, e->seq);
        g.has_open = true;
      }
      Fold(g, e);
      g.last_time = t;
      ++g.generation;
      timers_->Push({SaturatingAdd(t, ir_.size - 1), timer_id_, gi, g.generation});
      break;
    }
    case ir::WindowKind::kCount: {
      int64_t pane = g.seen / pane_width_;
      if (g.has_open && g.open.index != pane) Seal(g);
      if (!g.has_open) {
        g.open = NewPane(pane, e->seq);
        g.has_open = true;
      }
      Fold(g, e);
      ++g.seen;
      if (g.seen % ir_.every != 0) break;
      Seal(g);
      // The last `size` events: panes from (seen - size) / width on.
      int64_t first_pane = (g.seen - ir_.size) / pane_width_;
      while (!g.panes.empty() && g.panes.front().index < first_pane) PopPane(g);
      if (g.panes.empty()) break;
      g.panes.Query(fns_, query_scratch_);
      EmitWindow(g, query_scratch_, t, g.panes.front().first_seq, out);
      // Panes no later window covers (the next one ends `every` events on).
      int64_t next_first = (g.seen + ir_.every - ir_.size) / pane_width_;
      while (!g.panes.empty() && g.panes.front().index < next_first) PopPane(g);
      break;
    }
    case ir::WindowKind::kNone:
      break;
  }
}

void WindowMatcher::Schedule(int64_t end) {
  if (end >= next_end_) return;
  next_end_ = end;
  timers_->Push({end - 1, timer_id_, 0, 0});
}

void WindowMatcher::OnTimer(const Timer& timer, std::vector<WindowEmission>& out) {
  if (ir_.window == ir::WindowKind::kSession) {
    uint32_t gi = timer.partition;
    if (gi >= groups_.size()) return;
    Group& g = groups_[gi];
    if (!g.in_use || g.generation != timer.generation || !g.has_open) return;
    EmitWindow(g, g.open.states, SaturatingAdd(g.last_time, ir_.size), g.open.first_seq, out);
    FreeGroup(gi);
    return;
  }
  if (timer.deadline == INT64_MAX || timer.deadline + 1 != next_end_) return;  // superseded
  FireTimeWindow(next_end_, out);
}

void WindowMatcher::FireTimeWindow(int64_t end, std::vector<WindowEmission>& out) {
  next_end_ = INT64_MAX;
  const size_t begin = out.size();
  const int64_t first_pane = FloorDiv(end - ir_.size, pane_width_);
  const int64_t end_pane = FloorDiv(end, pane_width_);
  // Panes before the next window's start are done after this window.
  const int64_t next_first = FloorDiv(end + ir_.every - ir_.size, pane_width_);
  size_t kept = 0;
  for (size_t a = 0; a < active_.size(); ++a) {
    auto [gi, incarnation] = active_[a];
    Group& g = groups_[gi];
    if (!g.in_use || g.incarnation != incarnation || !g.active) continue;
    if (g.has_open && g.open.index < end_pane) Seal(g);
    while (!g.panes.empty() && g.panes.front().index < first_pane) PopPane(g);
    if (!g.panes.empty() && g.panes.front().index < end_pane) {
      g.panes.Query(fns_, query_scratch_);
      EmitWindow(g, query_scratch_, end, g.panes.front().first_seq, out);
    }
    while (!g.panes.empty() && g.panes.front().index < next_first) PopPane(g);
    if (g.panes.empty() && !g.has_open) {
      FreeGroup(gi);
      continue;
    }
    active_[kept++] = active_[a];
  }
  active_.resize(kept);
  std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(begin), out.end(),
                   [](const WindowEmission& x, const WindowEmission& y) { return x.order < y.order; });
  if (!active_.empty()) Schedule(SaturatingAdd(end, ir_.every));
}

// ---- outputs ----

void WindowMatcher::SuppressKey(const EvalEnv& env, std::string& out) {
  out.clear();
  for (size_t k = suppress_begin_; k < outputs_.size(); ++k) EncodeKey(outputs_[k].Eval(env), out);
}

bool WindowMatcher::Admit(const WindowEmission& w) {
  if (suppressor_ && !suppressor_->Pass(w.suppress_key, w.derived->time)) {
    ++stats_->outputs_suppressed;
    return false;
  }
  ++stats_->matches;
  return true;
}

void WindowMatcher::EmitWindow(const Group& g, const PaneStates& states, int64_t time,
                               uint64_t order, std::vector<WindowEmission>& out) {
  StateAggregates src(*aggs_, states);
  const Event* vars[1] = {nullptr};
  EvalEnv env;
  env.vars = vars;
  env.keys = g.key_values.data();
  env.aggs = &src;
  if (ir_.having && !outputs_[suppress_begin_ - 1].Test(env)) return;
  if (!ir_.emit) return;
  Event* d = BuildDerived(*ir_.emit, outputs_, schema_, env, time, ir_.rule_index, builder_,
                          *store_);
  out.push_back({ir_.rule_index, order, d, 0, &ir_, this, {}});
  if (suppressor_) SuppressKey(env, out.back().suppress_key);
}

void WindowMatcher::EmitRow(Event* e, const EvalEnv& env, std::vector<WindowEmission>& out) {
  if (!ir_.emit) return;
  Event* d = BuildDerived(*ir_.emit, outputs_, schema_, env, e->time, ir_.rule_index, builder_,
                          *store_);
  out.push_back({ir_.rule_index, e->seq, d, e->seq, &ir_, this, {}});
  if (suppressor_) SuppressKey(env, out.back().suppress_key);
}

}  // namespace cep::rt
