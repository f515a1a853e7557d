// Tests for compiler/diag/render.h: the text (clang-style), JSON and SARIF
// renderings of collected diagnostics, checked against exact output.
#include "compiler/diag/render.h"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "compiler/diag/diagnostic.h"
#include "compiler/source/source_manager.h"

namespace cep {
namespace {

std::string Render(const SourceManager& sources, const DiagnosticEngine& engine,
                   DiagFormat format = DiagFormat::kText, RenderOptions options = {}) {
  std::ostringstream out;
  RenderDiagnostics(sources, engine, format, options, out);
  return out.str();
}

// The range of the `occurrence`-th (0-based) appearance of `needle`.
SourceRange Find(const SourceManager& sources, FileId file, std::string_view needle,
                 int occurrence = 0) {
  std::string_view text = sources.text(file);
  size_t at = text.find(needle);
  for (int i = 0; i < occurrence && at != std::string_view::npos; ++i) {
    at = text.find(needle, at + 1);
  }
  REQUIRE(at != std::string_view::npos);
  return {file, static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())};
}

SourceRange At(FileId file, uint32_t begin, uint32_t end) { return {file, begin, end}; }

constexpr std::string_view kFraud =
    "event Payment { amount: int }\n"
    "rule r {\n"
    "  pattern p: Payment[amout > 100] -> l: Login\n"
    "}\n";

// The example of the design documents.
void ReportFraud(SourceManager& sources, DiagnosticEngine& engine) {
  FileId f = sources.AddBuffer("rules/fraud.cep", std::string(kFraud));
  engine
      .Report(DiagKind::kUnknownField, Find(sources, f, "amout"),
              "unknown field 'amout' in event type 'Payment'; did you mean 'amount'?")
      .Note(Find(sources, f, "Payment"), "'Payment' declared here");
}

// ---------------------------------------------------------------- text

TEST_CASE("text: error with a note, clang style") {
  SourceManager sources;
  DiagnosticEngine engine;
  ReportFraud(sources, engine);
  CHECK(Render(sources, engine) ==
        "rules/fraud.cep:3:22: error: unknown field 'amout' in event type 'Payment'; did you "
        "mean 'amount'? [unknown-field]\n"
        "    3 |   pattern p: Payment[amout > 100] -> l: Login\n"
        "      |                      ^~~~~\n"
        "rules/fraud.cep:1:7: note: 'Payment' declared here\n"
        "    1 | event Payment { amount: int }\n"
        "      |       ^~~~~~~\n"
        "1 error generated.\n");
}

TEST_CASE("text: nothing to report prints nothing") {
  SourceManager sources;
  DiagnosticEngine engine;
  CHECK(Render(sources, engine) == "");
}

TEST_CASE("text: the gutter widens with the line number") {
  SourceManager sources;
  DiagnosticEngine engine;
  std::string text;
  for (int i = 1; i < 12345; ++i) text += "x\n";
  text += "bad\n";
  FileId f = sources.AddBuffer("big.cep", text);
  engine.Report(DiagKind::kSyntaxError, Find(sources, f, "bad"), "unexpected 'bad'");
  CHECK(Render(sources, engine) ==
        "big.cep:12345:1: error: unexpected 'bad' [syntax-error]\n"
        " 12345 | bad\n"
        "       | ^~~\n"
        "1 error generated.\n");
}

TEST_CASE("text: an empty range gets a caret only") {
  SourceManager sources;
  DiagnosticEngine engine;
  FileId f = sources.AddBuffer("a.cep", "rule r {\n");
  engine.Report(DiagKind::kSyntaxError, At(f, 5, 5), "expected '{'");
  CHECK(Render(sources, engine) ==
        "a.cep:1:6: error: expected '{' [syntax-error]\n"
        "    1 | rule r {\n"
        "      |      ^\n"
        "1 error generated.\n");
}

TEST_CASE("text: a range at the end of the line puts the caret after it") {
  SourceManager sources;
  DiagnosticEngine engine;
  FileId f = sources.AddBuffer("a.cep", "rule r {");
  engine.Report(DiagKind::kSyntaxError, At(f, 8, 8), "expected '}'");
  CHECK(Render(sources, engine) ==
        "a.cep:1:9: error: expected '}' [syntax-error]\n"
        "    1 | rule r {\n"
        "      |         ^\n"
        "1 error generated.\n");
}

TEST_CASE("text: an empty line echoes without trailing blanks") {
  SourceManager sources;
  DiagnosticEngine engine;
  FileId f = sources.AddBuffer("a.cep", "rule r {\n\n");
  engine.Report(DiagKind::kSyntaxError, At(f, 9, 9), "unexpected end of file");
  CHECK(Render(sources, engine) ==
        "a.cep:2:1: error: unexpected end of file [syntax-error]\n"
        "    2 |\n"
        "      | ^\n"
        "1 error generated.\n");
}

TEST_CASE("text: a multi-line range is marked to the end of its first line") {
  SourceManager sources;
  DiagnosticEngine engine;
  FileId f = sources.AddBuffer("a.cep", "rule r {\n  within 5s\n}\n");
  SourceRange range = SourceRange::Join(Find(sources, f, "rule"), Find(sources, f, "within"));
  engine.Report(DiagKind::kMissingClause, range, "rule 'r' has no pattern");
  CHECK(Render(sources, engine) ==
        "a.cep:1:1: error: rule 'r' has no pattern [missing-clause]\n"
        "    1 | rule r {\n"
        "      | ^~~~~~~~\n"
        "1 error generated.\n");
}

TEST_CASE("text: a range over the line terminator is clipped to the line") {
  SourceManager sources;
  DiagnosticEngine engine;
  FileId f = sources.AddBuffer("crlf.cep", "abc\r\nx\r\n");
  engine.Report(DiagKind::kSyntaxError, At(f, 1, 4), "same line, clipped at the \\r");
  engine.Report(DiagKind::kSyntaxError, At(f, 6, 10), "past the end of the file");
  CHECK(Render(sources, engine) ==
        "crlf.cep:1:2: error: same line, clipped at the \\r [syntax-error]\n"
        "    1 | abc\n"
        "      |  ^~\n"
        "crlf.cep:2:2: error: past the end of the file [syntax-error]\n"
        "    2 | x\n"
        "      |  ^\n"
        "2 errors generated.\n");
}

TEST_CASE("text: tabs expand to 8-column stops in both lines") {
  SourceManager sources;
  DiagnosticEngine engine;
  FileId f = sources.AddBuffer("tabs.cep", "\tab\tc = 1\n");
  engine.Report(DiagKind::kUnknownName, Find(sources, f, "c"), "unknown name 'c'");
  engine.Report(DiagKind::kUnknownName, Find(sources, f, "\tc"), "a range over a tab");
  CHECK(Render(sources, engine) ==
        "tabs.cep:1:4: error: a range over a tab [unknown-name]\n"
        "    1 |         ab      c = 1\n"
        "      |           ^~~~~~~\n"
        "tabs.cep:1:5: error: unknown name 'c' [unknown-name]\n"
        "    1 |         ab      c = 1\n"
        "      |                 ^\n"
        "2 errors generated.\n");
}

TEST_CASE("text: control bytes are escaped and the caret stays aligned") {
  SourceManager sources;
  DiagnosticEngine engine;
  FileId f = sources.AddBuffer("ctl.cep",
                               "a\x01"
                               "b\x1b[2J\x7f c\n");
  engine.Report(DiagKind::kInvalidCharacter, At(f, 1, 2), "invalid character");
  engine.Report(DiagKind::kUnknownName, Find(sources, f, "c"), "unknown name 'c'");
  CHECK(Render(sources, engine) ==
        "ctl.cep:1:2: error: invalid character [invalid-character]\n"
        "    1 | a<01>b<1B>[2J<7F> c\n"
        "      |  ^~~~\n"
        "ctl.cep:1:10: error: unknown name 'c' [unknown-name]\n"
        "    1 | a<01>b<1B>[2J<7F> c\n"
        "      |                   ^\n"
        "2 errors generated.\n");
}

TEST_CASE("text: invalid UTF-8 is escaped byte by byte") {
  SourceManager sources;
  DiagnosticEngine engine;
  FileId f = sources.AddBuffer("bin.cep", "x = \xff\xfe\xc3;\n");
  engine.Report(DiagKind::kInvalidEncoding, At(f, 4, 6), "invalid UTF-8");
  engine.Report(DiagKind::kSyntaxError, Find(sources, f, ";"), "unexpected ';'");
  CHECK(Render(sources, engine) ==
        "bin.cep:1:5: error: invalid UTF-8 [invalid-encoding]\n"
        "    1 | x = <FF><FE><C3>;\n"
        "      |     ^~~~~~~~\n"
        "bin.cep:1:8: error: unexpected ';' [syntax-error]\n"
        "    1 | x = <FF><FE><C3>;\n"
        "      |                 ^\n"
        "2 errors generated.\n");
}

TEST_CASE("text: valid UTF-8 is kept; columns in the header count bytes") {
  SourceManager sources;
  DiagnosticEngine engine;
  FileId f = sources.AddBuffer("u.cep", "\xc3\xa9 = 1 \xe5\x90\x8d 2\n");  // é = 1 名 2
  engine.Report(DiagKind::kTypeMismatch, Find(sources, f, "1"), "one");
  engine.Report(DiagKind::kTypeMismatch, Find(sources, f, "2"), "two, after a wide character");
  CHECK(Render(sources, engine) ==
        "u.cep:1:6: error: one [type-mismatch]\n"
        "    1 | \xc3\xa9 = 1 \xe5\x90\x8d 2\n"
        "      |     ^\n"
        "u.cep:1:12: error: two, after a wide character [type-mismatch]\n"
        "    1 | \xc3\xa9 = 1 \xe5\x90\x8d 2\n"
        "      |          ^\n"
        "2 errors generated.\n");
}

TEST_CASE("text: bidirectional and invisible code points are escaped") {
  SourceManager sources;
  DiagnosticEngine engine;
  // a U+202E b U+200B c
  FileId f = sources.AddBuffer("bidi.cep",
                               "a\xe2\x80\xae"
                               "b\xe2\x80\x8b"
                               "c\n");
  engine.Report(DiagKind::kUnknownName, Find(sources, f, "c"), "unknown name");
  CHECK(Render(sources, engine) ==
        "bidi.cep:1:9: error: unknown name [unknown-name]\n"
        "    1 | a<U+202E>b<U+200B>c\n"
        "      |                   ^\n"
        "1 error generated.\n");
}

TEST_CASE("text: messages and paths are escaped too") {
  SourceManager sources;
  DiagnosticEngine engine;
  FileId f = sources.AddBuffer("od\x1b[31md.cep", "x\n");
  engine.Report(DiagKind::kInvalidCharacter, At(f, 0, 1), "bad '\x1b[2J'\tand \xff");
  CHECK(Render(sources, engine) ==
        "od<1B>[31md.cep:1:1: error: bad '<1B>[2J'<09>and <FF> [invalid-character]\n"
        "    1 | x\n"
        "      | ^\n"
        "1 error generated.\n");
}

TEST_CASE("text: long lines show a window around the caret") {
  const std::string gutter = "      | ";
  SUBCASE("caret near the end") {
    SourceManager sources;
    DiagnosticEngine engine;
    FileId f =
        sources.AddBuffer("l.cep", std::string(250, 'a') + "X" + std::string(49, 'a') + "\n");
    engine.Report(DiagKind::kUnknownName, At(f, 250, 251), "x");
    CHECK(Render(sources, engine) ==
          "l.cep:1:251: error: x [unknown-name]\n"
          "    1 | ..." +
              std::string(70, 'a') + "X" + std::string(49, 'a') + "\n" + gutter +
              std::string(73, ' ') + "^\n" + "1 error generated.\n");
  }
  SUBCASE("caret near the start") {
    SourceManager sources;
    DiagnosticEngine engine;
    FileId f =
        sources.AddBuffer("l.cep", std::string(10, 'a') + "X" + std::string(289, 'a') + "\n");
    engine.Report(DiagKind::kUnknownName, At(f, 10, 11), "x");
    CHECK(Render(sources, engine) ==
          "l.cep:1:11: error: x [unknown-name]\n"
          "    1 | " +
              std::string(10, 'a') + "X" + std::string(109, 'a') + "...\n" + gutter +
              std::string(10, ' ') + "^\n" + "1 error generated.\n");
  }
  SUBCASE("caret in the middle, range cut at the window") {
    SourceManager sources;
    DiagnosticEngine engine;
    FileId f =
        sources.AddBuffer("l.cep", std::string(150, 'a') + "X" + std::string(249, 'a') + "\n");
    engine.Report(DiagKind::kUnknownName, At(f, 150, 350), "x");
    CHECK(Render(sources, engine) ==
          "l.cep:1:151: error: x [unknown-name]\n"
          "    1 | ..." +
              std::string(40, 'a') + "X" + std::string(79, 'a') + "...\n" + gutter +
              std::string(43, ' ') + "^" + std::string(79, '~') + "\n" + "1 error generated.\n");
  }
  SUBCASE("a line of exactly 200 columns is shown whole") {
    SourceManager sources;
    DiagnosticEngine engine;
    FileId f = sources.AddBuffer("l.cep", std::string(199, 'a') + "X\n");
    engine.Report(DiagKind::kUnknownName, At(f, 199, 200), "x");
    CHECK(Render(sources, engine) ==
          "l.cep:1:200: error: x [unknown-name]\n"
          "    1 | " +
              std::string(199, 'a') + "X\n" + gutter + std::string(199, ' ') + "^\n" +
              "1 error generated.\n");
  }
  SUBCASE("a huge line is only scanned near the caret") {
    SourceManager sources;
    DiagnosticEngine engine;
    FileId f =
        sources.AddBuffer("l.cep", std::string(5000, 'a') + "X" + std::string(4999, 'a') + "\n");
    engine.Report(DiagKind::kUnknownName, At(f, 5000, 5001), "x");
    CHECK(Render(sources, engine) ==
          "l.cep:1:5001: error: x [unknown-name]\n"
          "    1 | ..." +
              std::string(40, 'a') + "X" + std::string(79, 'a') + "...\n" + gutter +
              std::string(43, ' ') + "^\n" + "1 error generated.\n");
  }
  SUBCASE("the window does not split an escape") {
    SourceManager sources;
    DiagnosticEngine engine;
    // Columns 0-99 'a', 100-103 "<01>", 104.. 'a'; caret at column 142
    // puts the window start at 102, inside the escape: it starts after it.
    FileId f = sources.AddBuffer("l.cep", std::string(100, 'a') + "\x01" + std::string(38, 'a') +
                                              "X" + std::string(200, 'a') + "\n");
    engine.Report(DiagKind::kUnknownName, At(f, 139, 140), "x");
    CHECK(Render(sources, engine) ==
          "l.cep:1:140: error: x [unknown-name]\n"
          "    1 | ..." +
              std::string(38, 'a') + "X" + std::string(79, 'a') + "...\n" + gutter +
              std::string(41, ' ') + "^\n" + "1 error generated.\n");
  }
}

TEST_CASE("text: an invalid range prints no excerpt") {
  SourceManager sources;
  DiagnosticEngine engine;
  sources.AddBuffer("a.cep", "x\n");
  engine.Report(DiagKind::kImportNotFound, SourceRange{}, "cannot read 'lib.cep'")
      .Note(SourceRange{}, "imported from here");
  engine.Report(DiagKind::kImportNotFound, At(7, 0, 1), "a file id nobody registered");
  CHECK(Render(sources, engine) ==
        "cep: error: a file id nobody registered [import-not-found]\n"
        "cep: error: cannot read 'lib.cep' [import-not-found]\n"
        "cep: note: imported from here\n"
        "2 errors generated.\n");
}

TEST_CASE("text: diagnostics come out sorted, notes after their diagnostic") {
  SourceManager sources;
  DiagnosticEngine engine;
  FileId f = sources.AddBuffer("s.cep", "one\ntwo\n");
  engine.Report(DiagKind::kUnknownAnnotation, Find(sources, f, "two"), "second line");
  engine.Report(DiagKind::kUnknownAnnotation, Find(sources, f, "one"), "a warning")
      .Note(Find(sources, f, "two"), "first note")
      .Note(Find(sources, f, "one"), "second note");
  engine.Report(DiagKind::kUnknownName, Find(sources, f, "one"), "an error, same place");
  CHECK(Render(sources, engine) ==
        "s.cep:1:1: error: an error, same place [unknown-name]\n"
        "    1 | one\n"
        "      | ^~~\n"
        "s.cep:1:1: warning: a warning [unknown-annotation]\n"
        "    1 | one\n"
        "      | ^~~\n"
        "s.cep:2:1: note: first note\n"
        "    2 | two\n"
        "      | ^~~\n"
        "s.cep:1:1: note: second note\n"
        "    1 | one\n"
        "      | ^~~\n"
        "s.cep:2:1: warning: second line [unknown-annotation]\n"
        "    2 | two\n"
        "      | ^~~\n"
        "1 error and 2 warnings generated.\n");
}

TEST_CASE("text: the summary names only the non-zero counts") {
  auto summary = [](int errors, int warnings) {
    SourceManager sources;
    DiagnosticEngine engine;
    for (int i = 0; i < errors; ++i) {
      engine.Report(DiagKind::kSyntaxError, SourceRange{}, "e");
    }
    for (int i = 0; i < warnings; ++i) {
      engine.Report(DiagKind::kUnknownAnnotation, SourceRange{}, "w");
    }
    std::string out = Render(sources, engine);
    size_t last = out.rfind('\n', out.size() - 2);
    return last == std::string::npos ? out : out.substr(last + 1);
  };
  CHECK(summary(1, 0) == "1 error generated.\n");
  CHECK(summary(2, 0) == "2 errors generated.\n");
  CHECK(summary(0, 1) == "1 warning generated.\n");
  CHECK(summary(0, 3) == "3 warnings generated.\n");
  CHECK(summary(1, 1) == "1 error and 1 warning generated.\n");
  CHECK(summary(2, 1) == "2 errors and 1 warning generated.\n");
  CHECK(summary(1, 2) == "1 error and 2 warnings generated.\n");
}

TEST_CASE("text: a lone note has no summary line") {
  SourceManager sources;
  DiagnosticEngine engine;
  engine.Report(DiagKind::kDeclaredHere, SourceRange{}, "just a note");
  CHECK(Render(sources, engine) == "cep: note: just a note [declared-here]\n");
}

TEST_CASE("text: errors past the limit are counted, not shown") {
  SourceManager sources;
  DiagnosticEngine engine(2);
  for (int i = 0; i < 5; ++i) {
    engine.Report(DiagKind::kSyntaxError, SourceRange{}, "error " + std::to_string(i));
  }
  engine.Report(DiagKind::kUnknownAnnotation, SourceRange{}, "a warning");
  CHECK(engine.dropped_count() == 3);
  CHECK(Render(sources, engine) ==
        "cep: error: error 0 [syntax-error]\n"
        "cep: error: error 1 [syntax-error]\n"
        "cep: warning: a warning [unknown-annotation]\n"
        "cep: too many errors emitted (3 more not shown); stopping now\n"
        "5 errors and 1 warning generated.\n");
}

TEST_CASE("text: colours like clang when asked") {
  SourceManager sources;
  DiagnosticEngine engine;
  FileId f = sources.AddBuffer("c.cep", "abc\n");
  engine.Report(DiagKind::kUnknownName, Find(sources, f, "abc"), "unknown name 'abc'")
      .Note(Find(sources, f, "b"), "here");
  engine.Report(DiagKind::kUnknownAnnotation, SourceRange{}, "unused");
  RenderOptions color;
  color.color = true;
  CHECK(Render(sources, engine, DiagFormat::kText, color) ==
        "\x1b[1mc.cep:1:1: \x1b[0m\x1b[1;31merror: \x1b[0m"
        "\x1b[1munknown name 'abc' [unknown-name]\x1b[0m\n"
        "    1 | abc\n"
        "      | \x1b[1;32m^~~\x1b[0m\n"
        "\x1b[1mc.cep:1:2: \x1b[0m\x1b[1;36mnote: \x1b[0mhere\n"
        "    1 | abc\n"
        "      |  \x1b[1;32m^\x1b[0m\n"
        "\x1b[1mcep: \x1b[0m\x1b[1;35mwarning: \x1b[0m\x1b[1munused [unknown-annotation]\x1b[0m\n"
        "1 error and 1 warning generated.\n");
  // And never without.
  CHECK(Render(sources, engine).find('\x1b') == std::string::npos);
}

// ---------------------------------------------------------------- JSON

TEST_CASE("json: the document") {
  SourceManager sources;
  DiagnosticEngine engine;
  ReportFraud(sources, engine);
  CHECK(Render(sources, engine, DiagFormat::kJson) ==
        R"({"diagnostics":[{"kind":"unknown-field","severity":"error",)"
        R"("message":"unknown field 'amout' in event type 'Payment'; did you mean 'amount'?",)"
        R"("file":"rules/fraud.cep","line":3,"column":22,"end_line":3,"end_column":27,)"
        R"("notes":[{"message":"'Payment' declared here","file":"rules/fraud.cep",)"
        R"("line":1,"column":7,"end_line":1,"end_column":14}]}],"errors":1,"warnings":0})"
        "\n");
}

TEST_CASE("json: empty") {
  SourceManager sources;
  DiagnosticEngine engine;
  CHECK(Render(sources, engine, DiagFormat::kJson) ==
        "{\"diagnostics\":[],\"errors\":0,\"warnings\":0}\n");
}

TEST_CASE("json: no place, multi-line and empty ranges, counts") {
  SourceManager sources;
  DiagnosticEngine engine;
  FileId f = sources.AddBuffer("m.cep", "ab\ncd\n");
  engine.Report(DiagKind::kUnknownAnnotation, At(f, 1, 4), "multi-line")
      .Note(SourceRange{}, "nowhere");
  engine.Report(DiagKind::kSyntaxError, At(f, 5, 5), "empty");
  engine.Report(DiagKind::kImportNotFound, SourceRange{}, "no place");
  CHECK(Render(sources, engine, DiagFormat::kJson) ==
        R"({"diagnostics":[)"
        R"({"kind":"unknown-annotation","severity":"warning","message":"multi-line",)"
        R"("file":"m.cep","line":1,"column":2,"end_line":2,"end_column":2,)"
        R"("notes":[{"message":"nowhere"}]},)"
        R"({"kind":"syntax-error","severity":"error","message":"empty",)"
        R"("file":"m.cep","line":2,"column":3,"end_line":2,"end_column":3,"notes":[]},)"
        R"({"kind":"import-not-found","severity":"error","message":"no place","notes":[]}],)"
        R"("errors":2,"warnings":1})"
        "\n");
}

TEST_CASE("json: strings are escaped") {
  SourceManager sources;
  DiagnosticEngine engine;
  FileId f = sources.AddBuffer("dir\\\"q\".cep", "x\n");
  engine.Report(DiagKind::kSyntaxError, At(f, 0, 1),
                "q\"b\\s/\nn\tt\r\x01"
                "x\x7f\xff\xc3\xa9 \xe2\x80\xa8!");
  const std::string out = Render(sources, engine, DiagFormat::kJson);
  CHECK(out.find(R"("file":"dir\\\"q\".cep")") != std::string::npos);
  CHECK(out.find("\"message\":\"q\\\"b\\\\s/\\nn\\tt\\r\\u0001x\\u007f\xef\xbf\xbd\xc3\xa9 "
                 "\\u2028!\"") != std::string::npos);
}

// ---------------------------------------------------------------- SARIF

TEST_CASE("sarif: the document") {
  SourceManager sources;
  DiagnosticEngine engine;
  ReportFraud(sources, engine);
  RenderOptions options;
  options.tool_version = "1.2.3";
  CHECK(Render(sources, engine, DiagFormat::kSarif, options) ==
        R"({"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0",)"
        R"("runs":[{"tool":{"driver":{"name":"cep","version":"1.2.3","rules":[)"
        R"({"id":"unknown-field",)"
        R"("shortDescription":{"text":"a field that the event type does not declare"},)"
        R"("defaultConfiguration":{"level":"error"}}]}},)"
        R"("columnKind":"utf16CodeUnits","results":[)"
        R"({"ruleId":"unknown-field","ruleIndex":0,"level":"error",)"
        R"("message":{"text":"unknown field 'amout' in event type 'Payment'; )"
        R"(did you mean 'amount'?"},)"
        R"("locations":[{"physicalLocation":{)"
        R"("artifactLocation":{"uri":"rules/fraud.cep","uriBaseId":"%SRCROOT%"},)"
        R"("region":{"startLine":3,"startColumn":22,"endLine":3,"endColumn":27}}}],)"
        R"("relatedLocations":[{"id":0,"message":{"text":"'Payment' declared here"},)"
        R"("physicalLocation":{)"
        R"("artifactLocation":{"uri":"rules/fraud.cep","uriBaseId":"%SRCROOT%"},)"
        R"("region":{"startLine":1,"startColumn":7,"endLine":1,"endColumn":14}}}]}]}]})"
        "\n");
}

TEST_CASE("sarif: empty run") {
  SourceManager sources;
  DiagnosticEngine engine;
  CHECK(Render(sources, engine, DiagFormat::kSarif) ==
        R"({"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0",)"
        R"("runs":[{"tool":{"driver":{"name":"cep","version":"0.0.0","rules":[]}},)"
        R"("columnKind":"utf16CodeUnits","results":[]}]})"
        "\n");
}

TEST_CASE("sarif: one rule per kind that occurs, in registry order") {
  SourceManager sources;
  DiagnosticEngine engine;
  FileId f = sources.AddBuffer("r.cep", "a b c\n");
  engine.Report(DiagKind::kUnknownAnnotation, Find(sources, f, "a"), "w");
  engine.Report(DiagKind::kUnknownType, Find(sources, f, "b"), "e1");
  engine.Report(DiagKind::kUnknownType, Severity::kWarning, Find(sources, f, "c"), "e2");
  const std::string out = Render(sources, engine, DiagFormat::kSarif);
  CHECK(out.find(R"("rules":[{"id":"unknown-type",)") != std::string::npos);
  CHECK(out.find(R"("defaultConfiguration":{"level":"error"}},{"id":"unknown-annotation",)") !=
        std::string::npos);
  CHECK(out.find(R"("defaultConfiguration":{"level":"warning"}}]}})") != std::string::npos);
  CHECK(out.find(R"({"ruleId":"unknown-annotation","ruleIndex":1,"level":"warning",)"
                 R"("message":{"text":"w"})") != std::string::npos);
  CHECK(out.find(R"({"ruleId":"unknown-type","ruleIndex":0,"level":"error",)"
                 R"("message":{"text":"e1"})") != std::string::npos);
  // A severity given at report time wins over the kind's default.
  CHECK(out.find(R"({"ruleId":"unknown-type","ruleIndex":0,"level":"warning",)"
                 R"("message":{"text":"e2"})") != std::string::npos);
  // Results keep the sorted order.
  CHECK(out.find(R"("text":"w")") < out.find(R"("text":"e1")"));
  CHECK(out.find(R"("text":"e1")") < out.find(R"("text":"e2")"));
}

TEST_CASE("sarif: a result without a place has no locations") {
  SourceManager sources;
  DiagnosticEngine engine;
  engine.Report(DiagKind::kImportNotFound, SourceRange{}, "cannot read 'x.cep'")
      .Note(SourceRange{}, "imported here");
  const std::string out = Render(sources, engine, DiagFormat::kSarif);
  CHECK(out.find(R"({"ruleId":"import-not-found","ruleIndex":0,"level":"error",)"
                 R"("message":{"text":"cannot read 'x.cep'"},)"
                 R"("relatedLocations":[{"id":0,"message":{"text":"imported here"}}]})") !=
        std::string::npos);
  CHECK(out.find("locations\":[") == std::string::npos);
  CHECK(out.find("physicalLocation") == std::string::npos);
}

TEST_CASE("sarif: artifact URIs") {
  auto uri_of = [](std::string path) {
    SourceManager sources;
    DiagnosticEngine engine;
    FileId f = sources.AddBuffer(std::move(path), "x\n");
    engine.Report(DiagKind::kSyntaxError, At(f, 0, 1), "m");
    const std::string out = Render(sources, engine, DiagFormat::kSarif);
    const std::string key = "\"artifactLocation\":";
    const size_t at = out.find(key) + key.size();
    return out.substr(at, out.find('}', at) + 1 - at);
  };
  CHECK(uri_of("rules/a.cep") == R"({"uri":"rules/a.cep","uriBaseId":"%SRCROOT%"})");
  CHECK(uri_of("./rules/a.cep") == R"({"uri":"rules/a.cep","uriBaseId":"%SRCROOT%"})");
  CHECK(uri_of("rules\\win\\a.cep") == R"({"uri":"rules/win/a.cep","uriBaseId":"%SRCROOT%"})");
  CHECK(uri_of("my rules/a#1.cep") == R"({"uri":"my%20rules/a%231.cep","uriBaseId":"%SRCROOT%"})");
  CHECK(uri_of("/home/u/my rules/a.cep") == R"({"uri":"file:///home/u/my%20rules/a.cep"})");
  CHECK(uri_of("C:\\rules\\a.cep") == R"({"uri":"file:///C:/rules/a.cep"})");
  CHECK(uri_of("r\xc3\xa9gles/a.cep") == R"({"uri":"r%C3%A9gles/a.cep","uriBaseId":"%SRCROOT%"})");
}

TEST_CASE("sarif: columns count UTF-16 code units") {
  SourceManager sources;
  DiagnosticEngine engine;
  // "é𝄞 x": é is 2 bytes / 1 unit, U+1D11E is 4 bytes / 2 units.
  FileId f = sources.AddBuffer("u.cep", "\xc3\xa9\xf0\x9d\x84\x9e x\n");
  engine.Report(DiagKind::kUnknownName, Find(sources, f, "x"), "m");
  CHECK(Render(sources, engine, DiagFormat::kSarif)
            .find(R"("region":{"startLine":1,"startColumn":5,"endLine":1,"endColumn":6})") !=
        std::string::npos);
  // JSON keeps byte columns, like the text header.
  CHECK(Render(sources, engine, DiagFormat::kJson)
            .find(R"("line":1,"column":8,"end_line":1,"end_column":9)") != std::string::npos);
}

}  // namespace
}  // namespace cep
