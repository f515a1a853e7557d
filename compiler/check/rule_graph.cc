// The rule graph: which rules read the events which other rules emit.
// Allocates the derived event types (names emitted but never declared; their
// fields are filled in when the first emitter is checked, emit_check.cc),
// reports rule-cycle for rules that feed each other (Tarjan's strongly
// connected components), and orders rules so that every emitter is checked
// before its readers (Kahn's algorithm over the components, ties in program
// order). O(rules + edges) after the pattern walks.
// Tested by tests/unit/check_emit_test.cc.
#include <algorithm>
#include <functional>
#include <queue>

#include "absl/container/flat_hash_set.h"
#include "compiler/util/strcat.h"
#include "compiler/check/check_context.h"

namespace cep::check {
namespace {

void CollectInputNames(const ast::Pattern& p, std::vector<const ast::Name*>* out) {
  if (p.kind == ast::PatternKind::kAtom && !p.type_name.empty()) out->push_back(&p.type_name);
  for (const auto& c : p.children) {
    if (c != nullptr) CollectInputNames(*c, out);
  }
  if (p.until != nullptr) CollectInputNames(*p.until, out);
}

struct RuleIo {
  std::vector<const ast::Name*> inputs;
  std::vector<const ast::Name*> outputs;  // emit, on timeout emit
};

}  // namespace

void BuildRuleGraph(CheckContext& ctx) {
  const size_t n = ctx.out.rules.size();
  std::vector<RuleIo> io(n);
  for (size_t r = 0; r < n; ++r) {
    const ast::Rule& rule = *ctx.out.rules[r].rule;
    if (rule.pattern != nullptr) CollectInputNames(*rule.pattern, &io[r].inputs);
    if (rule.from.has_value() && !rule.from->type_name.empty()) {
      io[r].inputs.push_back(&rule.from->type_name);
    }
    for (const auto* emit : {&rule.emit, &rule.timeout_emit}) {
      if (!emit->has_value() || (*emit)->type_name.empty()) continue;
      io[r].outputs.push_back(&(*emit)->type_name);
      const std::string& name = (*emit)->type_name.text;
      if (ctx.out.schema.Find(name) == nullptr) {
        EventTypeId id = ctx.out.schema.Add(name, /*derived=*/true, ctx.out.rules[r].module,
                                            (*emit)->type_name.range);
        EventTypeInfo& t = ctx.out.schema.mutable_type(id);
        t.complete = false;
        t.emitted_by = static_cast<int32_t>(r);
      }
    }
  }

  // Edges: emitter -> reader, through the type's id.
  std::vector<std::vector<int32_t>> readers_of(ctx.out.schema.size());
  for (size_t r = 0; r < n; ++r) {
    absl::flat_hash_set<EventTypeId> seen;
    for (const ast::Name* name : io[r].inputs) {
      const EventTypeInfo* t = ctx.out.schema.Find(name->text);
      if (t != nullptr && seen.insert(t->id).second) {
        readers_of[t->id].push_back(static_cast<int32_t>(r));
      }
    }
  }
  std::vector<std::vector<int32_t>> edges(n);
  // For messages: the type through which `from` feeds `to`.
  absl::flat_hash_map<std::pair<int32_t, int32_t>, const ast::Name*> via;
  for (size_t r = 0; r < n; ++r) {
    for (const ast::Name* name : io[r].outputs) {
      const EventTypeInfo* t = ctx.out.schema.Find(name->text);
      if (t == nullptr) continue;
      for (int32_t reader : readers_of[t->id]) {
        if (via.emplace(std::pair{static_cast<int32_t>(r), reader}, name).second) {
          edges[r].push_back(reader);
        }
      }
    }
  }

  // Tarjan's SCC, iterative.
  std::vector<int32_t> index(n, -1), low(n, 0), comp(n, -1);
  std::vector<bool> on_stack(n, false);
  std::vector<int32_t> stack;
  std::vector<std::vector<int32_t>> comps;
  int32_t counter = 0;
  for (size_t root = 0; root < n; ++root) {
    if (index[root] >= 0) continue;
    std::vector<std::pair<int32_t, size_t>> work{{static_cast<int32_t>(root), 0}};
    index[root] = low[root] = counter++;
    stack.push_back(static_cast<int32_t>(root));
    on_stack[root] = true;
    while (!work.empty()) {
      auto& [v, next] = work.back();
      if (next < edges[v].size()) {
        int32_t w = edges[v][next++];
        if (index[w] < 0) {
          index[w] = low[w] = counter++;
          stack.push_back(w);
          on_stack[w] = true;
          work.push_back({w, 0});
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      if (low[v] == index[v]) {
        std::vector<int32_t> c;
        int32_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          comp[w] = static_cast<int32_t>(comps.size());
          c.push_back(w);
        } while (w != v);
        std::sort(c.begin(), c.end());
        comps.push_back(std::move(c));
      }
      int32_t done = v;
      work.pop_back();
      if (!work.empty()) low[work.back().first] = std::min(low[work.back().first], low[done]);
    }
  }

  // rule-cycle, once per cyclic component, at its first rule.
  for (const std::vector<int32_t>& c : comps) {
    int32_t first = c[0];
    bool self_loop = std::find(edges[first].begin(), edges[first].end(), first) !=
                     edges[first].end();
    if (c.size() == 1 && !self_loop) continue;
    for (int32_t r : c) ctx.out.rules[r].has_errors = true;
    // A concrete cycle through `first`: BFS inside the component.
    std::vector<int32_t> parent(n, -1);
    std::queue<int32_t> queue;
    queue.push(first);
    int32_t last = -1;
    while (!queue.empty() && last < 0) {
      int32_t v = queue.front();
      queue.pop();
      for (int32_t w : edges[v]) {
        if (comp[w] != comp[first]) continue;
        if (w == first) {
          last = v;
          break;
        }
        if (parent[w] < 0) {
          parent[w] = v;
          queue.push(w);
        }
      }
    }
    std::vector<int32_t> cycle;
    for (int32_t v = last; v != -1 && v != first; v = parent[v]) cycle.push_back(v);
    cycle.push_back(first);
    std::reverse(cycle.begin(), cycle.end());
    std::vector<std::string> steps;
    for (size_t i = 0; i < cycle.size(); ++i) {
      int32_t from = cycle[i];
      int32_t to = cycle[(i + 1) % cycle.size()];
      steps.push_back(StrCat("'", ctx.out.rules[from].rule->name.text, "' emits '",
                                   via[{from, to}]->text, "', which '",
                                   ctx.out.rules[to].rule->name.text, "' reads"));
    }
    const ast::Rule& rule = *ctx.out.rules[first].rule;
    DiagBuilder d = ctx.diags.Report(
        DiagKind::kRuleCycle, rule.name.range,
        StrCat(cycle.size() == 1 ? "rule '" + rule.name.text + "' reads the events it emits"
                                       : "rules feed each other in a cycle",
                     ": ", JoinStrings(steps, "; ")));
    for (size_t i = 0; i < cycle.size(); ++i) {
      int32_t from = cycle[i];
      int32_t to = cycle[(i + 1) % cycle.size()];
      const ast::Name* name = via[{from, to}];
      d.Note(name->range, StrCat("'", ctx.out.rules[from].rule->name.text, "' emits '",
                                       name->text, "' here"));
    }
    d.Note(SourceRange{},
           "a derived event must not feed back into the rules that produce it; emit a "
           "different event type");
  }

  // Order: Kahn over components, smallest first rule first.
  const size_t m = comps.size();
  std::vector<int32_t> indegree(m, 0);
  std::vector<absl::flat_hash_set<int32_t>> comp_edges(m);
  for (size_t v = 0; v < n; ++v) {
    for (int32_t w : edges[v]) {
      if (comp[v] != comp[w] && comp_edges[comp[v]].insert(comp[w]).second) ++indegree[comp[w]];
    }
  }
  std::priority_queue<std::pair<int32_t, int32_t>, std::vector<std::pair<int32_t, int32_t>>,
                      std::greater<>>
      ready;  // (first rule, component)
  for (size_t c = 0; c < m; ++c) {
    if (indegree[c] == 0) ready.push({comps[c][0], static_cast<int32_t>(c)});
  }
  ctx.out.rule_order.clear();
  while (!ready.empty()) {
    int32_t c = ready.top().second;
    ready.pop();
    for (int32_t r : comps[c]) ctx.out.rule_order.push_back(static_cast<uint32_t>(r));
    for (int32_t d : comp_edges[c]) {
      if (--indegree[d] == 0) ready.push({comps[d][0], d});
    }
  }
}

}  // namespace cep::check
