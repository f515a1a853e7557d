// The CloudEvents input (see event_source.h and cloudevents_reader.h).
//
// Line by line: each line is one CloudEvent or one batch. But if the first
// non-blank line opens a JSON object or array it does not close ("[" or
// "{" alone, as pretty-printers write), the whole input is one JSON document
// — a batch or a single CloudEvent — read in full (up to the line limit,
// 64 MiB by default) and then parsed. Every CloudEvent of a line or document
// is built at once into a queue that Next() hands out.
// Tested by tests/unit/io_cloudevents_test.cc and io_input_test.cc.
#include <string>
#include <vector>

#include "compiler/util/strcat.h"
#include "runtime/io/cloudevents_reader.h"
#include "runtime/io/event_source.h"
#include "runtime/io/json_object_reader.h"

namespace cep::rt::io {
namespace {

CloudEventsOptions ReaderOptions(const SourceOptions& options) {
  CloudEventsOptions out;
  out.time_fields = options.time_fields;
  out.epoch_unit = options.epoch_unit;
  out.strict = options.strict;
  out.used_types = options.used_types;
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return TrimTrailingSpace(s);
}

// A first line that opens a JSON value it does not close.
bool OpensDocument(std::string_view line) {
  std::string_view t = Trim(line);
  if (t.empty()) return false;
  if (t.front() == '[') return t.back() != ']';
  if (t.front() == '{') return t.back() != '}';
  return false;
}

class CloudEventsSource : public EventSource {
 public:
  CloudEventsSource(std::unique_ptr<LineReader> lines, uint32_t index, EventStore* store,
                    const check::Schema& schema, const SourceOptions& options)
      : EventSource(std::move(lines), index, store), reader_(schema, ReaderOptions(options)) {}
  ~CloudEventsSource() override {
    for (size_t k = next_; k < queue_.size(); ++k) {
      if (queue_[k].event != nullptr) store_->Release(queue_[k].event);
    }
  }

  bool Next(SourceRecord* out) override {
    while (next_ == queue_.size()) {
      queue_.clear();
      next_ = 0;
      if (!Fill()) return false;
    }
    *out = std::move(queue_[next_++]);
    return true;
  }

  const ReaderStats& stats() const override { return reader_.stats(); }
  InputFormat format() const override { return InputFormat::kCloudEvents; }

 private:
  // Parses the next line (or the whole document) into the queue; false at
  // the end of the input.
  bool Fill() {
    Line line;
    if (!lines_->Next(&line)) return false;
    if (line.too_long) {
      ++reader_.mutable_stats().bad;
      AddBad({line.number, {}, TooLongLineMessage(line, lines_->max_line_bytes())});
      return true;
    }
    if (!started_ && Trim(line.text).empty()) return true;
    const bool document = !started_ && OpensDocument(line.text);
    started_ = true;
    if (!document) {
      Parse(line.text, line.number);
      return true;
    }
    // The whole input is one JSON document.
    const uint64_t first = line.number;
    std::string text(line.text);
    bool over = false;
    while (lines_->Next(&line)) {
      if (over) continue;  // drained, so the progress and the counts are right
      if (line.too_long || text.size() + 1 + line.text.size() > lines_->max_line_bytes()) {
        over = true;
        continue;
      }
      text.push_back('\n');
      text.append(line.text.data(), line.text.size());
    }
    if (over) {
      ++reader_.mutable_stats().bad;
      AddBad({first, {},
              StrCat("the JSON document starting here is over the limit of ",
                     lines_->max_line_bytes(),
                     " bytes; write one CloudEvent (or batch) per line instead")});
      return true;
    }
    const size_t size = text.size();
    text.append(kLinePadding, '\0');
    Parse(std::string_view(text.data(), size), first);
    return true;
  }

  void Parse(std::string_view padded, uint64_t first_line) {
    reader_.ParsePadded(padded, first_line, builder_, [&](const ParseResult& result) {
      if (result.outcome == LineOutcome::kBad) {
        AddBad(result.error);
      } else if (result.outcome == LineOutcome::kEvent) {
        SourceRecord record;
        record.event = BuildEvent(result.line);
        record.source = index_;
        queue_.push_back(std::move(record));
      }
    });
  }

  void AddBad(LineError error) {
    SourceRecord record;
    SetBad(&record, std::move(error));
    queue_.push_back(std::move(record));
  }

  CloudEventsReader reader_;
  std::vector<SourceRecord> queue_;
  size_t next_ = 0;
  bool started_ = false;  // a non-blank line was seen
};

}  // namespace

std::unique_ptr<EventSource> NewCloudEventsSource(std::unique_ptr<LineReader> lines,
                                                  uint32_t index, EventStore* store,
                                                  const check::Schema& schema,
                                                  const SourceOptions& options) {
  return std::make_unique<CloudEventsSource>(std::move(lines), index, store, schema, options);
}

}  // namespace cep::rt::io
