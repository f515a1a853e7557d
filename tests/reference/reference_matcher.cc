// FOR TESTING ONLY. The naive reference matcher: see reference_matcher.h.
// Every rule of docs/semantics.md is checked the obvious way, by scanning the
// events it talks about; nothing is incremental and nothing is clever.
#include "tests/reference/reference_matcher.h"

#include <algorithm>
#include <cinttypes>
#include <compare>
#include <cstdio>
#include <functional>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <utility>

#include "compiler/ir/pattern_ir.h"
#include "compiler/util/strcat.h"
#include "runtime/expr_eval.h"

namespace cep::reference {
namespace {

using rt::Event;
using rt::Value;

// A completion point in processing order: an event (kind 0, by its sequence
// number) or a deadline (kind 1), which sits after every event with time <= it.
struct Point {
  int64_t time = 0;
  int kind = 0;
  uint64_t seq = 0;
  auto operator<=>(const Point&) const = default;
};

// One reported match or timeout with what ordering and after-match need.
struct Item {
  Point point;
  uint32_t rule_pos = 0;  // position in ProgramIR::rules (program order)
  uint64_t start = 0;     // seq of e1
  bool timeout = false;
  uint64_t pref = 0;  // matches: discovery order of the backtracking search
  uint64_t rank = 0;  // position in the partition's consideration order
  uint64_t last = 0;  // seq of the last bound event
  std::vector<std::vector<uint64_t>> var_seqs;  // per variable
  RefResult result;
};

// Aggregates over the events bound so far to the aggregated variable, plus
// the candidate event when it would be bound to that variable (rule 2:
// running aggregates include e_i itself).
class SoFarAggregates : public rt::AggregateSource {
 public:
  SoFarAggregates(const std::vector<std::vector<const Event*>>* per_var, const Event* candidate,
                  const std::vector<int32_t>* candidate_vars)
      : per_var_(per_var), candidate_(candidate), candidate_vars_(candidate_vars) {}

  Value Aggregate(const rt::LoadedProgram& program, uint32_t agg_index,
                  const rt::EvalEnv& env) const override {
    const expr::Aggregate& spec = program.program()->aggs[agg_index];
    std::vector<const Event*> events;
    if (spec.var >= 0 && static_cast<size_t>(spec.var) < per_var_->size()) {
      events = (*per_var_)[static_cast<size_t>(spec.var)];
    }
    if (candidate_ != nullptr && candidate_vars_ != nullptr &&
        std::find(candidate_vars_->begin(), candidate_vars_->end(), spec.var) !=
            candidate_vars_->end()) {
      events.push_back(candidate_);
    }
    return rt::FoldAggregate(program, agg_index, events, env);
  }

 private:
  const std::vector<std::vector<const Event*>>* per_var_;
  const Event* candidate_;
  const std::vector<int32_t>* candidate_vars_;
};

// What constrains the step into the next atom (rules 3 and 4, and `until`).
struct Entry {
  ast::SeqPolicy policy = ast::SeqPolicy::kRelaxed;
  std::vector<const ir::Guard*> guards;  // negations of the gaps crossed
};

// One run of a loop with `until` (rule 5): its guard and the first event it
// took (-1: none yet).
struct LoopRun {
  const ir::Guard* until = nullptr;
  int first = -1;
};

using Cont = std::function<void()>;
using Key = std::vector<int64_t>;  // (event index, atom node) pairs of a prefix

class RuleReference {
 public:
  RuleReference(const driver::FrontendResult& fr, const ir::RuleIR& rule, uint32_t rule_pos,
                const std::vector<rt::LoadedProgram>* preds)
      : fr_(fr), rule_(rule), rule_pos_(rule_pos), preds_(preds) {
    for (const expr::Program& c : rule.checks) checks_.emplace_back(&c);
    if (rule.emit) {
      for (const expr::Program& v : rule.emit->values) emits_.emplace_back(&v);
    }
    if (rule.timeout_emit) {
      for (const expr::Program& v : rule.timeout_emit->values) timeout_emits_.emplace_back(&v);
    }
    // Each atom binds its own variable and every group variable around it.
    atom_vars_.resize(rule.nodes.size());
    CollectAtomVars(rule.root, {});
  }

  void Run(const std::vector<const Event*>& events, std::vector<Item>& out) {
    // Partitions: the events of the rule's input types, by key (null: none).
    std::map<std::string, std::pair<std::vector<const Event*>, std::vector<Value>>> parts;
    for (const Event* e : events) {
      if (!std::binary_search(rule_.input_types.begin(), rule_.input_types.end(), e->type)) {
        continue;
      }
      std::string key;
      std::vector<Value> keys;
      bool null_key = false;
      if (rule_.partitioned) {
        for (int32_t slot : rule_.partition_slots[e->type]) {
          const Value& v = e->field(slot);
          if (v.is_null()) null_key = true;
          keys.push_back(v);
          key += RenderValue(v);
          key.push_back('\x1f');
        }
      }
      if (null_key) continue;
      auto& p = parts[key];
      p.first.push_back(e);
      p.second = keys;
    }
    for (auto& [key, p] : parts) RunPartition(p.first, p.second, out);
  }

 private:
  struct Step {
    int idx;        // index into the partition's events
    uint32_t atom;  // the atom node (the position)
  };
  struct Partial {
    bool alive = false;
    Item item;
  };

  void CollectAtomVars(uint32_t id, std::vector<int32_t> groups) {
    const ir::Node& n = rule_.nodes[id];
    if (n.group_var >= 0) groups.push_back(n.group_var);
    if (n.kind == ir::NodeKind::kAtom) {
      atom_vars_[id].push_back(n.var);
      for (int32_t g : groups) atom_vars_[id].push_back(g);
      return;
    }
    for (uint32_t c : n.children) CollectAtomVars(c, groups);
  }

  const Event* Ev(int idx) const { return (*part_)[static_cast<size_t>(idx)]; }

  // ---- event tests (rule 2), with the bindings made so far ----

  bool PassesFilter(const ir::Filter& f, const Event* e,
                    const std::vector<int32_t>* own_vars) const {
    std::vector<const Event*> last(rule_.vars.size(), nullptr);
    for (size_t v = 0; v < per_var_.size(); ++v) {
      if (!per_var_[v].empty()) last[v] = per_var_[v].back();
    }
    SoFarAggregates aggs(&per_var_, own_vars != nullptr ? e : nullptr, own_vars);
    rt::EvalEnv env;
    env.current = e;
    env.prev = steps_.empty() ? nullptr : Ev(steps_.back().idx);
    env.vars = last.data();
    env.keys = keys_.empty() ? nullptr : keys_.data();
    env.aggs = &aggs;
    if (f.pred != ir::kNoPred && !(*preds_)[f.pred].Test(env)) return false;
    if (f.check >= 0 && !checks_[static_cast<size_t>(f.check)].Test(env)) return false;
    return true;
  }

  bool AtomTest(uint32_t atom, const Event* e) const {
    const ir::Node& n = rule_.nodes[atom];
    return e->type == n.type && PassesFilter(n.filter, e, &atom_vars_[atom]);
  }

  bool GuardTest(const ir::Guard& g, const Event* e) const {
    return e->type == g.type && PassesFilter(g.filter, e, nullptr);
  }

  // Rule 2 for the position `atom` in the loops we are in (rule 5: an event
  // satisfying a loop's `until` satisfies none of its positions).
  bool PositionTest(uint32_t atom, const Event* e) const {
    if (!AtomTest(atom, e)) return false;
    for (const LoopRun* run : loops_) {
      if (GuardTest(*run->until, e)) return false;
    }
    return true;
  }

  // Rule 5: a loop that has taken an event ends at the first event after it
  // that satisfies `until`; no position inside it may take `c` if one lies
  // in between.
  bool LoopsEndedBefore(int c) const {
    for (const LoopRun* run : loops_) {
      if (run->first < 0) continue;
      for (int j = run->first + 1; j < c; ++j) {
        if (GuardTest(*run->until, Ev(j))) return true;
      }
    }
    return false;
  }

  // ---- the backtracking search ----

  void Match(uint32_t id, const Cont& k) {
    const ir::Node& n = rule_.nodes[id];
    switch (n.kind) {
      case ir::NodeKind::kAtom:
        MatchAtom(id, k);
        return;
      case ir::NodeKind::kSeq:
        MatchSeq(id, 0, k);
        return;
      case ir::NodeKind::kAlt:
        for (uint32_t c : n.children) Match(c, k);  // left first
        return;
      case ir::NodeKind::kRepeat: {
        LoopRun run;
        if (n.until) run.until = &*n.until;
        MatchRepeat(id, 0, &run, k);
        return;
      }
      case ir::NodeKind::kAll: {
        std::vector<size_t> order(n.children.size());
        std::iota(order.begin(), order.end(), size_t{0});
        do {  // every order, written order first
          MatchAll(id, order, 0, k);
        } while (std::next_permutation(order.begin(), order.end()));
        return;
      }
    }
  }

  // Rules 2-6 for binding partition event `c` to atom `atom`.
  bool Admissible(uint32_t atom, int c) const {
    const Event* e = Ev(c);
    if (!PositionTest(atom, e)) return false;
    if (LoopsEndedBefore(c)) return false;
    if (!steps_.empty()) {
      const Event* first = Ev(steps_.front().idx);
      if (rule_.within_ns >= 0 && e->time - first->time > rule_.within_ns) return false;
      int last = steps_.back().idx;
      if (entry_.policy == ast::SeqPolicy::kStrict && c != last + 1) return false;
      for (int j = last + 1; j < c; ++j) {
        if (entry_.policy == ast::SeqPolicy::kRelaxed && PositionTest(atom, Ev(j))) return false;
        for (const ir::Guard* g : entry_.guards) {
          if (GuardTest(*g, Ev(j))) return false;
        }
      }
    }
    return true;
  }

  void MatchAtom(uint32_t id, const Cont& k) {
    int n = static_cast<int>(part_->size());
    int lo = steps_.empty() ? start_ : steps_.back().idx + 1;
    int hi = steps_.empty() ? start_ : n - 1;
    for (int c = lo; c <= hi; ++c) {
      if (!Admissible(id, c)) continue;
      steps_.push_back({c, id});
      for (int32_t v : atom_vars_[id]) per_var_[static_cast<size_t>(v)].push_back(Ev(c));
      std::vector<LoopRun*> started;  // loop runs this event is the first of
      for (LoopRun* run : loops_) {
        if (run->first < 0) {
          run->first = c;
          started.push_back(run);
        }
      }
      Entry saved = std::move(entry_);
      entry_ = Entry{};
      k();
      entry_ = std::move(saved);
      for (LoopRun* run : started) run->first = -1;
      for (int32_t v : atom_vars_[id]) per_var_[static_cast<size_t>(v)].pop_back();
      steps_.pop_back();
    }
    // The prefix may also wait here for a later event: a partial match.
    if (!steps_.empty() && rule_.timeout_emit && rule_.within_ns >= 0) RecordWaiter(id);
  }

  void MatchSeq(uint32_t id, size_t i, const Cont& k) {
    const ir::Node& n = rule_.nodes[id];
    if (i == n.children.size()) {
      k();
      return;
    }
    Match(n.children[i], [&, id, i] {
      if (i + 1 == n.children.size()) {
        k();
        return;
      }
      Entry saved = entry_;
      entry_.policy = n.policies[i];  // the operator written before the next step
      for (const ir::Guard& g : n.gaps[i]) entry_.guards.push_back(&g);
      MatchSeq(id, i + 1, k);
      entry_ = std::move(saved);
    });
  }

  void MatchAll(uint32_t id, const std::vector<size_t>& order, size_t i, const Cont& k) {
    const ir::Node& n = rule_.nodes[id];
    if (i == order.size()) {
      k();
      return;
    }
    Match(n.children[order[i]], [&, id, i] {
      if (i + 1 == order.size()) {
        k();
        return;
      }
      Entry saved = entry_;
      entry_.policy = ast::SeqPolicy::kRelaxed;
      MatchAll(id, order, i + 1, k);
      entry_ = std::move(saved);
    });
  }

  void MatchRepeat(uint32_t id, int64_t count, LoopRun* run, const Cont& k) {
    const ir::Node& n = rule_.nodes[id];
    const bool has_until = run->until != nullptr;
    auto more = [&] {
      if (n.max >= 0 && count >= n.max) return;
      size_t before = steps_.size();
      Entry saved = entry_;
      if (count > 0) entry_.policy = n.loop_policy;  // a step back to the start of the loop
      if (has_until) loops_.push_back(run);
      Match(n.children[0], [&] {
        if (has_until) loops_.pop_back();  // what follows the iteration is outside the loop
        if (steps_.size() == before) {
          // An empty iteration: repeating it changes nothing; it stepped
          // back into the loop for nothing, so what follows is constrained
          // as if it had not been entered.
          Entry cur = std::move(entry_);
          entry_ = saved;
          k();
          entry_ = std::move(cur);
        } else {
          MatchRepeat(id, count + 1, run, k);
        }
        if (has_until) loops_.push_back(run);
      });
      if (has_until) loops_.pop_back();
      entry_ = std::move(saved);
    };
    auto leave = [&] {
      if (count >= n.min) k();
    };
    if (n.greedy) {
      more();
      leave();
    } else {
      leave();
      more();
    }
  }

  // ---- results ----

  Key StepsKey() const {
    Key key;
    for (const Step& s : steps_) {
      key.push_back(s.idx);
      key.push_back(s.atom);
    }
    return key;
  }

  Item MakeItem(Point point, bool timeout) {
    Item item;
    item.point = point;
    item.rule_pos = rule_pos_;
    item.start = Ev(steps_.front().idx)->seq;
    item.last = Ev(steps_.back().idx)->seq;
    item.timeout = timeout;
    item.pref = pref_++;
    item.var_seqs.resize(rule_.vars.size());
    RefResult& r = item.result;
    r.rule = rule_.rule_index;
    r.time = point.time;
    r.timeout = timeout;
    for (size_t v = 0; v < rule_.vars.size(); ++v) {
      for (const Event* e : per_var_[v]) item.var_seqs[v].push_back(e->seq);
      if (!per_var_[v].empty()) r.bindings.push_back({rule_.vars[v].name, item.var_seqs[v]});
    }
    const std::optional<ir::EmitIR>& spec = timeout ? rule_.timeout_emit : rule_.emit;
    if (spec) {
      const std::vector<rt::LoadedProgram>& values = timeout ? timeout_emits_ : emits_;
      std::vector<const Event*> last(rule_.vars.size(), nullptr);
      for (size_t v = 0; v < per_var_.size(); ++v) {
        if (!per_var_[v].empty()) last[v] = per_var_[v].back();
      }
      rt::MatchAggregates aggs(&per_var_);
      rt::EvalEnv env;
      env.current = Ev(steps_.back().idx);
      env.vars = last.data();
      env.keys = keys_.empty() ? nullptr : keys_.data();
      env.aggs = &aggs;
      size_t nfields = fr_.checked.schema.type(spec->type).fields.size();
      r.fields.assign(nfields > 0 ? nfields - 1 : 0, "null");
      for (size_t f = 0; f < spec->slots.size(); ++f) {
        r.fields[static_cast<size_t>(spec->slots[f]) - 1] = RenderValue(values[f].Eval(env));
      }
    }
    return item;
  }

  // The positions bound so far form a word of the pattern (rule 1).
  void OnComplete() {
    Key key = StepsKey();
    if (!found_.insert(key).second) return;  // the same match by another derivation
    const Event* first = Ev(steps_.front().idx);
    const Event* last = Ev(steps_.back().idx);
    if (rule_.absence.empty()) {
      complete_.insert(key);  // a match at e_k, before its timeout deadline
      matches_.push_back(MakeItem({last->time, 0, last->seq}, false));
      return;
    }
    // Rule 7: the trailing absence completes at its deadline.
    int64_t deadline =
        rule_.absence_ns >= 0 ? last->time + rule_.absence_ns : first->time + rule_.within_ns;
    for (size_t j = static_cast<size_t>(steps_.back().idx) + 1; j < part_->size(); ++j) {
      const Event* e = (*part_)[j];
      if (e->time > deadline) break;
      for (const ir::Guard& g : rule_.absence) {
        if (GuardTest(g, e)) return;  // never a match: it may still be a partial one
      }
    }
    // A match by the timeout deadline is no partial match there; one whose
    // absence is still pending then is "not yet a match" (Timeouts).
    if (rule_.within_ns < 0 || deadline <= first->time + rule_.within_ns) complete_.insert(key);
    matches_.push_back(MakeItem({deadline, 1, 0}, false));
  }

  // The search waits at `atom` with the current prefix: is this continuation
  // still possible at the prefix's timeout deadline?
  void RecordWaiter(uint32_t atom) {
    Key key = StepsKey();
    const Event* first = Ev(steps_.front().idx);
    int64_t deadline = first->time + rule_.within_ns;
    auto [it, inserted] = partials_.try_emplace(key);
    if (it->second.alive) return;
    bool alive = true;
    for (size_t j = static_cast<size_t>(steps_.back().idx) + 1; alive && j < part_->size(); ++j) {
      const Event* e = (*part_)[j];
      if (e->time > deadline) break;
      if (entry_.policy == ast::SeqPolicy::kStrict) alive = false;
      if (entry_.policy == ast::SeqPolicy::kRelaxed && PositionTest(atom, e)) alive = false;
      for (const ir::Guard* g : entry_.guards) {
        if (GuardTest(*g, e)) alive = false;
      }
      // A loop that has taken an event ends at an event satisfying `until`.
      for (const LoopRun* run : loops_) {
        if (run->first >= 0 && GuardTest(*run->until, e)) alive = false;
      }
    }
    if (alive) {
      it->second.alive = true;
      it->second.item = MakeItem({deadline, 1, 0}, true);
    }
  }

  // Timeouts (semantics.md, Timeouts): event by event, the earlier event
  // first; a partial match after its own extensions; then by variables.
  bool TimeoutBefore(const Key& a, const Key& b) const {
    size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; i += 2) {
      if (a[i] != b[i]) return a[i] < b[i];
    }
    if (a.size() != b.size()) return a.size() > b.size();
    for (size_t i = 1; i < n; i += 2) {
      int32_t va = rule_.nodes[static_cast<size_t>(a[i])].var;
      int32_t vb = rule_.nodes[static_cast<size_t>(b[i])].var;
      if (va != vb) return va < vb;
    }
    return false;
  }

  bool Suppressed(const Item& prev, uint64_t start) const {
    switch (rule_.after_match) {
      case ast::AfterMatchKind::kSkipPastLast:
        return start <= prev.last;
      case ast::AfterMatchKind::kSkipToNext:
        return start <= prev.start;
      case ast::AfterMatchKind::kSkipToFirst:
      case ast::AfterMatchKind::kSkipToLast: {
        const std::vector<uint64_t>& seqs =
            prev.var_seqs[static_cast<size_t>(rule_.after_match_var)];
        uint64_t v = seqs.empty()                                             ? prev.start
                     : rule_.after_match == ast::AfterMatchKind::kSkipToFirst ? seqs.front()
                                                                              : seqs.back();
        return start < v || start == prev.start;
      }
      case ast::AfterMatchKind::kNoSkip:
        return false;
    }
    return false;
  }

  void RunPartition(const std::vector<const Event*>& events, const std::vector<Value>& keys,
                    std::vector<Item>& out) {
    part_ = &events;
    keys_ = keys;
    matches_.clear();
    partials_.clear();
    complete_.clear();
    found_.clear();
    per_var_.assign(rule_.vars.size(), {});
    for (int s = 0; s < static_cast<int>(events.size()); ++s) {
      start_ = s;
      steps_.clear();
      entry_ = Entry{};
      loops_.clear();
      Match(rule_.root, [this] { OnComplete(); });
    }
    // The partition's matches and timeouts in the order they are considered:
    // by completion point; at one point the matches (by start, then
    // preference) before the timeouts (by start, then TimeoutBefore). The
    // after-match strategy filters them.
    std::vector<std::pair<Key, Item>> timeouts;
    for (auto& [key, p] : partials_) {
      if (p.alive && complete_.count(key) == 0) timeouts.emplace_back(key, std::move(p.item));
    }
    std::sort(timeouts.begin(), timeouts.end(), [this](const auto& a, const auto& b) {
      if (a.second.point != b.second.point) return a.second.point < b.second.point;
      if (a.second.start != b.second.start) return a.second.start < b.second.start;
      return TimeoutBefore(a.first, b.first);
    });
    std::vector<Item> items = std::move(matches_);
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      return std::tie(a.point, a.start, a.pref) < std::tie(b.point, b.start, b.pref);
    });
    for (auto& [key, item] : timeouts) items.push_back(std::move(item));
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      return std::tie(a.point, a.timeout) < std::tie(b.point, b.timeout);
    });
    std::optional<Item> prev;
    for (Item& item : items) {
      item.rank = rank_++;
      if (prev && Suppressed(*prev, item.start)) continue;
      if (!item.timeout) prev = item;
      out.push_back(std::move(item));
    }
    part_ = nullptr;
  }

  const driver::FrontendResult& fr_;
  const ir::RuleIR& rule_;
  uint32_t rule_pos_;
  const std::vector<rt::LoadedProgram>* preds_;
  std::vector<rt::LoadedProgram> checks_;
  std::vector<rt::LoadedProgram> emits_;
  std::vector<rt::LoadedProgram> timeout_emits_;
  std::vector<std::vector<int32_t>> atom_vars_;  // per node (atoms only)

  // The partition being searched.
  const std::vector<const Event*>* part_ = nullptr;
  std::vector<Value> keys_;
  // The search state.
  int start_ = 0;
  std::vector<Step> steps_;
  std::vector<std::vector<const Event*>> per_var_;
  Entry entry_;
  std::vector<LoopRun*> loops_;  // runs of loops with `until` we are inside an iteration of
  uint64_t pref_ = 0;
  uint64_t rank_ = 0;
  // What it found.
  std::vector<Item> matches_;
  std::map<Key, Partial> partials_;
  std::set<Key> complete_;
  std::set<Key> found_;
};

}  // namespace

std::string RenderValue(const Value& v) {
  switch (v.tag) {
    case rt::Tag::kNull:
    case rt::Tag::kEvent:
      return "null";
    case rt::Tag::kBool:
      return v.b ? "true" : "false";
    case rt::Tag::kInt:
      return StrCat("i:", v.i);
    case rt::Tag::kFloat: {
      char buf[40];
      std::snprintf(buf, sizeof buf, "f:%.17g", v.f);
      return buf;
    }
    case rt::Tag::kString:
      return StrCat("s:", v.str());
    case rt::Tag::kTimestamp:
      return StrCat("t:", v.i);
    case rt::Tag::kDuration:
      return StrCat("d:", v.i);
  }
  return "?";
}

std::string FormatResult(const RefResult& r) {
  std::string out = StrCat("rule=", r.rule, " time=");
  if (r.time % 1000000000 == 0) {
    out += StrCat(r.time / 1000000000, "s");
  } else {
    out += StrCat(r.time, "ns");
  }
  if (r.timeout) out += " timeout";
  out += " {";
  for (size_t i = 0; i < r.bindings.size(); ++i) {
    if (i > 0) out += " ";
    out += StrCat(r.bindings[i].var, ":[");
    for (size_t j = 0; j < r.bindings[i].seqs.size(); ++j) {
      if (j > 0) out += ",";
      out += StrCat(r.bindings[i].seqs[j]);
    }
    out += "]";
  }
  out += "} (";
  for (size_t i = 0; i < r.fields.size(); ++i) {
    if (i > 0) out += ", ";
    out += r.fields[i];
  }
  out += ")";
  return out;
}

RefOutput ReferenceMatchForTestingOnly(const driver::FrontendResult& fr,
                                       const std::vector<const Event*>& events) {
  RefOutput out;
  if (!fr.checked_ok) {
    out.ok = false;
    out.error = "the program did not compile";
    return out;
  }
  const ir::ProgramIR& ir = fr.ir;
  for (const ir::RuleIR& rule : ir.rules) {
    for (EventTypeId t : rule.input_types) {
      if (fr.checked.schema.type(t).derived) {
        out.ok = false;
        out.error = StrCat("rule '", rule.name, "' reads derived events: not supported");
        return out;
      }
    }
  }
  for (size_t i = 1; i < events.size(); ++i) {
    if (events[i]->time < events[i - 1]->time || events[i]->seq <= events[i - 1]->seq) {
      out.ok = false;
      out.error = "events are not in processing order";
      return out;
    }
  }
  std::vector<rt::LoadedProgram> preds;
  preds.reserve(ir.predicates.size());
  for (const ir::PredicateEntry& p : ir.predicates) preds.emplace_back(&p.program);

  std::vector<Item> items;
  for (uint32_t r = 0; r < ir.rules.size(); ++r) {
    RuleReference(fr, ir.rules[r], r, &preds).Run(events, items);
  }
  // Output order: completion point, rule (program order), start, preference
  // (matches before timeouts; each in the order its partition considered it).
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return std::tie(a.point, a.rule_pos, a.start, a.timeout, a.rank) <
           std::tie(b.point, b.rule_pos, b.start, b.timeout, b.rank);
  });
  for (Item& item : items) out.results.push_back(std::move(item.result));
  return out;
}

}  // namespace cep::reference
