// Checker tests for annotations: @severity, @doc, @tags, and the ones cep
// does not know.
#include <doctest/doctest.h>

#include "compiler/check/check_testing.h"

namespace cep::check {
namespace {

using testing::CheckForTestingOnly;

TEST_CASE("known annotations fill the checked rule") {
  auto r = CheckForTestingOnly(R"(@doc("a login event")
event E { n: int }
@doc("a limit")
const N = 1
@severity("critical")
@doc("detects " + "things")
@tags("a", "b", "c")
rule R { from E emit O { n = n } }
)");
  CHECK(r->Kinds() == "");
  const CheckedRule* cr = r->FindCheckedRule("R");
  CHECK(cr->severity == "critical");
  CHECK(cr->doc == "detects things");
  CHECK(cr->tags == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("unknown, misplaced, duplicated and ill-typed annotations") {
  auto r = CheckForTestingOnly(R"(@severity("low")
event E { n: int }
@sevrity("high")
@owner("me")
@severity("hihg")
@severity("low")
@tags("a", 1)
@doc()
rule R { from E emit O { n = n } }
)");
  CHECK(r->Kinds() ==
        "unknown-annotation@1:2 unknown-annotation@3:2 unknown-annotation@4:2 "
        "type-mismatch@5:11 duplicate-annotation@6:1 type-mismatch@7:12 "
        "wrong-argument-count@8:1");
  CHECK(r->Messages() ==
        "'@severity' has no effect on an event type; it applies to rules\n"
        "unknown annotation '@sevrity'; did you mean '@severity'?\n"
        "unknown annotation '@owner'; cep knows @severity, @doc and @tags\n"
        "unknown severity \"hihg\"; did you mean 'high'?; the severities are \"low\", "
        "\"medium\", \"high\" and \"critical\"\n"
        "'@severity' is given twice\n"
        "  note@5:1: first given here\n"
        "the arguments of '@tags' are strings; write @tags(\"fraud\", \"login\")\n"
        "'@doc' takes 1 string argument, e.g. @doc(\"what the rule detects\")\n");
  CHECK(r->First("unknown-annotation")->severity == Severity::kWarning);
}

}  // namespace
}  // namespace cep::check
