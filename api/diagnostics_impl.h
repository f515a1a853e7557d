// Private to api/: builds the public Diagnostics of one compilation.
#ifndef CEP_API_DIAGNOSTICS_IMPL_H_
#define CEP_API_DIAGNOSTICS_IMPL_H_

#include <memory>
#include <vector>

#include "api/rule_set_impl.h"
#include "cep/diagnostics.h"

namespace cep {

struct Diagnostics::State {
  std::shared_ptr<const Compilation> compilation;  // for rendering
  std::vector<CompileDiagnostic> entries;
  size_t errors = 0;
  size_t warnings = 0;
  size_t dropped = 0;
};

struct DiagnosticsAccess {
  // Resolves every diagnostic to file:line:column now, so that later reads
  // (from any thread) only read.
  static Diagnostics Make(std::shared_ptr<const Compilation> compilation);
};

}  // namespace cep

#endif  // CEP_API_DIAGNOSTICS_IMPL_H_
