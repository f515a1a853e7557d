// Renders collected diagnostics: clang-style text, JSON and SARIF 2.1.0.
// Tested by tests/unit/render_test.cc.
#ifndef CEP_COMPILER_DIAG_RENDER_H_
#define CEP_COMPILER_DIAG_RENDER_H_

#include <ostream>
#include <string_view>

#include "compiler/diag/diagnostic.h"
#include "compiler/source/source_manager.h"

namespace cep {

enum class DiagFormat { kText, kJson, kSarif };

struct RenderOptions {
  bool color = false;            // ANSI colours (the CLI enables them on a terminal)
  std::string_view tool_version = "0.0.0";
};

// Writes every diagnostic of `engine`, sorted (DiagnosticEngine::Sorted), and
// for text a closing summary line ("2 errors and 1 warning generated.") when
// there is anything to report.
void RenderDiagnostics(const SourceManager& sources, const DiagnosticEngine& engine,
                       DiagFormat format, const RenderOptions& options, std::ostream& out);

}  // namespace cep

#endif  // CEP_COMPILER_DIAG_RENDER_H_
