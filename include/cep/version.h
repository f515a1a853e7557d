// Public API: the version of the cep library ("0.1.0"), the same as
// `cep --version` prints. Tested by tests/unit/api_compile_test.cc.
#ifndef CEP_VERSION_H_
#define CEP_VERSION_H_

namespace cep {

const char* Version();

}  // namespace cep

#endif  // CEP_VERSION_H_
