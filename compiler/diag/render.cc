// RenderDiagnostics (render.h): picks the renderer for the format. Also holds
// the helpers the renderers share (render_internal.h).
// Tested by tests/unit/render_test.cc.
#include "compiler/diag/render.h"

#include <algorithm>

#include "compiler/diag/render_internal.h"

namespace cep {
namespace render_internal {

bool Resolve(const SourceManager& sources, SourceRange range, Span* out) {
  if (!range.valid() || range.file >= sources.file_count()) return false;
  out->path = sources.path(range.file);
  out->begin = sources.Position(range.file, range.begin);
  out->end = sources.Position(range.file, std::max(range.begin, range.end));
  return true;
}

size_t DecodeUtf8(std::string_view s, char32_t* code_point) {
  if (s.empty()) return 0;
  const auto lead = static_cast<unsigned char>(s[0]);
  if (lead < 0x80) {
    *code_point = lead;
    return 1;
  }
  size_t size;
  char32_t value;
  char32_t smallest;  // below this the encoding is overlong
  if ((lead & 0xE0) == 0xC0) {
    size = 2, value = lead & 0x1F, smallest = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    size = 3, value = lead & 0x0F, smallest = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    size = 4, value = lead & 0x07, smallest = 0x10000;
  } else {
    return 0;
  }
  if (s.size() < size) return 0;
  for (size_t i = 1; i < size; ++i) {
    const auto byte = static_cast<unsigned char>(s[i]);
    if ((byte & 0xC0) != 0x80) return 0;
    value = (value << 6) | (byte & 0x3F);
  }
  if (value < smallest || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
  *code_point = value;
  return size;
}

}  // namespace render_internal

void RenderDiagnostics(const SourceManager& sources, const DiagnosticEngine& engine,
                       DiagFormat format, const RenderOptions& options, std::ostream& out) {
  switch (format) {
    case DiagFormat::kText: render_internal::RenderText(sources, engine, options, out); return;
    case DiagFormat::kJson: render_internal::RenderJson(sources, engine, options, out); return;
    case DiagFormat::kSarif: render_internal::RenderSarif(sources, engine, options, out); return;
  }
}

}  // namespace cep
