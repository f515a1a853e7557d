// See compile.h. The construction works backwards with continuations, like
// Thompson's with patch lists: Build(node, cont) creates the states of
// `node`, sets the follow list of each of its last states to `cont` (what
// comes after the node, in priority order), and returns the node's entry
// list — the targets a predecessor's edges must point at. Targets the caller
// must still label with its contiguity policy are "open"; targets passed
// through unchanged from `cont` (when the node can match nothing) are
// "closed" and keep theirs. Loops use a marker target that is replaced by
// the loop's own entries once the body is built.
// O(states + edges); the size budget is checked as states are created.
#include "compiler/nfa/compile.h"

#include "compiler/nfa/infer_partition.h"

#include <algorithm>
#include <numeric>

#include "compiler/util/strcat.h"

namespace cep::nfa {
namespace {

struct Target {
  enum Kind : uint8_t { kPos, kAccept, kLoop } kind = kPos;
  bool open = true;  // the policy is still the caller's to set
  ast::SeqPolicy policy = ast::SeqPolicy::kRelaxed;
  uint32_t id = 0;                 // kPos: state; kLoop: loop marker id
  std::vector<uint32_t> guards;    // indices into RuleProg::guards: kill the edge
  std::vector<uint32_t> untils;    // indices into RuleProg::guards: the taken event must fail them
};
using Targets = std::vector<Target>;

class Builder {
 public:
  Builder(const ir::RuleIR& rule, const CompileLimits& limits, RuleProg& out)
      : rule_(rule), limits_(limits), out_(out) {}

  // False when the budget was exceeded (the program is then unusable).
  bool Run() {
    out_.ir = &rule_;
    out_.states.push_back(State{});  // the start
    follow_.emplace_back();
    Target accept;
    accept.kind = Target::kAccept;
    accept.open = false;
    Targets entries = Build(rule_.root, {accept});
    if (over_budget_) return false;
    for (Target& t : entries) {
      if (t.kind == Target::kAccept) {
        out_.accepts_at_start = true;
        continue;
      }
      // A match may start at any event: the start's edges never die.
      t.policy = ast::SeqPolicy::kAny;
      t.open = false;
      follow_[0].push_back(std::move(t));
    }
    Flatten();
    return !over_budget_;
  }

  bool over_budget() const { return over_budget_; }

 private:
  uint32_t NewState(const ir::Node& atom) {
    if (out_.states.size() >= limits_.max_states) {
      over_budget_ = true;
      return 0;
    }
    State s;
    s.type = atom.type;
    s.var = atom.var;
    s.filter = atom.filter;
    out_.states.push_back(s);
    follow_.emplace_back();
    return static_cast<uint32_t>(out_.states.size() - 1);
  }

  uint32_t AddGuard(const ir::Guard& g) {
    out_.guards.push_back(g);
    return static_cast<uint32_t>(out_.guards.size() - 1);
  }

  // Labels open targets with `policy`; every target gets the gap's guards.
  static Targets Wrap(Targets ts, ast::SeqPolicy policy, const std::vector<uint32_t>& guards) {
    for (Target& t : ts) {
      if (t.open) {
        t.policy = policy;
        t.open = false;
      }
      t.guards.insert(t.guards.end(), guards.begin(), guards.end());
    }
    return ts;
  }

  static Targets Concat(Targets a, const Targets& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  }

  Targets Build(uint32_t node_id, const Targets& cont) {
    if (over_budget_) return {};
    const ir::Node& node = rule_.nodes[node_id];
    switch (node.kind) {
      case ir::NodeKind::kAtom: {
        uint32_t s = NewState(node);
        if (over_budget_) return {};
        follow_[s] = cont;
        Target t;
        t.id = s;
        return {t};
      }
      case ir::NodeKind::kSeq:
        return BuildSeq(node, cont);
      case ir::NodeKind::kAlt: {
        Targets out;
        for (uint32_t c : node.children) out = Concat(std::move(out), Build(c, cont));
        return out;
      }
      case ir::NodeKind::kAll:
        return BuildAll(node, cont);
      case ir::NodeKind::kRepeat:
        return BuildRepeat(node, cont);
    }
    return {};
  }

  Targets BuildSeq(const ir::Node& node, const Targets& cont) {
    Targets cur = cont;
    for (size_t i = node.children.size(); i-- > 0;) {
      Targets entries = Build(node.children[i], cur);
      if (i == 0) return entries;
      std::vector<uint32_t> guards;
      if (i - 1 < node.gaps.size()) {
        for (const ir::Guard& g : node.gaps[i - 1]) guards.push_back(AddGuard(g));
      }
      ast::SeqPolicy policy =
          i - 1 < node.policies.size() ? node.policies[i - 1] : ast::SeqPolicy::kRelaxed;
      cur = Wrap(std::move(entries), policy, guards);
    }
    return cur;
  }

  // all(c1..cn): the alternation of every order, in lexicographic order of
  // the written positions, children joined by relaxed contiguity.
  Targets BuildAll(const ir::Node& node, const Targets& cont) {
    std::vector<uint32_t> order(node.children.size());
    std::iota(order.begin(), order.end(), 0u);
    Targets out;
    do {
      Targets cur = cont;
      for (size_t i = order.size(); i-- > 0;) {
        Targets entries = Build(node.children[order[i]], cur);
        cur = i == 0 ? entries : Wrap(std::move(entries), ast::SeqPolicy::kRelaxed, {});
      }
      out = Concat(std::move(out), cur);
      if (over_budget_) return {};
    } while (std::next_permutation(order.begin(), order.end()));
    return out;
  }

  Targets BuildRepeat(const ir::Node& node, const Targets& cont) {
    const uint32_t body = node.children[0];
    int32_t until_guard = node.until ? static_cast<int32_t>(AddGuard(*node.until)) : -1;
    const uint32_t body_states = static_cast<uint32_t>(out_.states.size());
    // Entering another iteration from the previous one.
    auto iter = [&](Targets entries) {
      return Wrap(std::move(entries), node.loop_policy, {});
    };
    // `until` (docs/semantics.md, rule 5): no position of the loop takes an
    // until event, and after the loop has taken an event an until event
    // kills every way back into it. Applied once the loop's states exist.
    auto finish = [&](Targets entries) {
      if (until_guard < 0) return entries;
      uint32_t u = static_cast<uint32_t>(until_guard);
      MarkUntilInside(body_states, u);
      // Entries from outside: the loop's first event may not be an until event.
      for (Target& t : entries) {
        if (t.kind == Target::kPos && t.id >= body_states) AddOnce(t.untils, u);
      }
      return entries;
    };
    // Closed targets of `cont` must stay closed; the open entries of the
    // first iteration are the caller's.
    auto choose = [&](Targets take, const Targets& skip) {
      return node.greedy ? Concat(std::move(take), skip) : Concat(skip, take);
    };

    Targets first;         // entries of the last required copy
    int64_t copies_before;  // required copies in front of it
    if (node.max < 0) {
      // The loop: the last required copy (the only one for X*) loops back.
      uint32_t marker = next_loop_++;
      Target loop;
      loop.kind = Target::kLoop;
      loop.open = false;
      loop.id = marker;
      uint32_t first_state = static_cast<uint32_t>(out_.states.size());
      Targets body_entries = Build(body, choose({loop}, cont));
      // An iteration that takes no event is pointless: drop the marker
      // where it reached the body's own entries.
      std::erase_if(body_entries, [&](const Target& t) {
        return t.kind == Target::kLoop && t.id == marker;
      });
      ResolveLoop(marker, first_state, iter(body_entries));
      if (node.min == 0) return finish(choose(body_entries, cont));
      first = std::move(body_entries);
      copies_before = node.min - 1;
    } else {
      // Optional copies, innermost first: after copy j, one more or leave.
      Targets after = cont;
      for (int64_t j = node.max - node.min; j >= 1; --j) {
        Targets e = Build(body, after);
        bool open_copy = node.min == 0 && j == 1;  // entered by the caller's policy
        after = choose(open_copy ? e : iter(e), cont);
        if (over_budget_) return {};
      }
      if (node.min == 0) return finish(after);
      first = Build(body, after);
      copies_before = node.min - 1;
    }
    for (int64_t k = 0; k < copies_before && !over_budget_; ++k) {
      first = Build(body, iter(std::move(first)));
    }
    return finish(std::move(first));
  }

  // Edges between states created since `first_state` (the loop's own) must
  // fail the until test to take, and die when an until event passes by.
  void MarkUntilInside(uint32_t first_state, uint32_t until_guard) {
    for (uint32_t s = first_state; s < follow_.size(); ++s) {
      for (Target& t : follow_[s]) {
        if (t.kind != Target::kPos || t.id < first_state) continue;
        AddOnce(t.untils, until_guard);
        AddOnce(t.guards, until_guard);
      }
    }
  }

  static void AddOnce(std::vector<uint32_t>& v, uint32_t x) {
    if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
  }

  void ResolveLoop(uint32_t marker, uint32_t first_state, const Targets& entries) {
    for (uint32_t s = first_state; s < follow_.size(); ++s) {
      Targets& f = follow_[s];
      bool has_marker = std::any_of(f.begin(), f.end(), [&](const Target& t) {
        return t.kind == Target::kLoop && t.id == marker;
      });
      if (!has_marker) continue;
      Targets resolved;
      for (Target& t : f) {
        if (t.kind == Target::kLoop && t.id == marker) {
          for (Target e : entries) {
            e.guards.insert(e.guards.end(), t.guards.begin(), t.guards.end());
            resolved.push_back(std::move(e));
          }
        } else {
          resolved.push_back(std::move(t));
        }
      }
      f = std::move(resolved);
    }
  }

  void Flatten() {
    for (uint32_t s = 0; s < out_.states.size(); ++s) {
      State& st = out_.states[s];
      st.edge_begin = static_cast<uint32_t>(out_.edges.size());
      for (const Target& t : follow_[s]) {
        Edge e;
        e.policy = t.policy;
        if (t.kind == Target::kAccept) {
          e.kind = rule_.absence.empty() ? EdgeKind::kAccept : EdgeKind::kAbsence;
        } else {
          e.kind = EdgeKind::kTake;
          e.to = t.id;
        }
        e.guard_begin = static_cast<uint32_t>(guard_slices_.size());
        e.guard_count = static_cast<uint16_t>(t.guards.size());
        e.until_count = static_cast<uint8_t>(t.untils.size());
        guard_slices_.insert(guard_slices_.end(), t.guards.begin(), t.guards.end());
        guard_slices_.insert(guard_slices_.end(), t.untils.begin(), t.untils.end());
        out_.edges.push_back(e);
        if (out_.edges.size() > limits_.max_edges) {
          over_budget_ = true;
          return;
        }
      }
      st.edge_count = static_cast<uint32_t>(out_.edges.size()) - st.edge_begin;
    }
    // Edges point into guard_slices_ (indices of guards): store the guards
    // themselves contiguously per edge so the matcher reads one slice.
    std::vector<ir::Guard> flat;
    flat.reserve(guard_slices_.size());
    for (uint32_t g : guard_slices_) flat.push_back(out_.guards[g]);
    out_.guards = std::move(flat);
  }

  const ir::RuleIR& rule_;
  const CompileLimits& limits_;
  RuleProg& out_;
  std::vector<Targets> follow_;  // per state, in priority order
  std::vector<uint32_t> guard_slices_;
  uint32_t next_loop_ = 0;
  bool over_budget_ = false;
};

// A guard on an accept edge would have to be decided after the match has
// completed: `A -> !N -> B?` at the end of a pattern. Trailing negations are
// absences (with a window); this shape is rejected.
bool AcceptHasGuards(const RuleProg& p) {
  for (const Edge& e : p.edges) {
    if (e.kind == EdgeKind::kAccept && e.guard_count > 0) return true;
  }
  return false;
}

}  // namespace

Prog Compile(const ir::ProgramIR& ir, const CompileLimits& limits, DiagnosticEngine& diags) {
  Prog prog;
  prog.ir = &ir;
  prog.rules.resize(ir.rules.size());
  for (size_t i = 0; i < ir.rules.size(); ++i) {
    const ir::RuleIR& rule = ir.rules[i];
    for (const ir::Node& n : rule.nodes) {
      // A repeated part that can take no event makes "how many iterations"
      // meaningless (and its negations undecidable when it takes none).
      if (n.kind == ir::NodeKind::kRepeat && n.max != 1 && ir::Nullable(rule, n.children[0])) {
        diags.Report(DiagKind::kEmptyMatch, rule.pattern_range,
                     StrCat("in rule '", rule.name,
                            "' a repeated part can match without any event; make at least one "
                            "step inside it required (write the optional steps outside the "
                            "quantifier)"));
        prog.rules[i] = RuleProg{};
        prog.rules[i].ir = &rule;
        goto next_rule;
      }
      if (n.kind == ir::NodeKind::kAll && n.children.size() > limits.max_all_children) {
        diags.Report(DiagKind::kRuleTooLarge, rule.pattern_range,
                     StrCat("rule '", rule.name, "' uses all(...) with ", n.children.size(),
                            " parts; at most ", limits.max_all_children,
                            " are supported (every order becomes a branch of the automaton)"));
        prog.rules[i] = RuleProg{};
        prog.rules[i].ir = &rule;
        goto next_rule;
      }
    }
    {
      Builder b(rule, limits, prog.rules[i]);
      if (!b.Run()) {
        diags.Report(DiagKind::kRuleTooLarge, rule.pattern_range,
                     StrCat("rule '", rule.name, "' compiles to more than ", limits.max_states,
                            " states or ", limits.max_edges,
                            " transitions; lower its quantifier bounds or split it"));
        continue;
      }
      if (prog.rules[i].accepts_at_start) {
        diags.Report(DiagKind::kEmptyMatch, rule.pattern_range,
                     StrCat("the pattern of rule '", rule.name,
                            "' can match without any event; make at least one step required"));
      }
      // Types read by the rule are < the largest id it names; size by that.
      size_t ntypes = 0;
      for (EventTypeId t : rule.input_types) ntypes = std::max<size_t>(ntypes, t + 1);
      InferCorrelationPartition(rule, ntypes, &prog.rules[i].inferred_partition);
      if (AcceptHasGuards(prog.rules[i])) {
        diags.Report(DiagKind::kInvalidNegation, rule.pattern_range,
                     StrCat("in rule '", rule.name,
                            "' a negation is followed only by optional steps at the end of the "
                            "pattern, so it cannot be decided when the match completes; make the "
                            "last step required or write a trailing absence with 'within'"));
      }
    }
  next_rule:;
  }
  return prog;
}

}  // namespace cep::nfa
