// See state_probe.h.
#include "bench/harness/state_probe.h"

#include <malloc.h>

#include "runtime/engine.h"

namespace cep::bench {
namespace {

int64_t HeapInUse() {
  struct mallinfo2 m = mallinfo2();
  return static_cast<int64_t>(m.uordblks + m.hblkhd);
}

}  // namespace

StateSample ProbeState(const CompiledRules& rules, LoadedEvents& events, uint32_t every) {
  const driver::FrontendResult& fr = *rules.result;
  rt::Engine engine(fr.checked, fr.nfa);
  for (rt::Event* e : events.events()) events.store().Retain(e);
  const int64_t heap_at_start = HeapInUse();
  StateSample best;
  uint64_t pushed = 0;
  for (rt::Event* e : events.events()) {
    engine.Push(e);
    if (++pushed % every != 0) continue;
    uint64_t runs = engine.live_waiters();
    if (runs <= best.runs) continue;
    best.at_event = pushed;
    best.runs = runs;
    best.partitions = engine.live_partitions();
    best.nodes = engine.live_dag_nodes();
    best.estimate_bytes = engine.ApproxBytes() - engine.store().live_bytes();
    best.node_bytes = engine.live_dag_bytes();
    best.heap_bytes = HeapInUse() - heap_at_start;
  }
  engine.Finish();
  return best;
}

}  // namespace cep::bench
