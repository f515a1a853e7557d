// Private to api/: what an Engine holds. The runtime engine
// (runtime/engine.h) behind the reorder buffer (runtime/reorder_buffer.h),
// the JSON reader (runtime/io/jsonl_reader.h), and the derived-event
// callback or queue. Split over engine.cc (events, time, output, stats)
// and engine_json.cc (JSON input).
#ifndef CEP_API_ENGINE_IMPL_H_
#define CEP_API_ENGINE_IMPL_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "api/rule_set_impl.h"
#include "cep/engine.h"
#include "runtime/engine.h"
#include "runtime/io/jsonl_reader.h"
#include "runtime/reorder_buffer.h"

namespace cep {

struct Engine::Impl {
  Impl(const RuleSet& rule_set, EngineOptions opts, const rt::Limits& limits,
       rt::io::JsonLinesOptions json);
  // Returns the events still in the reorder buffer (no Flush) to the store.
  ~Impl();

  // OK when events may be pushed: not flushed, not inside a callback, no
  // limit failed.
  absl::Status CheckUsable() const;
  // Takes a built event: into the reorder buffer (or to the late policy),
  // then releases what the watermark passed into the matcher.
  absl::Status Accept(rt::Event* e);
  // Moves the buffered events the watermark passed into the matcher and
  // fires what ends before the watermark.
  void Release();
  void OnDerived(const rt::DerivedEvent& d);
  // One JSON object (engine_json.cc). `line` is its 1-based line in a
  // PushJsonLines text (0: PushJson); blank text is skipped there.
  absl::Status PushJsonLine(std::string_view text, uint64_t line);

  RuleSet rules;                            // keeps the compiled program alive
  std::shared_ptr<const RuleSet::Impl> ri;  // = rules' Impl
  EngineOptions options;
  rt::Engine engine;
  rt::ReorderBuffer buffer;
  rt::io::JsonLinesReader reader;
  rt::EventBuilder json_builder;
  std::deque<DerivedEvent> queue;  // when there is no on_derived
  DerivedEvent scratch;            // refilled for each on_derived call
  std::string late_json;
  bool flushed = false;
  bool in_callback = false;
  uint64_t bad = 0;
  uint64_t late = 0;
  uint64_t unknown_type = 0;
  std::vector<uint64_t> skipped_by_type;  // events of types no rule reads
};

}  // namespace cep

#endif  // CEP_API_ENGINE_IMPL_H_
