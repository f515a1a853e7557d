// Engine (include/cep/engine.h): events from the builder, the watermark and
// the late policy, flushing, derived events by callback or queue, and stats.
// The matching is the runtime engine's (runtime/engine.h), called only
// through its public interface. Tested by tests/unit/api_engine_test.cc and
// api_time_test.cc.
#include "cep/engine.h"

#include "api/derived_event_impl.h"
#include "api/engine_impl.h"
#include "api/event_builder_impl.h"
#include "runtime/io/json_writer.h"

namespace cep {
namespace {

rt::OverflowPolicy ToRuntime(OverflowPolicy p) {
  switch (p) {
    case OverflowPolicy::kDropOldest: return rt::OverflowPolicy::kDropOldest;
    case OverflowPolicy::kRejectNew: return rt::OverflowPolicy::kRejectNew;
    case OverflowPolicy::kFail: return rt::OverflowPolicy::kFail;
  }
  return rt::OverflowPolicy::kDropOldest;
}

rt::io::EpochUnit ToRuntime(EpochUnit u) {
  switch (u) {
    case EpochUnit::kAuto: return rt::io::EpochUnit::kAuto;
    case EpochUnit::kSeconds: return rt::io::EpochUnit::kSeconds;
    case EpochUnit::kMillis: return rt::io::EpochUnit::kMillis;
    case EpochUnit::kMicros: return rt::io::EpochUnit::kMicros;
    case EpochUnit::kNanos: return rt::io::EpochUnit::kNanos;
  }
  return rt::io::EpochUnit::kAuto;
}

// Marks a user callback as running: the engine refuses calls from it.
class CallbackScope {
 public:
  explicit CallbackScope(bool* flag) : flag_(flag) { *flag_ = true; }
  ~CallbackScope() { *flag_ = false; }
  CallbackScope(const CallbackScope&) = delete;
  CallbackScope& operator=(const CallbackScope&) = delete;

 private:
  bool* flag_;
};

}  // namespace

Engine::Impl::Impl(const RuleSet& rule_set, EngineOptions opts, const rt::Limits& limits,
                   rt::io::JsonLinesOptions json)
    : rules(rule_set),
      ri(RuleSetAccess::Impl(rule_set)),
      options(std::move(opts)),
      engine(ri->checked(), ri->prog(), limits),
      buffer(options.max_delay_ns),
      reader(ri->schema(), std::move(json)),
      skipped_by_type(ri->schema().size(), 0) {
  engine.SetOutput([this](const rt::DerivedEvent& d) { OnDerived(d); });
}

Engine::Impl::~Impl() {
  buffer.Flush([this](rt::Event* e) { engine.store().Release(e); });
}

absl::Status Engine::Impl::CheckUsable() const {
  if (in_callback) {
    return absl::FailedPreconditionError(
        "the engine was called from its own on_derived or on_late callback: "
        "keep what the callback needs and push it after the call returns");
  }
  if (flushed) {
    return absl::FailedPreconditionError(
        "the engine was flushed (end of input) and takes no more events; create a new engine");
  }
  return engine.status();
}

absl::Status Engine::Impl::Accept(rt::Event* e) {
  if (!buffer.Add(e)) {
    ++late;
    if (options.late_policy == LatePolicy::kCallback) {
      late_json.clear();
      rt::io::AppendEventJson(*e, ri->schema().type(e->type), &late_json);
      LateEvent event;
      event.type = ri->TypeName(e->type);
      event.time = e->time;
      event.watermark = buffer.watermark();
      event.json = late_json;
      CallbackScope scope(&in_callback);
      options.on_late(event);
    }
    engine.store().Release(e);
    return absl::OkStatus();
  }
  Release();
  return engine.status();
}

void Engine::Impl::Release() {
  buffer.Release([this](rt::Event* e) { engine.Push(e); });
  engine.AdvanceTime(buffer.watermark());
}

void Engine::Impl::OnDerived(const rt::DerivedEvent& d) {
  if (options.on_derived) {
    DerivedAccess::Fill(d, ri, &scratch);
    CallbackScope scope(&in_callback);
    options.on_derived(scratch);
  } else {
    queue.emplace_back();
    DerivedAccess::Fill(d, ri, &queue.back());
  }
}

absl::StatusOr<Engine> Engine::Create(const RuleSet& rules, EngineOptions options) {
  if (options.max_delay_ns < 0) {
    return absl::InvalidArgumentError("max_delay_ns must not be negative");
  }
  if (options.late_policy == LatePolicy::kCallback && !options.on_late) {
    return absl::InvalidArgumentError("LatePolicy::kCallback needs an on_late callback");
  }
  if (options.json.type_field.empty()) {
    return absl::InvalidArgumentError("json.type_field must name the key of the event type");
  }
  rt::Limits limits;
  limits.max_runs_per_partition = options.max_runs_per_partition;
  limits.max_partitions = options.max_partitions;
  limits.max_memory = options.max_memory;
  limits.on_runs_overflow = limits.on_partitions_overflow = limits.on_memory_overflow =
      ToRuntime(options.on_overflow);
  rt::io::JsonLinesOptions json;
  json.type_field = options.json.type_field;
  json.time_fields = options.json.time_fields;
  json.epoch_unit = ToRuntime(options.json.epoch_unit);
  json.strict = options.json.strict;
  json.used_types = RuleSetAccess::Impl(rules)->read_by_rules;
  return Engine(std::make_unique<Impl>(rules, std::move(options), limits, std::move(json)));
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

absl::Status Engine::Push(const EventBuilder& builder) {
  Impl& m = *impl_;
  if (absl::Status s = m.CheckUsable(); !s.ok()) return s;
  const EventBuilder::Impl& b = BuilderAccess::Impl(builder);
  if (absl::Status s = b.CheckComplete(m.ri->id); !s.ok()) {
    ++m.bad;
    return s;
  }
  if (!m.ri->read_by_rules[b.type]) {
    // As `cep run` skips such lines: counted, no sequence number.
    ++m.skipped_by_type[b.type];
    return absl::OkStatus();
  }
  return m.Accept(b.builder.Build(m.engine.store()));
}

absl::Status Engine::PushJson(std::string_view json) { return impl_->PushJsonLine(json, 0); }

absl::Status Engine::AdvanceWatermark(int64_t time_ns) {
  Impl& m = *impl_;
  if (absl::Status s = m.CheckUsable(); !s.ok()) return s;
  // The buffer's watermark trails its newest time by max_delay: a stream
  // time of time_ns + max_delay puts the watermark at time_ns.
  int64_t delay = m.options.max_delay_ns;
  m.buffer.AdvanceTo(time_ns > INT64_MAX - delay ? INT64_MAX : time_ns + delay);
  m.Release();
  return m.engine.status();
}

int64_t Engine::watermark() const { return impl_->buffer.watermark(); }

absl::Status Engine::Flush() {
  Impl& m = *impl_;
  if (m.in_callback) return m.CheckUsable();
  if (m.flushed) return absl::FailedPreconditionError("the engine was already flushed");
  m.flushed = true;
  // After a limit failure the runtime engine only releases these.
  m.buffer.Flush([&m](rt::Event* e) { m.engine.Push(e); });
  m.engine.Finish();
  return m.engine.status();
}

bool Engine::PollDerived(DerivedEvent* out) {
  Impl& m = *impl_;
  if (m.queue.empty()) return false;
  *out = std::move(m.queue.front());
  m.queue.pop_front();
  return true;
}

size_t Engine::pending_derived() const { return impl_->queue.size(); }

Stats Engine::stats() const {
  Impl& m = *impl_;
  const rt::EngineStats& s = m.engine.stats();
  Stats out;
  out.events_in = s.events_in;
  out.events_derived = s.events_derived;
  out.events_unused = s.events_unused;
  out.bad = m.bad;
  out.late = m.late;
  out.unknown_type = m.unknown_type;
  out.buffered = m.buffer.buffered();
  out.peak_buffered = m.buffer.peak();
  out.memory_sheds = s.memory_sheds;
  out.peak_memory = s.peak_memory;
  const check::Schema& schema = m.ri->schema();
  for (size_t t = 0; t < schema.size(); ++t) {
    uint64_t n = m.skipped_by_type[t] + (t < s.events_by_type.size() ? s.events_by_type[t] : 0);
    out.events_unused += m.skipped_by_type[t];
    if (n > 0) out.events_by_type.push_back({schema.type(static_cast<EventTypeId>(t)).name, n});
  }
  for (const rt::RuleStats& r : s.rules) {
    RuleStats rs;
    rs.name = r.name;
    rs.matches = r.matches;
    rs.timeouts = r.timeouts;
    rs.suppressed = r.suppressed;
    rs.runs_merged = r.runs_merged;
    rs.runs_shed = r.runs_shed;
    rs.partitions_shed = r.partitions_shed;
    rs.null_key_events = r.null_key_events;
    rs.peak_runs = r.peak_runs;
    rs.peak_partitions = r.peak_partitions;
    out.rules.push_back(std::move(rs));
  }
  return out;
}

const RuleSet& Engine::rules() const { return impl_->rules; }

}  // namespace cep
