// Public API: the diagnostics of compiling rules, structured (file, line,
// column, severity, kind, message, notes) and rendered exactly as the `cep`
// command prints them (clang-style text, JSON, SARIF).
//
// Diagnostics is an immutable value: copies share one rendering state, and
// every method is const and safe to call from several threads at once.
// Tested by tests/unit/api_compile_test.cc.
#ifndef CEP_DIAGNOSTICS_H_
#define CEP_DIAGNOSTICS_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cep {

enum class DiagnosticSeverity : uint8_t { kError, kWarning, kNote };

// One problem in the rule text. Lines and columns are 1-based (columns count
// bytes, as clang's do); the end is exclusive. A diagnostic without a place
// has an empty `file` and zero positions.
struct CompileDiagnostic {
  struct Note {
    std::string file;
    uint32_t line = 0;
    uint32_t column = 0;
    std::string message;  // e.g. "'Login' declared here"
  };

  std::string file;  // as given: the path, or CompileOptions::display_path
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t end_line = 0;
  uint32_t end_column = 0;
  DiagnosticSeverity severity = DiagnosticSeverity::kError;
  // The stable kebab-case kind, e.g. "unknown-field" (the `[kind]` suffix of
  // the text form; docs/language.md lists them).
  std::string kind;
  std::string message;  // lowercase first letter, no trailing period
  std::vector<Note> notes;
};

class Diagnostics {
 public:
  Diagnostics();  // none
  ~Diagnostics();
  Diagnostics(const Diagnostics&);
  Diagnostics& operator=(const Diagnostics&);
  Diagnostics(Diagnostics&&) noexcept;
  Diagnostics& operator=(Diagnostics&&) noexcept;

  // In the order `cep check` prints them (by file and position, errors first).
  const std::vector<CompileDiagnostic>& entries() const;
  bool empty() const { return entries().empty(); }
  size_t error_count() const;
  size_t warning_count() const;
  // Errors past CompileOptions::max_errors: counted, not listed.
  size_t dropped_count() const;

  // What `cep check` writes: each diagnostic with its source line and caret,
  // then "N errors generated." (empty when there is nothing to report).
  // `color` adds the ANSI colours the CLI uses on a terminal.
  std::string Text(bool color = false) const;
  // `--diagnostics-format=json` and `=sarif`.
  std::string Json() const;
  std::string Sarif() const;

  struct State;  // implementation detail

 private:
  friend struct DiagnosticsAccess;
  std::shared_ptr<const State> state_;
};

}  // namespace cep

#endif  // CEP_DIAGNOSTICS_H_
