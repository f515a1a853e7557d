// Tests of ruletest/ (`cep test`): the JSON values of test files, the .cept
// parser and its error messages, the runner end to end (checkpoints, order,
// typed field comparison, time steps, max-delay, events files, failures and
// their readable diffs), coverage through the matcher's edge counters, and
// well-formed JUnit XML.
#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "compiler/driver/frontend.h"
#include "ruletest/coverage.h"
#include "ruletest/json_value.h"
#include "ruletest/junit.h"
#include "ruletest/runner.h"
#include "ruletest/test_file.h"
#include "runtime/edge_coverage.h"
#include "tests/unit/engine_harness.h"

namespace cep::ruletest {
namespace {

namespace fs = std::filesystem;

// ------------------------------------------------------------- JSON

TEST_CASE("ruletest: JSON values and errors") {
  JsonValue v;
  size_t pos = 0;
  std::string text = R"( {"a": [1, -2.5e3, true, null], "s": "x\"\u00e9\ud83d\ude00\n"} tail)";
  REQUIRE(!ParseJson(text, &pos, &v));
  CHECK(text.substr(pos) == " tail");
  CHECK(v.kind == JsonValue::Kind::kObject);
  CHECK(v.Find("a")->items[0].is_integer);
  CHECK(v.Find("a")->items[0].integer == 1);
  CHECK(v.Find("a")->items[1].number == -2500.0);
  CHECK(!v.Find("a")->items[1].is_integer);
  CHECK(v.Find("s")->text == "x\"\xc3\xa9\xf0\x9f\x98\x80\n");
  CHECK(ToJson(v) == R"({"a":[1,-2.5e3,true,null],"s":"x\"é😀\n"})");

  auto error = [](std::string t) {
    JsonValue x;
    size_t p = 0;
    std::optional<JsonError> e = ParseJson(t, &p, &x);
    return e ? std::to_string(e->offset) + (e->incomplete ? "+ " : " ") + e->message : "ok";
  };
  CHECK(error(R"({"a": 1, "a": 2})") == "9 duplicate key 'a'");
  CHECK(error(R"({"a": 1)") == "7+ expected ',' or '}'");
  CHECK(error(R"({"a" 1})") == "5 expected ':' after \"a\", found '1}'");
  CHECK(error(R"({a: 1})") == "1 expected a \"key\", found 'a:'");
  CHECK(error(R"("\x")") == "1 invalid escape '\\x'");
  CHECK(error("[1.]") == "3 digits needed after '.'");
  CHECK(error(R"("\ud800")") == "7 lone UTF-16 surrogate");
}

// ------------------------------------------------------------- the format

std::vector<std::string> Parse(const std::string& text, TestFile* out) {
  std::vector<std::string> errors;
  ParseTestFile(text, "dir/t.cept", out, &errors);
  return errors;
}

// The errors of a test file's text, one per line.
std::string Errors(const std::string& text) {
  TestFile f;
  std::string out;
  for (const std::string& e : Parse(text, &f)) out += e + "\n";
  return out;
}

TEST_CASE("ruletest: a test file's statements") {
  TestFile f;
  std::vector<std::string> errors = Parse(R"(# comment
rules a.cep ../b.cep
start 2024-06-01T09:00:00Z
max-delay 5s
order any

test "quoted name"
  at 0s Login {"user": "bob",
               "ok": false}
  at +10s Login
  {"type": "Login", "time": "2024-06-01T09:00:30Z", "user": "eve"}
  events logins.jsonl
  advance 2024-06-01T10:00:00Z
  expect Alert at 45s {"user": "bob"}
  expect exactly Alert
  end
  expect nothing

test plain name
  order strict
  max-delay 0s
  at 1m `Odd Type`
  expect nothing
)",
                                          &f);
  for (const std::string& e : errors) INFO(e);
  REQUIRE_MESSAGE(errors.empty(), errors.front());
  CHECK(f.rules == std::vector<std::string>{"dir/a.cep", "b.cep"});
  CHECK(f.start_ns == 1717232400LL * 1000000000);
  CHECK(f.max_delay_ns == 5000000000LL);
  REQUIRE(f.tests.size() == 2);
  const TestCase& t = f.tests[0];
  CHECK(t.name == "quoted name");
  CHECK(t.line == 7);
  CHECK(t.any_order);
  CHECK(t.max_delay_ns == 5000000000LL);
  REQUIRE(t.steps.size() == 9);
  CHECK(t.steps[0].kind == Step::Kind::kEvent);
  CHECK(t.steps[0].type == "Login");
  CHECK(t.steps[0].fields.Find("ok") != nullptr);  // continued on the next line
  CHECK(t.steps[1].time->kind == TimeSpec::Kind::kFromPrevious);
  CHECK(t.steps[1].time->ns == 10000000000LL);
  CHECK(t.steps[1].line == 10);
  CHECK(t.steps[2].kind == Step::Kind::kRawEvent);
  CHECK(t.steps[3].path == "dir/logins.jsonl");
  CHECK(t.steps[4].time->kind == TimeSpec::Kind::kAbsolute);
  CHECK(t.steps[5].kind == Step::Kind::kExpect);
  CHECK(t.steps[5].time->ns == 45000000000LL);
  CHECK(t.steps[6].exactly);
  CHECK(t.steps[7].kind == Step::Kind::kEnd);
  CHECK(t.steps[8].kind == Step::Kind::kExpectNothing);
  CHECK(!f.tests[1].any_order);
  CHECK(f.tests[1].max_delay_ns == 0);
  CHECK(f.tests[1].steps[0].type == "Odd Type");
}

TEST_CASE("ruletest: the rules default to NAME.cep beside NAME.cept") {
  TestFile f;
  REQUIRE(Parse("test t\n  expect nothing\n", &f).empty());
  CHECK(f.rules == std::vector<std::string>{"dir/t.cep"});
}

TEST_CASE("ruletest: test file errors say where and what") {
  CHECK(Errors("test a\n  at 5x Login {}\n  expect nothing\n") ==
        "dir/t.cept:2:6: bad time '5x': write an offset from the start (45s, 1m30s), from the "
            "previous step (+10s) or an RFC 3339 time (2024-06-01T09:00:45Z)" "\n");
  CHECK(Errors("test a\n  at 5s {}\n  expect nothing\n") ==
        "dir/t.cept:2:6: expected an event type after the time: at 10s Login {...}" "\n");
  CHECK(Errors("test a\n  at 5s A {\"x\": 1,\n  \"y\" 2}\n  expect nothing\n") ==
        "dir/t.cept:3:7: bad JSON: expected ':' after \"y\", found '2}'" "\n");
  CHECK(Errors("test a\n  at 5s A\n") ==
        "dir/t.cept:1: test 'a' checks nothing: add 'expect ...' lines (or 'expect nothing')" "\n");
  CHECK(Errors("at 5s A\ntest a\n  expect nothing\n") ==
        "dir/t.cept:1:1: 'at' must be inside a test: start one with 'test NAME'" "\n");
  CHECK(Errors("test a\n  expect nothing\n  order any\n") ==
        "dir/t.cept:3:3: 'order' must come before the test's first step" "\n");
  CHECK(Errors("test a\n  expect nothing\ntest a\n  expect nothing\n") ==
        "dir/t.cept:3:6: a test named 'a' is already on line 1" "\n");
  CHECK(Errors("test a\n  expects nothing\n").rfind("dir/t.cept:2:3: unknown statement 'expects'", 0) == 0);
  CHECK(Errors("") ==
        "dir/t.cept: no tests: start one with 'test NAME'" "\n");
  CHECK(Errors("start yesterday\ntest a\n expect nothing\n") ==
        "dir/t.cept:1:7: 'start' needs an RFC 3339 time such as 2024-06-01T09:00:00Z" "\n");
}

// ------------------------------------------------------------- running

// A temporary directory with rule and test files.
class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("cep_ruletest_" + std::to_string(reinterpret_cast<uintptr_t>(this)) + "_" +
             std::to_string(counter_++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(path_ / name, std::ios::binary) << text;
    return (path_ / name).string();
  }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

constexpr char kRules[] = R"(
event Login { user: string, ip: string, success: bool, at: timestamp?, took: duration? }
event Order { id: string, amount: float }
event Payment { order_id: string }

rule Brute {
  pattern f: Login[!success]{3,} -> ok: Login[success]
  partition by user
  within 10m
  emit Alert { user = ok.user, attempts = count(f), first = first(f).time,
               avg_took = avg(f.took), ratio = to_float(count(f)) / 3.0 }
}

rule Unpaid {
  pattern o: Order -> !Payment[order_id == o.id] within 15m
  emit Late { order = o.id, amount = o.amount }
}
)";

FileResult Run(const std::string& tests, Coverage* coverage = nullptr,
               const std::string& filter = "") {
  TempDir dir;
  dir.Write("r.cep", kRules);
  RunOptions o;
  o.coverage = coverage;
  o.filter = filter;
  return RunTestFile(dir.Write("r.cept", tests), o);
}

CaseResult Only(const FileResult& r) {
  REQUIRE_MESSAGE(r.error.empty(), r.error);
  REQUIRE(r.cases.size() == 1);
  return r.cases[0];
}

constexpr char kThreeFails[] = R"(
  at 0s  Login {"user": "bob", "ip": "a", "success": false, "took": "1s"}
  at 10s Login {"user": "bob", "ip": "b", "success": false, "took": "2s"}
  at 20s Login {"user": "bob", "ip": "c", "success": false, "took": "3s"}
  at 45s Login {"user": "bob", "ip": "a", "success": true}
)";

TEST_CASE("ruletest: a passing test; fields compared by their type") {
  CaseResult c = Only(Run(std::string("start 2024-06-01T09:00:00Z\ntest t\n") + kThreeFails +
                                 R"(  expect Alert at 45s {"user": "bob", "attempts": 3.0,
     "first": "2024-06-01T11:00:00+02:00", "avg_took": "2s", "ratio": 1.0000000000001,
     "rule": "Brute", "events": {"ok": [4]}, "timeout": false}
)"));
  CHECK_MESSAGE(c.outcome == CaseResult::Outcome::kPass, c.details);
}

TEST_CASE("ruletest: a wrong field: expected vs got, the rule, the first difference") {
  CaseResult c = Only(Run(std::string("test wrong count\n") + kThreeFails +
                                 "  expect Alert {\"user\": \"bob\", \"attempts\": 4}\n"));
  CHECK(c.outcome == CaseResult::Outcome::kFail);
  INFO(c.details);
  CHECK(c.message.find("r.cept:7: expected Alert: field 'attempts': expected 4, got 3") !=
        std::string::npos);
  CHECK(c.details.find("  expected (line 7): Alert {\"user\":\"bob\",\"attempts\":4}\n") != std::string::npos);
  CHECK(c.details.find("  got:                {\"type\":\"Alert\",\"time\":\"1970-01-01T00:00:45Z\",\"rule\":\"Brute\"") != std::string::npos);
  CHECK(c.details.find("  first difference:   field 'attempts': expected 4, got 3 (rule Brute)") != std::string::npos);
}

TEST_CASE("ruletest: exactly, missing, unexpected and expect nothing") {
  CHECK(Only(Run(std::string("test t\n") + kThreeFails + "  expect exactly Alert {\"user\": \"bob\"}\n"))
            .details.find("first difference:   field 'attempts' is not in the (exactly) expected event; got 3") !=
        std::string::npos);
  CaseResult none = Only(Run(std::string("test t\n") + kThreeFails + "  expect nothing\n"));
  INFO(none.details);
  CHECK(none.outcome == CaseResult::Outcome::kFail);
  CHECK(none.details.find("unexpected:         {\"type\":\"Alert\"") != std::string::npos);
  CaseResult missing =
      Only(Run("test t\n  at 0s Login {\"user\": \"bob\", \"ip\": \"a\", \"success\": true}\n"
               "  expect Alert {\"user\": \"bob\"}\n"));
  CHECK(missing.outcome == CaseResult::Outcome::kFail);
  CHECK(missing.details.find("got:                nothing matching was derived by the end of input") !=
        std::string::npos);
}

TEST_CASE("ruletest: checkpoints, advance and the end of input") {
  // The absence fires at 15m: not yet at 14m, by 16m.
  CaseResult ok = Only(Run(R"(test t
  at 0s Order {"id": "o1", "amount": 1.5}
  advance 14m
  expect nothing
  advance 16m
  expect Late at 15m {"order": "o1"}
  at 17m Order {"id": "o2", "amount": 2.5}
  at 18m Payment {"order_id": "o2"}
  expect nothing
)"));
  CHECK_MESSAGE(ok.outcome == CaseResult::Outcome::kPass, ok.details);
  // Derived after the last expectations: reported.
  CaseResult late = Only(Run(R"(test t
  at 0s Order {"id": "o1", "amount": 1.5}
  expect nothing
  at 1m Login {"user": "x", "ip": "y", "success": true}
)"));
  CHECK(late.outcome == CaseResult::Outcome::kFail);
  CHECK(late.message.find("unexpected Late from rule Unpaid after the last expectations") != std::string::npos);
  // Nothing may follow `end`; time may not go back.
  CHECK(Only(Run("test t\n  end\n  at 1s Order {\"id\": \"a\", \"amount\": 1}\n  expect nothing\n"))
            .outcome == CaseResult::Outcome::kError);
  CHECK(Only(Run("test t\n  at 5s Order {\"id\": \"a\", \"amount\": 1}\n  advance 1s\n  expect nothing\n"))
            .message.find("'advance' goes back in time") != std::string::npos);
}

TEST_CASE("ruletest: order any, and the closest candidate when none matches") {
  std::string t = R"(order any
test t
  at 0s Order {"id": "o1", "amount": 1.5}
  at 1s Order {"id": "o2", "amount": 2.5}
  expect Late {"order": "o2"}
  expect Late {"order": "o1"}
)";
  CHECK(Only(Run(t)).outcome == CaseResult::Outcome::kPass);
  t.replace(t.find("\"o1\"}\n", t.find("expect")), 4, "\"o9\"");
  CaseResult c = Only(Run(t));
  CHECK(c.outcome == CaseResult::Outcome::kFail);
  CHECK(c.details.find("closest:            {\"type\":\"Late\",\"time\":\"1970-01-01T00:15:00Z\",\"rule\":\"Unpaid\",\"order\":\"o1\"") != std::string::npos);
  CHECK(c.details.find("first difference:   field 'order': expected \"o9\", got \"o1\" (rule Unpaid)") != std::string::npos);
  // In strict order the same expectations fail.
  CHECK(Only(Run(t.substr(t.find("test")))).outcome == CaseResult::Outcome::kFail);
}

TEST_CASE("ruletest: max-delay reorders, late events are errors, events files") {
  std::string reordered = R"(max-delay 30s
test t
  at 20s Login {"user": "bob", "ip": "c", "success": false}
  at 0s  Login {"user": "bob", "ip": "a", "success": false}
  at 10s Login {"user": "bob", "ip": "b", "success": false}
  at 45s Login {"user": "bob", "ip": "a", "success": true}
  expect Alert {"events": {"f": [1, 2, 3], "ok": [4]}}
)";
  CHECK(Only(Run(reordered)).outcome == CaseResult::Outcome::kPass);
  CaseResult late = Only(Run(reordered.substr(reordered.find("test"))));
  INFO(late.message);
  CHECK(late.outcome == CaseResult::Outcome::kError);
  CHECK(late.message.find("r.cept:3: the event at 1970-01-01T00:00:00Z is late") != std::string::npos);

  TempDir dir;
  dir.Write("r.cep", kRules);
  dir.Write("in.jsonl",
            "{\"type\":\"Order\",\"time\":\"2024-01-01T00:00:00Z\",\"id\":\"o1\",\"amount\":3}\n"
            "{\"type\":\"Order\",\"time\":\"2024-01-01T00:01:00Z\",\"id\":\"o2\",\"amount\":\"x\"}\n");
  FileResult r = RunTestFile(dir.Write("r.cept", "test t\n  events in.jsonl\n  expect nothing\n"), {});
  REQUIRE(r.cases.size() == 1);
  CHECK(r.cases[0].outcome == CaseResult::Outcome::kError);
  CHECK(r.cases[0].message.find("in.jsonl:2: field 'amount': expected float, got string") != std::string::npos);
}

TEST_CASE("ruletest: mistakes in tests are errors, named where they are") {
  CHECK(Only(Run("test t\n  at 0s Logn {}\n  expect nothing\n")).message.find(
            "r.cept:2: no input event type 'Logn' in the rules; did you mean 'Login'?") != std::string::npos);
  CHECK(Only(Run("test t\n  at 0s Alert {}\n  expect nothing\n")).message.find(
            "(it is derived: rules emit it)") != std::string::npos);
  CHECK(Only(Run("test t\n  at 0s Order {\"id\": \"a\", \"amount\": 1}\n  expect Late {\"ordr\": \"a\"}\n"))
            .message.find("r.cept:3: 'Late' has no field 'ordr'; did you mean 'order'?") != std::string::npos);
  CHECK(Only(Run("test t\n  at 0s Login {\"user\": \"a\", \"success\": true}\n  expect nothing\n"))
            .message.find("r.cept:2: missing required field 'ip'") != std::string::npos);
  FileResult bad = Run("test t\n  expect nothing\n  expect Alert\n");
  CHECK(Only(bad).message.find("'expect nothing' cannot share a checkpoint") != std::string::npos);
  TempDir dir;
  dir.Write("r.cep", "rule Broken { pattern a: Nope emit X {} }\n");
  FileResult r = RunTestFile(dir.Write("r.cept", "test t\n  expect nothing\n"), {});
  CHECK(r.error.find("the rules do not compile") != std::string::npos);
  CHECK(r.error.find("unknown event type 'Nope'") != std::string::npos);
}

TEST_CASE("ruletest: --filter runs the tests whose name contains the text") {
  FileResult r = Run("test first one\n  expect nothing\ntest second\n  expect nothing\n", nullptr, "sec");
  REQUIRE(r.cases.size() == 1);
  CHECK(r.cases[0].name == "second");
}

// ------------------------------------------------------------- coverage

TEST_CASE("ruletest: coverage counts transitions through the matcher's hook") {
  Coverage cov;
  FileResult r = Run(std::string("test t\n") + kThreeFails + "  expect Alert\n", &cov);
  REQUIRE(r.cases.size() == 1);
  std::string report = cov.Report();
  CHECK(report.find("coverage: 1/2 rules reached, 4/5 states entered, 5/8 transitions taken (62%)") !=
        std::string::npos);
  CHECK(report.find(": rule Brute: 4/4 states, 5/6 transitions\n") != std::string::npos);
  CHECK(report.find("    never taken: state 2 (take f: Login pred#0) -> 2 relaxed\n") != std::string::npos);
  CHECK(report.find(": rule Unpaid: never reached (0/1 states, 0/2 transitions)") != std::string::npos);
  // Test files that load the same rule file add up.
  TempDir dir;
  dir.Write("r.cep", kRules);
  Coverage both;
  RunOptions o;
  o.coverage = &both;
  RunTestFile(dir.Write("a.cept", std::string("rules r.cep\ntest t\n") + kThreeFails + "  expect Alert\n"), o);
  RunTestFile(dir.Write("b.cept", "rules r.cep\ntest t\n  at 0s Order {\"id\": \"o\", \"amount\": 1}\n  expect Late\n"), o);
  CHECK(both.rules().size() == 2);
  CHECK(both.Report().find("coverage: 2/2 rules reached, 5/5 states entered, 7/8 transitions taken (87%)") !=
        std::string::npos);
}

TEST_CASE("ruletest: windowed rules count as reached when they derive; one path per file") {
  TempDir dir;
  dir.Write("w.cep",
            "event Req { service: string, ok: bool }\n"
            "rule Errors { from Req[!ok] window tumbling 1m group by service emit ErrorsPerMinute { n = count() } }\n"
            "rule Never { from Req[ok and !ok] emit Impossible {} }\n");
  // The same rule file reached directly and through an import spelled "./w.cep".
  dir.Write("via.cep", "import \"./w.cep\"\n");
  Coverage cov;
  RunOptions o;
  o.coverage = &cov;
  FileResult a = RunTestFile(dir.Write("a.cept", "rules w.cep\ntest t\n"
                                                 "  at 0s Req {\"service\": \"api\", \"ok\": false}\n"
                                                 "  at 5s Req {\"service\": \"api\", \"ok\": false}\n"
                                                 "  end\n  expect ErrorsPerMinute {\"n\": 2}\n"),
                             o);
  REQUIRE_MESSAGE(a.error.empty(), a.error);
  CHECK(a.passed() == 1);
  FileResult b = RunTestFile(dir.Write("b.cept", "rules via.cep\ntest t\n"
                                                 "  at 0s Req {\"service\": \"db\", \"ok\": false}\n"
                                                 "  end\n  expect ErrorsPerMinute {\"n\": 1}\n"),
                             o);
  REQUIRE_MESSAGE(b.error.empty(), b.error);
  CHECK(b.passed() == 1);
  CHECK(cov.rules().size() == 2);  // Errors and Never, each once
  const std::string report = cov.Report();
  CHECK(report.find("coverage: 1/2 rules reached") == 0);
  CHECK(report.find(": rule Errors: windowed, 2 derived events\n") != std::string::npos);
  CHECK(report.find(": rule Never: never reached (windowed: no derived event)\n") != std::string::npos);
}

TEST_CASE("ruletest: an engine's matchers count their transitions only when given a recorder") {
  SourceManager sources;
  DiagnosticEngine diags;
  auto r = driver::CompileText(
      "t.cep", "event A { x: int }\nrule R { pattern a: A -> b: A within 1m emit O {} }\n", sources,
      diags);
  REQUIRE(r->compiled_ok);
  const nfa::RuleProg& prog = r->nfa.rules[0];
  auto run = [&](rt::EdgeCoverage* coverage) {
    rt::Engine engine(r->checked, r->nfa);
    engine.SetEdgeCoverage(coverage);
    int derived = 0;
    engine.SetOutput([&](const rt::DerivedEvent&) { ++derived; });
    const check::EventTypeInfo* a = r->checked.schema.Find("A");
    for (int i = 1; i <= 5; ++i) {
      rt::EventBuilder b;
      b.Start(a->id, static_cast<uint16_t>(a->fields.size()));
      b.SetTime(i * rt::kSec);
      b.Set(1, rt::Value::Int(i));
      engine.Push(b.Build(engine.store()));
    }
    engine.Finish();
    return derived;
  };
  rt::EdgeCoverage recorder;
  run(nullptr);  // no recorder: the matchers have no counters, and nothing breaks
  CHECK(recorder.Counters(prog) == nullptr);
  int derived = run(&recorder);
  const std::vector<uint64_t>* hits = recorder.Counters(prog);
  REQUIRE(hits != nullptr);
  REQUIRE(hits->size() == prog.edges.size());
  uint64_t accepts = 0, starts = 0;
  for (uint32_t e = 0; e < prog.edges.size(); ++e) {
    if (prog.edges[e].kind == nfa::EdgeKind::kAccept) accepts += (*hits)[e];
    if (e < prog.states[0].edge_count) starts += (*hits)[e];
  }
  CHECK(derived == 2);
  CHECK(accepts == 2);  // one accept per match
  CHECK(starts == 5);   // every A starts a match
  run(&recorder);       // a second engine adds to the same counters
  CHECK((*recorder.Counters(prog))[prog.states[0].edge_begin] == 10);
  run(nullptr);         // and an engine not given it leaves them alone
  CHECK((*recorder.Counters(prog))[prog.states[0].edge_begin] == 10);
}

// ------------------------------------------------------------- JUnit

// A small XML well-formedness check: balanced tags, quoted attributes,
// known entities, no stray '<' or '&'.
bool WellFormedXml(const std::string& x, std::string* why) {
  std::vector<std::string> open;
  size_t i = 0;
  auto entity_ok = [&](size_t at) {
    for (const char* e : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"}) {
      if (x.compare(at, std::strlen(e), e) == 0) return true;
    }
    return false;
  };
  if (x.rfind("<?xml", 0) == 0) i = x.find("?>") + 2;
  while (i < x.size()) {
    if (x[i] == '&') {
      if (!entity_ok(i)) return *why = "bad entity at " + std::to_string(i), false;
      ++i;
    } else if (x[i] == '<') {
      size_t end = x.find('>', i);
      if (end == std::string::npos) return *why = "unclosed tag", false;
      std::string tag = x.substr(i + 1, end - i - 1);
      if (tag[0] == '/') {
        if (open.empty() || open.back() != tag.substr(1)) return *why = "mismatched </" + tag, false;
        open.pop_back();
      } else {
        bool self = tag.back() == '/';
        std::string name = tag.substr(0, tag.find_first_of(" /"));
        // Attributes: name="value" with no '<' inside values.
        size_t q = 0;
        for (char c : tag) q += c == '"';
        if (q % 2 != 0) return *why = "unbalanced quotes in <" + name, false;
        if (!self) open.push_back(name);
      }
      i = end + 1;
    } else {
      ++i;
    }
  }
  if (!open.empty()) return *why = "unclosed <" + open.back(), false;
  return true;
}

TEST_CASE("ruletest: JUnit XML is well-formed and counts right") {
  std::vector<FileResult> files;
  files.push_back(Run(std::string("test passes\n") + kThreeFails + "  expect Alert\n" +
                      "test \"fails <&> \\\"quoted\\\"\"\n" + kThreeFails + "  expect nothing\n" +
                      "test errs\n  at 0s Nope {}\n  expect nothing\n"));
  FileResult broken;
  broken.path = "x\x01.cept";
  broken.error = "bad & <file>\n";
  files.push_back(broken);
  std::string xml = JunitXml(files);
  std::string why;
  CHECK_MESSAGE(WellFormedXml(xml, &why), why, "\n", xml);
  CHECK(xml.find("<testsuites name=\"cep test\" tests=\"4\" failures=\"1\" errors=\"2\"") != std::string::npos);
  CHECK(xml.find("<testcase name=\"fails &lt;&amp;&gt; &quot;quoted&quot;\"") != std::string::npos);
  CHECK(xml.find("<failure message=") != std::string::npos);
  CHECK(xml.find("name=\"x\xEF\xBF\xBD.cept\"") != std::string::npos);  // control byte replaced
  CHECK(XmlEscape("a\xff<") == "a\xEF\xBF\xBD&lt;");
}

}  // namespace
}  // namespace cep::ruletest
