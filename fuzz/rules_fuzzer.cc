// libFuzzer target: arbitrary bytes as a rule file, through the whole front
// end (compiler/driver/frontend.h: parse, check, lower, compile automata)
// and the text rendering of its diagnostics.
#include <cstdint>
#include <sstream>
#include <string>

#include "compiler/diag/render.h"
#include "compiler/driver/frontend.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cep::SourceManager sources;
  cep::DiagnosticEngine diags;
  std::string text(reinterpret_cast<const char*>(data), size);
  std::unique_ptr<cep::driver::FrontendResult> result =
      cep::driver::CompileText("fuzz.cep", std::move(text), sources, diags);
  cep::RenderOptions options;
  std::ostringstream out;
  cep::RenderDiagnostics(sources, diags, cep::DiagFormat::kText, options, out);
  return 0;
}
