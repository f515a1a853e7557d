// Checker tests over whole programs: the language sketch's example and a
// program using every construct of docs/language.md check without errors, and
// the annotations the checker leaves on the AST (types, slots, NameRefs,
// quantifier bounds, the schema, the rule order) are the expected ones.
#include <doctest/doctest.h>

#include "compiler/check/builtins.h"
#include "compiler/check/check_testing.h"

namespace cep::check {
namespace {

using testing::CheckForTestingOnly;

constexpr const char* kSketch = R"(
event Login    { user: string, ip: string, success: bool, country: string? }
event Trade    { symbol: string, price: float, volume: int }
event Request  { service: string, status: int, latency_ms: float }
event Order    { id: string, amount: float }
event Payment  { order_id: string, amount: float }
event Shipment { order_id: string }

const MAX_FAILS = 5
const WINDOW    = 10m

@severity("high")
@doc("Repeated failed logins for one user, then a success")
rule BruteForceThenSuccess {
  pattern  fail: Login[!success]{MAX_FAILS,} -> ok: Login[success]
  partition by user
  within   WINDOW
  emit SuspiciousLogin {
    user     = ok.user,
    attempts = count(fail),
    ips      = distinct(fail.ip),
    first_at = first(fail).time
  }
}

rule VShape {
  pattern a: Trade
       -> down: Trade[price < prev.price]+
       -> up:   Trade[price > prev.price]+
       -> b:    Trade[price >= a.price]
  partition by symbol
  within 1h
  emit VRecovery { symbol = a.symbol, low = min(down.price), depth = a.price - min(down.price),
                   top = max(up.price), end_at = b.time }
}

rule UnpaidOrder {
  pattern o: Order -> !Payment[order_id == o.id] within 15m
  emit OrderTimedOut { order = o.id, amount = o.amount }
}

rule ErrorSpike {
  from     Request[status >= 500]
  window   sliding 1m every 10s
  group by service
  having   count() > 100 and avg(latency_ms) > 250
  emit ErrorSpike { service = service, errors = count(), p99 = percentile(latency_ms, 99) }
}

rule PaidAndShipped {
  pattern all(o: Order, _p: Payment, _s: Shipment)
  partition by Order.id, Payment.order_id, Shipment.order_id
  within 24h
  emit Fulfilled { order = o.id }
}

rule RepeatOffender {
  pattern SuspiciousLogin{3,}
  partition by user
  within 1d
  emit Escalation { user = user }
}
)";

TEST_CASE("the language sketch checks without diagnostics") {
  auto r = CheckForTestingOnly(kSketch);
  REQUIRE(r->parsed);
  CHECK(r->Kinds() == "");
  CHECK(r->Messages() == "");
}

int32_t BuiltinAt(std::string_view name, int argc) {
  return BuiltinIndex(*FindBuiltin(name, argc));
}

TEST_CASE("the sketch's schema: declared types, then derived types in rule order") {
  auto r = CheckForTestingOnly(kSketch);
  const Schema& schema = r->checked.schema;
  REQUIRE(schema.size() == 12);
  const char* names[] = {"Login", "Trade", "Request", "Order", "Payment", "Shipment",
                         "SuspiciousLogin", "VRecovery", "OrderTimedOut", "ErrorSpike",
                         "Fulfilled", "Escalation"};
  for (EventTypeId id = 0; id < 12; ++id) {
    CAPTURE(id);
    CHECK(schema.type(id).id == id);
    CHECK(schema.type(id).name == names[id]);
    CHECK(schema.type(id).derived == (id >= 6));
    CHECK(schema.type(id).complete);
    CHECK(schema.Find(names[id]) == &schema.type(id));
  }
  const EventTypeInfo& login = schema.type(0);
  REQUIRE(login.fields.size() == 5);
  CHECK(login.fields[0].name == "time");
  CHECK(login.fields[0].builtin);
  CHECK(login.fields[0].type == Type::Of(TypeKind::kTimestamp));
  CHECK(login.FindField("user")->slot == 1);
  CHECK(login.FindField("success")->type == Type::Of(TypeKind::kBool));
  CHECK(login.FindField("country")->optional);
  CHECK(!login.FindField("ip")->optional);
  CHECK(r->Where(login.range) == "2:7");

  const EventTypeInfo& sus = schema.type(6);
  CHECK(sus.emitted_by == 0);
  CHECK(r->Where(sus.range) == "18:8");
  REQUIRE(sus.fields.size() == 5);
  CHECK(sus.FindField("user")->type == Type::Of(TypeKind::kString));
  CHECK(sus.FindField("attempts")->type == Type::Of(TypeKind::kInt));
  CHECK(sus.FindField("ips")->type == Type::Of(TypeKind::kInt));
  CHECK(sus.FindField("first_at")->type == Type::Of(TypeKind::kTimestamp));
  CHECK(sus.FindField("first_at")->slot == 4);
  // fail{5,} is never empty, so first(fail) is never null.
  CHECK(!sus.FindField("first_at")->optional);

  const EventTypeInfo& spike = schema.type(9);
  CHECK(spike.FindField("errors")->type == Type::Of(TypeKind::kInt));
  CHECK(spike.FindField("p99")->type == Type::Of(TypeKind::kFloat));
  // A window fires only when it holds events, and latency_ms is never null.
  CHECK(!spike.FindField("p99")->optional);
}

TEST_CASE("the sketch's pattern annotations") {
  auto r = CheckForTestingOnly(kSketch);
  ast::Rule* brute = r->FindRule("BruteForceThenSuccess");
  REQUIRE(brute != nullptr);
  REQUIRE(brute->variables.size() == 2);
  CHECK(brute->variables[0].name.text == "fail");
  CHECK(brute->variables[0].event_type == 0);
  CHECK(brute->variables[0].repeated);
  CHECK(brute->variables[1].name.text == "ok");
  CHECK(!brute->variables[1].repeated);
  CHECK(brute->within_ns == 600'000'000'000);

  ast::Pattern* loop = r->Loop("BruteForceThenSuccess");
  REQUIRE(loop != nullptr);
  CHECK(loop->quant.min == 5);
  CHECK(loop->quant.max == -1);

  ast::Pattern* fail = r->Atom("BruteForceThenSuccess", "fail");
  CHECK(fail->event_type == 0);
  CHECK(fail->var_index == 0);
  const ast::Expr& not_success = *fail->filter;
  CHECK(not_success.type == Type::Of(TypeKind::kBool));
  const ast::Expr& success = *not_success.args[0];
  CHECK(success.ref == ast::NameRef::kField);
  CHECK(success.slot == 3);

  ast::Expr* attempts = r->EmitValue("BruteForceThenSuccess", "attempts");
  CHECK(attempts->type == Type::Of(TypeKind::kInt));
  CHECK(attempts->decl_index == BuiltinAt("count", 1));
  CHECK(attempts->args[0]->ref == ast::NameRef::kVariable);
  CHECK(attempts->args[0]->decl_index == 0);
  CHECK(attempts->args[0]->type == Type::Event(0, /*group=*/true));
  ast::Expr* ips = r->EmitValue("BruteForceThenSuccess", "ips");
  CHECK(ips->decl_index == BuiltinAt("distinct", 1));
  CHECK(ips->args[0]->type.group);
  CHECK(ips->args[0]->type.kind == TypeKind::kString);
  CHECK(ips->args[0]->slot == 2);
  ast::Expr* first_at = r->EmitValue("BruteForceThenSuccess", "first_at");
  CHECK(first_at->kind == ast::ExprKind::kField);
  CHECK(first_at->slot == 0);
  CHECK(first_at->args[0]->type == Type::Event(0));  // first(fail): one event
  ast::Expr* user = r->EmitValue("BruteForceThenSuccess", "user");
  CHECK(user->args[0]->ref == ast::NameRef::kVariable);
  CHECK(user->args[0]->decl_index == 1);
  CHECK(user->slot == 1);

  const CheckedRule* cr = r->FindCheckedRule("BruteForceThenSuccess");
  CHECK(cr->is_pattern);
  CHECK(!cr->has_errors);
  CHECK(cr->emit_type == 6);
  CHECK(cr->input_types == std::vector<EventTypeId>{0});
  CHECK(cr->within_ns == 600'000'000'000);
  CHECK(cr->severity == "high");
  CHECK(cr->doc == "Repeated failed logins for one user, then a success");
  REQUIRE(cr->partition.size() == 1);
  CHECK(cr->partition[0].event_type == 0);
  CHECK(cr->partition[0].slots == std::vector<int32_t>{1});
  CHECK(cr->partition_key_types == std::vector<Type>{Type::Of(TypeKind::kString)});
}

TEST_CASE("the sketch's prev, negation, window and key annotations") {
  auto r = CheckForTestingOnly(kSketch);
  ast::Pattern* down = r->Atom("VShape", "down");
  const ast::Expr& cmp = *down->filter;
  const ast::Expr& prev_price = *cmp.args[1];
  CHECK(prev_price.kind == ast::ExprKind::kField);
  CHECK(prev_price.args[0]->ref == ast::NameRef::kPrev);
  CHECK(prev_price.slot == 2);
  CHECK(prev_price.type == Type::Of(TypeKind::kFloat));
  ast::Expr* low = r->EmitValue("VShape", "low");
  CHECK(low->decl_index == BuiltinAt("min", 1));
  CHECK(low->type == Type::Of(TypeKind::kFloat));
  CHECK(r->FindRule("VShape")->variables.size() == 4);

  ast::Pattern* payment = r->Atom("UnpaidOrder", "Payment");
  CHECK(payment->event_type == 4);
  CHECK(payment->var_index == -1);
  const ast::Expr& corr = *payment->filter;
  CHECK(corr.args[0]->ref == ast::NameRef::kField);
  CHECK(corr.args[1]->args[0]->ref == ast::NameRef::kVariable);
  const CheckedRule* unpaid = r->FindCheckedRule("UnpaidOrder");
  CHECK(unpaid->input_types == std::vector<EventTypeId>{3, 4});
  CHECK(unpaid->within_ns == -1);

  const CheckedRule* spike = r->FindCheckedRule("ErrorSpike");
  CHECK(!spike->is_pattern);
  CHECK(spike->window_size == 60'000'000'000);
  CHECK(spike->window_every == 10'000'000'000);
  CHECK(spike->input_types == std::vector<EventTypeId>{2});
  ast::Rule* spike_rule = r->FindRule("ErrorSpike");
  CHECK(spike_rule->from->event_type == 2);
  CHECK(spike_rule->emit->event_type == 9);
  ast::Expr* service = r->EmitValue("ErrorSpike", "service");
  CHECK(service->ref == ast::NameRef::kGroupKey);
  CHECK(service->decl_index == 0);
  ast::Expr* errors = r->EmitValue("ErrorSpike", "errors");
  CHECK(errors->decl_index == BuiltinAt("count", 0));
  ast::Expr* p99 = r->EmitValue("ErrorSpike", "p99");
  CHECK(p99->args[0]->ref == ast::NameRef::kField);
  CHECK(p99->args[0]->type.group);
  CHECK(spike_rule->having->type == Type::Of(TypeKind::kBool));

  const CheckedRule* paid = r->FindCheckedRule("PaidAndShipped");
  REQUIRE(paid->partition.size() == 3);
  CHECK(paid->partition[0].event_type == 3);
  CHECK(paid->partition[1].event_type == 4);
  CHECK(paid->partition[2].event_type == 5);
  for (const PartitionSlots& p : paid->partition) CHECK(p.slots == std::vector<int32_t>{1});

  ast::Expr* esc_user = r->EmitValue("RepeatOffender", "user");
  CHECK(esc_user->ref == ast::NameRef::kGroupKey);
  CHECK(esc_user->decl_index == 0);
  CHECK(esc_user->type == Type::Of(TypeKind::kString));
  CHECK(r->Atom("RepeatOffender", "SuspiciousLogin")->event_type == 6);
  CHECK(r->Loop("RepeatOffender")->quant.min == 3);
  CHECK(r->checked.rule_order == std::vector<uint32_t>{0, 1, 2, 3, 4, 5});
  CHECK(r->checked.consts.size() == 2);
  CHECK(r->checked.consts[0].value == ConstValue::Int(5));
  CHECK(r->checked.consts[1].value == ConstValue::Duration(600'000'000'000));
}

// Every other construct of the language: strict and skip-till-any sequences,
// alternatives, groups with variables, loops with bounds, reluctance, loop
// policies and `until`, every `after match`, `on timeout emit`, `suppress`,
// every window kind, `from ... as`, regexes, `in`, `is null`, timestamps,
// duration arithmetic, every scalar function and aggregate.
constexpr const char* kEveryConstruct = R"(
event Login   { user: string, ip: string, success: bool, country: string?, lat: float, lon: float }
event Request { service: string, status: int, latency_ms: float, url: string, region: string? }
event Trade   { symbol: string, price: float, volume: int }
event Deploy  { service: string, version: string }

const LIMIT     = 3
const RATE      = 2.5 * 2
const NAME      = "svc-" + "a"
const DEBUG     = not false and 1 < 2
const GRACE     = 2m + 30s
const HALF      = GRACE / 2
const EPOCH     = timestamp("2024-01-31T12:00:00Z")
const LATER     = EPOCH + 1d
const SPAN      = LATER - EPOCH
const BIG       = max(LIMIT, 10) * -1
const LOWER     = lower("ABC")

@tags("ops", "deploy")
rule DeployThenErrors {
  pattern d: Deploy ; e: Request[service == d.service and status >= 500]{LIMIT, 10}? strict
       -> r: Request[service == d.service and status < 400]
  partition by service
  within 30m
  after match skip to last e
  on timeout emit DeployUnresolved { service = d.service, errors = count(e), version = d.version }
  emit DeployRecovered { service = service, errors = count(e), took = r.time - d.time,
                         mean = avg(e.latency_ms), worst = max(e.latency_ms) }
  suppress by service for 1h
}

rule Travel {
  pattern a: Login[success] -> (b: Login[success and ip != a.ip] | b: Login[country is not null and country != a.country])
  partition by user
  within 1h
  after match skip to next
  emit ImpossibleTravel { user = a.user, km = geo_distance_km(a.lat, a.lon, b.lat, b.lon),
                          country = coalesce(b.country, "??"), label = concat(a.user, "@", b.ip) }
}

rule Rising {
  pattern first_t: Trade -> ups: Trade[price > prev.price and price > first_t.price]{2,5}?
          until Trade[price < first_t.price]
  partition by symbol
  within 10m
  after match no skip
  emit Rally { symbol = first_t.symbol, n = count(ups), gain = last(ups).price - first_t.price,
               sd = stddev(ups.price), vol = sum(ups.volume) }
}

rule Burst {
  pattern g: (x: Request[status == 503] -> y: Request[status == 503 and latency_ms > last(x).latency_ms]){1,10} any
  partition by service
  within 5m
  after match skip to first g
  emit Burst { n = count(x), m = count(y) }
}

rule Pairs {
  pattern a: Trade ->> b: Trade[volume > a.volume * 2] -> c: Trade[abs(price - b.price) < 0.5 or round(price) == 3.0]
  partition by symbol
  within 1m
  after match skip past last
  emit Pair { s = a.symbol, t = to_string(b.volume), v = to_float(c.volume) / 2, i = to_int("12") }
}

rule AdminProbe {
  from Request[url =~ /^\/admin(\/|$)/i and not (url !~ /x/s) and status in [401, 403] and region not in ["eu"]
               and starts_with(url, "/") and ends_with(url, "x") and contains(url, "y") and length(trim(upper(url))) > 2
               and substr(url, 0, 3) == "/ad" and matches(url, "^/a.*") and time > EPOCH and sqrt(latency_ms) > floor(1.5) + ceil(0.5)]
  emit Probe { url = url, at = time, region = coalesce(region, "none") }
}

rule Latency {
  from Request as r
  window tumbling 5m
  group by r.service
  having avg(r.latency_ms) > 100.0 and count(r) > LIMIT and min(r.latency_ms) >= 0
  emit SlowService { service = service, n = count(), p50 = percentile(latency_ms, 50.0), first_at = first(r).time }
}

rule Sessions {
  from Login[success]
  window session gap 30m
  group by user, country
  emit LoginSession { user = user, logins = count(), countries = count_distinct(ip), country = country }
}

rule Every100 {
  from Request
  window count 100 every 10
  emit Hundred { errors = sum(to_int(status >= 500 and true == true)), last_status = last(status) }
}
)";

TEST_CASE("a program using every construct checks without diagnostics") {
  auto r = CheckForTestingOnly(kEveryConstruct);
  REQUIRE(r->parsed);
  CHECK(r->Kinds() == "");
  CHECK(r->Messages() == "");
}

TEST_CASE("every construct: constants fold") {
  auto r = CheckForTestingOnly(kEveryConstruct);
  const auto& c = r->checked.consts;
  REQUIRE(c.size() == 11);
  CHECK(c[0].value == ConstValue::Int(3));
  CHECK(c[1].value == ConstValue::Float(5.0));
  CHECK(c[2].value == ConstValue::String("svc-a"));
  CHECK(c[3].value == ConstValue::Bool(true));
  CHECK(c[4].value == ConstValue::Duration(150'000'000'000));
  CHECK(c[5].value == ConstValue::Duration(75'000'000'000));
  CHECK(c[6].value == ConstValue::Timestamp(1706702400LL * 1'000'000'000));
  CHECK(c[7].value == ConstValue::Timestamp((1706702400LL + 86400) * 1'000'000'000));
  CHECK(c[8].value == ConstValue::Duration(86400LL * 1'000'000'000));
  CHECK(c[9].value == ConstValue::Int(-10));
  CHECK(c[10].value == ConstValue::String("abc"));
  CHECK(c[6].value->ToString() == "timestamp(\"2024-01-31T12:00:00+00:00\")");
  CHECK(c[4].value->ToString() == "150s");
}

TEST_CASE("every construct: pattern annotations") {
  auto r = CheckForTestingOnly(kEveryConstruct);
  const Schema& schema = r->checked.schema;

  // d: Deploy ; e: Request[...]{LIMIT, 10}? strict -> r: Request[...]
  ast::Pattern* loop = r->Loop("DeployThenErrors");
  CHECK(loop->quant.min == 3);
  CHECK(loop->quant.max == 10);
  CHECK(!loop->quant.greedy);
  CHECK(loop->quant.loop_policy == ast::SeqPolicy::kStrict);
  CHECK(r->EmitValue("DeployThenErrors", "took")->type == Type::Of(TypeKind::kDuration));
  const EventTypeInfo* unresolved = schema.Find("DeployUnresolved");
  REQUIRE(unresolved != nullptr);
  CHECK(unresolved->derived);
  // d starts every match, so it is bound in a timed-out match.
  CHECK(!unresolved->FindField("service")->optional);
  CHECK(!unresolved->FindField("errors")->optional);
  const EventTypeInfo* recovered = schema.Find("DeployRecovered");
  CHECK(recovered->FindField("mean")->type == Type::Of(TypeKind::kFloat));
  CHECK(!recovered->FindField("mean")->optional);  // e{3,10}: never empty
  const CheckedRule* dte = r->FindCheckedRule("DeployThenErrors");
  CHECK(dte->suppress_ns == 3'600'000'000'000);
  CHECK(dte->timeout_emit_type == unresolved->id);
  CHECK(dte->tags == std::vector<std::string>{"ops", "deploy"});
  CHECK(dte->severity == "");
  ast::Expr* service = r->EmitValue("DeployThenErrors", "service");
  CHECK(service->ref == ast::NameRef::kGroupKey);

  // One variable `b` bound in both alternatives.
  ast::Rule* travel = r->FindRule("Travel");
  REQUIRE(travel->variables.size() == 2);
  CHECK(travel->variables[1].name.text == "b");
  CHECK(!schema.Find("ImpossibleTravel")->FindField("country")->optional);
  CHECK(schema.Find("ImpossibleTravel")->FindField("km")->type == Type::Of(TypeKind::kFloat));

  // ups: Trade[...]{2,5}? until Trade[...]
  ast::Pattern* rising = r->Loop("Rising");
  CHECK(rising->quant.min == 2);
  CHECK(rising->quant.max == 5);
  CHECK(!rising->quant.greedy);
  REQUIRE(rising->until != nullptr);
  CHECK(rising->until->event_type == schema.Find("Trade")->id);
  const EventTypeInfo* rally = schema.Find("Rally");
  CHECK(rally->FindField("vol")->type == Type::Of(TypeKind::kInt));
  CHECK(rally->FindField("sd")->type == Type::Of(TypeKind::kFloat));

  // g: (x -> y){1,10} any
  ast::Rule* burst = r->FindRule("Burst");
  REQUIRE(burst->variables.size() == 3);
  CHECK(burst->variables[0].name.text == "g");
  CHECK(burst->variables[0].event_type == kNoEventType);
  CHECK(burst->variables[1].repeated);
  CHECK(burst->variables[2].repeated);
  CHECK(r->Loop("Burst")->quant.loop_policy == ast::SeqPolicy::kAny);
  CHECK(burst->after_match->kind == ast::AfterMatchKind::kSkipToFirst);
}

TEST_CASE("every construct: from-rule annotations") {
  auto r = CheckForTestingOnly(kEveryConstruct);
  const Schema& schema = r->checked.schema;
  ast::Rule* probe = r->FindRule("AdminProbe");
  CHECK(probe->from->filter->type == Type::Of(TypeKind::kBool));
  ast::Expr* at = r->EmitValue("AdminProbe", "at");
  CHECK(at->ref == ast::NameRef::kField);
  CHECK(at->slot == 0);
  CHECK(at->type == Type::Of(TypeKind::kTimestamp));
  CHECK(!schema.Find("Probe")->FindField("region")->optional);

  ast::Rule* latency = r->FindRule("Latency");
  REQUIRE(latency->variables.size() == 1);
  CHECK(latency->variables[0].name.text == "r");
  CHECK(latency->variables[0].repeated);
  CHECK(r->EmitValue("Latency", "service")->ref == ast::NameRef::kGroupKey);
  CHECK(r->EmitValue("Latency", "first_at")->type == Type::Of(TypeKind::kTimestamp));
  CHECK(r->FindCheckedRule("Latency")->window_size == 300'000'000'000);
  CHECK(r->FindCheckedRule("Latency")->window_every == -1);

  ast::Expr* country = r->EmitValue("Sessions", "country");
  CHECK(country->ref == ast::NameRef::kGroupKey);
  CHECK(country->decl_index == 1);
  CHECK(schema.Find("LoginSession")->FindField("country")->optional);
  CHECK(r->FindCheckedRule("Sessions")->window_size == 1'800'000'000'000);

  CHECK(r->FindCheckedRule("Every100")->window_size == 100);
  CHECK(r->FindCheckedRule("Every100")->window_every == 10);
}

TEST_CASE("imports: a module sees what it imports, transitively") {
  auto r = testing::CheckFilesForTestingOnly(
      {{"main.cep", R"(
rule UseAll {
  pattern a: A[x > LIMIT] -> b: B -> c: C
  within 1m
  emit D { x = a.x, y = b.y, z = c.z }
}
)"},
       {"a.cep", "event A { x: int }\nconst LIMIT = 1"},
       {"b.cep", "event B { y: int }"},
       {"c.cep", "event C { z: int }"}},
      {{1}, {2}, {3}, {}});
  REQUIRE(r->parsed);
  CHECK(r->Kinds() == "");
  CHECK(r->checked.schema.Find("D")->module == 0);
}

}  // namespace
}  // namespace cep::check
