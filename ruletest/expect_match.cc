// See expect_match.h.
#include "ruletest/expect_match.h"

#include <cmath>
#include <vector>

#include "compiler/check/const_value.h"
#include "compiler/diag/suggest.h"
#include "compiler/parse/literals.h"
#include "compiler/util/strcat.h"
#include "runtime/io/time_parse.h"

namespace cep::ruletest {
namespace {

constexpr std::string_view kExtraKeys[] = {"type", "rule", "time", "timeout", "events"};

bool IsExtraKey(std::string_view k) {
  for (std::string_view e : kExtraKeys) {
    if (k == e) return true;
  }
  return false;
}

std::string TimeText(const TimeSpec& t) {
  switch (t.kind) {
    case TimeSpec::Kind::kFromStart: return check::FormatDuration(t.ns);
    case TimeSpec::Kind::kFromPrevious: return StrCat("+", check::FormatDuration(t.ns));
    case TimeSpec::Kind::kAbsolute: return rt::io::FormatRfc3339(t.ns);
  }
  return "";
}

int64_t Resolve(const TimeSpec& t, const TimeContext& times) {
  switch (t.kind) {
    case TimeSpec::Kind::kFromStart: return times.start + t.ns;
    case TimeSpec::Kind::kFromPrevious: return times.previous + t.ns;
    case TimeSpec::Kind::kAbsolute: return t.ns;
  }
  return t.ns;
}

// An instant from an expected value: RFC 3339 text or a test time.
std::optional<int64_t> ExpectedInstant(const JsonValue& v, const TimeContext& times) {
  if (v.kind != JsonValue::Kind::kString) return std::nullopt;
  std::string error;
  std::optional<TimeSpec> t = ParseTimeSpec(v.text, &error);
  if (!t) return std::nullopt;
  return Resolve(*t, times);
}

std::optional<int64_t> GotInstant(const JsonValue* v) {
  if (v == nullptr || v->kind != JsonValue::Kind::kString) return std::nullopt;
  absl::StatusOr<int64_t> t = rt::io::ParseRfc3339(v->text);
  if (!t.ok()) return std::nullopt;
  return *t;
}

bool SameNumber(double a, double b) {
  if (a == b) return true;
  double scale = std::max({1.0, std::fabs(a), std::fabs(b)});
  return std::fabs(a - b) <= 1e-9 * scale;
}

// Structural JSON equality: numbers by value, objects by key.
bool SameJson(const JsonValue& a, const JsonValue& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case JsonValue::Kind::kNull: return true;
    case JsonValue::Kind::kBool: return a.boolean == b.boolean;
    case JsonValue::Kind::kNumber:
      if (a.is_integer && b.is_integer) return a.integer == b.integer;
      return SameNumber(a.number, b.number);
    case JsonValue::Kind::kString: return a.text == b.text;
    case JsonValue::Kind::kArray:
      if (a.items.size() != b.items.size()) return false;
      for (size_t i = 0; i < a.items.size(); ++i) {
        if (!SameJson(a.items[i], b.items[i])) return false;
      }
      return true;
    case JsonValue::Kind::kObject:
      if (a.members.size() != b.members.size()) return false;
      for (const auto& [k, v] : a.members) {
        const JsonValue* o = b.Find(k);
        if (o == nullptr || !SameJson(v, *o)) return false;
      }
      return true;
  }
  return false;
}

std::string Shown(const JsonValue* v) { return v == nullptr ? "nothing" : ToJson(*v); }

// Compares one emitted field by its declared type.
bool SameField(const check::FieldInfo& f, const JsonValue& want, const JsonValue* got,
               const TimeContext& times) {
  bool got_null = got == nullptr || got->kind == JsonValue::Kind::kNull;
  if (want.kind == JsonValue::Kind::kNull) return got_null;
  if (got_null) return false;
  switch (f.type.kind) {
    case TypeKind::kTimestamp: {
      std::optional<int64_t> a = ExpectedInstant(want, times), b = GotInstant(got);
      return a && b && *a == *b;
    }
    case TypeKind::kDuration: {
      int64_t ns = 0;
      if (want.kind == JsonValue::Kind::kString) {
        if (parse::DecodeDuration(want.text, &ns).has_value()) return false;
      } else if (want.kind == JsonValue::Kind::kNumber && want.is_integer) {
        ns = want.integer;
      } else {
        return false;
      }
      return got->kind == JsonValue::Kind::kNumber && got->is_integer && got->integer == ns;
    }
    case TypeKind::kFloat:
    case TypeKind::kInt:
      if (want.kind != JsonValue::Kind::kNumber || got->kind != JsonValue::Kind::kNumber) return false;
      if (want.is_integer && got->is_integer) return want.integer == got->integer;
      return SameNumber(want.number, got->number);
    default:
      return SameJson(want, *got);
  }
}

// Every condition of `expect` that `got` fails, in order (type first); at
// most one when `first_only`.
std::vector<std::string> Differences(const Step& expect, const Derived& got,
                                     const check::Schema& schema, const TimeContext& times,
                                     bool first_only) {
  std::vector<std::string> out;
  auto add = [&](std::string s) {
    out.push_back(std::move(s));
    return first_only;
  };
  if (got.type != expect.type) {
    if (add(StrCat("type: expected ", expect.type, ", got ", got.type))) return out;
    return out;  // other fields mean nothing on another type
  }
  const check::EventTypeInfo* type = schema.Find(expect.type);
  if (expect.time) {
    int64_t want = Resolve(*expect.time, times);
    std::optional<int64_t> have = GotInstant(got.value.Find("time"));
    if (!have || *have != want) {
      if (add(StrCat("time: expected ", rt::io::FormatRfc3339(want), " (", TimeText(*expect.time),
                     "), got ", have ? rt::io::FormatRfc3339(*have) : "none"))) {
        return out;
      }
    }
  }
  for (const auto& [key, want] : expect.fields.members) {
    const JsonValue* have = got.value.Find(key);
    bool same;
    if (key == "type") {
      same = want.kind == JsonValue::Kind::kString && want.text == got.type;
    } else if (key == "rule") {
      same = want.kind == JsonValue::Kind::kString && want.text == got.rule;
    } else if (key == "time") {
      std::optional<int64_t> a = ExpectedInstant(want, times), b = GotInstant(have);
      same = a && b && *a == *b;
    } else if (key == "timeout") {
      bool t = have != nullptr && have->kind == JsonValue::Kind::kBool && have->boolean;
      same = want.kind == JsonValue::Kind::kBool && want.boolean == t;
      if (!same && add(StrCat("timeout: expected ", Shown(&want), ", got ", t ? "true" : "false"))) {
        return out;
      }
      continue;
    } else if (key == "events") {
      // The listed variables only.
      same = want.kind == JsonValue::Kind::kObject;
      for (const auto& [var, seqs] : want.members) {
        const JsonValue* g = have == nullptr ? nullptr : have->Find(var);
        if (g == nullptr || !SameJson(seqs, *g)) {
          if (add(StrCat("events of '", var, "': expected ", ToJson(seqs), ", got ", Shown(g)))) {
            return out;
          }
          same = true;  // reported
        }
      }
      if (!same && add(StrCat("events: expected an object {\"var\": [seq, ...]}"))) return out;
      continue;
    } else {
      const check::FieldInfo* f = type == nullptr ? nullptr : type->FindField(key);
      same = f != nullptr && SameField(*f, want, have, times);
    }
    if (!same && add(StrCat("field '", key, "': expected ", ToJson(want), ", got ", Shown(have)))) {
      return out;
    }
  }
  if (expect.exactly && type != nullptr) {
    for (const check::FieldInfo& f : type->fields) {
      if (f.builtin || expect.fields.Find(f.name) != nullptr) continue;
      const JsonValue* have = got.value.Find(f.name);
      if (have == nullptr) continue;
      if (add(StrCat("field '", f.name, "' is not in the (exactly) expected event; got ",
                     ToJson(*have)))) {
        return out;
      }
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> CheckExpectation(const Step& expect, const check::Schema& schema) {
  if (expect.kind != Step::Kind::kExpect) return std::nullopt;
  const check::EventTypeInfo* type = schema.Find(expect.type);
  if (type == nullptr) {
    std::vector<std::string_view> names;
    for (const check::EventTypeInfo& t : schema.types()) names.push_back(t.name);
    return StrCat("no event type '", expect.type, "' in the rules",
                  DidYouMean(expect.type, names));
  }
  for (const auto& [key, value] : expect.fields.members) {
    if (IsExtraKey(key) || type->FindField(key) != nullptr) continue;
    std::vector<std::string_view> names = type->FieldNames();
    for (std::string_view e : kExtraKeys) names.push_back(e);
    return StrCat("'", expect.type, "' has no field '", key, "'",
                  DidYouMean(key, names));
  }
  return std::nullopt;
}

std::string FirstDifference(const Step& expect, const Derived& got, const check::Schema& schema,
                            const TimeContext& times) {
  std::vector<std::string> d = Differences(expect, got, schema, times, true);
  return d.empty() ? "" : d.front();
}

int Distance(const Step& expect, const Derived& got, const check::Schema& schema,
             const TimeContext& times) {
  if (got.type != expect.type) return 1 << 20;
  return static_cast<int>(Differences(expect, got, schema, times, false).size());
}

std::string DescribeExpectation(const Step& expect) {
  if (expect.kind == Step::Kind::kExpectNothing) return "nothing";
  std::string s = StrCat(expect.exactly ? "exactly " : "", expect.type);
  if (expect.time) s += StrCat(" at ", TimeText(*expect.time));
  if (!expect.fields.members.empty()) s += StrCat(" ", ToJson(expect.fields));
  return s;
}

}  // namespace cep::ruletest
