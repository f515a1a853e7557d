// The login stream: see streams.h. Brute-force bursts are interleaved with
// ordinary traffic: a burst, once started, supplies every fourth event
// until its failures and final success are out, so the failures of one user
// are spread over a few seconds (well inside the stdlib rule's 10 minutes).
#include <deque>
#include <string>

#include "bench/gen/rng.h"
#include "bench/gen/streams.h"
#include "runtime/io/time_parse.h"

namespace cep::bench {
namespace {

struct Burst {
  uint32_t user = 0;
  uint32_t failures_left = 0;  // then one success
};

const char* const kCountries[] = {"US", "DE", "FR", "BR", "IN", "JP", "GB", "CA"};

void AppendUser(OutputBuffer& out, uint32_t user) {
  char buf[8] = {'u', '0', '0', '0', '0', '0', '\0', '\0'};
  for (int i = 5; i >= 1; --i, user /= 10) buf[i] = static_cast<char>('0' + user % 10);
  out.Append(std::string_view(buf, 6));
}

void AppendIp(OutputBuffer& out, uint32_t a, uint32_t b, uint32_t c) {
  out.Append("10.");
  out.AppendInt(a);
  out.Append('.');
  out.AppendInt(b);
  out.Append('.');
  out.AppendInt(c);
}

}  // namespace

absl::Status WriteLoginStream(const StreamOptions& options, StreamFormat format,
                              OutputBuffer& out) {
  if (options.users == 0 || options.users > 99999) {
    return absl::InvalidArgumentError("--users must be between 1 and 99999");
  }
  Rng rng(options.seed);
  std::deque<Burst> bursts;
  std::string time;
  if (format == StreamFormat::kCsv) {
    out.Append("event_type,time,user,ip,success,country");
    if (absl::Status s = out.EndLine(); !s.ok()) return s;
  }
  for (uint64_t i = 0; i < options.events; ++i) {
    if (rng.Chance(1, 2000)) bursts.push_back({rng.Below(options.users), rng.Below(5) + 5});
    uint32_t user;
    bool success;
    uint32_t ip_a, ip_b, ip_c;
    if (!bursts.empty() && i % 4 == 0) {
      Burst& b = bursts.front();
      user = b.user;
      success = b.failures_left == 0;
      // An attacker's addresses change; the success comes from the last one.
      ip_a = 200 + rng.Below(50);
      ip_b = rng.Below(256);
      ip_c = rng.Below(256);
      if (success) {
        bursts.pop_front();
      } else {
        --b.failures_left;
      }
    } else {
      user = rng.Below(options.users);
      success = !rng.Chance(1, 20);
      // A user's own address, from the user number.
      ip_a = user % 200;
      ip_b = (user / 200) % 256;
      ip_c = rng.Below(4);
    }
    bool has_country = !rng.Chance(1, 20);
    const char* country = kCountries[rng.Below(8)];
    time.clear();
    rt::io::AppendRfc3339((kStreamEpochSeconds + static_cast<int64_t>(i)) * 1000000000, &time);
    if (format == StreamFormat::kCsv) {
      out.Append("Login,");
      out.Append(time);
      out.Append(',');
      AppendUser(out, user);
      out.Append(',');
      AppendIp(out, ip_a, ip_b, ip_c);
      out.Append(success ? ",true," : ",false,");
      if (has_country) out.Append(country);
    } else {
      out.Append("{\"type\":\"Login\",\"time\":\"");
      out.Append(time);
      out.Append("\",\"user\":\"");
      AppendUser(out, user);
      out.Append("\",\"ip\":\"");
      AppendIp(out, ip_a, ip_b, ip_c);
      out.Append(success ? "\",\"success\":true" : "\",\"success\":false");
      if (has_country) {
        out.Append(",\"country\":\"");
        out.Append(country);
        out.Append('"');
      }
      out.Append('}');
    }
    if (absl::Status s = out.EndLine(); !s.ok()) return s;
  }
  return out.Flush();
}

}  // namespace cep::bench
