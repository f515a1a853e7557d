// See coverage.h.
#include "ruletest/coverage.h"

#include "compiler/nfa/dump.h"
#include "compiler/util/strcat.h"

namespace cep::ruletest {

void Coverage::Add(const std::string& file, const nfa::Prog& prog, size_t rule,
                   const check::Schema& schema, const std::vector<uint64_t>* hits) {
  const nfa::RuleProg& r = prog.rules[rule];
  RuleCoverage& c = rules_[{file, r.ir->name}];
  if (c.edge_hits.size() != r.edges.size()) {
    // First sight (or a different automaton under the same name: start over).
    c.edge_hits.assign(r.edges.size(), 0);
    c.edge_text.clear();
    c.edge_target.clear();
    for (uint32_t e = 0; e < r.edges.size(); ++e) {
      c.edge_text.push_back(nfa::DescribeEdge(r, e, schema));
      c.edge_target.push_back(r.edges[e].kind == nfa::EdgeKind::kTake ? r.edges[e].to : 0);
    }
    c.states = r.states.empty() ? 0 : static_cast<uint32_t>(r.states.size() - 1);
  }
  if (hits == nullptr) return;
  for (size_t e = 0; e < c.edge_hits.size() && e < hits->size(); ++e) c.edge_hits[e] += (*hits)[e];
}

void Coverage::AddWindowed(const std::string& file, const std::string& rule, uint64_t derived) {
  RuleCoverage& c = rules_[{file, rule}];
  c.windowed = true;
  c.derived_events += derived;
}

std::string Coverage::Report() const {
  size_t reached = 0, measured = 0;
  uint64_t edges = 0, taken = 0, states = 0, entered = 0;
  std::string body;
  for (const auto& [key, c] : rules_) {
    const auto& [file, rule] = key;
    ++measured;
    if (c.windowed) {
      if (c.derived_events == 0) {
        body += StrCat("  ", file, ": rule ", rule, ": never reached (windowed: no derived event)\n");
      } else {
        ++reached;
        body += StrCat("  ", file, ": rule ", rule, ": windowed, ", c.derived_events,
                       " derived event", c.derived_events == 1 ? "" : "s", "\n");
      }
      continue;
    }
    std::vector<bool> in(c.states + 1, false);
    size_t rule_taken = 0;
    for (size_t e = 0; e < c.edge_hits.size(); ++e) {
      if (c.edge_hits[e] == 0) continue;
      ++rule_taken;
      if (c.edge_target[e] != 0) in[c.edge_target[e]] = true;
    }
    size_t rule_entered = 0;
    for (uint32_t s = 1; s <= c.states; ++s) rule_entered += in[s];
    edges += c.edge_hits.size();
    taken += rule_taken;
    states += c.states;
    entered += rule_entered;
    if (rule_taken == 0) {
      body += StrCat("  ", file, ": rule ", rule, ": never reached (0/", c.states, " states, 0/",
                     c.edge_hits.size(), " transitions)\n");
      continue;
    }
    ++reached;
    body += StrCat("  ", file, ": rule ", rule, ": ", rule_entered, "/", c.states, " states, ",
                   rule_taken, "/", c.edge_hits.size(), " transitions\n");
    for (size_t e = 0; e < c.edge_hits.size(); ++e) {
      if (c.edge_hits[e] == 0) body += StrCat("    never taken: ", c.edge_text[e], "\n");
    }
  }
  auto pct = [](uint64_t a, uint64_t b) { return b == 0 ? 100 : static_cast<int>(a * 100 / b); };
  return StrCat("coverage: ", reached, "/", measured, " rules reached, ", entered, "/", states,
                " states entered, ", taken, "/", edges, " transitions taken (", pct(taken, edges),
                "%)\n", body);
}

}  // namespace cep::ruletest
