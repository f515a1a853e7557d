// Tests for the input layer of `cep run`: formats by name and extension
// (input_format.h), opening sources (event_source.h: missing and unreadable
// files), the JSON Lines source with each bad-input class, summing reader
// stats, and the k-way merge by event time (input_merge.h): ties keep input
// order then line order, bad records come out at once, nothing leaks.
#include "runtime/io/input_merge.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "io_test_util.h"
#include "runtime/io/input_format.h"
#include "runtime/io/reader_stats.h"

namespace cep::rt::io {
namespace {

using testing::Drain;
using testing::MemoryInput;
using testing::Rules;

constexpr const char* kRules = R"(
event A { n: int }
event B { n: int }
event Unused { n: int }
rule R {
  pattern a: A -> b: B
  within 1h
  emit Out { n = b.n }
}
)";

const Rules& TestRules() {
  static const Rules* rules = new Rules(kRules);
  return *rules;
}

SourceOptions Options() {
  SourceOptions options;
  options.used_types = TestRules().used_types();
  return options;
}

std::unique_ptr<EventSource> Jsonl(const std::string& contents, uint32_t index,
                                   EventStore* store, SourceOptions options = Options()) {
  auto source = MakeEventSource(MemoryInput(contents, "in" + std::to_string(index), options.lines),
                                InputFormat::kJsonLines, index, store, TestRules().schema(),
                                options);
  REQUIRE(source.ok());
  return std::move(*source);
}

TEST_CASE("input formats by name and by file extension") {
  CHECK(*ParseInputFormat("jsonl") == InputFormat::kJsonLines);
  CHECK(*ParseInputFormat("NDJSON") == InputFormat::kJsonLines);
  CHECK(*ParseInputFormat("csv") == InputFormat::kCsv);
  CHECK(*ParseInputFormat("cloudevents") == InputFormat::kCloudEvents);
  CHECK(*ParseInputFormat("ce") == InputFormat::kCloudEvents);
  CHECK(std::string(ParseInputFormat("xml").status().message()) ==
        "unknown input format 'xml' (expected jsonl, csv or cloudevents)");
  CHECK(FormatFromPath("a/b/events.jsonl") == InputFormat::kJsonLines);
  CHECK(FormatFromPath("events.NDJSON") == InputFormat::kJsonLines);
  CHECK(FormatFromPath("events.json") == InputFormat::kJsonLines);
  CHECK(FormatFromPath("stock.csv") == InputFormat::kCsv);
  CHECK(FormatFromPath("STOCK.CSV") == InputFormat::kCsv);
  CHECK(FormatFromPath("orders.ce.jsonl") == InputFormat::kCloudEvents);
  CHECK(FormatFromPath("orders.ce.json") == InputFormat::kCloudEvents);
  CHECK(FormatFromPath("orders.cloudevents.json") == InputFormat::kCloudEvents);
  CHECK(FormatFromPath("-") == InputFormat::kJsonLines);
  CHECK(FormatFromPath("events.log") == InputFormat::kJsonLines);
  CHECK(std::string(InputFormatName(InputFormat::kCloudEvents)) == "cloudevents");
}

TEST_CASE("opening a missing, unreadable or directory input is an error naming it") {
  EventStore store;
  auto missing = OpenEventSource("/nonexistent/x.jsonl", InputFormat::kJsonLines, 0, &store,
                                 TestRules().schema(), Options());
  REQUIRE_FALSE(missing.ok());
  CHECK(absl::IsNotFound(missing.status()));
  CHECK(std::string(missing.status().message()).find("/nonexistent/x.jsonl") !=
        std::string::npos);
  auto dir = OpenEventSource(std::filesystem::temp_directory_path().string(),
                             InputFormat::kCsv, 0, &store, TestRules().schema(), Options());
  REQUIRE_FALSE(dir.ok());
  CHECK(std::string(dir.status().message()).find("is a directory") != std::string::npos);
  if (::geteuid() != 0) {
    const std::string path = (std::filesystem::temp_directory_path() /
                              ("cep_input_test_" + std::to_string(::getpid()) + ".jsonl"))
                                 .string();
    std::ofstream(path) << "{}\n";
    std::filesystem::permissions(path, std::filesystem::perms::none);
    auto denied = OpenEventSource(path, InputFormat::kJsonLines, 0, &store,
                                  TestRules().schema(), Options());
    std::remove(path.c_str());
    REQUIRE_FALSE(denied.ok());
    CHECK(absl::IsPermissionDenied(denied.status()));
  }
}

TEST_CASE("JSON Lines source: each bad class is one record, the good ones all arrive") {
  EventStore store;
  SourceOptions options = Options();
  options.lines.max_line_bytes = 100;
  options.lines.chunk_bytes = 16;
  const std::string input =
      R"({"type":"A","time":1,"n":1})" "\n"
      R"({"type":"A","time":2,"n":"x"})" "\n"          // wrong type
      R"({"type":"A","time":3})" "\n"                  // missing field
      R"({"type":"A","n":4})" "\n"                     // missing time
      R"({"type":"A","time":"then","n":5})" "\n"       // unparsable time
      "{\"type\":\"A\",\"time\":6,\"n\":6\n"           // malformed
      + std::string(1000, 'x') + "\n" +               // huge
      std::string(20, '\0') + "\n" +                   // NUL bytes
      "{\"type\":\"A\",\"time\":9,\"s\":\"\xC3\x28\",\"n\":9}\n"  // invalid UTF-8
      R"({"type":"Unused","time":10,"n":10})" "\n"
      R"({"type":"Nope","time":11})" "\n"
      R"({"type":"B","time":12,"n":12})" "\n"
      R"({"type":"B","time":13,"n":)";                 // truncated last line
  std::unique_ptr<EventSource> source = Jsonl(input, 5, &store, options);
  CHECK(Drain(*source, store, TestRules().schema()) ==
        std::vector<std::string>{
            R"({"type":"A","time":"1970-01-01T00:00:01Z","n":1}@1)",
            "2: field 'n': expected int, got string",
            "3: missing required field 'n'",
            "4: missing time field ('time' or 'ts')",
            "5: time field 'time': invalid timestamp 'then': expected a date as YYYY-MM-DD",
            "6: malformed JSON: the line does not end with '}' (truncated, or text after the "
            "object)",
            "7: line is 1000 bytes long, over the limit of 100 bytes; skipped",
            "8: malformed JSON: NUL byte at column 1",
            "9: invalid UTF-8 at column 27",
            R"({"type":"B","time":"1970-01-01T00:00:12Z","n":12}@12)",
            "13: malformed JSON: the line does not end with '}' (truncated, or text after the "
            "object)",
        });
  CHECK(source->stats().events == 2);
  CHECK(source->stats().bad == 9);
  CHECK(source->stats().unused_type == 1);
  CHECK(source->stats().unknown_type == 1);
  CHECK(source->format() == InputFormat::kJsonLines);
  CHECK(store.live_events() == 0);
}

TEST_CASE("reader stats add up over inputs") {
  ReaderStats a(3), b(3);
  a.CountEvent(0);
  a.CountUnknown("X");
  b.CountEvent(0);
  b.CountEvent(2);
  b.CountUnused(1);
  b.CountUnknown("Y");
  b.CountUnknown("X");
  b.bad = 2;
  a.Add(b);
  CHECK(a.events == 3);
  CHECK(a.events_by_type() == std::vector<uint64_t>{2, 0, 1});
  CHECK(a.unused_by_type() == std::vector<uint64_t>{0, 1, 0});
  CHECK(a.bad == 2);
  CHECK(a.unknown_type == 3);
  REQUIRE(a.unknown_types().size() == 2);
  CHECK(a.unknown_types()[0] == std::pair<std::string, uint64_t>("X", 2));
  CHECK(a.unknown_types()[1] == std::pair<std::string, uint64_t>("Y", 1));
}

// The merged stream: "source:line" for events, "bad source:line" for bad records.
std::vector<std::string> Merged(InputMerge& merge, EventStore& store) {
  std::vector<std::string> out;
  SourceRecord record;
  while (merge.Next(&record)) {
    if (record.event != nullptr) {
      out.push_back(std::to_string(record.source) + ":" +
                    std::to_string(record.event->input_line) + "@" +
                    std::to_string(record.event->time / 1'000'000'000));
      store.Release(record.event);
    } else {
      out.push_back("bad " + std::to_string(record.source) + ":" +
                    std::to_string(record.error.line));
    }
  }
  return out;
}

TEST_CASE("inputs merge by event time; ties keep input order, then line order") {
  EventStore store;
  std::vector<std::unique_ptr<EventSource>> sources;
  sources.push_back(Jsonl(R"({"type":"A","time":1,"n":0})" "\n"
                          R"({"type":"A","time":3,"n":0})" "\n"
                          R"({"type":"A","time":3,"n":0})" "\n"
                          R"({"type":"A","time":7,"n":0})" "\n",
                          0, &store));
  sources.push_back(Jsonl(R"({"type":"B","time":2,"n":0})" "\n"
                          R"({"type":"B","time":3,"n":0})" "\n"
                          "oops\n"
                          R"({"type":"B","time":5,"n":0})" "\n",
                          1, &store));
  sources.push_back(Jsonl("", 2, &store));
  sources.push_back(Jsonl(R"({"type":"A","time":0,"n":0})" "\n"
                          R"({"type":"A","time":3,"n":0})" "\n",
                          3, &store));
  InputMerge merge(std::move(sources), &store);
  CHECK(Merged(merge, store) == std::vector<std::string>{
                                    "3:1@0", "0:1@1", "1:1@2", "0:2@3", "0:3@3", "1:2@3",
                                    "bad 1:3", "3:2@3", "1:4@5", "0:4@7"});
  CHECK(store.live_events() == 0);
}

TEST_CASE("out-of-order input stays in its input order (the reorder buffer sorts it)") {
  EventStore store;
  std::vector<std::unique_ptr<EventSource>> sources;
  sources.push_back(Jsonl(R"({"type":"A","time":5,"n":0})" "\n"
                          R"({"type":"A","time":1,"n":0})" "\n",
                          0, &store));
  InputMerge merge(std::move(sources), &store);
  CHECK(Merged(merge, store) == std::vector<std::string>{"0:1@5", "0:2@1"});
}

TEST_CASE("a merge destroyed early releases the events it holds") {
  EventStore store;
  {
    std::vector<std::unique_ptr<EventSource>> sources;
    sources.push_back(Jsonl(R"({"type":"A","time":1,"n":0})" "\n", 0, &store));
    sources.push_back(Jsonl(R"({"type":"A","time":2,"n":0})" "\n", 1, &store));
    InputMerge merge(std::move(sources), &store);
    SourceRecord record;
    REQUIRE(merge.Next(&record));
    store.Release(record.event);
    CHECK(store.live_events() == 1);  // the other input's head
    CHECK(merge.bytes_read() > 0);
    CHECK(merge.total_bytes() > 0);  // memfds are regular files
  }
  CHECK(store.live_events() == 0);
}

}  // namespace
}  // namespace cep::rt::io
