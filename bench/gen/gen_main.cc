// cep_bench_gen: writes one of the benchmark streams (streams.h) as JSON
// Lines or CSV, deterministically from --seed. Example:
//   cep_bench_gen --stream stocks --events 1M --format jsonl -o stocks-1M.jsonl
// Exit codes: 0 ok, 2 usage or I/O error. Exercised by bench/run --smoke.
#include <cstdio>
#include <iostream>
#include <string>

#include "CLI/CLI.hpp"
#include "bench/gen/output_buffer.h"
#include "bench/gen/streams.h"

namespace {

// "1000", "100k", "1M", "10M" (decimal multiples) -> count.
bool ParseCount(const std::string& text, uint64_t* out) {
  size_t i = 0;
  uint64_t v = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    if (v > UINT64_MAX / 10) return false;
    v = v * 10 + static_cast<uint64_t>(text[i++] - '0');
  }
  if (i == 0) return false;
  std::string unit = text.substr(i);
  uint64_t mult = unit.empty() ? 1 : unit == "k" || unit == "K" ? 1000 : unit == "M" ? 1000000 : 0;
  if (mult == 0 || v > UINT64_MAX / mult) return false;
  *out = v * mult;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("Write a deterministic benchmark event stream (bench/gen/streams.h)");
  std::string stream = "stocks", format = "jsonl", events = "1M", output = "-";
  cep::bench::StreamOptions options;
  app.add_option("--stream", stream, "stocks, logins or sensors")
      ->check(CLI::IsMember({"stocks", "logins", "sensors"}))
      ->capture_default_str();
  app.add_option("--events", events, "Number of events (suffixes k, M)")->capture_default_str();
  app.add_option("--format", format, "jsonl or csv")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->capture_default_str();
  app.add_option("--seed", options.seed, "Random seed")->capture_default_str();
  app.add_option("--tickers", options.tickers, "Stocks: ticker names (10..17586)")->capture_default_str();
  app.add_option("--users", options.users, "Logins: users")->capture_default_str();
  app.add_option("--sensors", options.sensors, "Sensors: sensors")->capture_default_str();
  app.add_option("-o,--output", output, "Output file ('-': standard output)")->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (!ParseCount(events, &options.events)) {
    std::cerr << "cep_bench_gen: bad --events '" << events << "': write e.g. 100000, 100k or 1M\n";
    return 2;
  }
  std::FILE* file = output == "-" ? stdout : std::fopen(output.c_str(), "wb");
  if (file == nullptr) {
    std::cerr << "cep_bench_gen: cannot write " << output << "\n";
    return 2;
  }
  cep::bench::OutputBuffer out(file, output == "-" ? "standard output" : output);
  auto fmt = format == "csv" ? cep::bench::StreamFormat::kCsv : cep::bench::StreamFormat::kJsonl;
  absl::Status status = stream == "stocks"   ? cep::bench::WriteStockStream(options, fmt, out)
                        : stream == "logins" ? cep::bench::WriteLoginStream(options, fmt, out)
                                             : cep::bench::WriteSensorStream(options, fmt, out);
  if (file != stdout && std::fclose(file) != 0 && status.ok()) {
    status = absl::UnavailableError("cannot write " + output);
  }
  if (!status.ok()) {
    std::cerr << "cep_bench_gen: " << std::string(status.message()) << "\n";
    return 2;
  }
  return 0;
}
