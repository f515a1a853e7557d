// Tests for CSV input: RFC 4180 syntax (csv_syntax.h), records over several
// lines and the recovery from an unclosed quote (csv_record_reader.h), cell
// conversion (cell_convert.h, number_text.h), the header and rows
// (csv_reader.h), and the CSV source end to end — with every class of bad
// input: malformed rows, wrong types, missing fields, missing or unparsable
// times, huge lines, NUL bytes, invalid UTF-8, a truncated last line.
#include "runtime/io/csv_reader.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "io_test_util.h"
#include "runtime/io/cell_convert.h"
#include "runtime/io/csv_record_reader.h"
#include "runtime/io/csv_syntax.h"
#include "runtime/io/number_text.h"

namespace cep::rt::io {
namespace {

using testing::Drain;
using testing::MemoryInput;
using testing::Rules;

constexpr const char* kStockRules = R"(
event BUY { id: int, name: string, volume: int, price: float, note: string? }
event SELL { id: int, name: string, volume: int, price: float, note: string? }
event Tick { name: string, at: timestamp?, wait: duration?, up: bool? }
event Idle { name: string }
rule BuyThenSell {
  pattern b: BUY -> s: SELL[name == b.name]
  within 1h
  emit Trade { name = s.name }
}
rule Ticks {
  pattern t: Tick -> u: Tick
  within 1h
  emit Two { name = u.name }
}
)";

const Rules& StockRules() {
  static const Rules* rules = new Rules(kStockRules);
  return *rules;
}

std::vector<std::string> Split(std::string_view record, std::string* error = nullptr) {
  std::vector<CsvCell> cells;
  std::string scratch;
  CsvSplit split = SplitCsvRecord(record, ',', &cells, &scratch);
  if (error != nullptr) {
    *error = split.error == CsvSyntaxError::kNone
                 ? ""
                 : std::string(CsvSyntaxErrorText(split.error)) + " @" +
                       std::to_string(split.offset) + " cell " + std::to_string(split.cell);
  }
  std::vector<std::string> out;
  for (const CsvCell& c : cells) out.push_back((c.quoted ? "q:" : "") + std::string(c.text));
  return out;
}

TEST_CASE("CSV cells: plain, quoted, escaped quotes, empty cells") {
  CHECK(Split("a,b,c") == std::vector<std::string>{"a", "b", "c"});
  CHECK(Split("") == std::vector<std::string>{""});
  CHECK(Split(",") == std::vector<std::string>{"", ""});
  CHECK(Split("a,,c,") == std::vector<std::string>{"a", "", "c", ""});
  CHECK(Split(R"("a,b","",c)") == std::vector<std::string>{"q:a,b", "q:", "c"});
  CHECK(Split(R"("say ""hi""",x)") == std::vector<std::string>{"q:say \"hi\"", "x"});
  CHECK(Split(R"("""",x)") == std::vector<std::string>{"q:\"", "x"});
  CHECK(Split("\"line1\nline2\",z") == std::vector<std::string>{"q:line1\nline2", "z"});
  CHECK(Split(" a , b ") == std::vector<std::string>{" a ", " b "});
}

TEST_CASE("CSV syntax errors say what and where") {
  std::string error;
  Split(R"(a,b"c,d)", &error);
  CHECK(error == "a '\"' inside an unquoted field (quote the whole field and double the quote) "
                 "@3 cell 1");
  Split(R"(a,"b"c,d)", &error);
  CHECK(error == "text after the closing quote of a field @5 cell 1");
  Split(R"(a,"bc)", &error);
  CHECK(error == "unterminated quoted field @2 cell 1");
}

TEST_CASE("ScanCsvLine tracks quoting across lines") {
  CsvLineState state;
  ScanCsvLine("a,\"b", 0, ',', &state);
  CHECK(state.in_quotes);
  CHECK(state.open_quote == 2);
  ScanCsvLine("still \"\" inside", 5, ',', &state);
  CHECK(state.in_quotes);
  ScanCsvLine("end\",c", 20, ',', &state);
  CHECK_FALSE(state.in_quotes);
  CsvLineState plain;
  ScanCsvLine("a,b\"c,d", 0, ',', &plain);  // a stray quote opens nothing
  CHECK_FALSE(plain.in_quotes);
  CsvLineState closed;
  ScanCsvLine("\"x\"", 0, ',', &closed);
  CHECK_FALSE(closed.in_quotes);
  CsvLineState escaped_at_end;
  ScanCsvLine("\"x\"\"", 0, ',', &escaped_at_end);
  CHECK(escaped_at_end.in_quotes);
}

struct GotRecord {
  std::string text;
  uint64_t line;
  uint64_t lines;
  CsvRecord::Problem problem;
};

std::vector<GotRecord> Records(const std::string& input, size_t max_record_bytes = 1 << 20,
                               LineReaderOptions options = {}) {
  std::unique_ptr<LineReader> lines = MemoryInput(input, "in", options);
  CsvRecordReader reader(*lines, ',', max_record_bytes);
  std::vector<GotRecord> out;
  CsvRecord r;
  while (reader.Next(&r)) out.push_back({std::string(r.text), r.line, r.lines, r.problem});
  return out;
}

TEST_CASE("CSV records: quoted fields over several lines are one record") {
  std::vector<GotRecord> got = Records("h1,h2\r\n1,\"two\r\nlines\"\n3,4");
  REQUIRE(got.size() == 3);
  CHECK(got[1].text == "1,\"two\nlines\"");
  CHECK(got[1].line == 2);
  CHECK(got[1].lines == 2);
  CHECK(got[2].text == "3,4");  // no final newline: still a record
  CHECK(got[2].line == 4);
}

TEST_CASE("CSV records: an unclosed quote costs its line, the rest is read again") {
  std::vector<GotRecord> got = Records("a,\"b\nc,d\ne,f\n");
  REQUIRE(got.size() == 3);
  CHECK(got[0].problem == CsvRecord::Problem::kUnterminated);
  CHECK(got[0].text == "a,\"b");
  CHECK(got[0].line == 1);
  CHECK(got[1].text == "c,d");
  CHECK(got[1].line == 2);
  CHECK(got[2].text == "e,f");
  CHECK(got[2].line == 3);

  // Bounded: the record stops at max_record_bytes, not at the end.
  std::string input = "\"open\n";
  for (int i = 0; i < 100; ++i) input += "x,y\n";
  got = Records(input, 50);
  REQUIRE(got.size() == 101);
  CHECK(got[0].problem == CsvRecord::Problem::kUnterminated);
  CHECK(got[1].text == "x,y");
  CHECK(got[100].line == 101);
  // Replayed lines are one-line records even if they open a quote: line 2
  // closes line 1's quote and opens another, line 3 stays inside it.
  got = Records("\"a\nb\",c,\"d\ne\n");
  REQUIRE(got.size() == 3);
  CHECK(got[0].problem == CsvRecord::Problem::kUnterminated);
  CHECK(got[1].text == "b\",c,\"d");
  CHECK(got[1].problem == CsvRecord::Problem::kNone);
  CHECK(got[2].text == "e");
}

TEST_CASE("CSV records: a line over the limit is its own bad record") {
  LineReaderOptions options;
  options.chunk_bytes = 16;
  options.max_line_bytes = 32;
  std::vector<GotRecord> got = Records("a,b\n" + std::string(100, 'x') + "\nc,d\n", 1 << 20, options);
  REQUIRE(got.size() == 3);
  CHECK(got[1].problem == CsvRecord::Problem::kTooLong);
  CHECK(got[1].line == 2);
  CHECK(got[2].text == "c,d");
  // Inside a multi-line record: the record is abandoned, the long line reported.
  got = Records("\"a\n" + std::string(100, 'x') + "\nc,d\n", 1 << 20, options);
  REQUIRE(got.size() == 3);
  CHECK(got[0].problem == CsvRecord::Problem::kUnterminated);
  CHECK(got[1].problem == CsvRecord::Problem::kTooLong);
  CHECK(got[2].text == "c,d");
}

TEST_CASE("number text reads as the JSON reader reads numbers") {
  JsonScalar s;
  REQUIRE(NumberScalar("42", &s));
  CHECK(s.kind == JsonKind::kInt);
  CHECK(s.i == 42);
  REQUIRE(NumberScalar("-9223372036854775808", &s));
  CHECK(s.kind == JsonKind::kInt);
  REQUIRE(NumberScalar("18446744073709551615", &s));
  CHECK(s.kind == JsonKind::kUint);
  REQUIRE(NumberScalar("18446744073709551616", &s));
  CHECK(s.kind == JsonKind::kBigNumber);
  REQUIRE(NumberScalar("2.5e3", &s));
  CHECK(s.kind == JsonKind::kFloat);
  CHECK(s.f == 2500.0);
  REQUIRE(NumberScalar("1e400", &s));
  CHECK(s.kind == JsonKind::kBigNumber);
  CHECK_FALSE(NumberScalar("+1", &s));
  CHECK_FALSE(NumberScalar("01", &s));
  CHECK_FALSE(NumberScalar("1.", &s));
  CHECK_FALSE(NumberScalar("", &s));
  CHECK_FALSE(NumberScalar("0x10", &s));
}

// Converts one cell; returns the value as JSON or "error: ...".
std::string Cell(std::string_view text, TypeKind kind, bool optional = false,
                 bool quoted = false) {
  CsvCell cell;
  cell.text = text;
  cell.quoted = quoted;
  Value v;
  std::string error;
  if (!ConvertCell(cell, kind, optional, EpochUnit::kAuto, &v, &error)) return "error: " + error;
  std::string out;
  AppendJsonValue(v, &out);
  return out;
}

TEST_CASE("CSV cells convert by the declared type") {
  CHECK(Cell("42", TypeKind::kInt) == "42");
  CHECK(Cell(" 42 ", TypeKind::kInt) == "42");
  CHECK(Cell("3.0", TypeKind::kInt) == "3");
  CHECK(Cell("3.5", TypeKind::kInt) == "error: expected int, got float 3.5");
  CHECK(Cell("abc", TypeKind::kInt) == "error: expected int, got 'abc'");
  CHECK(Cell("99999999999999999999", TypeKind::kInt) ==
        "error: integer 99999999999999999999 out of int64 range");
  CHECK(Cell("2", TypeKind::kFloat) == "2.0");
  CHECK(Cell("1e400", TypeKind::kFloat) == "error: number 1e400 out of float range");
  CHECK(Cell("TRUE", TypeKind::kBool) == "true");
  CHECK(Cell("false", TypeKind::kBool) == "false");
  CHECK(Cell("yes", TypeKind::kBool) == "error: expected bool (true or false), got 'yes'");
  CHECK(Cell(" spaced ", TypeKind::kString) == "\" spaced \"");
  CHECK(Cell("2024-01-02T03:04:05Z", TypeKind::kTimestamp) == "\"2024-01-02T03:04:05Z\"");
  CHECK(Cell("1704164645", TypeKind::kTimestamp) == "\"2024-01-02T03:04:05Z\"");
  CHECK(Cell("nope", TypeKind::kTimestamp).rfind("error: invalid timestamp 'nope'", 0) == 0);
  CHECK(Cell("1m30s", TypeKind::kDuration) == "90000000000");
  CHECK(Cell("500", TypeKind::kDuration) == "500");
  // Missing values: an unquoted empty cell.
  CHECK(Cell("", TypeKind::kInt, /*optional=*/true) == "null");
  CHECK(Cell("", TypeKind::kInt) == "error: missing value (expected int)");
  CHECK(Cell("", TypeKind::kString) == "\"\"");
  CHECK(Cell("", TypeKind::kString, /*optional=*/true) == "null");
  CHECK(Cell("", TypeKind::kString, /*optional=*/true, /*quoted=*/true) == "\"\"");
  CHECK(Cell("", TypeKind::kInt, /*optional=*/true, /*quoted=*/true) ==
        "error: expected int, got ''");
}

// A CsvReader over the stock rules, header parsed.
class CsvHarness {
 public:
  explicit CsvHarness(std::string_view header, CsvOptions options = DefaultOptions())
      : reader_(StockRules().schema(), std::move(options)) {
    header_status_ = reader_.ParseHeader(header);
  }
  static CsvOptions DefaultOptions() {
    CsvOptions options;
    options.time_fields = {"stock_time"};
    options.used_types = StockRules().used_types();
    return options;
  }
  const absl::Status& header_status() const { return header_status_; }
  // The event as JSON, or "bad line N: message", or "skipped".
  std::string Row(std::string_view row, uint64_t line = 2) {
    ParseResult r = reader_.ParseRecord(row, line, builder_);
    switch (r.outcome) {
      case LineOutcome::kEvent: {
        Event* e = builder_.Build(store_);
        std::string s;
        AppendEventJson(*e, StockRules().schema().type(e->type), &s);
        store_.Release(e);
        return s;
      }
      case LineOutcome::kBad:
        return "bad line " + std::to_string(r.error.line) + " [" + r.error.field +
               "]: " + r.error.message;
      case LineOutcome::kBlank: return "blank";
      default: return "skipped";
    }
  }
  CsvReader& reader() { return reader_; }

 private:
  CsvReader reader_;
  absl::Status header_status_;
  EventBuilder builder_;
  EventStore store_;
};

constexpr const char* kCoreHeader = "event_type,id,name,volume,price,stock_time";

TEST_CASE("CSV rows in the CORE layout become events") {
  CsvHarness h(kCoreHeader);
  REQUIRE(h.header_status().ok());
  CHECK(h.Row("BUY,1,MSFT,100,10.5,2024-01-01T00:00:00Z") ==
        R"({"type":"BUY","time":"2024-01-01T00:00:00Z","id":1,"name":"MSFT","volume":100,)"
        R"("price":10.5,"note":null})");
  CHECK(h.Row(R"(SELL,2,"Micro, ""soft""",1,2,1704067200)") ==
        R"({"type":"SELL","time":"2024-01-01T00:00:00Z","id":2,"name":"Micro, \"soft\"",)"
        R"("volume":1,"price":2.0,"note":null})");
  CHECK(h.reader().stats().events == 2);
}

TEST_CASE("CSV header: type and time columns, names, duplicates") {
  CHECK(CsvHarness("type,id,name,volume,price,stock_time").header_status().ok());
  CHECK(CsvHarness(" event_type , id,name,volume,price,stock_time").header_status().ok());
  CHECK(std::string(CsvHarness("id,name,stock_time").header_status().message()) ==
        "header: no type column ('type' or 'event_type'); name it with --type-field");
  CHECK(std::string(CsvHarness("event_type,id,name").header_status().message()) ==
        "header: no time column ('stock_time'); name it with --time-field");
  CHECK(std::string(CsvHarness("event_type,id,id,stock_time").header_status().message()) ==
        "header: duplicate column 'id'");
  CHECK(std::string(CsvHarness("event_type,\"id,stock_time").header_status().message()) ==
        "header: malformed CSV at column 12: unterminated quoted field");
  CsvOptions kind = CsvHarness::DefaultOptions();
  kind.type_fields = {"kind"};
  CsvHarness custom("kind,name,stock_time", kind);
  REQUIRE(custom.header_status().ok());
  CHECK(custom.Row("Idle,n,1").find("skipped") == 0);  // nothing reads Idle
}

TEST_CASE("CSV: the time is the first non-empty time column") {
  CsvOptions options = CsvHarness::DefaultOptions();
  options.time_fields = {"time", "ts"};
  CsvHarness h("type,name,time,ts", options);
  REQUIRE(h.header_status().ok());
  CHECK(h.Row("Tick,a,2024-01-01T00:00:01Z,5").find("\"time\":\"2024-01-01T00:00:01Z\"") !=
        std::string::npos);
  CHECK(h.Row("Tick,a,,1704067202").find("\"time\":\"2024-01-01T00:00:02Z\"") !=
        std::string::npos);
  CHECK(h.Row("Tick,a,,") == "bad line 2 [time]: missing time ('time' or 'ts' empty)");
  CHECK(h.Row("Tick,a,yesterday,") ==
        "bad line 2 [time]: time field 'time': invalid timestamp 'yesterday': expected a "
        "date as YYYY-MM-DD");
}

TEST_CASE("CSV: optional and missing fields, unknown and unused types") {
  CsvHarness h("type,name,at,wait,up,stock_time");
  REQUIRE(h.header_status().ok());
  CHECK(h.Row("Tick,a,,,,1") ==
        R"({"type":"Tick","time":"1970-01-01T00:00:01Z","name":"a","at":null,"wait":null,"up":null})");
  CHECK(h.Row("Tick,a,1704067200,2s,true,1") ==
        R"({"type":"Tick","time":"1970-01-01T00:00:01Z","name":"a","at":"2024-01-01T00:00:00Z",)"
        R"("wait":2000000000,"up":true})");
  // BUY needs id, volume, price: the header has none of them.
  CHECK(h.Row("BUY,a,,,,1") ==
        "bad line 2 [id]: missing required field 'id' (the header has no such column)");
  CHECK(h.Row("Nope,a,,,,1") == "skipped");
  CHECK(h.Row("Idle,a,,,,1") == "skipped");
  CHECK(h.Row(",a,,,,1") == "bad line 2 [type]: field 'type': missing event type");
  CHECK(h.reader().stats().unknown_type == 1);
  CHECK(h.reader().stats().unused_type == 1);
  CHECK(h.reader().stats().unused_by_type()[StockRules().schema().Find("Idle")->id] == 1);
}

TEST_CASE("CSV bad rows: each class has its message, with the line and field") {
  CsvHarness h(kCoreHeader);
  REQUIRE(h.header_status().ok());
  // Malformed rows.
  CHECK(h.Row("BUY,1,MSFT,100,10.5") ==
        "bad line 2 []: expected 6 fields as in the header, got 5");
  CHECK(h.Row("BUY,1,MSFT,100,10.5,1,extra") ==
        "bad line 2 []: expected 6 fields as in the header, got 7");
  CHECK(h.Row(R"(BUY,1,MS"FT,100,10.5,1)") ==
        "bad line 2 [name]: malformed CSV in field 'name' (column 9): a '\"' inside an "
        "unquoted field (quote the whole field and double the quote)");
  // Wrong types.
  CHECK(h.Row("BUY,x,MSFT,100,10.5,1") == "bad line 2 [id]: field 'id': expected int, got 'x'");
  CHECK(h.Row("BUY,1,MSFT,1.5,10.5,1") ==
        "bad line 2 [volume]: field 'volume': expected int, got float 1.5");
  // Missing values and times.
  CHECK(h.Row("BUY,,MSFT,100,10.5,1") ==
        "bad line 2 [id]: field 'id': missing value (expected int)");
  CHECK(h.Row("BUY,1,MSFT,100,10.5,") ==
        "bad line 2 [stock_time]: missing time ('stock_time' empty)");
  CHECK(h.Row("BUY,1,MSFT,100,10.5,soon") ==
        "bad line 2 [stock_time]: time field 'stock_time': invalid timestamp 'soon': expected a date "
        "as YYYY-MM-DD");
  // NUL bytes and invalid UTF-8.
  CHECK(h.Row(std::string("BUY,1,MS\0FT,100,10.5,1", 23)) ==
        "bad line 2 []: NUL byte at column 9");
  CHECK(h.Row(std::string(10, '\0')) == "bad line 2 []: NUL byte at column 1");
  CHECK(h.Row("BUY,1,MS\xff" "FT,100,10.5,1") == "bad line 2 []: invalid UTF-8 at column 9");
  // The line of a fault in a multi-line record.
  CHECK(h.Row("BUY,1,\"two\nlines\",x,10.5,1", 7) ==
        "bad line 8 [volume]: field 'volume': expected int, got 'x'");
  CHECK(h.Row("   ") == "blank");
  CHECK(h.reader().stats().bad == 12);
}

TEST_CASE("CSV strict mode: non-empty cells in undeclared columns are bad") {
  CsvOptions options = CsvHarness::DefaultOptions();
  options.strict = true;
  CsvHarness h("type,name,extra,stock_time", options);
  REQUIRE(h.header_status().ok());
  CHECK(h.Row("Tick,a,,1").find("{\"type\":\"Tick\"") == 0);
  CHECK(h.Row("Tick,a,x,1") == "bad line 2 [extra]: unknown field 'extra' for type 'Tick'");
  CsvHarness lenient("type,name,extra,stock_time");
  CHECK(lenient.Row("Tick,a,x,1").find("{\"type\":\"Tick\"") == 0);
}

TEST_CASE("CSV source end to end: header, events, every bad class, truncated last line") {
  EventStore store;
  SourceOptions options;
  options.time_fields = {"stock_time"};
  options.used_types = StockRules().used_types();
  options.lines.chunk_bytes = 16;
  options.lines.max_line_bytes = 200;
  const std::string input =
      "\xEF\xBB\xBF" "event_type,id,name,volume,price,stock_time\n"
      "BUY,1,MSFT,100,10.5,1\n"
      "\n"
      "BUY,1,MSFT,100,10.5\n" +              // too few fields
      std::string(300, 'x') + "\n" +         // a huge line
      "SELL,3,\"multi\nline\",7,1.5,3\n"     // one record over two lines
      "BUY,2,\"open,100,1,2\n"               // an unclosed quote
      "Idle,1,x,1,1,1\n"                     // a type no rule reads
      "SELL,4,MSFT,100,11,4";                // no final newline
  auto source = MakeEventSource(MemoryInput(input, "stock.csv", options.lines),
                                InputFormat::kCsv, 3, &store, StockRules().schema(), options);
  REQUIRE(source.ok());
  CHECK((*source)->format() == InputFormat::kCsv);
  std::vector<std::string> got = Drain(**source, store, StockRules().schema());
  CHECK(got == std::vector<std::string>{
                   R"({"type":"BUY","time":"1970-01-01T00:00:01Z","id":1,"name":"MSFT",)"
                   R"("volume":100,"price":10.5,"note":null}@2)",
                   "4: expected 6 fields as in the header, got 5",
                   "5: line is 300 bytes long, over the limit of 200 bytes; skipped",
                   R"({"type":"SELL","time":"1970-01-01T00:00:03Z","id":3,"name":"multi\nline",)"
                   R"("volume":7,"price":1.5,"note":null}@6)",
                   "8: unterminated quoted field: the quote at line 8, column 7 is never "
                   "closed; the lines after this one are read again as records",
                   R"({"type":"SELL","time":"1970-01-01T00:00:04Z","id":4,"name":"MSFT",)"
                   R"("volume":100,"price":11.0,"note":null}@10)",
               });
  CHECK(store.live_events() == 0);
  CHECK((*source)->stats().events == 3);
  CHECK((*source)->stats().bad == 3);
  CHECK((*source)->stats().unused_type == 1);
  CHECK((*source)->stats().blank == 1);
}

TEST_CASE("CSV source: header errors name the file and line; empty input has no events") {
  EventStore store;
  SourceOptions options;
  auto bad = MakeEventSource(MemoryInput("\n\nid,name\n", "x.csv"), InputFormat::kCsv, 0, &store,
                             StockRules().schema(), options);
  REQUIRE_FALSE(bad.ok());
  CHECK(std::string(bad.status().message()) ==
        "x.csv:3: header: no type column ('type' or 'event_type'); name it with --type-field");
  // --type-field given: no fallback to event_type.
  options.type_field = "kind";
  options.type_field_given = true;
  auto given = MakeEventSource(MemoryInput("event_type,time\n", "y.csv"), InputFormat::kCsv, 0,
                               &store, StockRules().schema(), options);
  REQUIRE_FALSE(given.ok());
  CHECK(std::string(given.status().message()) ==
        "y.csv:1: header: no type column ('kind'); name it with --type-field");
  auto empty = MakeEventSource(MemoryInput("", "e.csv"), InputFormat::kCsv, 0, &store,
                               StockRules().schema(), SourceOptions());
  REQUIRE(empty.ok());
  CHECK(Drain(**empty, store, StockRules().schema()).empty());
}

}  // namespace
}  // namespace cep::rt::io
