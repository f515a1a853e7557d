// See engine.h.
#include "runtime/engine.h"

#include <algorithm>

#include "runtime/derived_build.h"
#include "runtime/key_codec.h"

namespace cep::rt {

Engine::Engine(const check::CheckedProgram& checked, const nfa::Prog& prog, const Limits& limits)
    : checked_(checked),
      prog_(prog),
      limits_(limits),
      predicates_(*prog.ir, checked.schema.size()) {
  const ir::ProgramIR& ir = *prog.ir;
  size_t ntypes = checked.schema.size();
  stats_.events_by_type.assign(ntypes, 0);

  bits_.assign((ir.predicates.size() + 63) / 64 + 1, 0);

  rules_by_type_.resize(ntypes);
  type_consumed_.assign(ntypes, false);
  checks_.resize(prog.rules.size());
  emits_.resize(prog.rules.size());
  timeout_emits_.resize(prog.rules.size());
  // Pattern rules, then `from` rules; matchers keep pointers: size it once.
  stats_.rules.resize(prog.rules.size() + ir.window_rules.size());
  // Load every program before any matcher keeps pointers into the vectors.
  for (size_t r = 0; r < prog.rules.size(); ++r) {
    const ir::RuleIR& rule = ir.rules[r];
    // Checks run compiled where their shape allows (`price < prev.price`).
    for (const expr::Program& c : rule.checks) {
      checks_[r].emplace_back(&c, LoadedProgram::Mode::kCompiled);
    }
    if (rule.emit) {
      for (const expr::Program& v : rule.emit->values) emits_[r].emplace_back(&v);
    }
    if (rule.timeout_emit) {
      for (const expr::Program& v : rule.timeout_emit->values) timeout_emits_[r].emplace_back(&v);
    }
    stats_.rules[r].name = rule.name;
  }
  suppress_keys_.resize(prog.rules.size());
  suppressors_.resize(prog.rules.size());
  for (size_t r = 0; r < prog.rules.size(); ++r) {
    const ir::RuleIR& rule = ir.rules[r];
    if (!rule.suppress) continue;
    for (const expr::Program& k : rule.suppress->keys) suppress_keys_[r].emplace_back(&k);
    suppressors_[r].emplace(rule.suppress->duration_ns);
  }
  for (size_t r = 0; r < prog.rules.size(); ++r) {
    const ir::RuleIR& rule = ir.rules[r];
    matchers_.push_back(std::make_unique<RuleMatcher>(static_cast<uint32_t>(r), prog.rules[r],
                                                      &checks_[r], &store_, &timers_, limits_,
                                                      &stats_.rules[r]));
    for (EventTypeId t : rule.input_types) {
      rules_by_type_[t].push_back(static_cast<uint32_t>(r));
      type_consumed_[t] = true;
    }
  }
  windows_by_type_.resize(ntypes);
  for (size_t w = 0; w < ir.window_rules.size(); ++w) {
    const ir::WindowRuleIR& rule = ir.window_rules[w];
    RuleStats* rs = &stats_.rules[prog.rules.size() + w];
    rs->name = rule.name;
    windows_.push_back(std::make_unique<WindowMatcher>(
        static_cast<uint32_t>(matchers_.size() + w), rule, checked.schema, &store_, &timers_,
        limits_, rs));
    if (rule.type < ntypes) {
      windows_by_type_[rule.type].push_back(static_cast<uint32_t>(w));
      type_consumed_[rule.type] = true;
    }
  }
}

Engine::~Engine() {
  while (!derived_queue_.empty()) store_.Release(derived_queue_.Pop());
  for (MatchReport& r : reports_) matchers_[r.rule]->ReleaseReport(r);
  for (WindowEmission& w : window_out_) store_.Release(w.derived);
  matchers_.clear();  // before the store they release events into
  windows_.clear();
}

void Engine::SetEdgeCoverage(EdgeCoverage* coverage) {
  for (size_t i = 0; i < matchers_.size(); ++i) {
    matchers_[i]->set_edge_counters(coverage == nullptr ? nullptr
                                                        : coverage->CountersFor(prog_.rules[i]));
  }
}

void Engine::Push(Event* e) {
  if (!status_.ok()) {
    store_.Release(e);
    return;
  }
  ++stats_.events_in;
  Process(e);
  DrainDerived(INT64_MAX);
  EnforceLimits();
}

size_t Engine::ApproxBytes() const {
  size_t bytes = store_.live_bytes();
  for (const auto& m : matchers_) bytes += m->ApproxBytes();
  for (const auto& w : windows_) bytes += w->ApproxBytes();
  return bytes;
}

void Engine::EnforceLimits() {
  // Nothing grew since the last check (the event changed no rule's state,
  // and no timer fired): the limits and the peak are as they were.
  if (!touched_) return;
  touched_ = false;
  for (const auto& m : matchers_) {
    if (!m->failure().empty()) {
      status_ = absl::ResourceExhaustedError(m->failure());
      return;
    }
  }
  for (const auto& w : windows_) {
    if (!w->failure().empty()) {
      status_ = absl::ResourceExhaustedError(w->failure());
      return;
    }
  }
  size_t bytes = ApproxBytes();
  stats_.peak_memory = std::max<uint64_t>(stats_.peak_memory, bytes);
  if (limits_.max_memory == 0 || bytes <= limits_.max_memory) return;
  if (limits_.on_memory_overflow == OverflowPolicy::kFail) {
    status_ = absl::ResourceExhaustedError(
        "matcher state exceeded max_memory (" + std::to_string(limits_.max_memory) + " bytes)");
    return;
  }
  // drop-oldest and reject-new both shed the oldest partial matches here:
  // the state that exists is what takes the memory.
  ++stats_.memory_sheds;
  while (bytes > limits_.max_memory) {
    size_t dropped = 0;
    for (const auto& m : matchers_) dropped += m->ShedOldestHalf();
    for (const auto& w : windows_) dropped += w->ShedOldestHalf();
    if (dropped == 0) break;
    bytes = ApproxBytes();
  }
}

void Engine::Process(Event* e) {
  // Everything due before this event's time happens before it, and so do
  // the derived events that causes: number the event after them.
  if (!timers_.empty() && timers_.top().deadline < e->time) {
    FireTimersBefore(e->time, /*inclusive=*/false);
  }
  e->seq = next_seq_++;
  if (e->type < stats_.events_by_type.size()) ++stats_.events_by_type[e->type];
  if (e->type >= rules_by_type_.size() || !type_consumed_[e->type]) {
    ++stats_.events_unused;
    store_.Release(e);
    return;
  }
  predicates_.Evaluate(e, bits_);
  reports_.clear();
  for (uint32_t r : rules_by_type_[e->type]) {
    if (matchers_[r]->OnEvent(e, bits_, reports_)) touched_ = true;
  }
  window_out_.clear();
  for (uint32_t w : windows_by_type_[e->type]) {
    windows_[w]->OnEvent(e, bits_, window_out_);
    touched_ = true;
  }
  store_.Release(e);
  if (!reports_.empty() || !window_out_.empty()) Emit(reports_, window_out_);
  for (uint32_t r : rules_by_type_[e->type]) matchers_[r]->FreeEmptyPartitions();
}

void Engine::AdvanceTime(int64_t t) {
  FireTimersBefore(t, /*inclusive=*/false);
  DrainDerived(INT64_MAX);
}

void Engine::Finish() {
  if (!status_.ok()) return;  // stopped by a limit: derive nothing more
  FireTimersBefore(INT64_MAX, /*inclusive=*/true);
  DrainDerived(INT64_MAX);
}

void Engine::FireTimersBefore(int64_t t, bool inclusive) {
  while (!timers_.empty()) {
    int64_t d = timers_.top().deadline;
    if (inclusive ? d > t : d >= t) break;
    // Every timer with this deadline fires as one batch, ordered by rule
    // then start (docs/semantics.md, "Output order").
    // Own scratch vectors (not reports_): they stay allocated across
    // batches, and the derived events drained below may fire timers again
    // only after this batch is fully emitted.
    touched_ = true;
    timer_reports_.clear();
    fired_rules_.clear();
    window_out_.clear();
    while (!timers_.empty() && timers_.top().deadline == d) {
      Timer timer = timers_.Pop();
      if (timer.rule >= matchers_.size()) {
        windows_[timer.rule - matchers_.size()]->OnTimer(timer, window_out_);
        continue;
      }
      matchers_[timer.rule]->OnTimer(timer.partition, timer.generation, d, timer_reports_);
      fired_rules_.push_back(timer.rule);
    }
    std::stable_sort(timer_reports_.begin(), timer_reports_.end(),
                     [](const MatchReport& a, const MatchReport& b) {
                       if (a.rule != b.rule) return a.rule < b.rule;
                       return a.start_seq < b.start_seq;
                     });
    std::stable_sort(window_out_.begin(), window_out_.end(),
                     [](const WindowEmission& a, const WindowEmission& b) {
                       if (a.rule_index != b.rule_index) return a.rule_index < b.rule_index;
                       return a.order < b.order;
                     });
    Emit(timer_reports_, window_out_);
    for (uint32_t r : fired_rules_) matchers_[r]->FreeEmptyPartitions();
    // Derived events of this deadline enter before anything later. A window
    // ending at `e` fires at deadline e - 1 and emits at `e`: its events
    // enter now too, before any input event at or after `e` (whose arrival
    // fired this batch) and before timers that need time past `e`.
    DrainDerived(d == INT64_MAX ? d : d + 1);
  }
}

void Engine::Emit(std::vector<MatchReport>& reports, std::vector<WindowEmission>& windows) {
  const ir::ProgramIR& ir = *prog_.ir;
  size_t i = 0, j = 0;
  while (i < reports.size() || j < windows.size()) {
    if (j == windows.size() ||
        (i < reports.size() && ir.rules[reports[i].rule].rule_index < windows[j].rule_index)) {
      EmitMatch(reports[i++]);
      continue;
    }
    const WindowEmission& w = windows[j++];
    if (!w.matcher->Admit(w)) {
      store_.Release(w.derived);
      continue;
    }
    const ir::WindowRuleIR& rule = *w.rule;
    if (output_) {
      DerivedEvent out;
      out.event = w.derived;
      out.rule = w.rule_index;
      out.rule_name = rule.name;
      if (w.row_seq != 0 && !rule.alias.empty()) {
        out.bindings.push_back({rule.alias, {w.row_seq}});
      }
      output_(out);
    }
    Forward(w.derived);
  }
  reports.clear();
  windows.clear();
}

void Engine::Forward(Event* derived) {
  ++stats_.events_derived;
  EventTypeId t = derived->type;
  if (t < type_consumed_.size() && type_consumed_[t]) {
    derived_queue_.Push(derived);  // keeps the reference
  } else {
    store_.Release(derived);
  }
}

void Engine::EmitMatch(const MatchReport& r) {
  const ir::ProgramIR& ir = *prog_.ir;
  const ir::RuleIR& rule = ir.rules[r.rule];
  RuleMatcher& m = *matchers_[r.rule];
  const std::optional<ir::EmitIR>& spec = r.timeout ? rule.timeout_emit : rule.emit;
  if (!spec) {
    m.ReleaseReport(r);
    return;
  }
  const std::vector<LoadedProgram>& values = r.timeout ? timeout_emits_[r.rule] : emits_[r.rule];
  m.CollectMatch(r.node, per_var_);
  std::vector<const Event*>& last = last_scratch_;
  last.assign(rule.vars.size(), nullptr);
  for (size_t v = 0; v < per_var_.size(); ++v) {
    if (!per_var_[v].empty()) last[v] = per_var_[v].back();
  }
  MatchAggregates aggs(&per_var_);
  EvalEnv env;
  env.current = m.dag().event(r.node);
  env.vars = last.data();
  env.keys = m.key_values(r.partition);
  env.aggs = &aggs;

  if (suppressors_[r.rule]) {
    // `suppress`: after the match-level after-match strategy, before the
    // output exists (docs/language.md, suppress).
    suppress_scratch_.clear();
    for (const LoadedProgram& k : suppress_keys_[r.rule]) EncodeKey(k.Eval(env), suppress_scratch_);
    if (!suppressors_[r.rule]->Pass(suppress_scratch_, r.time)) {
      ++stats_.rules[r.rule].outputs_suppressed;
      m.ReleaseReport(r);
      return;
    }
  }
  Event* derived = BuildDerived(*spec, values, checked_.schema, env, r.time, rule.rule_index,
                                builder_, store_);
  if (output_) {
    // One DerivedEvent for every match: its vectors keep their capacity, so
    // emitting allocates nothing once they have grown (the callback sees it
    // during the call only).
    DerivedEvent& out = emit_out_;
    out.event = derived;
    out.rule = rule.rule_index;
    out.rule_name = rule.name;
    out.timeout = r.timeout;
    size_t n = 0;
    for (size_t v = 0; v < rule.vars.size(); ++v) {
      if (per_var_[v].empty()) continue;
      if (n == out.bindings.size()) {
        if (spare_bindings_.empty()) {
          out.bindings.emplace_back();
        } else {
          out.bindings.push_back(std::move(spare_bindings_.back()));
          spare_bindings_.pop_back();
        }
      }
      DerivedEvent::Binding& b = out.bindings[n++];
      b.var = rule.vars[v].name;
      b.seqs.clear();
      for (const Event* e : per_var_[v]) b.seqs.push_back(e->seq);
    }
    // Bindings beyond this match's (a larger earlier match, another rule)
    // leave the vector but keep their buffers for the next larger one.
    while (out.bindings.size() > n) {
      spare_bindings_.push_back(std::move(out.bindings.back()));
      out.bindings.pop_back();
    }
    output_(out);
  }
  m.ReleaseReport(r);
  Forward(derived);
}

void Engine::DrainDerived(int64_t up_to) {
  while (!derived_queue_.empty() && derived_queue_.top_time() <= up_to) Process(derived_queue_.Pop());
}

const EngineStats& Engine::stats() { return stats_; }

size_t Engine::live_waiters() const {
  size_t n = 0;
  for (const auto& m : matchers_) n += m->live_waiters();
  return n;
}

size_t Engine::live_partitions() const {
  size_t n = 0;
  for (const auto& m : matchers_) n += m->live_partitions();
  return n;
}

size_t Engine::live_groups() const {
  size_t n = 0;
  for (const auto& w : windows_) n += w->live_groups();
  return n;
}

size_t Engine::live_dag_nodes() const {
  size_t n = 0;
  for (const auto& m : matchers_) n += m.get()->dag().live_nodes();
  return n;
}

size_t Engine::live_dag_bytes() const {
  size_t n = 0;
  for (const auto& m : matchers_) n += m->dag().live_nodes() * m->dag().bytes_per_node();
  return n;
}

}  // namespace cep::rt
