// Tests for CloudEvents input (cloudevents_reader.h and the CloudEvents
// source): single events and batches, per line and as one document; the
// type, time, id, source and subject attributes; data as the fields; and
// every class of bad input: malformed JSON, wrong types, missing fields and
// attributes, missing or unparsable times, a huge line, NUL bytes, invalid
// UTF-8, a truncated last line.
#include "runtime/io/cloudevents_reader.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "io_test_util.h"

namespace cep::rt::io {
namespace {

using testing::Drain;
using testing::MemoryInput;
using testing::Rules;

constexpr const char* kRules = R"(
event Order { amount: float, id: string?, source: string?, subject: string? }
event Ping { n: int }
event Idle { n: int }
rule Big {
  pattern o: Order[amount > 10] -> p: Ping
  within 1h
  emit Alert { amount = o.amount }
}
)";

const Rules& TestRules() {
  static const Rules* rules = new Rules(kRules);
  return *rules;
}

// A CloudEvent with `type` and extra members (JSON text without braces).
std::string Ce(std::string_view type, std::string_view rest) {
  return std::string(R"({"specversion":"1.0","id":"e1","source":"/src","type":")") +
         std::string(type) + "\"" + (rest.empty() ? "" : ",") + std::string(rest) + "}";
}

class Harness {
 public:
  explicit Harness(CloudEventsOptions options = Options())
      : reader_(TestRules().schema(), std::move(options)) {}
  static CloudEventsOptions Options() {
    CloudEventsOptions options;
    options.used_types = TestRules().used_types();
    return options;
  }
  // Every outcome of one text: events as JSON, bad as "bad L: message",
  // skipped as "skipped".
  std::vector<std::string> Parse(std::string_view text, uint64_t line = 1) {
    std::vector<std::string> out;
    reader_.Parse(text, line, builder_, [&](const ParseResult& r) {
      if (r.outcome == LineOutcome::kEvent) {
        Event* e = builder_.Build(store_);
        std::string s;
        AppendEventJson(*e, TestRules().schema().type(e->type), &s);
        store_.Release(e);
        out.push_back(s + "@" + std::to_string(r.line));
      } else if (r.outcome == LineOutcome::kBad) {
        out.push_back("bad " + std::to_string(r.error.line) + ": " + r.error.message);
      } else {
        out.push_back("skipped");
      }
    });
    return out;
  }
  // The one outcome of a text holding one CloudEvent.
  std::string One(std::string_view text) {
    std::vector<std::string> all = Parse(text);
    REQUIRE(all.size() == 1);
    return all[0];
  }
  CloudEventsReader& reader() { return reader_; }

 private:
  CloudEventsReader reader_;
  EventBuilder builder_;
  EventStore store_;
};

TEST_CASE("a CloudEvent: type, time, data as fields, attributes as declared fields") {
  Harness h;
  CHECK(h.One(Ce("Order", R"("time":"2024-01-02T03:04:05.5+01:00","data":{"amount":12})")) ==
        R"({"type":"Order","time":"2024-01-02T02:04:05.500Z","amount":12.0,"id":"e1",)"
        R"("source":"/src","subject":null}@1)");
  // data wins over the attribute; subject fills its field.
  CHECK(h.One(Ce("Order", R"("subject":"s","time":"2024-01-02T03:04:05Z",)"
                          R"("data":{"amount":1,"id":"mine"}, "ext":[1,2])")) ==
        R"({"type":"Order","time":"2024-01-02T03:04:05Z","amount":1.0,"id":"mine",)"
        R"("source":"/src","subject":"s"}@1)");
  CHECK(h.reader().stats().events == 2);
}

TEST_CASE("the time: the attribute, else a time field of data") {
  Harness h;
  CHECK(h.One(Ce("Ping", R"("data":{"n":1,"ts":1704164645})")) ==
        R"({"type":"Ping","time":"2024-01-02T03:04:05Z","n":1}@1)");
  CHECK(h.One(Ce("Ping", R"("time":1704164645000,"data":{"n":1})")) ==
        R"({"type":"Ping","time":"2024-01-02T03:04:05Z","n":1}@1)");
  CHECK(h.One(Ce("Ping", R"("data":{"n":1})")) ==
        "bad 1: missing time: no 'time' attribute and no time field ('time' or 'ts') in data");
  CHECK(h.One(Ce("Ping", R"("time":"noon","data":{"n":1})")) ==
        "bad 1: attribute 'time': invalid timestamp 'noon': expected a date as YYYY-MM-DD");
  CHECK(h.One(Ce("Ping", R"("data":{"n":1,"time":"x"})")) ==
        "bad 1: time field 'time' of data: invalid timestamp 'x': expected a date as "
        "YYYY-MM-DD");
  CHECK(h.One(Ce("Ping", R"("time":true,"data":{"n":1})")) ==
        "bad 1: attribute 'time': expected a string, got bool");
}

TEST_CASE("batches: each CloudEvent on its own, with its line") {
  Harness h;
  const std::string batch =
      "[" + Ce("Ping", R"("time":1,"data":{"n":1})") + ",\n" +
      Ce("Ping", R"("time":2,"data":{"n":"two"})") + ",\n 7,\n" +
      Ce("Nope", R"("time":3)") + ",\n" + Ce("Ping", R"("time":4,"data":{"n":4})") + "]";
  CHECK(h.Parse(batch, 10) ==
        std::vector<std::string>{
            R"({"type":"Ping","time":"1970-01-01T00:00:01Z","n":1}@10)",
            "bad 11: batch element 2: field 'n': expected int, got string",
            "bad 12: batch element 3: expected a CloudEvent (a JSON object), got int",
            "skipped",
            R"({"type":"Ping","time":"1970-01-01T00:00:04Z","n":4}@14)",
        });
  CHECK(h.Parse("[]").empty());
  CHECK(h.Parse("  ").empty());
  CHECK(h.reader().stats().blank == 1);
  CHECK(h.reader().stats().unknown_type == 1);
}

TEST_CASE("required attributes and the data rules") {
  Harness h;
  CHECK(h.One(R"({"specversion":"1.0","id":"1","source":"/s","data":{}})") ==
        "bad 1: missing CloudEvents attribute 'type'");
  CHECK(h.One(R"({"specversion":"1.0","source":"/s","type":"Ping","time":1,"data":{"n":1}})") ==
        "bad 1: missing CloudEvents attribute 'id'");
  CHECK(h.One(R"({"specversion":"1.0","id":"1","type":"Ping","time":1,"data":{"n":1}})") ==
        "bad 1: missing CloudEvents attribute 'source'");
  CHECK(h.One(R"({"id":"1","source":"/s","type":"Ping","time":1,"data":{"n":1}})") ==
        "bad 1: missing CloudEvents attribute 'specversion'");
  CHECK(h.One(R"({"specversion":"0.3","id":"1","source":"/s","type":"Ping","time":1})") ==
        "bad 1: unsupported specversion '0.3' (expected \"1.0\")");
  CHECK(h.One(Ce("Ping", R"("id":"again","time":1,"data":{"n":1})")) ==
        "bad 1: duplicate attribute 'id'");
  CHECK(h.One(Ce("Ping", R"("time":1,"datacontenttype":"text/xml","data":{"n":1})")) ==
        "bad 1: datacontenttype 'text/xml' is not JSON: only JSON data is supported");
  CHECK(h.One(Ce("Ping", R"("time":1,"datacontenttype":"application/vnd.x+json; charset=utf-8",)"
                         R"("data":{"n":1})")) ==
        R"({"type":"Ping","time":"1970-01-01T00:00:01Z","n":1}@1)");
  CHECK(h.One(Ce("Ping", R"("time":1,"data_base64":"AAAA")")) ==
        "bad 1: data_base64 (binary data) is not supported: give the fields as a JSON object "
        "in 'data'");
  CHECK(h.One(Ce("Ping", R"("time":1,"data":[1])")) ==
        "bad 1: attribute 'data': expected a JSON object with the event's fields, got array");
  CHECK(h.One(Ce("Ping", R"("time":1,"data":null)")) ==
        "bad 1: missing required field 'n' in data");
  CHECK(h.One(Ce("Ping", R"("time":1,"data":{"n":1},"data":{"n":2})")) ==
        "bad 1: duplicate attribute 'data'");
  CHECK(h.One(R"({"specversion":"1.0","id":"1","source":5,"type":"Ping","time":1})") ==
        "bad 1: attribute 'source': expected a string, got int");
  CHECK(h.One(R"({"specversion":"1.0","type":7})") ==
        "bad 1: attribute 'type': expected a string, got int");
}

TEST_CASE("types no rule reads, and unknown ones, are skipped before any check") {
  Harness h;
  CHECK(h.One(R"({"type":"Idle","data":"not even an object"})") == "skipped");
  CHECK(h.One(R"({"type":"Alert"})") == "skipped");  // derived: never input
  CHECK(h.reader().stats().unused_type == 1);
  CHECK(h.reader().stats().unknown_type == 1);
  CHECK(h.reader().stats().unknown_types()[0].first == "Alert");
}

TEST_CASE("strict mode: unknown members of data are bad, attributes never") {
  CloudEventsOptions options = Harness::Options();
  options.strict = true;
  Harness h(options);
  CHECK(h.One(Ce("Ping", R"("time":1,"ext":"ok","data":{"n":1})")) ==
        R"({"type":"Ping","time":"1970-01-01T00:00:01Z","n":1}@1)");
  CHECK(h.One(Ce("Ping", R"("time":1,"data":{"n":1,"m":2})")) ==
        "bad 1: unknown field 'm' for type 'Ping'");
}

TEST_CASE("malformed JSON, NUL bytes, invalid UTF-8, text after the event") {
  Harness h;
  CHECK(h.One(R"({"type":"Ping",)") ==
        "bad 1: malformed JSON: the line does not end with '}' (truncated, or text after the "
        "object)");
  CHECK(h.One(std::string(8, '\0')) == "bad 1: malformed JSON: NUL byte at column 1");
  CHECK(h.One(Ce("Ping", "\"time\":1,\"data\":{\"n\":1,\"s\":\"\xff\"}")) ==
        "bad 1: invalid UTF-8 at column 90");
  CHECK(h.One(Ce("Ping", R"("time":1,"data":{"n":1})") + " x") ==
        "bad 1: malformed JSON: the line does not end with '}' (truncated, or text after the "
        "object)");
  CHECK(h.One(Ce("Ping", R"("time":1,"data":{"n":1})") + " {}") ==
        "bad 1: malformed JSON: text after the CloudEvent or batch");
  CHECK(h.One("42") ==
        "bad 1: expected a CloudEvent (a JSON object) or a batch (an array), got int");
  // A batch broken in the middle: what came before it stands.
  std::vector<std::string> broken =
      h.Parse("[" + Ce("Ping", R"("time":1,"data":{"n":1})") + ", {\"type\": ]");
  REQUIRE(!broken.empty());
  CHECK(broken.back().rfind("bad 1: ", 0) == 0);
}

TEST_CASE("CloudEvents source: lines, a truncated last line, a huge line") {
  EventStore store;
  SourceOptions options;
  options.used_types = TestRules().used_types();
  options.lines.max_line_bytes = 400;
  const std::string input = Ce("Ping", R"("time":1,"data":{"n":1})") + "\n\n" +
                            std::string(500, ' ') + "\n" + "[" +
                            Ce("Ping", R"("time":2,"data":{"n":2})") + "," +
                            Ce("Ping", R"("time":3,"data":{"n":3})") + "]\n" +
                            R"({"specversion":"1.0","type":"Ping","time":4,"da)";
  auto source = MakeEventSource(MemoryInput(input, "in.ce.jsonl", options.lines),
                                InputFormat::kCloudEvents, 0, &store, TestRules().schema(),
                                options);
  REQUIRE(source.ok());
  CHECK(Drain(**source, store, TestRules().schema()) ==
        std::vector<std::string>{
            R"({"type":"Ping","time":"1970-01-01T00:00:01Z","n":1}@1)",
            "3: line is 500 bytes long, over the limit of 400 bytes; skipped",
            R"({"type":"Ping","time":"1970-01-01T00:00:02Z","n":2}@4)",
            R"({"type":"Ping","time":"1970-01-01T00:00:03Z","n":3}@4)",
            "5: malformed JSON: unclosed string",
        });
  CHECK(store.live_events() == 0);
}

TEST_CASE("CloudEvents source: a whole-file batch, pretty-printed") {
  EventStore store;
  SourceOptions options;
  options.used_types = TestRules().used_types();
  const std::string input = "\n[\n  " + Ce("Ping", R"("time":1,"data":{"n":1})") + ",\n  " +
                            Ce("Ping", R"("time":2,"data":{"n":"x"})") + ",\n  {\n    " +
                            R"("specversion":"1.0","id":"3","source":"/s","type":"Ping",)" +
                            "\n    \"time\":3, \"data\": {\"n\": 3}\n  }\n]\n";
  auto source = MakeEventSource(MemoryInput(input, "all.ce.json"), InputFormat::kCloudEvents, 0,
                                &store, TestRules().schema(), options);
  REQUIRE(source.ok());
  CHECK(Drain(**source, store, TestRules().schema()) ==
        std::vector<std::string>{
            R"({"type":"Ping","time":"1970-01-01T00:00:01Z","n":1}@3)",
            "4: batch element 2: field 'n': expected int, got string",
            R"({"type":"Ping","time":"1970-01-01T00:00:03Z","n":3}@5)",
        });
  // A single pretty-printed CloudEvent is a document too.
  auto single = MakeEventSource(
      MemoryInput("{\n \"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\n \"type\":\"Ping\","
                  "\"time\":9,\"data\":{\"n\":9}\n}\n"),
      InputFormat::kCloudEvents, 0, &store, TestRules().schema(), options);
  REQUIRE(single.ok());
  CHECK(Drain(**single, store, TestRules().schema()) ==
        std::vector<std::string>{R"({"type":"Ping","time":"1970-01-01T00:00:09Z","n":9}@1)"});
  // Over the limit: one bad record, nothing held.
  options.lines.max_line_bytes = 64;
  auto big = MakeEventSource(MemoryInput(input, "big.ce.json", options.lines),
                             InputFormat::kCloudEvents, 0, &store, TestRules().schema(), options);
  REQUIRE(big.ok());
  CHECK(Drain(**big, store, TestRules().schema()) ==
        std::vector<std::string>{
            "2: the JSON document starting here is over the limit of 64 bytes; write one "
            "CloudEvent (or batch) per line instead"});
  CHECK(store.live_events() == 0);
}

TEST_CASE("a source destroyed with events still queued releases them") {
  EventStore store;
  SourceOptions options;
  options.used_types = TestRules().used_types();
  const std::string input = "[" + Ce("Ping", R"("time":1,"data":{"n":1})") + "," +
                            Ce("Ping", R"("time":2,"data":{"n":2})") + "]\n";
  {
    auto source = MakeEventSource(MemoryInput(input), InputFormat::kCloudEvents, 0, &store,
                                  TestRules().schema(), options);
    REQUIRE(source.ok());
    SourceRecord record;
    REQUIRE((*source)->Next(&record));
    store.Release(record.event);
    CHECK(store.live_events() == 1);
  }
  CHECK(store.live_events() == 0);
}

}  // namespace
}  // namespace cep::rt::io
