// FOR TESTING ONLY. Random pattern rules as .cep text over a tiny alphabet,
// for the differential test (differential_test.cc): event types A, B, C, each
// with `x: int` (values 0..2 in the streams) and `k: int?` (0..1 or null).
//
// Covered: the sequence operators `;` `->` `->>`; quantifiers ? * + {n}
// {n,} {n,m}, greedy and reluctant, on atoms and groups; loop policies
// `strict` / `any`; `until`; alternation; named groups; all(...) of 2-3
// atoms; negation between steps; trailing absence with and without its own
// window; filters on the current event (x == c, x != 0, x > prev.x, x >= v.x
// correlated with an earlier variable, sum(v.x) <= 3 running aggregates);
// `within`; `partition by k`; every after-match strategy; `on timeout emit`;
// programs of one or two rules. Some generated rules are rejected by the
// front end (e.g. a correlation the checker cannot order): the caller counts
// and skips them.
#ifndef CEP_TESTS_DIFFERENTIAL_RULE_GEN_H_
#define CEP_TESTS_DIFFERENTIAL_RULE_GEN_H_

#include <cstdint>
#include <random>
#include <string>

namespace cep::difftest {

// Features the generator may leave out (to keep testing around a known bug).
struct GenOptions {
  bool until = true;               // `until` on loops
  bool loop_negation = true;       // negations inside a group that may repeat
  bool timeouts = true;            // `on timeout emit`
  bool nested_quantifiers = true;  // quantified atoms inside groups (ambiguous parses)
};

// The event declarations every generated program starts with.
std::string Declarations();

// A whole program (Declarations() plus one or two rules) from `seed`.
std::string GenerateProgram(uint64_t seed, const GenOptions& options = {});

// A program whose one rule starts with `r: A` and correlates every later
// atom, negation and `until` with `x == r.x` (relaxed and any contiguity,
// `after match no skip`, no timeout): the shape the NFA compiler turns into
// a correlation index (compiler/nfa/infer_partition.h), which the reference
// never does. Some programs add a strict step or drop a correlation, which
// must turn the index off.
std::string GenerateCorrelatedProgram(uint64_t seed);

}  // namespace cep::difftest

#endif  // CEP_TESTS_DIFFERENTIAL_RULE_GEN_H_
