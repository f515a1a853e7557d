// See edge_coverage.h.
#include "runtime/edge_coverage.h"

namespace cep::rt {

uint64_t* EdgeCoverage::CountersFor(const nfa::RuleProg& prog) {
  std::vector<uint64_t>& c = counters_[&prog];
  if (c.size() < prog.edges.size()) c.resize(prog.edges.size(), 0);
  return c.empty() ? nullptr : c.data();
}

const std::vector<uint64_t>* EdgeCoverage::Counters(const nfa::RuleProg& prog) const {
  auto it = counters_.find(&prog);
  return it == counters_.end() ? nullptr : &it->second;
}

}  // namespace cep::rt
