// Tests of compiler/fmt/ (`cep fmt`): the layout of every construct, line
// breaking at the width, alignment, comment placement, blank lines,
// refusal of files with syntax errors, the unified diff, the trivia
// attachment, and — over every .cep file of the repository and every ```cep
// example of docs/ — idempotence and unchanged meaning (the AST dump, places
// aside) and comments.
#include <doctest/doctest.h>

#include <filesystem>
#include <random>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/ast/ast_dump.h"
#include "compiler/fmt/doc.h"
#include "compiler/fmt/formatter.h"
#include "compiler/fmt/trivia.h"
#include "compiler/fmt/unified_diff.h"
#include "compiler/parse/parser.h"

namespace cep {
namespace {

std::string Fmt(const std::string& text, int width = fmt::kDefaultWidth) {
  fmt::FormatOptions o;
  o.width = width;
  absl::StatusOr<std::string> out = fmt::FormatText(text, o);
  if (!out.ok()) return "ERROR: " + std::string(out.status().message());
  return *out;
}

// Formats, and checks that formatting the result changes nothing.
std::string FmtStable(const std::string& text, int width = fmt::kDefaultWidth) {
  std::string once = Fmt(text, width);
  CHECK(Fmt(once, width) == once);
  return once;
}

// ------------------------------------------------------------- constructs

TEST_CASE("fmt: items, events, constants and annotations") {
  CHECK(FmtStable("import   \"a.cep\"\nimport \"b.cep\"\nevent A{x:int,y:string?,}\n") ==
        "import \"a.cep\"\nimport \"b.cep\"\n\nevent A { x: int, y: string? }\n");
  // Event fields without commas get them; an empty body stays `{}`.
  CHECK(FmtStable("event A { x: int\n y: int }\nevent Empty { }\n") ==
        "event A     { x: int, y: int }\nevent Empty {}\n");
  // Constants and one-line events line up in runs (no blank line between).
  CHECK(FmtStable("const A=1\nconst LONG_NAME = 2\n\nconst C = 3\n") ==
        "const A         = 1\nconst LONG_NAME = 2\n\nconst C = 3\n");
  CHECK(FmtStable("event Login{u:string}\nevent Trade{p:float}\nevent Order{id:string}\n") ==
        "event Login { u: string }\nevent Trade { p: float }\nevent Order { id: string }\n");
  CHECK(FmtStable("event A{x:int}\nevent LongName{x:int}\n") ==
        "event A        { x: int }\nevent LongName { x: int }\n");
  // Annotations: one per line above their item; a blank line around it.
  CHECK(FmtStable("const X = 1\n@doc( \"x\" ) @tags(\"a\",\"b\") const T=true\n") ==
        "const X = 1\n\n@doc(\"x\")\n@tags(\"a\", \"b\")\nconst T = true\n");
  // Literals are written as they are: escapes, durations, floats, names in backticks.
  CHECK(FmtStable("const S=\"tab\\t \\u{1F600}\"\nconst D=-1h30m\nconst F=2.5E-3\n") ==
        "const S = \"tab\\t \\u{1F600}\"\nconst D = -1h30m\nconst F = 2.5E-3\n");
}

TEST_CASE("fmt: a long event declaration breaks one field per line, types aligned") {
  std::string in =
      "event Request { service: string, host: string, path: string, status: int, latency_ms: "
      "float, region: string? }\n";
  CHECK(FmtStable(in) ==
        "event Request {\n"
        "  service:    string,\n"
        "  host:       string,\n"
        "  path:       string,\n"
        "  status:     int,\n"
        "  latency_ms: float,\n"
        "  region:     string?\n"
        "}\n");
}

TEST_CASE("fmt: every clause of pattern and windowed rules") {
  std::string in =
      "rule R{pattern a:A->b:B partition by user,A.ip within 10m after match skip to first b\n"
      "emit Out{u=a.user,n=count(b)} on timeout emit TO{u=a.user} suppress by user,a.ip for 1h}\n"
      "rule W{from A[x>1] as a window sliding 10m every 1m group by a.u,a.v having count(a)>3 "
      "emit X{n=count(a)}}\n"
      "rule W2{from A window session gap 5m emit X{} after match no skip}\n"
      "rule W3{from A window count 10 every 2 emit X{n=1}}\n";
  CHECK(FmtStable(in) ==
        "rule R {\n"
        "  pattern a: A -> b: B\n"
        "  partition by user, A.ip\n"
        "  within 10m\n"
        "  after match skip to first b\n"
        "  emit Out { u = a.user, n = count(b) }\n"
        "  on timeout emit TO { u = a.user }\n"
        "  suppress by user, a.ip for 1h\n"
        "}\n"
        "\n"
        "rule W {\n"
        "  from A[x > 1] as a\n"
        "  window sliding 10m every 1m\n"
        "  group by a.u, a.v\n"
        "  having count(a) > 3\n"
        "  emit X { n = count(a) }\n"
        "}\n"
        "\n"
        "rule W2 {\n"
        "  from A\n"
        "  window session gap 5m\n"
        "  emit X {}\n"
        "  after match no skip\n"
        "}\n"
        "\n"
        "rule W3 {\n"
        "  from A\n"
        "  window count 10 every 2\n"
        "  emit X { n = 1 }\n"
        "}\n");
}

TEST_CASE("fmt: pattern operators, quantifiers, policies, until, negation, groups, all") {
  CHECK(FmtStable("rule R{pattern a:A;b:B->>c:C{2,5}?any->d:D*strict until E[x==1]->e:E+? until "
                  "[y in [\"z\"]]->f:F{3}->g:G{2,}->!H[u==a.u] within 5m emit X{}}\n") ==
        "rule R {\n"
        "  pattern a: A\n"
        "        ; b: B\n"
        "      ->> c: C{2,5}? any\n"
        "       -> d: D* strict until E[x == 1]\n"
        "       -> e: E+? until [y in [\"z\"]]\n"
        "       -> f: F{3}\n"
        "       -> g: G{2,}\n"
        "       -> !H[u == a.u] within 5m\n"
        "  emit X {}\n"
        "}\n");
  CHECK(FmtStable("rule R{pattern x:(a:A->b:B){2}|all(c:C,d:D)->e:E?? emit X{}}\n") ==
        "rule R {\n"
        "  pattern x: (a: A -> b: B){2} | all(c: C, d: D) -> e: E??\n"
        "  emit X {}\n"
        "}\n");
}

TEST_CASE("fmt: a long pattern hangs its arrows left of the steps, variables aligned") {
  std::string in =
      "rule VShape { pattern a: Trade -> down: Trade[price < prev.price]+ -> up: Trade[price > "
      "prev.price]+ -> b: Trade[price >= a.price] within 1h emit V {} }\n";
  CHECK(FmtStable(in) ==
        "rule VShape {\n"
        "  pattern a:    Trade\n"
        "       -> down: Trade[price < prev.price]+\n"
        "       -> up:   Trade[price > prev.price]+\n"
        "       -> b:    Trade[price >= a.price]\n"
        "  within 1h\n"
        "  emit V {}\n"
        "}\n");
  // Alternatives break before `|`, which hangs left too.
  CHECK(FmtStable("rule R { pattern a: Aaaaaaaaaaaaaaa -> b: Bbbbbbbbbbbbbbbbbbbb | c: Ccccccccccccccc "
                  "-> d: Dddddddddddddddddd emit X {} }\n",
                  60) ==
        "rule R {\n"
        "  pattern a: Aaaaaaaaaaaaaaa -> b: Bbbbbbbbbbbbbbbbbbbb\n"
        "        | c: Ccccccccccccccc -> d: Dddddddddddddddddd\n"
        "  emit X {}\n"
        "}\n");
}

TEST_CASE("fmt: expressions: operators, calls, lists and long boolean chains") {
  CHECK(FmtStable("const X = -a.b+f(1,2)*3%4/5-(6)\nconst Y = not a and !b or c is not null and "
                  "d is null\nconst Z = s=~/^x\\//i or s!~\"y\" or s not in [1,2] or s in []\n") ==
        "const X = -a.b + f(1, 2) * 3 % 4 / 5 - (6)\n"
        "const Y = not a and !b or c is not null and d is null\n"
        "const Z = s =~ /^x\\//i or s !~ \"y\" or s not in [1, 2] or s in []\n");
  // Too long: an and/or chain breaks before its operators, in the column of
  // its first operand; lists and arguments break after commas.
  std::string in =
      "rule R { pattern l: Login[success and country in [\"KP\", \"IR\", \"SY\"] and ip not in "
      "[\"10.0.0.1\", \"10.0.0.2\"] and user != \"root\"] emit X {} }\n";
  CHECK(FmtStable(in) ==
        "rule R {\n"
        "  pattern l: Login[success\n"
        "                   and country in [\"KP\", \"IR\", \"SY\"]\n"
        "                   and ip not in [\"10.0.0.1\", \"10.0.0.2\"]\n"
        "                   and user != \"root\"]\n"
        "  emit X {}\n"
        "}\n");
  CHECK(FmtStable("const L = f(aaaaaaaaaaaa, bbbbbbbbbbbbbbbb, cccccccccccccccc)\n", 40) ==
        "const L = f(aaaaaaaaaaaa,\n"
        "            bbbbbbbbbbbbbbbb,\n"
        "            cccccccccccccccc)\n");
}

TEST_CASE("fmt: a long emit body goes one field per line with `=` aligned") {
  std::string in =
      "rule R { pattern f: Login+ -> ok: Login emit SuspiciousLogin { user = ok.user, attempts = "
      "count(f), ips = distinct(f.ip), first_at = first(f).time, } }\n";
  CHECK(FmtStable(in) ==
        "rule R {\n"
        "  pattern f: Login+ -> ok: Login\n"
        "  emit SuspiciousLogin {\n"
        "    user     = ok.user,\n"
        "    attempts = count(f),\n"
        "    ips      = distinct(f.ip),\n"
        "    first_at = first(f).time\n"
        "  }\n"
        "}\n");
  // A blank line between fields is kept and ends an alignment run.
  CHECK(FmtStable("rule R { pattern a: A emit X {\n a = 1,\n bbb = 2,\n\n cc = 3, d = "
                  "f(xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx) } }\n") ==
        "rule R {\n"
        "  pattern a: A\n"
        "  emit X {\n"
        "    a   = 1,\n"
        "    bbb = 2,\n"
        "\n"
        "    cc = 3,\n"
        "    d  = f(xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx)\n"
        "  }\n"
        "}\n");
}

// ------------------------------------------------------------- comments

TEST_CASE("fmt: comments stay where they were") {
  std::string in =
      "// header comment\n"
      "\n"
      "\n"
      "import \"x.cep\"   // trailing on import\n"
      "/* block before event */ event A { x: int, // trailing x\n"
      "  y: string? ,  /* inline */ z: bool\n"
      "  // own line before close\n"
      "}\n"
      "const   K=1 // k\n"
      "// about rule R\n"
      "@doc(\"d\")  // after doc\n"
      "rule R { // after brace\n"
      "\n"
      "  // before pattern\n"
      "  pattern a: A[x > 1 /* why */ and y != \"q\"] // after A\n"
      "    -> /* between */ b: B\n"
      "\n"
      "\n"
      "  within 10m\n"
      "  emit Out { a = a.x, // first\n"
      "     b = count(c)\n"
      "     , }\n"
      "  // before close\n"
      "}\n"
      "/* trailing block at end */\n"
      "// last line\n";
  CHECK(FmtStable(in) ==
        "// header comment\n"
        "\n"
        "import \"x.cep\" // trailing on import\n"
        "\n"
        "/* block before event */ event A {\n"
        "  x: int, // trailing x\n"
        "  y: string?, /* inline */\n"
        "  z: bool\n"
        "  // own line before close\n"
        "}\n"
        "\n"
        "const K = 1 // k\n"
        "\n"
        "// about rule R\n"
        "@doc(\"d\") // after doc\n"
        "rule R { // after brace\n"
        "  // before pattern\n"
        "  pattern a: A[x > 1 /* why */ and y != \"q\"] // after A\n"
        "       -> /* between */ b: B\n"
        "\n"
        "  within 10m\n"
        "  emit Out {\n"
        "    a = a.x, // first\n"
        "    b = count(c)\n"
        "  }\n"
        "  // before close\n"
        "}\n"
        "/* trailing block at end */\n"
        "// last line\n");
}

TEST_CASE("fmt: comments inside expressions, lists and patterns") {
  std::string in =
      "rule R {\n"
      "  pattern // why\n"
      "    a: A[x > 1\n"
      "         // own line in expr\n"
      "         and y < 2] -> all(b: A, // in all\n"
      "                            c: A)\n"
      "  emit O { v = f(a.x, // arg\n"
      "                 a.y), w = a.s in [\"a\", /* b */ \"c\"] }\n"
      "}\n"
      "\n"
      "/* a\n"
      "   multi-line\n"
      "     block */\n";
  CHECK(FmtStable(in) ==
        "rule R {\n"
        "  pattern // why\n"
        "      a: A[x > 1\n"
        "           // own line in expr\n"
        "           and y < 2]\n"
        "   -> all(b: A, // in all\n"
        "          c: A)\n"
        "  emit O {\n"
        "    v = f(a.x, // arg\n"
        "          a.y),\n"
        "    w = a.s in [\"a\", /* b */ \"c\"]\n"
        "  }\n"
        "}\n"
        "\n"
        "/* a\n"
        "   multi-line\n"
        "     block */\n");
}

TEST_CASE("fmt: CRLF line ends, trailing blanks and empty files") {
  CHECK(FmtStable("event A { x: int }\r\n// c   \r\nconst K = 1\r\n/* a\r\n b */\r\n") ==
        "event A { x: int }\n\n// c\nconst K = 1\n/* a\n b */\n");
  CHECK(FmtStable("") == "");
  CHECK(FmtStable("\n\n  \n") == "");
  CHECK(FmtStable("// only a comment") == "// only a comment\n");
}

TEST_CASE("fmt: blank lines: at most one kept between clauses, none after an opening brace") {
  CHECK(FmtStable("rule R {\n\n\n  pattern a: A\n\n\n\n  within 1m\n  emit X {}\n\n}\n") ==
        "rule R {\n  pattern a: A\n\n  within 1m\n  emit X {}\n}\n");
  // Between items of different kinds a blank line is always made.
  CHECK(FmtStable("event A { x: int }\nrule R { pattern a: A emit X {} }\nconst K = 1\n") ==
        "event A { x: int }\n\nrule R {\n  pattern a: A\n  emit X {}\n}\n\nconst K = 1\n");
}

TEST_CASE("fmt: files with syntax errors are refused, with diagnostics") {
  SourceManager sources;
  FileId f = sources.AddBuffer("bad.cep", "rule R { pattern a: A -> emit X {} }\n");
  DiagnosticEngine diags;
  absl::StatusOr<std::string> out = fmt::FormatFile(sources, f, diags);
  CHECK(absl::IsInvalidArgument(out.status()));
  CHECK(diags.has_errors());
  CHECK(Fmt("event A { x: int ").rfind("ERROR", 0) == 0);
  CHECK(Fmt("const S = \"unterminated\n").rfind("ERROR", 0) == 0);
  CHECK(Fmt("const D = 5parsecs\n").rfind("ERROR", 0) == 0);
}

// ------------------------------------------------------------- parts

TEST_CASE("fmt: trivia: trailing and leading comments, blank lines") {
  //                 0123456789012345678901234567
  std::string text = "a // t\n\n// l\nb /* x */ c";
  std::vector<fmt::RawToken> toks = {
      {fmt::RawKind::kCode, 0, 1},          {fmt::RawKind::kWhitespace, 1, 2},
      {fmt::RawKind::kLineComment, 2, 6},   {fmt::RawKind::kWhitespace, 6, 8},
      {fmt::RawKind::kLineComment, 8, 12},  {fmt::RawKind::kWhitespace, 12, 13},
      {fmt::RawKind::kCode, 13, 14},        {fmt::RawKind::kWhitespace, 14, 15},
      {fmt::RawKind::kBlockComment, 15, 22}, {fmt::RawKind::kWhitespace, 22, 23},
      {fmt::RawKind::kCode, 23, 24},        {fmt::RawKind::kEof, 24, 24},
  };
  fmt::Trivia t = fmt::AttachTrivia(text, toks);
  REQUIRE(t.code.size() == 4);
  REQUIRE(t.comments.size() == 3);
  CHECK(t.code[0].trailing_end - t.code[0].trailing_begin == 1);  // "// t" trails a
  CHECK(t.code[1].leading_end - t.code[1].leading_begin == 1);    // "// l" leads b
  CHECK(t.comments[1].own_line);
  CHECK(t.comments[1].blank_before);
  CHECK(!t.code[1].blank_before);
  CHECK(t.code[1].trailing_end - t.code[1].trailing_begin == 1);  // "/* x */" trails b
  CHECK(!t.comments[2].newline_after);
  CHECK(t.code[3].eof);
}

TEST_CASE("fmt: the renderer breaks a group only when it does not fit") {
  fmt::Doc d;
  d.Text("f(");
  d.BeginGroup();
  d.BeginAlign();
  d.Text("aaaa,");
  d.Line(fmt::LineKind::kSpace);
  d.Text("bbbb");
  d.EndAlign();
  d.EndGroup();
  d.Text(")");
  CHECK(fmt::Render(d, 80) == "f(aaaa, bbbb)\n");
  CHECK(fmt::Render(d, 12) == "f(aaaa,\n  bbbb)\n");
  CHECK(d.FlatWidth() == 13);
  CHECK(fmt::TextWidth("a\xc3\xa9z") == 3);
}

TEST_CASE("fmt: a space before a break does not count against the width") {
  // A group ending in a space (as a trailing block comment leaves one) fits
  // when its text does: the space is dropped at the break.
  fmt::Doc d;
  d.BeginGroup();
  d.Text("aaaa");
  d.Line(fmt::LineKind::kSpace);
  d.Text("bb");
  d.Space();
  d.EndGroup();
  d.Line(fmt::LineKind::kHard);
  d.Text("c");
  CHECK(fmt::Render(d, 7) == "aaaa bb\nc\n");
  CHECK(fmt::Render(d, 6) == "aaaa\nbb\nc\n");
  // Found by inserting comments at random: at width 60 the first pass broke
  // the pattern for the space after `/*x*/`, the second joined it again.
  const std::string rule =
      "event Login { user: string, ip: string, success: bool }\n\n"
      "rule Brute {\n"
      "  pattern f: Login[!success]{2,} -> ok: Login[success]/*x*/  partition by user\n"
      "  within 1m\n"
      "  emit Suspicious { user = ok.user }\n"
      "}\n";
  const std::string once = FmtStable(rule, 60);
  CHECK(once.find("  pattern f: Login[!success]{2,} -> ok: Login[success] /*x*/\n") != std::string::npos);
  FmtStable(rule, 59);
}

TEST_CASE("fmt: unified diff") {
  CHECK(fmt::UnifiedDiff("a\nb\n", "a\nb\n", "x", "y").empty());
  CHECK(fmt::UnifiedDiff("a\nb\nc\n", "a\nB\nc\n", "x", "y") ==
        "--- x\n+++ y\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
  // Far-apart changes make separate hunks; context is 3 lines.
  std::string from, to;
  for (int i = 0; i < 20; ++i) {
    from += std::to_string(i) + "\n";
    to += (i == 2 || i == 15 ? "x" : std::to_string(i)) + "\n";
  }
  CHECK(fmt::UnifiedDiff(from, to, "x", "y") ==
        "--- x\n+++ y\n"
        "@@ -1,6 +1,6 @@\n 0\n 1\n-2\n+x\n 3\n 4\n 5\n"
        "@@ -13,7 +13,7 @@\n 12\n 13\n 14\n-15\n+x\n 16\n 17\n 18\n");
  CHECK(fmt::UnifiedDiff("a\n", "a\nb\n", "x", "y") == "--- x\n+++ y\n@@ -1,1 +1,2 @@\n a\n+b\n");
  CHECK(fmt::UnifiedDiff("a", "a\n", "x", "y") ==
        "--- x\n+++ y\n@@ -1,1 +1,1 @@\n-a\n\\ No newline at end of file\n+a\n");
  CHECK(fmt::UnifiedDiff("", "a\n", "x", "y") == "--- x\n+++ y\n@@ -0,0 +1,1 @@\n+a\n");
}

// ------------------------------------------------------------- the repository

// Every .cep of the repository and every ```cep block of docs/*.md.
std::vector<std::pair<std::string, std::string>> RepositoryRuleTexts() {
  namespace fs = std::filesystem;
  std::vector<std::pair<std::string, std::string>> out;
  fs::path root(CEP_SOURCE_DIR);
  auto read = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  for (const char* dir : {"samples", "stdlib-rules", "tests"}) {
    if (!fs::exists(root / dir)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
      if (e.is_regular_file() && e.path().extension() == ".cep") {
        out.emplace_back(e.path().string(), read(e.path()));
      }
    }
  }
  for (const auto& e : fs::directory_iterator(root / "docs")) {
    if (e.path().extension() != ".md") continue;
    std::istringstream in(read(e.path()));
    std::string line, block;
    bool inside = false;
    int number = 0, start = 0;
    while (std::getline(in, line)) {
      ++number;
      if (!inside && line.rfind("```cep", 0) == 0) {
        inside = true;
        start = number;
        block.clear();
      } else if (inside && line.rfind("```", 0) == 0) {
        inside = false;
        out.emplace_back(e.path().string() + ":" + std::to_string(start), block);
      } else if (inside) {
        block += line + "\n";
      }
    }
  }
  return out;
}

std::string DumpWithoutPlaces(const std::string& text) {
  SourceManager sources;
  FileId f = sources.AddBuffer("t.cep", text);
  DiagnosticEngine diags;
  ast::Module m = parse::ParseModule(sources, f, diags);
  std::string dump = ast::DumpModule(m, sources);
  std::string out;
  std::istringstream in(dump);
  std::string line;
  while (std::getline(in, line)) {
    size_t at = line.rfind(" @");
    if (at != std::string::npos && line.find_first_not_of("0123456789:", at + 2) == std::string::npos) {
      line.resize(at);
    }
    out += line + "\n";
  }
  return out;
}

bool HasSyntaxErrors(const std::string& text) {
  SourceManager sources;
  FileId f = sources.AddBuffer("t.cep", text);
  DiagnosticEngine diags;
  parse::ParseModule(sources, f, diags);
  return diags.has_errors();
}

TEST_CASE("fmt: every rule file and doc example: idempotent, same AST, same comments") {
  std::vector<std::pair<std::string, std::string>> files = RepositoryRuleTexts();
  CHECK(files.size() > 50);
  int formatted = 0;
  for (const auto& [path, text] : files) {
    INFO(path);
    fmt::FormatOptions no_verify;
    no_verify.verify = false;
    absl::StatusOr<std::string> once = fmt::FormatText(text, no_verify);
    if (HasSyntaxErrors(text)) {
      CHECK(absl::IsInvalidArgument(once.status()));
      continue;
    }
    REQUIRE(once.ok());
    ++formatted;
    absl::StatusOr<std::string> twice = fmt::FormatText(*once, no_verify);
    REQUIRE(twice.ok());
    CHECK(*twice == *once);
    CHECK(DumpWithoutPlaces(*once) == DumpWithoutPlaces(text));
    // The built-in verification (AST and comments) agrees.
    CHECK(fmt::FormatText(text).ok());
  }
  CHECK(formatted > 40);
}

// `text` with comments and line breaks inserted at random after blanks that
// are outside strings, comments and regex literals (so the tokens stay).
std::string WithRandomTrivia(const std::string& text, std::mt19937& rng) {
  std::string out;
  std::uniform_int_distribution<int> pick(0, 99);
  bool regex_next = false;
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    size_t end = i + 1;
    if (c == '"') {
      while (end < text.size() && text[end] != '"' && text[end] != '\n') end += text[end] == '\\' ? 2 : 1;
      ++end;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      end = text.find('\n', i);
      if (end == std::string::npos) end = text.size();
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      end = text.find("*/", i + 2);
      end = end == std::string::npos ? text.size() : end + 2;
    } else if (c == '/' && regex_next) {
      while (end < text.size() && text[end] != '/' && text[end] != '\n') end += text[end] == '\\' ? 2 : 1;
      ++end;
      while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
    }
    end = std::min(end, text.size());
    out.append(text, i, end - i);
    if (c == '~' && i > 0 && (text[i - 1] == '=' || text[i - 1] == '!')) regex_next = true;
    else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') regex_next = false;
    if ((c == ']' || c == ')' || c == ',') && pick(rng) < 3) {
      out += "/*x*/";  // glued to the token before it: a trailing comment
    } else if (c == ' ' || c == '\n') {
      int r = pick(rng);
      if (r < 6) out += " // c" + std::to_string(r) + "\n";
      else if (r < 12) out += " /* b */ ";
      else if (r < 15) out += "\n\n";
      else if (r < 17) out += "\n/* two\n   lines */\n";
      else if (r < 22) out += "\n";
    }
    i = end;
  }
  return out;
}

TEST_CASE("fmt: rule files with comments and blank lines inserted at random") {
  std::mt19937 rng(20240601);
  int checked = 0;
  for (const auto& [path, text] : RepositoryRuleTexts()) {
    if (HasSyntaxErrors(text)) continue;
    for (int variant = 0; variant < 3; ++variant) {
      std::string noisy = WithRandomTrivia(text, rng);
      if (HasSyntaxErrors(noisy)) continue;  // a comment inside a token the scan missed
      INFO(path, " variant ", variant, ":\n", noisy);
      for (int width : {100, 60, 40}) {
        fmt::FormatOptions o;
        o.width = width;
        absl::StatusOr<std::string> once = fmt::FormatText(noisy, o);  // verified: AST and comments
        REQUIRE_MESSAGE(once.ok(), once.status().message());
        absl::StatusOr<std::string> twice = fmt::FormatText(*once, o);
        REQUIRE(twice.ok());
        CHECK(*twice == *once);
        ++checked;
      }
    }
  }
  CHECK(checked > 200);
}

}  // namespace
}  // namespace cep
