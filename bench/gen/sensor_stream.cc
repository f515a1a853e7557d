// The sensor stream: see streams.h.
#include <string>
#include <vector>

#include "bench/gen/rng.h"
#include "bench/gen/streams.h"
#include "runtime/io/time_parse.h"

namespace cep::bench {

absl::Status WriteSensorStream(const StreamOptions& options, StreamFormat format,
                               OutputBuffer& out) {
  if (options.sensors == 0 || options.sensors > 9999) {
    return absl::InvalidArgumentError("--sensors must be between 1 and 9999");
  }
  Rng rng(options.seed);
  std::vector<int64_t> hundredths(options.sensors);
  for (int64_t& h : hundredths) h = rng.Between(1500, 2500);
  std::string time;
  char sensor[6] = {'s', '0', '0', '0', '0', '\0'};
  char site[7] = {'s', 'i', 't', 'e', '0', '0', '\0'};
  if (format == StreamFormat::kCsv) {
    out.Append("event_type,time,sensor,site,value,unit");
    if (absl::Status s = out.EndLine(); !s.ok()) return s;
  }
  for (uint64_t i = 0; i < options.events; ++i) {
    uint32_t k = rng.Below(options.sensors);
    hundredths[k] += rng.Between(-20, 20);
    int64_t value = hundredths[k] + (rng.Chance(1, 10000) ? 3000 : 0);  // a spike
    for (int d = 4, v = static_cast<int>(k); d >= 1; --d, v /= 10) sensor[d] = static_cast<char>('0' + v % 10);
    uint32_t s = k / 50;
    site[4] = static_cast<char>('0' + (s / 10) % 10);
    site[5] = static_cast<char>('0' + s % 10);
    time.clear();
    rt::io::AppendRfc3339(kStreamEpochSeconds * 1000000000 + static_cast<int64_t>(i) * 100000000, &time);
    if (format == StreamFormat::kCsv) {
      out.Append("Reading,");
      out.Append(time);
      out.Append(',');
      out.Append(sensor);
      out.Append(',');
      out.Append(site);
      out.Append(',');
      out.AppendHundredths(value);
      out.Append(",C");
    } else {
      out.Append("{\"type\":\"Reading\",\"time\":\"");
      out.Append(time);
      out.Append("\",\"sensor\":\"");
      out.Append(sensor);
      out.Append("\",\"site\":\"");
      out.Append(site);
      out.Append("\",\"value\":");
      out.AppendHundredths(value);
      out.Append(",\"unit\":\"C\"}");
    }
    if (absl::Status st = out.EndLine(); !st.ok()) return st;
  }
  return out.Flush();
}

}  // namespace cep::bench
