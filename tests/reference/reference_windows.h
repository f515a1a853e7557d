// FOR TESTING ONLY. A deliberately naive reference for `from` rules
// (compiler/ir/window_ir.h), written from their definition in
// runtime/window_matcher.h and docs/language.md ("Windowed rules",
// "suppress"), never from the engine's pane machinery: per rule it selects
// the events passing the filter, splits them into groups by the rendered
// `group by` values (null is a group of its own), lists every window of each
// group and folds the window's events from scratch:
//   - tumbling / sliding: every window [k*every, k*every + size) holding an
//     event of the group, emitted at its end;
//   - session: the group's events split where the next one comes at or
//     after last + gap, emitted at last + gap;
//   - count N every M: at the group's every M-th event, its last
//     min(N, seen) events, at that event's time (a partial window at the end
//     of input is not emitted);
//   - no window: each event passing the filter, at its time.
// Then `having`, then `suppress [by keys] for D` in output order (an output
// with key K at t passes unless one with key K passed in (t - D, t]), then
// the `emit` values. Aggregates fold with rt::FoldAggregate over the
// window's event list (the per-event fold AggState, not the panes).
//
// Output order (docs/semantics.md, "Output order", with a window's output
// completing at a deadline): by completion point in processing order — a
// time or session window ending at `e` completes before every event with
// time >= e and after every earlier one; a count window or a window-less
// output completes at its event — then by rule (program order), then by the
// window's first event (sequence number). Since the output time is the
// completion time, this is "by output time, then rule, then first event",
// with outputs of one time from different events in event order.
//
// The differential test tests/differential/window_differential.cc compares
// it with the engine.
#ifndef CEP_TESTS_REFERENCE_REFERENCE_WINDOWS_H_
#define CEP_TESTS_REFERENCE_REFERENCE_WINDOWS_H_

#include <vector>

#include "compiler/driver/frontend.h"
#include "runtime/event.h"
#include "tests/reference/reference_matcher.h"

namespace cep::reference {

// FOR TESTING ONLY. `fr` must be compiled and hold only `from` rules reading
// input (not derived) types; `events` are every input event in processing
// order, with seq = 1..n and nondecreasing times. Results carry, like the
// engine's DerivedEvent: the rule, the output time, for a window-less rule
// with an alias the binding alias -> {the event}, and the emitted fields
// (RenderValue). Never a timeout.
RefOutput ReferenceWindowsForTestingOnly(const driver::FrontendResult& fr,
                                         const std::vector<const rt::Event*>& events);

}  // namespace cep::reference

#endif  // CEP_TESTS_REFERENCE_REFERENCE_WINDOWS_H_
