// Private to compiler/diag: the three renderers behind RenderDiagnostics
// (render.h) and the small helpers they share (location lookup, UTF-8
// decoding, JSON string escaping). Defined in render.cc, render_text.cc,
// render_json.cc and render_sarif.cc. Tested by tests/unit/render_test.cc.
#ifndef CEP_COMPILER_DIAG_RENDER_INTERNAL_H_
#define CEP_COMPILER_DIAG_RENDER_INTERNAL_H_

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include "compiler/diag/diagnostic.h"
#include "compiler/diag/render.h"
#include "compiler/source/source_manager.h"

namespace cep::render_internal {

// A range resolved to lines and columns: 1-based, byte columns, end exclusive
// (end == begin for an empty range).
struct Span {
  std::string_view path;
  LineCol begin;
  LineCol end;
};

// False when the range is invalid or names a file `sources` does not hold.
bool Resolve(const SourceManager& sources, SourceRange range, Span* out);

// Decodes the UTF-8 sequence at the start of `s`. Returns its length in bytes
// and sets *code_point, or returns 0 when `s` is empty or does not start with
// a valid sequence (stray continuation, truncated, overlong, surrogate, above
// U+10FFFF).
size_t DecodeUtf8(std::string_view s, char32_t* code_point);

// Appends `s` as a JSON string literal, quotes included. Control characters
// become \u00XX (\n, \r, \t keep their short forms) and bytes that are not
// valid UTF-8 become U+FFFD, so the result is always valid JSON.
void AppendJsonString(std::string* out, std::string_view s);

void RenderText(const SourceManager& sources, const DiagnosticEngine& engine,
                const RenderOptions& options, std::ostream& out);
void RenderJson(const SourceManager& sources, const DiagnosticEngine& engine,
                const RenderOptions& options, std::ostream& out);
void RenderSarif(const SourceManager& sources, const DiagnosticEngine& engine,
                 const RenderOptions& options, std::ostream& out);

}  // namespace cep::render_internal

#endif  // CEP_COMPILER_DIAG_RENDER_INTERNAL_H_
