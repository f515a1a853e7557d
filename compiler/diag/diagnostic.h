// Diagnostics: problems in the user's rule text, collected (never thrown),
// sorted by position and rendered by render.h. I/O and resource failures are
// absl::Status, not diagnostics. The kinds live in diagnostic_kinds.def.
// Tested by tests/unit/diagnostic_test.cc and the golden diagnostic tests.
#ifndef CEP_COMPILER_DIAG_DIAGNOSTIC_H_
#define CEP_COMPILER_DIAG_DIAGNOSTIC_H_

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/source/source_manager.h"

namespace cep {

enum class Severity : uint8_t { kError, kWarning, kNote };

enum class DiagKind : uint16_t {
#define CEP_DIAG(id, name, sev, summary) k##id,
#include "compiler/diag/diagnostic_kinds.def"
#undef CEP_DIAG
  kCount_
};

struct DiagKindInfo {
  std::string_view name;     // stable, kebab-case: "unknown-field"
  Severity severity;         // default severity
  std::string_view summary;  // for SARIF rule metadata and docs
};
const DiagKindInfo& Info(DiagKind kind);
// Looks a kind up by its stable name; false when there is none.
bool KindFromName(std::string_view name, DiagKind* out);
std::string_view SeverityName(Severity s);

struct DiagNote {
  SourceRange range;  // may be invalid for a note without a place
  std::string message;
};

struct Diagnostic {
  DiagKind kind;
  Severity severity;
  SourceRange range;
  std::string message;  // starts lowercase, no trailing period
  std::vector<DiagNote> notes;
};

// Adds notes to the diagnostic just reported.
class DiagBuilder {
 public:
  explicit DiagBuilder(Diagnostic* d) : d_(d) {}
  DiagBuilder& Note(SourceRange range, std::string message) {
    if (d_ != nullptr) d_->notes.push_back({range, std::move(message)});
    return *this;
  }

 private:
  Diagnostic* d_;  // null when the diagnostic was dropped (max errors)
};

class DiagnosticEngine {
 public:
  // 0 means unlimited. Errors past the limit are counted but not stored.
  explicit DiagnosticEngine(uint32_t max_errors = 0) : max_errors_(max_errors) {}

  DiagBuilder Report(DiagKind kind, SourceRange range, std::string message);
  DiagBuilder Report(DiagKind kind, Severity severity, SourceRange range,
                     std::string message);

  uint32_t error_count() const { return errors_; }
  uint32_t warning_count() const { return warnings_; }
  uint32_t dropped_count() const { return dropped_; }
  bool has_errors() const { return errors_ > 0; }

  // Errors first at equal position, then by file, offset, insertion order.
  std::vector<const Diagnostic*> Sorted() const;
  const std::deque<Diagnostic>& diagnostics() const { return diags_; }

 private:
  std::deque<Diagnostic> diags_;  // deque: builders keep stable pointers
  uint32_t max_errors_;
  uint32_t errors_ = 0;
  uint32_t warnings_ = 0;
  uint32_t dropped_ = 0;
};

}  // namespace cep

#endif  // CEP_COMPILER_DIAG_DIAGNOSTIC_H_
