// See match_dag.h.
#include "runtime/match_dag.h"

namespace cep::rt {

MatchDag::MatchDag(EventStore* store, uint32_t num_var_slots, uint32_t num_aggs, bool hashes)
    : store_(store), num_vars_(num_var_slots), num_aggs_(num_aggs), keep_hashes_(hashes) {
  nodes_.emplace_back();  // id 0: no node
  if (keep_hashes_) hashes_.push_back(0);
  var_table_.resize(num_vars_);
  agg_table_.resize(num_aggs_);
}

MatchDag::~MatchDag() {
  for (size_t id = 1; id < nodes_.size(); ++id) {
    if (nodes_[id].refs > 0 && nodes_[id].event != nullptr) store_->Release(nodes_[id].event);
  }
}

uint32_t MatchDag::New(Event* event, int32_t var, uint32_t parent) {
  uint32_t id;
  if (!free_.empty()) {
    id = free_.back();
    free_.pop_back();
  } else {
    id = static_cast<uint32_t>(nodes_.size());
    nodes_.emplace_back();
    if (keep_hashes_) hashes_.push_back(0);
    var_table_.resize(var_table_.size() + num_vars_);
    agg_table_.resize(agg_table_.size() + num_aggs_);
  }
  Node& n = nodes_[id];
  n.event = event;
  n.parent = parent;
  n.refs = 1;
  n.var = var;
  n.length = parent == 0 ? 1 : nodes_[parent].length + 1;
  n.complete = 0;
  if (keep_hashes_) {
    // splitmix64-style mixing of (parent hash, variable, event).
    uint64_t h = (parent == 0 ? 0x9E3779B97F4A7C15ull : hashes_[parent]) ^
                 (event->seq * 0xBF58476D1CE4E5B9ull) ^ (static_cast<uint64_t>(var + 1) << 48);
    h ^= h >> 31;
    h *= 0x94D049BB133111EBull;
    hashes_[id] = h ^ (h >> 29);
  }
  store_->Retain(event);
  const Event** vars = var_table_.data() + size_t{id} * num_vars_;
  AggState* aggs = agg_table_.data() + size_t{id} * num_aggs_;
  if (parent != 0) {
    Retain(parent);
    const Event* const* pv = var_table_.data() + size_t{parent} * num_vars_;
    const AggState* pa = agg_table_.data() + size_t{parent} * num_aggs_;
    for (uint32_t i = 0; i < num_vars_; ++i) vars[i] = pv[i];
    for (uint32_t i = 0; i < num_aggs_; ++i) aggs[i] = pa[i];
  } else {
    for (uint32_t i = 0; i < num_vars_; ++i) vars[i] = nullptr;
    for (uint32_t i = 0; i < num_aggs_; ++i) aggs[i] = AggState();
  }
  if (var >= 0 && static_cast<uint32_t>(var) < num_vars_) vars[var] = event;
  ++live_;
  return id;
}

bool MatchDag::SameBindings(uint32_t a, uint32_t b) const {
  if (nodes_[a].length != nodes_[b].length) return false;
  while (a != 0 && b != 0) {
    if (a == b) return true;  // a shared history from here on
    if (nodes_[a].var != nodes_[b].var || nodes_[a].event != nodes_[b].event) return false;
    a = nodes_[a].parent;
    b = nodes_[b].parent;
  }
  return a == b;
}

void MatchDag::Release(uint32_t id) {
  // Iterative: a long Kleene chain must not recurse.
  while (id != 0) {
    Node& n = nodes_[id];
    if (--n.refs > 0) return;
    store_->Release(n.event);
    n.event = nullptr;
    uint32_t parent = n.parent;
    free_.push_back(id);
    --live_;
    id = parent;
  }
}

}  // namespace cep::rt
