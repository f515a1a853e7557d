// Version (include/cep/version.h): the project version CMake passes in.
#include "cep/version.h"

namespace cep {

const char* Version() { return CEP_VERSION; }

}  // namespace cep
