// Public API: the engine. It runs every rule of a RuleSet over one stream of
// events and hands out derived events.
//
//   absl::StatusOr<cep::Engine> engine = cep::Engine::Create(rules, options);
//   engine->Push(builder);            // or PushJson(R"({"type":"Login",...})")
//   engine->AdvanceWatermark(t);      // time has passed: absences and timeouts fire
//   engine->Flush();                  // end of input: everything still pending fires
//   while (engine->PollDerived(&d)) ...   // unless options.on_derived is set
//
// Event time. Events may arrive up to `max_delay_ns` out of time order: a
// reorder buffer holds them and releases them in (time, push order) once the
// watermark — the newest time pushed minus max_delay_ns, or a later time
// given to AdvanceWatermark — has passed them. An event older than the
// watermark is late: counted in Stats::late and dropped, or handed to
// `on_late` (LatePolicy::kCallback). With max_delay_ns = 0 (the default)
// events are processed as they are pushed and must come in time order.
//
// Errors are Status values, never exceptions: a bad event is rejected with
// InvalidArgument (NotFound for a JSON event of an undeclared type) and
// counted, and the engine goes on; any call after Flush is
// FailedPrecondition; once a limit with OverflowPolicy::kFail is exceeded
// every push returns that ResourceExhausted status; calling the engine from
// its own on_derived / on_late callback is FailedPrecondition.
//
// Thread-compatible: an Engine (and its callbacks) belongs to one thread at
// a time; use one engine per thread, all made from one shared RuleSet, and
// route each event to an engine by its partition key (docs/embedding.md).
// Tested by tests/unit/api_engine_test.cc and api_time_test.cc.
#ifndef CEP_ENGINE_H_
#define CEP_ENGINE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "cep/derived_event.h"
#include "cep/event_builder.h"
#include "cep/rule_set.h"
#include "cep/stats.h"

namespace cep {

// What a limit does when it is reached (docs/runtime.md, "Limits").
enum class OverflowPolicy : uint8_t {
  kDropOldest,  // drop the oldest partial matches / least recently active partition
  kRejectNew,   // keep what exists: do not start the new partial match / partition
  kFail,        // stop: every later push returns ResourceExhausted
};

enum class LatePolicy : uint8_t {
  kDrop,      // count it (Stats::late) and drop it
  kCallback,  // count it and hand it to EngineOptions::on_late
};

// A late event, valid during the on_late call only.
struct LateEvent {
  std::string_view type;
  int64_t time = 0;       // its time, ns since the epoch
  int64_t watermark = 0;  // the watermark it missed
  std::string_view json;  // the event as JSON, as `cep run --late-output` writes it
};

// How numbers in JSON time fields are read.
enum class EpochUnit : uint8_t { kAuto, kSeconds, kMillis, kMicros, kNanos };

// JSON input (docs/input.md): the same options as `cep run`.
struct JsonOptions {
  std::string type_field = "type";
  // Tried in order: the first present, non-null one is the event time.
  std::vector<std::string> time_fields = {"time", "ts"};
  // kAuto reads the unit from the number's magnitude (docs/input.md).
  EpochUnit epoch_unit = EpochUnit::kAuto;
  // Keys that are not declared fields make the event bad.
  bool strict = false;
};

struct EngineOptions {
  // Limits (0: none). The defaults are `cep run`'s.
  uint32_t max_runs_per_partition = 100000;  // partial matches per partition and rule
  uint32_t max_partitions = 1000000;         // live partitions per rule
  uint64_t max_memory = 0;                   // bytes of matcher state, all rules
  OverflowPolicy on_overflow = OverflowPolicy::kDropOldest;  // for all three

  // How far out of time order events may arrive (ns, >= 0); see above.
  int64_t max_delay_ns = 0;
  LatePolicy late_policy = LatePolicy::kDrop;
  std::function<void(const LateEvent&)> on_late;  // required by kCallback

  // Called with each derived event as it is produced (the reference is
  // valid during the call; copy the event to keep it). Empty: derived
  // events queue up for PollDerived.
  std::function<void(const DerivedEvent&)> on_derived;

  JsonOptions json;
};

class Engine {
 public:
  // InvalidArgument for a negative max_delay_ns or kCallback without on_late.
  static absl::StatusOr<Engine> Create(const RuleSet& rules, EngineOptions options = {});
  ~Engine();
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;

  // Pushes the event `builder` holds (it stays in the builder). Late events
  // are not errors: they go to the late policy and this returns OK.
  absl::Status Push(const EventBuilder& builder);
  // Pushes one event given as a JSON object (docs/input.md). An event of a
  // declared type no rule reads is counted and skipped (OK).
  absl::Status PushJson(std::string_view json);
  // Pushes every line of a JSON Lines text (blank lines are skipped). Every
  // good line is pushed; if some are bad the result is the first one's
  // error, "line 3: field 'amount': expected float, got string", with the
  // count of the others.
  absl::Status PushJsonLines(std::string_view text);

  // Promises that no event older than `time_ns` will come (later pushes of
  // older events are late): releases the buffered events up to it and fires
  // the absences, timeouts and windows that end before it. Never moves the
  // watermark back (an older time is a no-op).
  absl::Status AdvanceWatermark(int64_t time_ns);
  // The current watermark (INT64_MIN before any event).
  int64_t watermark() const;

  // End of input: processes the buffered events and fires everything still
  // pending. The engine accepts no event after it.
  absl::Status Flush();

  // Pull queue (when options.on_derived is empty): moves the oldest derived
  // event into *out; false when there is none.
  bool PollDerived(DerivedEvent* out);
  size_t pending_derived() const;

  Stats stats() const;
  const RuleSet& rules() const;

  struct Impl;  // implementation detail

 private:
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cep

#endif  // CEP_ENGINE_H_
