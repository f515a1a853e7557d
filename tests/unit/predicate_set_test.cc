// Compiled conditions (runtime/expr_fast.h) and the predicate set with its
// equality indexes (runtime/predicate_set.h) against the bytecode
// interpreter: filters from real rules, compiled by the real front end, on
// random events that include nulls, NaN, -0.0, ints next to equal floats,
// empty strings, and field values of the wrong kind (which the checker rules
// out but the index must not rely on). Every answer must be the
// interpreter's; the shapes the engine relies on must be recognised.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <cstdint>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "compiler/driver/frontend.h"
#include "compiler/util/strcat.h"
#include "runtime/event.h"
#include "runtime/expr_eval.h"
#include "runtime/expr_fast.h"
#include "runtime/predicate_set.h"

namespace cep::rt {
namespace {

constexpr char kRules[] = R"(
event E { i: int, f: float, s: string, ok: bool, ni: int?, nf: float?, ns: string?,
          nb: bool?, ts: timestamp?, d: duration? }
event F { i: int, s: string }

rule Names {
  pattern a: E[s == "a"] -> b: E["b" == s] -> c: E[s == "" ] -> d: E[s in ["a", "ab", "b"]]
       -> e: E[ns == "a"] -> g: E[s != "a"] -> h: E[s < "ab"] -> k: E[s not in ["a"]]
  within 10s
  emit O {}
}
rule Ints {
  pattern a: E[i == 1] -> b: E[i == 2] -> c: E[2 == i] -> d: E[i in [1, 3]] -> e: E[ni == 1]
       -> g: E[ni == 2] -> h: E[i >= 2] -> k: E[i == 1.0] -> m: E[f == 1] -> n: E[f > 0.5]
       -> p: E[ts == timestamp("2024-01-01T00:00:00Z")] -> q: E[ts == timestamp("2024-01-01T00:00:01Z")]
       -> r: E[d == 1s] -> t: E[d == 2s] -> u: E[i == 1 and f > 0.0]
  within 10s
  emit O {}
}
rule Bools {
  pattern a: E[ok] -> b: E[!ok] -> c: E[nb] -> d: E[not nb] -> e: E[ni is null]
       -> g: E[ns is not null] -> h: E[ok == true] -> k: E[nb != false]
  within 10s
  emit O {}
}
rule Checks {
  pattern a: E -> b: E[i > a.i] -> c: E[f < prev.f]+ -> d: E[s == a.s] -> e: E[nf >= a.f]
       -> g: E[ni == prev.ni] -> h: E[i < a.f] -> k: E[i * 2 > a.i]
  within 10s
  emit O {}
}
rule Other {
  pattern a: F[s == "a"] -> b: F[i == 5]
  within 10s
  emit O {}
}
)";

struct Compiled {
  SourceManager sources;
  DiagnosticEngine diags;
  std::unique_ptr<driver::FrontendResult> fr;
};

std::unique_ptr<Compiled> Compile() {
  auto c = std::make_unique<Compiled>();
  c->fr = driver::CompileText("t.cep", kRules, c->sources, c->diags);
  std::string errors;
  for (const Diagnostic* d : c->diags.Sorted()) errors += d->message + "\n";
  REQUIRE_MESSAGE(c->fr->compiled_ok, errors);
  return c;
}

// Random events of type E (and F), from small domains so that equalities
// hold often; sometimes a field holds a value of another kind.
class RandomEvents {
 public:
  RandomEvents(const check::Schema& schema, uint64_t seed) : schema_(schema), rng_(seed) {}
  ~RandomEvents() {
    for (Event* e : events_) store_.Release(e);
  }

  Event* Make() {
    const check::EventTypeInfo& t = *schema_.Find(Pick(8) == 0 ? "F" : "E");
    builder_.Start(t.id, static_cast<uint16_t>(t.fields.size()));
    builder_.SetTime(static_cast<int64_t>(events_.size()));
    for (size_t slot = 1; slot < t.fields.size(); ++slot) {
      const check::FieldInfo& f = t.fields[slot];
      Value v = Pick(10) == 0 ? WrongKind() : Of(f.type.kind);
      if (f.optional && Pick(4) == 0) v = Value::Null();
      if (v.tag == Tag::kString) {
        builder_.SetString(static_cast<int>(slot), v.str());
      } else {
        builder_.Set(static_cast<int>(slot), v);
      }
    }
    events_.push_back(builder_.Build(store_));
    return events_.back();
  }

 private:
  uint64_t Pick(uint64_t n) { return rng_() % n; }
  Value Of(TypeKind kind) {
    static const char* const kStrings[] = {"a", "b", "ab", "", "B", "a\0"};
    static const double kFloats[] = {0.0, -0.0, 1.0, 0.5, 2.0, -1.5,
                                     std::numeric_limits<double>::quiet_NaN(),
                                     std::numeric_limits<double>::infinity()};
    constexpr int64_t kSec = 1'000'000'000;
    constexpr int64_t kJan1 = 1704067200 * kSec;  // 2024-01-01T00:00:00Z
    switch (kind) {
      case TypeKind::kInt: return Value::Int(static_cast<int64_t>(Pick(5)) - 1);
      case TypeKind::kFloat: return Value::Float(kFloats[Pick(8)]);
      case TypeKind::kString: {
        size_t k = Pick(6);
        return Value::String(std::string_view(kStrings[k], k == 5 ? 2 : std::strlen(kStrings[k])));
      }
      case TypeKind::kBool: return Value::Bool(Pick(2) == 0);
      case TypeKind::kTimestamp: return Value::Timestamp(kJan1 + static_cast<int64_t>(Pick(3)) * kSec);
      case TypeKind::kDuration: return Value::Duration(static_cast<int64_t>(Pick(3)) * kSec);
      default: return Value::Null();
    }
  }
  // A value of a random kind: an int where a string is declared, and so on.
  Value WrongKind() {
    static const TypeKind kKinds[] = {TypeKind::kInt, TypeKind::kFloat, TypeKind::kString,
                                      TypeKind::kBool, TypeKind::kTimestamp, TypeKind::kDuration};
    return Of(kKinds[Pick(6)]);
  }

  const check::Schema& schema_;
  std::mt19937_64 rng_;
  EventStore store_;
  EventBuilder builder_;
  std::vector<Event*> events_;
};

TEST_CASE("compiled conditions answer as the interpreter, on every shape") {
  std::unique_ptr<Compiled> c = Compile();
  const ir::ProgramIR& ir = c->fr->ir;
  std::vector<const expr::Program*> programs;
  for (const ir::PredicateEntry& p : ir.predicates) programs.push_back(&p.program);
  for (const ir::RuleIR& r : ir.rules) {
    for (const expr::Program& p : r.checks) programs.push_back(&p);
  }
  std::vector<LoadedProgram> compiled, interpreted;
  size_t n_compiled = 0;
  for (const expr::Program* p : programs) {
    compiled.emplace_back(p, LoadedProgram::Mode::kCompiled);
    interpreted.emplace_back(p);
    CHECK(interpreted.back().compiled() == nullptr);
    if (compiled.back().compiled() != nullptr) ++n_compiled;
  }
  // Everything but the conjunction (`i == 1 and f > 0.0`), `in` / `not in`
  // lists and the arithmetic check (`i * 2 > a.i`) has a compiled shape.
  CHECK(n_compiled + 5 == programs.size());

  RandomEvents events(c->fr->checked.schema, 7);
  std::vector<const Event*> vars(16, nullptr);
  size_t differing = 0, trues = 0;
  for (int round = 0; round < 20000; ++round) {
    EvalEnv env;
    env.current = events.Make();
    env.prev = round % 7 == 0 ? nullptr : events.Make();
    for (const Event*& v : vars) v = round % 5 == 0 ? nullptr : events.Make();
    env.vars = vars.data();
    for (size_t k = 0; k < programs.size(); ++k) {
      bool want = interpreted[k].Test(env);
      bool got = compiled[k].Test(env);
      trues += want ? 1 : 0;
      if (want != got) {
        ++differing;
        INFO("program ", k, ":\n", expr::Dump(*programs[k]));
        CHECK(got == want);
      }
    }
  }
  CHECK(differing == 0);
  CHECK(trues > 0);  // the domains are small enough for conditions to hold
}

TEST_CASE("the predicate set indexes equalities and sets the interpreter's bits") {
  std::unique_ptr<Compiled> c = Compile();
  const ir::ProgramIR& ir = c->fr->ir;
  const check::Schema& schema = c->fr->checked.schema;
  PredicateSet set(ir, schema.size());
  REQUIRE(set.size() == ir.predicates.size());
  PredicateSet::Counts counts = set.counts();
  // On E: s (== "a", == "b", == "", in [...]), ns (one `==`: compiled),
  // i (== 1, == 2, 2 ==, in [1, 3]), ni (== 1, == 2), ts, d; F's single
  // equalities are compiled, not indexed.
  CHECK(counts.indexes == 5);
  CHECK(counts.indexed == 14);
  CHECK(counts.compiled + counts.indexed + counts.interpreted == set.size());
  // Interpreted: `s not in ["a"]` and the conjunction `i == 1 and f > 0.0`.
  CHECK(counts.interpreted == 2);

  std::vector<LoadedProgram> reference;
  for (const ir::PredicateEntry& p : ir.predicates) reference.emplace_back(&p.program);
  RandomEvents events(schema, 11);
  std::vector<uint64_t> bits((set.size() + 63) / 64 + 1, 0);
  size_t differing = 0;
  for (int round = 0; round < 20000; ++round) {
    const Event* e = events.Make();
    // Stale bits from the last event must be overwritten, not kept.
    set.Evaluate(e, bits);
    EvalEnv env;
    env.current = e;
    for (uint32_t p = 0; p < set.size(); ++p) {
      if (ir.predicates[p].type != e->type) continue;
      bool want = reference[p].Test(env);
      bool got = ((bits[p >> 6] >> (p & 63)) & 1) != 0;
      if (want != got) {
        ++differing;
        INFO("predicate ", p, ":\n", expr::Dump(ir.predicates[p].program));
        CHECK(got == want);
      }
    }
  }
  CHECK(differing == 0);
}

}  // namespace
}  // namespace cep::rt
