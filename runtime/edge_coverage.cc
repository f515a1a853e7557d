// See edge_coverage.h.
#include "runtime/edge_coverage.h"

namespace cep::rt {
namespace {

thread_local EdgeCoverage* active = nullptr;

}  // namespace

EdgeCoverage::EdgeCoverage() : previous_(active) { active = this; }

EdgeCoverage::~EdgeCoverage() { active = previous_; }

uint64_t* EdgeCoverage::CountersFor(const nfa::RuleProg& prog) {
  std::vector<uint64_t>& c = counters_[&prog];
  if (c.size() < prog.edges.size()) c.resize(prog.edges.size(), 0);
  return c.empty() ? nullptr : c.data();
}

const std::vector<uint64_t>* EdgeCoverage::Counters(const nfa::RuleProg& prog) const {
  auto it = counters_.find(&prog);
  return it == counters_.end() ? nullptr : &it->second;
}

uint64_t* EdgeCoverage::CountersForNewMatcher(const nfa::RuleProg& prog) {
  return active == nullptr ? nullptr : active->CountersFor(prog);
}

}  // namespace cep::rt
