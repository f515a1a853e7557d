// See smoke_check.h.
#include "bench/harness/smoke_check.h"

#include <map>
#include <utility>

#include "compiler/util/strcat.h"
#include "runtime/engine.h"
#include "tests/reference/reference_matcher.h"
#include "tests/reference/reference_windows.h"

namespace cep::bench {

absl::StatusOr<SmokeCheck> CompareWithReference(const CompiledRules& rules, LoadedEvents& events) {
  const driver::FrontendResult& fr = *rules.result;
  std::vector<const rt::Event*> view;
  view.reserve(events.events().size());
  uint64_t seq = 1;
  for (rt::Event* e : events.events()) {
    e->seq = seq++;  // what the engine will number them (no rule reads derived events)
    view.push_back(e);
  }
  // (rule index, timeout) -> count.
  std::map<std::pair<uint32_t, bool>, uint64_t> engine_counts, ref_counts;
  reference::RefOutput ref = reference::ReferenceMatchForTestingOnly(fr, view);
  if (!ref.ok) return absl::FailedPreconditionError(StrCat("reference matcher: ", ref.error));
  for (const reference::RefResult& r : ref.results) ++ref_counts[{r.rule, r.timeout}];
  // The window reference takes programs of `from` rules only.
  const bool windows_checked = fr.ir.rules.empty() && !fr.ir.window_rules.empty();
  if (windows_checked) {
    reference::RefOutput wref = reference::ReferenceWindowsForTestingOnly(fr, view);
    if (!wref.ok) return absl::FailedPreconditionError(StrCat("window reference: ", wref.error));
    for (const reference::RefResult& r : wref.results) ++ref_counts[{r.rule, r.timeout}];
  }
  {
    rt::Engine engine(fr.checked, fr.nfa);
    engine.SetOutput([&](const rt::DerivedEvent& d) { ++engine_counts[{d.rule, d.timeout}]; });
    for (rt::Event* e : events.events()) {
      events.store().Retain(e);
      engine.Push(e);
    }
    engine.Finish();
    if (!engine.status().ok()) return engine.status();
  }

  SmokeCheck check;
  check.same = true;
  for (uint32_t r = 0; r < fr.checked.rules.size(); ++r) {
    const check::CheckedRule& rule = fr.checked.rules[r];
    if (rule.rule == nullptr) continue;
    for (bool timeout : {false, true}) {
      uint64_t e = engine_counts[{r, timeout}], f = ref_counts[{r, timeout}];
      check.engine += e;
      if (timeout && e == 0 && f == 0) continue;
      if (!check.detail.empty()) check.detail += ",";
      check.detail += StrCat(rule.rule->name.text, timeout ? ":timeouts=" : "=", e);
      if (!rule.is_pattern && !windows_checked) {
        check.detail += "/no-reference";
        continue;
      }
      check.reference += f;
      check.detail += StrCat("/", f);
      if (e != f) {
        check.same = false;
        check.detail += "/MISMATCH";
      }
    }
  }
  return check;
}

}  // namespace cep::bench
