// FOR TESTING ONLY. A deliberately naive reference matcher for pattern rules,
// written straight from docs/semantics.md (never from the NFA code): per rule
// and partition it enumerates every match by backtracking over the pattern IR
// (compiler/ir/pattern_ir.h), checks the rules 1-6 of semantics.md directly,
// orders the matches, applies the after-match strategy, finds the partial
// matches that time out, and merges everything into the Output order. It
// shares only the expression evaluator (runtime/expr_eval.h) with the engine.
//
// It is exponential in the length of the stream: keep inputs small (a dozen
// events). The differential test (tests/differential/) compares it with the
// engine; tests/unit/reference_matcher_test.cc pins it to hand-written
// examples of semantics.md.
//
// Choices where semantics.md is silent (documented in the test report):
//  - all(...) joins its children with relaxed contiguity (`->`); the first
//    child takes the policy of the operator before the all().
//  - The policy of a step is that of the operator (or loop-back) crossed last
//    between the two events; negations of gaps crossed by children that took
//    no event accumulate into the next step.
//  - A match is a binding of events to positions: one with several parses
//    (nested quantifiers) is one match, valid when some parse satisfies the
//    rules, and is reported once, with the preference of its first parse.
//  - `skip to first/last v` when v took no event in the previously reported
//    match: v's event is taken to be that match's start.
//  - A timeout is checked against, but never changes, the after-match state.
//    "Not yet a match" is read at the timeout deadline: a prefix that is a
//    match completed by then is no partial match, but one whose trailing
//    absence is still pending (or was violated) is, when some continuation
//    is alive. At one completion point (rule, start), matches come before
//    timeouts.
//  - Rules reading derived events are not supported (an error is returned).
#ifndef CEP_TESTS_REFERENCE_REFERENCE_MATCHER_H_
#define CEP_TESTS_REFERENCE_REFERENCE_MATCHER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/driver/frontend.h"
#include "runtime/event.h"
#include "runtime/value.h"

namespace cep::reference {

struct RefBinding {
  std::string var;
  std::vector<uint64_t> seqs;
  friend bool operator==(const RefBinding&, const RefBinding&) = default;
};

// One reported match or timeout, as the engine's DerivedEvent carries it.
struct RefResult {
  uint32_t rule = 0;                 // CheckedProgram rule index (RuleIR::rule_index)
  int64_t time = 0;                  // completion time (the deadline for an absence or timeout)
  bool timeout = false;              // from `on timeout emit`
  std::vector<RefBinding> bindings;  // variables that took events, in RuleIR::vars order
  // The emitted event's fields, slots 1..n-1 of its type, rendered by
  // RenderValue (unassigned slots are "null").
  std::vector<std::string> fields;
  friend bool operator==(const RefResult&, const RefResult&) = default;
};

struct RefOutput {
  bool ok = true;
  std::string error;  // when !ok: what the reference does not support
  std::vector<RefResult> results;
};

// FOR TESTING ONLY. `fr` must be compiled (checked_ok); `events` are every
// input event in processing order, with seq = 1..n and nondecreasing times.
RefOutput ReferenceMatchForTestingOnly(const driver::FrontendResult& fr,
                                       const std::vector<const rt::Event*>& events);

// "null", "true", "i:3", "f:2.5", "s:text", "t:<ns>", "d:<ns>"; events render
// as "null" (the engine stores null for an event-valued field).
std::string RenderValue(const rt::Value& v);

// One line: "rule=R time=T[ timeout] {a:[1,2] b:[3]} (i:1, null)".
std::string FormatResult(const RefResult& r);

}  // namespace cep::reference

#endif  // CEP_TESTS_REFERENCE_REFERENCE_MATCHER_H_
