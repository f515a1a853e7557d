// FOR TESTING ONLY. Event streams for the windowed-rule differential test
// (window_differential.cc): random streams of two event types from fixed
// seeds — small string sets, ints, floats that are multiples of 0.5 (so
// sums are exact), nulls in the optional fields, time ties, bursts and long
// gaps, sometimes before the epoch — and the same stream shuffled out of
// order within an allowed lateness. Events are built into real events
// (EventBuilder) against the compiled program's schema, and printed as JSON
// Lines for `cep run`.
#ifndef CEP_TESTS_DIFFERENTIAL_WINDOW_STREAM_GEN_H_
#define CEP_TESTS_DIFFERENTIAL_WINDOW_STREAM_GEN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/check/schema.h"
#include "runtime/event.h"

namespace cep::windiff {

// The event types every generated program declares.
std::string WindowDeclarations();

// One event of type E { a, b?, n, x, y?, s?, ok } or F { a, n }.
struct WEvent {
  char type = 'E';
  int64_t time_ms = 0;
  int a = 0;                   // "p", "q", "r"
  std::optional<int64_t> b;    // E only
  int64_t n = 0;
  double x = 0;                // E only; a multiple of 0.5
  std::optional<double> y;     // E only; a multiple of 0.5
  int s = -1;                  // E only; -1: null, else "u", "v", "w"
  bool ok = false;             // E only
  friend bool operator==(const WEvent&, const WEvent&) = default;
};
using WStream = std::vector<WEvent>;

// A random stream of 0..max_len events in processing order (nondecreasing
// times; ties keep their order).
WStream RandomWindowStream(uint64_t seed, int max_len);

// The same events in an arrival order a reorder buffer with `max_delay_ms`
// restores exactly: no event is late (older than the largest time before it
// minus the delay), and events of equal time keep their order. Returns the
// permutation: arrival position -> index into `s`.
std::vector<size_t> ShuffleWithinDelay(const WStream& s, int64_t max_delay_ms, uint64_t seed);

// `E:p:1:3:0.5:-:u:1@1500 F:q:2@2000` (type:a:b:n:x:y:s:ok@ms, `-` for
// null; F:a:n@ms) in both directions. Parse returns false on bad text.
std::string FormatWindowStream(const WStream& s);
bool ParseWindowStream(const std::string& text, WStream* out, std::string* error);

// JSON Lines for `cep run` (RFC 3339 times with milliseconds), in the order
// of `order` (indexes into s; empty: in order).
std::string WindowStreamJsonl(const WStream& s, const std::vector<size_t>& order = {});

// Builds the events of `s` in `store` (seq unset: the engine numbers them);
// the caller owns one reference of each.
std::vector<rt::Event*> BuildWindowEvents(const WStream& s, const check::Schema& schema,
                                          rt::EventStore& store);

}  // namespace cep::windiff

#endif  // CEP_TESTS_DIFFERENTIAL_WINDOW_STREAM_GEN_H_
