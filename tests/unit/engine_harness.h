// A test harness over rt::Engine: compiles rule text, pushes hand-made
// events (times in seconds), and records the derived events both as
// "Rule@second var=seqs..." lines and as `cep run` JSON. For the engine's
// unit tests (engine_test.cc, window_engine_test.cc).
#ifndef CEP_TESTS_UNIT_ENGINE_HARNESS_H_
#define CEP_TESTS_UNIT_ENGINE_HARNESS_H_

#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compiler/driver/frontend.h"
#include "runtime/derived_json.h"
#include "runtime/engine.h"

namespace cep::rt {

constexpr int64_t kSec = 1000 * 1000 * 1000;

// Three event types of the same shape, which most engine tests read.
inline constexpr char kAbcTypes[] = R"(
event A { x: int, k: int }
event B { x: int, k: int }
event C { x: int, k: int }
)";

class Harness {
 public:
  explicit Harness(std::string rules, Limits limits = {}) {
    compiled_ = driver::CompileText("t.cep", std::move(rules), sources_, diags_);
    REQUIRE_MESSAGE(compiled_->compiled_ok, Errors());
    engine_ = std::make_unique<Engine>(compiled_->checked, compiled_->nfa, limits);
    engine_->SetOutput([this](const DerivedEvent& d) {
      std::string s(d.rule_name);
      if (d.timeout) s += "!timeout";
      s += "@";
      s += std::to_string(d.event->time / kSec);
      for (const auto& b : d.bindings) {
        s += " ";
        s.append(b.var);
        s += "=";
        for (size_t i = 0; i < b.seqs.size(); ++i) {
          if (i > 0) s += ",";
          s += std::to_string(b.seqs[i]);
        }
      }
      out_.push_back(s);
      std::string json;
      AppendDerivedJson(d, compiled_->checked.schema, &json);
      json_.push_back(json);
    });
  }

  std::string Errors() const {
    std::string s;
    for (const Diagnostic* d : diags_.Sorted()) s += d->message + "\n";
    return s;
  }

  // Pushes an event of `type` at `t` seconds with int fields by name.
  void Push(const std::string& type, int64_t t, const std::map<std::string, int64_t>& ints = {},
            const std::map<std::string, std::string>& strings = {}) {
    const check::EventTypeInfo* info = compiled_->checked.schema.Find(type);
    REQUIRE(info != nullptr);
    EventBuilder b;
    b.Start(info->id, static_cast<uint16_t>(info->fields.size()));
    b.SetTime(t * kSec);
    for (const auto& [name, v] : ints) {
      const check::FieldInfo* f = info->FindField(name);
      REQUIRE(f != nullptr);
      b.Set(f->slot, f->type.kind == TypeKind::kFloat ? Value::Float(static_cast<double>(v))
                                                      : (f->type.kind == TypeKind::kBool
                                                             ? Value::Bool(v != 0)
                                                             : Value::Int(v)));
    }
    for (const auto& [name, v] : strings) {
      const check::FieldInfo* f = info->FindField(name);
      REQUIRE(f != nullptr);
      b.SetString(f->slot, v);
    }
    engine_->Push(b.Build(engine_->store()));
  }

  std::string Output() const {
    std::string s;
    for (const auto& line : out_) s += line + "\n";
    return s;
  }
  // The derived events as `cep run` writes them, one per line.
  std::string Json() const {
    std::string s;
    for (const auto& line : json_) s += line + "\n";
    return s;
  }
  // Pushes an event with float and string fields too.
  void PushFields(const std::string& type, int64_t t, const std::map<std::string, double>& floats,
                  const std::map<std::string, std::string>& strings = {}) {
    const check::EventTypeInfo* info = compiled_->checked.schema.Find(type);
    REQUIRE(info != nullptr);
    EventBuilder b;
    b.Start(info->id, static_cast<uint16_t>(info->fields.size()));
    b.SetTime(t * kSec);
    for (const auto& [name, v] : floats) {
      const check::FieldInfo* f = info->FindField(name);
      REQUIRE(f != nullptr);
      b.Set(f->slot, f->type.kind == TypeKind::kFloat  ? Value::Float(v)
                     : f->type.kind == TypeKind::kBool ? Value::Bool(v != 0)
                                                       : Value::Int(static_cast<int64_t>(v)));
    }
    for (const auto& [name, v] : strings) {
      const check::FieldInfo* f = info->FindField(name);
      REQUIRE(f != nullptr);
      b.SetString(f->slot, v);
    }
    engine_->Push(b.Build(engine_->store()));
  }
  Engine& engine() { return *engine_; }

 private:
  SourceManager sources_;
  DiagnosticEngine diags_;
  std::unique_ptr<driver::FrontendResult> compiled_;
  std::unique_ptr<Engine> engine_;
  std::vector<std::string> out_;
  std::vector<std::string> json_;
};

}  // namespace cep::rt

#endif  // CEP_TESTS_UNIT_ENGINE_HARNESS_H_
