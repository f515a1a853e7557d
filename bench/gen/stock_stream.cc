// The stock stream: see streams.h.
#include <algorithm>

#include "bench/gen/rng.h"
#include "bench/gen/streams.h"

namespace cep::bench {

std::vector<std::string> TickerNames(uint32_t n) {
  static const char* const kNamed[] = {"INTC", "RIMM", "QQQ",  "IPIX", "AMAT",
                                       "CSCO", "YHOO", "DELL", "ORCL", "MSFT"};
  std::vector<std::string> names;
  names.reserve(n);
  for (uint32_t i = 0; i < n && i < 10; ++i) names.emplace_back(kNamed[i]);
  // No CORE name starts with Z, so these never collide with them.
  for (uint32_t i = 10; i < n; ++i) {
    uint32_t k = i - 10;
    std::string code = "Z";
    code.push_back(static_cast<char>('A' + (k / 676) % 26));
    code.push_back(static_cast<char>('A' + (k / 26) % 26));
    code.push_back(static_cast<char>('A' + k % 26));
    names.push_back(code);
  }
  return names;
}

absl::Status WriteStockStream(const StreamOptions& options, StreamFormat format,
                              OutputBuffer& out) {
  if (options.tickers < 10 || options.tickers > 10 + 26 * 26 * 26) {
    return absl::InvalidArgumentError("--tickers must be between 10 and 17586");
  }
  Rng rng(options.seed);
  std::vector<std::string> names = TickerNames(options.tickers);
  std::vector<int64_t> cents(names.size());
  for (int64_t& c : cents) c = rng.Between(1000, 20000);

  if (format == StreamFormat::kCsv) {
    out.Append("event_type,id,name,volume,price,stock_time");
    if (absl::Status s = out.EndLine(); !s.ok()) return s;
  }
  for (uint64_t i = 0; i < options.events; ++i) {
    bool buy = rng.Chance(1, 2);
    uint32_t t = rng.Below(options.tickers);
    int64_t volume = rng.Between(1, 1000);
    cents[t] = std::max<int64_t>(100, cents[t] + rng.Between(-50, 50));
    const int64_t index = static_cast<int64_t>(i);
    const char* type = buy ? "BUY" : "SELL";
    if (format == StreamFormat::kCsv) {
      out.Append(type);
      out.Append(',');
      out.AppendInt(index);
      out.Append(',');
      out.Append(names[t]);
      out.Append(',');
      out.AppendInt(volume);
      out.Append(',');
      out.AppendHundredths(cents[t]);
      out.Append(',');
      out.AppendInt(index);
    } else {
      out.Append("{\"type\":\"");
      out.Append(type);
      out.Append("\",\"time\":");
      out.AppendInt(index);
      out.Append(",\"id\":");
      out.AppendInt(index);
      out.Append(",\"name\":\"");
      out.Append(names[t]);
      out.Append("\",\"volume\":");
      out.AppendInt(volume);
      out.Append(",\"price\":");
      out.AppendHundredths(cents[t]);
      out.Append(",\"stock_time\":");
      out.AppendInt(index);
      out.Append('}');
    }
    if (absl::Status s = out.EndLine(); !s.ok()) return s;
  }
  return out.Flush();
}

}  // namespace cep::bench
