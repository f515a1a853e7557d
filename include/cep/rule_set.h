// Public API: compiling rules into a RuleSet, and resolving event type and
// field names to handles once, so that building events (event_builder.h) and
// reading derived events (derived_event.h) never look a name up per event.
//
//   cep::Diagnostics diags;
//   absl::StatusOr<cep::RuleSet> rules = cep::CompileRules(text, {}, &diags);
//   if (!rules.ok()) std::cerr << diags.Text();   // exactly what `cep check` prints
//
// Errors are values, never exceptions: rule errors give InvalidArgument (the
// diagnostics say what and where), a rule file that cannot be read gives
// NotFound / PermissionDenied. Warnings come with a successful compile too.
//
// A RuleSet is immutable and cheap to copy (copies share the compiled
// program): create any number of engines from it, on any threads.
// Tested by tests/unit/api_compile_test.cc and api_builder_test.cc.
#ifndef CEP_RULE_SET_H_
#define CEP_RULE_SET_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "cep/diagnostics.h"

namespace cep {

// The value types of event fields (docs/language.md, "Types").
enum class FieldType : uint8_t { kBool, kInt, kFloat, kString, kTimestamp, kDuration };
// "bool", "int", "float", "string", "timestamp", "duration".
std::string_view FieldTypeName(FieldType type);

// An event type resolved by RuleSet::ResolveType. Valid for the rule set that
// made it (and its copies) and the engines and builders made from it.
class TypeHandle {
 public:
  TypeHandle() = default;  // resolves nothing: using it is an error Status
  bool valid() const { return rule_set_ != 0; }
  // Declared with `event` (it can be pushed); false for a type only rules emit.
  bool is_input() const { return input_; }

 private:
  friend struct HandleAccess;
  uint32_t rule_set_ = 0;  // RuleSet identity (0: none)
  uint16_t type_ = 0;
  uint16_t nfields_ = 0;
  bool input_ = false;
};

// A field of one event type, with its type. Valid like its TypeHandle.
class FieldHandle {
 public:
  FieldHandle() = default;  // resolves nothing
  bool valid() const { return rule_set_ != 0; }
  FieldType type() const { return type_; }
  // `T?` in the declaration (or may be null, for a derived type): SetNull is allowed.
  bool optional() const { return optional_; }

 private:
  friend struct HandleAccess;
  uint32_t rule_set_ = 0;
  uint16_t event_type_ = 0;
  uint16_t slot_ = 0;
  FieldType type_ = FieldType::kBool;
  bool optional_ = false;
};

struct FieldDescription {
  std::string name;
  FieldType type = FieldType::kBool;
  bool optional = false;
};

struct EventTypeDescription {
  std::string name;
  bool is_input = false;                 // declared with `event`: can be pushed
  std::string emitted_by;                // the first rule that emits it, or empty
  bool read_by_rules = false;            // some rule reads it (others are counted and skipped)
  std::vector<FieldDescription> fields;  // declared order; without the built-in `time`
};

class RuleSet {
 public:
  ~RuleSet();
  RuleSet(const RuleSet&);
  RuleSet& operator=(const RuleSet&);
  RuleSet(RuleSet&&) noexcept;
  RuleSet& operator=(RuleSet&&) noexcept;

  // Warnings of the compilation (a RuleSet never has errors).
  const Diagnostics& diagnostics() const;
  // Every rule, in program order.
  std::vector<std::string> rule_names() const;
  // Every event type, declared or derived, in the order the compiler numbered
  // them (declared types first).
  std::vector<EventTypeDescription> event_types() const;

  // NotFound ("unknown event type 'Logn'; did you mean 'Login'?") when no
  // type has this name.
  absl::StatusOr<TypeHandle> ResolveType(std::string_view name) const;
  // NotFound ("event type 'Login' has no field 'usr'; did you mean 'user'?");
  // InvalidArgument for `time` (Start sets it) or a handle of another rule set.
  absl::StatusOr<FieldHandle> ResolveField(TypeHandle type, std::string_view field) const;
  // Both at once: ResolveField(ResolveType(type), field).
  absl::StatusOr<FieldHandle> ResolveField(std::string_view type, std::string_view field) const;

  struct Impl;  // implementation detail

 private:
  friend struct RuleSetAccess;
  explicit RuleSet(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

struct CompileOptions {
  // CompileRules: the file name diagnostics show for the text. Its
  // directory is where `import "x.cep"` in the text looks (none: the
  // current directory), as if the text were that file.
  std::string display_path = "<rules>";
  // Stop listing errors after this many (0: all), as `cep check --max-errors`.
  uint32_t max_errors = 0;
};

// Compiles rule text (with the files it imports).
absl::StatusOr<RuleSet> CompileRules(std::string_view text, const CompileOptions& options = {},
                                     Diagnostics* diagnostics = nullptr);
// Compiles rule files; a directory stands for every *.cep file below it, as
// for `cep run`.
absl::StatusOr<RuleSet> CompileRuleFiles(const std::vector<std::string>& paths,
                                         const CompileOptions& options = {},
                                         Diagnostics* diagnostics = nullptr);

}  // namespace cep

#endif  // CEP_RULE_SET_H_
