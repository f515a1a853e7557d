// Micro-benchmarks of JSON Lines parsing (runtime/io/jsonl_reader.h): one
// line parsed in place into the EventBuilder, with and without packing the
// event into the store — stock lines (epoch-number times) and login lines
// (RFC 3339 times, an optional field). Items = lines; bytes = line bytes.
// Built only with Google Benchmark; not run by ctest.
#include <benchmark/benchmark.h>

#include <string>
#include <string_view>
#include <vector>

#include "bench/micro/micro_fixture.h"
#include "runtime/io/jsonl_reader.h"
#include "runtime/io/line_reader.h"

namespace cep::bench {
namespace {

// The lines joined into one buffer with kLinePadding readable bytes after
// each, as LineReader hands them out.
struct PaddedLines {
  std::string buffer;
  std::vector<std::string_view> lines;
  size_t bytes = 0;
  explicit PaddedLines(const std::vector<std::string>& source) {
    for (const std::string& l : source) buffer += l + "\n";
    buffer.append(rt::io::kLinePadding, '\0');
    size_t at = 0;
    for (const std::string& l : source) {
      lines.emplace_back(buffer.data() + at, l.size());
      at += l.size() + 1;
      bytes += l.size() + 1;
    }
  }
};

void BM_JsonParse(benchmark::State& state, MicroStream stream, const char* rule_file, bool build) {
  const CompiledRules& rules = MicroRules(rule_file);
  PaddedLines padded(MicroLines(stream));
  rt::io::JsonLinesOptions options;
  options.epoch_unit = rt::io::EpochUnit::kSeconds;
  rt::io::JsonLinesReader reader(rules.result->checked.schema, options);
  rt::EventBuilder builder;
  rt::EventStore store;
  uint64_t events = 0;
  for (auto _ : state) {
    uint64_t n = 0;
    for (std::string_view line : padded.lines) {
      rt::io::ParseResult r = reader.ParsePaddedLine(line, ++n, builder);
      if (r.outcome == rt::io::LineOutcome::kEvent) {
        ++events;
        if (build) store.Release(builder.Build(store));
      }
    }
  }
  benchmark::DoNotOptimize(events);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * padded.lines.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * padded.bytes));
}
BENCHMARK_CAPTURE(BM_JsonParse, stocks_parse, MicroStream::kStocks, "B1", false);
BENCHMARK_CAPTURE(BM_JsonParse, stocks_parse_build, MicroStream::kStocks, "B1", true);
BENCHMARK_CAPTURE(BM_JsonParse, logins_parse, MicroStream::kLogins, "stdlib-rules/security/brute_force.cep", false);
BENCHMARK_CAPTURE(BM_JsonParse, logins_parse_build, MicroStream::kLogins, "stdlib-rules/security/brute_force.cep", true);

}  // namespace
}  // namespace cep::bench
