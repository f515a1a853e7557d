// Diagnostics (include/cep/diagnostics.h): the compiler's diagnostics turned
// into plain structs, and rendered by the same code as `cep check`
// (compiler/diag/render.h). Tested by tests/unit/api_compile_test.cc.
#include "cep/diagnostics.h"

#include <sstream>

#include "api/diagnostics_impl.h"
#include "compiler/diag/render.h"

namespace cep {
namespace {

DiagnosticSeverity ToPublic(Severity s) {
  switch (s) {
    case Severity::kError: return DiagnosticSeverity::kError;
    case Severity::kWarning: return DiagnosticSeverity::kWarning;
    case Severity::kNote: return DiagnosticSeverity::kNote;
  }
  return DiagnosticSeverity::kError;
}

// file, line, column of `range` (nothing when it has no place), as the
// renderers resolve it.
void Place(const SourceManager& sources, SourceRange range, std::string* file, uint32_t* line,
           uint32_t* column, uint32_t* end_line = nullptr, uint32_t* end_column = nullptr) {
  if (!range.valid() || range.file >= sources.file_count()) return;
  *file = std::string(sources.path(range.file));
  LineCol begin = sources.Position(range.file, range.begin);
  *line = begin.line;
  *column = begin.column;
  if (end_line != nullptr) {
    LineCol end = sources.Position(range.file, range.end > range.begin ? range.end : range.begin);
    *end_line = end.line;
    *end_column = end.column;
  }
}

const std::vector<CompileDiagnostic>& NoEntries() {
  static const std::vector<CompileDiagnostic>* none = new std::vector<CompileDiagnostic>();
  return *none;
}

std::string Render(const Diagnostics::State* state, DiagFormat format, bool color) {
  RenderOptions options;
  options.color = color;
  options.tool_version = CEP_VERSION;
  std::ostringstream out;
  if (state == nullptr) {
    // No compilation: render nothing the way the CLI renders nothing
    // (empty text, an empty JSON list, a SARIF log without results).
    SourceManager sources;
    DiagnosticEngine diags;
    RenderDiagnostics(sources, diags, format, options, out);
  } else {
    RenderDiagnostics(state->compilation->sources, state->compilation->diags, format, options, out);
  }
  return out.str();
}

}  // namespace

Diagnostics DiagnosticsAccess::Make(std::shared_ptr<const Compilation> compilation) {
  Diagnostics out;
  const SourceManager& sources = compilation->sources;
  const DiagnosticEngine& diags = compilation->diags;
  // Build every file's line table now: SourceManager builds them lazily,
  // and after this nothing writes to it (concurrent renders only read).
  for (FileId f = 0; f < sources.file_count(); ++f) sources.LineCount(f);
  auto state = std::make_shared<Diagnostics::State>();
  for (const Diagnostic* d : diags.Sorted()) {
    CompileDiagnostic e;
    Place(sources, d->range, &e.file, &e.line, &e.column, &e.end_line, &e.end_column);
    e.severity = ToPublic(d->severity);
    e.kind = std::string(Info(d->kind).name);
    e.message = d->message;
    for (const DiagNote& n : d->notes) {
      CompileDiagnostic::Note note;
      Place(sources, n.range, &note.file, &note.line, &note.column);
      note.message = n.message;
      e.notes.push_back(std::move(note));
    }
    state->entries.push_back(std::move(e));
  }
  state->errors = diags.error_count();
  state->warnings = diags.warning_count();
  state->dropped = diags.dropped_count();
  state->compilation = std::move(compilation);
  out.state_ = std::move(state);
  return out;
}

Diagnostics::Diagnostics() = default;
Diagnostics::~Diagnostics() = default;
Diagnostics::Diagnostics(const Diagnostics&) = default;
Diagnostics& Diagnostics::operator=(const Diagnostics&) = default;
Diagnostics::Diagnostics(Diagnostics&&) noexcept = default;
Diagnostics& Diagnostics::operator=(Diagnostics&&) noexcept = default;

const std::vector<CompileDiagnostic>& Diagnostics::entries() const {
  return state_ == nullptr ? NoEntries() : state_->entries;
}
size_t Diagnostics::error_count() const { return state_ == nullptr ? 0 : state_->errors; }
size_t Diagnostics::warning_count() const { return state_ == nullptr ? 0 : state_->warnings; }
size_t Diagnostics::dropped_count() const { return state_ == nullptr ? 0 : state_->dropped; }

std::string Diagnostics::Text(bool color) const {
  return Render(state_.get(), DiagFormat::kText, color);
}
std::string Diagnostics::Json() const { return Render(state_.get(), DiagFormat::kJson, false); }
std::string Diagnostics::Sarif() const { return Render(state_.get(), DiagFormat::kSarif, false); }

}  // namespace cep
