// See input.h.
#include "bench/harness/input.h"

#include "compiler/util/strcat.h"
#include "runtime/io/jsonl_reader.h"
#include "runtime/io/line_reader.h"

namespace cep::bench {
namespace {

// Calls `on_event(builder)` for every event line; an error for a bad or
// over-long line.
template <typename OnEvent>
absl::StatusOr<uint64_t> ReadLines(const std::string& path, const check::Schema& schema,
                                   rt::io::EpochUnit unit, const std::vector<bool>& used,
                                   OnEvent on_event) {
  auto lines = rt::io::LineReader::Open(path);
  if (!lines.ok()) return lines.status();
  rt::io::JsonLinesOptions options;
  options.epoch_unit = unit;
  options.used_types = used;
  rt::io::JsonLinesReader reader(schema, options);
  rt::EventBuilder builder;
  rt::io::Line line;
  while ((*lines)->Next(&line)) {
    if (line.too_long) {
      return absl::InvalidArgumentError(
          StrCat(path, ":", line.number, ": ",
                 rt::io::TooLongLineMessage(line, rt::io::LineReaderOptions().max_line_bytes)));
    }
    rt::io::ParseResult parsed = reader.ParsePaddedLine(line.text, line.number, builder);
    if (parsed.outcome == rt::io::LineOutcome::kBad) {
      return absl::InvalidArgumentError(rt::io::FormatLineError(path, parsed.error));
    }
    if (parsed.outcome == rt::io::LineOutcome::kEvent) {
      if (absl::Status s = on_event(builder, line.number); !s.ok()) return s;
    }
  }
  if (!(*lines)->status().ok()) return (*lines)->status();
  return (*lines)->line_count();
}

}  // namespace

LoadedEvents::~LoadedEvents() {
  for (rt::Event* e : events_) store_.Release(e);
}

absl::Status LoadJsonLines(const std::string& path, const check::Schema& schema,
                           rt::io::EpochUnit unit, const std::vector<bool>& used,
                           LoadedEvents* out) {
  auto read = ReadLines(path, schema, unit, used,
                        [&](const rt::EventBuilder& builder, uint64_t line) -> absl::Status {
                          rt::Event* e = builder.Build(out->store());
                          e->input_line = static_cast<uint32_t>(line);
                          if (!out->events().empty() && e->time < out->events().back()->time) {
                            out->store().Release(e);
                            return absl::InvalidArgumentError(StrCat(
                                path, ":", line,
                                ": events must be in time order for the matcher-only measurement"));
                          }
                          out->events().push_back(e);
                          return absl::OkStatus();
                        });
  return read.status();
}

absl::StatusOr<uint64_t> ParseOnly(const std::string& path, const check::Schema& schema,
                                   rt::io::EpochUnit unit, const std::vector<bool>& used) {
  rt::EventStore store;
  return ReadLines(path, schema, unit, used,
                   [&](const rt::EventBuilder& builder, uint64_t) -> absl::Status {
                     store.Release(builder.Build(store));
                     return absl::OkStatus();
                   });
}

}  // namespace cep::bench
