// FormatStats (include/cep/stats.h): the counters in the words of
// `cep run --stats` (cli/cmd_run.cc), so a log line reads the same from
// both. Tested by tests/unit/api_engine_test.cc.
#include "cep/stats.h"

#include "compiler/util/strcat.h"

namespace cep {

std::string FormatStats(const Stats& s) {
  std::string out =
      StrCat("events in ", s.events_in, ", derived ", s.events_derived, ", bad ", s.bad, ", late ",
             s.late, ", peak state ", s.peak_memory, " bytes, memory sheds ", s.memory_sheds, "\n");
  for (const RuleStats& r : s.rules) {
    out += StrCat("rule ", r.name, ": ", r.matches, " matches, ", r.timeouts, " timeouts, peak ",
                  r.peak_runs, " runs / ", r.peak_partitions, " partitions, shed ", r.runs_shed,
                  " runs\n");
  }
  return out;
}

}  // namespace cep
