// Shared by the reader fuzz targets: a fixed rule set whose event types
// cover every field type (optional and required), and a run of one fuzz
// input through an EventSource of a given format over a memfd — the real
// read path, with a small chunk size and line limit so buffer growth, line
// splitting and over-long lines are reached by short inputs. The first byte
// picks options (strict mode, the epoch unit, the time fields).
#ifndef CEP_FUZZ_FUZZ_INPUT_H_
#define CEP_FUZZ_FUZZ_INPUT_H_

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "compiler/driver/frontend.h"
#include "runtime/io/event_source.h"
#include "runtime/io/json_writer.h"

namespace cep::fuzz {

inline constexpr const char* kFuzzRules = R"(
event Login { user: string, ip: string?, success: bool, tries: int? }
event Payment { amount: float, count: int, at: timestamp?, wait: duration?, note: string? }
event Reading { sensor: string, ts2: timestamp, value: float }
event Unused { x: int }
rule R {
  pattern l: Login -> p: Payment[amount > 1.5] -> r: Reading
  within 1h
  emit Out { user = l.user, total = p.amount + r.value }
}
)";

// The compiled rules, built once.
inline const driver::FrontendResult& FuzzRules() {
  static SourceManager* sources = new SourceManager();
  static DiagnosticEngine* diags = new DiagnosticEngine();
  static const driver::FrontendResult* result =
      driver::CompileText("fuzz.cep", kFuzzRules, *sources, *diags).release();
  if (!result->compiled_ok) std::abort();
  return *result;
}

// Reads `data` as an input of `format`; every event is written out as JSON
// and released. Anything wrong is a crash, a leak or a sanitizer report.
inline void RunInput(const uint8_t* data, size_t size, rt::io::InputFormat format) {
  const driver::FrontendResult& rules = FuzzRules();
  const check::Schema& schema = rules.checked.schema;
  uint8_t flags = size > 0 ? data[0] : 0;
  if (size > 0) {
    ++data;
    --size;
  }
  rt::io::SourceOptions options;
  options.strict = (flags & 1) != 0;
  options.epoch_unit = static_cast<rt::io::EpochUnit>((flags >> 1) % 5);
  if (flags & 0x10) options.time_fields = {"ts2", "time"};
  if (flags & 0x20) {
    options.type_field = "kind";
    options.type_field_given = true;
  }
  options.used_types.assign(schema.size(), true);
  options.used_types[schema.Find("Unused")->id] = false;
  options.lines.chunk_bytes = 64;
  options.lines.max_line_bytes = 4096;

  int fd = ::memfd_create("fuzz_input", MFD_CLOEXEC);
  if (fd < 0) std::abort();
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::write(fd, data + done, size - done);
    if (n <= 0) std::abort();
    done += static_cast<size_t>(n);
  }
  if (::lseek(fd, 0, SEEK_SET) != 0) std::abort();

  rt::EventStore store;
  {
    auto source = rt::io::MakeEventSource(
        rt::io::LineReader::FromFd(fd, "fuzz", /*owned=*/true, options.lines), format, 0, &store,
        schema, options);
    if (!source.ok()) return;  // a CSV header error: fine
    rt::io::SourceRecord record;
    std::string json;
    while ((*source)->Next(&record)) {
      if (record.event == nullptr) {
        if (record.error.message.empty()) std::abort();  // a bad record says why
        continue;
      }
      json.clear();
      rt::io::AppendEventJson(*record.event, schema.type(record.event->type), &json);
      store.Release(record.event);
    }
  }
  if (store.live_events() != 0) std::abort();  // every event released
}

}  // namespace cep::fuzz

#endif  // CEP_FUZZ_FUZZ_INPUT_H_
