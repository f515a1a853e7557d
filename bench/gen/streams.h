// The synthetic event streams of the benchmark suite (docs/performance.md),
// each a pure function of its options and seed, written as JSON Lines or
// CSV:
//
// - stocks: the CORE engine's layout, `event_type,id,name,volume,price,
//   stock_time`; BUY / SELL 50/50; `name` uniform over `tickers` names (the
//   ten CORE names INTC RIMM QQQ IPIX AMAT CSCO YHOO DELL ORCL MSFT first,
//   then Z-prefixed codes); `id` = `stock_time` = the event's index from 0;
//   `volume` uniform in 1..1000; `price` a random walk per ticker in cents
//   (start 10.00..200.00, steps of at most 0.50, floor 1.00). JSON Lines add
//   `"time": stock_time` (epoch seconds: read with `--time-unit s`).
// - logins: `Login {user, ip, success, country?}` (stdlib-rules/types/auth.cep),
//   one per second from 2024-06-01T00:00:00Z as RFC 3339; 5% failures at
//   random, plus brute-force bursts (5 to 9 failures from changing IPs, then
//   a success) starting at about one event in 2,000; `country` missing in 5%.
// - sensors: `Reading {sensor, site, value, unit}`, ten per second from
//   2024-06-01T00:00:00Z; values a random walk per sensor around 20.00 with
//   rare spikes of +30.
//
// Tested by bench/run --smoke (streams regenerated, counts checked against
// the reference matcher).
#ifndef CEP_BENCH_GEN_STREAMS_H_
#define CEP_BENCH_GEN_STREAMS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "bench/gen/output_buffer.h"

namespace cep::bench {

enum class StreamFormat { kJsonl, kCsv };

struct StreamOptions {
  uint64_t events = 1000000;
  uint64_t seed = 42;
  uint32_t tickers = 500;   // stocks; at least the 10 named ones
  uint32_t users = 10000;   // logins
  uint32_t sensors = 1000;  // sensors
};

// The first `n` ticker names (n >= 10): the ten CORE names, then ZAAA, ZAAB...
std::vector<std::string> TickerNames(uint32_t n);

absl::Status WriteStockStream(const StreamOptions& options, StreamFormat format, OutputBuffer& out);
absl::Status WriteLoginStream(const StreamOptions& options, StreamFormat format, OutputBuffer& out);
absl::Status WriteSensorStream(const StreamOptions& options, StreamFormat format, OutputBuffer& out);

// 2024-06-01T00:00:00Z, where the login and sensor streams start.
inline constexpr int64_t kStreamEpochSeconds = 1717200000;

}  // namespace cep::bench

#endif  // CEP_BENCH_GEN_STREAMS_H_
