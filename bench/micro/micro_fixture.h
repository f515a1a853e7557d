// Shared inputs of the micro-benchmarks: rule files compiled once, and the
// first lines of the benchmark streams (bench/gen/, default seed) as JSON
// Lines text and as events in memory. Built lazily, once per process.
#ifndef CEP_BENCH_MICRO_MICRO_FIXTURE_H_
#define CEP_BENCH_MICRO_MICRO_FIXTURE_H_

#include <string>
#include <vector>

#include "bench/gen/streams.h"
#include "bench/harness/input.h"
#include "bench/harness/rules.h"

namespace cep::bench {

// Rules of bench/rules/NAME.cep ("B1"), or of the repository file PATH when
// NAME contains a '/' ("stdlib-rules/security/brute_force.cep"), compiled once. Exits
// with a message if they do not compile.
const CompiledRules& MicroRules(const std::string& name);

enum class MicroStream { kStocks, kLogins };
inline constexpr size_t kMicroEvents = 20000;

// The stream's first kMicroEvents lines, without terminators.
const std::vector<std::string>& MicroLines(MicroStream stream);

// The stocks lines as events of `rules`' schema (time unit: seconds).
LoadedEvents& MicroStockEvents(const CompiledRules& rules);

}  // namespace cep::bench

#endif  // CEP_BENCH_MICRO_MICRO_FIXTURE_H_
