// See micro_fixture.h.
#include "bench/micro/micro_fixture.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>

#include "bench/gen/output_buffer.h"
#include "runtime/io/jsonl_reader.h"

namespace cep::bench {
namespace {

[[noreturn]] void Die(const std::string& what) {
  std::cerr << "cep_bench_micro: " << what << "\n";
  std::exit(2);
}

std::vector<std::string> Generate(MicroStream stream) {
  char* data = nullptr;
  size_t size = 0;
  std::FILE* file = open_memstream(&data, &size);
  if (file == nullptr) Die("open_memstream failed");
  {
    OutputBuffer out(file, "memory");
    StreamOptions options;
    options.events = kMicroEvents;
    absl::Status s = stream == MicroStream::kStocks
                         ? WriteStockStream(options, StreamFormat::kJsonl, out)
                         : WriteLoginStream(options, StreamFormat::kJsonl, out);
    if (!s.ok()) Die(std::string(s.message()));
  }
  std::fclose(file);
  std::vector<std::string> lines;
  std::string_view text(data, size);
  while (!text.empty()) {
    size_t end = text.find('\n');
    lines.emplace_back(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  std::free(data);
  return lines;
}

}  // namespace

const CompiledRules& MicroRules(const std::string& name) {
  static std::map<std::string, std::unique_ptr<CompiledRules>> cache;
  auto it = cache.find(name);
  if (it != cache.end()) return *it->second;
  std::string path = name.find('/') != std::string::npos
                         ? std::string(CEP_SOURCE_DIR) + "/" + name
                         : std::string(CEP_SOURCE_DIR) + "/bench/rules/" + name + ".cep";
  auto rules = CompileRules({path});
  if (!rules.ok()) Die(std::string(rules.status().message()));
  return *cache.emplace(name, std::move(*rules)).first->second;
}

const std::vector<std::string>& MicroLines(MicroStream stream) {
  static const std::vector<std::string> stocks = Generate(MicroStream::kStocks);
  static const std::vector<std::string> logins = Generate(MicroStream::kLogins);
  return stream == MicroStream::kStocks ? stocks : logins;
}

LoadedEvents& MicroStockEvents(const CompiledRules& rules) {
  static std::map<const CompiledRules*, std::unique_ptr<LoadedEvents>> cache;
  auto it = cache.find(&rules);
  if (it != cache.end()) return *it->second;
  auto events = std::make_unique<LoadedEvents>();
  rt::io::JsonLinesOptions options;
  options.epoch_unit = rt::io::EpochUnit::kSeconds;
  rt::io::JsonLinesReader reader(rules.result->checked.schema, options);
  rt::EventBuilder builder;
  uint64_t n = 0;
  for (const std::string& line : MicroLines(MicroStream::kStocks)) {
    rt::io::ParseResult r = reader.ParseLine(line, ++n, builder);
    if (r.outcome != rt::io::LineOutcome::kEvent) Die("stock line " + std::to_string(n) + " did not parse");
    events->events().push_back(builder.Build(events->store()));
  }
  return *cache.emplace(&rules, std::move(events)).first->second;
}

}  // namespace cep::bench
