// The JSON readers give the same outcome, byte for byte, whichever simdjson
// kernel runs. simdjson picks its stage-1 kernel (structural indexing, UTF-8
// validation, string unescaping) at run time: icelake, haswell or westmere on
// SIMD CPUs, the portable "fallback" on CPUs without SSE4.2/PCLMUL (some
// virtual machines' default CPU models). Each kernel supported by this CPU
// is made the active one in turn, JSON Lines and CloudEvents readers built
// under it, and a corpus of valid lines and one-byte mutations of them
// (invalid UTF-8, NUL, control characters, quotes, brackets, deletions,
// truncations) parsed; every outcome must equal the first kernel's. Then
// SimdStage1Error (json_parser.h), which makes the fallback kernel agree, on
// cases whose expected errors the SIMD kernels confirm. ctest also runs all
// the input tests with SIMDJSON_FORCE_IMPLEMENTATION=fallback
// (io_tests_fallback_kernel).
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include <doctest/doctest.h>

#include "io_test_util.h"
#include "runtime/io/cloudevents_reader.h"
#include "runtime/io/json_parser.h"
#include "runtime/io/json_writer.h"
#include "runtime/io/jsonl_reader.h"

namespace cep::rt::io {
namespace {

using testing::Rules;

constexpr const char* kRules = R"(
event Login { user: string, ip: string?, success: bool }
event Payment { amount: float, count: int, note: string? }
event Unused { n: int }
rule R {
  pattern l: Login -> p: Payment
  within 1h
  emit Alert { user = l.user }
}
)";

const Rules& TestRules() {
  static const Rules* rules = new Rules(kRules);
  return *rules;
}

const std::vector<std::string>& Seeds() {
  static const std::vector<std::string>* seeds = new std::vector<std::string>{
      R"({"type":"Login","time":1,"user":"a\u00e9\"b","ip":null,"success":true})",
      R"({"type":"Payment","time":"2024-01-02T03:04:05Z","amount":-1.5e3,"count":7,"note":"x\ny"})",
      R"({"type":"Unused","time":1,"n":[1,{"a":"é"}]})",
      R"({"type":"Login","ts":2,"user":"ü","success":false,"extra":{"k":[true,null]}})",
      R"(  {"time":3,"type":"Payment","amount":2,"count":18446744073709551615}  )",
      R"({"specversion":"1.0","id":"e1","source":"/s","type":"Login",)"
      R"("time":"2024-01-02T03:04:05Z","data":{"user":"u","success":true}})",
      R"([{"specversion":"1.0","id":"e","source":"/s","type":"Payment",)"
      R"("data":{"time":5,"amount":1,"count":2}},3])",
  };
  return *seeds;
}

// The seeds, then every one-byte replacement by each of `kBytes`, every
// one-byte deletion and every truncation of each seed.
std::vector<std::string> Corpus() {
  static constexpr char kByteList[] = "\xfe\xc3\x80\xed\"\\\0\x01\t{}[],: tn1-.e";
  static constexpr std::string_view kBytes(kByteList, sizeof(kByteList) - 1);
  std::vector<std::string> corpus = Seeds();
  for (const std::string& seed : Seeds()) {
    for (size_t i = 0; i < seed.size(); ++i) {
      for (char b : kBytes) {
        if (seed[i] == b) continue;
        std::string s = seed;
        s[i] = b;
        corpus.push_back(std::move(s));
      }
      corpus.push_back(seed.substr(0, i) + seed.substr(i + 1));
      corpus.push_back(seed.substr(0, i));
    }
    corpus.push_back(seed + "\xff");
    corpus.push_back(seed + " \xc3");
  }
  return corpus;
}

// Every outcome of every line of `corpus`, read as JSON Lines and as
// CloudEvents by readers built while `kernel` is simdjson's active one.
std::vector<std::string> Outcomes(const simdjson::implementation* kernel,
                                  const std::vector<std::string>& corpus) {
  const Rules& rules = TestRules();
  const simdjson::implementation* before = simdjson::get_active_implementation();
  simdjson::get_active_implementation() = kernel;
  JsonLinesOptions jsonl_options;
  jsonl_options.used_types = rules.used_types();
  JsonLinesReader jsonl(rules.schema(), jsonl_options);
  CloudEventsOptions ce_options;
  ce_options.used_types = rules.used_types();
  CloudEventsReader cloudevents(rules.schema(), ce_options);
  simdjson::get_active_implementation() = before;  // the readers keep theirs

  EventBuilder builder;
  EventStore store;
  std::vector<std::string> out;
  const auto describe = [&](const ParseResult& r) {
    switch (r.outcome) {
      case LineOutcome::kEvent: {
        Event* e = builder.Build(store);
        std::string s = "event ";
        AppendEventJson(*e, rules.schema().type(e->type), &s);
        store.Release(e);
        return s;
      }
      case LineOutcome::kBad:
        return "bad " + std::to_string(r.error.line) + " '" + r.error.field +
               "': " + r.error.message;
      default:
        return "skipped " + std::to_string(static_cast<int>(r.outcome)) + " " +
               std::to_string(r.type);
    }
  };
  for (const std::string& line : corpus) {
    out.push_back("jsonl " + describe(jsonl.ParseLine(line, 1, builder)));
    std::string ce = "ce";
    cloudevents.Parse(line, 1, builder, [&](const ParseResult& r) { ce += " | " + describe(r); });
    out.push_back(std::move(ce));
  }
  return out;
}

std::string Escaped(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

TEST_CASE("every simdjson kernel gives the same outcome for every line") {
  std::vector<const simdjson::implementation*> kernels;
  for (const simdjson::implementation* impl : simdjson::get_available_implementations()) {
    if (impl->supported_by_runtime_system()) kernels.push_back(impl);
  }
  REQUIRE(!kernels.empty());
  // The portable kernel runs everywhere, so both kinds are compared on any CPU
  // with a SIMD kernel.
  const bool has_fallback = std::any_of(kernels.begin(), kernels.end(), [](auto* k) {
    return k->name() == "fallback";
  });
  CHECK(has_fallback);

  const std::vector<std::string> corpus = Corpus();
  const std::vector<std::string> reference = Outcomes(kernels[0], corpus);
  REQUIRE(reference.size() == 2 * corpus.size());
  // The corpus does reach events, skips and errors.
  const auto count = [&](std::string_view prefix) {
    return std::count_if(reference.begin(), reference.end(),
                         [&](const std::string& s) { return s.rfind(prefix, 0) == 0; });
  };
  CHECK(count("jsonl event") > 100);
  CHECK(count("jsonl skipped") > 50);
  CHECK(count("jsonl bad 1 '': invalid UTF-8 at column") > 100);
  CHECK(count("jsonl bad 1 '': malformed JSON:") > 100);

  for (size_t k = 1; k < kernels.size(); ++k) {
    const std::vector<std::string> outcomes = Outcomes(kernels[k], corpus);
    REQUIRE(outcomes.size() == reference.size());
    int shown = 0;
    size_t differing = 0;
    for (size_t i = 0; i < outcomes.size(); ++i) {
      if (outcomes[i] == reference[i]) continue;
      ++differing;
      if (shown++ < 10) {
        INFO("line ", Escaped(corpus[i / 2]));
        INFO(kernels[0]->name(), ": ", Escaped(reference[i]));
        INFO(kernels[k]->name(), ": ", Escaped(outcomes[i]));
        CHECK(outcomes[i] == reference[i]);
      }
    }
    INFO(kernels[k]->name(), " vs ", kernels[0]->name());
    CHECK(differing == 0);
  }
}

// The error iterate() (stage 1 only) gives for `text` under `kernel`.
simdjson::error_code Stage1Error(const simdjson::implementation* kernel, std::string_view text) {
  const simdjson::implementation* before = simdjson::get_active_implementation();
  simdjson::get_active_implementation() = kernel;
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(text);
  simdjson::error_code e = parser.iterate(padded).error();
  simdjson::get_active_implementation() = before;
  return e;
}

TEST_CASE("the SIMD kernels' stage-1 checks, as the fallback kernel runs them first") {
  struct Case {
    std::string_view text;
    simdjson::error_code error;
  };
  const Case cases[] = {
      {R"({"a":"x","b":[1,2]})", simdjson::SUCCESS},
      {R"({"a":"x})", simdjson::UNCLOSED_STRING},
      {R"(""{"a":1})", simdjson::SUCCESS},  // balanced quotes: stage 2 judges it
      {R"("{"a":1})", simdjson::UNCLOSED_STRING},
      // \" does not end a string, \\" does; a backslash escapes outside strings too.
      {R"({"a":"x\"})", simdjson::UNCLOSED_STRING},
      {R"({"a":"x\\"})", simdjson::SUCCESS},
      {R"({"a":"x\\\"})", simdjson::UNCLOSED_STRING},
      {R"({"a":1}\")", simdjson::SUCCESS},
      // Control bytes count inside strings only, escaped or not.
      {"{\"a\":\t\"x\"}", simdjson::SUCCESS},
      {"{\"a\":\"x\ty\"}", simdjson::UNESCAPED_CHARS},
      {"{\"a\":\"x\\\ty\"}", simdjson::UNESCAPED_CHARS},
      // Invalid UTF-8 anywhere; an unclosed string or a control byte comes first.
      {"{\"a\":\"\xc3\xa9\"}", simdjson::SUCCESS},
      {"{\"a\":1}\xfe", simdjson::UTF8_ERROR},
      {"{\"a\":\"\xfe}", simdjson::UNCLOSED_STRING},
      {"{\"a\":\"\x01\xfe\"}", simdjson::UNESCAPED_CHARS},
  };
  for (const Case& c : cases) {
    INFO(Escaped(c.text));
    CHECK(SimdStage1Error(c.text) == c.error);
    // The expectations are the SIMD kernels' (those this CPU runs).
    for (const simdjson::implementation* impl : simdjson::get_available_implementations()) {
      if (impl->name() == "fallback" || !impl->supported_by_runtime_system()) continue;
      INFO(impl->name());
      CHECK(Stage1Error(impl, c.text) == c.error);
    }
  }
}

}  // namespace
}  // namespace cep::rt::io
