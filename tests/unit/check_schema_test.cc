// Tests of the schema (compiler/check/schema.h) and of building it from
// event declarations.
#include <doctest/doctest.h>

#include "compiler/check/check_testing.h"
#include "compiler/check/schema.h"

namespace cep::check {
namespace {

TEST_CASE("Schema: ids, slots, the built-in time field, lookups") {
  Schema s;
  EventTypeId a = s.Add("A", /*derived=*/false, 0, SourceRange{});
  EventTypeId b = s.Add("B", /*derived=*/true, 1, SourceRange{});
  CHECK(a == 0);
  CHECK(b == 1);
  CHECK(s.AddField(a, "x", Type::Of(TypeKind::kInt), false, SourceRange{}) == 1);
  CHECK(s.AddField(a, "y", Type::Of(TypeKind::kString), true, SourceRange{}) == 2);
  CHECK(s.Find("A") == &s.type(a));
  CHECK(s.Find("C") == nullptr);
  CHECK(s.type(a).FindField("time")->slot == kTimeSlot);
  CHECK(s.type(a).FindField("time")->builtin);
  CHECK(s.type(a).FindField("y")->optional);
  CHECK(s.type(a).FieldNames() == std::vector<std::string_view>{"x", "y"});
  CHECK(s.type(b).derived);
  CHECK(TypeName(Type::Of(TypeKind::kInt), s) == "int");
  CHECK(TypeName(Type::Event(a), s) == "event 'A'");
  CHECK(TypeName(Type::Event(a, true), s) == "events of 'A'");
  Type group = Type::Of(TypeKind::kFloat);
  group.group = true;
  CHECK(TypeName(group, s) == "values of float");
}

TEST_CASE("event declarations: every field type, optional fields") {
  auto r = testing::CheckForTestingOnly(
      "event E { i: int, f: float, b: bool, s: string, t: timestamp, d: duration, o: int? }\n");
  CHECK(r->Kinds() == "");
  const EventTypeInfo* e = r->checked.schema.Find("E");
  REQUIRE(e != nullptr);
  REQUIRE(e->fields.size() == 8);
  const TypeKind kinds[] = {TypeKind::kTimestamp, TypeKind::kInt,      TypeKind::kFloat,
                            TypeKind::kBool,      TypeKind::kString,   TypeKind::kTimestamp,
                            TypeKind::kDuration,  TypeKind::kInt};
  for (size_t i = 0; i < 8; ++i) {
    CAPTURE(i);
    CHECK(e->fields[i].slot == static_cast<int32_t>(i));
    CHECK(e->fields[i].type == Type::Of(kinds[i]));
    CHECK(e->fields[i].optional == (i == 7));
  }
  CHECK(r->Where(e->FindField("d")->range) == "1:63");
}

TEST_CASE("a field cannot hold an event") {
  auto r = testing::CheckForTestingOnly("event A { x: int }\nevent B { a: A }\n");
  CHECK(r->Kinds() == "unknown-type@2:14");
  CHECK(r->First("unknown-type")->message ==
        "unknown field type 'A'; fields hold values (int, float, bool, string, timestamp, "
        "duration), not events");
}

}  // namespace
}  // namespace cep::check
