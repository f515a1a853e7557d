// See diagnostic.h.
#include "compiler/diag/diagnostic.h"

#include <algorithm>

namespace cep {
namespace {

constexpr DiagKindInfo kInfos[] = {
#define CEP_DIAG(id, name, sev, summary) {name, Severity::sev, summary},
#include "compiler/diag/diagnostic_kinds.def"
#undef CEP_DIAG
};

}  // namespace

const DiagKindInfo& Info(DiagKind kind) { return kInfos[static_cast<size_t>(kind)]; }

bool KindFromName(std::string_view name, DiagKind* out) {
  for (size_t i = 0; i < static_cast<size_t>(DiagKind::kCount_); ++i) {
    if (kInfos[i].name == name) {
      *out = static_cast<DiagKind>(i);
      return true;
    }
  }
  return false;
}

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "error";
}

DiagBuilder DiagnosticEngine::Report(DiagKind kind, SourceRange range, std::string message) {
  return Report(kind, Info(kind).severity, range, std::move(message));
}

DiagBuilder DiagnosticEngine::Report(DiagKind kind, Severity severity, SourceRange range,
                                     std::string message) {
  if (severity == Severity::kError) {
    ++errors_;
    if (max_errors_ != 0 && errors_ > max_errors_) {
      ++dropped_;
      return DiagBuilder(nullptr);
    }
  } else if (severity == Severity::kWarning) {
    ++warnings_;
  }
  diags_.push_back({kind, severity, range, std::move(message), {}});
  return DiagBuilder(&diags_.back());
}

std::vector<const Diagnostic*> DiagnosticEngine::Sorted() const {
  std::vector<const Diagnostic*> out;
  out.reserve(diags_.size());
  for (const auto& d : diags_) out.push_back(&d);
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic* a, const Diagnostic* b) {
    if (a->range.file != b->range.file) return a->range.file < b->range.file;
    if (a->range.begin != b->range.begin) return a->range.begin < b->range.begin;
    return static_cast<int>(a->severity) < static_cast<int>(b->severity);
  });
  return out;
}

}  // namespace cep
