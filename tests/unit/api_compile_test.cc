// Tests of the embedding API's compile entry points (include/cep/rule_set.h,
// diagnostics.h, version.h): rule text and files into a RuleSet, errors and
// warnings as structured diagnostics and rendered exactly as `cep check`
// renders them, the schema described, and names resolved to handles.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "cep/cep.h"
#include "compiler/diag/render.h"
#include "compiler/driver/frontend.h"

namespace {

constexpr char kRules[] = R"(event Login { user: string, ip: string?, success: bool }

rule BruteForce {
  pattern fail: Login[!success]{3,} -> ok: Login[success]
  partition by user
  within 10m
  emit Alert { user = ok.user, attempts = count(fail) }
}
)";

// What `cep check` prints for `text` (the CLI calls RenderDiagnostics the same way).
std::string CliText(const std::string& path, const std::string& text) {
  cep::SourceManager sources;
  cep::DiagnosticEngine diags;
  cep::driver::CompileText(path, text, sources, diags);
  cep::RenderOptions options;
  options.tool_version = cep::Version();
  std::ostringstream out;
  cep::RenderDiagnostics(sources, diags, cep::DiagFormat::kText, options, out);
  return out.str();
}

// A fresh directory under the system temp dir, removed at the end of scope.
class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("cep_api_test_" + std::to_string(getpid()) + "_" + std::to_string(counter_++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::filesystem::path p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

TEST_CASE("CompileRules: good rules give a RuleSet with no diagnostics") {
  cep::Diagnostics diags;
  absl::StatusOr<cep::RuleSet> rules = cep::CompileRules(kRules, {}, &diags);
  REQUIRE(rules.ok());
  CHECK(diags.empty());
  CHECK(diags.Text().empty());
  CHECK(rules->diagnostics().empty());
  CHECK(rules->rule_names() == std::vector<std::string>{"BruteForce"});
}

TEST_CASE("CompileRules: an error comes back as InvalidArgument with structured diagnostics") {
  const std::string text =
      "event Login { user: string, success: bool }\n"
      "rule R { pattern a: Login[sucess] emit Seen { user = a.user } }\n";
  cep::CompileOptions options;
  options.display_path = "typo.cep";
  cep::Diagnostics diags;
  absl::StatusOr<cep::RuleSet> rules = cep::CompileRules(text, options, &diags);
  REQUIRE_FALSE(rules.ok());
  CHECK(rules.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(rules.status().message()) ==
        "1 error in the rules; the first: typo.cep:2:27: error: unknown field 'sucess' in event "
        "type 'Login'; did you mean 'success'? [unknown-field]");

  REQUIRE(diags.entries().size() == 1);
  const cep::CompileDiagnostic& d = diags.entries()[0];
  CHECK(d.file == "typo.cep");
  CHECK(d.line == 2);
  CHECK(d.column == 27);
  CHECK(d.end_line == 2);
  CHECK(d.end_column == 33);
  CHECK(d.severity == cep::DiagnosticSeverity::kError);
  CHECK(d.kind == "unknown-field");
  CHECK(d.message == "unknown field 'sucess' in event type 'Login'; did you mean 'success'?");
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0].file == "typo.cep");
  CHECK(d.notes[0].line == 1);
  CHECK(d.notes[0].column == 7);
  CHECK(d.notes[0].message == "'Login' declared here");
  CHECK(diags.error_count() == 1);
  CHECK(diags.warning_count() == 0);

  // Rendered as `cep check` renders it, byte for byte.
  CHECK(diags.Text() == CliText("typo.cep", text));
  CHECK(diags.Text().find("1 error generated.") != std::string::npos);
  CHECK(diags.Text(/*color=*/true).find("\033[") != std::string::npos);
  CHECK(diags.Json().find("\"unknown-field\"") != std::string::npos);
  CHECK(diags.Sarif().find("\"ruleId\":\"unknown-field\"") != std::string::npos);
}

TEST_CASE("CompileRules: syntax errors, several errors, and max_errors") {
  cep::Diagnostics diags;
  absl::StatusOr<cep::RuleSet> rules = cep::CompileRules("event A { x: int \nrule", {}, &diags);
  REQUIRE_FALSE(rules.ok());
  CHECK(rules.status().code() == absl::StatusCode::kInvalidArgument);
  REQUIRE_FALSE(diags.entries().empty());
  CHECK(diags.entries()[0].file == "<rules>");
  CHECK(diags.entries()[0].line >= 1);

  const std::string many =
      "event A { x: int }\n"
      "rule R1 { pattern a: A[y > 1] emit B { v = a.x } }\n"
      "rule R2 { pattern a: A[z > 1] emit C { v = a.x } }\n"
      "rule R3 { pattern a: A[w > 1] emit D { v = a.x } }\n";
  cep::Diagnostics all;
  absl::StatusOr<cep::RuleSet> r2 = cep::CompileRules(many, {}, &all);
  REQUIRE_FALSE(r2.ok());
  CHECK(all.error_count() == 3);
  CHECK(
      std::string(r2.status().message()).rfind("3 errors in the rules; the first: <rules>:2:", 0) ==
      0);

  cep::CompileOptions capped;
  capped.max_errors = 1;
  cep::Diagnostics some;
  CHECK_FALSE(cep::CompileRules(many, capped, &some).ok());
  CHECK(some.entries().size() == 1);
  CHECK(some.dropped_count() == 2);
}

TEST_CASE("CompileRules: warnings come with a successful compile") {
  const std::string text = std::string("@colour(\"red\")\n") + kRules;
  cep::Diagnostics diags;
  absl::StatusOr<cep::RuleSet> rules = cep::CompileRules(text, {}, &diags);
  REQUIRE(rules.ok());
  REQUIRE(diags.entries().size() == 1);
  CHECK(diags.entries()[0].severity == cep::DiagnosticSeverity::kWarning);
  CHECK(diags.entries()[0].kind == "unknown-annotation");
  CHECK(diags.warning_count() == 1);
  CHECK(rules->diagnostics().entries().size() == 1);
  CHECK(rules->diagnostics().Text() == CliText("<rules>", text));
}

TEST_CASE("CompileRuleFiles: files, directories, imports, and unreadable paths") {
  TempDir dir;
  std::string types = dir.Write("lib/types.cep", "event Login { user: string, success: bool }\n");
  std::string main =
      dir.Write("rules/main.cep",
                "import \"../lib/types.cep\"\n"
                "rule Fail { pattern a: Login[!success] emit Failed { user = a.user } }\n");
  absl::StatusOr<cep::RuleSet> rules = cep::CompileRuleFiles({main});
  REQUIRE_MESSAGE(rules.ok(), rules.status());
  CHECK(rules->rule_names() == std::vector<std::string>{"Fail"});
  CHECK(rules->ResolveType("Login").ok());

  // A directory stands for every *.cep below it.
  absl::StatusOr<cep::RuleSet> from_dir = cep::CompileRuleFiles({dir.path() + "/rules"});
  REQUIRE_MESSAGE(from_dir.ok(), from_dir.status());
  CHECK(from_dir->rule_names() == std::vector<std::string>{"Fail"});

  // Text imports resolve against the directory of display_path.
  cep::CompileOptions options;
  options.display_path = dir.path() + "/rules/inline.cep";
  absl::StatusOr<cep::RuleSet> text = cep::CompileRules(
      "import \"../lib/types.cep\"\nrule Ok { pattern a: Login[success] emit Good { user = a.user "
      "} }\n",
      options);
  REQUIRE_MESSAGE(text.ok(), text.status());

  cep::Diagnostics diags;
  absl::StatusOr<cep::RuleSet> missing =
      cep::CompileRuleFiles({dir.path() + "/nope.cep"}, {}, &diags);
  CHECK(missing.status().code() == absl::StatusCode::kNotFound);
  CHECK(std::string(missing.status().message()).find("nope.cep") != std::string::npos);
  CHECK(diags.empty());
  CHECK(cep::CompileRuleFiles({}).status().code() == absl::StatusCode::kInvalidArgument);

  // An import that is missing is a diagnostic in the importing file.
  std::string broken = dir.Write("broken.cep", "import \"gone.cep\"\n");
  cep::Diagnostics import_diags;
  absl::StatusOr<cep::RuleSet> b = cep::CompileRuleFiles({broken}, {}, &import_diags);
  CHECK(b.status().code() == absl::StatusCode::kInvalidArgument);
  REQUIRE(import_diags.entries().size() == 1);
  CHECK(import_diags.entries()[0].file == broken);
  CHECK(import_diags.entries()[0].line == 1);
}

TEST_CASE("RuleSet: the schema described") {
  absl::StatusOr<cep::RuleSet> rules = cep::CompileRules(
      std::string(kRules) + "event Unread { n: int, d: duration, t: timestamp?, f: float }\n");
  REQUIRE(rules.ok());
  std::vector<cep::EventTypeDescription> types = rules->event_types();
  REQUIRE(types.size() == 3);
  CHECK(types[0].name == "Login");
  CHECK(types[0].is_input);
  CHECK(types[0].read_by_rules);
  CHECK(types[0].emitted_by.empty());
  REQUIRE(types[0].fields.size() == 3);
  CHECK(types[0].fields[0].name == "user");
  CHECK(types[0].fields[0].type == cep::FieldType::kString);
  CHECK_FALSE(types[0].fields[0].optional);
  CHECK(types[0].fields[1].optional);
  CHECK(types[0].fields[2].type == cep::FieldType::kBool);
  CHECK(types[1].name == "Unread");
  CHECK_FALSE(types[1].read_by_rules);
  CHECK(types[1].fields[1].type == cep::FieldType::kDuration);
  CHECK(types[1].fields[2].type == cep::FieldType::kTimestamp);
  CHECK(types[1].fields[3].type == cep::FieldType::kFloat);
  CHECK(types[2].name == "Alert");
  CHECK_FALSE(types[2].is_input);
  CHECK(types[2].emitted_by == "BruteForce");
  CHECK(types[2].fields[1].name == "attempts");
  CHECK(types[2].fields[1].type == cep::FieldType::kInt);
  CHECK(cep::FieldTypeName(cep::FieldType::kTimestamp) == "timestamp");
}

TEST_CASE("RuleSet: names resolve to handles once, with clear errors") {
  absl::StatusOr<cep::RuleSet> rules = cep::CompileRules(kRules);
  REQUIRE(rules.ok());
  absl::StatusOr<cep::TypeHandle> login = rules->ResolveType("Login");
  REQUIRE(login.ok());
  CHECK(login->valid());
  CHECK(login->is_input());
  absl::StatusOr<cep::TypeHandle> alert = rules->ResolveType("Alert");
  REQUIRE(alert.ok());
  CHECK_FALSE(alert->is_input());

  absl::StatusOr<cep::FieldHandle> ip = rules->ResolveField(*login, "ip");
  REQUIRE(ip.ok());
  CHECK(ip->type() == cep::FieldType::kString);
  CHECK(ip->optional());
  absl::StatusOr<cep::FieldHandle> attempts = rules->ResolveField("Alert", "attempts");
  REQUIRE(attempts.ok());
  CHECK(attempts->type() == cep::FieldType::kInt);

  absl::StatusOr<cep::TypeHandle> typo = rules->ResolveType("Logn");
  CHECK(typo.status().code() == absl::StatusCode::kNotFound);
  CHECK(std::string(typo.status().message()) == "unknown event type 'Logn'; did you mean 'Login'?");
  absl::StatusOr<cep::FieldHandle> field_typo = rules->ResolveField(*login, "usr");
  CHECK(field_typo.status().code() == absl::StatusCode::kNotFound);
  CHECK(std::string(field_typo.status().message()) ==
        "event type 'Login' has no field 'usr'; did you mean 'user'?");
  CHECK(rules->ResolveField("Nope", "user").status().code() == absl::StatusCode::kNotFound);
  CHECK(rules->ResolveField(*login, "time").status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(rules->ResolveField(cep::TypeHandle(), "user").status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK_FALSE(cep::TypeHandle().valid());
  CHECK_FALSE(cep::FieldHandle().valid());

  // Handles belong to one compile (and its copies).
  absl::StatusOr<cep::RuleSet> other = cep::CompileRules(kRules);
  REQUIRE(other.ok());
  absl::StatusOr<cep::FieldHandle> foreign = other->ResolveField(*login, "user");
  CHECK(foreign.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(foreign.status().message()) == "the type handle comes from another rule set");
  cep::RuleSet copy = *rules;
  CHECK(copy.ResolveField(*login, "user").ok());
}

TEST_CASE("RuleSet and Diagnostics: copies share, and outlive what made them") {
  cep::Diagnostics diags;
  {
    cep::CompileOptions options;
    options.display_path = "gone.cep";
    CHECK_FALSE(cep::CompileRules("event {", options, &diags).ok());
  }
  cep::Diagnostics copy = diags;
  CHECK(copy.Text() == diags.Text());
  CHECK(copy.Text().find("gone.cep:1:") != std::string::npos);
  cep::Diagnostics none;
  CHECK(none.Text().empty());
  CHECK(none.entries().empty());
  CHECK_FALSE(none.Json().empty());  // an empty list, as `cep check --diagnostics-format=json`

  // Rendering from several threads at once only reads.
  std::vector<std::string> texts(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < texts.size(); ++i) {
    threads.emplace_back([&copy, &texts, i] { texts[i] = copy.Text() + copy.Json(); });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& t : texts) CHECK(t == texts[0]);
}

TEST_CASE("Version is the project's (CMakeLists.txt)") {
  std::ifstream in(std::string(CEP_SOURCE_DIR) + "/CMakeLists.txt");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find(std::string("project(cep VERSION ") + cep::Version() + " ") != std::string::npos);
}

}  // namespace
