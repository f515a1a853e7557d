// FOR TESTING ONLY. Event streams for the differential test: random streams
// from fixed seeds, and every stream up to a length over a small alphabet
// (exhaustive enumeration for tiny patterns). Events are described by
// EventSpec and built into real events (EventBuilder, slot 0 = time in ns)
// against a compiled program's schema.
#ifndef CEP_TESTS_DIFFERENTIAL_STREAM_GEN_H_
#define CEP_TESTS_DIFFERENTIAL_STREAM_GEN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/check/schema.h"
#include "runtime/event.h"

namespace cep::difftest {

struct EventSpec {
  char type = 'A';  // 'A', 'B' or 'C'
  int64_t x = 0;
  int64_t k = 0;       // -1: null
  int64_t second = 0;  // event time in whole seconds
  friend bool operator==(const EventSpec&, const EventSpec&) = default;
};
using Stream = std::vector<EventSpec>;

// A random stream of 1..max_len events of types A-C, x in 0..2, k in 0..1
// (null one time in 12), times nondecreasing by 0..2 s steps (ties happen).
Stream RandomStream(uint64_t seed, int max_len);

// Every stream of length 0..max_len over `alphabet` (each letter a type and
// an x; k = 0), one second apart.
std::vector<Stream> AllStreams(const std::vector<EventSpec>& alphabet, int max_len);

// "A(x=1,k=0)@0s B(x=0,k=1)@2s".
std::string FormatStream(const Stream& s);
// JSON Lines for `cep run` (RFC 3339 times).
std::string StreamJsonl(const Stream& s);

// Builds the events of `s` (seq = 1..n) in `store`; the caller Releases them.
std::vector<rt::Event*> BuildEvents(const Stream& s, const check::Schema& schema,
                                    rt::EventStore& store);

}  // namespace cep::difftest

#endif  // CEP_TESTS_DIFFERENTIAL_STREAM_GEN_H_
